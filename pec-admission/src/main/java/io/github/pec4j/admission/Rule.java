package io.github.pec4j.admission;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * A rule of the admission decisions, as data: its stable id, the legal citation (in Italian, as
 * cited in the acts), what it says in Italian and in English, and the dates it is in force.
 *
 * @param id stable id, e.g. {@code A65-C-BIS-REGISTERED}
 * @param citation the article, comma and letter, e.g. {@code CAD, art. 65, c. 1, lett. c-bis}
 * @param italian the statement in Italian ({@code %s} takes the case's detail)
 * @param english the same in English
 * @param from first day in force (Europe/Rome)
 * @param to last day in force, if it no longer is
 */
public record Rule(String id, String citation, String italian, String english, LocalDate from, Optional<LocalDate> to) {
    public Rule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(citation, "citation");
        Objects.requireNonNull(italian, "italian");
        Objects.requireNonNull(english, "english");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }

    /** Whether the rule is in force on {@code day}. */
    public boolean inForce(LocalDate day) {
        return !day.isBefore(from) && to.map(t -> !day.isAfter(t)).orElse(true);
    }

    /** The date range, e.g. {@code 2020-07-17/} or {@code 2011-01-25/2020-07-16}. */
    public String period() {
        return from + "/" + to.map(LocalDate::toString).orElse("");
    }

    /** A reason citing this rule, the details in place of its {@code %s}, in order. */
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
