package io.github.pec4j.segnatura;

import io.github.pec4j.core.Attachment;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A file received with a segnatura, matched to its {@code Documento} by name: its content (bytes or a stream opened
 * on demand) and/or digests already computed. Immutable.
 */
public final class ReceivedFile {
    private final String name;
    private final @Nullable Content content;
    private final Map<DigestAlgorithm, byte[]> digests;

    /** Opens the file's content; called at most once per verification. */
    @FunctionalInterface
    public interface Content {
        /**
         * A new stream over the content, closed by the caller.
         *
         * @return a new stream over the content, closed by the caller
         * @throws IOException when the content cannot be read
         */
        InputStream open() throws IOException;
    }

    private ReceivedFile(String name, @Nullable Content content, Map<DigestAlgorithm, byte[]> digests) {
        this.name = Objects.requireNonNull(name, "name");
        this.content = content;
        this.digests = digests;
    }

    /**
     * A file in memory (copied).
     *
     * @param name the file name as received
     * @param content the file's bytes
     * @return a file in memory (copied)
     */
    public static ReceivedFile of(String name, byte[] content) {
        byte[] copy = content.clone();
        return new ReceivedFile(name, () -> new ByteArrayInputStream(copy), Map.of());
    }

    /**
     * A file read from a stream when needed.
     *
     * @param name the file name as received
     * @param content where the bytes are read from when a digest is needed
     * @return a file read from a stream when needed
     */
    public static ReceivedFile of(String name, Content content) {
        return new ReceivedFile(name, Objects.requireNonNull(content, "content"), Map.of());
    }

    /**
     * A file known only by its digest (no content): it can be checked only against an impronta of the same algorithm.
     *
     * @param name the file name as received
     * @param algorithm the algorithm of {@code digest}
     * @param digest the file's digest
     * @return a file known only by its digest (no content): it can be checked only against an impronta of the same
     *     algorithm
     */
    public static ReceivedFile ofDigest(String name, DigestAlgorithm algorithm, byte[] digest) {
        Map<DigestAlgorithm, byte[]> m = new EnumMap<>(DigestAlgorithm.class);
        m.put(algorithm, digest.clone());
        return new ReceivedFile(name, null, m);
    }

    /**
     * A parsed PEC attachment: its name, the SHA-256 the parser computed, and its content for other algorithms.
     *
     * @param attachment an attachment of a parsed PEC message
     * @return a parsed PEC attachment: its name, the SHA-256 the parser computed, and its content for other
     *     algorithms
     */
    public static ReceivedFile of(Attachment attachment) {
        Map<DigestAlgorithm, byte[]> m = new EnumMap<>(DigestAlgorithm.class);
        m.put(DigestAlgorithm.SHA_256, HexFormat.of().parseHex(attachment.sha256()));
        return new ReceivedFile(attachment.name(), attachment::openStream, m);
    }

    /**
     * The file name, as received.
     *
     * @return the file name, as received
     */
    public String name() {
        return name;
    }

    /**
     * The file's digest with {@code algorithm}: the one given, or computed from the content; empty when there is
     * neither.
     *
     * @param algorithm the algorithm wanted
     * @return the file's digest with {@code algorithm}: the one given, or computed from the content; empty when there
     *     is neither
     * @throws IOException when the content cannot be read
     */
    public Optional<byte[]> digest(DigestAlgorithm algorithm) throws IOException {
        byte[] known = digests.get(algorithm);
        if (known != null) {
            return Optional.of(known.clone());
        }
        if (content == null) {
            return Optional.empty();
        }
        try (InputStream in = content.open()) {
            return Optional.of(Impronta.digest(algorithm, in));
        }
    }

    @Override
    public String toString() {
        return "ReceivedFile[" + name + "]";
    }
}
