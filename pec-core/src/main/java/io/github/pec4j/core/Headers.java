package io.github.pec4j.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A header section in its original order. Names match case-insensitively ({@code X-Tiporicevuta} is
 * {@code X-TipoRicevuta}), so new PEC or REM headers need no code change.
 *
 * @param fields every field, in order, duplicates kept
 */
public record Headers(List<Field> fields) {

    /** An empty header section. */
    public static final Headers EMPTY = new Headers(List.of());

    /**
     * Creates the record: copies the lists.
     *
     * @param fields every field, in order, duplicates kept
     */
    public Headers {
        fields = List.copyOf(fields);
    }

    /**
     * One header field.
     *
     * @param name the name as written
     * @param value the value unfolded (CRLF before white space removed), still RFC 2047-encoded
     */
    public record Field(String name, String value) {
        /**
         * Creates the record: refuses null components.
         *
         * @param name the name as written
         * @param value the value unfolded (CRLF before white space removed), still RFC 2047-encoded
         */
        public Field {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * The trimmed value of the first field with this name, any case.
     *
     * @param name the field name, compared without regard to case
     * @return the first value, trimmed, or empty when no field has this name
     */
    public Optional<String> first(String name) {
        for (Field f : fields) {
            if (f.name.equalsIgnoreCase(name)) {
                return Optional.of(f.value.trim());
            }
        }
        return Optional.empty();
    }

    /**
     * The trimmed values of every field with this name, any case, in order.
     *
     * @param name the field name, compared without regard to case
     * @return every value, trimmed, in header order; empty when no field has this name
     */
    public List<String> all(String name) {
        List<String> out = new ArrayList<>(2);
        for (Field f : fields) {
            if (f.name.equalsIgnoreCase(name)) {
                out.add(f.value.trim());
            }
        }
        return List.copyOf(out);
    }

    /**
     * The first field with this name, any case, as written (to see its spelling).
     *
     * @param name the field name, compared without regard to case
     * @return the first field with its name as spelled in the message, or empty
     */
    public Optional<Field> field(String name) {
        for (Field f : fields) {
            if (f.name.equalsIgnoreCase(name)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /**
     * True when a field with this name is present.
     *
     * @param name the field name, compared without regard to case
     * @return true when at least one field has this name
     */
    public boolean contains(String name) {
        return field(name).isPresent();
    }
}
