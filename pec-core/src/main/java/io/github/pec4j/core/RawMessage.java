package io.github.pec4j.core;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The exact bytes of a message as received, kept next to every parse result (failed parses too), so
 * that the provider signature can be verified over them and nothing is ever lost.
 */
public interface RawMessage {

    /**
     * Number of bytes.
     *
     * @return the size of the message in bytes
     */
    long size();

    /**
     * Opens the whole message.
     *
     * @return a new stream over every byte of the message, which the caller closes
     * @throws IOException when the spooled or file-backed bytes cannot be read
     */
    InputStream open() throws IOException;

    /**
     * Opens a range of the message.
     *
     * @param range the byte range to read
     * @return a new stream over the bytes of {@code range}, which the caller closes
     * @throws IOException when the spooled or file-backed bytes cannot be read
     */
    InputStream open(ByteRange range) throws IOException;

    /**
     * The file holding the bytes, when the message was parsed from a file (not copied).
     *
     * @return the message file, or empty when the bytes were spooled
     */
    Optional<java.nio.file.Path> file();

    /**
     * Reads a range into memory; for small ranges only.
     *
     * @param range the byte range to read
     * @return a new array with the bytes of {@code range}
     * @throws IOException when the spooled or file-backed bytes cannot be read
     */
    default byte[] read(ByteRange range) throws IOException {
        if (range.length() > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("range too large to read into memory: " + range);
        }
        try (InputStream in = open(range)) {
            return in.readNBytes((int) range.length());
        }
    }

    /**
     * Lower-case hexadecimal SHA-256 of the whole message, computed on demand.
     *
     * @return the SHA-256 of the message as 64 lower-case hexadecimal digits
     * @throws IOException when the spooled or file-backed bytes cannot be read
     */
    default String sha256Hex() throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buf = new byte[64 * 1024];
        try (InputStream in = open()) {
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
