package io.github.pec4j.registry;

/** What a registry declares it can do; the compatibility kit tests what is declared. */
public enum Capability {
    /** Registrations survive a restart (and a {@code kill -9}). */
    PERSISTENT,
    /** Several processes may register against the same store at once without gaps or duplicates. */
    MULTI_PROCESS,
    /** Document bytes are stored and can be read back. */
    DOCUMENT_CONTENT,
    /** Transmission events for outgoing mail. */
    TRANSMISSIONS,
    /** Fascicoli. */
    FASCICOLI,
    /** The daily register. */
    DAILY_REGISTER,
    /** Recovery of emergency-register entries. */
    EMERGENCY_REGISTER,
    /** {@link ProtocolRegistry#search}. */
    SEARCH,
    /**
     * The offices' desk: {@link ProtocolRegistry#takeInCharge presa in carico} and {@link
     * ProtocolRegistry#rejectAssignment rifiuto} as audited changes.
     */
    DESK,
    /** {@link ProtocolRegistry#mailroom()}: the intake journal, the mail outbox and mailbox leases of {@code pec-mailroom}. */
    MAILROOM
}
