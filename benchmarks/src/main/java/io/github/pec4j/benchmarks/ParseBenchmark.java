package io.github.pec4j.benchmarks;

import io.github.pec4j.core.PecMessage;
import io.github.pec4j.core.PecParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.TimeUnit;
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
 * Parse time of {@link PecParser} next to a baseline measured in the same JVM run: the JDK's
 * SHA-256 over the same message bytes, already in memory (the floor of any design that reads every
 * byte once; the parser also hashes every decoded attachment). MB/s is the message size divided by
 * the average time per operation; the ratio {@code baselineSha256 / parse} in time (that is, parse
 * MB/s over baseline MB/s) is the figure to watch.
 *
 * <ul>
 *   <li>{@link #baselineSha256}: {@code MessageDigest.getInstance("SHA-256")} over the byte[].
 *   <li>{@link #parse}: {@code PecParser.parse(Path)} of the fixture file, then {@code close()}
 *       (which deletes the spooled attachment files).
 *   <li>{@link #parseBytes}: {@code PecParser.parse(byte[])} of the same bytes (copied by the
 *       parser), then {@code close()}.
 * </ul>
 *
 * <p>Build and run from the repository root:
 *
 * <pre>
 * ./mvnw -q -B install -DskipTests
 * java -jar benchmarks/target/benchmarks.jar ParseBenchmark -f 1 -wi 3 -w 2s -i 5 -r 2s -prof gc
 * </pre>
 *
 * {@code -prof gc} adds {@code gc.alloc.rate.norm}, the bytes allocated per operation; add
 * {@code -p message=envelope-30m} for one size only.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
public class ParseBenchmark {

    /** The fixture, see {@link Fixtures#builder(String)}. */
    @Param({"receipt-10k", "envelope-1m", "envelope-30m"})
    public String message;

    private Path dir;
    private Path file;
    private byte[] bytes;
    private PecParser parser;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("pec4j-bench");
        file = Fixtures.write(message, dir);
        bytes = Files.readAllBytes(file);
        parser = PecParser.create();
        try (PecMessage m = parser.parse(file)) {
            if (m.attachments().size() != Fixtures.expected(message).size()) {
                throw new IllegalStateException(message + ": unexpected parse result " + m.attachments());
            }
        }
        System.out.printf("%n# %s: %,d bytes%n", message, bytes.length);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Fixtures.deleteTree(dir);
    }

    /** The baseline: one SHA-256 pass over the message bytes, already in memory. */
    @Benchmark
    public byte[] baselineSha256() throws NoSuchAlgorithmException {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        md.update(bytes);
        return md.digest();
    }

    /** Parse the file: classify, read the daticert, decode, hash and spool every attachment. */
    @Benchmark
    public int parse() throws IOException {
        try (PecMessage m = parser.parse(file)) {
            return m.attachments().size() + m.diagnostics().size();
        }
    }

    /** Parse from memory (the parser copies the array, then parses it the same way). */
    @Benchmark
    public int parseBytes() {
        try (PecMessage m = parser.parse(bytes)) {
            return m.attachments().size() + m.diagnostics().size();
        }
    }
}
