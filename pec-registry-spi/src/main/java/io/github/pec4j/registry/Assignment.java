package io.github.pec4j.registry;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * An assignment of a registration to an office (smistamento).
 *
 * @param office the office (UO) code
 * @param kind whether the office must act on it or is informed
 * @param person a person inside the office, if assigned to someone
 * @param deadline when the office must act, if set
 * @param presaInCarico who in the office took the registration in charge, and when; empty while it
 *     waits on the office's desk (scrivania)
 */
public record Assignment(String office, Kind kind, Optional<String> person, Optional<LocalDate> deadline,
        Optional<PresaInCarico> presaInCarico) {
    /** Competenza (the office handles the matter) or conoscenza (for information). */
    public enum Kind {
        /** The office must act on the registration (per competenza). */
        COMPETENZA,
        /** The office is informed (per conoscenza). */
        CONOSCENZA
    }

    /**
     * An office took the registration in charge (MRM-DESK-01).
     *
     * @param by who took it
     * @param at when, as the registry's clock says
     */
    public record PresaInCarico(Actor by, Instant at) {
        /**
         * Creates the record: refuses null components.
         *
         * @param by who took it
         * @param at when, as the registry's clock says
         */
        public PresaInCarico {
            Objects.requireNonNull(by, "by");
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * Creates the record: refuses null components.
     *
     * @param office the office (UO) code
     * @param kind whether the office must act on it or is informed
     * @param person a person inside the office, if assigned to someone
     * @param deadline when the office must act, if set
     * @param presaInCarico who in the office took the registration in charge, and when; empty while it waits on the
     *     office's desk (scrivania)
     */
    public Assignment {
        Checks.text(office, "office");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(person, "person");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(presaInCarico, "presaInCarico");
        person.ifPresent(p -> Checks.text(p, "person"));
    }

    /**
     * An assignment not yet taken in charge (the form every assignment has when it is made).
     *
     * @param office the office (UO) code
     * @param kind whether the office must act on it or is informed
     * @param person a person inside the office, if assigned to someone
     * @param deadline when the office must act, if set
     */
    public Assignment(String office, Kind kind, Optional<String> person, Optional<LocalDate> deadline) {
        this(office, kind, person, deadline, Optional.empty());
    }

    /**
     * Whether the office has taken it in charge.
     *
     * @return whether the office has taken it in charge
     */
    public boolean taken() {
        return presaInCarico.isPresent();
    }

    /**
     * This assignment, taken in charge by {@code by} at {@code at}.
     *
     * @param by who took it
     * @param at when it was taken in charge, by the registry's clock
     * @return this assignment, taken in charge by {@code by} at {@code at}
     */
    public Assignment takenBy(Actor by, Instant at) {
        return new Assignment(office, kind, person, deadline, Optional.of(new PresaInCarico(by, at)));
    }

    /**
     * An assignment per competenza: the office must act on the registration.
     *
     * @param office the office (UO) code
     * @return the assignment, not yet taken in charge
     */
    public static Assignment competenza(String office) {
        return new Assignment(office, Kind.COMPETENZA, Optional.empty(), Optional.empty());
    }

    /**
     * An assignment per conoscenza: the office is informed.
     *
     * @param office the office (UO) code
     * @return the assignment, not yet taken in charge
     */
    public static Assignment conoscenza(String office) {
        return new Assignment(office, Kind.CONOSCENZA, Optional.empty(), Optional.empty());
    }

    /**
     * The same assignment to a person inside the office.
     *
     * @param person the person's identifier
     * @return a copy naming the person
     */
    public Assignment toPerson(String person) {
        return new Assignment(office, kind, Optional.of(person), deadline, presaInCarico);
    }

    /**
     * The same assignment with a deadline.
     *
     * @param deadline the day by which the office must act
     * @return a copy with the deadline
     */
    public Assignment by(LocalDate deadline) {
        return new Assignment(office, kind, person, Optional.of(deadline), presaInCarico);
    }

    /**
     * A one-line rendering for the audit trail and the daily register (the presa in carico has its own
     * audit entry, so it does not change this rendering).
     *
     * @return a one-line rendering for the audit trail and the daily register (the presa in carico has its own audit
     *     entry, so it does not change this rendering)
     */
    public String describe() {
        return office + ":" + kind.name().toLowerCase(java.util.Locale.ROOT)
                + person.map(p -> ":" + p).orElse("") + deadline.map(d -> "@" + d).orElse("");
    }
}
