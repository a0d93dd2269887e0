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
        public Field {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    /** The trimmed value of the first field with this name, any case. */
    public Optional<String> first(String name) {
        for (Field f : fields) {
            if (f.name.equalsIgnoreCase(name)) {
                return Optional.of(f.value.trim());
            }
        }
        return Optional.empty();
    }

    /** The trimmed values of every field with this name, any case, in order. */
    public List<String> all(String name) {
        List<String> out = new ArrayList<>(2);
        for (Field f : fields) {
            if (f.name.equalsIgnoreCase(name)) {
                out.add(f.value.trim());
            }
        }
        return List.copyOf(out);
    }

    /** The first field with this name, any case, as written (to see its spelling). */
    public Optional<Field> field(String name) {
        for (Field f : fields) {
            if (f.name.equalsIgnoreCase(name)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** True when a field with this name is present. */
    public boolean contains(String name) {
        return field(name).isPresent();
    }
}
