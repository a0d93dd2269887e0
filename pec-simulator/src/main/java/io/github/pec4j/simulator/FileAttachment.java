package io.github.pec4j.simulator;

import java.util.Objects;

/**
 * A file attached to a message the simulator delivers.
 *
 * @param name the file name
 * @param contentType its media type, e.g. {@code application/pdf}
 * @param content its bytes (copied)
 */
public record FileAttachment(String name, String contentType, byte[] content) {
    /**
     * Copies the content.
     *
     * @param name the file name
     * @param contentType its media type, e.g. {@code application/pdf}
     * @param content its bytes (copied)
     */
    public FileAttachment {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(contentType, "contentType");
        content = content.clone();
    }

    /**
     * An attachment with these bytes.
     *
     * @param name the file name
     * @param contentType its media type, e.g. {@code application/pdf}
     * @param content its bytes (copied)
     * @return an attachment with these bytes
     */
    public static FileAttachment of(String name, String contentType, byte[] content) {
        return new FileAttachment(name, contentType, content);
    }

    /**
     * A copy of the bytes.
     *
     * @return a copy of the bytes
     */
    @Override
    public byte[] content() {
        return content.clone();
    }
}
