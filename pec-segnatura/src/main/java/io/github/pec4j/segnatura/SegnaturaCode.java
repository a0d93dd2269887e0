package io.github.pec4j.segnatura;

import io.github.pec4j.core.DiagnosticCode;
import io.github.pec4j.core.Severity;

/** Diagnostic codes of segnatura reading and verification. Their {@link #id()} strings are stable. */
public enum SegnaturaCode implements DiagnosticCode {
    /** The XML is larger than the configured limit. */
    SEG_TOO_LARGE(Severity.ERROR),
    /** A DOCTYPE was refused: any DOCTYPE with an internal subset, and any DOCTYPE outside a 28/2001 document. */
    SEG_DOCTYPE_REFUSED(Severity.ERROR),
    /** Not well-formed XML, or beyond the parser's structural limits. */
    SEG_MALFORMED(Severity.ERROR),
    /** The root element is none of the segnatura or interop messages (by name and namespace). */
    SEG_NOT_RECOGNISED(Severity.ERROR),
    /** A required element is missing or unreadable, so no model can be built. */
    SEG_INCOMPLETE(Severity.ERROR),
    /** An attribute the schema qualifies was unqualified; read anyway (SEG-ATTR-01). */
    SEG_UNQUALIFIED_ATTRIBUTE(Severity.WARNING),
    /** A value breaks a schema pattern (CAP, PIVAoCF, CodiceRegistro, NumeroRegistrazione...); read anyway (SEG-XSD-01). */
    SEG_SCHEMA_PATTERN(Severity.WARNING),
    /** An element the schema requires is missing, but the rest could be read. */
    SEG_MISSING_ELEMENT(Severity.WARNING),
    /** {@code versione} or {@code lang} differ from {@code 3.0.0} and {@code it}. */
    SEG_VERSION(Severity.WARNING),
    /** A 28/2001 DOCTYPE names an external DTD, which was not fetched. */
    SEG_EXTERNAL_DTD_IGNORED(Severity.WARNING),
    /** The segnatura is in a legacy format (60/2013 or 28/2001), read leniently. */
    SEG_LEGACY_FORMAT(Severity.INFO),
    /** An impronta is not base64, or names an algorithm other than the SHA-2 ones. */
    SEG_IMPRONTA_MALFORMED(Severity.WARNING),
    /** A v3 segnatura without {@code ds:Signature}. */
    SEG_SIGNATURE_MISSING(Severity.ERROR),
    /** The signature does not verify, is not XAdES, does not cover the whole document or is otherwise unacceptable. */
    SEG_SIGNATURE_INVALID(Severity.ERROR),
    /** The signature verifies but its signer is not trusted by the trust store (or none is configured). */
    SEG_SIGNATURE_UNTRUSTED(Severity.ERROR),
    /** A received file's digest differs from its impronta. */
    SEG_IMPRONTA_MISMATCH(Severity.ERROR),
    /** An impronta names an algorithm that cannot be computed, so the file cannot be checked. */
    SEG_IMPRONTA_UNSUPPORTED(Severity.ERROR),
    /** A document of the segnatura has no received file of that name. */
    SEG_FILE_MISSING(Severity.ERROR),
    /** A received file could not be read. */
    SEG_FILE_UNREADABLE(Severity.ERROR),
    /** A received file is not declared in the segnatura. */
    SEG_FILE_NOT_DECLARED(Severity.WARNING);

    private final Severity severity;

    SegnaturaCode(Severity severity) {
        this.severity = severity;
    }

    @Override
    public Severity defaultSeverity() {
        return severity;
    }
}
