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
 * Parse throughput of {@link PecParser} next to a baseline measured in the same run: the JDK's
 * SHA-256 over the same bytes (the floor of any design that reads every byte once). Divide the
 * message size by the time per operation for MB/s; the ratio parse/baseline is the figure to watch.
 *
 * <p>Run: {@code ./mvnw -q -B -DskipTests install && java -jar benchmarks/target/benchmarks.jar ParseBenchmark -prof gc}
 * ({@code -prof gc} adds the allocation per operation).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx256m"})
public class ParseBenchmark {

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
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Fixtures.deleteTree(dir);
    }

    /** The baseline: one SHA-256 pass over the message bytes, already in memory. */
    @Benchmark
    public byte[] sha256Baseline() throws NoSuchAlgorithmException {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        md.update(bytes);
        return md.digest();
    }

    /** Parse from the file: classify, read daticert, decode, hash and spool every attachment. */
    @Benchmark
    public int parseFile() throws IOException {
        try (PecMessage m = parser.parse(file)) {
            return m.attachments().size() + m.diagnostics().size();
        }
    }

    /** Parse from memory (the array is copied, then parsed the same way). */
    @Benchmark
    public int parseBytes() {
        try (PecMessage m = parser.parse(bytes)) {
            return m.attachments().size() + m.diagnostics().size();
        }
    }
}
