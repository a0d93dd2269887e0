package io.github.pec4j.signature.internal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Streaming, tolerant base64 decoding of a file: white space skipped, missing padding tolerated, PEM armour dropped. */
final class Base64Stream {
    private static final byte[] VALUES = new byte[256];

    static {
        java.util.Arrays.fill(VALUES, (byte) -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < alphabet.length(); i++) {
            VALUES[alphabet.charAt(i)] = (byte) i;
        }
    }

    private Base64Stream() {}

    /**
     * Decodes {@code in} into {@code out}; returns the number of bytes written, or -1 when the text
     * holds characters outside base64 (so it is not base64 at all). {@code out} is a file just made, written without
     * truncating it: on ext4 a file truncated and written is flushed to disk when closed.
     */
    static long decode(Path in, Path out, boolean pem) throws IOException {
        long written = 0;
        try (InputStream src = new BufferedInputStream(Files.newInputStream(in), 64 * 1024);
                OutputStream dst = new BufferedOutputStream(Files.newOutputStream(out, java.nio.file.StandardOpenOption.WRITE), 64 * 1024)) {
            int bits = 0;
            int quad = 0;
            boolean inArmour = false;
            boolean lineStart = true;
            int c;
            while ((c = src.read()) >= 0) {
                if (pem && lineStart && c == '-') {
                    inArmour = true; // a -----BEGIN/END----- line
                }
                lineStart = c == '\n';
                if (inArmour) {
                    if (c == '\n') {
                        inArmour = false;
                    }
                    continue;
                }
                if (c == '\r' || c == '\n' || c == ' ' || c == '\t') {
                    continue;
                }
                if (c == '=') {
                    continue; // padding, also in the middle of concatenated blocks
                }
                int v = VALUES[c];
                if (v < 0) {
                    return -1;
                }
                bits = (bits << 6) | v;
                if (++quad == 4) {
                    dst.write(bits >> 16);
                    dst.write(bits >> 8);
                    dst.write(bits);
                    written += 3;
                    quad = 0;
                    bits = 0;
                }
            }
            if (quad == 2) {
                dst.write(bits >> 4);
                written++;
            } else if (quad == 3) {
                dst.write(bits >> 10);
                dst.write(bits >> 2);
                written += 2;
            }
        }
        return written;
    }
}
