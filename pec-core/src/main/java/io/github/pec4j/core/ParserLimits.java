package io.github.pec4j.core;

import java.util.ArrayList;
import java.util.List;

/**
 * Hard limits on untrusted input. Crossing one yields a {@link Diagnostic}, never an
 * {@code OutOfMemoryError}, a hang or a {@code StackOverflowError}.
 *
 * @param maxMessageBytes bytes read from one message; the rest is not read
 *     ({@link ParseCode#MESSAGE_TOO_LARGE}). Default 256 MiB
 * @param maxHeaderBytes bytes of one header section ({@link ParseCode#HEADER_LIMIT_EXCEEDED}).
 *     Default 256 KiB
 * @param maxHeaderFields fields in one header section. Default 2,000
 * @param maxMimeDepth nesting of multiparts and embedded messages
 *     ({@link ParseCode#MIME_DEPTH_EXCEEDED}). Default 24
 * @param maxParts MIME parts in one message ({@link ParseCode#MIME_PART_LIMIT_EXCEEDED}).
 *     Default 2,000
 * @param maxXmlBytes size of daticert.xml ({@link ParseCode#PEC_DATICERT_TOO_LARGE}). Default 1 MiB
 * @param maxTextBytes decoded bytes of a text part kept as text ({@link ParseCode#MIME_TEXT_TRUNCATED}).
 *     Default 1 MiB
 * @param maxNestedMessages depth of PEC messages nested inside originals
 *     ({@link ParseCode#PEC_NESTED_LIMIT_EXCEEDED}). Default 3
 * @param maxDiagnostics diagnostics kept per message; later ones are counted, not listed. Default 200
 */
public record ParserLimits(
        long maxMessageBytes,
        int maxHeaderBytes,
        int maxHeaderFields,
        int maxMimeDepth,
        int maxParts,
        int maxXmlBytes,
        int maxTextBytes,
        int maxNestedMessages,
        int maxDiagnostics) {

    /** The defaults documented on each component. */
    public static final ParserLimits DEFAULTS =
            new ParserLimits(256L * 1024 * 1024, 256 * 1024, 2_000, 24, 2_000, 1024 * 1024, 1024 * 1024, 3, 200);

    /**
     * Validates every limit and reports all failures at once.
     *
     * @param maxMessageBytes bytes read from one message; the rest is not read ({@link ParseCode#MESSAGE_TOO_LARGE}).
     *     Default 256 MiB
     * @param maxHeaderBytes bytes of one header section ({@link ParseCode#HEADER_LIMIT_EXCEEDED}). Default 256 KiB
     * @param maxHeaderFields fields in one header section. Default 2,000
     * @param maxMimeDepth nesting of multiparts and embedded messages ({@link ParseCode#MIME_DEPTH_EXCEEDED}).
     *     Default 24
     * @param maxParts MIME parts in one message ({@link ParseCode#MIME_PART_LIMIT_EXCEEDED}). Default 2,000
     * @param maxXmlBytes size of daticert.xml ({@link ParseCode#PEC_DATICERT_TOO_LARGE}). Default 1 MiB
     * @param maxTextBytes decoded bytes of a text part kept as text ({@link ParseCode#MIME_TEXT_TRUNCATED}). Default
     *     1 MiB
     * @param maxNestedMessages depth of PEC messages nested inside originals ({@link
     *     ParseCode#PEC_NESTED_LIMIT_EXCEEDED}). Default 3
     * @param maxDiagnostics diagnostics kept per message; later ones are counted, not listed. Default 200
     */
    public ParserLimits {
        List<String> errors = new ArrayList<>();
        if (maxMessageBytes < 1) errors.add("maxMessageBytes must be >= 1");
        if (maxHeaderBytes < 256) errors.add("maxHeaderBytes must be >= 256");
        if (maxHeaderFields < 8) errors.add("maxHeaderFields must be >= 8");
        if (maxMimeDepth < 4 || maxMimeDepth > 200) errors.add("maxMimeDepth must be in 4..200");
        if (maxParts < 4) errors.add("maxParts must be >= 4");
        if (maxXmlBytes < 1024) errors.add("maxXmlBytes must be >= 1024");
        if (maxTextBytes < 0) errors.add("maxTextBytes must be >= 0");
        if (maxNestedMessages < 0 || maxNestedMessages > 20) errors.add("maxNestedMessages must be in 0..20");
        if (maxDiagnostics < 1) errors.add("maxDiagnostics must be >= 1");
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("invalid parser limits: " + String.join("; ", errors));
        }
    }

    /**
     * A copy with another message size limit.
     *
     * @param value the largest number of bytes read from one message, at least 1
     * @return a copy of these limits with {@code maxMessageBytes} replaced
     */
    public ParserLimits withMaxMessageBytes(long value) {
        return new ParserLimits(value, maxHeaderBytes, maxHeaderFields, maxMimeDepth, maxParts, maxXmlBytes,
                maxTextBytes, maxNestedMessages, maxDiagnostics);
    }

    /**
     * A copy with another MIME depth limit.
     *
     * @param value the deepest nesting of multiparts and embedded messages, at least 1
     * @return a copy of these limits with {@code maxMimeDepth} replaced
     */
    public ParserLimits withMaxMimeDepth(int value) {
        return new ParserLimits(maxMessageBytes, maxHeaderBytes, maxHeaderFields, value, maxParts, maxXmlBytes,
                maxTextBytes, maxNestedMessages, maxDiagnostics);
    }

    /**
     * A copy with another part count limit.
     *
     * @param value the most MIME parts read in one message, at least 1
     * @return a copy of these limits with {@code maxParts} replaced
     */
    public ParserLimits withMaxParts(int value) {
        return new ParserLimits(maxMessageBytes, maxHeaderBytes, maxHeaderFields, maxMimeDepth, value, maxXmlBytes,
                maxTextBytes, maxNestedMessages, maxDiagnostics);
    }

    /**
     * A copy with another header section limit.
     *
     * @param value the largest header section in bytes, at least 1
     * @return a copy of these limits with {@code maxHeaderBytes} replaced
     */
    public ParserLimits withMaxHeaderBytes(int value) {
        return new ParserLimits(maxMessageBytes, value, maxHeaderFields, maxMimeDepth, maxParts, maxXmlBytes,
                maxTextBytes, maxNestedMessages, maxDiagnostics);
    }
}
