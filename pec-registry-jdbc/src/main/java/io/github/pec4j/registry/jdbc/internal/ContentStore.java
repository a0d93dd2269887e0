package io.github.pec4j.registry.jdbc.internal;

import io.github.pec4j.registry.DocumentRequest;
import io.github.pec4j.registry.Impronta;
import io.github.pec4j.registry.RegistryException;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Where document bytes live, addressed by their SHA-256: each content is kept once however many
 * documents have it. Writing streams the document once, hashing while it writes.
 */
interface ContentStore {
    /** The impronta and size of stored bytes. */
    record Stored(Impronta impronta, long size) {}

    /** Receives the bytes of a document as they are read. */
    @FunctionalInterface
    interface Sink<E extends Exception> {
        void write(byte[] buffer, int length) throws IOException, E;
    }

    /** The value of the {@code content.store} setting this store writes. */
    String kind();

    /**
     * Stores a document's bytes as part of the transaction of {@code c} (a rollback may leave
     * unreferenced content behind, never a reference to missing content). The bytes are read once,
     * hashed as they are written; content kept already is kept once. A declared impronta is checked
     * against that hash, never taken on trust, so what is stored always has the impronta recorded.
     *
     * @throws RegistryException TOO_LARGE past {@code maxBytes}, FINGERPRINT_MISMATCH when the
     *     bytes differ from the declared impronta (what was written goes with the transaction)
     */
    default Stored put(Connection c, DocumentRequest document, long maxBytes) throws IOException, SQLException {
        return write(c, document, maxBytes);
    }

    /** Whether the content with this SHA-256 (hex) is kept. */
    boolean contains(Connection c, String sha256) throws IOException, SQLException;

    /** Writes a document's bytes, which may already be kept. */
    Stored write(Connection c, DocumentRequest document, long maxBytes) throws IOException, SQLException;

    /** The bytes with this SHA-256 (hex); the caller closes the stream. */
    InputStream open(String sha256) throws IOException;

    /**
     * Reads a document once, in pieces of {@code buffer.length} bytes (the last one shorter) read into
     * {@code buffer} and handed to {@code sink}, counting and hashing them; checks the size limit while
     * reading and the declared impronta at the end.
     */
    static <E extends Exception> Stored copy(DocumentRequest document, long maxBytes, byte[] buffer, Sink<E> sink) throws IOException, E {
        MessageDigest sha = Impronta.sha256Digest();
        long total = 0;
        try (InputStream in = document.content().open()) {
            for (int n; (n = in.readNBytes(buffer, 0, buffer.length)) > 0; ) {
                total += n;
                if (total > maxBytes) {
                    throw new RegistryException(RegistryException.Reason.TOO_LARGE, document.fileName() + " exceeds " + maxBytes + " bytes");
                }
                sha.update(buffer, 0, n);
                sink.write(buffer, n);
            }
        }
        Impronta impronta = new Impronta(sha.digest());
        if (document.expectedImpronta().isPresent() && !document.expectedImpronta().get().equals(impronta)) {
            throw new RegistryException(RegistryException.Reason.FINGERPRINT_MISMATCH, document.fileName() + ": declared "
                    + document.expectedImpronta().get() + ", the bytes read have " + impronta);
        }
        return new Stored(impronta, total);
    }
}
