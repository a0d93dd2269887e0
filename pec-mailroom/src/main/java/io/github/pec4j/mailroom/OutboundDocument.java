package io.github.pec4j.mailroom;

import io.github.pec4j.registry.ContentSource;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * A document of an outgoing letter: the primary document or a secondary attachment.
 *
 * @param name the file name it is sent and registered under
 * @param mediaType its media type, e.g. {@code application/pdf} or {@code application/pkcs7-mime}
 * @param content its bytes, read as often as needed (pre-flight, registration, MIME)
 */
public record OutboundDocument(String name, String mediaType, ContentSource content) {

    /**
     * Checks the values.
     *
     * @param name the file name it is sent and registered under
     * @param mediaType its media type, e.g. {@code application/pdf} or {@code application/pkcs7-mime}
     * @param content its bytes, read as often as needed (pre-flight, registration, MIME)
     */
    public OutboundDocument {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) throw new IllegalArgumentException("a document needs a file name");
        Objects.requireNonNull(mediaType, "mediaType");
        if (mediaType.isBlank()) throw new IllegalArgumentException("a document needs a media type");
        Objects.requireNonNull(content, "content");
    }

    /**
     * A document held in memory.
     *
     * @param name the name registered as the correspondent
     * @param mediaType its media type, e.g. {@code application/pdf} or {@code application/pkcs7-mime}
     * @param content its bytes, read as often as needed (pre-flight, registration, MIME)
     * @return a document held in memory
     */
    public static OutboundDocument of(String name, String mediaType, byte[] content) {
        return new OutboundDocument(name, mediaType, ContentSource.of(content));
    }

    /**
     * A document read from a file.
     *
     * @param name the name registered as the correspondent
     * @param mediaType its media type, e.g. {@code application/pdf} or {@code application/pkcs7-mime}
     * @param file the file to read when the letter is sent
     * @return a document read from a file
     */
    public static OutboundDocument of(String name, String mediaType, Path file) {
        return new OutboundDocument(name, mediaType, ContentSource.of(file));
    }

    /**
     * A document read from a file, named after it, its media type guessed from the name.
     *
     * @param file the file to read when the letter is sent
     * @return a document read from a file, named after it, its media type guessed from the name
     */
    public static OutboundDocument of(Path file) {
        String name = file.getFileName().toString();
        return of(name, mediaTypeOf(name), file);
    }

    /**
     * The media type a file name suggests ({@code application/octet-stream} when it says nothing known).
     *
     * @param name the name registered as the correspondent
     * @return the media type a file name suggests ({@code application/octet-stream} when it says nothing known)
     */
    public static String mediaTypeOf(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".p7m")) return "application/pkcs7-mime";
        if (n.endsWith(".p7s")) return "application/pkcs7-signature";
        if (n.endsWith(".pdf")) return "application/pdf";
        if (n.endsWith(".xml")) return "application/xml";
        if (n.endsWith(".txt")) return "text/plain";
        if (n.endsWith(".odt")) return "application/vnd.oasis.opendocument.text";
        if (n.endsWith(".docx")) return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
        if (n.endsWith(".jpg") || n.endsWith(".jpeg")) return "image/jpeg";
        if (n.endsWith(".png")) return "image/png";
        if (n.endsWith(".zip")) return "application/zip";
        return "application/octet-stream";
    }
}
