package io.github.pec4j.admission;

import io.github.pec4j.registry.IdempotencyKey;
import io.github.pec4j.registry.ProtocolRegistry;
import io.github.pec4j.registry.Registration;
import java.io.IOException;
import java.util.Optional;

/** Whether a message was already taken in: the protocol id it was registered under, if any. */
@FunctionalInterface
public interface IntakeHistory {
    /**
     * The protocol id a message was registered under.
     *
     * @param key the message's idempotency key
     * @return the protocol id, or empty when the message was not taken in
     * @throws IOException when the history cannot be read
     */
    Optional<String> registeredAs(IdempotencyKey key) throws IOException;

    /** Nothing taken in before. */
    IntakeHistory NONE = key -> Optional.empty();

    /**
     * The registrations of a protocol register.
     *
     * @param registry the register to look in
     * @return a history that finds registrations by their idempotency key
     */
    static IntakeHistory of(ProtocolRegistry registry) {
        return key -> registry.findByIdempotencyKey(key).map(Registration::id).map(Object::toString);
    }
}
