package io.github.pec4j.registry;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The identity of a registration: register, year and number (DPR 445/2000 art. 57).
 *
 * <p>{@link #toString()} gives {@code amministrazione/aoo/registro/year/0000042}, which {@link
 * #parse} reads back.
 *
 * @param register the register that assigned the number
 * @param year the calendar year in Europe/Rome of the registration
 * @param number the progressive number, from 1, restarting every year
 */
public record ProtocolId(RegisterId register, int year, long number) implements Comparable<ProtocolId> {
    private static final Pattern YEAR = Pattern.compile("[0-9]{4}");
    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,18}");

    /**
     * Creates the record: refuses null components and refuses values out of range.
     *
     * @param register the register that assigned the number
     * @param year the calendar year in Europe/Rome of the registration
     * @param number the progressive number, from 1, restarting every year
     */
    public ProtocolId {
        Objects.requireNonNull(register, "register");
        if (year < 1900 || year > 9999) {
            throw new IllegalArgumentException("year out of range: " + year);
        }
        if (number < 1) {
            throw new IllegalArgumentException("protocol numbers start at 1: " + number);
        }
    }

    /**
     * A protocol id from its parts.
     *
     * @param register the register the number belongs to
     * @param year the year the number belongs to
     * @param number the number, from 1
     * @return the protocol id
     */
    public static ProtocolId of(RegisterId register, int year, long number) {
        return new ProtocolId(register, year, number);
    }

    /**
     * The number zero-padded to at least seven digits, as the law and the segnatura require.
     *
     * @return the number zero-padded to at least seven digits, as the law and the segnatura require
     */
    public String formattedNumber() {
        return format(number);
    }

    /**
     * {@code 1234} → {@code 0001234}; numbers of eight digits or more are unchanged.
     *
     * @param number its emergency number
     * @return the number zero-padded to seven digits
     */
    public static String format(long number) {
        if (number < 0) {
            throw new IllegalArgumentException("negative number: " + number);
        }
        String digits = Long.toString(number);
        return digits.length() >= 7 ? digits : "0".repeat(7 - digits.length()) + digits;
    }

    /**
     * Reads what {@link #toString()} writes.
     *
     * @param text case-insensitive substring of the oggetto or of a correspondent's name or address
     * @return the protocol id the text names
     */
    public static ProtocolId parse(String text) {
        String[] parts = Objects.requireNonNull(text, "text").split("/", -1);
        if (parts.length != 5 || !YEAR.matcher(parts[3]).matches() || !NUMBER.matcher(parts[4]).matches()) {
            throw new IllegalArgumentException("not a protocol id (amm/aoo/registro/year/number): " + text);
        }
        return new ProtocolId(new RegisterId(parts[0], parts[1], parts[2]), Integer.parseInt(parts[3]), Long.parseLong(parts[4]));
    }

    @Override
    public int compareTo(ProtocolId other) {
        int c = register.toString().compareTo(other.register.toString());
        if (c == 0) c = Integer.compare(year, other.year);
        if (c == 0) c = Long.compare(number, other.number);
        return c;
    }

    @Override
    public String toString() {
        return register + "/" + year + "/" + formattedNumber();
    }
}
