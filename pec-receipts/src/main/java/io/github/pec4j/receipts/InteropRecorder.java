package io.github.pec4j.receipts;

import io.github.pec4j.registry.Actor;
import io.github.pec4j.registry.Direction;
import io.github.pec4j.registry.DocumentRequest;
import io.github.pec4j.registry.ProtocolId;
import io.github.pec4j.registry.ProtocolRegistry;
import io.github.pec4j.registry.Registration;
import io.github.pec4j.registry.SearchQuery;
import io.github.pec4j.registry.TransmissionEvent;
import io.github.pec4j.registry.TransmissionRecord;
import io.github.pec4j.segnatura.AggiornamentoConferma;
import io.github.pec4j.segnatura.AnnullamentoProtocollazione;
import io.github.pec4j.segnatura.ConfermaRicezione;
import io.github.pec4j.segnatura.Identificatore;
import io.github.pec4j.segnatura.InteropMessage;
import io.github.pec4j.segnatura.MessaggioRicevuto;
import io.github.pec4j.segnatura.NotificaEccezione;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Records an incoming conferma ricezione, aggiornamento conferma, notifica eccezione or annullamento on the outgoing
 * registration it names (OUT-INTEROP-01), building on {@link InteropReceipts#of}. The registration is the one the
 * message's {@code MessaggioRicevuto} Identificatore names ({@link InteropReceipts#protocolId}); an annullamento names
 * the other administration's registration, so it goes to the outgoing registration that administration confirmed
 * under that number. A message that names no outgoing registration of ours, or one registered on another day than
 * it says, is not recorded: it comes back {@link Outcome#UNMATCHED} with the reason (fail closed). The same message
 * taken in twice is recorded once.
 */
public final class InteropRecorder {
    /** What became of a message. */
    public enum Outcome {
        /** Recorded on its outgoing registration. */
        RECORDED,
        /** The same event was already recorded there: nothing changed. */
        DUPLICATE,
        /** It names no outgoing registration of ours: nothing recorded, the reason says why. */
        UNMATCHED,
        /** A segnatura: a new message to register, not an answer. */
        NOT_AN_ANSWER
    }

    /**
     * The result of {@link #record}.
     *
     * @param outcome recorded, duplicate, unmatched, not an answer
     * @param registration the outgoing registration it was recorded on
     * @param record the transmission record (the earlier one for a duplicate)
     * @param reason what was done, or why not
     */
    public record Filed(Outcome outcome, Optional<ProtocolId> registration, Optional<TransmissionRecord> record, String reason) {
        /**
         * Creates the record: refuses null components.
         *
         * @param outcome recorded, duplicate, unmatched, not an answer
         * @param registration the outgoing registration it was recorded on
         * @param record the transmission record (the earlier one for a duplicate)
         * @param reason what was done, or why not
         */
        public Filed {
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(registration, "registration");
            Objects.requireNonNull(record, "record");
            Objects.requireNonNull(reason, "reason");
        }

        private static Filed unmatched(String reason) {
            return new Filed(Outcome.UNMATCHED, Optional.empty(), Optional.empty(), "OUT-INTEROP-01: " + reason);
        }
    }

    private final ProtocolRegistry registry;
    private final Actor actor;

    private InteropRecorder(ProtocolRegistry registry, Actor actor) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.actor = Objects.requireNonNull(actor, "actor");
    }

    /**
     * A recorder writing on {@code registry} as {@code actor}.
     *
     * @param actor who records the {@link TransmissionEvent.Type#DEADLINE_PASSED} events (the mailroom's operator)
     * @param registry the register holding the outgoing registrations
     * @return a recorder writing on {@code registry} as {@code actor}
     */
    public static InteropRecorder of(ProtocolRegistry registry, Actor actor) {
        return new InteropRecorder(registry, actor);
    }

    /**
     * Records {@code message}, received from {@code sender} at {@code receivedAt}, on the outgoing registration it
     * names, with its XML kept byte-exact when given.
     *
     * @param rawXml the message's XML as received, kept with the event as evidence; empty to keep none
     * @param message the Allegato 6 message as read
     * @param sender the address it came from
     * @param receivedAt when it was received
     * @return where the message was filed, or why it could not be
     * @throws IOException when the register cannot be written
     */
    public Filed record(InteropMessage message, String sender, Instant receivedAt, Optional<byte[]> rawXml) throws IOException {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(rawXml, "rawXml");
        Optional<InteropReceipts.Reply> reply = InteropReceipts.of(message, sender, receivedAt);
        if (reply.isEmpty()) {
            return new Filed(Outcome.NOT_AN_ANSWER, Optional.empty(), Optional.empty(), "a " + message.kind() + " is registered, not filed");
        }
        TransmissionEvent event = reply.get().event();
        Optional<ProtocolId> target = message instanceof AnnullamentoProtocollazione a ? confirmedAs(a.identificatore())
                : reply.get().registration();
        if (target.isEmpty()) return Filed.unmatched(unnamed(message));
        Optional<String> wrong = mismatch(target.get(), ours(message));
        if (wrong.isPresent()) return Filed.unmatched(wrong.get());
        for (TransmissionRecord t : registry.transmissions(target.get())) {
            if (same(t.event(), event)) {
                return new Filed(Outcome.DUPLICATE, target, Optional.of(t), "already recorded on " + target.get() + " (event " + t.sequence() + ")");
            }
        }
        Optional<DocumentRequest> raw = rawXml.map(x -> DocumentRequest.of(DeliveryBoard.id(event.type()) + ".xml", "application/xml", x));
        TransmissionRecord record = registry.recordTransmission(target.get(), event, raw, actor);
        return new Filed(Outcome.RECORDED, target, Optional.of(record), "OUT-INTEROP-01: " + DeliveryBoard.id(event.type()) + " from "
                + event.recipient().orElse(sender) + " recorded on " + target.get() + event.recipientProtocol().map(p -> " (their protocol " + p + ")")
                        .orElse(""));
    }

    /** Our Identificatore the message names, if it names one. */
    private static Optional<Identificatore> ours(InteropMessage m) {
        MessaggioRicevuto r = null;
        if (m instanceof ConfermaRicezione c) r = c.messaggioRicevuto();
        if (m instanceof AggiornamentoConferma a) r = a.messaggioRicevuto();
        if (m instanceof NotificaEccezione n) r = n.messaggioRicevuto();
        return r == null ? Optional.empty() : r.identificatore();
    }

    private static String unnamed(InteropMessage m) {
        if (m instanceof AnnullamentoProtocollazione a) {
            return "the annullamento of " + a.identificatore().reference() + " names no registration another administration confirmed to us "
                    + "(if it annuls a message they sent us, it concerns our incoming registration of it)";
        }
        return "the " + m.kind() + " names no registration of ours by a well-formed Identificatore"
                + ours(m).map(i -> " (" + i + ")").orElse(" (it describes the message in words only)");
    }

    /** Why {@code id} is not the registration named as {@code named}: unknown, not outgoing, or registered on another day. */
    private Optional<String> mismatch(ProtocolId id, Optional<Identificatore> named) throws IOException {
        Optional<Registration> r = registry.find(id);
        if (r.isEmpty()) return Optional.of("no registration " + id + " in this register");
        if (r.get().direction() != Direction.OUTGOING) return Optional.of(id + " is not an outgoing registration");
        LocalDate day = r.get().registeredAt().atZone(Registration.ROME).toLocalDate();
        if (named.isPresent() && !named.get().dataRegistrazione().equals(day)) {
            return Optional.of(named.get().reference() + " names " + id + " on " + named.get().dataRegistrazione() + ", but " + id
                    + " was registered on " + day);
        }
        return Optional.empty();
    }

    /**
     * The outgoing registration whose conferma (or its update) gave {@code theirs} as the recipient's protocol; looked for
     * among those registered in the year before their registration.
     */
    private Optional<ProtocolId> confirmedAs(Identificatore theirs) throws IOException {
        String reference = theirs.reference();
        SearchQuery query = SearchQuery.all().direction(Direction.OUTGOING)
                .registeredBetween(theirs.dataRegistrazione().minusYears(1), theirs.dataRegistrazione().plusDays(1));
        for (int offset = 0;; offset += SearchQuery.MAX_LIMIT) {
            List<Registration> page = registry.search(query.page(offset, SearchQuery.MAX_LIMIT));
            for (Registration r : page) {
                for (TransmissionRecord t : registry.transmissions(r.id())) {
                    TransmissionEvent.Type type = t.event().type();
                    boolean conferma = type == TransmissionEvent.Type.CONFERMA_RICEZIONE || type == TransmissionEvent.Type.AGGIORNAMENTO_CONFERMA;
                    if (conferma && t.event().recipientProtocol().filter(reference::equals).isPresent()) return Optional.of(r.id());
                }
            }
            if (page.size() < SearchQuery.MAX_LIMIT) return Optional.empty();
        }
    }

    /** The same answer: type, sender, their protocol and note (time aside: the same message taken in twice). */
    private static boolean same(TransmissionEvent a, TransmissionEvent b) {
        return a.type() == b.type() && a.recipient().equals(b.recipient()) && a.recipientProtocol().equals(b.recipientProtocol())
                && a.note().equals(b.note());
    }
}
