package io.github.pec4j.core;

/**
 * Stable diagnostic codes of the parser. The {@link #id()} strings are part of the public contract:
 * they never change meaning and are never reused.
 */
public enum ParseCode implements DiagnosticCode {
    // --- MIME structure and limits
    /** The input is larger than {@link ParserLimits#maxMessageBytes()}; the rest was not read. */
    MESSAGE_TOO_LARGE(Severity.ERROR),
    /** The input ended before the MIME structure was complete. */
    MESSAGE_TRUNCATED(Severity.ERROR),
    /** The input is empty or has no header section. */
    MESSAGE_EMPTY(Severity.ERROR),
    /** A header line could not be read as {@code name: value}. */
    HEADER_MALFORMED(Severity.WARNING),
    /** A header section exceeded the byte or field-count limit; the rest was skipped. */
    HEADER_LIMIT_EXCEEDED(Severity.ERROR),
    /** A header holds raw 8-bit bytes that are not UTF-8; read as Windows-1252. */
    HEADER_RAW_8BIT(Severity.INFO),
    /** MIME parts nest deeper than {@link ParserLimits#maxMimeDepth()}; the deeper content was kept opaque. */
    MIME_DEPTH_EXCEEDED(Severity.ERROR),
    /** The message has more parts than {@link ParserLimits#maxParts()}; the rest was kept opaque. */
    MIME_PART_LIMIT_EXCEEDED(Severity.ERROR),
    /** A multipart has no boundary parameter; it is read as a single opaque part. */
    MIME_BOUNDARY_MISSING(Severity.ERROR),
    /** A multipart ended without its closing boundary. */
    MIME_MULTIPART_UNTERMINATED(Severity.WARNING),
    /** Base64 content held characters outside the alphabet, missing padding or a cut group. */
    MIME_BASE64_INVALID(Severity.WARNING),
    /** Quoted-printable content held an invalid escape. */
    MIME_QP_INVALID(Severity.WARNING),
    /** An unknown Content-Transfer-Encoding; the content was kept as is. */
    MIME_ENCODING_UNKNOWN(Severity.WARNING),
    /** An unknown or unsupported charset; the text was read as Windows-1252. */
    MIME_CHARSET_UNKNOWN(Severity.WARNING),
    /** A text part was longer than {@link ParserLimits#maxTextBytes()}; the text was cut (the content is still hashed). */
    MIME_TEXT_TRUNCATED(Severity.INFO),

    // --- PEC classification
    /** A PEC header holds a value the DM 2 Nov 2005 does not define (e.g. {@code mancata-consegna}). */
    PEC_HEADER_NONSTANDARD(Severity.WARNING),
    /** PEC headers are present but no kind could be determined. */
    PEC_KIND_UNKNOWN(Severity.ERROR),
    /**
     * The headers (unsigned) and the daticert's {@code tipo} (inside the provider's signature) name different kinds,
     * an anomalia's headers included: the headers still classify the message, but which kind it is remains unknown,
     * so it comes with a {@link GapKind#KIND_CONFLICT} gap and nothing is concluded from it automatically.
     */
    PEC_KIND_MISMATCH(Severity.ERROR),
    /** The Subject prefix names a different kind from the headers. */
    PEC_SUBJECT_MISMATCH(Severity.WARNING),
    /** A PEC message carries no provider signature (no multipart/signed or pkcs7-mime). */
    PEC_NOT_SIGNED(Severity.ERROR),
    /** The multipart/signed has no readable signature part. */
    PEC_SIGNATURE_PART_MISSING(Severity.ERROR),
    /** The message is an opaque S/MIME signed-data (smime.p7m); its content was unwrapped. */
    PEC_OPAQUE_SIGNATURE(Severity.INFO),
    /** The opaque S/MIME content could not be unwrapped. */
    PEC_OPAQUE_UNREADABLE(Severity.ERROR),
    /** The signed content is not the expected multipart/mixed. */
    PEC_LAYOUT_UNEXPECTED(Severity.WARNING),
    /** The envelope has no postacert.eml (the original message). */
    PEC_POSTACERT_MISSING(Severity.ERROR),
    /** No part is named postacert.eml; the single message/rfc822 part was taken as the original. */
    PEC_POSTACERT_RENAMED(Severity.INFO),
    /** No daticert.xml: certification data missing. */
    PEC_DATICERT_MISSING(Severity.ERROR),
    /** daticert.xml is not well-formed or lacks required elements: certification data invalid. */
    PEC_DATICERT_INVALID(Severity.ERROR),
    /** daticert.xml holds a DOCTYPE or entity declaration; refused unread. */
    PEC_DATICERT_DOCTYPE_REFUSED(Severity.ERROR),
    /** daticert.xml is larger than {@link ParserLimits#maxXmlBytes()}. */
    PEC_DATICERT_TOO_LARGE(Severity.ERROR),
    /** A daticert value is outside the DTD vocabulary; kept raw. */
    PEC_DATICERT_NONSTANDARD(Severity.WARNING),
    /** An optional daticert attribute was absent and its default was applied. */
    PEC_DATICERT_DEFAULT_APPLIED(Severity.INFO),
    /** daticert {@code zona} is absent or unreadable: only the local time is known. */
    PEC_DATICERT_ZONE_UNKNOWN(Severity.WARNING),
    /** daticert {@code giorno}/{@code ora} cannot be read. */
    PEC_DATICERT_DATE_INVALID(Severity.WARNING),
    /** Text between daticert elements was ignored. */
    PEC_DATICERT_STRAY_TEXT(Severity.WARNING),
    /** Two fields that should agree do not (e.g. X-Riferimento-Message-ID and msgid). */
    PEC_CROSS_CHECK(Severity.WARNING),
    /** The sender was taken from the "Per conto di:" display name because no daticert was available. */
    PEC_SENDER_FROM_HEADER(Severity.WARNING),
    /** Nested PEC messages go deeper than {@link ParserLimits#maxNestedMessages()}. */
    PEC_NESTED_LIMIT_EXCEEDED(Severity.WARNING),
    /** An attachment name is a path (traversal, absolute path, drive letter); a safe name was derived. */
    ATTACHMENT_NAME_UNSAFE(Severity.WARNING),
    /**
     * An attachment name holds control characters (e.g. NUL) or leading or trailing white space:
     * {@link Attachment#name()} keeps it as sent, {@link Attachment#safeName()} drops it.
     */
    ATTACHMENT_NAME_ODD(Severity.WARNING),
    /** In a breve consegna, a part stands in for an original attachment with its hash. */
    ATTACHMENT_REPLACED_BY_HASH(Severity.INFO),
    /** More diagnostics than {@link ParserLimits#maxDiagnostics()}: the rest were counted, not listed. */
    DIAGNOSTICS_LIMIT_EXCEEDED(Severity.INFO),
    /**
     * The parser met a defect of its own on this content (an unexpected exception inside it): of the
     * message only the top-level headers are known and the raw bytes are kept. The message is incomplete
     * ({@link GapKind#PARSE_FAILED}), so nothing is concluded about it; please report the message.
     */
    PARSE_FAILED(Severity.ERROR);

    private final Severity defaultSeverity;

    ParseCode(Severity defaultSeverity) {
        this.defaultSeverity = defaultSeverity;
    }

    /** The severity the parser reports this code with. */
    @Override
    public Severity defaultSeverity() {
        return defaultSeverity;
    }
}
