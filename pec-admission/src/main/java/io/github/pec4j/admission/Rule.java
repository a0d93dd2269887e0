package io.github.pec4j.admission;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * A rule of the admission decisions, as data: its stable id, the legal citation (in Italian, as
 * cited in the acts), what it says in Italian and in English, the dates it is in force and the act
 * that introduced it. A rule has one period and one wording: when the law's text changed, the
 * earlier wording is another rule, its id suffixed by the year it took effect (e.g. {@code A65-A-2006}
 * before {@code A65-A}), so a decision archived with an id keeps its meaning.
 *
 * @param id stable id, e.g. {@code A65-C-BIS-REGISTERED}
 * @param citation the article, comma and letter, e.g. {@code CAD, art. 65, c. 1, lett. c-bis}
 * @param italian the statement in Italian ({@code %s} takes the case's detail)
 * @param english the same in English
 * @param from first day in force (Europe/Rome)
 * @param to last day in force, if it no longer is
 * @param source the act (and its Gazzetta Ufficiale reference) the period comes from, with what is
 *     not verified marked in square brackets
 */
public record Rule(String id, String citation, String italian, String english, LocalDate from, Optional<LocalDate> to, String source) {
    /**
     * Creates the record: refuses null components and refuses values out of range.
     *
     * @param id stable id, e.g. {@code A65-C-BIS-REGISTERED}
     * @param citation the article, comma and letter, e.g. {@code CAD, art. 65, c. 1, lett. c-bis}
     * @param italian the statement in Italian ({@code %s} takes the case's detail)
     * @param english the same in English
     * @param from first day in force (Europe/Rome)
     * @param to last day in force, if it no longer is
     * @param source the act (and its Gazzetta Ufficiale reference) the period comes from, with what is not verified
     *     marked in square brackets
     */
    public Rule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(citation, "citation");
        Objects.requireNonNull(italian, "italian");
        Objects.requireNonNull(english, "english");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(source, "source");
        if (to.isPresent() && to.get().isBefore(from)) throw new IllegalArgumentException(id + ": in force until " + to.get() + ", before " + from);
    }

    /**
     * A rule whose source is not given.
     *
     * @param id stable id, e.g. {@code A65-C-BIS-REGISTERED}
     * @param citation the article, comma and letter, e.g. {@code CAD, art. 65, c. 1, lett. c-bis}
     * @param italian the statement in Italian ({@code %s} takes the case's detail)
     * @param english the same in English
     * @param from first day in force (Europe/Rome)
     * @param to last day in force, if it no longer is
     */
    public Rule(String id, String citation, String italian, String english, LocalDate from, Optional<LocalDate> to) {
        this(id, citation, italian, english, from, to, "");
    }

    /**
     * Whether the rule is in force on {@code day}.
     *
     * @param day the date to check
     * @return whether the rule is in force on {@code day}
     */
    public boolean inForce(LocalDate day) {
        return !day.isBefore(from) && to.map(t -> !day.isAfter(t)).orElse(true);
    }

    /**
     * The date range, e.g. {@code 2020-07-17/} or {@code 2011-01-25/2020-07-16}.
     *
     * @return the first and last day in ISO form, an open end left empty
     */
    public String period() {
        return from + "/" + to.map(LocalDate::toString).orElse("");
    }

    /**
     * A reason citing this rule, the details in place of its {@code %s}, in order.
     *
     * @param details the facts that fill the rule's placeholders, in order
     * @return a reason citing this rule, the details in place of its {@code %s}, in order
     */
    public Reason reason(String... details) {
        return new Reason(id, citation, fill(english, details), fill(italian, details), period());
    }

    private static String fill(String text, String... details) {
        StringBuilder out = new StringBuilder(text.length() + 64);
        int from = 0;
        int next = 0;
        for (int at; (at = text.indexOf("%s", from)) >= 0; from = at + 2) {
            out.append(text, from, at).append(next < details.length ? details[next++] : "");
        }
        return out.append(text.substring(from)).toString();
    }
}
