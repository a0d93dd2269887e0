package io.github.pec4j.receipts;

import io.github.pec4j.core.PecMessage;
import io.github.pec4j.registry.Actor;
import io.github.pec4j.registry.DocumentRequest;
import io.github.pec4j.registry.ProtocolId;
import io.github.pec4j.registry.ProtocolRegistry;
import io.github.pec4j.registry.TransmissionEvent;
import io.github.pec4j.registry.TransmissionRecord;
import io.github.pec4j.registry.TransmissionFiling;
import java.io.IOException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps receipts as legal evidence: each one becomes a transmission event of the outgoing
 * registration, with its parsed data and the receipt byte-exact (as {@code message/rfc822}, with
 * its impronta). Recording the same receipt again (the same type, recipient and signed identificativo, whatever
 * its Message-ID) returns the first record.
 */
public final class TransmissionRecorder {
    private final ProtocolRegistry registry;
    private final Actor actor;

    private TransmissionRecorder(ProtocolRegistry registry, Actor actor) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.actor = Objects.requireNonNull(actor, "actor");
    }

    /**
     * A recorder writing on {@code registry} as {@code actor}.
     *
     * @param registry the register holding the outgoing registrations
     * @param actor who the register records as the author
     * @return the recorder
     */
    public static TransmissionRecorder of(ProtocolRegistry registry, Actor actor) {
        return new TransmissionRecorder(registry, actor);
    }

    /**
     * Records that the message was handed to the provider, with its client Message-ID (the correlation key).
     *
     * @param registration the outgoing registration
     * @param sent the message handed to the provider
     * @return the transmission record as stored
     * @throws IOException when the register cannot be written
     */
    public TransmissionRecord sent(ProtocolId registration, SentMessage sent) throws IOException {
        return registry.recordTransmission(registration, TransmissionEvent.of(TransmissionEvent.Type.SENT, Optional.empty(), sent.sentAt())
                .withMsgid(sent.messageId()), Optional.empty(), actor);
    }

    /**
     * Records a receipt on its registration, with the raw receipt.
     *
     * @param registration the outgoing registration
     * @param receipt the receipt as parsed, whose raw bytes are kept
     * @param facts what the receipt says
     * @return the transmission record as stored
     * @throws IOException when the register cannot be written
     */
    public TransmissionRecord receipt(ProtocolId registration, PecMessage receipt, ReceiptFacts facts) throws IOException {
        TransmissionFiling f = filing(registration, receipt, facts);
        return registry.recordTransmission(f.registration(), f.event(), f.rawReceipt(), f.actor());
    }

    /**
     * What {@link #receipt} records, to be recorded later with others ({@link ProtocolRegistry#recordTransmissions});
     * the raw receipt is read from {@code receipt} then, so it must still be open.
     *
     * @param registration the outgoing registration
     * @param receipt the receipt as parsed, whose raw bytes are kept
     * @param facts what the receipt says
     * @return the filing
     */
    public TransmissionFiling filing(ProtocolId registration, PecMessage receipt, ReceiptFacts facts) {
        // The registry hashes the bytes as it stores them: the impronta needs no separate pass over the message.
        DocumentRequest raw = new DocumentRequest(facts.kind().id() + ".eml", "message/rfc822", receipt.raw()::open, Optional.empty());
        return new TransmissionFiling(registration, event(facts), Optional.of(raw), actor);
    }

    /**
     * The transmission event of a receipt.
     *
     * @param r the facts of a receipt
     * @return the transmission event of a receipt
     */
    public static TransmissionEvent event(ReceiptFacts r) {
        TransmissionEvent.Type type = switch (r.kind()) {
            case ACCETTAZIONE -> TransmissionEvent.Type.ACCETTAZIONE;
            case NON_ACCETTAZIONE -> TransmissionEvent.Type.NON_ACCETTAZIONE;
            case PRESA_IN_CARICO -> TransmissionEvent.Type.PRESA_IN_CARICO;
            case AVVENUTA_CONSEGNA -> TransmissionEvent.Type.CONSEGNA;
            case ERRORE_CONSEGNA -> TransmissionEvent.Type.ERRORE_CONSEGNA;
            case PREAVVISO_ERRORE_CONSEGNA -> TransmissionEvent.Type.PREAVVISO_ERRORE_CONSEGNA;
            case RILEVAZIONE_VIRUS -> TransmissionEvent.Type.RILEVAZIONE_VIRUS;
            default -> throw new IllegalArgumentException("not a receipt: " + r.kind().id());
        };
        Instant at = r.time();
        TransmissionEvent e = TransmissionEvent.of(type, r.recipient(), at);
        // The registry keeps one event per type, recipient and identificativo: with the signed identificativo that is the
        // tracker's own identity of a receipt, so a Message-ID reused by another receipt never hides it (the Message-ID
        // only stands in when the daticert has no identificativo).
        Optional<String> identity = r.identificativo().or(r::receiptId);
        if (identity.isPresent()) e = e.withIdentificativo(identity.get());
        if (r.clientMessageId().or(r::msgid).isPresent()) e = e.withMsgid(r.clientMessageId().or(r::msgid).get());
        if (r.errore().isPresent() && !"nessuno".equalsIgnoreCase(r.errore().get())) {
            e = e.withErrore(r.errore().get(), r.erroreEsteso().orElse(null));
        }
        if (r.virus()) e = e.withNote("virus");
        return e;
    }
}
