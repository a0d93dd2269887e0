package io.github.pec4j.core.content;

import java.io.IOException;

/**
 * Receives decoded bytes once, hashing them as they arrive; {@link #complete()} seals the content.
 * A sink that is never completed must be {@linkplain #abort() aborted} so its storage is freed.
 */
public interface ContentSink {

    /** Appends {@code len} bytes of {@code b} starting at {@code off}. */
    void write(byte[] b, int off, int len) throws IOException;

    /** Seals the content and returns it. No more writes are allowed. */
    StoredContent complete() throws IOException;

    /** Discards what was written. Idempotent. */
    void abort();
}
