package io.github.pec4j.core;

/**
 * Why part of a message was not read: which limit was crossed, what could not be read, or which unsigned claim
 * contradicts its signed part. Each kind names content the parser did not see or cannot tell, so nothing may be
 * concluded about it.
 */
public enum GapKind {
    /** The message is larger than {@link ParserLimits#maxMessageBytes()}; the rest was not read. */
    MESSAGE_BYTES,
    /** A header section is larger than {@link ParserLimits#maxHeaderBytes()}; the rest of it (e.g. its Content-Type) was skipped. */
    HEADER_BYTES,
    /** A header section has more fields than {@link ParserLimits#maxHeaderFields()}; the rest of it was skipped. */
    HEADER_FIELDS,
    /** A header section cut by a limit while it held a flood of RFC 2047 encoded words. */
    ENCODED_WORDS,
    /** Parts nested deeper than {@link ParserLimits#maxMimeDepth()} were kept opaque, not parsed. */
    MIME_DEPTH,
    /** Parts beyond {@link ParserLimits#maxParts()} were skipped. */
    PART_COUNT,
    /** PEC messages nested deeper than {@link ParserLimits#maxNestedMessages()} were not parsed. */
    NESTED_DEPTH,
    /**
     * A part could not be decoded as declared (invalid base64, unknown transfer encoding, a multipart
     * without boundary, an opaque signed-data that is not CMS): its bytes are not the sent file.
     */
    PART_UNREADABLE,
    /** A part was cut: the input ended (or hit a limit) before the part's closing boundary. */
    PART_TRUNCATED,
    /** daticert.xml was refused unread: a DOCTYPE or entity declaration, or larger than {@link ParserLimits#maxXmlBytes()}. */
    DATICERT_REFUSED,
    /** daticert.xml is present but could not be read (not well-formed, required elements missing). */
    DATICERT_UNREADABLE,
    /**
     * The parser failed on the content with a defect of its own ({@link ParseCode#PARSE_FAILED}): nothing
     * below the top-level headers was read.
     */
    PARSE_FAILED,
    /**
     * The kind the unsigned headers claim ({@code X-Trasporto}, {@code X-Ricevuta}) differs from the {@code tipo} of the
     * daticert.xml inside the provider's signature ({@link ParseCode#PEC_KIND_MISMATCH}): a relay may have changed the
     * headers, so which kind the message is remains unknown.
     */
    KIND_CONFLICT
}
