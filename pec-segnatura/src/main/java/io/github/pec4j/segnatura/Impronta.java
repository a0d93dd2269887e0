package io.github.pec4j.segnatura;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * The digest of a document as the segnatura states it.
 *
 * @param algoritmo the algorithm as written in {@code Impronta/@algoritmo} ({@code SHA-256} when absent)
 * @param value the digest bytes (copied in and out)
 */
public record Impronta(String algoritmo, byte[] value) {

    /**
     * Validates and copies.
     *
     * @param algoritmo the algorithm as written in {@code Impronta/@algoritmo} ({@code SHA-256} when absent)
     * @param value the digest bytes (copied in and out)
     */
    public Impronta {
        Objects.requireNonNull(algoritmo, "algoritmo");
        value = Objects.requireNonNull(value, "value").clone();
    }

    /**
     * The SHA-256 impronta of {@code content}.
     *
     * @param content the bytes to digest
     * @return the SHA-256 impronta of {@code content}
     */
    public static Impronta sha256(byte[] content) {
        return of(DigestAlgorithm.SHA_256, DigestAlgorithm.SHA_256.newDigest().digest(Objects.requireNonNull(content, "content")));
    }

    /**
     * The SHA-256 impronta of a stream, read to its end (not closed).
     *
     * @param content the stream to digest
     * @return the SHA-256 impronta of a stream, read to its end (not closed)
     * @throws IOException when the content cannot be read
     */
    public static Impronta sha256(InputStream content) throws IOException {
        return of(DigestAlgorithm.SHA_256, digest(DigestAlgorithm.SHA_256, content));
    }

    /**
     * An impronta with the plain name of {@code algorithm}.
     *
     * @param value the digest bytes
     * @param algorithm the algorithm that produced {@code value}
     * @return an impronta with the plain name of {@code algorithm}
     */
    public static Impronta of(DigestAlgorithm algorithm, byte[] value) {
        return new Impronta(algorithm.segnaturaName(), value);
    }

    /** The digest of a stream read to its end (not closed). */
    static byte[] digest(DigestAlgorithm algorithm, InputStream in) throws IOException {
        MessageDigest md = algorithm.newDigest();
        byte[] buf = new byte[16384];
        for (int n; (n = in.read(buf)) >= 0; ) {
            md.update(buf, 0, n);
        }
        return md.digest();
    }

    /**
     * The digest bytes.
     *
     * @return a fresh array holding the digest
     */
    @Override
    public byte[] value() {
        return value.clone();
    }

    /**
     * The algorithm {@link #algoritmo()} names, when it is one of the SHA-2 names accepted.
     *
     * @return the algorithm {@link #algoritmo()} names, when it is one of the SHA-2 names accepted
     */
    public Optional<DigestAlgorithm> algorithm() {
        return DigestAlgorithm.parse(algoritmo);
    }

    /**
     * The value in base64, as the segnatura writes it.
     *
     * @return the value in base64, as the segnatura writes it
     */
    public String base64() {
        return Base64.getEncoder().encodeToString(value);
    }

    /**
     * True when {@code digest} equals the value (constant time).
     *
     * @param digest digest bytes computed with this impronta's algorithm
     * @return true when {@code digest} equals the value (constant time)
     */
    public boolean matches(byte[] digest) {
        return MessageDigest.isEqual(value, Objects.requireNonNull(digest, "digest"));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Impronta i && i.algoritmo.equals(algoritmo) && Arrays.equals(i.value, value);
    }

    @Override
    public int hashCode() {
        return algoritmo.hashCode() * 31 + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return algoritmo + ":" + base64();
    }
}
