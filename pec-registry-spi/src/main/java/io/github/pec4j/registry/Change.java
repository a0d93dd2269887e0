package io.github.pec4j.registry;

import java.util.Objects;

/**
 * A change the law allows after registration (DPR 445/2000 art. 53; AgID LG 2021): classification,
 * assignment and fascicolo. Nothing else can be expressed: a wrong numero, data, correspondent,
 * oggetto or impronta needs an annulment and a new registration.
 */
public sealed interface Change {
    /** Replaces the titolario classification. */
    record Classify(Classification classification) implements Change {
        public Classify {
            Objects.requireNonNull(classification, "classification");
        }
    }

    /** Files the registration into a fascicolo, replacing any previous one. */
    record FileInto(String fascicolo) implements Change {
        public FileInto {
            Checks.text(fascicolo, "fascicolo");
        }
    }

    /** Takes the registration out of its fascicolo. */
    record RemoveFromFascicolo() implements Change {}

    /** Adds an assignment, or replaces the one to the same office. */
    record Assign(Assignment assignment) implements Change {
        public Assign {
            Objects.requireNonNull(assignment, "assignment");
        }
    }

    /** Removes the assignment to an office. */
    record Unassign(String office) implements Change {
        public Unassign {
            Checks.text(office, "office");
        }
    }

    static Change classify(Classification classification) {
        return new Classify(classification);
    }

    static Change fileInto(String fascicolo) {
        return new FileInto(fascicolo);
    }

    static Change removeFromFascicolo() {
        return new RemoveFromFascicolo();
    }

    static Change assign(Assignment assignment) {
        return new Assign(assignment);
    }

    static Change unassign(String office) {
        return new Unassign(office);
    }
}
