package io.github.pec4j.registry;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of a registration's audit trail: who did what, when, with the value before and after
 * (AgID LG 2021, minimum security requirements).
 *
 * @param id the registration
 * @param at when the operation committed
 * @param actor who performed it
 * @param action what was done
 * @param before the previous value, for changes
 * @param after the new value, for changes; a summary for other actions
 */
public record AuditEntry(ProtocolId id, Instant at, Actor actor, Action action, Optional<String> before, Optional<String> after) {
    /** Operations that leave a trace. */
    public enum Action {
        REGISTERED,
        CLASSIFIED,
        FILED,
        REMOVED_FROM_FASCICOLO,
        ASSIGNED,
        UNASSIGNED,
        ANNULLED,
        TRANSMISSION_RECORDED,
        EMERGENCY_IMPORTED
    }

    public AuditEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
    }
}
