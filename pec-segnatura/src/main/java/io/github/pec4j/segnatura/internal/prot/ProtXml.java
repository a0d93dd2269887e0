package io.github.pec4j.segnatura.internal.prot;

import jakarta.xml.bind.annotation.XmlAnyElement;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;
import jakarta.xml.bind.annotation.XmlValue;
import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Element;

/**
 * The types of {@code segnatura_protocollo.xsd} @7d9ce46, one nested class each, fields in schema order. Values are
 * kept as strings (dates, booleans, base64) so that the reader, not JAXB, decides how lenient to be.
 */
public final class ProtXml {
    private ProtXml() {}

    /** {@code SegnaturaInformaticaType}. */
    @XmlType(name = "SegnaturaInformaticaType", propOrder = {"intestazione", "riferimenti", "descrizione", "any"})
    public static final class SegnaturaInformatica {
        @XmlElement(name = "Intestazione", required = true) public Intestazione intestazione;
        @XmlElement(name = "Riferimenti") public Riferimenti riferimenti;
        @XmlElement(name = "Descrizione", required = true) public Descrizione descrizione;
        /** {@code ds:Signature} and anything else after Descrizione. */
        @XmlAnyElement public List<Element> any = new ArrayList<>();
        @XmlAttribute(name = "versione", required = true) public String versione;
        @XmlAttribute(name = "lang", required = true) public String lang;
    }

    /**
     * {@code RiferimentiType}; {@code IntestazioneType} has the same five elements and then Riservato, so it extends
     * this class (JAXB writes a superclass's elements first, which is the schema's order).
     */
    @XmlType(name = "RiferimentiType", propOrder = {"identificatore", "primaRegistrazione", "oggetto", "classifica", "fascicolo"})
    public static class Riferimenti {
        @XmlElement(name = "Identificatore", required = true) public Identificatore identificatore;
        @XmlElement(name = "PrimaRegistrazione") public Identificatore primaRegistrazione;
        @XmlElement(name = "Oggetto", required = true) public String oggetto;
        @XmlElement(name = "Classifica", required = true) public Classifica classifica;
        @XmlElement(name = "Fascicolo") public Fascicolo fascicolo;
    }

    /** {@code IntestazioneType}. */
    @XmlType(name = "IntestazioneType", propOrder = "riservato")
    public static final class Intestazione extends Riferimenti {
        @XmlElement(name = "Riservato") public Riservato riservato;
    }

    /** {@code IdentificatoreType}. */
    @XmlType(name = "IdentificatoreType", propOrder = {"codiceAmministrazione", "codiceAOO", "codiceRegistro",
            "numeroRegistrazione", "dataRegistrazione", "oraRegistrazione"})
    public static final class Identificatore {
        @XmlElement(name = "CodiceAmministrazione", required = true) public CodiceIpa codiceAmministrazione;
        @XmlElement(name = "CodiceAOO", required = true) public CodiceIpa codiceAOO;
        @XmlElement(name = "CodiceRegistro", required = true) public String codiceRegistro;
        @XmlElement(name = "NumeroRegistrazione", required = true) public String numeroRegistrazione;
        @XmlElement(name = "DataRegistrazione", required = true) public String dataRegistrazione;
        @XmlElement(name = "OraRegistrazione") public String oraRegistrazione;
    }

    /** {@code CodiceIPA}: a code with an optional {@code prot:descrizione}; a {@code Livello} has the same content. */
    @XmlType(name = "CodiceIPA")
    public static final class CodiceIpa {
        @XmlValue public String value;
        @XmlAttribute(name = "descrizione") public String descrizione;

        /** An empty code, for JAXB. */
        public CodiceIpa() {}

        /** A code. */
        public CodiceIpa(String value) {
            this.value = value;
        }
    }

    /** {@code FascicoloType}. */
    @XmlType(name = "FascicoloType", propOrder = {"denominazione", "codiceFascicolo"})
    public static final class Fascicolo {
        @XmlElement(name = "Denominazione", required = true) public String denominazione;
        @XmlElement(name = "CodiceFascicolo", required = true) public String codiceFascicolo;
    }

    /** {@code ClassificaType}: Denominazione then CodiceFlat or CodicePath. */
    @XmlType(name = "ClassificaType", propOrder = {"denominazione", "codiceFlat", "codicePath"})
    public static final class Classifica {
        @XmlElement(name = "Denominazione", required = true) public String denominazione;
        @XmlElement(name = "CodiceFlat") public String codiceFlat;
        @XmlElement(name = "CodicePath") public Livelli codicePath;
    }

    /** {@code LivelloType}: one level and the levels below it. */
    @XmlType(name = "LivelloType", propOrder = {"livello", "subLivello"})
    public static final class Livelli {
        @XmlElement(name = "Livello", required = true) public CodiceIpa livello;
        @XmlElement(name = "SubLivello") public Livelli subLivello;
    }

    /** {@code RiservatoType}. */
    @XmlType(name = "RiservatoType")
    public static final class Riservato {
        @XmlValue public String value;
        @XmlAttribute(name = "note") public String note;
    }

    /** {@code DescrizioneType}. */
    @XmlType(name = "DescrizioneType", propOrder = {"mittente", "destinatario", "documentoPrimario", "allegato"})
    public static final class Descrizione {
        @XmlElement(name = "Mittente", required = true) public Soggetto mittente;
        @XmlElement(name = "Destinatario", required = true) public List<Destinatario> destinatario = new ArrayList<>();
        @XmlElement(name = "DocumentoPrimario", required = true) public Documento documentoPrimario;
        @XmlElement(name = "Allegato") public List<Documento> allegato = new ArrayList<>();
    }

    /** {@code SoggettoType}: exactly one of the four is set. */
    @XmlType(name = "SoggettoType", propOrder = {"amministrazione", "personaGiuridica", "personaFisica", "amministrazioneEstera"})
    public static class Soggetto {
        @XmlElement(name = "Amministrazione") public Amministrazione amministrazione;
        @XmlElement(name = "PersonaGiuridica") public PersonaGiuridica personaGiuridica;
        @XmlElement(name = "PersonaFisica") public PersonaFisica personaFisica;
        @XmlElement(name = "AmministrazioneEstera") public AmministrazioneEstera amministrazioneEstera;
    }

    /** {@code DestinatarioType}: a Soggetto with the two flags. */
    @XmlType(name = "DestinatarioType")
    public static final class Destinatario extends Soggetto {
        @XmlAttribute(name = "confermaRicezione") public String confermaRicezione;
        @XmlAttribute(name = "perConoscenza") public String perConoscenza;
    }

    /** {@code DocumentoType}; CollocazioneTelematica and the signature flags are not bound (never emitted). */
    @XmlType(name = "DocumentoType", propOrder = {"descrizione", "impronta"})
    public static final class Documento {
        @XmlElement(name = "Descrizione") public String descrizione;
        @XmlElement(name = "Impronta", required = true) public Impronta impronta;
        @XmlAttribute(name = "nomeFile", required = true) public String nomeFile;
        @XmlAttribute(name = "mimeType", required = true) public String mimeType;
    }

    /** {@code ImprontaType}: base64 text with {@code prot:algoritmo}. */
    @XmlType(name = "ImprontaType")
    public static final class Impronta {
        @XmlValue public String value;
        @XmlAttribute(name = "algoritmo") public String algoritmo;
    }

    /** {@code AmministrazioneType}. */
    @XmlType(name = "AmministrazioneType", propOrder = {"denominazioneAmministrazione", "cfAmministrazione",
            "codiceIPAAmministrazione", "contattiAmministrazione", "codiceIPAAOO", "contattiAOO", "codiceIPAUO", "contattiUO",
            "personaFisica"})
    public static final class Amministrazione {
        @XmlElement(name = "DenominazioneAmministrazione", required = true) public String denominazioneAmministrazione;
        @XmlElement(name = "CFAmministrazione") public String cfAmministrazione;
        @XmlElement(name = "CodiceIPAAmministrazione", required = true) public CodiceIpa codiceIPAAmministrazione;
        @XmlElement(name = "ContattiAmministrazione") public Contatti contattiAmministrazione;
        @XmlElement(name = "CodiceIPAAOO") public CodiceIpa codiceIPAAOO;
        @XmlElement(name = "ContattiAOO") public Contatti contattiAOO;
        @XmlElement(name = "CodiceIPAUO") public CodiceIpa codiceIPAUO;
        @XmlElement(name = "ContattiUO") public Contatti contattiUO;
        @XmlElement(name = "PersonaFisica") public List<PersonaFisica> personaFisica = new ArrayList<>();
    }

    /** {@code AmministrazioneEsteraType}. */
    @XmlType(name = "AmministrazioneEsteraType",
            propOrder = {"denominazioneAmministrazione", "denominazioneUfficio", "contattiAmministrazione"})
    public static final class AmministrazioneEstera {
        @XmlElement(name = "DenominazioneAmministrazione", required = true) public String denominazioneAmministrazione;
        @XmlElement(name = "DenominazioneUfficio") public String denominazioneUfficio;
        @XmlElement(name = "ContattiAmministrazione") public Contatti contattiAmministrazione;
    }

    /** {@code PersonaGiuridicaType}. */
    @XmlType(name = "PersonaGiuridicaType", propOrder = {"denominazione", "pivaOCf", "contattiPersonaGiuridica", "personaFisica"})
    public static final class PersonaGiuridica {
        @XmlElement(name = "Denominazione", required = true) public String denominazione;
        @XmlElement(name = "PIVAoCF") public String pivaOCf;
        @XmlElement(name = "ContattiPersonaGiuridica") public Contatti contattiPersonaGiuridica;
        @XmlElement(name = "PersonaFisica") public List<PersonaFisica> personaFisica = new ArrayList<>();
    }

    /** {@code PersonaFisicaType}. */
    @XmlType(name = "PersonaFisicaType", propOrder = {"nome", "cognome", "titolo", "codiceFiscale", "contatti"})
    public static final class PersonaFisica {
        @XmlElement(name = "Nome", required = true) public String nome;
        @XmlElement(name = "Cognome", required = true) public String cognome;
        @XmlElement(name = "Titolo") public String titolo;
        @XmlElement(name = "CodiceFiscale") public String codiceFiscale;
        @XmlElement(name = "Contatti") public Contatti contatti;
    }

    /** {@code ContattiType}. */
    @XmlType(name = "ContattiType", propOrder = {"indirizzoPostale", "indirizzoTelematico", "telefono"})
    public static final class Contatti {
        @XmlElement(name = "IndirizzoPostale") public List<IndirizzoPostale> indirizzoPostale = new ArrayList<>();
        @XmlElement(name = "IndirizzoTelematico") public List<IndirizzoTelematico> indirizzoTelematico = new ArrayList<>();
        @XmlElement(name = "Telefono") public List<String> telefono = new ArrayList<>();
    }

    /** {@code IndirizzoPostaleType}: only the CAP is bound, to warn about the schema's six digits; never written. */
    @XmlType(name = "IndirizzoPostaleType")
    public static final class IndirizzoPostale {
        @XmlElement(name = "CAP") public String cap;
    }

    /** {@code IndirizzoTelematicoType}. */
    @XmlType(name = "IndirizzoTelematicoType")
    public static final class IndirizzoTelematico {
        @XmlValue public String value;
        @XmlAttribute(name = "tipo") public String tipo;
        @XmlAttribute(name = "note") public String note;
    }
}
