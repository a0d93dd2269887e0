package io.github.pec4j.segnatura.internal;

import io.github.pec4j.segnatura.Classifica;
import io.github.pec4j.segnatura.Destinatario;
import io.github.pec4j.segnatura.DigestAlgorithm;
import io.github.pec4j.segnatura.Documento;
import io.github.pec4j.segnatura.Fascicolo;
import io.github.pec4j.segnatura.Identificatore;
import io.github.pec4j.segnatura.Impronta;
import io.github.pec4j.segnatura.Riferimento;
import io.github.pec4j.segnatura.Segnatura;
import io.github.pec4j.segnatura.SegnaturaCode;
import io.github.pec4j.segnatura.SegnaturaException;
import io.github.pec4j.segnatura.Soggetto;
import io.github.pec4j.segnatura.internal.prot.ProtXml;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Between the public model and the v3 binding, both ways: strict towards the XML, lenient from it. */
final class ProtMapping {
    static final Pattern PARTITA_IVA = Pattern.compile("[0-9]{11}");
    static final Pattern CODICE_FISCALE =
            Pattern.compile("[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]");
    private static final Pattern CAP = Pattern.compile("[0-9]{6}");

    private ProtMapping() {}

    // ---------------------------------------------------------------- model -> XML

    /** Everything in {@code s} that v3 cannot carry as it is (SEG-ID-01, SEG-DOC-01, SEG-IMPR-01); empty when writable. */
    static List<String> violations(Segnatura s) {
        List<String> out = new ArrayList<>(s.identificatore().violations());
        s.primaRegistrazione().ifPresent(p -> p.violations().forEach(v -> out.add("PrimaRegistrazione: " + v)));
        if (s.oggetto().isBlank()) {
            out.add("Oggetto is blank");
        }
        if (s.classifica().isEmpty()) {
            out.add("Classifica is required");
        }
        s.riferimenti().ifPresent(r -> {
            r.identificatore().violations().forEach(v -> out.add("Riferimenti: " + v));
            if (r.classifica().isEmpty()) {
                out.add("Riferimenti: Classifica is required");
            }
        });
        soggettoViolations("Mittente", s.mittente(), out);
        if (s.destinatari().isEmpty()) {
            out.add("at least one Destinatario is required");
        }
        s.destinatari().forEach(d -> soggettoViolations("Destinatario", d.soggetto(), out));
        for (Documento d : s.documenti()) {
            String where = "Documento '" + d.nomeFile() + "': ";
            if (d.nomeFile().isBlank()) {
                out.add(where + "nomeFile is blank");
            }
            if (d.mimeType().isBlank()) {
                out.add(where + "mimeType is blank");
            }
            if (d.impronta().isEmpty()) {
                out.add(where + "Impronta is required");
            } else if (d.impronta().get().algorithm().orElse(null) != DigestAlgorithm.SHA_256) {
                out.add(where + "the Impronta must be SHA-256, not " + d.impronta().get().algoritmo());
            }
        }
        return out;
    }

    private static void soggettoViolations(String role, Soggetto s, List<String> out) {
        if (s instanceof Soggetto.Amministrazione a && a.codiceIpa().isBlank()) {
            out.add(role + ": an Amministrazione needs its codice IPA");
        } else if (s instanceof Soggetto.PersonaFisica p && (p.nome().isBlank() || p.cognome().isBlank())) {
            out.add(role + ": a PersonaFisica needs Nome and Cognome");
        }
    }

    static ProtXml.SegnaturaInformatica toXml(Segnatura s) {
        ProtXml.SegnaturaInformatica x = new ProtXml.SegnaturaInformatica();
        x.versione = Namespaces.VERSIONE;
        x.lang = Namespaces.LANG;
        ProtXml.Intestazione i = header(new ProtXml.Intestazione(), new Riferimento(s.identificatore(), s.primaRegistrazione(),
                s.oggetto(), s.classifica(), s.fascicolo()));
        if (s.riservato()) {
            i.riservato = new ProtXml.Riservato();
            i.riservato.value = "true";
        }
        x.intestazione = i;
        x.riferimenti = s.riferimenti().map(r -> header(new ProtXml.Riferimenti(), r)).orElse(null);
        ProtXml.Descrizione d = new ProtXml.Descrizione();
        d.mittente = toXml(s.mittente(), new ProtXml.Soggetto());
        for (Destinatario dest : s.destinatari()) {
            ProtXml.Destinatario xd = toXml(dest.soggetto(), new ProtXml.Destinatario());
            xd.confermaRicezione = Boolean.toString(dest.confermaRicezione());
            xd.perConoscenza = Boolean.toString(dest.perConoscenza());
            d.destinatario.add(xd);
        }
        d.documentoPrimario = toXml(s.documentoPrimario());
        s.allegati().forEach(a -> d.allegato.add(toXml(a)));
        x.descrizione = d;
        return x;
    }

    /** The five elements Intestazione and Riferimenti share. */
    private static <T extends ProtXml.Riferimenti> T header(T x, Riferimento r) {
        x.identificatore = toXml(r.identificatore());
        x.primaRegistrazione = r.primaRegistrazione().map(ProtMapping::toXml).orElse(null);
        x.oggetto = r.oggetto();
        x.classifica = r.classifica().map(ProtMapping::toXml).orElse(null);
        x.fascicolo = r.fascicolo().map(ProtMapping::toXml).orElse(null);
        return x;
    }

    static ProtXml.Identificatore toXml(Identificatore id) {
        ProtXml.Identificatore x = new ProtXml.Identificatore();
        x.codiceAmministrazione = new ProtXml.CodiceIpa(id.codiceAmministrazione());
        x.codiceAOO = new ProtXml.CodiceIpa(id.codiceAoo());
        x.codiceRegistro = id.codiceRegistro();
        x.numeroRegistrazione = id.numeroRegistrazione();
        x.dataRegistrazione = id.dataRegistrazione().toString();
        x.oraRegistrazione = id.oraRegistrazione().map(t -> t.format(DateTimeFormatter.ISO_LOCAL_TIME)).orElse(null);
        return x;
    }

    private static ProtXml.Classifica toXml(Classifica c) {
        ProtXml.Classifica x = new ProtXml.Classifica();
        x.denominazione = c.denominazione();
        x.codiceFlat = c.codiceFlat().orElse(null);
        ProtXml.Livelli below = null;
        for (int k = c.codicePath().size() - 1; k >= 0; k--) {
            Classifica.Livello l = c.codicePath().get(k);
            ProtXml.Livelli level = new ProtXml.Livelli();
            level.livello = new ProtXml.CodiceIpa(l.codice());
            level.livello.descrizione = l.descrizione().orElse(null);
            level.subLivello = below;
            below = level;
        }
        x.codicePath = below;
        return x;
    }

    private static ProtXml.Fascicolo toXml(Fascicolo f) {
        ProtXml.Fascicolo x = new ProtXml.Fascicolo();
        x.denominazione = f.denominazione();
        x.codiceFascicolo = f.codice();
        return x;
    }

    private static ProtXml.Documento toXml(Documento d) {
        ProtXml.Documento x = new ProtXml.Documento();
        x.nomeFile = d.nomeFile();
        x.mimeType = d.mimeType();
        x.descrizione = d.descrizione().orElse(null);
        x.impronta = new ProtXml.Impronta();
        x.impronta.value = d.impronta().orElseThrow().base64();
        x.impronta.algoritmo = DigestAlgorithm.SHA_256.segnaturaName();
        return x;
    }

    /** Fills {@code x}; never writes an IndirizzoPostale, nor a PIVAoCF or CodiceFiscale breaking its pattern (SEG-XSD-01). */
    private static <T extends ProtXml.Soggetto> T toXml(Soggetto s, T x) {
        if (s instanceof Soggetto.Amministrazione a) {
            ProtXml.Amministrazione xa = new ProtXml.Amministrazione();
            xa.denominazioneAmministrazione = a.denominazione();
            xa.codiceIPAAmministrazione = new ProtXml.CodiceIpa(a.codiceIpa());
            xa.codiceIPAAOO = a.codiceAoo().map(ProtXml.CodiceIpa::new).orElse(null);
            xa.codiceIPAUO = a.codiceUo().map(ProtXml.CodiceIpa::new).orElse(null);
            ProtXml.Contatti contatti = contatti(a.pec());
            if (a.codiceUo().isPresent()) {
                xa.contattiUO = contatti;
            } else if (a.codiceAoo().isPresent()) {
                xa.contattiAOO = contatti;
            } else {
                xa.contattiAmministrazione = contatti;
            }
            x.amministrazione = xa;
        } else if (s instanceof Soggetto.PersonaGiuridica g) {
            ProtXml.PersonaGiuridica xg = new ProtXml.PersonaGiuridica();
            xg.denominazione = g.denominazione();
            xg.pivaOCf = g.pivaOCf().filter(v -> PARTITA_IVA.matcher(v).matches()).orElse(null);
            xg.contattiPersonaGiuridica = contatti(g.pec());
            x.personaGiuridica = xg;
        } else if (s instanceof Soggetto.PersonaFisica p) {
            ProtXml.PersonaFisica xp = new ProtXml.PersonaFisica();
            xp.nome = p.nome();
            xp.cognome = p.cognome();
            xp.codiceFiscale = p.codiceFiscale().map(cf -> cf.toUpperCase(Locale.ROOT))
                    .filter(cf -> CODICE_FISCALE.matcher(cf).matches()).orElse(null);
            xp.contatti = contatti(p.pec());
            x.personaFisica = xp;
        } else if (s instanceof Soggetto.AmministrazioneEstera e) {
            ProtXml.AmministrazioneEstera xe = new ProtXml.AmministrazioneEstera();
            xe.denominazioneAmministrazione = e.denominazione();
            xe.denominazioneUfficio = e.ufficio().orElse(null);
            xe.contattiAmministrazione = contatti(e.pec());
            x.amministrazioneEstera = xe;
        }
        return x;
    }

    private static ProtXml.@Nullable Contatti contatti(Optional<String> pec) {
        if (pec.isEmpty()) {
            return null;
        }
        ProtXml.Contatti c = new ProtXml.Contatti();
        ProtXml.IndirizzoTelematico t = new ProtXml.IndirizzoTelematico();
        t.value = pec.get();
        t.tipo = "smtp";
        c.indirizzoTelematico.add(t);
        return c;
    }

    // ---------------------------------------------------------------- XML -> model

    static Segnatura fromXml(ProtXml.SegnaturaInformatica x, Warnings w) throws SegnaturaException {
        version(x.versione, x.lang, w);
        ProtXml.Intestazione i = x.intestazione;
        if (i == null) {
            throw w.refuse(SegnaturaCode.SEG_INCOMPLETE, "no Intestazione");
        }
        Riferimento head = header(i, "", w);
        boolean riservato = i.riservato != null && List.of("true", "1").contains(text(i.riservato.value).strip());
        Optional<Riferimento> riferimenti = Optional.empty();
        if (x.riferimenti != null) {
            riferimenti = Optional.of(header(x.riferimenti, "Riferimenti/", w));
        }
        ProtXml.Descrizione d = x.descrizione;
        if (d == null || d.mittente == null || d.documentoPrimario == null) {
            throw w.refuse(SegnaturaCode.SEG_INCOMPLETE, "no Descrizione with Mittente and DocumentoPrimario");
        }
        Soggetto mittente = soggetto(d.mittente, "Mittente", w);
        List<Destinatario> destinatari = new ArrayList<>();
        for (ProtXml.Destinatario xd : d.destinatario) {
            destinatari.add(new Destinatario(soggetto(xd, "Destinatario", w), bool(xd.confermaRicezione, true),
                    bool(xd.perConoscenza, false)));
        }
        if (destinatari.isEmpty()) {
            w.add(SegnaturaCode.SEG_MISSING_ELEMENT, "no Destinatario");
        }
        Documento primario = documento(d.documentoPrimario, w);
        List<Documento> allegati = new ArrayList<>();
        for (ProtXml.Documento a : d.allegato) {
            allegati.add(documento(a, w));
        }
        return new Segnatura(head.identificatore(), head.primaRegistrazione(), head.oggetto(), head.classifica(), head.fascicolo(),
                riservato, riferimenti, mittente, destinatari, primario, allegati);
    }

    /** The five elements Intestazione and Riferimenti share; {@code where} prefixes the element names in warnings. */
    private static Riferimento header(ProtXml.Riferimenti x, String where, Warnings w) throws SegnaturaException {
        return new Riferimento(identificatore(x.identificatore, where + "Identificatore", w),
                optionalIdentificatore(x.primaRegistrazione, where + "PrimaRegistrazione", w), required(x.oggetto, where + "Oggetto", w),
                classifica(x.classifica, where + "Classifica", w),
                Optional.ofNullable(x.fascicolo).map(f -> new Fascicolo(text(f.denominazione), text(f.codiceFascicolo))));
    }

    static Identificatore identificatore(ProtXml.@Nullable Identificatore x, String where, Warnings w) throws SegnaturaException {
        if (x == null || x.codiceAmministrazione == null || x.codiceAOO == null || x.codiceRegistro == null
                || x.numeroRegistrazione == null || x.dataRegistrazione == null) {
            throw w.refuse(SegnaturaCode.SEG_INCOMPLETE, where + " lacks one of CodiceAmministrazione, CodiceAOO, CodiceRegistro, "
                    + "NumeroRegistrazione, DataRegistrazione");
        }
        Optional<LocalTime> ora = Optional.empty();
        if (x.oraRegistrazione != null && !x.oraRegistrazione.isBlank()) {
            try {
                ora = Optional.of(LocalTime.parse(x.oraRegistrazione.strip(), DateTimeFormatter.ISO_TIME));
            } catch (DateTimeParseException e) {
                w.add(SegnaturaCode.SEG_SCHEMA_PATTERN, where + "/OraRegistrazione '" + x.oraRegistrazione + "' is not an xs:time; ignored");
            }
        }
        Identificatore id = new Identificatore(text(x.codiceAmministrazione.value).strip(), text(x.codiceAOO.value).strip(),
                x.codiceRegistro.strip(), x.numeroRegistrazione.strip(), date(x.dataRegistrazione, where, w), ora);
        id.violations().forEach(v -> w.add(SegnaturaCode.SEG_SCHEMA_PATTERN, where + ": " + v));
        return id;
    }

    private static Optional<Identificatore> optionalIdentificatore(ProtXml.@Nullable Identificatore x, String where, Warnings w)
            throws SegnaturaException {
        return x == null ? Optional.empty() : Optional.of(identificatore(x, where, w));
    }

    /** An {@code xs:date} (an offset is allowed and dropped), or a legacy {@code dd/MM/yyyy}. */
    static LocalDate date(String text, String where, Warnings w) throws SegnaturaException {
        String t = text.strip();
        try {
            return LocalDate.parse(t, DateTimeFormatter.ISO_DATE);
        } catch (DateTimeParseException e) {
            try {
                LocalDate d = LocalDate.parse(t, DateTimeFormatter.ofPattern("dd/MM/uuuu"));
                w.add(SegnaturaCode.SEG_SCHEMA_PATTERN, where + "/DataRegistrazione '" + t + "' is not an xs:date; read as dd/MM/yyyy");
                return d;
            } catch (DateTimeParseException e2) {
                throw w.refuse(SegnaturaCode.SEG_INCOMPLETE, where + "/DataRegistrazione '" + t + "' is not a date");
            }
        }
    }

    private static Optional<Classifica> classifica(ProtXml.@Nullable Classifica x, String where, Warnings w) {
        if (x != null) {
            List<Classifica.Livello> path = new ArrayList<>();
            for (ProtXml.Livelli l = x.codicePath; l != null && l.livello != null && path.size() < 32; l = l.subLivello) {
                path.add(new Classifica.Livello(text(l.livello.value).strip(), Optional.ofNullable(l.livello.descrizione)));
            }
            String denominazione = text(x.denominazione);
            if (x.codiceFlat != null) {
                return Optional.of(Classifica.flat(denominazione, x.codiceFlat.strip()));
            }
            if (!path.isEmpty()) {
                return Optional.of(new Classifica(denominazione, Optional.empty(), path));
            }
        }
        w.add(SegnaturaCode.SEG_MISSING_ELEMENT, "no " + where + " with CodiceFlat or CodicePath");
        return Optional.empty();
    }

    private static Documento documento(ProtXml.Documento x, Warnings w) {
        String nome = x.nomeFile == null ? "" : x.nomeFile;
        if (x.nomeFile == null || x.mimeType == null) {
            w.add(SegnaturaCode.SEG_MISSING_ELEMENT, "a Documento lacks nomeFile or mimeType");
        }
        return new Documento(nome, x.mimeType == null ? "" : x.mimeType, Optional.ofNullable(x.descrizione),
                x.impronta == null ? missingImpronta(nome, w) : impronta(nome, x.impronta.value, x.impronta.algoritmo, w));
    }

    private static Optional<Impronta> missingImpronta(String nome, Warnings w) {
        w.add(SegnaturaCode.SEG_MISSING_ELEMENT, "Documento '" + nome + "' has no Impronta");
        return Optional.empty();
    }

    /** A base64 impronta with its algorithm (default SHA-256); a warning, and no impronta, when unreadable (SEG-IMPR-01). */
    static Optional<Impronta> impronta(String nome, @Nullable String base64, @Nullable String algoritmo, Warnings w) {
        String alg = algoritmo == null || algoritmo.isBlank() ? DigestAlgorithm.SHA_256.segnaturaName() : algoritmo.strip();
        if (DigestAlgorithm.parse(alg).isEmpty()) {
            w.add(SegnaturaCode.SEG_IMPRONTA_MALFORMED, "Documento '" + nome + "': Impronta algorithm '" + alg + "' is not a SHA-2 name");
        }
        try {
            return Optional.of(new Impronta(alg, Base64.getMimeDecoder().decode(text(base64).strip())));
        } catch (IllegalArgumentException e) {
            w.add(SegnaturaCode.SEG_IMPRONTA_MALFORMED, "Documento '" + nome + "': Impronta is not base64");
            return Optional.empty();
        }
    }

    private static Soggetto soggetto(ProtXml.Soggetto x, String where, Warnings w) throws SegnaturaException {
        if (x.amministrazione != null) {
            ProtXml.Amministrazione a = x.amministrazione;
            if (a.cfAmministrazione != null && !PARTITA_IVA.matcher(a.cfAmministrazione.strip()).matches()) {
                w.add(SegnaturaCode.SEG_SCHEMA_PATTERN, where + ": CFAmministrazione is not 11 digits");
            }
            caps(where, w, a.contattiAmministrazione, a.contattiAOO, a.contattiUO);
            Optional<String> pec = pec(a.contattiUO).or(() -> pec(a.contattiAOO)).or(() -> pec(a.contattiAmministrazione));
            if (a.codiceIPAAmministrazione == null) {
                w.add(SegnaturaCode.SEG_MISSING_ELEMENT, where + ": no CodiceIPAAmministrazione");
            }
            return new Soggetto.Amministrazione(text(a.denominazioneAmministrazione),
                    a.codiceIPAAmministrazione == null ? "" : text(a.codiceIPAAmministrazione.value).strip(),
                    Optional.ofNullable(a.codiceIPAAOO).map(c -> text(c.value).strip()),
                    Optional.ofNullable(a.codiceIPAUO).map(c -> text(c.value).strip()), pec);
        }
        if (x.personaGiuridica != null) {
            ProtXml.PersonaGiuridica g = x.personaGiuridica;
            Optional<String> piva = Optional.ofNullable(g.pivaOCf).map(String::strip);
            if (piva.isPresent() && !PARTITA_IVA.matcher(piva.get()).matches()) {
                w.add(SegnaturaCode.SEG_SCHEMA_PATTERN, where + ": PIVAoCF '" + piva.get()
                        + "' is not the 11 digits the schema wants (a codice fiscale?); read anyway");
            }
            caps(where, w, g.contattiPersonaGiuridica);
            return new Soggetto.PersonaGiuridica(text(g.denominazione), piva, pec(g.contattiPersonaGiuridica));
        }
        if (x.personaFisica != null) {
            return personaFisica(x.personaFisica, where, w);
        }
        if (x.amministrazioneEstera != null) {
            ProtXml.AmministrazioneEstera e = x.amministrazioneEstera;
            caps(where, w, e.contattiAmministrazione);
            return new Soggetto.AmministrazioneEstera(text(e.denominazioneAmministrazione), Optional.ofNullable(e.denominazioneUfficio),
                    pec(e.contattiAmministrazione));
        }
        throw w.refuse(SegnaturaCode.SEG_INCOMPLETE, where + " is none of Amministrazione, PersonaGiuridica, PersonaFisica, "
                + "AmministrazioneEstera");
    }

    private static Soggetto.PersonaFisica personaFisica(ProtXml.PersonaFisica p, String where, Warnings w) {
        Optional<String> cf = Optional.ofNullable(p.codiceFiscale).map(String::strip);
        if (cf.isPresent() && !CODICE_FISCALE.matcher(cf.get()).matches()) {
            w.add(SegnaturaCode.SEG_SCHEMA_PATTERN, where + ": CodiceFiscale does not match the schema's pattern");
        }
        caps(where, w, p.contatti);
        return new Soggetto.PersonaFisica(text(p.nome), text(p.cognome), cf, pec(p.contatti));
    }

    /** Warns about every CAP that is not the six digits {@code CAPType} wants (real ones have five: SEG-XSD-01). */
    private static void caps(String where, Warnings w, ProtXml.@Nullable Contatti... all) {
        for (ProtXml.Contatti c : all) {
            if (c == null) {
                continue;
            }
            for (ProtXml.IndirizzoPostale p : c.indirizzoPostale) {
                if (p.cap != null && !CAP.matcher(p.cap.strip()).matches()) {
                    w.add(SegnaturaCode.SEG_SCHEMA_PATTERN, where + ": CAP '" + p.cap.strip()
                            + "' is not the six digits CAPType wants; read anyway");
                }
            }
        }
    }

    /** The first e-mail address: {@code tipo} smtp or absent. */
    private static Optional<String> pec(ProtXml.@Nullable Contatti c) {
        if (c == null) {
            return Optional.empty();
        }
        return c.indirizzoTelematico.stream().filter(t -> t.tipo == null || "smtp".equals(t.tipo.strip()))
                .map(t -> text(t.value).strip()).filter(v -> !v.isEmpty()).findFirst();
    }

    private static String required(@Nullable String value, String where, Warnings w) {
        if (value == null) {
            w.add(SegnaturaCode.SEG_MISSING_ELEMENT, "no " + where);
            return "";
        }
        return value;
    }

    private static boolean bool(@Nullable String value, boolean fallback) {
        if (value == null) {
            return fallback;
        }
        String v = value.strip();
        return "true".equals(v) || "1".equals(v) || (!"false".equals(v) && !"0".equals(v) && fallback);
    }

    static String text(@Nullable String value) {
        return value == null ? "" : value;
    }

    /** Warns when a message does not declare versione 3.0.0 and lang it (every v3 root carries both). */
    static void version(@Nullable String versione, @Nullable String lang, Warnings w) {
        if (!Namespaces.VERSIONE.equals(versione) || !Namespaces.LANG.equals(lang)) {
            w.add(SegnaturaCode.SEG_VERSION, "versione '" + versione + "' and lang '" + lang + "' instead of 3.0.0 and it");
        }
    }
}
