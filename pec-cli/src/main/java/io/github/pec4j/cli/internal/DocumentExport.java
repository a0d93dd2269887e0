package io.github.pec4j.cli.internal;

import io.github.pec4j.registry.Impronta;
import io.github.pec4j.registry.RegistryException;
import io.github.pec4j.registry.StoredDocument;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;

/**
 * Writes a registered document's bytes where asked, only once they proved to be the bytes
 * registered: they are spooled to a temporary file while hashed, and the file takes its place (or is
 * copied to standard output) only when size and impronta match; otherwise nothing is left behind.
 */
final class DocumentExport {
    /** The bytes read differ from the registered ones. */
    static final class Mismatch extends Exception {
        private static final long serialVersionUID = 1L;

        Mismatch(String message) {
            super(message);
        }
    }

    private DocumentExport() {}

    /** Writes {@code content} to {@code target}, or to {@code stdout} when {@code target} is null. */
    static long export(InputStream content, StoredDocument expected, Path target, OutputStream stdout) throws IOException, Mismatch {
        Path dir = target == null ? null : target.toAbsolutePath().getParent();
        Path spool = dir == null ? Files.createTempFile("pec-open-", ".part") : Files.createTempFile(dir, ".pec-open-", ".part");
        try {
            long size = spool(content, expected, spool);
            if (target == null) {
                Files.copy(spool, stdout);
                stdout.flush();
            } else {
                Files.move(spool, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            return size;
        } finally {
            Files.deleteIfExists(spool);
        }
    }

    private static long spool(InputStream content, StoredDocument expected, Path spool) throws IOException, Mismatch {
        MessageDigest digest = Impronta.sha256Digest();
        long size;
        try (InputStream in = new DigestInputStream(content, digest); OutputStream out = Files.newOutputStream(spool)) {
            size = in.transferTo(out);
        } catch (RegistryException e) {
            if (e.reason() != RegistryException.Reason.FINGERPRINT_MISMATCH) throw e;
            // the registry checked the bytes itself as they were read back
            throw new Mismatch("the stored bytes do not match the registered impronta (" + e.getMessage() + "; registered " + expected.size()
                    + " bytes, sha256 " + expected.impronta().hex() + "): nothing written");
        }
        Impronta actual = new Impronta(digest.digest());
        if (size != expected.size() || !actual.equals(expected.impronta())) {
            throw new Mismatch("the stored bytes do not match the registered impronta (" + size + " bytes, sha256 " + actual.hex()
                    + "; registered " + expected.size() + " bytes, sha256 " + expected.impronta().hex() + "): nothing written");
        }
        return size;
    }
}
