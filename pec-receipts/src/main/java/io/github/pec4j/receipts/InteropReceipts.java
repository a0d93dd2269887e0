package io.github.pec4j.receipts;

import io.github.pec4j.registry.ProtocolId;
import io.github.pec4j.registry.RegisterId;
import io.github.pec4j.registry.TransmissionEvent;
import io.github.pec4j.segnatura.AggiornamentoConferma;
import io.github.pec4j.segnatura.AnnullamentoProtocollazione;
import io.github.pec4j.segnatura.ConfermaRicezione;
import io.github.pec4j.segnatura.Identificatore;
import io.github.pec4j.segnatura.InteropMessage;
import io.github.pec4j.segnatura.MessaggioRicevuto;
import io.github.pec4j.segnatura.NotificaEccezione;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The AgID interoperability messages an AOO receives about what it sent (LG 2021 Allegato 6): a
 * conferma ricezione carrying the recipient's protocol number, its update, a notifica eccezione with
 * the anomaly, an annullamento. Each becomes a transmission event of the outgoing registration it
 * names (the {@code MessaggioRicevuto}'s Identificatore is the sender's own protocol id).
 */
public final class InteropReceipts {
    private InteropReceipts() {}

    /**
     * A reply and the outgoing registration it refers to.
     *
     * @param registration our registration the message names, when it names one
     * @param event the transmission event to record on it
     */
    public record Reply(Optional<ProtocolId> registration, TransmissionEvent event) {
        /**
         * Creates the record: refuses null components.
         *
         * @param registration our registration the message names, when it names one
         * @param event the transmission event to record on it
         */
        public Reply {
            Objects.requireNonNull(registration, "registration");
            Objects.requireNonNull(event, "event");
        }
    }

    /**
     * The transmission event of an Allegato 6 message received from {@code sender} at {@code receivedAt};
     * empty for a segnatura (a new protocol message, not a reply).
     *
     * @param message the Allegato 6 message as read
     * @param sender the address it came from
     * @param receivedAt when it was received
     * @return the transmission event of an Allegato 6 message received from {@code sender} at {@code receivedAt};
     *     empty for a segnatura (a new protocol message, not a reply)
     */
    public static Optional<Reply> of(InteropMessage message, String sender, Instant receivedAt) {
        Optional<String> from = Optional.of(Keys.address(sender));
        if (message instanceof ConfermaRicezione c) {
            return Optional.of(new Reply(ours(c.messaggioRicevuto()), TransmissionEvent.of(TransmissionEvent.Type.CONFERMA_RICEZIONE, from,
                    receivedAt).withRecipientProtocol(c.identificatore().reference())));
        }
        if (message instanceof AggiornamentoConferma a) {
            return Optional.of(new Reply(ours(a.messaggioRicevuto()), TransmissionEvent.of(TransmissionEvent.Type.AGGIORNAMENTO_CONFERMA,
                    from, receivedAt).withRecipientProtocol(a.identificatore().reference())));
        }
        if (message instanceof NotificaEccezione n) {
            TransmissionEvent e = TransmissionEvent.of(TransmissionEvent.Type.NOTIFICA_ECCEZIONE, from, receivedAt)
                    .withNote(n.anomalia().map(x -> x.wsdlSpelling() + ": ").orElse("") + n.info());
            if (n.identificatore().isPresent()) e = e.withRecipientProtocol(n.identificatore().get().reference());
            return Optional.of(new Reply(ours(n.messaggioRicevuto()), e));
        }
        if (message instanceof AnnullamentoProtocollazione x) {
            return Optional.of(new Reply(Optional.empty(), TransmissionEvent.of(TransmissionEvent.Type.ANNULLAMENTO, from, receivedAt)
                    .withRecipientProtocol(x.identificatore().reference()).withNote(x.motivo() + " (" + x.provvedimento() + ")")));
        }
        return Optional.empty();
    }

    private static Optional<ProtocolId> ours(MessaggioRicevuto m) {
        return m.identificatore().flatMap(InteropReceipts::protocolId);
    }

    /**
     * The protocol id an Identificatore names, when it is well formed.
     *
     * @param id the Identificatore of a segnatura or an Allegato 6 message
     * @return the protocol id an Identificatore names, when it is well formed
     */
    public static Optional<ProtocolId> protocolId(Identificatore id) {
        try {
            return id.numero().map(n -> ProtocolId.of(RegisterId.of(id.codiceAmministrazione(), id.codiceAoo(), id.codiceRegistro()),
                    id.dataRegistrazione().getYear(), n));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

}
