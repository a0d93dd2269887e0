package io.github.pec4j.benchmarks;

import io.github.pec4j.core.PecMessage;
import io.github.pec4j.core.PecParser;
import io.github.pec4j.signature.CryptoPolicy;
import io.github.pec4j.signature.DocumentReport;
import io.github.pec4j.signature.DocumentVerifier;
import io.github.pec4j.signature.Integrity;
import io.github.pec4j.signature.ProviderSignatureReport;
import io.github.pec4j.signature.ProviderSignatureVerifier;
import io.github.pec4j.signature.TrustStore;
import io.github.pec4j.signature.Verdict;
import io.github.pec4j.testkit.SignedDocuments;
import io.github.pec4j.testkit.TestPki;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Random;
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
 * Parse plus provider-signature verification of an envelope ({@code receipt-10k},
 * {@code envelope-1m}, {@code envelope-30m}) and verification of an attached CAdES {@code .p7m}
 * ({@code p7m-1m}, {@code p7m-100m}), each next to a same-run SHA-256 baseline over the same bytes.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar VerifyBenchmark -prof gc}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class VerifyBenchmark {

    @Param({"receipt-10k", "envelope-1m", "envelope-30m", "p7m-1m", "p7m-100m"})
    public String input;

    private Path dir;
    private Path file;
    private byte[] bytes;
    private PecParser parser;
    private ProviderSignatureVerifier envelopes;
    private DocumentVerifier documents;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("pec4j-verify-bench");
        Path ca = dir.resolve("ca.pem");
        TestPki.shared().writeTrustAnchorPem(ca);
        TrustStore trust = TrustStore.builder().addPem(ca).build();
        if (input.startsWith("p7m-")) {
            int size = input.equals("p7m-1m") ? 1024 * 1024 : 100 * 1024 * 1024;
            byte[] content = new byte[size];
            new Random(3).nextBytes(content);
            file = dir.resolve(input + ".pdf.p7m");
            Files.write(file, SignedDocuments.create().cadesBer(content));
        } else {
            file = Fixtures.write(input, dir);
        }
        bytes = Files.readAllBytes(file);
        parser = PecParser.create().withSignedContentDigest();
        envelopes = ProviderSignatureVerifier.create(trust, CryptoPolicy.DEFAULT, Clock.systemUTC());
        documents = DocumentVerifier.create(trust);
        if (input.startsWith("p7m-")) {
            if (documents.verify(file).integrity() != Integrity.VALID) {
                throw new IllegalStateException("the benchmark document does not verify");
            }
        } else if (verifyEnvelope() != Verdict.VALID_TRUSTED) {
            throw new IllegalStateException("the benchmark envelope does not verify");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Fixtures.deleteTree(dir);
    }

    /** The baseline: one SHA-256 pass over the bytes, already in memory. */
    @Benchmark
    public byte[] baselineSha256() throws NoSuchAlgorithmException {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        md.update(bytes);
        return md.digest();
    }

    /** Parse the envelope and verify the provider signature (one pass) — or verify the p7m. */
    @Benchmark
    public Object verify() throws IOException {
        if (input.startsWith("p7m-")) {
            DocumentReport r = documents.verify(file);
            return r.integrity();
        }
        return verifyEnvelope();
    }

    private Verdict verifyEnvelope() throws IOException {
        try (PecMessage m = parser.parse(file)) {
            ProviderSignatureReport r = envelopes.verify(m);
            return r.verdict();
        }
    }
}
