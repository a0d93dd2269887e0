package io.github.pec4j.core;

import java.util.Objects;

/**
 * A human-readable text part of a message (not an attachment).
 *
 * @param mimePath where the part is
 * @param mediaType {@code text/plain} or {@code text/html}, lower case
 * @param charset the charset used to decode it
 * @param text the decoded text, possibly cut at {@link ParserLimits#maxTextBytes()}
 * @param truncated true when the text was cut
 */
public record BodyText(String mimePath, String mediaType, String charset, String text, boolean truncated) {
    /**
     * Creates the record: refuses null components.
     *
     * @param mimePath where the part is
     * @param mediaType {@code text/plain} or {@code text/html}, lower case
     * @param charset the charset used to decode it
     * @param text the decoded text, possibly cut at {@link ParserLimits#maxTextBytes()}
     * @param truncated true when the text was cut
     */
    public BodyText {
        Objects.requireNonNull(mimePath, "mimePath");
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(charset, "charset");
        Objects.requireNonNull(text, "text");
    }
}
