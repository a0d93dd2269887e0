package io.github.pec4j.core;

import io.github.pec4j.core.content.StoredContent;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.Optional;

/**
 * A file attached to a message, decoded, fingerprinted and spooled while the message was read.
 *
 * @param mimePath where the part is (see {@link Location#mimePath()})
 * @param name the decoded file name (RFC 2231 / RFC 2047, NFC), exactly as the sender wrote it: a
 *     trailing space or a control character such as NUL is kept (and reported as
 *     {@link ParseCode#ATTACHMENT_NAME_ODD}); may be a hostile path, never use it on a file system
 * @param safeName a file-system-safe name derived from {@code name}, unique within the message
 * @param declaredType the declared media type, lower case without parameters (not checked against
 *     the content)
 * @param inline true when the part said {@code Content-Disposition: inline}
 * @param size decoded size in bytes
 * @param sha256 lower-case hexadecimal SHA-256 of the decoded bytes
 * @param content the decoded bytes
 * @param embeddedMessage for a {@code message/rfc822} attachment, the raw bytes are the content; this
 *     is true for those
 * @param complete false when the part's bytes (or, for an embedded message, anything inside it) were
 *     cut or could not be decoded as declared: the content is not the file that was sent, see
 *     {@link PecMessage#completeness()} for why
 */
public record Attachment(
        String mimePath,
        String name,
        String safeName,
        String declaredType,
        boolean inline,
        long size,
        String sha256,
        StoredContent content,
        boolean embeddedMessage,
        boolean complete,
        Optional<StoredContent> signedContent) {

    /**
     * Creates the record: refuses null components.
     *
     * @param mimePath where the part is (see {@link Location#mimePath()})
     * @param name the decoded file name (RFC 2231 / RFC 2047, NFC), exactly as the sender wrote it: a trailing space
     *     or a control character such as NUL is kept (and reported as {@link ParseCode#ATTACHMENT_NAME_ODD}); may be
     *     a hostile path, never use it on a file system
     * @param safeName a file-system-safe name derived from {@code name}, unique within the message
     * @param declaredType the declared media type, lower case without parameters (not checked against the content)
     * @param inline true when the part said {@code Content-Disposition: inline}
     * @param size decoded size in bytes
     * @param sha256 lower-case hexadecimal SHA-256 of the decoded bytes
     * @param content the decoded bytes
     * @param embeddedMessage for a {@code message/rfc822} attachment, the raw bytes are the content; this is true for
     *     those
     * @param complete false when the part's bytes (or, for an embedded message, anything inside it) were cut or could
     *     not be decoded as declared: the content is not the file that was sent, see {@link
     *     PecMessage#completeness()} for why
     * @param signedContent for a sender's S/MIME signature of the mail itself, the bytes it signs: for the {@code
     *     smime.p7s} of a clear-signed mail (the second part of a {@code multipart/signed}, RFC 8551 §3.5), the first
     *     part, from its first header byte to the line break before the next boundary, as sent; for the {@code smime.p7m}
     *     of an original signed in opaque form (RFC 8551 §3.4.2), the MIME entity it encapsulates, whose files are the
     *     message's other attachments; empty for every other attachment. Such a signature is verified against these
     *     bytes, and its files are checked as the attachments they are
     */
    public Attachment {
        Objects.requireNonNull(mimePath, "mimePath");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(safeName, "safeName");
        Objects.requireNonNull(declaredType, "declaredType");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(signedContent, "signedContent");
    }

    /**
     * An attachment that is not the signature part of a clear-signed message.
     *
     * @param mimePath where the part is (see {@link Location#mimePath()})
     * @param name the decoded file name exactly as the sender wrote it
     * @param safeName a file-system-safe name derived from {@code name}, unique within the message
     * @param declaredType the declared media type, lower case without parameters
     * @param inline true when the part said {@code Content-Disposition: inline}
     * @param size decoded size in bytes
     * @param sha256 lower-case hexadecimal SHA-256 of the decoded bytes
     * @param content the decoded bytes
     * @param embeddedMessage true for a {@code message/rfc822} part, whose raw bytes are the content
     * @param complete false when the part's bytes were cut or could not be decoded as declared
     */
    public Attachment(String mimePath, String name, String safeName, String declaredType, boolean inline, long size,
            String sha256, StoredContent content, boolean embeddedMessage, boolean complete) {
        this(mimePath, name, safeName, declaredType, inline, size, sha256, content, embeddedMessage, complete, Optional.empty());
    }

    /**
     * An attachment whose bytes were read completely.
     *
     * @param mimePath where the part is in the message (see {@link Location#mimePath()})
     * @param name the decoded file name exactly as the sender wrote it
     * @param safeName a file-system-safe name derived from {@code name}, unique within the message
     * @param declaredType the declared media type, lower case without parameters
     * @param inline true when the part said {@code Content-Disposition: inline}
     * @param size the decoded size in bytes
     * @param sha256 lower-case hexadecimal SHA-256 of the decoded bytes
     * @param content the decoded bytes
     * @param embeddedMessage true for a {@code message/rfc822} part, whose raw bytes are the content
     */
    public Attachment(String mimePath, String name, String safeName, String declaredType, boolean inline, long size,
            String sha256, StoredContent content, boolean embeddedMessage) {
        this(mimePath, name, safeName, declaredType, inline, size, sha256, content, embeddedMessage, true, Optional.empty());
    }

    /**
     * Opens the decoded bytes.
     *
     * @return a new stream over the decoded bytes, which the caller closes
     * @throws IOException when the spooled content cannot be read
     */
    public InputStream openStream() throws IOException {
        return content.openStream();
    }

    /**
     * Whether this attachment is a detached signature ({@code .p7s}) of {@code document}, by the naming every signing
     * tool uses: the document's name with {@code .p7s} added ({@code istanza.pdf} and {@code istanza.pdf.p7s}, case
     * aside). A clear-signed mail's own signature part ({@link #signedContent()}) signs the mail instead, never a
     * sibling.
     *
     * @param document another attachment of the same message
     * @return true when this is {@code document}'s detached signature by name
     */
    public boolean signsByName(Attachment document) {
        // length and suffix first: a message of 2,000 parts asks this for every pair
        int base = name.length() - ".p7s".length();
        return signedContent.isEmpty() && document != this && base > 0 && base == document.name.length()
                && name.regionMatches(true, base, ".p7s", 0, 4) && name.regionMatches(true, 0, document.name, 0, base);
    }

    /**
     * The attachment among {@code attachments} that this one signs by name ({@link #signsByName}), if any.
     *
     * @param attachments the attachments of the same message
     * @return the document this detached signature signs, or empty
     */
    public Optional<Attachment> signedDocumentIn(java.util.List<Attachment> attachments) {
        return attachments.stream().filter(this::signsByName).findFirst();
    }

    /**
     * The file-name extension of {@link #safeName()}, lower case, without the dot.
     *
     * @return the extension in lower case, or empty when the safe name has none
     */
    public Optional<String> extension() {
        int dot = safeName.lastIndexOf('.');
        return dot > 0 && dot < safeName.length() - 1
                ? Optional.of(safeName.substring(dot + 1).toLowerCase(java.util.Locale.ROOT))
                : Optional.empty();
    }
}
