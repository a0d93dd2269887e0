package io.github.pec4j.registry;

/**
 * A position in the AOO's titolario (classification scheme), mandatory for every document
 * (AgID LG 2021).
 *
 * @param code the titolario index, e.g. {@code VI.3.2}
 */
public record Classification(String code) {
    public Classification {
        Checks.text(code, "code");
    }

    public static Classification of(String code) {
        return new Classification(code);
    }

    @Override
    public String toString() {
        return code;
    }
}
