package io.github.pec4j.registry;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A document to store with a registration.
 *
 * @param fileName the file name as received (a registry may sanitise it for storage, never for the record)
 * @param mediaType the detected media type, e.g. {@code application/pdf}
 * @param content the exact bytes, read as a stream
 * @param expectedImpronta the fingerprint computed upstream (e.g. by the parser while reading the
 *     message); when present the registry refuses the registration if the stored bytes differ
 */
public record DocumentRequest(String fileName, String mediaType, ContentSource content, Optional<Impronta> expectedImpronta) {
    /**
     * Creates the record: refuses null components.
     *
     * @param fileName the file name as received (a registry may sanitise it for storage, never for the record)
     * @param mediaType the detected media type, e.g. {@code application/pdf}
     * @param content the exact bytes, read as a stream
     * @param expectedImpronta the fingerprint computed upstream (e.g. by the parser while reading the message); when
     *     present the registry refuses the registration if the stored bytes differ
     */
    public DocumentRequest {
        Checks.text(fileName, "fileName");
        Checks.text(mediaType, "mediaType");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(expectedImpronta, "expectedImpronta");
    }

    /**
     * A document held in memory.
     *
     * @param fileName the file name to store
     * @param mediaType the media type, such as {@code application/pdf}
     * @param content the bytes, not copied
     * @return the document request
     */
    public static DocumentRequest of(String fileName, String mediaType, byte[] content) {
        return new DocumentRequest(fileName, mediaType, ContentSource.of(content), Optional.of(Impronta.of(content)));
    }

    /**
     * A document read from a file at registration.
     *
     * @param fileName the file name to store
     * @param mediaType the media type, such as {@code application/pdf}
     * @param file the file, which must stay unchanged until registration
     * @return the document request
     */
    public static DocumentRequest of(String fileName, String mediaType, Path file) {
        return new DocumentRequest(fileName, mediaType, ContentSource.of(file), Optional.empty());
    }

    /**
     * The same document, with the fingerprint the registry must find.
     *
     * @param impronta SHA-256 of the stored bytes
     * @return the same document, with the fingerprint the registry must find
     */
    public DocumentRequest expecting(Impronta impronta) {
        return new DocumentRequest(fileName, mediaType, content, Optional.of(impronta));
    }
}
