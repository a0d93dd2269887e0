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
        /** The registration was made. */
        REGISTERED,
        /** The classification was set or changed. */
        CLASSIFIED,
        /** The registration was filed into a fascicolo. */
        FILED,
        /** The registration was removed from a fascicolo. */
        REMOVED_FROM_FASCICOLO,
        /** An office was assigned. */
        ASSIGNED,
        /** An assignment was removed. */
        UNASSIGNED,
        /** The registration was annulled. */
        ANNULLED,
        /** A transmission event (sending, a receipt, an interoperability message) was recorded. */
        TRANSMISSION_RECORDED,
        /** The registration was recovered from an emergency register. */
        EMERGENCY_IMPORTED,
        /** An assigned office took the registration in charge (presa in carico); {@code after} names the office. */
        TAKEN_IN_CHARGE,
        /**
         * An assigned office sent the registration back (rifiuto): {@code before} and {@code after} are the
         * assignments, the reason is in {@code after} after a {@code " — "}.
         */
        ASSIGNMENT_REJECTED
    }

    /**
     * The audit entry of an allowed change, with the affected value before and after (the same
     * rendering in every registry).
     *
     * @param before the previous value, for changes
     * @param after the registration once every change is applied, in order
     * @param at when it happened, by the registry's clock
     * @param actor who performed it
     * @param change the change applied
     * @return the audit entry of an allowed change, with the affected value before and after (the same rendering in
     *     every registry)
     */
    public static AuditEntry ofChange(Registration before, Registration after, Change change, Instant at, Actor actor) {
        if (change instanceof Change.Classify) {
            return new AuditEntry(before.id(), at, actor, Action.CLASSIFIED,
                    Optional.of(before.classification().code()), Optional.of(after.classification().code()));
        }
        if (change instanceof Change.FileInto) {
            return new AuditEntry(before.id(), at, actor, Action.FILED, before.fascicolo(), after.fascicolo());
        }
        if (change instanceof Change.RemoveFromFascicolo) {
            return new AuditEntry(before.id(), at, actor, Action.REMOVED_FROM_FASCICOLO, before.fascicolo(), Optional.empty());
        }
        return new AuditEntry(before.id(), at, actor, change instanceof Change.Assign ? Action.ASSIGNED : Action.UNASSIGNED,
                Optional.of(assignments(before)), Optional.of(assignments(after)));
    }

    /**
     * The first audit entry of a registration: {@link Action#REGISTERED}, or {@link
     * Action#EMERGENCY_IMPORTED} instead when it recovers an emergency-register entry.
     *
     * @param registration the registration: new, or the existing one with the same idempotency key
     * @return the first audit entry of a registration: {@link Action#REGISTERED}, or {@link
     *     Action#EMERGENCY_IMPORTED} instead when it recovers an emergency-register entry
     */
    public static AuditEntry ofRegistration(Registration registration) {
        return new AuditEntry(registration.id(), registration.registeredAt(), registration.registeredBy(),
                registration.emergency().isPresent() ? Action.EMERGENCY_IMPORTED : Action.REGISTERED, Optional.empty(),
                Optional.of(registration.direction() + " " + registration.oggetto()));
    }

    /**
     * The audit entry of an annulment.
     *
     * @param id the protocol id of the registration
     * @param annulment the annulment, if annulled
     * @return the audit entry of an annulment
     */
    public static AuditEntry ofAnnulment(ProtocolId id, Annulment annulment) {
        AnnulmentRequest r = annulment.request();
        return new AuditEntry(id, annulment.annulledAt(), r.operator(), Action.ANNULLED, Optional.empty(),
                Optional.of(r.provvedimento() + " del " + r.provvedimentoDate() + ": " + r.reason()));
    }

    /**
     * The audit entry of a rifiuto: the assignments before and after, the reason after a {@code " — "}.
     *
     * @param before the previous value, for changes
     * @param after the registration once every change is applied, in order
     * @param reason why the registration is annulled
     * @param at when it happened, by the registry's clock
     * @param actor who performed it
     * @return the audit entry of a rifiuto: the assignments before and after, the reason after a {@code " — "}
     */
    public static AuditEntry ofRejection(Registration before, Registration after, String reason, Instant at, Actor actor) {
        return new AuditEntry(before.id(), at, actor, Action.ASSIGNMENT_REJECTED, Optional.of(assignments(before)),
                Optional.of(assignments(after) + " — " + reason));
    }

    /**
     * The audit entry of a recorded transmission event.
     *
     * @param id the protocol id of the registration
     * @param at when it happened, by the registry's clock
     * @param actor who performed it
     * @param event the event as given
     * @return the audit entry of a recorded transmission event
     */
    public static AuditEntry ofTransmission(ProtocolId id, Instant at, Actor actor, TransmissionEvent event) {
        return new AuditEntry(id, at, actor, Action.TRANSMISSION_RECORDED, Optional.empty(),
                Optional.of(event.type() + event.recipient().map(r -> " " + r).orElse("")));
    }

    private static String assignments(Registration r) {
        return r.assignments().stream().map(Assignment::describe).collect(java.util.stream.Collectors.joining(", ", "[", "]"));
    }

    /**
     * Creates the record: refuses null components.
     *
     * @param id the registration
     * @param at when the operation committed
     * @param actor who performed it
     * @param action what was done
     * @param before the previous value, for changes
     * @param after the new value, for changes; a summary for other actions
     */
    public AuditEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
    }
}
