package io.github.pec4j.directory;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A digital domicile of a codice fiscale, as one directory records it.
 *
 * @param address the PEC (or SERCQ) address, case preserved
 * @param source the id of the directory that lists it
 * @param since the first day it is a domicile, when the directory says
 * @param until the last day it is a domicile (INAD's {@code usageInfo.dateEndValidity}), when it ends
 * @param profession the profession practised through it (INAD's {@code practicedProfession}), if any
 */
public record Domicile(
        String address, String source, Optional<LocalDate> since, Optional<LocalDate> until, Optional<String> profession) {
    /**
     * Creates the record: refuses null components and refuses values out of range.
     *
     * @param address the PEC (or SERCQ) address, case preserved
     * @param source the id of the directory that lists it
     * @param since the first day it is a domicile, when the directory says
     * @param until the last day it is a domicile (INAD's {@code usageInfo.dateEndValidity}), when it ends
     * @param profession the profession practised through it (INAD's {@code practicedProfession}), if any
     */
    public Domicile {
        address = Checks.address(address);
        source = Checks.text(source, "source");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(until, "until");
        Objects.requireNonNull(profession, "profession");
        if (since.isPresent() && until.isPresent() && until.get().isBefore(since.get())) {
            throw new IllegalArgumentException("until " + until.get() + " precedes since " + since.get());
        }
    }

    /**
     * A domicile with no known dates and no profession.
     *
     * @param address the PEC address of the domicile
     * @param source the id of the directory (or directories, joined by {@code +}) that answered
     * @return a domicile with no known dates and no profession
     */
    public static Domicile of(String address, String source) {
        return new Domicile(address, source, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * Whether this is a domicile on {@code day}: not before {@link #since()}, not after
     * {@link #until()} (an address whose end of validity precedes the day is not a domicile then —
     * DIR-INAD-01).
     *
     * @param day the date to check
     * @return whether this is a domicile on {@code day}: not before {@link #since()}, not after {@link #until()} (an
     *     address whose end of validity precedes the day is not a domicile then — DIR-INAD-01)
     */
    public boolean validAt(LocalDate day) {
        Objects.requireNonNull(day, "day");
        return since.map(s -> !day.isBefore(s)).orElse(true) && until.map(u -> !u.isBefore(day)).orElse(true);
    }

    /**
     * Whether {@code other} is this address, ignoring case and surrounding blanks.
     *
     * @param other an address in any case
     * @return whether {@code other} is this address, ignoring case and surrounding blanks
     */
    public boolean hasAddress(String other) {
        return normalized().equals(other.strip().toLowerCase(Locale.ROOT));
    }

    /**
     * The address in lower case, the form used for comparisons.
     *
     * @return the address in lower case, the form used for comparisons
     */
    public String normalized() {
        return address.toLowerCase(Locale.ROOT);
    }
}
