package io.github.pec4j.segnatura.internal;

import io.github.pec4j.segnatura.AggiornamentoConferma;
import io.github.pec4j.segnatura.AnnullamentoProtocollazione;
import io.github.pec4j.segnatura.Classifica;
import io.github.pec4j.segnatura.ConfermaRicezione;
import io.github.pec4j.segnatura.Destinatario;
import io.github.pec4j.segnatura.Documento;
import io.github.pec4j.segnatura.Identificatore;
import io.github.pec4j.segnatura.Impronta;
import io.github.pec4j.segnatura.InteropMessage;
import io.github.pec4j.segnatura.MessaggioRicevuto;
import io.github.pec4j.segnatura.NotificaEccezione;
import io.github.pec4j.segnatura.Riferimento;
import io.github.pec4j.segnatura.Segnatura;
import io.github.pec4j.segnatura.SegnaturaCode;
import io.github.pec4j.segnatura.SegnaturaException;
import io.github.pec4j.segnatura.Soggetto;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Lenient reading of the Circolare 60/2013 ({@code http://www.digitPa.gov.it/protocollo/}) and 28/2001 (no namespace)
 * formats, which share one structure, from a hardened DOM. Whatever the model has no place for stays in the raw bytes.
 */
final class LegacyReader {
    private final String ns;
    private final Warnings w;

    LegacyReader(String namespace, Warnings warnings) {
        this.ns = namespace;
        this.w = warnings;
    }

    Segnatura segnatura(Element root) throws SegnaturaException {
        Element intestazione = required(root, "Intestazione");
        Identificatore id = identificatore(required(intestazione, "Identificatore"), "Identificatore");
        Element ora = child(intestazione, "OraRegistrazione");
        if (ora != null && !text(ora).isEmpty()) {
            try {
                id = id.withOra(LocalTime.parse(text(ora), DateTimeFormatter.ISO_TIME));
            } catch (DateTimeParseException e) {
                w.add(SegnaturaCode.SEG_SCHEMA_PATTERN, "OraRegistrazione '" + text(ora) + "' is not a time; ignored");
            }
        }
        Optional<Identificatore> prima = primaRegistrazione(intestazione);
        Element origine = required(intestazione, "Origine");
        String mittentePec = text(child(origine, "IndirizzoTelematico"));
        Soggetto mittente = mittente(required(origine, "Mittente"), mittentePec);
        List<Destinatario> destinatari = new ArrayList<>();
        for (Element d : children(intestazione, "Destinazione")) {
            destinazione(d, false, destinatari);
        }
        for (Element d : children(intestazione, "PerConoscenza")) {
            destinazione(d, true, destinatari);
        }
        Element riservato = child(intestazione, "Riservato");
        boolean isRiservato = riservato != null && !List.of("no", "false", "0").contains(text(riservato).toLowerCase(Locale.ROOT));
        String oggetto = text(child(intestazione, "Oggetto"));
        Optional<Classifica> classifica = classifica(child(intestazione, "Classifica"));
        Optional<Riferimento> riferimenti = Optional.empty();
        Element rif = child(root, "Riferimenti");
        Element messaggio = rif == null ? null : child(rif, "Messaggio");
        if (messaggio != null && child(messaggio, "Identificatore") != null) {
            riferimenti = Optional.of(new Riferimento(identificatore(child(messaggio, "Identificatore"), "Riferimenti/Messaggio"),
                    primaRegistrazione(messaggio), "", Optional.empty(), Optional.empty()));
        }
        Element descrizione = required(root, "Descrizione");
        Documento primario;
        Element documento = child(descrizione, "Documento");
        if (documento != null) {
            primario = documento(documento);
        } else {
            Element testo = child(descrizione, "TestoDelMessaggio");
            w.add(SegnaturaCode.SEG_MISSING_ELEMENT, "the primary document is the message text (TestoDelMessaggio): no file, no impronta");
            primario = new Documento("", testo == null ? "" : testo.getAttribute("tipoMIME"), Optional.empty(), Optional.empty());
        }
        List<Documento> allegati = new ArrayList<>();
        Element list = child(descrizione, "Allegati");
        if (list != null) {
            for (Element a : children(list, "Documento")) {
                allegati.add(documento(a));
            }
            if (!children(list, "Fascicolo").isEmpty()) {
                w.add(SegnaturaCode.SEG_MISSING_ELEMENT, "attached Fascicolo elements are not read into the model (kept in the raw XML)");
            }
        }
        return new Segnatura(id, prima, oggetto, classifica, Optional.empty(), isRiservato, riferimenti, mittente, destinatari,
                primario, allegati);
    }

    InteropMessage message(Element root) throws SegnaturaException {
        String name = root.getLocalName();
        switch (name) {
            case "ConfermaRicezione", "AggiornamentoConferma": {
                // the same content; only the meaning differs
                Identificatore registrato = identificatore(required(root, "Identificatore"), "Identificatore");
                MessaggioRicevuto ricevuto = messaggioRicevuto(required(root, "MessaggioRicevuto"));
                return name.equals("ConfermaRicezione") ? new ConfermaRicezione(registrato, ricevuto)
                        : new AggiornamentoConferma(registrato, ricevuto);
            }
            case "NotificaEccezione":
                Element id = child(root, "Identificatore");
                return new NotificaEccezione(id == null ? Optional.empty() : Optional.of(identificatore(id, "Identificatore")),
                        messaggioRicevuto(required(root, "MessaggioRicevuto")), text(required(root, "Motivo")));
            case "AnnullamentoProtocollazione":
                return new AnnullamentoProtocollazione(identificatore(required(root, "Identificatore"), "Identificatore"),
                        text(required(root, "Motivo")), text(required(root, "Provvedimento")));
            default:
                throw w.refuse(SegnaturaCode.SEG_NOT_RECOGNISED, "not an interop message: " + name);
        }
    }

    private MessaggioRicevuto messaggioRicevuto(Element m) throws SegnaturaException {
        Element id = child(m, "Identificatore");
        if (id != null) {
            return new MessaggioRicevuto(Optional.of(identificatore(id, "MessaggioRicevuto/Identificatore")), primaRegistrazione(m),
                    Optional.empty());
        }
        return MessaggioRicevuto.described(text(child(m, "DescrizioneMessaggio")));
    }

    private Identificatore identificatore(Element e, String where) throws SegnaturaException {
        Element registro = child(e, "CodiceRegistro");
        if (registro == null) {
            w.add(SegnaturaCode.SEG_MISSING_ELEMENT, where + ": no CodiceRegistro");
        }
        Identificatore id = new Identificatore(text(required(e, "CodiceAmministrazione")), text(required(e, "CodiceAOO")),
                text(registro), text(required(e, "NumeroRegistrazione")),
                ProtMapping.date(text(required(e, "DataRegistrazione")), where, w), Optional.empty());
        id.violations().forEach(v -> w.add(SegnaturaCode.SEG_SCHEMA_PATTERN, where + ": " + v));
        return id;
    }

    private Optional<Identificatore> primaRegistrazione(Element parent) throws SegnaturaException {
        Element p = child(parent, "PrimaRegistrazione");
        Element id = p == null ? null : child(p, "Identificatore");
        return id == null ? Optional.empty() : Optional.of(identificatore(id, "PrimaRegistrazione"));
    }

    /** Mittente = Amministrazione + AOO; the address is the Origine's. */
    private Soggetto mittente(Element m, String pec) {
        Element amm = child(m, "Amministrazione");
        Element aoo = child(m, "AOO");
        return amministrazione(amm, aoo, pec);
    }

    private Soggetto amministrazione(@Nullable Element amm, @Nullable Element aoo, String pec) {
        Element uo = amm == null ? null : child(amm, "UnitaOrganizzativa");
        Optional<String> codiceAoo = Optional.ofNullable(aoo == null ? null : child(aoo, "CodiceAOO")).map(LegacyReader::text)
                .filter(s -> !s.isEmpty());
        Optional<String> codiceUo = Optional.ofNullable(uo == null ? null : child(uo, "Identificativo")).map(LegacyReader::text)
                .filter(s -> !s.isEmpty());
        return new Soggetto.Amministrazione(text(amm == null ? null : child(amm, "Denominazione")),
                text(amm == null ? null : child(amm, "CodiceAmministrazione")), codiceAoo, codiceUo, optional(pec));
    }

    /** One Destinazione (or PerConoscenza): its address, and each Destinatario (or the address alone). */
    private void destinazione(Element d, boolean perConoscenza, List<Destinatario> out) {
        boolean conferma = "si".equalsIgnoreCase(d.getAttribute("confermaRicezione").strip());
        String pec = text(child(d, "IndirizzoTelematico"));
        List<Element> destinatari = children(d, "Destinatario");
        if (destinatari.isEmpty()) {
            out.add(new Destinatario(new Soggetto.PersonaGiuridica(pec, Optional.empty(), optional(pec)), conferma, perConoscenza));
            return;
        }
        for (Element dest : destinatari) {
            String own = text(child(dest, "IndirizzoTelematico"));
            String address = own.isEmpty() ? pec : own;
            Soggetto s;
            Element persona = child(dest, "Persona");
            if (child(dest, "Amministrazione") != null) {
                s = amministrazione(child(dest, "Amministrazione"), child(dest, "AOO"), address);
            } else if (child(dest, "Denominazione") != null) {
                s = new Soggetto.PersonaGiuridica(text(child(dest, "Denominazione")), Optional.empty(), optional(address));
            } else if (persona != null) {
                Element cf = child(persona, "CodiceFiscale");
                String cognome = child(persona, "Cognome") != null ? text(child(persona, "Cognome")) : text(child(persona, "Denominazione"));
                s = new Soggetto.PersonaFisica(text(child(persona, "Nome")), cognome, cf == null ? Optional.empty() : optional(text(cf)),
                        optional(address));
            } else {
                s = new Soggetto.PersonaGiuridica(address, Optional.empty(), optional(address));
            }
            out.add(new Destinatario(s, conferma, perConoscenza));
        }
    }

    private Optional<Classifica> classifica(@Nullable Element c) {
        if (c == null) {
            return Optional.empty();
        }
        List<Classifica.Livello> levels = new ArrayList<>();
        for (Element l : children(c, "Livello")) {
            levels.add(new Classifica.Livello(text(l), optional(l.getAttribute("nome"))));
        }
        if (levels.isEmpty()) {
            w.add(SegnaturaCode.SEG_MISSING_ELEMENT, "a Classifica without Livello");
            return Optional.empty();
        }
        return Optional.of(new Classifica(text(child(c, "Denominazione")), Optional.empty(), levels));
    }

    private Documento documento(Element d) {
        String nome = d.getAttribute("nome");
        if (nome.isEmpty()) {
            w.add(SegnaturaCode.SEG_MISSING_ELEMENT, "a Documento without nome");
        }
        Element impronta = child(d, "Impronta");
        Optional<Impronta> value = impronta == null ? Optional.empty()
                : ProtMapping.impronta(nome, text(impronta), impronta.hasAttribute("algoritmo") ? impronta.getAttribute("algoritmo") : null, w);
        Element titolo = child(d, "TitoloDocumento");
        return new Documento(nome, d.getAttribute("tipoMIME"), titolo == null ? Optional.empty() : optional(text(titolo)), value);
    }

    private Element required(Element parent, String local) throws SegnaturaException {
        Element e = child(parent, local);
        if (e == null) {
            throw w.refuse(SegnaturaCode.SEG_INCOMPLETE, parent.getLocalName() + " has no " + local);
        }
        return e;
    }

    private @Nullable Element child(Element parent, String local) {
        List<Element> all = children(parent, local);
        return all.isEmpty() ? null : all.get(0);
    }

    private List<Element> children(Element parent, String local) {
        List<Element> out = new ArrayList<>();
        for (Node c = parent.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element e && local.equals(e.getLocalName()) && ns.equals(e.getNamespaceURI() == null ? "" : e.getNamespaceURI())) {
                out.add(e);
            }
        }
        return out;
    }

    private static String text(@Nullable Element e) {
        return e == null ? "" : e.getTextContent().strip();
    }

    private static Optional<String> optional(String s) {
        return s.isBlank() ? Optional.empty() : Optional.of(s.strip());
    }
}
