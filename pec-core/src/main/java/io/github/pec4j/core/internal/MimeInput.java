package io.github.pec4j.core.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A line-oriented window over a byte stream that knows the absolute offset of every byte, so the
 * parser can record exactly where parts start and end in the raw message.
 *
 * <p>Reads at most {@code maxBytes}; beyond that it behaves as end of input and sets
 * {@link #limitHit()}. When a {@code tee} is given every byte read is copied to it (the raw spool of
 * a message read from a stream).
 */
final class MimeInput {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    static final int BUFFER_SIZE = 64 * 1024;

    private final InputStream in;
    private final OutputStream tee;
    private final long maxBytes;
    final byte[] buf;
    int pos;
    int lim;
    private long base;
    private boolean eof;
    private boolean limitHit;
    private int scanned; // bytes after pos already known to hold no LF

    /**
     * @param sizeHint the input's size when known (a small message gets a small buffer), else -1
     */
    MimeInput(InputStream in, OutputStream tee, long maxBytes, long sizeHint) {
        this.in = in;
        this.tee = tee;
        this.maxBytes = maxBytes;
        this.buf = new byte[sizeHint >= 0 && sizeHint < BUFFER_SIZE ? (int) Math.max(MIN_BUFFER_SIZE, sizeHint + 1) : BUFFER_SIZE];
    }

    /** Longest line the parser must see whole: a header line or boundary shorter than this is never split. */
    static final int MIN_BUFFER_SIZE = 4096;

    /** Absolute offset of {@code buf[pos]}. */
    long position() {
        return base + pos;
    }

    /** Absolute offset of {@code buf[index]}. */
    long offsetOf(int index) {
        return base + index;
    }

    boolean limitHit() {
        return limitHit;
    }

    /**
     * Makes the next line available: returns the index just past its LF, or, for a line longer than
     * the buffer or the last line of the input, the end of what is available. Returns -1 at end of
     * input.
     */
    int lineEnd() throws IOException {
        int from = pos + scanned;
        while (true) {
            int i = findLf(from, lim);
            if (i >= 0) {
                scanned = 0;
                return i + 1;
            }
            if (lim - pos >= buf.length || eof) {
                if (!eof) {
                    scanned = 0;
                    return lim; // a line longer than the buffer: hand out what we have
                }
                scanned = 0;
                return lim > pos ? lim : -1;
            }
            scanned = lim - pos;
            fill();
            from = pos + scanned;
        }
    }

    /** Consumes up to index {@code end} of the buffer. */
    void consumeTo(int end) {
        if (tap != null && end > pos) {
            tap.accept(buf, pos, end - pos);
        }
        pos = end;
        scanned = 0;
    }

    /** Receives every byte consumed while set: the signed content on its way through the parser. */
    ContentTap tap;

    private void fill() throws IOException {
        if (tap != null) {
            tap.release(); // its pending range is about to be moved or overwritten
        }
        if (pos > 0) {
            int remaining = lim - pos;
            System.arraycopy(buf, pos, buf, 0, remaining);
            base += pos;
            lim = remaining;
            pos = 0;
        }
        while (lim < buf.length && !eof) {
            long allowed = maxBytes - (base + lim);
            if (allowed <= 0) {
                // Probe one byte to tell "exactly at the limit" from "over the limit".
                int probe = in.read();
                if (probe >= 0) {
                    limitHit = true;
                }
                eof = true;
                return;
            }
            int want = (int) Math.min(buf.length - lim, allowed);
            int n = in.read(buf, lim, want);
            if (n < 0) {
                eof = true;
                return;
            }
            if (n > 0 && tee != null) {
                tee.write(buf, lim, n);
            }
            lim += n;
            if (n > 0) {
                return;
            }
        }
    }

    /** Reads and tees whatever remains of the input (up to the limit), without parsing it. */
    void drain() throws IOException {
        while (!eof) {
            pos = lim;
            scanned = 0;
            fill();
        }
        pos = lim;
    }

    /** Index of the first LF in {@code buf[from, to)}, or -1; eight bytes at a time. */
    int findLf(int from, int to) {
        byte[] b = buf;
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long w = (long) LONGS.get(b, i) ^ 0x0A0A0A0A0A0A0A0AL;
            long t = (w - 0x0101010101010101L) & ~w & 0x8080808080808080L;
            if (t != 0) {
                return i + (Long.numberOfTrailingZeros(t) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
