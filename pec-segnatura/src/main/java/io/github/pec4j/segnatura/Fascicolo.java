package io.github.pec4j.segnatura;

import java.util.Objects;

/**
 * The file (fascicolo) the message belongs to ({@code FascicoloType}).
 *
 * @param denominazione its name
 * @param codice its code ({@code CodiceFascicolo})
 */
public record Fascicolo(String denominazione, String codice) {
    /**
     * Checks for presence.
     *
     * @param denominazione its name
     * @param codice its code ({@code CodiceFascicolo})
     */
    public Fascicolo {
        Objects.requireNonNull(denominazione, "denominazione");
        Objects.requireNonNull(codice, "codice");
    }
}
