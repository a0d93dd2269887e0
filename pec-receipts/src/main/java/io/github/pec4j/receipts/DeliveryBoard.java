package io.github.pec4j.receipts;

import io.github.pec4j.core.PecKind;
import io.github.pec4j.core.PecMessage;
import io.github.pec4j.core.PecParser;
import io.github.pec4j.registry.Channel;
import io.github.pec4j.registry.Correspondent;
import io.github.pec4j.registry.Direction;
import io.github.pec4j.registry.ProtocolId;
import io.github.pec4j.registry.ProtocolRegistry;
import io.github.pec4j.registry.Registration;
import io.github.pec4j.registry.SearchQuery;
import io.github.pec4j.registry.TransmissionEvent;
import io.github.pec4j.registry.TransmissionRecord;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Each outgoing registration's delivery, recipient by recipient, read from the register alone: its
 * {@link TransmissionEvent.Type#SENT} events (the client Message-ID, and the recipient when one is recorded
 * per recipient) and the receipts filed on it by {@link TransmissionRecorder} are replayed through a
 * {@link DeliveryTracker}, so the states, the 12- and 24-hour deadlines ({@link DeliveryTracker#DELIVERY_WARNING},
 * {@link DeliveryTracker#FINAL_NOTICE}) and the advice are the tracker's own (OUT-TRACK-01). No file is handled by
 * hand and nothing is kept between calls: every answer is a pure function of the register and the time given.
 *
 * <p>Reading the register:
 * <ul>
 *   <li>the recipients of a message are those of its SENT events; a SENT event naming no recipient stands for
 *       every registered correspondent with an address ({@code perConoscenza} ones in Cc);
 *   <li>whether a recipient is an ordinary ({@code esterno}) mailbox, which gets no delivery receipt and so no
 *       deadline, is read from the accettazione kept byte-exact with its event;
 *   <li>an event type this version does not know (e.g. a provider's refusal at submission recorded by a newer
 *       sender) fails the recipient it names, or every recipient when it names none, as
 *       {@link DeliveryState#NOT_ACCEPTED} with its words ({@code errore}, {@code errore-esteso}, note) kept;
 *   <li>AgID interoperability events are listed apart and noted in their sender's history;
 *       {@link TransmissionEvent.Type#DEADLINE_PASSED} ({@link OverdueWatch}) is noted in the history only;
 *   <li>a registered recipient with no SENT event at all is {@link DeliveryState#PREPARED}: registered, not sent.
 * </ul>
 * Thread-safe (it keeps no state); every read is a call on the registry.
 */
public final class DeliveryBoard {
    private final ProtocolRegistry registry;
    private final ReceiptPolicy policy;

    private DeliveryBoard(ProtocolRegistry registry, ReceiptPolicy policy) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /**
     * A board over {@code registry} with the law's reading of receipts.
     *
     * @param registry the register whose outgoing registrations and transmission events are read
     * @return a board over {@code registry} with the law's reading of receipts
     */
    public static DeliveryBoard of(ProtocolRegistry registry) {
        return new DeliveryBoard(registry, ReceiptPolicy.STANDARD);
    }

    /**
     * A board over {@code registry} with a provider-specific reading of receipts.
     *
     * @param registry the register whose outgoing registrations and transmission events are read
     * @param policy how this provider's receipts are read
     * @return a board over {@code registry} with a provider-specific reading of receipts
     */
    public static DeliveryBoard of(ProtocolRegistry registry, ReceiptPolicy policy) {
        return new DeliveryBoard(registry, policy);
    }

    /**
     * Where the outgoing registration {@code id} stands at {@code at}; empty when there is no such
     * registration or it is not outgoing.
     *
     * @param at the time the deadlines are judged at
     * @param id the protocol id of the outgoing registration
     * @return where the outgoing registration {@code id} stands at {@code at}; empty when there is no such
     *     registration or it is not outgoing
     * @throws IOException when the register cannot be read
     */
    public Optional<OutgoingDelivery> delivery(ProtocolId id, Instant at) throws IOException {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(at, "at");
        Optional<Registration> r = registry.find(id);
        if (r.isEmpty() || r.get().direction() != Direction.OUTGOING) return Optional.empty();
        return Optional.of(delivery(r.get(), at));
    }

    /**
     * Every outgoing registration {@code query} finds (its direction is set to outgoing; it is read page after page
     * from its offset, its limit being the page size) that was sent over PEC or has a transmission event, each at
     * {@code at}.
     *
     * @param at the time the deadlines are judged at
     * @param query which registrations to read, with the page size as its limit
     * @return every outgoing registration {@code query} finds (its direction is set to outgoing; it is read page
     *     after page from its offset, its limit being the page size) that was sent over PEC or has a transmission
     *     event, each at {@code at}
     * @throws IOException when the register cannot be read
     */
    public List<OutgoingDelivery> deliveries(SearchQuery query, Instant at) throws IOException {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(at, "at");
        List<OutgoingDelivery> out = new ArrayList<>();
        SearchQuery outgoing = query.direction(Direction.OUTGOING);
        for (int offset = query.offset();; offset += query.limit()) {
            List<Registration> page = registry.search(outgoing.page(offset, query.limit()));
            for (Registration r : page) {
                List<TransmissionRecord> events = registry.transmissions(r.id());
                if (r.channel() != Channel.PEC && events.isEmpty()) continue;
                out.add(rebuild(r, events, at));
            }
            if (page.size() < query.limit()) return out;
        }
    }

    /**
     * Every recipient past a deadline at {@code at} among the registrations {@code query} finds (as
     * {@link #deliveries}), the longest overdue first, each with what to do next.
     *
     * @param at the time the deadlines are judged at
     * @param query which registrations to look at
     * @return every recipient past a deadline at {@code at} among the registrations {@code query} finds (as {@link
     *     #deliveries}), the longest overdue first, each with what to do next
     * @throws IOException when the register cannot be read
     */
    public List<DeliveryTracker.Overdue> overdue(SearchQuery query, Instant at) throws IOException {
        List<DeliveryTracker.Overdue> out = new ArrayList<>();
        for (OutgoingDelivery d : deliveries(query, at)) out.addAll(d.overdue());
        out.sort(Comparator.comparing((DeliveryTracker.Overdue o) -> o.recipient().since()).thenComparing(DeliveryTracker.Overdue::messageId)
                .thenComparing(o -> o.recipient().address()));
        return out;
    }

    /**
     * Where {@code r} stands at {@code at}, read from its transmission events.
     *
     * @param at the time the deadlines are judged at
     * @param r an outgoing registration
     * @return where {@code r} stands at {@code at}, read from its transmission events
     * @throws IOException when its transmission events cannot be read
     */
    public OutgoingDelivery delivery(Registration r, Instant at) throws IOException {
        Objects.requireNonNull(r, "r");
        Objects.requireNonNull(at, "at");
        return rebuild(r, registry.transmissions(r.id()), at);
    }

    private OutgoingDelivery rebuild(Registration r, List<TransmissionRecord> events, Instant at) throws IOException {
        Map<Long, List<ReceiptFacts.Destinatario>> destinatari = new LinkedHashMap<>();
        for (TransmissionRecord t : events) {
            if (t.event().type() == TransmissionEvent.Type.ACCETTAZIONE && t.receipt().isPresent()) {
                destinatari.put(t.sequence(), destinatari(r.id(), t.sequence()));
            }
        }
        return replay(r, events, destinatari, policy, at);
    }

    /** The daticert recipients of a kept accettazione; none when it cannot be read (then every recipient is taken as certified). */
    private List<ReceiptFacts.Destinatario> destinatari(ProtocolId id, long sequence) throws IOException {
        try (InputStream in = registry.openReceipt(id, sequence); PecMessage m = PecParser.create().parse(in)) {
            if (m.kind() != PecKind.ACCETTAZIONE) return List.of();
            return ReceiptFacts.from(m, Instant.EPOCH).destinatari();
        } catch (RuntimeException e) {
            // fail closed on the side of deadlines: an unreadable accettazione makes no recipient esterno
            return List.of();
        }
    }

    /**
     * The pure replay: a registration, its events, the recipients read from each kept accettazione (by
     * event sequence), the time.
     */
    static OutgoingDelivery replay(Registration r, List<TransmissionRecord> events, Map<Long, List<ReceiptFacts.Destinatario>> destinatari,
            ReceiptPolicy policy, Instant at) {
        Replay replay = new Replay(r, policy);
        replay.sends(events);
        List<TransmissionRecord> ordered = new ArrayList<>(events);
        // the provider's own notices first, as the tracker expects, then in the order things happened
        ordered.sort(Comparator.comparing((TransmissionRecord t) -> !provider(t.event().type()))
                .thenComparing(t -> t.event().occurredAt()).thenComparingLong(TransmissionRecord::sequence));
        for (TransmissionRecord t : ordered) replay.apply(t, destinatari.getOrDefault(t.sequence(), List.of()));
        return replay.result(at);
    }

    private static boolean provider(TransmissionEvent.Type type) {
        return type == TransmissionEvent.Type.ACCETTAZIONE || type == TransmissionEvent.Type.NON_ACCETTAZIONE;
    }

    /** One registration's replay: its messages by Message-ID, each tracked by the same tracker. */
    private static final class Replay {
        private final Registration registration;
        private final DeliveryTracker tracker;
        private final Map<String, SentMessage> sends = new LinkedHashMap<>();
        private final List<TransmissionRecord> interop = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();

        Replay(Registration registration, ReceiptPolicy policy) {
            this.registration = registration;
            this.tracker = DeliveryTracker.create(policy);
        }

        /**
         * The messages sent, from the SENT events, else (nothing recorded as sent) from the Message-IDs of the receipts and
         * of the other events about a send (e.g. a refusal at submission, recorded instead of a SENT).
         */
        void sends(List<TransmissionRecord> events) {
            Map<String, List<TransmissionEvent>> byId = new LinkedHashMap<>();
            for (TransmissionRecord t : events) {
                TransmissionEvent e = t.event();
                if (e.type() == TransmissionEvent.Type.SENT) {
                    String id = e.msgid().filter(m -> !m.isBlank()).map(Keys::bare).orElse(syntheticId());
                    byId.computeIfAbsent(id, k -> new ArrayList<>()).add(e);
                }
            }
            if (byId.isEmpty()) {
                for (TransmissionRecord t : events) {
                    boolean aboutTheSend = !interop(t.event().type()) && t.event().type() != TransmissionEvent.Type.DEADLINE_PASSED;
                    if (aboutTheSend && t.event().msgid().filter(m -> !m.isBlank()).isPresent()) {
                        byId.putIfAbsent(Keys.bare(t.event().msgid().get()), List.of());
                    }
                }
            }
            byId.forEach((id, sent) -> track(id, sent));
        }

        private String syntheticId() {
            return "registration:" + registration.id();
        }

        private void track(String id, List<TransmissionEvent> sent) {
            Instant sentAt = sent.stream().map(TransmissionEvent::occurredAt).min(Comparator.naturalOrder()).orElse(registration.registeredAt());
            List<SentMessage.Recipient> recipients = new ArrayList<>();
            boolean everyone = sent.isEmpty() || sent.stream().anyMatch(e -> e.recipient().isEmpty());
            if (everyone) {
                for (Correspondent c : registration.correspondents()) {
                    c.address().ifPresent(a -> recipients.add(new SentMessage.Recipient(a, c.perConoscenza())));
                }
            }
            for (TransmissionEvent e : sent) {
                e.recipient().ifPresent(a -> recipients.add(new SentMessage.Recipient(a, inCopy(a))));
            }
            SentMessage m = new SentMessage(id, sentAt, recipients.stream().distinct().toList(), Optional.of(registration.id().toString()));
            sends.put(m.messageId(), m);
            tracker.track(m);
        }

        private boolean inCopy(String address) {
            String a = Keys.address(address);
            return registration.correspondents().stream()
                    .anyMatch(c -> c.perConoscenza() && c.address().map(Keys::address).filter(a::equals).isPresent());
        }

        void apply(TransmissionRecord t, List<ReceiptFacts.Destinatario> destinatari) {
            TransmissionEvent e = t.event();
            if (interop(e.type())) interop.add(t);
            Optional<String> message = messageOf(e);
            if (message.isEmpty()) {
                if (e.type() != TransmissionEvent.Type.SENT && !interop(e.type())) notes.add(unapplied(t));
                return;
            }
            switch (e.type()) {
                case SENT -> { }
                case ACCETTAZIONE, NON_ACCETTAZIONE, PRESA_IN_CARICO, CONSEGNA, ERRORE_CONSEGNA, PREAVVISO_ERRORE_CONSEGNA,
                        RILEVAZIONE_VIRUS -> tracker.accept(facts(e, message.get(), destinatari));
                case CONFERMA_RICEZIONE, NOTIFICA_ECCEZIONE, AGGIORNAMENTO_CONFERMA, ANNULLAMENTO, DEADLINE_PASSED ->
                        tracker.note(message.get(), e.recipient(), describe(e));
                default -> tracker.refuse(message.get(), e.recipient(), e.occurredAt(), id(e.type()), words(e));
            }
        }

        /** The message an event belongs to: the one its msgid names; without a msgid, the last one sent. */
        private Optional<String> messageOf(TransmissionEvent e) {
            if (sends.isEmpty()) return Optional.empty();
            Optional<String> msgid = e.msgid().filter(m -> !m.isBlank()).map(Keys::bare);
            if (msgid.isPresent()) return sends.containsKey(msgid.get()) ? msgid : Optional.empty();
            String last = null;
            for (String id : sends.keySet()) last = id;
            return Optional.of(last);
        }

        private String unapplied(TransmissionRecord t) {
            TransmissionEvent e = t.event();
            return id(e.type()) + " " + e.occurredAt() + e.recipient().map(a -> " for " + a).orElse("") + " (event " + t.sequence()
                    + ") names " + e.msgid().map(m -> "Message-ID " + m + ", which this registration was not sent with")
                            .orElse("no Message-ID, and nothing was sent") + ": not applied";
        }

        OutgoingDelivery result(Instant at) {
            List<DeliveryStatus> messages = new ArrayList<>();
            for (String id : sends.keySet()) messages.add(tracker.status(id, at).orElseThrow());
            List<RecipientStatus> notSent = new ArrayList<>();
            if (sends.isEmpty() && registration.channel() == Channel.PEC) {
                for (Correspondent c : registration.correspondents()) {
                    c.address().ifPresent(a -> notSent.add(DeliveryTracker.prepared(a, c.perConoscenza(), registration.registeredAt())));
                }
            }
            DeliveryState.Light overall = DeliveryState.Light.GREEN;
            for (DeliveryStatus m : messages) if (m.overall().ordinal() < overall.ordinal()) overall = m.overall();
            if (messages.isEmpty() || !notSent.isEmpty()) overall = DeliveryState.Light.RED;
            return new OutgoingDelivery(registration.id(), registration.registeredAt(), registration.oggetto(), overall, messages, notSent,
                    interop, notes, at);
        }
    }

    private static boolean interop(TransmissionEvent.Type type) {
        return switch (type) {
            case CONFERMA_RICEZIONE, NOTIFICA_ECCEZIONE, AGGIORNAMENTO_CONFERMA, ANNULLAMENTO -> true;
            default -> false;
        };
    }

    /** The receipt's facts as the register keeps them, tied to {@code messageId}. */
    private static ReceiptFacts facts(TransmissionEvent e, String messageId, List<ReceiptFacts.Destinatario> destinatari) {
        PecKind kind = switch (e.type()) {
            case ACCETTAZIONE -> PecKind.ACCETTAZIONE;
            case NON_ACCETTAZIONE -> PecKind.NON_ACCETTAZIONE;
            case PRESA_IN_CARICO -> PecKind.PRESA_IN_CARICO;
            case CONSEGNA -> PecKind.AVVENUTA_CONSEGNA;
            case ERRORE_CONSEGNA -> PecKind.ERRORE_CONSEGNA;
            case PREAVVISO_ERRORE_CONSEGNA -> PecKind.PREAVVISO_ERRORE_CONSEGNA;
            case RILEVAZIONE_VIRUS -> PecKind.RILEVAZIONE_VIRUS;
            default -> throw new IllegalArgumentException("not a receipt event: " + e.type());
        };
        boolean virus = e.type() == TransmissionEvent.Type.RILEVAZIONE_VIRUS || e.note().filter("virus"::equals).isPresent();
        return new ReceiptFacts(kind, Optional.empty(), Optional.of(messageId), e.msgid().map(Keys::bare), e.identificativo(),
                e.recipient(), e.occurredAt(), e.errore(), e.erroreEsteso(), destinatari, virus, false);
    }

    /** A history line for an event that is not a receipt. */
    private static String describe(TransmissionEvent e) {
        String words = words(e);
        return id(e.type()) + " " + e.occurredAt() + e.recipientProtocol().map(p -> " (their protocol " + p + ")").orElse("")
                + (words.isEmpty() ? "" : ": " + words);
    }

    /** What an event says in words: errore, errore-esteso, note. */
    private static String words(TransmissionEvent e) {
        List<String> parts = new ArrayList<>(3);
        e.errore().filter(s -> !s.isBlank()).ifPresent(parts::add);
        e.erroreEsteso().filter(s -> !s.isBlank()).ifPresent(parts::add);
        e.note().filter(s -> !s.isBlank()).ifPresent(parts::add);
        return String.join(" - ", parts);
    }

    /** {@code conferma-ricezione} for {@code CONFERMA_RICEZIONE}. */
    static String id(TransmissionEvent.Type type) {
        return type.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
