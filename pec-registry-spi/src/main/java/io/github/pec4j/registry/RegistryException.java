package io.github.pec4j.registry;

import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

/** A registry refused an operation, or its storage failed; {@link #reason()} says which. */
public class RegistryException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Why an operation did not happen. */
    public enum Reason {
        /** No registration with that id (or no receipt with that sequence). */
        NOT_FOUND,
        /** The registration is annulled: it can be read, not changed. */
        ANNULLED,
        /**
         * A document's bytes do not match their impronta: the one a request declared, or, read back from the
         * store, the one they were registered with (the content was altered where it is kept).
         */
        FINGERPRINT_MISMATCH,
        /** A document exceeds the registry's size limit. */
        TOO_LARGE,
        /** The daily register of a day that has not ended yet in Europe/Rome. */
        DAY_NOT_CLOSED,
        /** The registry does not declare the capability the operation needs. */
        UNSUPPORTED,
        /** No registry provider with the requested id. */
        NO_PROVIDER,
        /** A document generator inside the registration failed; nothing was written. */
        GENERATION_FAILED,
        /** The storage failed (a full disk, a lost connection); nothing was written. */
        STORAGE,
        /**
         * The idempotency key is already registered with other content (another fingerprint): the
         * request is another message under a reused key; {@link #existingRegistration()} names the
         * registration that holds the key. Nothing was written.
         */
        IDEMPOTENCY_CONFLICT,
        /** The office has no assignment on the registration (presa in carico, rifiuto). */
        NOT_ASSIGNED,
        /** The office already took the registration in charge: it can no longer send it back (rifiuto). */
        ALREADY_TAKEN
    }

    /** What failed. */
    private final Reason reason;
    /** The registration the failure concerns, as {@link ProtocolId#toString()} (a String keeps the exception serialisable). */
    private final String existing;

    /**
     * A failure of this kind.
     *
     * @param reason what failed
     * @param message a sentence for the operator
     */
    public RegistryException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.existing = null;
    }

    /**
     * A failure of this kind with its cause.
     *
     * @param reason what failed
     * @param message a sentence for the operator
     * @param cause the underlying failure
     */
    public RegistryException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.existing = null;
    }

    /**
     * A failure about an existing registration, e.g. an {@link Reason#IDEMPOTENCY_CONFLICT}.
     *
     * @param existing the registration concerned, returned by {@link #existingRegistration()}
     * @param reason why the registration is annulled
     * @param message a sentence for the operator
     */
    public RegistryException(Reason reason, String message, ProtocolId existing) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.existing = Objects.requireNonNull(existing, "existing").toString();
    }

    /**
     * The refusal of a request whose idempotency key is already registered, as {@code existing},
     * with another fingerprint: what every registry throws, so the message reads alike.
     *
     * @param key the reused key
     * @param existing the registration that holds the key
     * @return an {@link Reason#IDEMPOTENCY_CONFLICT} naming {@code existing}
     */
    public static RegistryException idempotencyConflict(IdempotencyKey key, ProtocolId existing) {
        return new RegistryException(Reason.IDEMPOTENCY_CONFLICT, "idempotency key " + key + " is already registered as " + existing
                + " with different content (another message under the same key); nothing registered", existing);
    }

    /**
     * The registration the failure concerns (for {@link Reason#IDEMPOTENCY_CONFLICT}: the one holding the key), if any.
     *
     * @return the registration the failure concerns (for {@link Reason#IDEMPOTENCY_CONFLICT}: the one holding the
     *     key), if any
     */
    public Optional<ProtocolId> existingRegistration() {
        return Optional.ofNullable(existing).map(ProtocolId::parse);
    }

    /**
     * What failed.
     *
     * @return the reason
     */
    public Reason reason() {
        return reason;
    }

    @Override
    public String getMessage() {
        return reason + ": " + super.getMessage();
    }
}
