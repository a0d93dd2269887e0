package io.github.pec4j.admission;

import java.util.Objects;

/**
 * Why an outcome is what it is: the rule, its legal citation, and the statement applied to the case
 * in English and in Italian.
 *
 * @param rule the rule's id
 * @param citation article, comma, letter
 * @param message the statement, in English
 * @param messaggio the statement, in Italian
 * @param inForce the period the rule is in force ({@code from/to}, open-ended {@code from/})
 */
public record Reason(String rule, String citation, String message, String messaggio, String inForce) {
    /**
     * Creates the record: refuses null components.
     *
     * @param rule the rule's id
     * @param citation article, comma, letter
     * @param message the statement, in English
     * @param messaggio the statement, in Italian
     * @param inForce the period the rule is in force ({@code from/to}, open-ended {@code from/})
     */
    public Reason {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(citation, "citation");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(messaggio, "messaggio");
        Objects.requireNonNull(inForce, "inForce");
    }
}
