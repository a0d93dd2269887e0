package io.github.pec4j.formats.internal;

import io.github.pec4j.benchmarks.FormatCheckBenchmark;
import io.github.pec4j.signature.CryptoPolicy;
import io.github.pec4j.signature.DocumentVerifier;
import io.github.pec4j.signature.TrustStore;
import io.github.pec4j.signature.internal.BcDocumentVerifier;
import io.github.pec4j.testkit.TestPki;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
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
 * The PDF byte passes of admission over the intake mix's four PDFs (100 KB, 250 KB with object
 * streams, 500 KB, 1 MB; {@code IntakeMix}), each new path beside the reference it replaced, in one
 * run: {@link #bytePass} ({@link PdfBytePass}, one pass over the bytes) against {@link
 * #bytePassReference} (a Latin-1 String per window, an {@code indexOf} per token, the PDF/A regular
 * expressions over the window); {@link #streams} ({@link PdfStreams} from the first structure-stream
 * mention) against {@link #streamsReference} (from byte 0); {@link #pades} (a streaming search for
 * {@code /ByteRange} first) against {@link #padesReference} (every PDF read whole into a byte array and
 * a String, then the regular expression). Lives in the formats' internal package to reach the package-private
 * classes (the benchmarks run on the class path).
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar 'PdfPassBenchmark' -f 1 -wi 3 -w 2s -i 5 -r 2s};
 * CPU per PDF = {@code cpuUs / pdfs} of each method. Measured on 2026-12-02 in one run on the 2-core machine
 * under other helpers' load (wall time meaningless there; CPU per PDF, averaged over the four):
 *
 * <table>
 *   <caption>CPU µs per PDF of the intake mix</caption>
 *   <tr><th>pass</th><th>reference</th><th>new</th><th>ratio</th></tr>
 *   <tr><td>byte pass</td><td>1,260</td><td>391</td><td>3.2×</td></tr>
 *   <tr><td>stream measure (only the 250 KB object-stream PDF has one)</td><td>275</td><td>14.5</td><td>19×</td></tr>
 *   <tr><td>PAdES verification of an unsigned PDF</td><td>992</td><td>689</td><td>1.44×</td></tr>
 * </table>
 *
 * <p>What is left of the unsigned PDF's verification is the SHA-256 of the file for the report's content
 * description, which the parser has computed already.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
public class PdfPassBenchmark {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final int[] SIZES = {100_000, 250_000, 500_000, 1_000_000};
    private static final boolean[] OBJECT_STREAMS = {false, true, false, false};

    private Path dir;
    private final List<Path> pdfs = new ArrayList<>();
    private final List<Long> firstStructure = new ArrayList<>();
    private DocumentVerifier pades;
    private DocumentVerifier padesReference;

    /** CPU time of the benchmark thread (µs) and the PDFs handled, per iteration. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Cpu {
        public long cpuUs;
        public long pdfs;

        void add(long cpuNs, int files) {
            cpuUs += cpuNs / 1_000;
            pdfs += files;
        }
    }

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        dir = Files.createTempDirectory("pec4j-pdf-pass-bench");
        for (int i = 0; i < SIZES.length; i++) {
            Path p = Files.write(dir.resolve("istanza-" + i + ".pdf"), FormatCheckBenchmark.realPdf(SIZES[i], i, OBJECT_STREAMS[i]));
            PdfBytePass fast = PdfBytePass.scan(p);
            if (!fast.findings().equals(PdfBytePassReference.scan(p).findings())) {
                throw new IllegalStateException(p + ": the byte passes differ");
            }
            pdfs.add(p);
            firstStructure.add(fast.firstStructureByte);
        }
        TrustStore trust = TrustStore.builder().addCertificate(TestPki.shared().caCertificate()).build();
        var ctor = BcDocumentVerifier.class.getDeclaredConstructor(TrustStore.class, CryptoPolicy.class, Clock.class, boolean.class);
        ctor.setAccessible(true);
        pades = ctor.newInstance(trust, CryptoPolicy.DEFAULT, Clock.systemUTC(), true);
        padesReference = ctor.newInstance(trust, CryptoPolicy.DEFAULT, Clock.systemUTC(), false);
        for (Path p : pdfs) {
            if (!pades.verify(p).equals(padesReference.verify(p))) {
                throw new IllegalStateException(p + ": the PAdES reports differ");
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        for (Path p : pdfs) {
            Files.deleteIfExists(p);
        }
        Files.deleteIfExists(dir);
    }

    @Benchmark
    public void bytePass(Cpu cpu, Blackhole bh) throws IOException {
        long t0 = THREADS.getCurrentThreadCpuTime();
        for (Path p : pdfs) {
            bh.consume(PdfBytePass.scan(p));
        }
        cpu.add(THREADS.getCurrentThreadCpuTime() - t0, pdfs.size());
    }

    @Benchmark
    public void bytePassReference(Cpu cpu, Blackhole bh) throws IOException {
        long t0 = THREADS.getCurrentThreadCpuTime();
        for (Path p : pdfs) {
            bh.consume(PdfBytePassReference.scan(p));
        }
        cpu.add(THREADS.getCurrentThreadCpuTime() - t0, pdfs.size());
    }

    /** The stream measure as admission runs it: only where the byte pass saw the bytes, from their first place. */
    @Benchmark
    public void streams(Cpu cpu, Blackhole bh) throws IOException {
        long t0 = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < pdfs.size(); i++) {
            if (firstStructure.get(i) >= 0) {
                bh.consume(PdfStreams.tooExpansive(pdfs.get(i), firstStructure.get(i), 64L << 20, 256L << 20));
            }
        }
        cpu.add(THREADS.getCurrentThreadCpuTime() - t0, pdfs.size());
    }

    @Benchmark
    public void streamsReference(Cpu cpu, Blackhole bh) throws IOException {
        long t0 = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < pdfs.size(); i++) {
            if (firstStructure.get(i) >= 0) {
                bh.consume(PdfStreams.tooExpansive(pdfs.get(i), 64L << 20, 256L << 20));
            }
        }
        cpu.add(THREADS.getCurrentThreadCpuTime() - t0, pdfs.size());
    }

    @Benchmark
    public void pades(Cpu cpu, Blackhole bh) throws IOException {
        long t0 = THREADS.getCurrentThreadCpuTime();
        for (Path p : pdfs) {
            bh.consume(pades.verify(p));
        }
        cpu.add(THREADS.getCurrentThreadCpuTime() - t0, pdfs.size());
    }

    @Benchmark
    public void padesReference(Cpu cpu, Blackhole bh) throws IOException {
        long t0 = THREADS.getCurrentThreadCpuTime();
        for (Path p : pdfs) {
            bh.consume(padesReference.verify(p));
        }
        cpu.add(THREADS.getCurrentThreadCpuTime() - t0, pdfs.size());
    }
}
