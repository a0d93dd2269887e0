package io.github.pec4j.registry;

import java.time.Instant;
import java.util.Objects;

/**
 * A recorded annulment: the registration stays readable, marked "annullato", and its number is
 * never reused.
 *
 * @param request what the operator gave
 * @param annulledAt when the registry recorded it
 */
public record Annulment(AnnulmentRequest request, Instant annulledAt) {
    /**
     * Creates the record: refuses null components.
     *
     * @param request what the operator gave
     * @param annulledAt when the registry recorded it
     */
    public Annulment {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(annulledAt, "annulledAt");
    }
}
