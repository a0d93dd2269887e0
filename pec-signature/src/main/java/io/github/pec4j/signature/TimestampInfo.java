package io.github.pec4j.signature;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An RFC 3161 time-stamp token found in a signed document. It counts only when all three checks
 * hold: the TSA signature verifies, the TSA certificate has the critical {@code id-kp-timeStamping}
 * extended key usage, and the message imprint equals pec4j's own hash of the stamped bytes.
 *
 * @param kind {@code signature-timestamp} (CAdES-T, over the signature value), {@code m7m} (over the
 *     p7m bytes) or {@code tsd} (over the RFC 5544 content)
 * @param tsa the TSA certificate, when included in the token
 * @param genTime the time the TSA asserts
 * @param signatureValid the TSA's signature over the token verifies
 * @param tsaCertificateValid the TSA certificate has the critical timeStamping extended key usage
 * @param imprintValid the message imprint matches the stamped bytes
 * @param trust the TSA certificate's trust against the configured sources
 */
public record TimestampInfo(String kind, Optional<SignerCertificate> tsa, Instant genTime, boolean signatureValid,
        boolean tsaCertificateValid, boolean imprintValid, Trust trust) {
    /**
     * Creates the record: refuses null components.
     *
     * @param kind {@code signature-timestamp} (CAdES-T, over the signature value), {@code m7m} (over the p7m bytes)
     *     or {@code tsd} (over the RFC 5544 content)
     * @param tsa the TSA certificate, when included in the token
     * @param genTime the time the TSA asserts
     * @param signatureValid the TSA's signature over the token verifies
     * @param tsaCertificateValid the TSA certificate has the critical timeStamping extended key usage
     * @param imprintValid the message imprint matches the stamped bytes
     * @param trust the TSA certificate's trust against the configured sources
     */
    public TimestampInfo {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(tsa, "tsa");
        Objects.requireNonNull(genTime, "genTime");
        Objects.requireNonNull(trust, "trust");
    }

    /**
     * True when the token counts (signature, certificate and imprint all check out).
     *
     * @return true when the token counts (signature, certificate and imprint all check out)
     */
    public boolean valid() {
        return signatureValid && tsaCertificateValid && imprintValid;
    }
}
