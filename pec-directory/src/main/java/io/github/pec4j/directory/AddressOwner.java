package io.github.pec4j.directory;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * Who a digital address belongs to, according to a directory: a public administration or a gestore di
 * pubblico servizio (IPA), a firm or professional (INI-PEC) or a person (INAD).
 */
public sealed interface AddressOwner {
    /** The kinds of owner, one per record. */
    enum Kind {
        /** A public administration (CAD art. 2 c.2 lett. a), listed in IPA. */
        PUBLIC_ADMINISTRATION,
        /**
         * A gestore di pubblico servizio listed in IPA (IPA {@code Tipologia} "Gestori di Pubblici
         * Servizi"): its address is in IPA (CAD art. 6-ter), but it is not an administration for CAD
         * art. 47.
         */
        PUBLIC_SERVICE_OPERATOR,
        /** A firm or a professional, with a domicile in INI-PEC. */
        FIRM_OR_PROFESSIONAL,
        /** A person, with a domicile in INAD. */
        PERSON
    }

    /** Where an IPA address is published: the ente itself, one of its AOO or one of its UO. */
    enum Level {
        /** The administration (ente) itself. */
        ENTE,
        /** One of its areas organizzative omogenee (AOO). */
        AOO,
        /** One of its unità organizzative (UO). */
        UO
    }

    /**
     * What kind of owner this is.
     *
     * @return the owner's kind
     */
    Kind kind();

    /**
     * The address as the directory publishes it (case preserved; compare ignoring case).
     *
     * @return the address as the directory publishes it (case preserved; compare ignoring case)
     */
    String address();

    /**
     * An address published in IPA (CAD art. 6-ter).
     *
     * @param address the address
     * @param ipaCode the codice IPA of the ente ({@code Codice_IPA}, legacy {@code cod_amm})
     * @param name the ente's name ({@code Denominazione_ente})
     * @param level where the address is published
     * @param unitCode the codice univoco AOO ({@code Codice_uni_aoo}) or UO ({@code Codice_uni_uo});
     *     present exactly when the level is AOO or UO
     * @param unitName the AOO's or UO's name, when published
     * @param certified whether IPA types the address as a PEC ({@code Tipo_MailN = Pec})
     * @param updated the row's {@code Data_aggiornamento}, when published
     * @param taxCode the ente's codice fiscale ({@code Codice_fiscale_ente}), when published
     * @param publicServiceOperator IPA lists the ente as a gestore di pubblico servizio ({@code
     *     Tipologia} "Gestori di Pubblici Servizi"), not as an administration
     */
    record PublicAdministration(
            String address,
            String ipaCode,
            String name,
            Level level,
            Optional<String> unitCode,
            Optional<String> unitName,
            boolean certified,
            Optional<LocalDate> updated,
            Optional<String> taxCode,
            boolean publicServiceOperator)
            implements AddressOwner {
        /**
         * Creates the record: refuses null components and refuses values out of range.
         *
         * @param address the address
         * @param ipaCode the codice IPA of the ente ({@code Codice_IPA}, legacy {@code cod_amm})
         * @param name the ente's name ({@code Denominazione_ente})
         * @param level where the address is published
         * @param unitCode the codice univoco AOO ({@code Codice_uni_aoo}) or UO ({@code Codice_uni_uo}); present
         *     exactly when the level is AOO or UO
         * @param unitName the AOO's or UO's name, when published
         * @param certified whether IPA types the address as a PEC ({@code Tipo_MailN = Pec})
         * @param updated the row's {@code Data_aggiornamento}, when published
         * @param taxCode the ente's codice fiscale ({@code Codice_fiscale_ente}), when published
         * @param publicServiceOperator IPA lists the ente as a gestore di pubblico servizio ({@code Tipologia}
         *     "Gestori di Pubblici Servizi"), not as an administration
         */
        public PublicAdministration {
            Objects.requireNonNull(level, "level");
            Objects.requireNonNull(unitCode, "unitCode");
            Objects.requireNonNull(unitName, "unitName");
            Objects.requireNonNull(updated, "updated");
            Objects.requireNonNull(taxCode, "taxCode");
            address = Checks.address(address);
            ipaCode = Checks.text(ipaCode, "ipaCode");
            name = Checks.text(name, "name");
            if ((level == Level.ENTE) == unitCode.isPresent()) {
                throw new IllegalArgumentException("a unit code is present exactly for AOO and UO addresses: " + level);
            }
        }

        /**
         * An address of a public administration (not a gestore di pubblico servizio).
         *
         * @param address the address
         * @param ipaCode the codice IPA of the ente ({@code Codice_IPA}, legacy {@code cod_amm})
         * @param name the ente's name ({@code Denominazione_ente})
         * @param level where the address is published
         * @param unitCode the codice univoco AOO ({@code Codice_uni_aoo}) or UO ({@code Codice_uni_uo}); present
         *     exactly when the level is AOO or UO
         * @param unitName the AOO's or UO's name, when published
         * @param certified whether IPA types the address as a PEC ({@code Tipo_MailN = Pec})
         * @param updated the row's {@code Data_aggiornamento}, when published
         * @param taxCode the ente's codice fiscale ({@code Codice_fiscale_ente}), when published
         */
        public PublicAdministration(String address, String ipaCode, String name, Level level, Optional<String> unitCode,
                Optional<String> unitName, boolean certified, Optional<LocalDate> updated, Optional<String> taxCode) {
            this(address, ipaCode, name, level, unitCode, unitName, certified, updated, taxCode, false);
        }

        /** {@link Kind#PUBLIC_SERVICE_OPERATOR} for a gestore di pubblico servizio, else {@link Kind#PUBLIC_ADMINISTRATION}. */
        @Override
        public Kind kind() {
            return publicServiceOperator ? Kind.PUBLIC_SERVICE_OPERATOR : Kind.PUBLIC_ADMINISTRATION;
        }
    }

    /**
     * An address registered in INI-PEC (CAD art. 6-bis) by a firm or a professional.
     *
     * @param address the address
     * @param taxCode the firm's or professional's codice fiscale
     * @param name the firm's or professional's name
     */
    record FirmOrProfessional(String address, String taxCode, String name) implements AddressOwner {
        /**
         * Creates the record, checking and normalising its components.
         *
         * @param address the address
         * @param taxCode the firm's or professional's codice fiscale
         * @param name the firm's or professional's name
         */
        public FirmOrProfessional {
            address = Checks.address(address);
            taxCode = Checks.text(taxCode, "taxCode");
            name = Checks.text(name, "name");
        }

        @Override
        public Kind kind() {
            return Kind.FIRM_OR_PROFESSIONAL;
        }
    }

    /**
     * An address elected as digital domicile by a person (INAD, CAD art. 6-quater).
     *
     * @param address the address
     * @param taxCode the person's codice fiscale
     */
    record Person(String address, String taxCode) implements AddressOwner {
        /**
         * Creates the record, checking and normalising its components.
         *
         * @param address the address
         * @param taxCode the person's codice fiscale
         */
        public Person {
            address = Checks.address(address);
            taxCode = Checks.text(taxCode, "taxCode");
        }

        @Override
        public Kind kind() {
            return Kind.PERSON;
        }
    }
}
