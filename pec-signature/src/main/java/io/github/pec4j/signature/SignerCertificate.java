package io.github.pec4j.signature;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The certificate that made a signature, as facts.
 *
 * @param subject subject DN (RFC 2253)
 * @param issuer issuer DN (RFC 2253)
 * @param serialNumber serial number, hexadecimal
 * @param notBefore start of validity
 * @param notAfter end of validity
 * @param keyAlgorithm public key algorithm, e.g. {@code RSA}
 * @param keyBits public key size in bits, when known
 * @param sha256Fingerprint SHA-256 of the DER certificate, lower-case hexadecimal
 * @param certificate the certificate itself
 */
public record SignerCertificate(
        String subject,
        String issuer,
        String serialNumber,
        Instant notBefore,
        Instant notAfter,
        String keyAlgorithm,
        Optional<Integer> keyBits,
        String sha256Fingerprint,
        X509Certificate certificate) {

    /**
     * Creates the record: refuses null components.
     *
     * @param subject subject DN (RFC 2253)
     * @param issuer issuer DN (RFC 2253)
     * @param serialNumber serial number, hexadecimal
     * @param notBefore start of validity
     * @param notAfter end of validity
     * @param keyAlgorithm public key algorithm, e.g. {@code RSA}
     * @param keyBits public key size in bits, when known
     * @param sha256Fingerprint SHA-256 of the DER certificate, lower-case hexadecimal
     * @param certificate the certificate itself
     */
    public SignerCertificate {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(serialNumber, "serialNumber");
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
        Objects.requireNonNull(keyAlgorithm, "keyAlgorithm");
        Objects.requireNonNull(keyBits, "keyBits");
        Objects.requireNonNull(sha256Fingerprint, "sha256Fingerprint");
        Objects.requireNonNull(certificate, "certificate");
    }

    /**
     * True when {@code time} falls within the validity period.
     *
     * @param time the instant to check
     * @return true when {@code time} falls within the validity period
     */
    public boolean validAt(Instant time) {
        return !time.isBefore(notBefore) && !time.isAfter(notAfter);
    }
}
