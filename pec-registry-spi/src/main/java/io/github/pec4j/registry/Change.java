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
        /**
         * Creates the record: refuses null components.
         *
         * @param classification the classification to set
         */
        public Classify {
            Objects.requireNonNull(classification, "classification");
        }
    }

    /** Files the registration into a fascicolo, replacing any previous one. */
    record FileInto(String fascicolo) implements Change {
        /**
         * Creates the record, checking and normalising its components.
         *
         * @param fascicolo the fascicolo's identifier, not blank
         */
        public FileInto {
            Checks.text(fascicolo, "fascicolo");
        }
    }

    /** Takes the registration out of its fascicolo. */
    record RemoveFromFascicolo() implements Change {}

    /** Adds an assignment, or replaces the one to the same office. */
    record Assign(Assignment assignment) implements Change {
        /**
         * Creates the record: refuses null components.
         *
         * @param assignment the assignment to add or replace
         */
        public Assign {
            Objects.requireNonNull(assignment, "assignment");
        }
    }

    /** Removes the assignment to an office. */
    record Unassign(String office) implements Change {
        /**
         * Creates the record, checking and normalising its components.
         *
         * @param office the office (UO) code, not blank
         */
        public Unassign {
            Checks.text(office, "office");
        }
    }

    /**
     * Sets the classification.
     *
     * @param classification the title-class code from the classification scheme
     * @return the change
     */
    static Change classify(Classification classification) {
        return new Classify(classification);
    }

    /**
     * Files the registration into a fascicolo.
     *
     * @param fascicolo the fascicolo's identifier
     * @return the change
     */
    static Change fileInto(String fascicolo) {
        return new FileInto(fascicolo);
    }

    /**
     * Removes the registration from its fascicolo.
     *
     * @return the change
     */
    static Change removeFromFascicolo() {
        return new RemoveFromFascicolo();
    }

    /**
     * Assigns an office.
     *
     * @param assignment the assignment to add
     * @return the change
     */
    static Change assign(Assignment assignment) {
        return new Assign(assignment);
    }

    /**
     * Removes an office's assignment.
     *
     * @param office the office (UO) code
     * @return the change
     */
    static Change unassign(String office) {
        return new Unassign(office);
    }
}
