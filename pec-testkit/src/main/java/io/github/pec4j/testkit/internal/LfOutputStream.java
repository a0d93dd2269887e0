package io.github.pec4j.testkit.internal;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Turns CRLF into LF on the way out, as a message stored on a Unix system may be. */
public final class LfOutputStream extends FilterOutputStream {
    private boolean pendingCr;

    /** Writes to {@code out} with LF line endings. */
    public LfOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        if (pendingCr) {
            pendingCr = false;
            if (b != '\n') {
                out.write('\r');
            }
        }
        if (b == '\r') {
            pendingCr = true;
        } else {
            out.write(b);
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        byte[] tmp = new byte[len + 1];
        int n = 0;
        for (int i = off; i < off + len; i++) {
            byte c = b[i];
            if (pendingCr) {
                pendingCr = false;
                if (c != '\n') {
                    tmp[n++] = '\r';
                }
            }
            if (c == '\r') {
                pendingCr = true;
            } else {
                tmp[n++] = c;
            }
        }
        out.write(tmp, 0, n);
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        if (pendingCr) {
            out.write('\r');
            pendingCr = false;
        }
        super.close();
    }
}
