package io.github.pec4j.signature;

import io.github.pec4j.core.Diagnostic;
import io.github.pec4j.core.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The facts about a message's provider signature, each reported separately: integrity, signer,
 * algorithms, times and trust, plus the cross-check of the unsigned headers against the signed
 * content.
 *
 * @param verdict the overall answer
 * @param integrity whether the signed bytes are intact
 * @param trust whether the signer is a trusted PEC provider
 * @param signer the signer certificate, when the signature could be read
 * @param digestAlgorithm the message digest algorithm of the signature, e.g. {@code SHA-256}
 * @param signatureAlgorithm the signature algorithm, e.g. {@code SHA256withRSA}
 * @param signingTime the CMS signingTime attribute
 * @param validationTime the time the certificate was judged at
 * @param timeBasis where {@code validationTime} comes from
 * @param certificateValidAtTime whether the signer certificate was valid at {@code validationTime}
 * @param onePass true when the digest computed while parsing was used (no second read of the message)
 * @param diagnostics warnings and errors, with stable {@link SignatureCode}s
 */
public record ProviderSignatureReport(
        Verdict verdict,
        Integrity integrity,
        Trust trust,
        Optional<SignerCertificate> signer,
        Optional<String> digestAlgorithm,
        Optional<String> signatureAlgorithm,
        Optional<Instant> signingTime,
        Optional<Instant> validationTime,
        Optional<TimeBasis> timeBasis,
        Optional<Boolean> certificateValidAtTime,
        boolean onePass,
        List<Diagnostic> diagnostics) {

    /**
     * Creates the record: copies the lists and refuses null components.
     *
     * @param verdict the overall answer
     * @param integrity whether the signed bytes are intact
     * @param trust whether the signer is a trusted PEC provider
     * @param signer the signer certificate, when the signature could be read
     * @param digestAlgorithm the message digest algorithm of the signature, e.g. {@code SHA-256}
     * @param signatureAlgorithm the signature algorithm, e.g. {@code SHA256withRSA}
     * @param signingTime the CMS signingTime attribute
     * @param validationTime the time the certificate was judged at
     * @param timeBasis where {@code validationTime} comes from
     * @param certificateValidAtTime whether the signer certificate was valid at {@code validationTime}
     * @param onePass true when the digest computed while parsing was used (no second read of the message)
     * @param diagnostics warnings and errors, with stable {@link SignatureCode}s
     */
    public ProviderSignatureReport {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(integrity, "integrity");
        Objects.requireNonNull(trust, "trust");
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(digestAlgorithm, "digestAlgorithm");
        Objects.requireNonNull(signatureAlgorithm, "signatureAlgorithm");
        Objects.requireNonNull(signingTime, "signingTime");
        Objects.requireNonNull(validationTime, "validationTime");
        Objects.requireNonNull(timeBasis, "timeBasis");
        Objects.requireNonNull(certificateValidAtTime, "certificateValidAtTime");
        diagnostics = List.copyOf(diagnostics);
    }

    /**
     * True only for a genuine PEC: an intact signature by a trusted provider whose certificate was
     * valid at the time judged, with no unsigned header contradicting the signed content.
     *
     * @return true only for a genuine PEC: an intact signature by a trusted provider whose certificate was valid at
     *     the time judged, with no unsigned header contradicting the signed content
     */
    public boolean isGenuine() {
        return verdict == Verdict.VALID_TRUSTED && certificateValidAtTime.orElse(false)
                && diagnostics.stream().noneMatch(d -> d.code() == SignatureCode.SIG_HEADER_MISMATCH);
    }

    /**
     * True when a diagnostic of error severity was reported.
     *
     * @return true when a diagnostic of error severity was reported
     */
    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(d -> d.severity() == Severity.ERROR);
    }
}
