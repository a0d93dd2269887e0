package io.github.pec4j.benchmarks;

import io.github.pec4j.core.PecMessage;
import io.github.pec4j.core.PecParser;
import io.github.pec4j.signature.CryptoPolicy;
import io.github.pec4j.signature.ProviderSignatureVerifier;
import io.github.pec4j.signature.TrustStore;
import io.github.pec4j.signature.Verdict;
import io.github.pec4j.testkit.TestPki;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * Parse plus provider-signature verification of one message next to parse-only and SHA-256 of the same
 * bytes, in one JVM run, with CPU time per operation beside wall time (these 2-core machines are
 * shared: wall time swings with the other builds, CPU time per operation holds).
 *
 * <ul>
 *   <li>{@code receipt-10k}: an 11 KB avvenuta-consegna, parsed from its bytes ({@code PecParser.parse(byte[])}),
 *       as the mailroom does; SHA-256 over the same bytes.
 *   <li>{@code envelope-30m}: a 43 MB posta-certificata envelope (30 MiB PDF), parsed from its file; SHA-256 over
 *       the file mapped in memory (off-heap, so the fork's {@code -Xmx32m} holds for every variant).
 * </ul>
 *
 * <p>{@link #sha256}, {@link #parse} and {@link #parseVerify} give wall time per operation. {@link #interleaved}
 * runs the three in short alternating slices (50 operations each for the receipt, one for the envelope) and counts
 * each variant's CPU time (the benchmark thread's for the receipt, the process's for the envelope, whose parse
 * uses a second thread; JIT and GC threads are left out for the receipt, included for the envelope): its secondary results {@code *CpuNs} and {@code ops} are per iteration
 * (CPU per operation = {@code xCpuNs / ops}), and at the end of the trial it prints CPU µs per operation,
 * operations per CPU-second and the ratios to SHA-256 and to parse-only over the measurement iterations.
 * The verifier trusts the testkit CA (PKIX path to an anchor, the usual AgID set-up), with the system clock.
 *
 * <p>Run from the repository root (the README's figures):
 *
 * <pre>
 * ./mvnw -q -B -DskipTests install
 * java -jar benchmarks/target/benchmarks.jar SignatureBenchmark -f 1 -wi 5 -w 1s -i 5 -r 1s
 * </pre>
 *
 * Under load give the receipt a long warm-up ({@code -wi 12 -w 5s}): its figures settle after about ten thousand
 * operations. For the envelope, {@code -p input=envelope-30m -wi 4 -w 3s -i 4 -r 4s}. To compare with another
 * revision, build the same class there and alternate the two jars in turn.
 *
 * <p>One run each on a 2-core machine at load ≈ 27 (2026-12-02), CPU per operation: receipt SHA-256 7.2 µs, parse
 * 74 µs, parse + provider signature 258 µs (3,876 per CPU-second; the previous verifier: 827 µs, 1,209); envelope
 * SHA-256 34 ms, parse 92 ms, parse + provider signature 148 ms (previously 158 ms).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx32m"})
public class SignatureBenchmark {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /** The message, see {@link Fixtures#builder(String)}. */
    @Param({"receipt-10k", "envelope-30m"})
    public String input;

    private Path dir;
    private Path file;
    private byte[] bytes;
    private MappedByteBuffer mapped;
    private FileChannel channel;
    private PecParser parser;
    private PecParser digesting;
    private ProviderSignatureVerifier verifier;
    private int slice;

    /** CPU time of each variant in {@link #interleaved}, and the operations of each, per iteration. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Cpu {
        public long sha256CpuNs;
        public long parseCpuNs;
        public long parseVerifyCpuNs;
        /** The whole process's CPU (GC and JIT threads too: how issue 15 measured "today"), by the OS's clock ticks. */
        public long sha256ProcessCpuNs;
        public long parseProcessCpuNs;
        public long parseVerifyProcessCpuNs;
        public long ops;
        private final long[] total = new long[7];

        @Setup(Level.Iteration)
        public void reset() {
            sha256CpuNs = parseCpuNs = parseVerifyCpuNs = ops = 0;
            sha256ProcessCpuNs = parseProcessCpuNs = parseVerifyProcessCpuNs = 0;
        }

        /** Adds a measurement iteration to the trial's totals. */
        @TearDown(Level.Iteration)
        public void add(IterationParams iteration) {
            if (iteration.getType() == IterationType.MEASUREMENT) {
                total[0] += sha256CpuNs;
                total[1] += parseCpuNs;
                total[2] += parseVerifyCpuNs;
                total[3] += ops;
                total[4] += sha256ProcessCpuNs;
                total[5] += parseProcessCpuNs;
                total[6] += parseVerifyProcessCpuNs;
            }
        }

        /** Prints the trial's CPU per operation and its ratios (the benchmarks module may print; the library never does). */
        @TearDown(Level.Trial)
        public void print(BenchmarkParams params) {
            long n = total[3];
            if (n == 0) {
                return;
            }
            double sha = total[0] / 1e3 / n;
            double parse = total[1] / 1e3 / n;
            double verify = total[2] / 1e3 / n;
            System.out.printf(Locale.ROOT, "%n[%s] CPU µs/op over %d ops each: sha256 %.1f, parse %.1f, parseVerify %.1f"
                    + " | per CPU-second: %.0f, %.0f, %.0f | parseVerify/parse %.2fx, sha256/parseVerify %.1f%%, sha256/parse %.1f%%%n",
                    params.getParam("input"), n, sha, parse, verify, 1e6 / sha, 1e6 / parse, 1e6 / verify, verify / parse,
                    100 * sha / verify, 100 * sha / parse);
            System.out.printf(Locale.ROOT, "[%s] process CPU µs/op: sha256 %.1f, parse %.1f, parseVerify %.1f | per CPU-second: %.0f%n",
                    params.getParam("input"), total[4] / 1e3 / n, total[5] / 1e3 / n, total[6] / 1e3 / n, 1e9 * n / total[6]);
        }
    }

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("pec4j-signature-bench");
        file = Fixtures.write(input, dir);
        boolean small = Files.size(file) < 1024 * 1024;
        bytes = small ? Files.readAllBytes(file) : null;
        channel = FileChannel.open(file, StandardOpenOption.READ);
        mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
        slice = small ? 50 : 1;
        parser = PecParser.create();
        digesting = PecParser.create().withSignedContentDigest();
        verifier = ProviderSignatureVerifier.create(TrustStore.builder().addCertificate(TestPki.shared().caCertificate()).build(),
                CryptoPolicy.DEFAULT, Clock.systemUTC());
        if (parseVerify() != Verdict.VALID_TRUSTED) {
            throw new IllegalStateException("the benchmark message does not verify");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        channel.close();
        Fixtures.deleteTree(dir);
    }

    /** The baseline: one SHA-256 pass over the message bytes, already in memory. */
    @Benchmark
    public byte[] sha256() throws NoSuchAlgorithmException {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        if (bytes != null) {
            md.update(bytes);
        } else {
            md.update(mapped.duplicate());
        }
        return md.digest();
    }

    /** Parse only (no signed-content digest), then close. */
    @Benchmark
    public Object parse() throws IOException {
        try (PecMessage m = bytes != null ? parser.parse(bytes) : parser.parse(file)) {
            return m.kind();
        }
    }

    /** Parse with the one-pass signed-content digest and verify the provider signature. */
    @Benchmark
    public Verdict parseVerify() throws IOException {
        try (PecMessage m = bytes != null ? digesting.parse(bytes) : digesting.parse(file)) {
            return verifier.verify(m).verdict();
        }
    }

    /**
     * The CPU clock of the work: the benchmark thread's for the receipt (parsed on this thread alone; the
     * thread clock has nanosecond resolution, the process clock only jiffies, too coarse for 50 receipts),
     * the whole process's for the envelope (the parser hashes and spools large attachments on a second thread).
     */
    private long cpuNow() {
        return bytes != null ? THREADS.getCurrentThreadCpuTime() : OS.getProcessCpuTime();
    }

    /** The three variants in alternating slices, each slice's CPU time counted. */
    @Benchmark
    public void interleaved(Cpu cpu, Blackhole bh) throws Exception {
        long t0 = cpuNow();
        long p0 = OS.getProcessCpuTime();
        for (int i = 0; i < slice; i++) {
            bh.consume(sha256());
        }
        long t1 = cpuNow();
        long p1 = OS.getProcessCpuTime();
        for (int i = 0; i < slice; i++) {
            bh.consume(parse());
        }
        long t2 = cpuNow();
        long p2 = OS.getProcessCpuTime();
        for (int i = 0; i < slice; i++) {
            bh.consume(parseVerify());
        }
        long t3 = cpuNow();
        long p3 = OS.getProcessCpuTime();
        cpu.sha256CpuNs += t1 - t0;
        cpu.parseCpuNs += t2 - t1;
        cpu.parseVerifyCpuNs += t3 - t2;
        // clock ticks: one slice's figure is coarse, but the differences of a cumulative clock sum without bias over thousands of slices
        cpu.sha256ProcessCpuNs += p1 - p0;
        cpu.parseProcessCpuNs += p2 - p1;
        cpu.parseVerifyProcessCpuNs += p3 - p2;
        cpu.ops += slice;
    }
}
