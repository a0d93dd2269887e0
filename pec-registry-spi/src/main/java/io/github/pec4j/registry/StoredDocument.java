package io.github.pec4j.registry;

import java.util.Objects;

/**
 * A document as registered; read its bytes with {@link ProtocolRegistry#openDocument}.
 *
 * @param index position in the registration: 0 is the primary document, then the attachments in
 *     order, then generated documents; 0 for the raw receipt of a transmission event
 * @param role primary, attachment, generated inside the registration (e.g. the segnatura), or the
 *     raw receipt of a transmission event
 * @param fileName the file name as received
 * @param mediaType the media type as given
 * @param size length in bytes
 * @param impronta SHA-256 of the stored bytes
 */
public record StoredDocument(int index, Role role, String fileName, String mediaType, long size, Impronta impronta) {
    /** What a document is to its registration. */
    public enum Role {
        /** The primary document of the registration. */
        PRIMARY,
        /** An attachment of the registration. */
        ATTACHMENT,
        /** Produced inside the registration transaction, e.g. {@code Segnatura.xml}. */
        GENERATED,
        /** The raw receipt kept with a {@link TransmissionRecord}. */
        RECEIPT
    }

    /**
     * Creates the record: refuses null components and refuses values out of range.
     *
     * @param index position in the registration: 0 is the primary document, then the attachments in order, then
     *     generated documents; 0 for the raw receipt of a transmission event
     * @param role primary, attachment, generated inside the registration (e.g. the segnatura), or the raw receipt of
     *     a transmission event
     * @param fileName the file name as received
     * @param mediaType the media type as given
     * @param size length in bytes
     * @param impronta SHA-256 of the stored bytes
     */
    public StoredDocument {
        if (index < 0) throw new IllegalArgumentException("index < 0");
        Objects.requireNonNull(role, "role");
        Checks.text(fileName, "fileName");
        Checks.text(mediaType, "mediaType");
        if (size < 0) throw new IllegalArgumentException("size < 0");
        Objects.requireNonNull(impronta, "impronta");
    }
}
