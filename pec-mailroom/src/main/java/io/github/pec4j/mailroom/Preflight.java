package io.github.pec4j.mailroom;

import io.github.pec4j.core.Severity;
import java.util.List;
import java.util.Objects;

/**
 * What the pre-flight of an outgoing letter found (OUT-PRE-01, OUT-PRE-02): every failure and warning at
 * once. When it has an error nothing is registered and nothing is sent.
 *
 * @param problems every finding, in the order checked (recipients, documents, size)
 */
public record Preflight(List<Problem> problems) {

    /**
     * Copies the list.
     *
     * @param problems every finding, in the order checked (recipients, documents, size)
     */
    public Preflight {
        problems = List.copyOf(problems);
    }

    /** The stable codes of the pre-flight's findings. */
    public enum Code {
        /** A recipient has no digital domicile, or it could not be resolved (OUT-PRE-01). */
        NO_DOMICILE,
        /** A recipient's address is not a valid e-mail address. */
        BAD_ADDRESS,
        /** An ordinary e-mail address: delivery will not be provable (refused when the policy requires a domicile). */
        ORDINARY_ADDRESS,
        /** The directories do not list the given PEC address as anybody's domicile: make sure it was elected for the matter. */
        UNLISTED_ADDRESS,
        /** The same address twice among the recipients. */
        DUPLICATE_RECIPIENT,
        /** The primary document is not signed, or its signature is not valid (OUT-PRE-02). */
        UNSIGNED_PRIMARY,
        /** A secondary attachment is not in a format the policy lists (OUT-PRE-02). */
        SECONDARY_FORMAT,
        /** A document breaks the format policy (type, name, active content), in the format checker's words. */
        FORMAT,
        /** The message size times its recipients exceeds the provider's limit (FMT-SIZE-01). */
        TOO_LARGE,
        /** A document cannot be read. */
        UNREADABLE,
        /** A letter to an administration will carry an unsealed segnatura: no seal key is configured (OUT-SEG-01). */
        UNSEALED_SEGNATURA
    }

    /**
     * One finding.
     *
     * @param code the stable code
     * @param severity {@code ERROR} stops the letter; {@code WARNING} lets it leave
     * @param subject what it is about: a recipient as given, a file name, or {@code *} for the whole letter
     * @param message what is wrong, for the operator
     */
    public record Problem(Code code, Severity severity, String subject, String message) {
        /**
         * Checks the values.
         *
         * @param code the stable code
         * @param severity {@code ERROR} stops the letter; {@code WARNING} lets it leave
         * @param subject what it is about: a recipient as given, a file name, or {@code *} for the whole letter
         * @param message what is wrong, for the operator
         */
        public Problem {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(severity, "severity");
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(message, "message");
        }

        @Override
        public String toString() {
            return severity + " " + code + " " + subject + ": " + message;
        }
    }

    /**
     * Whether the letter may leave: no error.
     *
     * @return whether the letter may leave: no error
     */
    public boolean passed() {
        return problems.stream().noneMatch(p -> p.severity() == Severity.ERROR);
    }

    /**
     * The errors.
     *
     * @return the errors
     */
    public List<Problem> errors() {
        return problems.stream().filter(p -> p.severity() == Severity.ERROR).toList();
    }

    /**
     * The warnings.
     *
     * @return the warnings
     */
    public List<Problem> warnings() {
        return problems.stream().filter(p -> p.severity() == Severity.WARNING).toList();
    }

    /**
     * Whether a finding with this code was made.
     *
     * @param code the finding code
     * @return whether a finding with this code was made
     */
    public boolean has(Code code) {
        return problems.stream().anyMatch(p -> p.code() == code);
    }
}
