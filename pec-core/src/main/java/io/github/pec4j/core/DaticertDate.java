package io.github.pec4j.core;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * daticert {@code data}: {@code giorno} ({@code dd/MM/yyyy}), {@code ora} ({@code HH:mm:ss}) and the
 * {@code zona} offset, kept raw and combined.
 *
 * <p>The combination never uses the JVM default time zone: without a readable {@code zona} only the
 * {@link #local()} date-time is known and {@link #instant()} is empty.
 *
 * @param giorno raw {@code giorno}
 * @param ora raw {@code ora}
 * @param zona raw {@code zona}, empty when the attribute is absent
 * @param local the local date-time, empty when giorno or ora cannot be read
 * @param instant the date-time with its offset, empty when any of the three cannot be read
 */
public record DaticertDate(
        String giorno, String ora, Optional<String> zona, Optional<LocalDateTime> local, Optional<OffsetDateTime> instant) {

    private static final DateTimeFormatter GIORNO = DateTimeFormatter.ofPattern("dd/MM/uuuu").withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter ORA = DateTimeFormatter.ofPattern("HH:mm[:ss]").withResolverStyle(ResolverStyle.STRICT);
    private static final Pattern ZONA = Pattern.compile("([+-])(\\d{2}):?(\\d{2})");

    /**
     * Creates the record: refuses null components.
     *
     * @param giorno raw {@code giorno}
     * @param ora raw {@code ora}
     * @param zona raw {@code zona}, empty when the attribute is absent
     * @param local the local date-time, empty when giorno or ora cannot be read
     * @param instant the date-time with its offset, empty when any of the three cannot be read
     */
    public DaticertDate {
        Objects.requireNonNull(giorno, "giorno");
        Objects.requireNonNull(ora, "ora");
        Objects.requireNonNull(zona, "zona");
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(instant, "instant");
    }

    /**
     * Combines the raw strings; unreadable parts leave {@code local} or {@code instant} empty.
     *
     * @param giorno the {@code giorno} element, {@code dd/MM/yyyy}
     * @param ora the {@code ora} element, {@code HH:mm:ss}
     * @param zona the {@code zona} attribute when present
     * @return the date with whatever could be read from the three strings
     */
    public static DaticertDate parse(String giorno, String ora, Optional<String> zona) {
        Optional<LocalDateTime> local = plain(giorno.trim(), ora.trim());
        if (local.isEmpty()) {
            try {
                local = Optional.of(LocalDateTime.of(
                        java.time.LocalDate.parse(giorno.trim(), GIORNO), java.time.LocalTime.parse(ora.trim(), ORA)));
            } catch (DateTimeParseException e) {
                local = Optional.empty();
            }
        }
        Optional<OffsetDateTime> instant = local.flatMap(l -> zona.flatMap(DaticertDate::parseZona).map(l::atOffset));
        return new DaticertDate(giorno, ora, zona, local, instant);
    }

    /**
     * The date-time of {@code dd/MM/yyyy} and {@code HH:mm[:ss]} in ASCII digits and in range, read directly (the
     * formatters cost a few microseconds per receipt); empty for anything else, which the formatters then judge.
     * So whatever this returns, the formatters would return too.
     */
    private static Optional<LocalDateTime> plain(String giorno, String ora) {
        boolean seconds = ora.length() == 8;
        if (giorno.length() != 10 || giorno.charAt(2) != '/' || giorno.charAt(5) != '/' || (ora.length() != 5 && !seconds)
                || ora.charAt(2) != ':' || (seconds && ora.charAt(5) != ':')) {
            return Optional.empty();
        }
        int day = twoDigits(giorno, 0);
        int month = twoDigits(giorno, 3);
        int century = twoDigits(giorno, 6);
        int year = twoDigits(giorno, 8);
        int hour = twoDigits(ora, 0);
        int minute = twoDigits(ora, 3);
        int second = seconds ? twoDigits(ora, 6) : 0;
        if (day < 1 || month < 1 || month > 12 || century < 0 || year < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59 || day > java.time.YearMonth.of(century * 100 + year, month).lengthOfMonth()) {
            return Optional.empty();
        }
        return Optional.of(LocalDateTime.of(century * 100 + year, month, day, hour, minute, second));
    }

    /** The two ASCII digits at {@code at}, or -1. */
    private static int twoDigits(String s, int at) {
        char a = s.charAt(at);
        char b = s.charAt(at + 1);
        return a >= '0' && a <= '9' && b >= '0' && b <= '9' ? (a - '0') * 10 + (b - '0') : -1;
    }

    /**
     * Reads {@code +hhmm} or {@code +hh:mm}.
     *
     * @param zona the zone text as read from daticert
     * @return the offset, or empty when the text is not in either form
     */
    public static Optional<ZoneOffset> parseZona(String zona) {
        Matcher m = ZONA.matcher(zona.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        int hours = Integer.parseInt(m.group(2));
        int minutes = Integer.parseInt(m.group(3));
        if (hours > 18 || minutes > 59) {
            return Optional.empty();
        }
        int sign = m.group(1).equals("-") ? -1 : 1;
        try {
            return Optional.of(ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes));
        } catch (java.time.DateTimeException e) {
            return Optional.empty();
        }
    }
}
