package io.github.pec4j.core.internal;

import java.security.MessageDigest;

/**
 * Digests the signed content of a {@code multipart/signed} message as the parser reads it, so the
 * provider signature can be checked without a second read. Bytes arrive line by line; each line's
 * break is held back until more content follows, because the break before a boundary belongs to
 * the boundary (RFC 2046), and every break is fed as CRLF, the canonical form S/MIME signs.
 *
 * <p>Lines that follow each other in the parser's buffer, joined by CRLF as S/MIME signs them, are
 * digested as one range: a 43 MB envelope is half a million base64 lines, and two digest updates a
 * line cost a fifth more than the hash itself. The buffer's bytes are digested before the parser
 * moves or overwrites them ({@link #release()}).
 */
final class ContentTap {
    private static final byte[] CRLF = {'\r', '\n'};
    private final MessageDigest digest;
    /** The parser's buffer holding content not yet digested, {@code [from, to)}; null when none is pending. */
    private byte[] source;
    private int from;
    private int to;
    /** The held line break: 0 none, 1 a lone LF, 2 a CRLF (in {@code source} right after {@code to} while it is set). */
    private int heldBreak;

    ContentTap(MessageDigest digest) {
        this.digest = digest;
    }

    /** The next consumed bytes, {@code b[off, off + len)}, {@code len > 0}: a line with its break, or part of a long line. */
    void accept(byte[] b, int off, int len) {
        int end = off + len;
        int lineBreak = b[end - 1] != '\n' ? 0 : end - 2 >= off && b[end - 2] == '\r' ? 2 : 1;
        // the next line right after a held CRLF in the same buffer: that CRLF is content, as it stands there (a piece of
        // a long line is followed by a refill, never by more of the same buffer, so it needs no such case)
        if (b == source && heldBreak == 2 && to + 2 == off) {
            to = end - lineBreak;
        } else {
            release();
            if (heldBreak != 0) {
                digest.update(CRLF);
            }
            source = b;
            from = off;
            to = end - lineBreak;
        }
        heldBreak = lineBreak;
    }

    /** Digests the pending range: the parser is about to move or overwrite its buffer. A held break stays held. */
    void release() {
        if (source != null) {
            digest.update(source, from, to - from);
            source = null;
        }
    }

    /** The digest of the content, without the held line break. */
    byte[] finish() {
        release();
        return digest.digest();
    }
}
