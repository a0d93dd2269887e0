package io.github.pec4j.core;

import java.util.Objects;

/**
 * One piece of a message the parser did not read completely.
 *
 * @param kind which limit was crossed, or what could not be read
 * @param location the MIME part concerned (see {@link Location#mimePath()})
 * @param detail a short English explanation naming the limit and its value, e.g.
 *     {@code more than 2000 MIME parts}
 */
public record Gap(GapKind kind, Location location, String detail) {

    /**
     * Creates the record: refuses null components.
     *
     * @param kind which limit was crossed, or what could not be read
     * @param location the MIME part concerned (see {@link Location#mimePath()})
     * @param detail a short English explanation naming the limit and its value, e.g. {@code more than 2000 MIME
     *     parts}
     */
    public Gap {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(detail, "detail");
    }

    @Override
    public String toString() {
        return kind + " at " + location + ": " + detail;
    }
}
