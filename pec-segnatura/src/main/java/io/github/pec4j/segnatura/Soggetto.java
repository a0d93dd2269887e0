package io.github.pec4j.segnatura;

import java.util.Objects;
import java.util.Optional;

/** A correspondent ({@code SoggettoType}): one of four kinds, each with an optional PEC (or e-mail) address. */
public sealed interface Soggetto {

    /**
     * The correspondent's PEC or e-mail address ({@code IndirizzoTelematico tipo="smtp"}), if stated.
     *
     * @return the correspondent's PEC or e-mail address ({@code IndirizzoTelematico tipo="smtp"}), if stated
     */
    Optional<String> pec();

    /**
     * An Italian public administration, optionally narrowed to an AOO and a UO (codici IPA). The address is written
     * in the contacts of the narrowest level given.
     *
     * @param denominazione the administration's name
     * @param codiceIpa its codice IPA (empty when a legacy segnatura gave none)
     * @param codiceAoo the AOO's codice IPA, if any
     * @param codiceUo the UO's codice IPA, if any
     * @param pec the PEC address, if any
     */
    record Amministrazione(String denominazione, String codiceIpa, Optional<String> codiceAoo, Optional<String> codiceUo,
            Optional<String> pec) implements Soggetto {
        /**
         * Checks for presence.
         *
         * @param denominazione the administration's name
         * @param codiceIpa its codice IPA (empty when a legacy segnatura gave none)
         * @param codiceAoo the AOO's codice IPA, if any
         * @param codiceUo the UO's codice IPA, if any
         * @param pec the PEC address, if any
         */
        public Amministrazione {
            Objects.requireNonNull(denominazione, "denominazione");
            Objects.requireNonNull(codiceIpa, "codiceIpa");
            Objects.requireNonNull(codiceAoo, "codiceAoo");
            Objects.requireNonNull(codiceUo, "codiceUo");
            Objects.requireNonNull(pec, "pec");
        }

        /**
         * An AOO of an administration, with its PEC address.
         *
         * @param denominazione its name
         * @param codiceIpa its codice IPA (empty when a legacy segnatura gave none)
         * @param codiceAoo codice IPA of the AOO
         * @param pec the PEC address, if any
         * @return an AOO of an administration, with its PEC address
         */
        public static Amministrazione aoo(String denominazione, String codiceIpa, String codiceAoo, String pec) {
            return new Amministrazione(denominazione, codiceIpa, Optional.of(codiceAoo), Optional.empty(), Optional.of(pec));
        }
    }

    /**
     * A company or other legal person.
     *
     * @param denominazione its name
     * @param pivaOCf partita IVA (11 digits) or codice fiscale; the writer emits it only as 11 digits, since the schema's
     *     {@code PIVAoCF} is {@code [0-9]{11}} (SEG-XSD-01)
     * @param pec its PEC address, if any
     */
    record PersonaGiuridica(String denominazione, Optional<String> pivaOCf, Optional<String> pec) implements Soggetto {
        /**
         * Checks for presence.
         *
         * @param denominazione its name
         * @param pivaOCf partita IVA (11 digits) or codice fiscale; the writer emits it only as 11 digits, since the
         *     schema's {@code PIVAoCF} is {@code [0-9]{11}} (SEG-XSD-01)
         * @param pec its PEC address, if any
         */
        public PersonaGiuridica {
            Objects.requireNonNull(denominazione, "denominazione");
            Objects.requireNonNull(pivaOCf, "pivaOCf");
            Objects.requireNonNull(pec, "pec");
        }
    }

    /**
     * A natural person.
     *
     * @param nome first name (empty when a legacy segnatura gave none)
     * @param cognome surname
     * @param codiceFiscale codice fiscale, if any; written only when it matches the schema's 16-character pattern
     * @param pec PEC or e-mail address, if any
     */
    record PersonaFisica(String nome, String cognome, Optional<String> codiceFiscale, Optional<String> pec) implements Soggetto {
        /**
         * Checks for presence.
         *
         * @param nome first name (empty when a legacy segnatura gave none)
         * @param cognome surname
         * @param codiceFiscale codice fiscale, if any; written only when it matches the schema's 16-character pattern
         * @param pec PEC or e-mail address, if any
         */
        public PersonaFisica {
            Objects.requireNonNull(nome, "nome");
            Objects.requireNonNull(cognome, "cognome");
            Objects.requireNonNull(codiceFiscale, "codiceFiscale");
            Objects.requireNonNull(pec, "pec");
        }
    }

    /**
     * A foreign administration.
     *
     * @param denominazione its name
     * @param ufficio the office, if any
     * @param pec its e-mail address, if any
     */
    record AmministrazioneEstera(String denominazione, Optional<String> ufficio, Optional<String> pec) implements Soggetto {
        /**
         * Checks for presence.
         *
         * @param denominazione its name
         * @param ufficio the office, if any
         * @param pec its e-mail address, if any
         */
        public AmministrazioneEstera {
            Objects.requireNonNull(denominazione, "denominazione");
            Objects.requireNonNull(ufficio, "ufficio");
            Objects.requireNonNull(pec, "pec");
        }
    }
}
