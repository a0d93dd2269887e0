package io.github.pec4j.benchmarks;

import io.github.pec4j.core.PecMessage;
import io.github.pec4j.core.PecParser;
import io.github.pec4j.formats.FileReport;
import io.github.pec4j.formats.FormatChecker;
import io.github.pec4j.formats.FormatPolicy;
import io.github.pec4j.formats.Verdict;
import io.github.pec4j.testkit.FixtureKind;
import io.github.pec4j.testkit.PecFixtures;
import io.github.pec4j.testkit.SignedDocuments;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.pdfbox.pdfwriter.compress.CompressParameters;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The format check over the intake's mix, next to the parse of the same messages and a SHA-256 of
 * their bytes, all in one run. The mix is built by the testkit: two posta-certificata envelopes
 * carrying a 100 KB PDF (three A4 pages of text and a scanned-looking image, as office suites
 * write them: classic cross-reference table, {@code pdf=classic}; or, with {@code pdf=objstm},
 * PDF 1.5 object and cross-reference streams, which the scan leaves to PDFBox), a citizen's envelope
 * carrying a CAdES {@code .pdf.p7m}, and two receipts (accettazione and avvenuta consegna). Each
 * operation handles the whole mix (five messages): {@link #sha256} (the floor), {@link #parse}
 * ({@code PecParser.parse} and close), {@link #parseCheck} (the same, plus
 * {@code FormatChecker.check(message)} with the default policy).
 *
 * <p>Beside the wall time per operation, {@link Cpu} counts the benchmark thread's CPU time and the
 * messages handled: CPU per message = cpuUs / messages, which holds on a loaded machine where wall
 * time does not. JMH runs the variants one after the other in one JVM; compare ratios from one run
 * (parse + check per message over parse per message).
 *
 * <p>Run (the README's figures):
 * {@code java -jar benchmarks/target/benchmarks.jar 'FormatCheckBenchmark.interleaved' -p pdf=classic -f 1 -wi 15 -w 2s -i 10 -r 2s};
 * CPU per message of each variant = its {@code ...Us} counter / {@code messages}. Measured on 2026-12-02 on a 2-core
 * machine under load (load average ≈ 25, so wall time is meaningless there), the same run for each build:
 *
 * <table>
 *   <caption>CPU µs per message, mix with classic-xref PDFs</caption>
 *   <tr><th>build</th><th>SHA-256</th><th>parse</th><th>parse + check</th><th>parse + check / parse</th></tr>
 *   <tr><td>main (PDFBox model for every PDF)</td><td>62</td><td>1,222</td><td>6,054</td><td>4.95× (20 % of parse throughput)</td></tr>
 *   <tr><td>bounded PDF scan first</td><td>60</td><td>1,038</td><td>4,598</td><td>4.43× (23 %)</td></tr>
 * </table>
 *
 * <p>Those two rows are the first step's; the README's Performance section has the current figures (parse + check
 * 2.8× the parse, from 7.2× at 155ff7a). On a noisy machine compare two builds with {@link FormatCheckAb} instead, in
 * one JVM. Mind the kernel's share: JFR's Java samples miss the time spent making and deleting temporary files, which
 * on ext4 with online {@code discard} was most of the check's CPU ({@code strace -f -e trace=openat,unlink} counts them).
 *
 * <p>A JFR profile of {@code parseCheck} after the change: Tika's magic detection 40 % of the CPU (about 350 µs per file,
 * whatever the format), parsing 27–31 %, the CAdES verification of the {@code .p7m} in {@code pec-signature} 11 %, the
 * PDF checks 14 % (PDFBox 2.4 %, for the two PDFs without a cross-reference table: the receipt's generated original
 * and the one inside the {@code .p7m}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
public class FormatCheckBenchmark {
    static final int MIX = 5;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    @Param({"classic", "objstm"})
    public String pdf;

    private Path dir;
    private final List<Path> messages = new ArrayList<>();
    private final List<byte[]> bytes = new ArrayList<>();
    private PecParser parser;
    private FormatChecker checker;

    /** CPU time of the benchmark thread (µs) and the messages handled, per iteration. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Cpu {
        public long cpuUs;
        public long messages;

        void add(long cpuNs) {
            cpuUs += cpuNs / 1_000;
            messages += MIX;
        }
    }

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("pec4j-format-check-bench");
        parser = PecParser.create();
        checker = FormatChecker.create(FormatPolicy.caluso());
        boolean streams = pdf.equals("objstm");
        PecFixtures f = PecFixtures.create();
        // a real small PDF inside: the testkit's minimal PDF has no cross-reference table, and PDFBox rebuilt it every time
        byte[] p7m = SignedDocuments.create().cades(realPdf(20_000, 9, false));
        add(f.message(FixtureKind.POSTA_CERTIFICATA).attachment("progetto.pdf", "application/pdf", realPdf(100_000, 1, streams)), "envelope-a");
        add(f.message(FixtureKind.POSTA_CERTIFICATA).attachment("relazione.pdf", "application/pdf", realPdf(100_000, 2, streams)),
                "envelope-b");
        add(f.message(FixtureKind.POSTA_CERTIFICATA).attachment("istanza.pdf.p7m", "application/pkcs7-mime", p7m), "citizen");
        add(f.message(FixtureKind.ACCETTAZIONE), "accettazione");
        add(f.message(FixtureKind.AVVENUTA_CONSEGNA), "consegna");
        for (Path m : messages) {
            try (PecMessage msg = parser.parse(m)) {
                for (FileReport r : checker.check(msg)) {
                    if (r.verdict() == Verdict.REJECT) {
                        throw new IllegalStateException(m + " is rejected: " + r.allFindings());
                    }
                }
            }
        }
    }

    private void add(io.github.pec4j.testkit.MessageBuilder b, String name) throws IOException {
        Path file = dir.resolve(name + ".eml");
        b.writeTo(file);
        messages.add(file);
        bytes.add(Files.readAllBytes(file));
    }

    /**
     * A PDF of about {@code size} bytes: three A4 pages of text and one incompressible image (a scan),
     * written by PDFBox without (classic) or with object streams.
     */
    public static byte[] realPdf(int size, long seed, boolean objectStreams) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            Random random = new Random(seed);
            int side = (int) Math.sqrt(size / 3.0);
            java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(side, side, java.awt.image.BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    img.setRGB(x, y, random.nextInt());
                }
            }
            PDImageXObject image = LosslessFactory.createFromImage(doc, img);
            for (int p = 0; p < 3; p++) {
                PDPage page = new PDPage(PDRectangle.A4);
                doc.addPage(page);
                try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                    cs.beginText();
                    cs.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 11);
                    cs.newLineAtOffset(60, 780);
                    for (int line = 0; line < 40; line++) {
                        cs.showText("Oggetto: istanza di rimborso, pagina " + (p + 1) + ", riga " + (line + 1) + ".");
                        cs.newLineAtOffset(0, -16);
                    }
                    cs.endText();
                    if (p == 0) {
                        cs.drawImage(image, 60, 60, 200, 200);
                    }
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out, objectStreams ? CompressParameters.DEFAULT_COMPRESSION : CompressParameters.NO_COMPRESSION);
            return out.toByteArray();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Fixtures.deleteTree(dir);
    }

    /** The floor: SHA-256 of every message's bytes, already in memory. */
    @Benchmark
    public void sha256(Cpu cpu, Blackhole bh) {
        long t0 = THREADS.getCurrentThreadCpuTime();
        sha256Mix(bh);
        cpu.add(THREADS.getCurrentThreadCpuTime() - t0);
    }

    /** Parse only: every message parsed (attachments decoded, hashed, spooled) and closed. */
    @Benchmark
    public void parse(Cpu cpu, Blackhole bh) {
        long t0 = THREADS.getCurrentThreadCpuTime();
        parseMix(bh, false);
        cpu.add(THREADS.getCurrentThreadCpuTime() - t0);
    }

    /** Parse and the default format policy over every attachment. */
    @Benchmark
    public void parseCheck(Cpu cpu, Blackhole bh) {
        long t0 = THREADS.getCurrentThreadCpuTime();
        parseMix(bh, true);
        cpu.add(THREADS.getCurrentThreadCpuTime() - t0);
    }

    /**
     * The three variants interleaved: each operation runs the mix once through each, so every slice
     * of the run (and whatever else loads the machine then) weighs on all three alike; the CPU time of
     * each is counted apart. Wall time here is the sum of the three.
     */
    @Benchmark
    public void interleaved(Slices cpu, Blackhole bh) {
        long t0 = THREADS.getCurrentThreadCpuTime();
        sha256Mix(bh);
        long t1 = THREADS.getCurrentThreadCpuTime();
        parseMix(bh, false);
        long t2 = THREADS.getCurrentThreadCpuTime();
        parseMix(bh, true);
        long t3 = THREADS.getCurrentThreadCpuTime();
        cpu.add(t1 - t0, t2 - t1, t3 - t2);
    }

    /** CPU time of each interleaved variant (µs) and the messages each handled, per iteration. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Slices {
        public long sha256Us;
        public long parseUs;
        public long parseCheckUs;
        public long messages;

        void add(long shaNs, long parseNs, long checkNs) {
            sha256Us += shaNs / 1_000;
            parseUs += parseNs / 1_000;
            parseCheckUs += checkNs / 1_000;
            messages += MIX;
        }
    }

    private void sha256Mix(Blackhole bh) {
        try {
            for (byte[] b : bytes) {
                bh.consume(MessageDigest.getInstance("SHA-256").digest(b));
            }
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void parseMix(Blackhole bh, boolean check) {
        for (Path m : messages) {
            try (PecMessage msg = parser.parse(m)) {
                bh.consume(check ? checker.check(msg) : msg.attachments().size());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
