package io.github.pec4j.signature;

import io.github.pec4j.signature.internal.BcDocumentVerifier;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * Verifies signed documents (attachments): sniffs DER, BER, PEM, base64 and double base64, unwraps
 * nested {@code .p7m} layers within a depth limit, checks detached {@code .p7s} over their content,
 * and reports each layer's signers and the innermost content. Large files are verified streaming
 * through temporary files, in constant memory. Thread-safe.
 *
 * <p>Coverage: CAdES ({@code .p7m}, {@code .p7s}) with CAdES-T signature time-stamps, {@code .m7m},
 * RFC 5544 {@code .tsd}, and PAdES (each PDF signature checked over its byte range, with coverage of
 * the whole file; CMS integrity only, no modification analysis), and XML-DSig core integrity of XML
 * documents (XAdES properties not checked).
 */
public interface DocumentVerifier {

    /**
     * Verifies a signed document file ({@code .p7m}, possibly nested, in any encoding).
     *
     * @param file the signed file
     * @return the report: every layer, its signers and the innermost content
     * @throws IOException when the file cannot be read; malformed content never throws
     */
    DocumentReport verify(Path file) throws IOException;

    /**
     * Verifies an attachment of a parsed message. A PDF the parser spooled to a file is read there (a PDF's report does
     * not depend on its file's name); any other attachment is spooled to an owner-only temporary file that keeps the
     * extension of its safe name (a {@code .p7m} that is not CMS is not verifiable, any other file unsigned) and is
     * deleted afterwards. The signature part of a sender's clear-signed mail ({@link
     * io.github.pec4j.core.Attachment#signedContent()}) is verified as a detached signature over the bytes it signs
     * (SIG-SMIME-01).
     *
     * @param attachment an attachment of a parsed message
     * @return the report: every layer, its signers and the innermost content
     * @throws IOException when the attachment cannot be spooled or read
     */
    default DocumentReport verify(io.github.pec4j.core.Attachment attachment) throws IOException {
        if (attachment.signedContent().isPresent()) {
            return io.github.pec4j.signature.internal.DetachedSignatures.verify(this, attachment.content(), attachment.signedContent().get(), true);
        }
        String name = attachment.safeName();
        java.util.Optional<Path> spooled = attachment.content().spoolFile();
        if (spooled.isPresent() && name.toLowerCase(java.util.Locale.ROOT).endsWith(".pdf")) {
            return verify(spooled.get());
        }
        int dot = name.lastIndexOf('.');
        String suffix = dot < 0 || name.length() - dot > 16 ? ".bin" : name.substring(dot);
        // one file, written in place: a folder and a replaced file each cost a file made and deleted
        Path file = java.nio.file.Files.createTempFile("pec4j-attachment-", suffix);
        try {
            try (java.io.InputStream in = attachment.openStream(); java.io.OutputStream out = java.nio.file.Files.newOutputStream(file, java.nio.file.StandardOpenOption.WRITE)) {
                in.transferTo(out);
            }
            return verify(file);
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }

    /**
     * Verifies like {@link #verify(Path)} and also writes the innermost content to {@code contentTarget}
     * (replacing it), so that it can be checked further (e.g. by the format policy). Nothing is written
     * when the report has no content.
     *
     * @param file the signed file
     * @param contentTarget where to write the innermost content
     * @return the report: every layer, its signers and the innermost content
     * @throws IOException when the file cannot be read or the content cannot be written
     */
    DocumentReport verifyAndExtract(Path file, Path contentTarget) throws IOException;

    /**
     * Verifies an attachment that is a detached signature ({@code .p7s}) over another attachment of the same message,
     * its content ({@link io.github.pec4j.core.Attachment#signsByName}), both spooled to owner-only temporary files
     * deleted afterwards (SIG-DETACHED-01).
     *
     * @param signature the {@code .p7s} attachment
     * @param content the attachment it signs
     * @return the report of the signature over the content
     * @throws IOException when an attachment cannot be spooled or read
     */
    default DocumentReport verifyDetached(io.github.pec4j.core.Attachment signature, io.github.pec4j.core.Attachment content) throws IOException {
        return io.github.pec4j.signature.internal.DetachedSignatures.verify(this, signature.content(), content.content(), false);
    }

    /**
     * Verifies a detached signature ({@code .p7s}) over its content file.
     *
     * @param content the innermost content (absent for a detached signature without its content)
     * @param signature the detached signature file
     * @return the report of the signature over the content
     * @throws IOException when a file cannot be read
     */
    DocumentReport verifyDetached(Path signature, Path content) throws IOException;

    /**
     * A verifier with this trust, policy and clock (used only when a signature has no signing time).
     *
     * @param trust whether the signer is a trusted PEC provider
     * @param policy the algorithms accepted
     * @param clock the clock used when a signature has no signing time
     * @return a verifier with this trust, policy and clock (used only when a signature has no signing time)
     */
    static DocumentVerifier create(TrustStore trust, CryptoPolicy policy, Clock clock) {
        return new BcDocumentVerifier(Objects.requireNonNull(trust, "trust"), Objects.requireNonNull(policy, "policy"),
                Objects.requireNonNull(clock, "clock"));
    }

    /**
     * A verifier with this trust, the default policy and the system clock.
     *
     * @param trust whether the signer is a trusted PEC provider
     * @return a verifier with this trust, the default policy and the system clock
     */
    static DocumentVerifier create(TrustStore trust) {
        return create(trust, CryptoPolicy.DEFAULT, Clock.systemUTC());
    }
}
