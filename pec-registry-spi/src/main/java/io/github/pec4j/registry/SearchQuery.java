package io.github.pec4j.registry;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The filters protocol operators use. All filters combine with AND; results come in (register,
 * year, number) order, registers ordered by {@link RegisterId#toString()} compared char by char
 * (binary order, not a locale's collation: {@link ProtocolId#compareTo}). {@link #matches} is the
 * reference semantics every registry must reproduce.
 *
 * @param register only this register
 * @param year only this year
 * @param numberFrom only numbers ≥ this (with {@code year})
 * @param numberTo only numbers ≤ this (with {@code year})
 * @param from registered on or after this Europe/Rome day
 * @param to registered on or before this Europe/Rome day
 * @param direction only this direction
 * @param text case-insensitive substring of the oggetto or of a correspondent's name or address
 * @param annulled include, exclude or only annulled registrations
 * @param office only registrations currently assigned to this office
 * @param sentOverPec when true only outgoing PEC, when false everything else
 * @param offset how many matches to skip
 * @param limit the most to return (1-10000)
 */
public record SearchQuery(
        Optional<RegisterId> register,
        Optional<Integer> year,
        Optional<Long> numberFrom,
        Optional<Long> numberTo,
        Optional<LocalDate> from,
        Optional<LocalDate> to,
        Optional<Direction> direction,
        Optional<String> text,
        Annulled annulled,
        Optional<String> office,
        Optional<Boolean> sentOverPec,
        int offset,
        int limit) {

    /** How annulled registrations are treated. */
    public enum Annulled {
        /** Annulled registrations are included. */
        INCLUDE,
        /** Annulled registrations are left out. */
        EXCLUDE,
        /** Only annulled registrations are returned. */
        ONLY
    }

    /** The largest page size. */
    public static final int MAX_LIMIT = 10_000;

    /**
     * Creates the record: refuses null components and refuses values out of range.
     *
     * @param register only this register
     * @param year only this year
     * @param numberFrom only numbers ≥ this (with {@code year})
     * @param numberTo only numbers ≤ this (with {@code year})
     * @param from registered on or after this Europe/Rome day
     * @param to registered on or before this Europe/Rome day
     * @param direction only this direction
     * @param text case-insensitive substring of the oggetto or of a correspondent's name or address
     * @param annulled include, exclude or only annulled registrations
     * @param office only registrations currently assigned to this office
     * @param sentOverPec when true only outgoing PEC, when false everything else
     * @param offset how many matches to skip
     * @param limit the most to return (1-10000)
     */
    public SearchQuery {
        Objects.requireNonNull(register, "register");
        Objects.requireNonNull(year, "year");
        Objects.requireNonNull(numberFrom, "numberFrom");
        Objects.requireNonNull(numberTo, "numberTo");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(annulled, "annulled");
        Objects.requireNonNull(office, "office");
        Objects.requireNonNull(sentOverPec, "sentOverPec");
        if (offset < 0) throw new IllegalArgumentException("offset < 0");
        if (limit < 1 || limit > MAX_LIMIT) throw new IllegalArgumentException("limit must be 1-" + MAX_LIMIT);
        text.ifPresent(t -> Checks.text(t, "text"));
    }

    /**
     * Everything, 100 at a time.
     *
     * @return a query with no filter
     */
    public static SearchQuery all() {
        return new SearchQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Annulled.INCLUDE, Optional.empty(), Optional.empty(), 0, 100);
    }

    /**
     * Only registrations of one register.
     *
     * @param value the register
     * @return a copy with the filter
     */
    public SearchQuery inRegister(RegisterId value) {
        return new SearchQuery(Optional.of(value), year, numberFrom, numberTo, from, to, direction, text, annulled, office, sentOverPec, offset, limit);
    }

    /**
     * Only registrations of one year.
     *
     * @param value the year
     * @return a copy with the filter
     */
    public SearchQuery year(int value) {
        return new SearchQuery(register, Optional.of(value), numberFrom, numberTo, from, to, direction, text, annulled, office, sentOverPec, offset, limit);
    }

    /**
     * Only numbers in a range, both ends included.
     *
     * @param fromNumber the first number
     * @param toNumber the last number
     * @return a copy with the filter
     */
    public SearchQuery numbers(long fromNumber, long toNumber) {
        return new SearchQuery(register, year, Optional.of(fromNumber), Optional.of(toNumber), from, to, direction, text, annulled, office, sentOverPec, offset, limit);
    }

    /**
     * Only registrations made between two days, both included.
     *
     * @param first the first day
     * @param last the last day
     * @return a copy with the filter
     */
    public SearchQuery registeredBetween(LocalDate first, LocalDate last) {
        return new SearchQuery(register, year, numberFrom, numberTo, Optional.of(first), Optional.of(last), direction, text, annulled, office, sentOverPec, offset, limit);
    }

    /**
     * Only registrations in one direction.
     *
     * @param value incoming, outgoing or internal
     * @return a copy with the filter
     */
    public SearchQuery direction(Direction value) {
        return new SearchQuery(register, year, numberFrom, numberTo, from, to, Optional.of(value), text, annulled, office, sentOverPec, offset, limit);
    }

    /**
     * Only registrations whose oggetto or correspondents contain a text, ignoring case.
     *
     * @param value the text
     * @return a copy with the filter
     */
    public SearchQuery text(String value) {
        return new SearchQuery(register, year, numberFrom, numberTo, from, to, direction, Optional.of(value), annulled, office, sentOverPec, offset, limit);
    }

    /**
     * Whether annulled registrations are included, excluded or the only ones.
     *
     * @param value the choice
     * @return a copy with the filter
     */
    public SearchQuery annulled(Annulled value) {
        return new SearchQuery(register, year, numberFrom, numberTo, from, to, direction, text, value, office, sentOverPec, offset, limit);
    }

    /**
     * Only registrations assigned to an office.
     *
     * @param value the office (UO) code
     * @return a copy with the filter
     */
    public SearchQuery office(String value) {
        return new SearchQuery(register, year, numberFrom, numberTo, from, to, direction, text, annulled, Optional.of(value), sentOverPec, offset, limit);
    }

    /**
     * Only registrations sent over PEC, or only those not sent over PEC.
     *
     * @param value true for those sent over PEC
     * @return a copy with the filter
     */
    public SearchQuery sentOverPec(boolean value) {
        return new SearchQuery(register, year, numberFrom, numberTo, from, to, direction, text, annulled, office, Optional.of(value), offset, limit);
    }

    /**
     * Another page of results.
     *
     * @param newOffset how many matches to skip
     * @param newLimit the page size, at most {@link #MAX_LIMIT}
     * @return a copy with the page
     */
    public SearchQuery page(int newOffset, int newLimit) {
        return new SearchQuery(register, year, numberFrom, numberTo, from, to, direction, text, annulled, office, sentOverPec, newOffset, newLimit);
    }

    /**
     * Whether a registration passes every filter (offset and limit aside).
     *
     * @param r a registration
     * @return whether a registration passes every filter (offset and limit aside)
     */
    public boolean matches(Registration r) {
        if (register.isPresent() && !register.get().equals(r.id().register())) return false;
        if (year.isPresent() && year.get() != r.id().year()) return false;
        if (numberFrom.isPresent() && r.id().number() < numberFrom.get()) return false;
        if (numberTo.isPresent() && r.id().number() > numberTo.get()) return false;
        LocalDate day = r.registrationDate();
        if (from.isPresent() && day.isBefore(from.get())) return false;
        if (to.isPresent() && day.isAfter(to.get())) return false;
        if (direction.isPresent() && direction.get() != r.direction()) return false;
        if (annulled == Annulled.EXCLUDE && r.annulled()) return false;
        if (annulled == Annulled.ONLY && !r.annulled()) return false;
        if (office.isPresent() && r.assignments().stream().noneMatch(a -> a.office().equals(office.get()))) return false;
        if (sentOverPec.isPresent() && sentOverPec.get() != (r.direction() == Direction.OUTGOING && r.channel() == Channel.PEC)) return false;
        if (text.isPresent()) {
            String needle = text.get().toLowerCase(Locale.ROOT);
            boolean hit = r.oggetto().toLowerCase(Locale.ROOT).contains(needle)
                    || r.correspondents().stream().anyMatch(c -> c.name().toLowerCase(Locale.ROOT).contains(needle)
                            || c.address().map(a -> a.toLowerCase(Locale.ROOT).contains(needle)).orElse(false));
            if (!hit) return false;
        }
        return true;
    }
}
