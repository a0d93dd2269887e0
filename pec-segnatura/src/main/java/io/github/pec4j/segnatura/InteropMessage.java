package io.github.pec4j.segnatura;

/**
 * A message exchanged between AOOs over PEC (AgID LG 2021 Allegato 6, {@code pec_message.xsd}): the segnatura and the
 * four messages answering it.
 */
public sealed interface InteropMessage
        permits ReceivedSegnatura, ConfermaRicezione, AggiornamentoConferma, NotificaEccezione, AnnullamentoProtocollazione {

    /**
     * Which message this is.
     *
     * @return which message this is
     */
    Kind kind();

    /** The kinds of interop message, identified by root element and namespace, never by file name (SEG-MSG-01). */
    enum Kind {
        /** {@code SegnaturaInformatica} (v3, either namespace) or a legacy {@code Segnatura}. */
        SEGNATURA,
        /** {@code ConfermaRicezione}: the receiver registered the message. */
        CONFERMA_RICEZIONE,
        /** {@code AggiornamentoConferma}: an update of a confirmation. */
        AGGIORNAMENTO_CONFERMA,
        /** {@code NotificaEccezione}: an anomaly. */
        NOTIFICA_ECCEZIONE,
        /** {@code AnnullamentoProtocollazione}: a registration was annulled. */
        ANNULLAMENTO_PROTOCOLLAZIONE
    }
}
