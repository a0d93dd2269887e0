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

    /** Number of bytes. */
    long size();

    /** Lower-case hexadecimal SHA-256 of the bytes, computed while they were written. */
    String sha256Hex();

    /** Base64 SHA-256 of the bytes (the form used for the segnatura {@code Impronta}). */
    default String sha256Base64() {
        return java.util.Base64.getEncoder().encodeToString(java.util.HexFormat.of().parseHex(sha256Hex()));
    }

    /** Opens a fresh stream over the bytes. */
    InputStream openStream() throws IOException;

    /** Reads everything into memory; for small content only. */
    default byte[] readAllBytes() throws IOException {
        try (InputStream in = openStream()) {
            return in.readAllBytes();
        }
    }

    /** Frees the storage behind this content (deletes a spool file). Idempotent. */
    void release();
}
