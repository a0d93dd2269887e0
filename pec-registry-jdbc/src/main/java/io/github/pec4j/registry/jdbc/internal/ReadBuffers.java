package io.github.pec4j.registry.jdbc.internal;

import java.util.concurrent.ArrayBlockingQueue;

/**
 * Read buffers of one size, kept for the next document. A content store reads each document through a buffer
 * of its part size (256 KiB for the database): allocating and zeroing a new one per document cost more of the
 * mailroom's thread than hashing the document (each message taken in writes one to three). A buffer is given
 * back only when nothing reads it any more (the drivers copy what {@code setBytes} binds).
 */
final class ReadBuffers {
    private final int size;
    private final ArrayBlockingQueue<byte[]> free;

    /**
     * @param size bytes per buffer
     * @param kept buffers kept at most (one per thread writing at the same time is enough; more are made and dropped)
     */
    ReadBuffers(int size, int kept) {
        this.size = size;
        this.free = new ArrayBlockingQueue<>(kept);
    }

    /** A buffer of the size given, kept or new; its content is whatever the last document left there. */
    byte[] take() {
        byte[] b = free.poll();
        return b != null ? b : new byte[size];
    }

    /** Keeps {@code buffer} for the next document, unless enough are kept already. */
    void give(byte[] buffer) {
        if (buffer.length == size) free.offer(buffer);
    }
}
