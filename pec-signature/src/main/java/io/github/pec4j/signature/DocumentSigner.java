package io.github.pec4j.signature;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One signer of a signed document.
 *
 * @param certificate the signer certificate
 * @param integrity whether this signer's signature verifies over the content
 * @param digestAlgorithm the message digest algorithm, e.g. {@code SHA-256}
 * @param signingTime the claimed CMS signingTime
 * @param codiceFiscale the codice fiscale in the subject serial number ({@code TINIT-...} or {@code IT:...}), when present
 * @param signingCertificateBound true when a signingCertificateV2 (or v1) attribute binds this certificate
 * @param level the CAdES level reached: {@code CMS} (no binding), {@code BES}, {@code T} (signature timestamp present)
 * @param qualifiedClaim true when the certificate carries the ETSI QcCompliance statement (a claim, not a check of the trusted list)
 * @param trust trust of the signer certificate against the configured sources, at the signing time
 * @param certificateValidAtTime whether the certificate was valid at the signing time (else now)
 * @param counterSignatures number of countersignatures on this signer (reported, not verified)
 */
public record DocumentSigner(
        SignerCertificate certificate,
        Integrity integrity,
        String digestAlgorithm,
        Optional<Instant> signingTime,
        Optional<String> codiceFiscale,
        boolean signingCertificateBound,
        String level,
        boolean qualifiedClaim,
        Trust trust,
        boolean certificateValidAtTime,
        int counterSignatures) {

    /**
     * Creates the record: refuses null components.
     *
     * @param certificate the signer certificate
     * @param integrity whether this signer's signature verifies over the content
     * @param digestAlgorithm the message digest algorithm, e.g. {@code SHA-256}
     * @param signingTime the claimed CMS signingTime
     * @param codiceFiscale the codice fiscale in the subject serial number ({@code TINIT-...} or {@code IT:...}),
     *     when present
     * @param signingCertificateBound true when a signingCertificateV2 (or v1) attribute binds this certificate
     * @param level the CAdES level reached: {@code CMS} (no binding), {@code BES}, {@code T} (signature timestamp
     *     present)
     * @param qualifiedClaim true when the certificate carries the ETSI QcCompliance statement (a claim, not a check
     *     of the trusted list)
     * @param trust trust of the signer certificate against the configured sources, at the signing time
     * @param certificateValidAtTime whether the certificate was valid at the signing time (else now)
     * @param counterSignatures number of countersignatures on this signer (reported, not verified)
     */
    public DocumentSigner {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(integrity, "integrity");
        Objects.requireNonNull(digestAlgorithm, "digestAlgorithm");
        Objects.requireNonNull(signingTime, "signingTime");
        Objects.requireNonNull(codiceFiscale, "codiceFiscale");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(trust, "trust");
    }
}
