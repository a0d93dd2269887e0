package io.github.pec4j.registry;

import java.util.Objects;

/**
 * The outcome of {@link ProtocolRegistry#register}.
 *
 * @param registration the registration: new, or the existing one with the same idempotency key
 * @param duplicate true when the key had already been registered and nothing new was written
 */
public record RegistrationResult(Registration registration, boolean duplicate) {
    /**
     * Creates the record: refuses null components.
     *
     * @param registration the registration: new, or the existing one with the same idempotency key
     * @param duplicate true when the key had already been registered and nothing new was written
     */
    public RegistrationResult {
        Objects.requireNonNull(registration, "registration");
    }
}
