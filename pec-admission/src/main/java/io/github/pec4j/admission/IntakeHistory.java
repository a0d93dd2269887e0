package io.github.pec4j.admission;

import io.github.pec4j.registry.IdempotencyKey;
import io.github.pec4j.registry.ProtocolRegistry;
import io.github.pec4j.registry.Registration;
import java.io.IOException;
import java.util.Optional;

/** Whether a message was already taken in: the protocol id it was registered under, if any. */
@FunctionalInterface
public interface IntakeHistory {
    Optional<String> registeredAs(IdempotencyKey key) throws IOException;

    /** Nothing taken in before. */
    IntakeHistory NONE = key -> Optional.empty();

    /** The registrations of a protocol register. */
    static IntakeHistory of(ProtocolRegistry registry) {
        return key -> registry.findByIdempotencyKey(key).map(Registration::id).map(Object::toString);
    }
}
