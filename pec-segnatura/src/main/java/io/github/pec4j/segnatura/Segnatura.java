package io.github.pec4j.segnatura;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The data of a segnatura di protocollo, whatever format it was read from (v3 {@code SegnaturaInformatica}, Circolare
 * 60/2013 or 28/2001 {@code Segnatura}). The constructor checks for presence only, so legacy segnature fit; the
 * {@link SegnaturaWriter} enforces what v3 requires (SEG-ID-01, SEG-DOC-01).
 *
 * @param identificatore this registration
 * @param primaRegistrazione the first registration of a re-forwarded document, when it differs
 * @param oggetto the subject
 * @param classifica the titolario class (required by v3, optional in 60/2013)
 * @param fascicolo the fascicolo, if any
 * @param riservato whether the message is confidential
 * @param riferimenti the registration this message answers, if any
 * @param mittente the sender
 * @param destinatari the recipients, at least one
 * @param documentoPrimario the primary document
 * @param allegati the attachments, in order
 */
public record Segnatura(Identificatore identificatore, Optional<Identificatore> primaRegistrazione, String oggetto,
        Optional<Classifica> classifica, Optional<Fascicolo> fascicolo, boolean riservato, Optional<Riferimento> riferimenti,
        Soggetto mittente, List<Destinatario> destinatari, Documento documentoPrimario, List<Documento> allegati) {

    /**
     * Checks for presence and copies the lists.
     *
     * @param identificatore this registration
     * @param primaRegistrazione the first registration of a re-forwarded document, when it differs
     * @param oggetto the subject
     * @param classifica the titolario class (required by v3, optional in 60/2013)
     * @param fascicolo the fascicolo, if any
     * @param riservato whether the message is confidential
     * @param riferimenti the registration this message answers, if any
     * @param mittente the sender
     * @param destinatari the recipients, at least one
     * @param documentoPrimario the primary document
     * @param allegati the attachments, in order
     */
    public Segnatura {
        Objects.requireNonNull(identificatore, "identificatore");
        Objects.requireNonNull(primaRegistrazione, "primaRegistrazione");
        Objects.requireNonNull(oggetto, "oggetto");
        Objects.requireNonNull(classifica, "classifica");
        Objects.requireNonNull(fascicolo, "fascicolo");
        Objects.requireNonNull(riferimenti, "riferimenti");
        Objects.requireNonNull(mittente, "mittente");
        destinatari = List.copyOf(destinatari);
        Objects.requireNonNull(documentoPrimario, "documentoPrimario");
        allegati = List.copyOf(allegati);
    }

    /**
     * A builder.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The primary document followed by the attachments.
     *
     * @return the primary document followed by the attachments
     */
    public List<Documento> documenti() {
        List<Documento> all = new ArrayList<>(allegati.size() + 1);
        all.add(documentoPrimario);
        all.addAll(allegati);
        return List.copyOf(all);
    }

    /** Builds a {@link Segnatura}; {@link #build()} reports every missing field at once. */
    public static final class Builder {
        private @Nullable Identificatore identificatore;
        private @Nullable Identificatore primaRegistrazione;
        private @Nullable String oggetto;
        private @Nullable Classifica classifica;
        private @Nullable Fascicolo fascicolo;
        private boolean riservato;
        private @Nullable Riferimento riferimenti;
        private @Nullable Soggetto mittente;
        private final List<Destinatario> destinatari = new ArrayList<>();
        private @Nullable Documento documentoPrimario;
        private final List<Documento> allegati = new ArrayList<>();

        private Builder() {}

        /**
         * This registration (required).
         *
         * @param value this registration's identificatore
         * @return this registration (required)
         */
        public Builder identificatore(Identificatore value) {
            identificatore = Objects.requireNonNull(value, "identificatore");
            return this;
        }

        /**
         * The first registration of a re-forwarded document.
         *
         * @param value the first registration of a re-forwarded document
         * @return the first registration of a re-forwarded document
         */
        public Builder primaRegistrazione(Identificatore value) {
            primaRegistrazione = Objects.requireNonNull(value, "primaRegistrazione");
            return this;
        }

        /**
         * The subject (required).
         *
         * @param value the subject
         * @return the subject (required)
         */
        public Builder oggetto(String value) {
            oggetto = Objects.requireNonNull(value, "oggetto");
            return this;
        }

        /**
         * The titolario class (required).
         *
         * @param value the titolario class
         * @return the titolario class (required)
         */
        public Builder classifica(Classifica value) {
            classifica = Objects.requireNonNull(value, "classifica");
            return this;
        }

        /**
         * The fascicolo.
         *
         * @param value the fascicolo
         * @return the fascicolo
         */
        public Builder fascicolo(Fascicolo value) {
            fascicolo = Objects.requireNonNull(value, "fascicolo");
            return this;
        }

        /**
         * Marks the message confidential.
         *
         * @param value true for a confidential message
         * @return this builder
         */
        public Builder riservato(boolean value) {
            riservato = value;
            return this;
        }

        /**
         * The registration answered.
         *
         * @param value the registration answered
         * @return the registration answered
         */
        public Builder riferimenti(Riferimento value) {
            riferimenti = Objects.requireNonNull(value, "riferimenti");
            return this;
        }

        /**
         * The sender (required).
         *
         * @param value the sender
         * @return the sender (required)
         */
        public Builder mittente(Soggetto value) {
            mittente = Objects.requireNonNull(value, "mittente");
            return this;
        }

        /**
         * Adds a recipient (at least one is required).
         *
         * @param value the recipient to add
         * @return this builder
         */
        public Builder destinatario(Destinatario value) {
            destinatari.add(Objects.requireNonNull(value, "destinatario"));
            return this;
        }

        /**
         * Adds a recipient with the schema's defaults.
         *
         * @param value the recipient to add
         * @return this builder
         */
        public Builder destinatario(Soggetto value) {
            return destinatario(Destinatario.of(value));
        }

        /**
         * The primary document (required).
         *
         * @param value the primary document
         * @return the primary document (required)
         */
        public Builder documentoPrimario(Documento value) {
            documentoPrimario = Objects.requireNonNull(value, "documentoPrimario");
            return this;
        }

        /**
         * Adds an attachment.
         *
         * @param value the attachment to add
         * @return this builder
         */
        public Builder allegato(Documento value) {
            allegati.add(Objects.requireNonNull(value, "allegato"));
            return this;
        }

        /**
         * The segnatura.
         *
         * @return the segnatura
         * @throws IllegalArgumentException naming every required field not set
         */
        public Segnatura build() {
            List<String> missing = new ArrayList<>();
            if (identificatore == null) {
                missing.add("identificatore");
            }
            if (oggetto == null) {
                missing.add("oggetto");
            }
            if (classifica == null) {
                missing.add("classifica");
            }
            if (mittente == null) {
                missing.add("mittente");
            }
            if (destinatari.isEmpty()) {
                missing.add("destinatario");
            }
            if (documentoPrimario == null) {
                missing.add("documentoPrimario");
            }
            if (identificatore == null || oggetto == null || mittente == null || documentoPrimario == null || !missing.isEmpty()) {
                throw new IllegalArgumentException("missing: " + String.join(", ", missing));
            }
            return new Segnatura(identificatore, Optional.ofNullable(primaRegistrazione), oggetto, Optional.ofNullable(classifica),
                    Optional.ofNullable(fascicolo), riservato, Optional.ofNullable(riferimenti), mittente, destinatari,
                    documentoPrimario, allegati);
        }
    }
}
