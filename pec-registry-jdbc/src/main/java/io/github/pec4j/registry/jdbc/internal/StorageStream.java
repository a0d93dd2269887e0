package io.github.pec4j.registry.jdbc.internal;

import io.github.pec4j.registry.RegistryException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Stored content as the caller reads it: a failure of the store while reading is a STORAGE {@link RegistryException}. */
final class StorageStream extends FilterInputStream {
    private final String what;

    StorageStream(InputStream in, String what) {
        super(in);
        this.what = what;
    }

    private RegistryException storage(Exception e) {
        return new RegistryException(RegistryException.Reason.STORAGE, "reading " + what + " failed: " + e.getMessage(), e);
    }

    @Override
    public int read() throws IOException {
        try {
            return super.read();
        } catch (RegistryException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw storage(e);
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            return super.read(b, off, len);
        } catch (RegistryException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw storage(e);
        }
    }

    @Override
    public long skip(long n) throws IOException {
        try {
            return super.skip(n);
        } catch (RegistryException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw storage(e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            super.close();
        } catch (RegistryException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw storage(e);
        }
    }
}
