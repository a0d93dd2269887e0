package io.github.pec4j.signature.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.pec4j.core.PecMessage;
import io.github.pec4j.core.PecParser;
import io.github.pec4j.signature.CryptoPolicy;
import io.github.pec4j.signature.ProviderSignatureReport;
import io.github.pec4j.signature.ProviderSignatureVerifier;
import java.io.IOException;

/**
 * Fuzzes {@link ProviderSignatureVerifier#verify(PecMessage)} on messages parsed from the fuzz bytes
 * (with the signed-content digest for odd lengths, without for even ones).
 *
 * <p>Contract: a {@link ProviderSignatureReport}, or the documented {@link IOException} reading the raw
 * bytes; never an unchecked exception from the CMS, certificate or daticert code. Seeds: PEC messages
 * of every kind, signed clear and opaque, written by {@link SignatureFuzzSeeds}.
 */
class ProviderSignatureFuzzTest {
    private static final PecParser PLAIN = PecParser.create();
    private static final PecParser DIGEST = PecParser.create().withSignedContentDigest();
    private static final ProviderSignatureVerifier VERIFIER = ProviderSignatureVerifier.create(SignatureFuzzSeeds.trust(),
            CryptoPolicy.DEFAULT, SignatureFuzzSeeds.CLOCK);

    @FuzzTest(maxDuration = "10m")
    void verify(byte[] input) throws IOException {
        if (input == null) {
            return;
        }
        try (PecMessage m = (input.length % 2 == 0 ? PLAIN : DIGEST).parse(input)) {
            ProviderSignatureReport report = VERIFIER.verify(m);
            report.toString();
            report.isGenuine();
            report.hasErrors();
        } catch (IOException documented) {
            // Reading the raw bytes failed: documented.
        }
    }
}
