package io.github.pec4j.registry;

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
 */
public record Assignment(String office, Kind kind, Optional<String> person, Optional<LocalDate> deadline) {
    /** Competenza (the office handles the matter) or conoscenza (for information). */
    public enum Kind {
        COMPETENZA,
        CONOSCENZA
    }

    public Assignment {
        Checks.text(office, "office");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(person, "person");
        Objects.requireNonNull(deadline, "deadline");
        person.ifPresent(p -> Checks.text(p, "person"));
    }

    public static Assignment competenza(String office) {
        return new Assignment(office, Kind.COMPETENZA, Optional.empty(), Optional.empty());
    }

    public static Assignment conoscenza(String office) {
        return new Assignment(office, Kind.CONOSCENZA, Optional.empty(), Optional.empty());
    }

    public Assignment toPerson(String person) {
        return new Assignment(office, kind, Optional.of(person), deadline);
    }

    public Assignment by(LocalDate deadline) {
        return new Assignment(office, kind, person, Optional.of(deadline));
    }

    /** A one-line rendering for the audit trail and the daily register. */
    public String describe() {
        return office + ":" + kind.name().toLowerCase(java.util.Locale.ROOT)
                + person.map(p -> ":" + p).orElse("") + deadline.map(d -> "@" + d).orElse("");
    }
}
