package io.github.pec4j.signature;

import io.github.pec4j.core.PecMessage;
import io.github.pec4j.signature.internal.BcProviderSignatureVerifier;
import java.io.IOException;
import java.time.Clock;
import java.util.Objects;

/**
 * Verifies the PEC provider's S/MIME signature of a parsed message over its exact received bytes
 * (clear-signed {@code multipart/signed} or opaque {@code smime.p7m}), judges the signer certificate
 * at the signing time, decides trust against a {@link TrustStore}, and cross-checks the unsigned
 * headers against the signed daticert.
 *
 * <p>When the message was parsed with {@link io.github.pec4j.core.PecParser#withSignedContentDigest()},
 * the digest computed in the parsing pass is used and the message is not read again. Implementations
 * are thread-safe. This is an interface so that another engine (e.g. one built on EU DSS) can be
 * plugged in without changing callers.
 *
 * <pre>{@code
 * ProviderSignatureVerifier verifier = ProviderSignatureVerifier.create(TrustStore.builder()
 *         .addPem(Path.of("agid-pec-ca.pem")).build());
 * try (PecMessage msg = PecParser.create().withSignedContentDigest().parse(file)) {
 *     ProviderSignatureReport report = verifier.verify(msg);
 *     if (!report.isGenuine()) { ... quarantine ... }
 * }
 * }</pre>
 */
public interface ProviderSignatureVerifier {

    /**
     * Verifies the provider signature of {@code message}; I/O failures reading its raw bytes throw.
     *
     * @param message a parsed message, with its raw bytes
     * @return the verdict and the facts behind it
     * @throws IOException when the raw bytes cannot be read
     */
    ProviderSignatureReport verify(PecMessage message) throws IOException;

    /**
     * The Bouncy Castle verifier with the default crypto policy and the system clock.
     *
     * @param trust whether the signer is a trusted PEC provider
     * @return the Bouncy Castle verifier with the default crypto policy and the system clock
     */
    static ProviderSignatureVerifier create(TrustStore trust) {
        return create(trust, CryptoPolicy.DEFAULT, Clock.systemUTC());
    }

    /**
     * The Bouncy Castle verifier with this policy and clock (the clock is used only when no signing time is known).
     *
     * @param trust whether the signer is a trusted PEC provider
     * @param policy the algorithms accepted
     * @param clock the clock used when no signing time is known
     * @return the Bouncy Castle verifier with this policy and clock (the clock is used only when no signing time is
     *     known)
     */
    static ProviderSignatureVerifier create(TrustStore trust, CryptoPolicy policy, Clock clock) {
        return new BcProviderSignatureVerifier(Objects.requireNonNull(trust, "trust"), Objects.requireNonNull(policy, "policy"),
                Objects.requireNonNull(clock, "clock"));
    }
}
