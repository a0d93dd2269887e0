package io.github.pec4j.segnatura.internal.pec;

import io.github.pec4j.segnatura.internal.prot.ProtXml;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;

/** The types of {@code pec_message.xsd} @7d9ce46; their own elements and attributes are in the {@code pec} namespace. */
public final class PecXml {
    private PecXml() {}

    /** {@code ConfermaType}: ConfermaRicezione and AggiornamentoConferma. */
    @XmlType(name = "ConfermaType", propOrder = {"identificatore", "messaggioRicevuto"})
    public static final class Conferma {
        @XmlElement(name = "Identificatore", required = true) public ProtXml.Identificatore identificatore;
        @XmlElement(name = "MessaggioRicevuto", required = true) public MessaggioRicevuto messaggioRicevuto;
        @XmlAttribute(name = "versione", required = true) public String versione;
        @XmlAttribute(name = "lang", required = true) public String lang;
    }

    /** {@code NotificaEccezioneType}. */
    @XmlType(name = "NotificaEccezioneType", propOrder = {"identificatore", "messaggioRicevuto", "motivo"})
    public static final class NotificaEccezione {
        @XmlElement(name = "Identificatore") public ProtXml.Identificatore identificatore;
        @XmlElement(name = "MessaggioRicevuto", required = true) public MessaggioRicevuto messaggioRicevuto;
        @XmlElement(name = "Motivo", required = true) public String motivo;
        @XmlAttribute(name = "versione", required = true) public String versione;
        @XmlAttribute(name = "lang", required = true) public String lang;
    }

    /** {@code AnnullamentoProtocollazioneType}. */
    @XmlType(name = "AnnullamentoProtocollazioneType", propOrder = {"identificatore", "motivo", "provvedimento"})
    public static final class AnnullamentoProtocollazione {
        @XmlElement(name = "Identificatore", required = true) public ProtXml.Identificatore identificatore;
        @XmlElement(name = "Motivo", required = true) public String motivo;
        @XmlElement(name = "Provvedimento", required = true) public String provvedimento;
        @XmlAttribute(name = "versione", required = true) public String versione;
        @XmlAttribute(name = "lang", required = true) public String lang;
    }

    /** {@code MessaggioRicevutoType}: Identificatore (and PrimaRegistrazione) or DescrizioneMessaggio. */
    @XmlType(name = "MessaggioRicevutoType", propOrder = {"identificatore", "primaRegistrazione", "descrizioneMessaggio"})
    public static final class MessaggioRicevuto {
        @XmlElement(name = "Identificatore") public ProtXml.Identificatore identificatore;
        @XmlElement(name = "PrimaRegistrazione") public ProtXml.Identificatore primaRegistrazione;
        @XmlElement(name = "DescrizioneMessaggio") public String descrizioneMessaggio;
    }
}
