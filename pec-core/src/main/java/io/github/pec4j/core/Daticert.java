package io.github.pec4j.core;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The certification data a PEC provider signs: the content of {@code daticert.xml}.
 *
 * <p>Every element and attribute of the DTD of the DM 2 Nov 2005 annex (RFC 6109) is here. Closed
 * vocabularies are {@link OpenValue}s, so values outside the DTD are kept raw (with a warning in the
 * parse report) instead of failing the parse.
 *
 * @param tipo {@code postacert/@tipo}: the kind of message the provider certifies
 * @param errore {@code postacert/@errore}; an absent attribute reads as {@code nessuno}
 * @param mittente {@code intestazione/mittente}: the original sender
 * @param destinatari {@code intestazione/destinatari}, in document order, duplicates kept
 * @param risposte {@code intestazione/risposte}: the reply-to address
 * @param oggetto {@code intestazione/oggetto}: the original subject
 * @param gestoreEmittente {@code dati/gestore-emittente}: the provider that issued the message
 * @param data {@code dati/data}: when the provider issued it
 * @param identificativo {@code dati/identificativo}: the provider's message identifier, opaque
 * @param msgid {@code dati/msgid} exactly as written (with angle brackets, entities unescaped)
 * @param ricevuta {@code dati/ricevuta/@tipo}; empty when the element is absent
 * @param consegna {@code dati/consegna}: the mailbox a delivery receipt or notice is about
 * @param ricezione {@code dati/ricezione} elements (presa in carico), in document order
 * @param erroreEsteso {@code dati/errore-esteso}
 */
public record Daticert(
        OpenValue<PecKind> tipo,
        OpenValue<Errore> errore,
        String mittente,
        List<Destinatario> destinatari,
        String risposte,
        Optional<String> oggetto,
        String gestoreEmittente,
        DaticertDate data,
        String identificativo,
        Optional<String> msgid,
        Optional<OpenValue<RicevutaTipo>> ricevuta,
        Optional<String> consegna,
        List<String> ricezione,
        Optional<ErroreEsteso> erroreEsteso) {

    /**
     * Creates the record: copies the lists and refuses null components.
     *
     * @param tipo {@code postacert/@tipo}: the kind of message the provider certifies
     * @param errore {@code postacert/@errore}; an absent attribute reads as {@code nessuno}
     * @param mittente {@code intestazione/mittente}: the original sender
     * @param destinatari {@code intestazione/destinatari}, in document order, duplicates kept
     * @param risposte {@code intestazione/risposte}: the reply-to address
     * @param oggetto {@code intestazione/oggetto}: the original subject
     * @param gestoreEmittente {@code dati/gestore-emittente}: the provider that issued the message
     * @param data {@code dati/data}: when the provider issued it
     * @param identificativo {@code dati/identificativo}: the provider's message identifier, opaque
     * @param msgid {@code dati/msgid} exactly as written (with angle brackets, entities unescaped)
     * @param ricevuta {@code dati/ricevuta/@tipo}; empty when the element is absent
     * @param consegna {@code dati/consegna}: the mailbox a delivery receipt or notice is about
     * @param ricezione {@code dati/ricezione} elements (presa in carico), in document order
     * @param erroreEsteso {@code dati/errore-esteso}
     */
    public Daticert {
        Objects.requireNonNull(tipo, "tipo");
        Objects.requireNonNull(errore, "errore");
        Objects.requireNonNull(mittente, "mittente");
        destinatari = List.copyOf(destinatari);
        Objects.requireNonNull(risposte, "risposte");
        Objects.requireNonNull(oggetto, "oggetto");
        Objects.requireNonNull(gestoreEmittente, "gestoreEmittente");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(identificativo, "identificativo");
        Objects.requireNonNull(msgid, "msgid");
        Objects.requireNonNull(ricevuta, "ricevuta");
        Objects.requireNonNull(consegna, "consegna");
        ricezione = List.copyOf(ricezione);
        Objects.requireNonNull(erroreEsteso, "erroreEsteso");
    }

    /**
     * {@link #msgid()} without angle brackets, the form used to correlate.
     *
     * @return the normalised msgid, or empty when daticert has none or it is blank
     */
    public Optional<String> msgidNormalised() {
        return msgid.map(MessageIds::normalise).filter(s -> !s.isEmpty());
    }

    /** {@code postacert/@errore}. */
    public enum Errore {
        /** No error: the message was delivered or accepted. */
        NESSUNO("nessuno"),
        /** The recipient mailbox does not exist. */
        NO_DEST("no-dest"),
        /** The recipient's domain is not a PEC domain or cannot be reached. */
        NO_DOMINIO("no-dominio"),
        /** The message was refused because it carries a virus. */
        VIRUS("virus"),
        /** Any other delivery error. */
        ALTRO("altro");

        private final String id;

        Errore(String id) {
            this.id = id;
        }

        /**
         * The DTD spelling.
         *
         * @return the value as the DTD writes it, such as {@code no-dest}
         */
        public String id() {
            return id;
        }

        /**
         * Reads a DTD value (any case, trimmed).
         *
         * @param raw the attribute value as read from daticert
         * @return the known value, or an unknown one that keeps {@code raw}
         */
        public static OpenValue<Errore> parse(String raw) {
            String v = raw.trim().toLowerCase(Locale.ROOT);
            for (Errore e : values()) {
                if (e.id.equals(v)) {
                    return OpenValue.of(e, raw.trim());
                }
            }
            return OpenValue.unknown(raw.trim());
        }
    }

    /** {@code destinatari/@tipo}: a PEC mailbox or an ordinary ("esterno") one. */
    public enum DestinatarioTipo {
        /** A certified (PEC) mailbox. */
        CERTIFICATO("certificato"),
        /** An ordinary mailbox outside the PEC system. */
        ESTERNO("esterno");

        private final String id;

        DestinatarioTipo(String id) {
            this.id = id;
        }

        /**
         * The DTD spelling.
         *
         * @return the value as the DTD writes it, such as {@code esterno}
         */
        public String id() {
            return id;
        }

        /**
         * Reads a DTD value (any case, trimmed).
         *
         * @param raw the attribute value as read from daticert
         * @return the known value, or an unknown one that keeps {@code raw}
         */
        public static OpenValue<DestinatarioTipo> parse(String raw) {
            String v = raw.trim().toLowerCase(Locale.ROOT);
            for (DestinatarioTipo e : values()) {
                if (e.id.equals(v)) {
                    return OpenValue.of(e, raw.trim());
                }
            }
            return OpenValue.unknown(raw.trim());
        }
    }

    /** {@code ricevuta/@tipo}: the kind of delivery receipt the sender asked for. */
    public enum RicevutaTipo {
        /** The full receipt: the original message and its attachments are returned with it. */
        COMPLETA("completa"),
        /** The short receipt: the original with its attachments replaced by their hashes. */
        BREVE("breve"),
        /** The synthetic receipt: daticert only, without the original message. */
        SINTETICA("sintetica");

        private final String id;

        RicevutaTipo(String id) {
            this.id = id;
        }

        /**
         * The DTD spelling.
         *
         * @return the value as the DTD writes it, such as {@code sintetica}
         */
        public String id() {
            return id;
        }

        /**
         * Reads a DTD value (any case, trimmed).
         *
         * @param raw the attribute value as read from daticert
         * @return the known value, or an unknown one that keeps {@code raw}
         */
        public static OpenValue<RicevutaTipo> parse(String raw) {
            String v = raw.trim().toLowerCase(Locale.ROOT);
            for (RicevutaTipo e : values()) {
                if (e.id.equals(v)) {
                    return OpenValue.of(e, raw.trim());
                }
            }
            return OpenValue.unknown(raw.trim());
        }
    }

    /**
     * One {@code destinatari} element.
     *
     * @param indirizzo the address as written
     * @param tipo certificato or esterno; an absent attribute reads as certificato
     */
    public record Destinatario(String indirizzo, OpenValue<DestinatarioTipo> tipo) {
        /**
         * Creates the record: refuses null components.
         *
         * @param indirizzo the address as written
         * @param tipo certificato or esterno; an absent attribute reads as certificato
         */
        public Destinatario {
            Objects.requireNonNull(indirizzo, "indirizzo");
            Objects.requireNonNull(tipo, "tipo");
        }
    }

    /**
     * {@code errore-esteso}: the provider's error text, with the leading status code when there is one.
     *
     * @param text the whole text, trimmed
     * @param code the leading {@code d.d.d} status code, e.g. {@code 5.1.1}
     */
    public record ErroreEsteso(String text, Optional<String> code) {
        private static final Pattern CODE = Pattern.compile("^\\s*(\\d\\.\\d{1,3}\\.\\d{1,3})(?!\\d)");

        /**
         * Creates the record: refuses null components.
         *
         * @param text the whole text, trimmed
         * @param code the leading {@code d.d.d} status code, e.g. {@code 5.1.1}
         */
        public ErroreEsteso {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(code, "code");
        }

        /**
         * Parses the text, extracting a leading status code such as {@code 5.1.1}.
         *
         * @param text the {@code errore-esteso} text as read from daticert
         * @return the text with its status code when it begins with one
         */
        public static ErroreEsteso parse(String text) {
            Matcher m = CODE.matcher(text);
            return new ErroreEsteso(text.trim(), m.find() ? Optional.of(m.group(1)) : Optional.empty());
        }
    }
}
