package io.github.pec4j.core.internal;

import io.github.pec4j.core.Daticert;
import io.github.pec4j.core.DaticertDate;
import io.github.pec4j.core.ParseCode;
import io.github.pec4j.core.Location;
import io.github.pec4j.core.OpenValue;
import io.github.pec4j.core.PecKind;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads daticert.xml with a hardened StAX reader: any DOCTYPE is refused before anything in it is
 * processed (no external entity, no entity expansion), and the encoding comes from the XML
 * declaration or BOM, never from MIME. Element order is free and unknown elements are ignored.
 */
public final class DaticertReader {
    private static final XMLInputFactory FACTORY = newFactory();

    private DaticertReader() {}

    private static XMLInputFactory newFactory() {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        f.setXMLResolver((publicId, systemId, baseUri, ns) -> {
            throw new XMLStreamException("external resource refused: " + systemId);
        });
        return f;
    }

    /**
     * Parses daticert bytes.
     *
     * @return the certification data, or empty (with an error diagnostic) when it cannot be read
     */
    static Optional<Daticert> read(byte[] xml, String mimePath, DiagnosticList diags) {
        Fields f = new Fields();
        XMLStreamReader r = null;
        String text0;
        try {
            text0 = XmlText.decode(xml);
        } catch (CharacterCodingException | IllegalArgumentException e) {
            diags.add(ParseCode.PEC_DATICERT_INVALID, Location.line(mimePath, -1),
                    "daticert.xml is not valid in its declared encoding (" + e.getClass().getSimpleName() + ")");
            return Optional.empty();
        }
        try {
            r = FACTORY.createXMLStreamReader(new StringReader(text0));
            List<String> stack = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            boolean strayReported = false;
            while (r.hasNext()) {
                int ev = r.next();
                switch (ev) {
                    case XMLStreamConstants.DTD, XMLStreamConstants.ENTITY_DECLARATION,
                            XMLStreamConstants.ENTITY_REFERENCE -> {
                        diags.add(ParseCode.PEC_DATICERT_DOCTYPE_REFUSED, Location.line(mimePath, r.getLocation().getLineNumber()),
                                "daticert.xml contains a DOCTYPE or entity reference; refused without reading it");
                        return Optional.empty();
                    }
                    case XMLStreamConstants.START_ELEMENT -> {
                        if (!text.toString().isBlank() && !strayReported && !stack.isEmpty()) {
                            strayReported = true;
                            diags.add(ParseCode.PEC_DATICERT_STRAY_TEXT, Location.line(mimePath, r.getLocation().getLineNumber()),
                                    "text between elements inside <" + stack.get(stack.size() - 1) + "> ignored");
                        }
                        text.setLength(0);
                        String name = r.getLocalName();
                        stack.add(name);
                        f.start(stack, name, r);
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                        if (text.length() < 64 * 1024) {
                            text.append(r.getText());
                        }
                    }
                    case XMLStreamConstants.END_ELEMENT -> {
                        String name = stack.remove(stack.size() - 1);
                        f.end(stack, name, text.toString());
                        text.setLength(0);
                    }
                    default -> {
                        // comments and processing instructions carry nothing
                    }
                }
            }
        } catch (XMLStreamException | RuntimeException e) {
            int line = e instanceof XMLStreamException x && x.getLocation() != null ? x.getLocation().getLineNumber() : -1;
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : firstLine(e.getMessage());
            if (why.contains("DOCTYPE") || why.contains("DTD") || why.contains("ntity")) {
                diags.add(ParseCode.PEC_DATICERT_DOCTYPE_REFUSED, Location.line(mimePath, line),
                        "daticert.xml uses a DOCTYPE or undeclared entity; refused: " + why);
            } else {
                diags.add(ParseCode.PEC_DATICERT_INVALID, Location.line(mimePath, line),
                        "daticert.xml is not well-formed XML: " + why);
            }
            return Optional.empty();
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException e) {
                    // nothing held
                }
            }
        }
        return f.build(mimePath, diags);
    }

    private static String firstLine(String s) {
        String t = s.replace('\r', '\n');
        int nl = t.indexOf('\n');
        String line = nl >= 0 ? t.substring(0, nl) : t;
        // StAX prefixes "ParseError at [row,col]:" on its own line; keep the explanation.
        if (line.startsWith("ParseError") && nl >= 0) {
            String rest = t.substring(nl + 1).trim();
            int nl2 = rest.indexOf('\n');
            line = nl2 >= 0 ? rest.substring(0, nl2) : rest;
        }
        return line.length() > 200 ? line.substring(0, 200) : line;
    }

    /** Accumulates elements wherever they appear under their expected parent. */
    private static final class Fields {
        boolean rootSeen;
        String tipo;
        String errore;
        String mittente;
        final List<String[]> destinatari = new ArrayList<>();
        String pendingDestTipo;
        String risposte;
        String oggetto;
        String gestore;
        String giorno;
        String ora;
        String zona;
        boolean dataSeen;
        String identificativo;
        String msgid;
        String ricevuta;
        boolean ricevutaSeen;
        String consegna;
        final List<String> ricezione = new ArrayList<>();
        String erroreEsteso;

        void start(List<String> stack, String name, XMLStreamReader r) {
            if (stack.size() == 1) {
                if (name.equals("postacert")) {
                    rootSeen = true;
                    tipo = r.getAttributeValue(null, "tipo");
                    errore = r.getAttributeValue(null, "errore");
                }
                return;
            }
            switch (name) {
                case "destinatari" -> pendingDestTipo = r.getAttributeValue(null, "tipo");
                case "data" -> {
                    dataSeen = true;
                    zona = r.getAttributeValue(null, "zona");
                }
                case "ricevuta" -> {
                    ricevutaSeen = true;
                    ricevuta = r.getAttributeValue(null, "tipo");
                }
                default -> {
                    // text elements are taken at their end
                }
            }
        }

        void end(List<String> stack, String name, String text) {
            if (!rootSeen || stack.isEmpty()) {
                return;
            }
            String v = text.trim();
            switch (name) {
                case "mittente" -> mittente = v;
                case "destinatari" -> destinatari.add(new String[] {v, pendingDestTipo});
                case "risposte" -> risposte = v;
                case "oggetto" -> oggetto = text.strip();
                case "gestore-emittente" -> gestore = v;
                case "giorno" -> giorno = v;
                case "ora" -> ora = v;
                case "identificativo" -> identificativo = v;
                case "msgid" -> msgid = v;
                case "consegna" -> consegna = v;
                case "ricezione" -> ricezione.add(v);
                case "errore-esteso" -> erroreEsteso = v;
                default -> {
                    // unknown elements are tolerated
                }
            }
        }

        Optional<Daticert> build(String path, DiagnosticList diags) {
            Location at = Location.part(path);
            if (!rootSeen) {
                diags.add(ParseCode.PEC_DATICERT_INVALID, at, "daticert.xml has no <postacert> root element");
                return Optional.empty();
            }
            List<String> missing = new ArrayList<>();
            if (tipo == null) missing.add("postacert/@tipo");
            if (mittente == null) missing.add("mittente");
            if (gestore == null) missing.add("gestore-emittente");
            if (!dataSeen || giorno == null || ora == null) missing.add("data");
            if (identificativo == null) missing.add("identificativo");
            if (tipo == null || identificativo == null) {
                diags.add(ParseCode.PEC_DATICERT_INVALID, at, "daticert.xml lacks required " + missing);
                return Optional.empty();
            }
            if (!missing.isEmpty()) {
                diags.add(ParseCode.PEC_DATICERT_INVALID, at, "daticert.xml lacks " + missing + "; read what is there");
            }
            OpenValue<PecKind> tipoValue = PecKind.fromId(tipo)
                    .<OpenValue<PecKind>>map(k -> OpenValue.of(k, tipo.trim()))
                    .orElseGet(() -> OpenValue.unknown(tipo.trim()));
            if (!tipoValue.isKnown()) {
                diags.add(ParseCode.PEC_DATICERT_NONSTANDARD, at, "daticert tipo '" + tipo.trim() + "' is not in the DTD; kept raw");
            }
            OpenValue<Daticert.Errore> erroreValue;
            if (errore == null) {
                erroreValue = OpenValue.of(Daticert.Errore.NESSUNO, "nessuno");
            } else {
                erroreValue = Daticert.Errore.parse(errore);
                if (!erroreValue.isKnown()) {
                    diags.add(ParseCode.PEC_DATICERT_NONSTANDARD, at, "daticert errore '" + errore.trim() + "' is not in the DTD; kept raw");
                }
            }
            List<Daticert.Destinatario> dest = new ArrayList<>();
            boolean defaulted = false;
            for (String[] d : destinatari) {
                OpenValue<Daticert.DestinatarioTipo> t;
                if (d[1] == null) {
                    t = OpenValue.of(Daticert.DestinatarioTipo.CERTIFICATO, "certificato");
                    defaulted = true;
                } else {
                    t = Daticert.DestinatarioTipo.parse(d[1]);
                    if (!t.isKnown()) {
                        diags.add(ParseCode.PEC_DATICERT_NONSTANDARD, at, "destinatari tipo '" + d[1].trim() + "' is not in the DTD; kept raw");
                    }
                }
                dest.add(new Daticert.Destinatario(d[0], t));
            }
            if (defaulted) {
                diags.add(ParseCode.PEC_DATICERT_DEFAULT_APPLIED, at, "destinatari without tipo read as certificato");
            }
            Optional<OpenValue<Daticert.RicevutaTipo>> ric = Optional.empty();
            if (ricevutaSeen) {
                if (ricevuta == null) {
                    ric = Optional.of(OpenValue.of(Daticert.RicevutaTipo.COMPLETA, "completa"));
                    diags.add(ParseCode.PEC_DATICERT_DEFAULT_APPLIED, at, "ricevuta without tipo read as completa");
                } else {
                    ric = Optional.of(Daticert.RicevutaTipo.parse(ricevuta));
                    if (!ric.get().isKnown()) {
                        diags.add(ParseCode.PEC_DATICERT_NONSTANDARD, at, "ricevuta tipo '" + ricevuta.trim() + "' is not in the DTD; kept raw");
                    }
                }
            }
            DaticertDate date = DaticertDate.parse(giorno == null ? "" : giorno, ora == null ? "" : ora, Optional.ofNullable(zona));
            if (date.local().isEmpty()) {
                diags.add(ParseCode.PEC_DATICERT_DATE_INVALID, at, "daticert giorno/ora '" + giorno + " " + ora + "' cannot be read");
            } else if (date.instant().isEmpty()) {
                diags.add(ParseCode.PEC_DATICERT_ZONE_UNKNOWN, at, zona == null
                        ? "daticert data has no zona: only the local time is known"
                        : "daticert zona '" + zona + "' cannot be read: only the local time is known");
            }
            return Optional.of(new Daticert(tipoValue, erroreValue, nz(mittente), dest, nz(risposte),
                    Optional.ofNullable(oggetto), nz(gestore), date, identificativo, Optional.ofNullable(msgid).filter(s -> !s.isEmpty()),
                    ric, Optional.ofNullable(consegna).filter(s -> !s.isEmpty()), ricezione,
                    Optional.ofNullable(erroreEsteso).filter(s -> !s.isEmpty()).map(Daticert.ErroreEsteso::parse)));
        }

        private static String nz(String s) {
            return s == null ? "" : s;
        }
    }
}
