package io.github.pec4j.core;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Where in a message a diagnostic points.
 *
 * @param mimePath the MIME part: {@code /} is the message, {@code /1/2} the second child of its first
 *     child, and {@code msg} marks entering an embedded message ({@code /1/3/msg/2})
 * @param header the header field concerned, if any
 * @param line a 1-based line number inside the part's content (XML), if known
 * @param offset the byte offset in the raw message, if known
 */
public record Location(String mimePath, Optional<String> header, OptionalLong line, OptionalLong offset) {

    /**
     * Creates the record: refuses null components.
     *
     * @param mimePath the MIME part: {@code /} is the message, {@code /1/2} the second child of its first child, and
     *     {@code msg} marks entering an embedded message ({@code /1/3/msg/2})
     * @param header the header field concerned, if any
     * @param line a 1-based line number inside the part's content (XML), if known
     * @param offset the byte offset in the raw message, if known
     */
    public Location {
        Objects.requireNonNull(mimePath, "mimePath");
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(line, "line");
        Objects.requireNonNull(offset, "offset");
    }

    /**
     * A whole MIME part.
     *
     * @param mimePath the MIME path of the part, such as {@code /1/2}
     * @return a location naming the part alone
     */
    public static Location part(String mimePath) {
        return new Location(mimePath, Optional.empty(), OptionalLong.empty(), OptionalLong.empty());
    }

    /**
     * A header field of a MIME part.
     *
     * @param mimePath the MIME path of the part whose header section holds the field
     * @param header the name of the header field
     * @return a location naming the header field of that part
     */
    public static Location header(String mimePath, String header) {
        return new Location(mimePath, Optional.of(header), OptionalLong.empty(), OptionalLong.empty());
    }

    /**
     * A line inside a MIME part's content.
     *
     * @param mimePath the MIME path of the part whose content holds the line
     * @param line the 1-based line number inside the content
     * @return a location naming the line of that part
     */
    public static Location line(String mimePath, long line) {
        return new Location(mimePath, Optional.empty(), line > 0 ? OptionalLong.of(line) : OptionalLong.empty(), OptionalLong.empty());
    }

    /**
     * A byte offset in the raw message.
     *
     * @param mimePath the MIME path of the part that holds the offset
     * @param offset the offset in bytes from the start of the raw message
     * @return a location naming the byte offset
     */
    public static Location offset(String mimePath, long offset) {
        return new Location(mimePath, Optional.empty(), OptionalLong.empty(), OptionalLong.of(offset));
    }

    /** Compact text form, e.g. {@code /1/2 header Content-Type} or {@code /1/2 line 7}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(mimePath);
        header.ifPresent(h -> sb.append(" header ").append(h));
        line.ifPresent(l -> sb.append(" line ").append(l));
        offset.ifPresent(o -> sb.append(" offset ").append(o));
        return sb.toString();
    }
}
