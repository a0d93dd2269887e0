package io.github.pec4j.benchmarks;

import io.github.pec4j.core.Attachment;
import io.github.pec4j.core.PecMessage;
import io.github.pec4j.core.PecParser;
import io.github.pec4j.testkit.Attachments;
import io.github.pec4j.testkit.FixtureKind;
import io.github.pec4j.testkit.PecFixtures;
import io.github.pec4j.testkit.SignedDocuments;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Type detection alone over the files the format check detects in {@link FormatCheckBenchmark}'s mix
 * (every attachment of its five messages, and the PDF inside the {@code .p7m}): Tika's magic detection
 * against the exact shortcut of pec-formats (FMT-DETECT-01) with Tika behind it, interleaved in one
 * operation, each slice's thread CPU counted apart. CPU per file = {@code ...Us / files}. The two internal
 * methods are reached by reflection (the benchmarks jar runs on the class path).
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar 'DetectBenchmark.interleaved' -f 1 -wi 8 -w 2s -i 8 -r 2s}.
 * Measured on 2026-12-02 on the 2-core machine under load (load average ≈ 20): Tika 447 µs of CPU per file, the
 * shortcut (file opened and its first 36,870 bytes read, as {@code FastTypes.detect(Path)} does) 63 µs, 7.1× less;
 * every file of the mix is decided by the shortcut. In {@code FormatCheckBenchmark.interleaved} ({@code pdf=classic},
 * {@code -wi 10 -i 8}, one run per build) parse + check over parse went from 4.98× (797 and 3,969 µs per message)
 * to 4.44× (804 and 3,572 µs).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
public class DetectBenchmark {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private Path dir;
    private final List<Path> files = new ArrayList<>();
    private MethodHandle fast;
    private MethodHandle tika;

    /** CPU time of each slice (µs) and the files each detected, per iteration. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Slices {
        public long tikaUs;
        public long fastUs;
        public long files;

        void add(long tikaNs, long fastNs, int n) {
            tikaUs += tikaNs / 1_000;
            fastUs += fastNs / 1_000;
            files += n;
        }
    }

    @Setup(Level.Trial)
    public void setUp() throws Throwable {
        dir = Files.createTempDirectory("pec4j-detect-bench");
        Class<?> fastTypes = Class.forName("io.github.pec4j.formats.internal.FastTypes");
        Class<?> checker = Class.forName("io.github.pec4j.formats.internal.DefaultFormatChecker");
        fast = handle(fastTypes, "detect");
        tika = handle(checker, "tikaDetect");
        PecFixtures f = PecFixtures.create();
        byte[] pdfA = FormatCheckBenchmark.realPdf(100_000, 1, false);
        byte[] pdfB = FormatCheckBenchmark.realPdf(100_000, 2, false);
        List<io.github.pec4j.testkit.MessageBuilder> mix = List.of(
                f.message(FixtureKind.POSTA_CERTIFICATA).attachment("progetto.pdf", "application/pdf", pdfA),
                f.message(FixtureKind.POSTA_CERTIFICATA).attachment("relazione.pdf", "application/pdf", pdfB),
                f.message(FixtureKind.POSTA_CERTIFICATA).attachment("istanza.pdf.p7m", "application/pkcs7-mime",
                        SignedDocuments.create().cades(Attachments.pdf())),
                f.message(FixtureKind.ACCETTAZIONE), f.message(FixtureKind.AVVENUTA_CONSEGNA));
        PecParser parser = PecParser.create();
        for (io.github.pec4j.testkit.MessageBuilder b : mix) {
            Path eml = dir.resolve("m" + files.size() + ".eml");
            b.writeTo(eml);
            try (PecMessage msg = parser.parse(eml)) {
                for (Attachment a : msg.attachments()) {
                    try (InputStream in = a.openStream()) {
                        files.add(Files.write(dir.resolve("f" + files.size() + ".bin"), in.readAllBytes()));
                    }
                }
            }
        }
        files.add(Files.write(dir.resolve("inner.pdf"), Attachments.pdf()));
        for (Path p : files) {
            if (!detectFast(p).equals(tika.invoke(p))) {
                throw new IllegalStateException(p + ": the shortcut and Tika disagree");
            }
        }
    }

    private static MethodHandle handle(Class<?> owner, String name) throws ReflectiveOperationException {
        Method m = owner.getDeclaredMethod(name, Path.class);
        m.setAccessible(true);
        return MethodHandles.lookup().unreflect(m);
    }

    private String detectFast(Path p) throws Throwable {
        @SuppressWarnings("unchecked")
        Optional<String> t = (Optional<String>) fast.invoke(p);
        return t.isPresent() ? t.get() : (String) tika.invoke(p);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Fixtures.deleteTree(dir);
    }

    /** Tika alone, then the shortcut with Tika behind it, over every file of the mix. */
    @Benchmark
    public void interleaved(Slices cpu, Blackhole bh) throws Throwable {
        long t0 = THREADS.getCurrentThreadCpuTime();
        for (Path p : files) {
            bh.consume((String) tika.invoke(p));
        }
        long t1 = THREADS.getCurrentThreadCpuTime();
        for (Path p : files) {
            bh.consume(detectFast(p));
        }
        long t2 = THREADS.getCurrentThreadCpuTime();
        cpu.add(t1 - t0, t2 - t1, files.size());
    }
}
