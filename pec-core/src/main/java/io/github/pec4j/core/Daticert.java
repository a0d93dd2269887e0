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

    /** {@link #msgid()} without angle brackets, the form used to correlate. */
    public Optional<String> msgidNormalised() {
        return msgid.map(MessageIds::normalise).filter(s -> !s.isEmpty());
    }

    /** {@code postacert/@errore}. */
    public enum Errore {
        NESSUNO("nessuno"),
        NO_DEST("no-dest"),
        NO_DOMINIO("no-dominio"),
        VIRUS("virus"),
        ALTRO("altro");

        private final String id;

        Errore(String id) {
            this.id = id;
        }

        /** The DTD spelling. */
        public String id() {
            return id;
        }

        /** Reads a DTD value (any case, trimmed). */
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
        CERTIFICATO("certificato"),
        ESTERNO("esterno");

        private final String id;

        DestinatarioTipo(String id) {
            this.id = id;
        }

        /** The DTD spelling. */
        public String id() {
            return id;
        }

        /** Reads a DTD value (any case, trimmed). */
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
        COMPLETA("completa"),
        BREVE("breve"),
        SINTETICA("sintetica");

        private final String id;

        RicevutaTipo(String id) {
            this.id = id;
        }

        /** The DTD spelling. */
        public String id() {
            return id;
        }

        /** Reads a DTD value (any case, trimmed). */
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

        public ErroreEsteso {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(code, "code");
        }

        /** Parses the text, extracting a leading status code such as {@code 5.1.1}. */
        public static ErroreEsteso parse(String text) {
            Matcher m = CODE.matcher(text);
            return new ErroreEsteso(text.trim(), m.find() ? Optional.of(m.group(1)) : Optional.empty());
        }
    }
}
