package io.github.pec4j.registry;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@link ProtocolRegistry#registerAll} came to for one request of the batch: its result, or the
 * failure that left nothing of it written (the other requests of the batch are not affected).
 *
 * @param result the registration made, or the one already made under the same idempotency key
 * @param failure why nothing was registered for this request
 */
public record BatchResult(Optional<RegistrationResult> result, Optional<RegistryException> failure) {
    /**
     * Checks that exactly one of result and failure is present.
     *
     * @param result the registration made, or the one already made under the same idempotency key
     * @param failure why nothing was registered for this request
     * @throws IllegalArgumentException when both or neither are present
     */
    public BatchResult {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(failure, "failure");
        if (result.isPresent() == failure.isPresent()) throw new IllegalArgumentException("exactly one of result and failure");
    }

    /**
     * A request registered (or found registered).
     *
     * @param result what {@link ProtocolRegistry#register} would have returned
     * @return the batch result
     */
    public static BatchResult of(RegistrationResult result) {
        return new BatchResult(Optional.of(result), Optional.empty());
    }

    /**
     * A request that registered nothing.
     *
     * @param failure what {@link ProtocolRegistry#register} would have thrown
     * @return the batch result
     */
    public static BatchResult failed(RegistryException failure) {
        return new BatchResult(Optional.empty(), Optional.of(failure));
    }

    /**
     * The result, as {@link ProtocolRegistry#register} would have returned it.
     *
     * @return the result
     * @throws RegistryException the failure, when this request registered nothing
     */
    public RegistrationResult orThrow() throws RegistryException {
        if (failure.isPresent()) throw failure.get();
        return result.orElseThrow();
    }
}
