package io.github.pec4j.directory.internal;

import io.github.pec4j.directory.Answer;
import io.github.pec4j.directory.Domicile;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** Helpers shared by the directories: address normalisation and date-filtered domicile answers. */
public final class Lookups {
    private Lookups() {}

    /** The form addresses are compared in: trimmed, lower case (ROOT locale). */
    public static String normalize(String address) {
        return address.strip().toLowerCase(Locale.ROOT);
    }

    /** A tax code as directories store it: trimmed, upper case. */
    public static String normalizeTaxCode(String taxCode) {
        return taxCode.strip().toUpperCase(Locale.ROOT);
    }

    /**
     * The domiciles valid on {@code at}: {@code FOUND} with them, or {@code NOT_FOUND} when none is
     * valid then.
     */
    public static Answer<List<Domicile>> validOn(Collection<Domicile> domiciles, LocalDate at, String source, Instant asOf) {
        List<Domicile> valid = domiciles.stream().filter(d -> d.validAt(at)).toList();
        return valid.isEmpty() ? Answer.notFound(source, asOf) : Answer.found(source, asOf, valid);
    }

    /** A short description of a failure for an {@link Answer#reason()}. */
    public static String describe(Throwable failure) {
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }
}
