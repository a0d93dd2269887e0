package io.github.pec4j.receipts;

import io.github.pec4j.core.PecMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.HashSet;

/**
 * Matches receipts to the messages the AOO sent and keeps, per recipient, where delivery stands.
 *
 * <p>A receipt is matched by {@code X-Riferimento-Message-ID}, else by daticert {@code msgid}, else by
 * the {@code identificativo} learnt from the accettazione — never by Subject or file name. A receipt
 * whose keys contradict each other (its {@code X-Riferimento-Message-ID} or {@code msgid} names a
 * message other than the one its identificativo belongs to, or the two name different messages) is
 * never applied: it stays unmatched with the contradiction as its reason.
 *
 * <p>The same receipt handled twice changes nothing. "The same" means the same signed facts — daticert
 * {@code tipo}, {@code consegna} and {@code identificativo} — or, without an identificativo, the same
 * facts throughout; the receipt's own Message-ID is not signed and providers have reused it, so a
 * different receipt under a Message-ID already seen is applied, with a warning in the {@link Match} and
 * in the recipients' history. A receipt that matches no sent message is kept as unmatched, with the
 * reason, and matched later if its message is tracked afterwards (receipts can be read before the
 * send is recorded); it never blocks the others. No input makes the tracker throw, and it fails closed:
 * a message that is not a receipt, that the parser could not read in full, or whose facts cannot be read,
 * is an unmatched {@link Match} with the reason ({@link #accept(PecMessage, Instant)}).
 *
 * <p>Deadlines (DPR 68/2005 art. 12) are applied when a status is asked for, at the time given: a
 * certified recipient without a delivery receipt is {@link DeliveryState#OVERDUE} 12 hours after
 * acceptance and {@link DeliveryState#TIMED_OUT} after 24; a later delivery receipt still moves it to
 * {@link DeliveryState#DELIVERED}. Thread-safe; scheduler-agnostic: call {@link #overdue} when you like.
 */
public final class DeliveryTracker {
    /** When the delivery receipt is due after acceptance. */
    public static final Duration DELIVERY_WARNING = Duration.ofHours(12);
    /** When the final notice is due after acceptance. */
    public static final Duration FINAL_NOTICE = Duration.ofHours(24);

    /** What became of a receipt. */
    public enum Outcome {
        /** Applied to its message. */
        MATCHED,
        /** The same receipt seen before (same signed tipo, consegna and identificativo, or the same facts): nothing changed. */
        DUPLICATE,
        /** No tracked message has its keys (yet): kept aside with the reason. */
        UNMATCHED
    }

    /**
     * The result of {@link #accept}.
     *
     * @param outcome matched, duplicate or unmatched
     * @param messageId the sent message it belongs to
     * @param registration that message's registration, if known: where to record the receipt as evidence
     * @param recipient the recipient it is about, if any
     * @param reason for unmatched receipts, why; otherwise what it did
     * @param warnings what was odd about the receipt though it was handled, e.g. a Message-ID reused from another receipt
     */
    public record Match(Outcome outcome, Optional<String> messageId, Optional<String> registration, Optional<String> recipient,
            String reason, List<String> warnings) {
        /**
         * Creates the record: copies the lists and refuses null components.
         *
         * @param outcome matched, duplicate or unmatched
         * @param messageId the sent message it belongs to
         * @param registration that message's registration, if known: where to record the receipt as evidence
         * @param recipient the recipient it is about, if any
         * @param reason for unmatched receipts, why; otherwise what it did
         * @param warnings what was odd about the receipt though it was handled, e.g. a Message-ID reused from another
         *     receipt
         */
        public Match {
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(messageId, "messageId");
            Objects.requireNonNull(registration, "registration");
            Objects.requireNonNull(recipient, "recipient");
            Objects.requireNonNull(reason, "reason");
            warnings = List.copyOf(warnings);
        }

        /**
         * A match without warnings.
         *
         * @param outcome matched, duplicate or unmatched
         * @param messageId the sent message it belongs to
         * @param registration that message's registration, if known
         * @param recipient the recipient it is about, if any
         * @param reason for unmatched receipts, why; otherwise what it did
         */
        public Match(Outcome outcome, Optional<String> messageId, Optional<String> registration, Optional<String> recipient, String reason) {
            this(outcome, messageId, registration, recipient, reason, List.of());
        }

        private Match warn(List<String> more) {
            if (more.isEmpty()) return this;
            List<String> all = new ArrayList<>(warnings);
            all.addAll(more);
            return new Match(outcome, messageId, registration, recipient, reason, all);
        }
    }

    /**
     * A receipt that matched nothing.
     *
     * @param receipt the receipt
     * @param reason why it matched nothing
     */
    public record Unmatched(ReceiptFacts receipt, String reason) {}

    /**
     * A recipient past a deadline.
     *
     * @param messageId the sent message
     * @param registration its registration, if known
     * @param recipient the recipient's status
     */
    public record Overdue(String messageId, Optional<String> registration, RecipientStatus recipient) {}

    private static final class Rcpt {
        final String address;
        boolean esterno;
        final boolean cc;
        DeliveryState state;
        Instant since;
        Optional<String> detail = Optional.empty();
        Optional<String> smtp = Optional.empty();
        final List<String> history = new ArrayList<>(4);

        Rcpt(String address, boolean cc, DeliveryState state, Instant since) {
            this.address = address;
            this.cc = cc;
            this.state = state;
            this.since = since;
        }
    }

    private static final class Tracked {
        final SentMessage sent;
        Instant acceptedAt;
        String identificativo;
        final Map<String, Rcpt> recipients = new LinkedHashMap<>();

        Tracked(SentMessage sent) {
            this.sent = sent;
            for (SentMessage.Recipient r : sent.recipients()) {
                recipients.putIfAbsent(r.address(), new Rcpt(r.address(), r.cc(), DeliveryState.SUBMITTED, sent.sentAt()));
            }
        }
    }

    private final ReceiptPolicy policy;
    private final Map<String, Tracked> byMessageId = new HashMap<>();
    private final Map<String, Tracked> byIdentificativo = new HashMap<>();
    /** Applied receipts by {@link #identity}. */
    private final Map<Object, Match> seen = new HashMap<>();
    private final Set<Unmatched> unmatched = new java.util.LinkedHashSet<>();
    /** The unmatched receipts by each key they could be matched on, so a new message or identificativo finds them at once. */
    private final Map<String, List<Unmatched>> waiting = new HashMap<>();
    /** The {@link #identity} of each receipt kept as unmatched. */
    private final Set<Object> unmatchedIdentities = new HashSet<>();
    /** Each receipt Message-ID seen, with the identity and a description of the first receipt that carried it. */
    private final Map<String, Carrier> receiptIds = new HashMap<>();

    /** The first receipt seen under a Message-ID. */
    private record Carrier(Object identity, String description) {}

    /** The signed facts that make a receipt itself: the same on two receipts means the same receipt. */
    private record Signed(io.github.pec4j.core.PecKind kind, Optional<String> consegna, String identificativo) {}

    private DeliveryTracker(ReceiptPolicy policy) {
        this.policy = policy;
    }

    /**
     * A tracker with the law's reading of receipts.
     *
     * @return a tracker with the law's reading of receipts
     */
    public static DeliveryTracker create() {
        return new DeliveryTracker(ReceiptPolicy.STANDARD);
    }

    /**
     * A tracker with a provider-specific policy (e.g. {@link ReceiptPolicy#PREAVVISO_541_IS_FINAL}).
     *
     * @param policy how this provider's receipts are read
     * @return an empty tracker using {@code policy}
     */
    public static DeliveryTracker create(ReceiptPolicy policy) {
        return new DeliveryTracker(Objects.requireNonNull(policy, "policy"));
    }

    /**
     * Starts tracking a sent message; receipts already received for it are applied now (accettazione first, then in time order).
     *
     * @param sent the message as sent, with its recipients
     */
    public synchronized void track(SentMessage sent) {
        Objects.requireNonNull(sent, "sent");
        if (byMessageId.containsKey(sent.messageId())) return;
        byMessageId.put(sent.messageId(), new Tracked(sent));
        retry(sent.messageId());
        drainIdentificativi();
    }

    /** Applies the unmatched receipts waiting on {@code key}, if they now find their message. */
    private void retry(String key) {
        List<Unmatched> candidates = waiting.get(key);
        if (candidates == null) return;
        List<Unmatched> ordered = new ArrayList<>(candidates);
        ordered.sort(Comparator.comparing((Unmatched u) -> u.receipt().kind() == io.github.pec4j.core.PecKind.ACCETTAZIONE ? 0 : 1)
                .thenComparing(u -> u.receipt().time()));
        for (Unmatched u : ordered) {
            if (!unmatched.contains(u)) continue;
            Optional<String> contradiction = contradiction(u.receipt());
            if (contradiction.isPresent()) {
                // the key just learnt shows the receipt's keys disagree: it stays unmatched, now with that reason
                if (!u.reason().equals(contradiction.get())) {
                    forget(u);
                    keep(new Unmatched(u.receipt(), contradiction.get()));
                }
                continue;
            }
            Optional<Tracked> t = find(u.receipt());
            if (t.isPresent()) {
                forget(u);
                ReceiptFacts r = u.receipt();
                seen.put(identity(r), apply(t.get(), r, reuse(r)));
            }
        }
    }

    private void keep(Unmatched u) {
        unmatched.add(u);
        unmatchedIdentities.add(identity(u.receipt()));
        for (String key : keys(u.receipt())) waiting.computeIfAbsent(key, k -> new ArrayList<>()).add(u);
    }

    private void forget(Unmatched u) {
        unmatched.remove(u);
        unmatchedIdentities.remove(identity(u.receipt()));
        for (String key : keys(u.receipt())) {
            List<Unmatched> list = waiting.get(key);
            if (list != null) {
                list.remove(u);
                if (list.isEmpty()) waiting.remove(key);
            }
        }
    }

    private static List<String> keys(ReceiptFacts r) {
        List<String> keys = new ArrayList<>(3);
        r.clientMessageId().ifPresent(keys::add);
        r.msgid().filter(k -> !keys.contains(k)).ifPresent(keys::add);
        r.identificativo().filter(k -> !keys.contains(k)).ifPresent(keys::add);
        return keys;
    }

    /**
     * Applies a parsed receipt. Never throws for what the message holds: a message that is not a receipt
     * or notice, one the parser could not read in full ({@link ReceiptFacts#unusable}), or one whose facts
     * cannot be read, is {@link Outcome#UNMATCHED} with the reason, and is not kept among
     * {@link #unmatched()} (nothing read from it can be trusted to match it later).
     *
     * @param receipt the parsed receipt
     * @param fallbackTime its time when its daticert has no readable one
     * @return what became of it
     */
    public Match accept(PecMessage receipt, Instant fallbackTime) {
        Objects.requireNonNull(receipt, "receipt");
        Objects.requireNonNull(fallbackTime, "fallbackTime");
        ReceiptFacts facts;
        try {
            Optional<String> unusable = ReceiptFacts.unusable(receipt);
            if (unusable.isPresent()) {
                return new Match(Outcome.UNMATCHED, Optional.empty(), Optional.empty(), Optional.empty(), unusable.get());
            }
            facts = ReceiptFacts.from(receipt, fallbackTime);
        } catch (RuntimeException e) {
            // fail closed: a receipt whose facts cannot be read is never applied
            return new Match(Outcome.UNMATCHED, Optional.empty(), Optional.empty(), Optional.empty(),
                    "unreadable receipt: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
        return accept(facts);
    }

    /**
     * Applies a receipt.
     *
     * @param receipt the receipt's facts
     * @return matched (with any warning), duplicate, or unmatched with the reason
     */
    public synchronized Match accept(ReceiptFacts receipt) {
        Objects.requireNonNull(receipt, "receipt");
        Object identity = identity(receipt);
        Match before = seen.get(identity);
        if (before != null) {
            return new Match(Outcome.DUPLICATE, before.messageId(), before.registration(), before.recipient(), "already handled");
        }
        if (unmatchedIdentities.contains(identity)) {
            return new Match(Outcome.DUPLICATE, Optional.empty(), Optional.empty(), receipt.recipient(), "already kept as unmatched");
        }
        List<String> warnings = reuse(receipt);
        Optional<String> contradiction = contradiction(receipt);
        Optional<Tracked> t = contradiction.isPresent() ? Optional.empty() : find(receipt);
        if (t.isEmpty()) {
            String reason = contradiction.orElseGet(() -> "no sent message with X-Riferimento-Message-ID "
                    + receipt.clientMessageId().orElse("(none)") + ", msgid " + receipt.msgid().orElse("(none)") + " or identificativo "
                    + receipt.identificativo().orElse("(none)"));
            keep(new Unmatched(receipt, reason));
            return new Match(Outcome.UNMATCHED, Optional.empty(), Optional.empty(), receipt.recipient(), reason, warnings);
        }
        Match m = apply(t.get(), receipt, warnings);
        seen.put(identity, m);
        drainIdentificativi();
        return m;
    }

    /**
     * What makes a receipt itself: its signed tipo, consegna and identificativo; without an identificativo,
     * all its facts (so only the same receipt read again is the same).
     */
    private static Object identity(ReceiptFacts r) {
        return r.identificativo().<Object>map(i -> new Signed(r.kind(), r.recipient(), i)).orElse(r);
    }

    /**
     * A warning when another receipt already came under this receipt's Message-ID; the first receipt
     * seen under an id is remembered.
     */
    private List<String> reuse(ReceiptFacts r) {
        if (r.receiptId().isEmpty()) return List.of();
        String id = r.receiptId().get();
        Object identity = identity(r);
        Carrier first = receiptIds.putIfAbsent(id, new Carrier(identity, describe(r)));
        if (first == null || first.identity().equals(identity)) return List.of();
        return List.of("Message-ID " + id + " reused: it first came on another receipt (" + first.description()
                + "); this one is a different receipt (" + describe(r) + ") and was handled as such");
    }

    private static String describe(ReceiptFacts r) {
        return r.kind().id() + r.recipient().map(a -> " for " + a).orElse("") + r.identificativo().map(i -> ", identificativo " + i).orElse("");
    }

    /**
     * Why the receipt's keys cannot all be right: its references name two different messages, or a
     * message other than the one its identificativo belongs to.
     */
    private Optional<String> contradiction(ReceiptFacts r) {
        if (r.clientMessageId().isPresent() && r.msgid().isPresent() && !r.clientMessageId().equals(r.msgid())) {
            return Optional.of("contradictory keys: X-Riferimento-Message-ID " + r.clientMessageId().get() + " and daticert msgid "
                    + r.msgid().get() + " name different messages");
        }
        Optional<String> reference = r.clientMessageId().or(r::msgid);
        Tracked owner = r.identificativo().map(byIdentificativo::get).orElse(null);
        if (owner != null && reference.isPresent() && !reference.get().equals(owner.sent.messageId())) {
            return Optional.of("contradictory keys: identificativo " + r.identificativo().get() + " belongs to " + owner.sent.messageId()
                    + ", but X-Riferimento-Message-ID/msgid name " + reference.get() + "; not applied to either");
        }
        return Optional.empty();
    }

    /** Identificativi learnt from accettazioni, whose waiting receipts are retried after the current receipt. */
    private final List<String> pendingIdentificativo = new ArrayList<>();

    private void drainIdentificativi() {
        while (!pendingIdentificativo.isEmpty()) retry(pendingIdentificativo.remove(0));
    }

    private Optional<Tracked> find(ReceiptFacts r) {
        Tracked t = r.clientMessageId().map(byMessageId::get).orElse(null);
        if (t == null) t = r.msgid().map(byMessageId::get).orElse(null);
        // an accettazione brings the identificativo; later receipts may be matched by it alone
        if (t == null) t = r.identificativo().map(byIdentificativo::get).orElse(null);
        return Optional.ofNullable(t);
    }

    private Match apply(Tracked t, ReceiptFacts r, List<String> warnings) {
        return applyFacts(t, r, warnings.isEmpty() ? "" : " (warning: " + String.join("; ", warnings) + ")").warn(warnings);
    }

    private Match applyFacts(Tracked t, ReceiptFacts r, String warning) {
        String what = r.kind().id() + " " + r.time() + warning;
        Optional<String> registration = t.sent.registration();
        switch (r.kind()) {
            case ACCETTAZIONE -> {
                t.acceptedAt = r.time();
                r.identificativo().ifPresent(id -> {
                    t.identificativo = id;
                    byIdentificativo.put(id, t);
                });
                // receipts that could only be matched by this identificativo may have come first
                r.identificativo().ifPresent(pendingIdentificativo::add);
                for (ReceiptFacts.Destinatario d : r.destinatari()) {
                    Rcpt x = t.recipients.computeIfAbsent(d.address(), a -> new Rcpt(a, false, DeliveryState.SUBMITTED, r.time()));
                    x.esterno = d.esterno();
                }
                for (Rcpt x : t.recipients.values()) {
                    x.history.add(what);
                    if (x.state == DeliveryState.SUBMITTED || x.state == DeliveryState.PREPARED) {
                        set(x, x.esterno ? DeliveryState.FORWARDED : DeliveryState.ACCEPTED, r.time());
                    }
                }
                return matched(t, r, Optional.empty(), "accepted");
            }
            case NON_ACCETTAZIONE -> {
                for (Rcpt x : t.recipients.values()) {
                    x.history.add(what);
                    set(x, DeliveryState.NOT_ACCEPTED, r.time());
                    x.detail = detail(r);
                    x.smtp = r.smtpCode();
                }
                return matched(t, r, Optional.empty(), "not accepted: nothing was sent to any recipient");
            }
            default -> {
                if (r.recipient().isEmpty()) {
                    t.recipients.values().forEach(x -> x.history.add(what));
                    return matched(t, r, Optional.empty(), "no recipient named (daticert consegna missing): kept in every recipient's history");
                }
                String address = r.recipient().get();
                Rcpt x = t.recipients.computeIfAbsent(address, a -> new Rcpt(a, false, DeliveryState.ACCEPTED, r.time()));
                x.history.add(what);
                return matched(t, r, Optional.of(address), applyToRecipient(x, r));
            }
        }
    }

    private String applyToRecipient(Rcpt x, ReceiptFacts r) {
        switch (r.kind()) {
            case AVVENUTA_CONSEGNA -> {
                boolean late = x.state == DeliveryState.DELIVERY_FAILED || x.state == DeliveryState.TIMED_OUT;
                set(x, DeliveryState.DELIVERED, r.time());
                x.detail = late ? Optional.of("delivered after a failure notice") : Optional.empty();
                x.smtp = Optional.empty();
                return late ? "delivered, after a failure notice (both kept)" : "delivered";
            }
            case ERRORE_CONSEGNA, RILEVAZIONE_VIRUS -> {
                if (x.state == DeliveryState.DELIVERED) return "failure notice after delivery: recorded, the delivery stands";
                set(x, DeliveryState.DELIVERY_FAILED, r.time());
                x.detail = detail(r).map(d -> r.timeLimit() ? d + " (24-hour limit)" : d);
                x.smtp = r.smtpCode();
                return "not delivered";
            }
            case PREAVVISO_ERRORE_CONSEGNA -> {
                if (x.state == DeliveryState.DELIVERED || x.state == DeliveryState.DELIVERY_FAILED) return "late warning: recorded";
                if (policy.preavvisoIsFinal(r)) {
                    set(x, DeliveryState.DELIVERY_FAILED, r.time());
                    x.detail = detail(r).map(d -> d + " (preavviso treated as final by policy)");
                    x.smtp = r.smtpCode();
                    return "not delivered (preavviso final by policy)";
                }
                set(x, DeliveryState.OVERDUE, r.time());
                x.detail = detail(r);
                x.smtp = r.smtpCode();
                return "warning: not delivered within 12 hours";
            }
            default -> {
                return "recorded (" + r.kind().id() + ")";
            }
        }
    }

    private static Optional<String> detail(ReceiptFacts r) {
        String s = (r.virus() ? "virus " : "") + r.errore().orElse("") + r.erroreEsteso().map(e -> " - " + e).orElse("");
        return s.isBlank() ? Optional.empty() : Optional.of(s.trim());
    }

    private static void set(Rcpt x, DeliveryState state, Instant since) {
        x.state = state;
        x.since = since;
    }

    private static Match matched(Tracked t, ReceiptFacts r, Optional<String> recipient, String what) {
        return new Match(Outcome.MATCHED, Optional.of(t.sent.messageId()), t.sent.registration(), recipient, what);
    }

    /**
     * Applies a failure recorded outside the PEC receipts, e.g. the provider's SMTP refusal at submission or an
     * event type this version does not know: the recipient named (every recipient when none is named) becomes
     * {@link DeliveryState#NOT_ACCEPTED} with {@code words} kept as the detail, unless it was already delivered. For
     * {@link DeliveryBoard}, which rebuilds a tracker from the register.
     *
     * @return false when {@code messageId} is not tracked
     */
    synchronized boolean refuse(String messageId, Optional<String> recipient, Instant at, String what, String words) {
        Tracked t = byMessageId.get(Keys.bare(messageId));
        if (t == null) return false;
        List<Rcpt> concerned = recipient.isPresent()
                ? List.of(t.recipients.computeIfAbsent(Keys.address(recipient.get()), a -> new Rcpt(a, false, DeliveryState.SUBMITTED, at)))
                : List.copyOf(t.recipients.values());
        for (Rcpt x : concerned) {
            x.history.add(what + " " + at + (words.isBlank() ? "" : ": " + words));
            if (x.state == DeliveryState.DELIVERED) continue;
            set(x, DeliveryState.NOT_ACCEPTED, at);
            x.detail = words.isBlank() ? Optional.of(what) : Optional.of(words);
            x.smtp = ReceiptFacts.smtpCode(words);
        }
        return true;
    }

    /** Adds a line to the history of the recipient named (every recipient when none is named), changing nothing else. */
    synchronized void note(String messageId, Optional<String> recipient, String line) {
        Tracked t = byMessageId.get(Keys.bare(messageId));
        if (t == null) return;
        Optional<String> address = recipient.map(Keys::address);
        for (Rcpt x : t.recipients.values()) {
            if (address.isEmpty() || address.get().equals(x.address)) x.history.add(line);
        }
    }

    /** A registered recipient no message has been sent to yet. */
    static RecipientStatus prepared(String address, boolean cc, Instant since) {
        return new RecipientStatus(Keys.address(address), false, cc, DeliveryState.PREPARED, since,
                next(DeliveryState.PREPARED, Optional.empty(), Optional.empty()), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), List.of());
    }

    /**
     * Where the message stands at {@code now}, deadlines applied.
     *
     * @param messageId the sent message it belongs to
     * @param now the time deadlines are judged at
     * @return where the message stands at {@code now}, deadlines applied
     */
    public synchronized Optional<DeliveryStatus> status(String messageId, Instant now) {
        Tracked t = byMessageId.get(Keys.bare(messageId));
        return t == null ? Optional.empty() : Optional.of(view(t, now));
    }

    /**
     * Every recipient past a deadline at {@code now}: overdue (12 h) or timed out (24 h).
     *
     * @param now the time deadlines are judged at
     * @return every recipient past a deadline at {@code now}: overdue (12 h) or timed out (24 h)
     */
    public synchronized List<Overdue> overdue(Instant now) {
        List<Overdue> out = new ArrayList<>();
        for (Tracked t : byMessageId.values()) {
            for (RecipientStatus r : view(t, now).recipients()) {
                if (r.state() == DeliveryState.OVERDUE || r.state() == DeliveryState.TIMED_OUT) {
                    out.add(new Overdue(t.sent.messageId(), t.sent.registration(), r));
                }
            }
        }
        out.sort(Comparator.comparing((Overdue o) -> o.recipient().since()).thenComparing(Overdue::messageId));
        return out;
    }

    /**
     * Receipts that matched no sent message, with the reason.
     *
     * @return the unmatched receipts in the order received
     */
    public synchronized List<Unmatched> unmatched() {
        return List.copyOf(unmatched);
    }

    /**
     * How many messages are tracked.
     *
     * @return how many messages are tracked
     */
    public synchronized int size() {
        return byMessageId.size();
    }

    private DeliveryStatus view(Tracked t, Instant now) {
        List<RecipientStatus> recipients = new ArrayList<>(t.recipients.size());
        DeliveryState.Light overall = DeliveryState.Light.GREEN;
        for (Rcpt x : t.recipients.values()) {
            DeliveryState state = x.state;
            Instant since = x.since;
            Optional<Instant> due = Optional.empty();
            Optional<Instant> finalBy = Optional.empty();
            if (t.acceptedAt != null && !x.esterno) {
                due = Optional.of(t.acceptedAt.plus(DELIVERY_WARNING));
                finalBy = Optional.of(t.acceptedAt.plus(FINAL_NOTICE));
                if (state == DeliveryState.ACCEPTED || state == DeliveryState.OVERDUE) {
                    if (!now.isBefore(finalBy.get())) {
                        state = DeliveryState.TIMED_OUT;
                        since = finalBy.get();
                    } else if (state == DeliveryState.ACCEPTED && !now.isBefore(due.get())) {
                        state = DeliveryState.OVERDUE;
                        since = due.get();
                    }
                }
            }
            recipients.add(new RecipientStatus(x.address, x.esterno, x.cc, state, since, next(state, due, x.detail), x.detail, x.smtp, due,
                    finalBy, x.history));
            if (state.light().ordinal() < overall.ordinal()) overall = state.light();
        }
        if (recipients.isEmpty()) overall = DeliveryState.Light.RED;
        return new DeliveryStatus(t.sent.messageId(), t.sent.registration(), overall, Optional.ofNullable(t.acceptedAt),
                Optional.ofNullable(t.identificativo), recipients, now);
    }

    private static String next(DeliveryState state, Optional<Instant> due, Optional<String> detail) {
        String why = detail.map(d -> " (" + d + ")").orElse("");
        return switch (state) {
            case PREPARED -> "send it";
            case SUBMITTED -> "wait for the provider's accettazione; without one within minutes, check the outgoing mailbox";
            case ACCEPTED -> "wait for the delivery receipt" + due.map(d -> ", due by " + d).orElse("");
            case FORWARDED -> "non-PEC recipient: no delivery receipt will come; the accettazione is the proof of sending";
            case NOT_ACCEPTED -> "the provider refused the message" + why + ": correct it and send again";
            case DELIVERED -> "nothing: keep the delivery receipt as proof";
            case DELIVERY_FAILED -> "not delivered" + why + ": check the address (IPA, INAD, INI-PEC) and send again, or use another channel";
            case OVERDUE -> "late" + why + ": no delivery receipt 12 hours after acceptance; read the preavviso if one came and contact "
                    + "the recipient; a delivery receipt may still arrive until the final notice, due 24 hours after acceptance";
            case TIMED_OUT -> "no delivery receipt and no final notice within 24 hours: treat it as not delivered; ask the provider, and "
                    + "send it again, by other means if need be";
        };
    }
}
