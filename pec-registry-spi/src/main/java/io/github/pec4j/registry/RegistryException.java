package io.github.pec4j.registry;

import java.io.IOException;
import java.util.Objects;

/** A registry refused an operation, or its storage failed; {@link #reason()} says which. */
public class RegistryException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Why an operation did not happen. */
    public enum Reason {
        /** No registration with that id (or no receipt with that sequence). */
        NOT_FOUND,
        /** The registration is annulled: it can be read, not changed. */
        ANNULLED,
        /** A document's bytes do not match the impronta the request declared. */
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
        /** The storage failed; nothing was written. */
        STORAGE
    }

    private final Reason reason;

    public RegistryException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public RegistryException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }

    @Override
    public String getMessage() {
        return reason + ": " + super.getMessage();
    }
}
