package io.github.pec4j.benchmarks;

import io.github.pec4j.formats.FileReport;
import io.github.pec4j.formats.FormatChecker;
import io.github.pec4j.formats.FormatPolicy;
import io.github.pec4j.testkit.Attachments;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
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

/**
 * Cost of the format policy per attachment — a small PDF, a 10 MB PDF, a 30 MB ZIP of PDFs — next
 * to a same-run SHA-256 of the same bytes.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar FormatBenchmark -prof gc}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
public class FormatBenchmark {

    @Param({"pdf-small", "pdf-10m", "zip-30m"})
    public String input;

    private Path dir;
    private Path file;
    private String name;
    private byte[] bytes;
    private FormatChecker checker;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("pec4j-format-bench");
        checker = FormatChecker.create(FormatPolicy.caluso());
        byte[] small = Attachments.pdf();
        switch (input) {
            case "pdf-small" -> {
                name = "istanza.pdf";
                file = Files.write(dir.resolve(name), small);
            }
            case "pdf-10m" -> {
                name = "progetto.pdf";
                file = Files.write(dir.resolve(name), bigPdf(small, 10 * 1024 * 1024, 1));
            }
            default -> {
                name = "allegati.zip";
                file = dir.resolve(name);
                try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(file))) {
                    for (int i = 0; i < 6; i++) {
                        z.putNextEntry(new ZipEntry("tavola" + i + ".pdf"));
                        z.write(bigPdf(small, 4_750_000, i)); // 6 x 4.75 MB: a 30 MB archive within the 30 MiB limit
                        z.closeEntry();
                    }
                }
            }
        }
        bytes = Files.readAllBytes(file);
        if (checker.check(file, name).verdict() == io.github.pec4j.formats.Verdict.REJECT) {
            throw new IllegalStateException("the benchmark input is rejected");
        }
    }

    /** A PDF padded with a stream of random bytes (incompressible, like scanned pages). */
    private static byte[] bigPdf(byte[] pdf, int size, long seed) {
        byte[] noise = new byte[size];
        new Random(seed).nextBytes(noise);
        for (int i = 0; i < noise.length; i++) {
            if (noise[i] == '/') {
                noise[i] = '_'; // no accidental PDF names in the noise
            }
        }
        String head = new String(pdf, StandardCharsets.ISO_8859_1).replace("trailer", "4 0 obj << /Length " + size + " >>\nstream\n");
        int cut = head.indexOf("stream\n") + 7;
        byte[] a = head.substring(0, cut).getBytes(StandardCharsets.ISO_8859_1);
        byte[] b = ("\nendstream\nendobj\ntrailer << /Root 1 0 R >>\n%%EOF\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = new byte[a.length + size + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(noise, 0, out, a.length, size);
        System.arraycopy(b, 0, out, a.length + size, b.length);
        return out;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Fixtures.deleteTree(dir);
    }

    /** The baseline: SHA-256 of the same bytes in memory. */
    @Benchmark
    public byte[] baselineSha256() throws NoSuchAlgorithmException {
        return MessageDigest.getInstance("SHA-256").digest(bytes);
    }

    /** The full policy check of the file. */
    @Benchmark
    public FileReport check() throws IOException {
        return checker.check(file, name);
    }

}
