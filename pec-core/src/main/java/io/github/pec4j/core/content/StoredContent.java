package io.github.pec4j.core.content;

import java.io.IOException;
import java.io.InputStream;

/**
 * Bytes that were decoded once, fingerprinted while written and kept in a {@link ContentStore}.
 *
 * <p>Instances are immutable views: {@link #openStream()} may be called any number of times, from
 * any thread, until the content is {@linkplain #release() released}.
 */
public interface StoredContent {

    /**
     * Number of bytes.
     *
     * @return the size of the content in bytes
     */
    long size();

    /**
     * Lower-case hexadecimal SHA-256 of the bytes, computed while they were written.
     *
     * @return the SHA-256 of the content as 64 lower-case hexadecimal digits
     */
    String sha256Hex();

    /**
     * Base64 SHA-256 of the bytes (the form used for the segnatura {@code Impronta}).
     *
     * @return the SHA-256 of the content in standard Base64 with padding
     */
    default String sha256Base64() {
        return java.util.Base64.getEncoder().encodeToString(java.util.HexFormat.of().parseHex(sha256Hex()));
    }

    /**
     * Opens a fresh stream over the bytes.
     *
     * @return a new stream positioned at the first byte, which the caller closes
     * @throws IOException when the spooled content cannot be read
     */
    InputStream openStream() throws IOException;

    /**
     * Reads everything into memory; for small content only.
     *
     * @return a new array with every byte of the content
     * @throws IOException when the spooled content cannot be read
     */
    default byte[] readAllBytes() throws IOException {
        try (InputStream in = openStream()) {
            return in.readAllBytes();
        }
    }

    /**
     * The file holding the bytes, when the store keeps them in one: a reader that needs a file (the format check) reads
     * it in place instead of copying it, which on some file systems costs more than the reading. Valid until {@link
     * #release()}; read it only: never write, move or delete it.
     *
     * @return the spool file, or empty when the bytes are kept otherwise (in memory)
     */
    default java.util.Optional<java.nio.file.Path> spoolFile() {
        return java.util.Optional.empty();
    }

    /** Frees the storage behind this content (deletes a spool file). Idempotent. */
    void release();
}
