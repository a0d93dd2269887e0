package io.github.pec4j.signature;

import io.github.pec4j.core.DiagnosticCode;
import io.github.pec4j.core.Severity;

/** Diagnostic codes of provider-signature verification. Their {@link #id()} strings are stable. */
public enum SignatureCode implements DiagnosticCode {
    /** A PEC message without provider signature. */
    SIG_NOT_SIGNED(Severity.ERROR),
    /** The signature does not verify over the received bytes: changed after signing. */
    SIG_INTEGRITY_FAILED(Severity.ERROR),
    /** The signature part is missing, truncated or not a readable CMS SignedData. */
    SIG_NOT_VERIFIABLE(Severity.ERROR),
    /** The signer is not among the configured providers and does not chain to a configured anchor. */
    SIG_UNTRUSTED_SIGNER(Severity.ERROR),
    /** No trust source is configured, so no signer can be trusted. */
    SIG_NO_TRUST_CONFIGURED(Severity.WARNING),
    /** The message digest is SHA-1 (accepted for archived mail by the policy). */
    SIG_LEGACY_DIGEST(Severity.WARNING),
    /** The signer's RSA key is shorter than the policy's minimum. */
    SIG_WEAK_KEY(Severity.WARNING),
    /** The signer certificate was not valid at the time the signature is judged at. */
    SIG_CERT_NOT_VALID_AT_TIME(Severity.ERROR),
    /** The signer certificate has expired since (it was valid at signing time): normal for archived mail. */
    SIG_CERT_EXPIRED_NOW(Severity.WARNING),
    /** {@code micalg} names a different digest from the signature's; the signature's was used. */
    SIG_MICALG_MISMATCH(Severity.WARNING),
    /** The CMS signingTime and the daticert time differ by more than the policy's tolerance. */
    SIG_TIME_MISMATCH(Severity.WARNING),
    /** An unsigned outer header contradicts the signed daticert: a forgery suspect. The daticert wins. */
    SIG_HEADER_MISMATCH(Severity.ERROR),
    /** A configured CRL revokes the signer certificate at or before the time judged. */
    SIG_CERT_REVOKED(Severity.ERROR),
    /** More than one signer; the first was evaluated. */
    SIG_MULTIPLE_SIGNERS(Severity.WARNING);

    private final Severity severity;

    SignatureCode(Severity severity) {
        this.severity = severity;
    }

    @Override
    public Severity defaultSeverity() {
        return severity;
    }
}
