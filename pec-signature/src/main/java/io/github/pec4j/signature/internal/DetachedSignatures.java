package io.github.pec4j.signature.internal;

import io.github.pec4j.core.content.StoredContent;
import io.github.pec4j.signature.DocumentReport;
import io.github.pec4j.signature.DocumentVerifier;
import io.github.pec4j.signature.Integrity;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * A detached signature verified over the bytes it signs, both spooled to owner-only temporary files: the signature part
 * of a sender's clear-signed mail (SIG-SMIME-01), or a {@code .p7s} beside the document it signs (SIG-DETACHED-01).
 * RFC 8551 signs a mail in canonical form, every line break CRLF: a mail's bytes are tried as received, then, when they
 * hold a bare LF (a copy stored with Unix line breaks), in canonical form.
 */
public final class DetachedSignatures {
    private DetachedSignatures() {}

    /**
     * Verifies {@code signatureBytes} as a detached signature over {@code signed}.
     *
     * @param verifier the verifier (its trust, policy and clock)
     * @param signatureBytes the detached signature
     * @param signed the bytes it signs
     * @param canonicalRetry for a mail's S/MIME signature: when the bytes as received do not verify and hold a bare LF,
     *     try them again with every line break CRLF; never for a document, whose bytes are the file
     * @return the report of the signature over its signed content
     * @throws IOException when the bytes cannot be spooled or read
     */
    public static DocumentReport verify(DocumentVerifier verifier, StoredContent signatureBytes, StoredContent signed, boolean canonicalRetry)
            throws IOException {
        Path signature = Files.createTempFile("pec4j-detached-", ".p7s");
        try {
            copy(signatureBytes, signature, false);
            // a document the parser spooled is read where it is: no copy of a large file (FMT-MEM-01)
            Optional<Path> inPlace = canonicalRetry ? Optional.empty() : signed.spoolFile();
            return inPlace.isPresent() ? verifier.verifyDetached(signature, inPlace.get()) : overCopy(verifier, signature, signed, canonicalRetry);
        } finally {
            Files.deleteIfExists(signature);
        }
    }

    /** Verifies over a copy of {@code signed}: as received, then canonical when asked and a bare LF was seen. */
    private static DocumentReport overCopy(DocumentVerifier verifier, Path signature, StoredContent signed, boolean canonicalRetry)
            throws IOException {
        Path content = Files.createTempFile("pec4j-detached-", ".bin");
        try {
            boolean bareLf = copy(signed, content, false);
            DocumentReport r = verifier.verifyDetached(signature, content);
            if (r.integrity() == Integrity.VALID || !bareLf || !canonicalRetry) return r;
            copy(signed, content, true);
            DocumentReport canonical = verifier.verifyDetached(signature, content);
            return canonical.integrity() == Integrity.VALID ? canonical : r;
        } finally {
            Files.deleteIfExists(content);
        }
    }

    /** Writes the bytes to {@code file} (CRLF for every bare LF when {@code canonical}); true when a bare LF was seen. */
    private static boolean copy(StoredContent from, Path file, boolean canonical) throws IOException {
        boolean bareLf = false;
        try (InputStream in = new BufferedInputStream(from.openStream());
                OutputStream out = new BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING))) {
            int previous = -1;
            for (int b; (b = in.read()) >= 0; previous = b) {
                if (b == '\n' && previous != '\r') {
                    bareLf = true;
                    if (canonical) out.write('\r');
                }
                out.write(b);
            }
        }
        return bareLf;
    }
}
