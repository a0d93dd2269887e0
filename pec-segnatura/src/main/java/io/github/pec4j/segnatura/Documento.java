package io.github.pec4j.segnatura;

import io.github.pec4j.core.Attachment;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * The primary document or an attachment ({@code DocumentoType}).
 *
 * @param nomeFile the file name, matched against the received files' names (empty for a legacy message text)
 * @param mimeType the media type (empty when a legacy segnatura gave none)
 * @param descrizione a description, if any
 * @param impronta the digest; always present in v3, optional in the legacy formats
 */
public record Documento(String nomeFile, String mimeType, Optional<String> descrizione, Optional<Impronta> impronta) {

    /**
     * Checks for presence.
     *
     * @param nomeFile the file name, matched against the received files' names (empty for a legacy message text)
     * @param mimeType the media type (empty when a legacy segnatura gave none)
     * @param descrizione a description, if any
     * @param impronta the digest; always present in v3, optional in the legacy formats
     */
    public Documento {
        Objects.requireNonNull(nomeFile, "nomeFile");
        Objects.requireNonNull(mimeType, "mimeType");
        Objects.requireNonNull(descrizione, "descrizione");
        Objects.requireNonNull(impronta, "impronta");
    }

    /**
     * A document whose impronta is the SHA-256 of {@code content}.
     *
     * @param nomeFile the file name, matched against the received files' names (empty for a legacy message text)
     * @param mimeType the media type (empty when a legacy segnatura gave none)
     * @param content the document's bytes, hashed and not kept
     * @return a document whose impronta is the SHA-256 of {@code content}
     */
    public static Documento of(String nomeFile, String mimeType, byte[] content) {
        return new Documento(nomeFile, mimeType, Optional.empty(), Optional.of(Impronta.sha256(content)));
    }

    /**
     * A document with a computed impronta.
     *
     * @param nomeFile the file name, matched against the received files' names (empty for a legacy message text)
     * @param mimeType the media type (empty when a legacy segnatura gave none)
     * @param impronta the digest; always present in v3, optional in the legacy formats
     * @return a document with a computed impronta
     */
    public static Documento of(String nomeFile, String mimeType, Impronta impronta) {
        return new Documento(nomeFile, mimeType, Optional.empty(), Optional.of(impronta));
    }

    /**
     * A document for a parsed PEC attachment: its name, declared type and SHA-256 (already computed by the parser).
     *
     * @param attachment an attachment of a parsed PEC message
     * @return a document for a parsed PEC attachment: its name, declared type and SHA-256 (already computed by the
     *     parser)
     */
    public static Documento of(Attachment attachment) {
        return of(attachment.name(), attachment.declaredType(),
                Impronta.of(DigestAlgorithm.SHA_256, HexFormat.of().parseHex(attachment.sha256())));
    }

    /**
     * This document with a description.
     *
     * @param text the description, as the segnatura's {@code Descrizione} carries it
     * @return this document with a description
     */
    public Documento withDescrizione(String text) {
        return new Documento(nomeFile, mimeType, Optional.of(text), impronta);
    }
}
