package io.github.pec4j.segnatura;

import java.util.Objects;

/**
 * How one document of the segnatura compared with the received file of the same name.
 *
 * @param nomeFile the document's name in the segnatura
 * @param primario whether it is the primary document
 * @param status the outcome
 * @param detail why, for people
 */
public record DocumentCheck(String nomeFile, boolean primario, Status status, String detail) {

    /**
     * Checks for presence.
     *
     * @param nomeFile the document's name in the segnatura
     * @param primario whether it is the primary document
     * @param status the outcome
     * @param detail why, for people
     */
    public DocumentCheck {
        Objects.requireNonNull(nomeFile, "nomeFile");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
    }

    /** The outcome of one document. */
    public enum Status {
        /** The file's digest equals the impronta. */
        MATCH,
        /** The file's digest differs: anomaly 002. */
        MISMATCH,
        /** No received file has this name: anomaly 002 (the impronta cannot be matched). */
        MISSING,
        /** The file could not be read, or no digest can be computed for it: anomaly 003. */
        UNREADABLE,
        /** The impronta names no SHA-2 algorithm (or is not base64): anomaly 002. */
        UNSUPPORTED_ALGORITHM,
        /** A legacy segnatura gave no impronta (or no file) for this document: nothing to compare, no anomaly. */
        NO_IMPRONTA
    }
}
