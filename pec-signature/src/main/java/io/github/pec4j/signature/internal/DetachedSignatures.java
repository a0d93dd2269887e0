package io.github.pec4j.signature.internal;

import io.github.pec4j.core.Attachment;
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

/**
 * The signature part of a sender's clear-signed mail, verified over the bytes it signs (SIG-SMIME-01). RFC 8551 signs
 * the canonical form, every line break CRLF: the bytes are tried as received, then, when they hold a bare LF (a copy
 * stored with Unix line breaks), in canonical form.
 */
public final class DetachedSignatures {
    private DetachedSignatures() {}

    /**
     * Verifies {@code attachment}, whose {@link Attachment#signedContent()} is present, as a detached signature.
     *
     * @param verifier the verifier (its trust, policy and clock)
     * @param attachment the signature part
     * @return the report of the signature over its signed content
     * @throws IOException when the bytes cannot be spooled or read
     */
    public static DocumentReport verify(DocumentVerifier verifier, Attachment attachment) throws IOException {
        StoredContent signed = attachment.signedContent().orElseThrow();
        Path signature = Files.createTempFile("pec4j-smime-", ".p7s");
        Path content = Files.createTempFile("pec4j-smime-", ".eml");
        try {
            copy(attachment.content(), signature, false);
            boolean bareLf = copy(signed, content, false);
            DocumentReport r = verifier.verifyDetached(signature, content);
            if (r.integrity() == Integrity.VALID || !bareLf) return r;
            copy(signed, content, true);
            DocumentReport canonical = verifier.verifyDetached(signature, content);
            return canonical.integrity() == Integrity.VALID ? canonical : r;
        } finally {
            Files.deleteIfExists(signature);
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
