package io.github.pec4j.core.content;

import java.io.IOException;

/**
 * Receives decoded bytes once, hashing them as they arrive; {@link #complete()} seals the content.
 * A sink that is never completed must be {@linkplain #abort() aborted} so its storage is freed.
 */
public interface ContentSink {

    /**
     * Appends {@code len} bytes of {@code b} starting at {@code off}.
     *
     * @param b the array holding the bytes
     * @param off the index of the first byte to write
     * @param len how many bytes to write
     * @throws IOException when the bytes cannot be spooled, for example to a full disk
     */
    void write(byte[] b, int off, int len) throws IOException;

    /**
     * Seals the content and returns it. No more writes are allowed.
     *
     * @return the stored content, with its size and SHA-256
     * @throws IOException when the spooled bytes cannot be flushed
     */
    StoredContent complete() throws IOException;

    /** Discards what was written. Idempotent. */
    void abort();
}
