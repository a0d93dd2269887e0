package io.github.pec4j.receipts;

import io.github.pec4j.registry.ProtocolId;
import io.github.pec4j.registry.TransmissionRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where an outgoing registration's delivery stands at a given time, rebuilt from the register alone
 * ({@link DeliveryBoard}): recipient by recipient, the 12- and 24-hour deadlines applied (OUT-TRACK-01).
 *
 * @param registration the outgoing registration
 * @param registeredAt when it was registered
 * @param oggetto its subject
 * @param overall the worst light of its messages; red while a registered recipient has not been sent to
 * @param messages one per Message-ID it was sent with, in the order first sent; empty when nothing was sent
 * @param notSent registered recipients (by address) no message was sent to yet: {@link DeliveryState#PREPARED}
 * @param interop the AgID interoperability messages received about it (conferma ricezione, aggiornamento,
 *     eccezione, annullamento), in recording order
 * @param notes what in the register could not be applied, and why (a receipt naming another Message-ID)
 * @param at the time the deadlines were applied at
 */
public record OutgoingDelivery(ProtocolId registration, Instant registeredAt, String oggetto, DeliveryState.Light overall,
        List<DeliveryStatus> messages, List<RecipientStatus> notSent, List<TransmissionRecord> interop, List<String> notes, Instant at) {

    /**
     * Creates the record: copies the lists and refuses null components.
     *
     * @param registration the outgoing registration
     * @param registeredAt when it was registered
     * @param oggetto its subject
     * @param overall the worst light of its messages; red while a registered recipient has not been sent to
     * @param messages one per Message-ID it was sent with, in the order first sent; empty when nothing was sent
     * @param notSent registered recipients (by address) no message was sent to yet: {@link DeliveryState#PREPARED}
     * @param interop the AgID interoperability messages received about it (conferma ricezione, aggiornamento,
     *     eccezione, annullamento), in recording order
     * @param notes what in the register could not be applied, and why (a receipt naming another Message-ID)
     * @param at the time the deadlines were applied at
     */
    public OutgoingDelivery {
        Objects.requireNonNull(registration, "registration");
        Objects.requireNonNull(registeredAt, "registeredAt");
        Objects.requireNonNull(oggetto, "oggetto");
        Objects.requireNonNull(overall, "overall");
        messages = List.copyOf(messages);
        notSent = List.copyOf(notSent);
        interop = List.copyOf(interop);
        notes = List.copyOf(notes);
        Objects.requireNonNull(at, "at");
    }

    /**
     * Every recipient: those of each message sent, then those not sent to yet.
     *
     * @return every recipient: those of each message sent, then those not sent to yet
     */
    public List<RecipientStatus> recipients() {
        List<RecipientStatus> all = new ArrayList<>(notSent.size() + messages.size() * 2);
        messages.forEach(m -> all.addAll(m.recipients()));
        all.addAll(notSent);
        return all;
    }

    /**
     * The recipients past a deadline ({@link DeliveryState#OVERDUE}, {@link DeliveryState#TIMED_OUT}), each with what to do next.
     *
     * @return the recipients past a deadline ({@link DeliveryState#OVERDUE}, {@link DeliveryState#TIMED_OUT}), each
     *     with what to do next
     */
    public List<DeliveryTracker.Overdue> overdue() {
        List<DeliveryTracker.Overdue> out = new ArrayList<>();
        for (DeliveryStatus m : messages) {
            for (RecipientStatus r : m.recipients()) {
                if (r.state() == DeliveryState.OVERDUE || r.state() == DeliveryState.TIMED_OUT) {
                    out.add(new DeliveryTracker.Overdue(m.messageId(), m.registration(), r));
                }
            }
        }
        return out;
    }
}
