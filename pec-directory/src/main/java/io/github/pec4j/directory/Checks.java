package io.github.pec4j.directory;

import java.time.Duration;
import java.util.Objects;

/** Argument checks shared by the records of this package. */
final class Checks {
    private Checks() {}

    static String text(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }

    /** An e-mail address: trimmed, one {@code @} with text on both sides, no white space. */
    static String address(String value) {
        Objects.requireNonNull(value, "address");
        String trimmed = value.strip();
        int at = trimmed.indexOf('@');
        if (at <= 0 || at != trimmed.lastIndexOf('@') || at == trimmed.length() - 1
                || trimmed.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("not an e-mail address: " + value);
        }
        return trimmed;
    }

    static Duration positive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
        return value;
    }

    static Duration notNegative(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative: " + value);
        }
        return value;
    }
}
