package io.github.pec4j.signature;

import io.github.pec4j.core.DiagnosticCode;
import io.github.pec4j.core.Severity;

/** Diagnostic codes of signed-document verification. Their {@link #id()} strings are stable. */
public enum DocumentCode implements DiagnosticCode {
    /** The bytes are not a CMS SignedData in DER, BER, PEM or base64. */
    NOT_CMS(Severity.ERROR),
    /** Base64 text that does not decode. */
    BASE64_DECODE_FAILED(Severity.ERROR),
    /** The signature was not stored as DER (BER, PEM, base64, double base64): tolerated. */
    NON_DER_ENCODING(Severity.WARNING),
    /** Bytes after the end of the CMS structure (e.g. a trailing CRLF): ignored. */
    TRAILING_BYTES(Severity.WARNING),
    /** A detached signature whose content was not supplied. */
    DETACHED_CONTENT_MISSING(Severity.ERROR),
    /** A signer's signature does not verify over the content. */
    SIGNATURE_INVALID(Severity.ERROR),
    /** A signer certificate is not included. */
    SIGNER_CERTIFICATE_MISSING(Severity.ERROR),
    /** The signingCertificate(V2) attribute names another certificate. */
    SIGNING_CERTIFICATE_MISMATCH(Severity.ERROR),
    /** A legacy digest (SHA-1, MD5). */
    LEGACY_DIGEST(Severity.WARNING),
    /** The signer certificate was not valid at the signing time. */
    CERTIFICATE_NOT_VALID_AT_TIME(Severity.ERROR),
    /** A configured CRL revokes a signer certificate at or before its signing time. */
    CERTIFICATE_REVOKED(Severity.ERROR),
    /** Layers nested deeper than the limit; the rest was not unwrapped. */
    LAYER_LIMIT_EXCEEDED(Severity.ERROR),
    /** A layer without any signer. */
    NO_SIGNERS(Severity.ERROR),
    /** A time-stamp token that does not count: bad TSA signature, TSA certificate or imprint. */
    TIMESTAMP_INVALID(Severity.ERROR),
    /** A MIME file that is not a valid m7m (needs exactly one p7m and one time-stamp part). */
    M7M_MALFORMED(Severity.ERROR),
    /** A PDF signature whose byte range does not cover the whole file: bytes were added after signing. */
    PADES_NOT_WHOLE_FILE(Severity.WARNING),
    /** A PDF signature dictionary that cannot be read (byte range or contents). */
    PADES_MALFORMED(Severity.ERROR),
    /** PAdES is checked for CMS integrity and coverage only: modification and shadow-attack checks are not performed. */
    PADES_INTEGRITY_ONLY(Severity.INFO),
    /** XML-DSig checked for core integrity only: XAdES properties, qualification and wrapping are not checked. */
    XMLDSIG_INTEGRITY_ONLY(Severity.INFO),
    /** An XML signature that cannot be read or lacks a usable certificate. */
    XMLDSIG_MALFORMED(Severity.ERROR),
    /**
     * A DER/BER structure nested deeper than the limit, with a length past its end, or an indefinite
     * length that is never closed: not handed to the parser, not verifiable.
     */
    ASN1_MALFORMED(Severity.ERROR),
    /** The verifier failed on this input (a defect in a library or in pec4j): not verifiable. */
    VERIFIER_FAILED(Severity.ERROR);

    private final Severity severity;

    DocumentCode(Severity severity) {
        this.severity = severity;
    }

    @Override
    public Severity defaultSeverity() {
        return severity;
    }
}
