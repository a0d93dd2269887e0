package io.github.pec4j.registry;

/**
 * A position in the AOO's titolario (classification scheme), mandatory for every document
 * (AgID LG 2021).
 *
 * @param code the titolario index, e.g. {@code VI.3.2}
 */
public record Classification(String code) {
    /**
     * Creates the record, checking and normalising its components.
     *
     * @param code the titolario index, e.g. {@code VI.3.2}
     */
    public Classification {
        Checks.text(code, "code");
    }

    /**
     * A classification by its code in the AOO's scheme.
     *
     * @param code the title-class code, such as {@code 6.3}
     * @return the classification
     */
    public static Classification of(String code) {
        return new Classification(code);
    }

    @Override
    public String toString() {
        return code;
    }
}
