package io.github.pec4j.registry.jdbc.internal;

import io.github.pec4j.registry.Impronta;
import io.github.pec4j.registry.RegistryException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/**
 * Stored content as it is read back, hashed on the way: at its end the bytes must have the SHA-256
 * and the size they were stored under, else the read fails with FINGERPRINT_MISMATCH instead of handing over
 * altered content. Skipped bytes are read and hashed too.
 */
final class VerifyingStream extends FilterInputStream {
    private final String sha256;
    private final long size;
    private final MessageDigest digest = Impronta.sha256Digest();
    private long read;
    private boolean checked;

    VerifyingStream(InputStream in, String sha256, long size) {
        super(in);
        this.sha256 = sha256;
        this.size = size;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) == 1 ? one[0] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            digest.update(b, off, n);
            read += n;
            if (read > size) throw altered("more than its " + size + " bytes");
        } else if (n < 0) {
            check();
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] scratch = new byte[(int) Math.min(8192, Math.max(n, 1))];
        long skipped = 0;
        while (skipped < n) {
            int r = read(scratch, 0, (int) Math.min(scratch.length, n - skipped));
            if (r < 0) break;
            skipped += r;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public synchronized void mark(int readlimit) {
        // not supported: every byte is hashed once, in order
    }

    @Override
    public synchronized void reset() throws IOException {
        throw new IOException("mark/reset not supported");
    }

    private void check() throws RegistryException {
        if (checked) return;
        checked = true;
        if (read != size) throw altered(read + " bytes instead of " + size);
        String actual = new Impronta(digest.digest()).hex();
        if (!actual.equals(sha256)) throw altered("SHA-256 " + actual);
    }

    private RegistryException altered(String what) {
        return new RegistryException(RegistryException.Reason.FINGERPRINT_MISMATCH, "content " + sha256 + " read back with " + what);
    }
}
