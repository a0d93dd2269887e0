package io.github.pec4j.segnatura.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.pec4j.segnatura.SegnaturaCheck;
import io.github.pec4j.segnatura.SegnaturaVerifier;
import io.github.pec4j.signature.TrustStore;
import io.github.pec4j.testkit.PecFixtures;
import io.github.pec4j.testkit.TestPki;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fuzzes {@link SegnaturaVerifier#verify(byte[], Map)} against the two files the seeds describe.
 *
 * <p>Contract: "never throws for input": always a {@link SegnaturaCheck} (a refused segnatura is its
 * anomaly), never an exception from the XML signature, JAXB or digest code. Seeds as
 * {@link SegnaturaReaderFuzzTest}'s, sealed with the testkit's seal key, which the trust here anchors.
 */
class SegnaturaVerifierFuzzTest {
    /** The files the seeds' segnature list, by name (the same bytes as the generator's). */
    static final Map<String, byte[]> FILES = files();
    private static final SegnaturaVerifier VERIFIER = SegnaturaVerifier.create(trust()).withClock(PecFixtures.DEFAULT_CLOCK);

    @FuzzTest(maxDuration = "10m")
    void verify(byte[] input) {
        if (input == null) {
            return;
        }
        VERIFIER.verify(input, FILES).toString();
    }

    private static Map<String, byte[]> files() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("determina.pdf", "%PDF-1.7 determina n. 42\n".getBytes(StandardCharsets.US_ASCII));
        m.put("allegato.txt", "allegato tecnico".getBytes(StandardCharsets.UTF_8));
        return m;
    }

    private static TrustStore trust() {
        return TrustStore.builder().addCertificate(TestPki.shared().caCertificate()).build();
    }
}
