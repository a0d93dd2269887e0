package io.github.pec4j.core;

import java.util.Objects;
import java.util.Optional;

/**
 * A value from a closed vocabulary as it was found: the typed value when the text is one of the
 * vocabulary's, and always the raw text, so that non-standard values are kept rather than lost.
 *
 * @param known the typed value, empty when {@code raw} is not in the vocabulary
 * @param raw the text as found (trimmed)
 * @param <E> the vocabulary
 */
public record OpenValue<E extends Enum<E>>(Optional<E> known, String raw) {

    /**
     * Creates the record: refuses null components.
     *
     * @param known the typed value, empty when {@code raw} is not in the vocabulary
     * @param raw the text as found (trimmed)
     */
    public OpenValue {
        Objects.requireNonNull(known, "known");
        Objects.requireNonNull(raw, "raw");
    }

    /**
     * A value of the vocabulary written in its standard form.
     *
     * @param <T> the vocabulary's enum type
     * @param value the value in the vocabulary
     * @param raw the text as read, kept for reports
     * @return a known value
     */
    public static <T extends Enum<T>> OpenValue<T> of(T value, String raw) {
        return new OpenValue<T>(Optional.of(value), raw);
    }

    /**
     * A value outside the vocabulary.
     *
     * @param <T> the vocabulary's enum type
     * @param raw the text as read
     * @return an unknown value that keeps {@code raw}
     */
    public static <T extends Enum<T>> OpenValue<T> unknown(String raw) {
        return new OpenValue<T>(Optional.<T>empty(), raw);
    }

    /**
     * True when the raw text is in the vocabulary.
     *
     * @return true when the text named a value of the vocabulary
     */
    public boolean isKnown() {
        return known.isPresent();
    }

    @Override
    public String toString() {
        return raw;
    }
}
