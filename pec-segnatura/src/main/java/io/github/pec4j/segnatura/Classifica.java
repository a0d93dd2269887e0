package io.github.pec4j.segnatura;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The titolario class of the message ({@code ClassificaType}): a description with either a flat code or a path of
 * levels, from the top.
 *
 * @param denominazione the class's description (empty when a legacy segnatura gave none)
 * @param codiceFlat the flat code, e.g. {@code VI.3.2}, or empty
 * @param codicePath the levels, from the top, or empty
 */
public record Classifica(String denominazione, Optional<String> codiceFlat, List<Livello> codicePath) {

    /**
     * Exactly one of flat code and path.
     *
     * @param denominazione the class's description (empty when a legacy segnatura gave none)
     * @param codiceFlat the flat code, e.g. {@code VI.3.2}, or empty
     * @param codicePath the levels, from the top, or empty
     */
    public Classifica {
        Objects.requireNonNull(denominazione, "denominazione");
        Objects.requireNonNull(codiceFlat, "codiceFlat");
        codicePath = List.copyOf(codicePath);
        if (codiceFlat.isPresent() == !codicePath.isEmpty()) {
            throw new IllegalArgumentException("a Classifica has either a CodiceFlat or a CodicePath");
        }
    }

    /**
     * A flat code, e.g. {@code flat("Contratti", "VI.3.2")}.
     *
     * @param denominazione its name
     * @param codice its code ({@code CodiceFascicolo})
     * @return a classification with one code
     */
    public static Classifica flat(String denominazione, String codice) {
        return new Classifica(denominazione, Optional.of(codice), List.of());
    }

    /**
     * A path of levels, from the top.
     *
     * @param denominazione its name
     * @param livelli the levels of the title, from the top
     * @return a path of levels, from the top
     */
    public static Classifica path(String denominazione, Livello... livelli) {
        return new Classifica(denominazione, Optional.empty(), List.of(livelli));
    }

    /**
     * The code: the flat one, or the levels' codes joined with dots.
     *
     * @return the code: the flat one, or the levels' codes joined with dots
     */
    public String codice() {
        return codiceFlat.orElseGet(() -> String.join(".", codicePath.stream().map(Livello::codice).toList()));
    }

    /**
     * One level of a {@link Classifica} path.
     *
     * @param codice the level's code, e.g. {@code VI}
     * @param descrizione its description, if any
     */
    public record Livello(String codice, Optional<String> descrizione) {
        /**
         * Checks for presence.
         *
         * @param codice the level's code, e.g. {@code VI}
         * @param descrizione its description, if any
         */
        public Livello {
            Objects.requireNonNull(codice, "codice");
            Objects.requireNonNull(descrizione, "descrizione");
        }

        /**
         * A level without description.
         *
         * @param codice its code ({@code CodiceFascicolo})
         * @return a level without description
         */
        public static Livello of(String codice) {
            return new Livello(codice, Optional.empty());
        }
    }
}
