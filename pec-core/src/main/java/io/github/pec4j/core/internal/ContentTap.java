package io.github.pec4j.core.internal;

import java.security.MessageDigest;

/**
 * Digests the signed content of a {@code multipart/signed} message as the parser reads it, so the
 * provider signature can be checked without a second read. Bytes arrive line by line; each line's
 * break is held back until more content follows, because the break before a boundary belongs to
 * the boundary (RFC 2046), and every break is fed as CRLF, the canonical form S/MIME signs.
 */
final class ContentTap {
    private static final byte[] CRLF = {'\r', '\n'};
    private final MessageDigest digest;
    private boolean heldBreak;

    ContentTap(MessageDigest digest) {
        this.digest = digest;
    }

    void accept(byte[] b, int off, int len) {
        if (heldBreak) {
            digest.update(CRLF);
            heldBreak = false;
        }
        int end = off + len;
        if (b[end - 1] == '\n') {
            int breakLen = end - 2 >= off && b[end - 2] == '\r' ? 2 : 1;
            digest.update(b, off, len - breakLen);
            heldBreak = true;
        } else {
            digest.update(b, off, len);
        }
    }

    /** The digest of the content, without the held line break. */
    byte[] finish() {
        return digest.digest();
    }
}
