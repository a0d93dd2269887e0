package io.github.pec4j.registry;

import java.util.Objects;
import java.util.regex.Pattern;

/** Argument checks shared by the records of this package. */
final class Checks {
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_.\\-]{1,64}"); // compiled once: every RegisterId checks three

    private Checks() {}

    static String text(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }

    /** A code that appears inside identifiers and file names: letters, digits, {@code _ . -}. */
    static String code(String value, String name) {
        text(value, name);
        if (!CODE.matcher(value).matches()) {
            throw new IllegalArgumentException(name + " must be 1-64 characters of [A-Za-z0-9_.-]: " + value);
        }
        return value;
    }
}
