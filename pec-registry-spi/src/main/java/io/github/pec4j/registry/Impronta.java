package io.github.pec4j.registry;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The impronta of a document: the SHA-256 of its exact bytes as received (for a signed file, the
 * outer {@code .p7m}), DPR 445/2000 art. 53 c.1 f and Circolare AgID 60/2013.
 *
 * @param sha256 the 32 digest bytes (copied)
 */
public record Impronta(byte[] sha256) {
    /**
     * Creates the record: refuses null components and refuses values out of range.
     *
     * @param sha256 the 32 digest bytes (copied)
     */
    public Impronta {
        Objects.requireNonNull(sha256, "sha256");
        if (sha256.length != 32) {
            throw new IllegalArgumentException("a SHA-256 digest has 32 bytes, not " + sha256.length);
        }
        sha256 = sha256.clone();
    }

    /**
     * The SHA-256 digest.
     *
     * @return a fresh copy of the 32 bytes
     */
    @Override
    public byte[] sha256() {
        return sha256.clone();
    }

    /**
     * The algorithm name as the segnatura writes it.
     *
     * @return the algorithm name as the segnatura writes it
     */
    public String algorithm() {
        return "SHA-256";
    }

    /**
     * Base64 (RFC 4648, padded), the form of the segnatura's {@code Impronta}.
     *
     * @return the digest in Base64
     */
    public String base64() {
        return Base64.getEncoder().encodeToString(sha256);
    }

    /**
     * Lower-case hex, the content address used by the reference registries.
     *
     * @return the digest as 64 lower-case hexadecimal digits
     */
    public String hex() {
        return HexFormat.of().formatHex(sha256);
    }

    /**
     * An impronta from its Base64 form.
     *
     * @param base64 the digest in Base64
     * @return the impronta
     */
    public static Impronta ofBase64(String base64) {
        return new Impronta(Base64.getDecoder().decode(Objects.requireNonNull(base64, "base64")));
    }

    /**
     * An impronta from its hexadecimal form.
     *
     * @param hex the digest as 64 hexadecimal digits
     * @return the impronta
     */
    public static Impronta ofHex(String hex) {
        return new Impronta(HexFormat.of().parseHex(Objects.requireNonNull(hex, "hex")));
    }

    /**
     * The impronta of bytes in memory.
     *
     * @param content the bytes to hash
     * @return the SHA-256 impronta
     */
    public static Impronta of(byte[] content) {
        return new Impronta(sha256Digest().digest(content));
    }

    /**
     * Hashes a stream to its end; the caller closes it.
     *
     * @param in the stream to hash
     * @return the SHA-256 impronta
     * @throws IOException when a document cannot be read
     */
    public static Impronta of(InputStream in) throws IOException {
        MessageDigest digest = sha256Digest();
        byte[] buffer = new byte[64 * 1024];
        for (int n; (n = in.read(buffer)) != -1; ) {
            digest.update(buffer, 0, n);
        }
        return new Impronta(digest.digest());
    }

    /**
     * A fresh SHA-256 {@link MessageDigest} (every Java platform has one).
     *
     * @return a fresh SHA-256 {@link MessageDigest} (every Java platform has one)
     */
    public static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Impronta other && MessageDigest.isEqual(sha256, other.sha256);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(sha256);
    }

    @Override
    public String toString() {
        return "SHA-256:" + base64();
    }
}
