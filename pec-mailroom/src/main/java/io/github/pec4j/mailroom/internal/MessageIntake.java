package io.github.pec4j.mailroom.internal;

import io.github.pec4j.admission.AdmissionDecision;
import io.github.pec4j.admission.Evidence;
import io.github.pec4j.admission.Reason;
import io.github.pec4j.core.Headers;
import io.github.pec4j.core.OriginalMessage;
import io.github.pec4j.core.PecKind;
import io.github.pec4j.core.PecMessage;
import io.github.pec4j.core.Severity;
import io.github.pec4j.mailroom.IncomingRequests;
import io.github.pec4j.mailroom.RoundReport;
import io.github.pec4j.mailroom.Routing;
import io.github.pec4j.receipts.InteropAnswers;
import io.github.pec4j.receipts.InteropRecorder;
import io.github.pec4j.receipts.ReceiptFacts;
import io.github.pec4j.receipts.TransmissionRecorder;
import io.github.pec4j.registry.Assignment;
import io.github.pec4j.registry.BatchResult;
import io.github.pec4j.registry.IdempotencyKey;
import io.github.pec4j.registry.Impronta;
import io.github.pec4j.registry.IntakeEntry;
import io.github.pec4j.registry.IntakeEntry.Outcome;
import io.github.pec4j.registry.OutboxEntry;
import io.github.pec4j.registry.ProtocolId;
import io.github.pec4j.registry.Registration;
import io.github.pec4j.registry.RegistrationRequest;
import io.github.pec4j.registry.RegistrationResult;
import io.github.pec4j.registry.RegistryException;
import io.github.pec4j.registry.StoredDocument;
import io.github.pec4j.registry.TransmissionFiling;
import io.github.pec4j.registry.FilingResult;
import io.github.pec4j.segnatura.Segnatura;
import io.github.pec4j.signature.ProviderSignatureReport;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One message, from its spooled bytes to its folder: key → journal → parse → verify → admit → act →
 * commit → mail → move. New mail from INBOX is judged and held, then committed in groups ({@link #takeOrHold},
 * {@link #finishHeld}; MRM-GROUP-01): one transaction for the group's registrations, one for its receipts' filings,
 * one for its mail and journal entries. The order of effects is the point (MRM-EXACT-01/02): the registration and the mail to send are
 * committed before the journal entry, the journal entry before the message leaves its folder; a crash anywhere
 * leaves a state the next round repairs through the idempotency key.
 */
final class MessageIntake {
    private static final Logger LOG = LoggerFactory.getLogger("io.github.pec4j.mailroom.intake");

    /** Why a message is taken. */
    enum Mode {
        /** New mail in INBOX: a committed terminal outcome is not judged again, only completed (crash repair). */
        INTAKE,
        /** An unmatched receipt tried again: nothing is committed while it stays unmatched. */
        RETRY,
        /** An operator asked: judged afresh, whatever the journal says. */
        REPROCESS
    }

    /**
     * What was decided and done for a message, before it is committed to the journal; or, when {@code
     * pending} is present, a message admitted for registration whose request is still to be registered, and when
     * {@code filing} is, a receipt still to be filed on its registration.
     */
    private record Verdict(Outcome outcome, Optional<ProtocolId> registration, List<String> reasons, List<OutboxEntry> outbox,
            Optional<RegistrationRequest> pending, Optional<TransmissionFiling> filing) {
        Verdict(Outcome outcome, Optional<ProtocolId> registration, List<String> reasons, List<OutboxEntry> outbox) {
            this(outcome, registration, reasons, outbox, Optional.empty(), Optional.empty());
        }

        static Verdict of(Outcome outcome, List<String> reasons) {
            return new Verdict(outcome, Optional.empty(), reasons, List.of());
        }

        static Verdict pending(RegistrationRequest request, List<String> reasons) {
            return new Verdict(Outcome.REGISTERED, Optional.empty(), reasons, List.of(), Optional.of(request), Optional.empty());
        }

        /** A receipt to file on its registration, with the group's other filings (MRM-GROUP-01). */
        static Verdict filing(TransmissionFiling filing, List<String> reasons) {
            return new Verdict(Outcome.RECEIPT, Optional.of(filing.registration()), reasons, List.of(), Optional.empty(), Optional.of(filing));
        }

        /** A registration or a filing is still to be done. */
        boolean unsettled() {
            return pending.isPresent() || filing.isPresent();
        }
    }

    /**
     * A judged message held until its group is committed by {@link #finishHeld} (MRM-GROUP-01): one waiting for
     * its registration or its filing stays open, with its bytes; one whose verdict is final keeps only its journal
     * entry, not yet stored. The caller closes it.
     */
    static final class Held implements AutoCloseable {
        private final Mailbox.Ref ref;
        private final Optional<IntakeEntry> before;
        private final long started;
        private final Verdict verdict;
        private Spooled raw;
        private Parsed parsed;
        private Verdict settled;
        private IntakeEntry entry;

        private Held(Mailbox.Ref ref, Spooled raw, Parsed parsed, Optional<IntakeEntry> before, long started, Verdict verdict) {
            this.ref = ref;
            this.raw = raw;
            this.parsed = parsed;
            this.before = before;
            this.started = started;
            this.verdict = verdict;
        }

        boolean pending() {
            return verdict.unsettled();
        }

        /** The verdict is final: its entry is made now and the message and its bytes are let go. */
        private void settle(Verdict v, IntakeEntry e) throws IOException {
            settled = v;
            entry = e;
            close();
        }

        /** Closes the message and its bytes once (a settled message is closed early, its group closes it again). */
        @Override
        public void close() throws IOException {
            PecMessage m = parsed == null ? null : parsed.message();
            Spooled r = raw;
            parsed = null;
            raw = null;
            try {
                if (m != null) m.close();
            } finally {
                if (r != null) r.close();
            }
        }
    }

    /** What {@link #takeOrHold} came to: done (or nothing to do), or held for its group's commit. */
    record Taken(Optional<IntakeEntry> done, Optional<Held> held) {}

    /** The parsed message (or why it could not be parsed) and its key. */
    private record Parsed(PecMessage message, IdempotencyKey key, IdempotencyKey rawKey, String failure) {}

    private final PipelineSettings s;
    private final Mailbox mailbox;
    private final Outbox outbox;
    private final TransmissionRecorder recorder;
    private final InteropRecorder interop;

    MessageIntake(PipelineSettings s, Mailbox mailbox, Outbox outbox) {
        this.s = s;
        this.mailbox = mailbox;
        this.outbox = outbox;
        this.recorder = TransmissionRecorder.of(s.registry(), s.operator());
        this.interop = InteropRecorder.of(s.registry(), s.operator());
    }

    /**
     * Takes one message.
     *
     * @param wanted only this key (re-processing looks for one message in a folder)
     * @return the outcome, or empty when nothing was done (another key, an unmatched receipt still unmatched)
     * @throws IOException when the registry's storage fails: the message stays where it is
     */
    Optional<IntakeEntry> take(Mailbox.Ref ref, Spooled raw, Mode mode, Optional<IdempotencyKey> wanted) throws IOException {
        long started = System.nanoTime();
        Parsed p = parse(raw);
        try {
            if (wanted.isPresent() && !wanted.get().equals(p.key()) && !wanted.get().equals(p.rawKey())) return Optional.empty();
            Optional<IntakeEntry> before = s.state().intake(s.box(), p.key());
            if (before.isEmpty() && wanted.isPresent()) before = s.state().intake(s.box(), wanted.get());
            if (mode == Mode.INTAKE && before.isPresent() && terminal(before.get().outcome())) {
                Optional<IntakeEntry> repaired = complete(ref, raw, p.message(), before.get(), started);
                if (repaired.isPresent()) return repaired;
            }
            Verdict v = p.message() == null ? Verdict.of(Outcome.ERROR, List.of(p.failure())) : judge(p.message(), p.key());
            if (v.pending().isPresent()) {
                RegistrationRequest request = v.pending().get();
                v = registered(p.message(), v, () -> registerOne(request));
            }
            if (v.filing().isPresent()) {
                TransmissionFiling filing = v.filing().get();
                v = filed(v, () -> fileOne(filing));
            }
            if (mode == Mode.RETRY && v.outcome() == Outcome.RECEIPT_UNMATCHED) return Optional.empty();
            return Optional.of(finish(ref, p, v, before, wanted, started));
        } finally {
            if (p.message() != null) p.message().close();
        }
    }

    /**
     * Takes one new message from INBOX like {@link #take} in {@link Mode#INTAKE}, except that the judged message is
     * held for {@link #finishHeld} (MRM-GROUP-01): open, when it is to be registered ({@code raw} then belongs to
     * the {@link Held}); as its journal entry, not yet stored, when its verdict is final.
     */
    Taken takeOrHold(Mailbox.Ref ref, Spooled raw) throws IOException {
        long started = System.nanoTime();
        Parsed p = parse(raw);
        boolean held = false;
        try {
            Optional<IntakeEntry> before = s.state().intake(s.box(), p.key());
            if (before.isPresent() && terminal(before.get().outcome())) {
                Optional<IntakeEntry> repaired = complete(ref, raw, p.message(), before.get(), started);
                if (repaired.isPresent()) return new Taken(repaired, Optional.empty());
            }
            Verdict v = p.message() == null ? Verdict.of(Outcome.ERROR, List.of(p.failure())) : judge(p.message(), p.key());
            IntakeEntry entry = v.unsettled() ? null : entryOf(p, v, before);
            Held h = new Held(ref, raw, p, before, started, v);
            held = true;
            if (entry != null) h.settle(v, entry);
            return new Taken(Optional.empty(), Optional.of(h));
        } finally {
            if (!held) {
                try {
                    if (p.message() != null) p.message().close();
                } finally {
                    raw.close();
                }
            }
        }
    }

    /**
     * Commits a group of held messages (MRM-GROUP-01): those to register together (group commit: {@link
     * io.github.pec4j.registry.ProtocolRegistry#registerAll}), the receipts to file together ({@link
     * io.github.pec4j.registry.ProtocolRegistry#recordTransmissions}), then the whole group's mail and journal entries in
     * one call ({@link io.github.pec4j.registry.MailroomState#recordIntakes}), then the mail is sent and each
     * message moved, in order. No message of the group leaves INBOX before its registration and its entry are
     * committed. A storage failure of one registration or filing leaves that message in INBOX for the next round,
     * after the others are finished, and is thrown then; a storage failure of the journal leaves the whole group there.
     *
     * @return the entries of the group's messages, in order (those left in INBOX left out)
     */
    List<IntakeEntry> finishHeld(List<Held> held) throws IOException {
        if (held.isEmpty()) return List.of();
        RegistryException storage = register(held.stream().filter(h -> h.verdict.pending().isPresent()).toList());
        storage = either(storage, file(held.stream().filter(h -> h.verdict.filing().isPresent()).toList()));
        List<Held> ready = held.stream().filter(h -> h.entry != null).toList();
        List<OutboxEntry> mail = ready.stream().flatMap(h -> h.settled.outbox().stream()).toList();
        List<IntakeEntry> stored = journal(ready, mail);
        for (int i = 0; i < ready.size(); i++) committed(stored.get(i), ready.get(i).started);
        outbox.dispatchDue();
        moveAll(ready.stream().map(h -> h.ref).toList(), stored.stream().map(IntakeEntry::folder).toList());
        if (storage != null) throw storage;
        return stored;
    }

    /** The group's entries as stored; a state that answers for another number of them is a storage failure: nothing moves. */
    private List<IntakeEntry> journal(List<Held> ready, List<OutboxEntry> mail) throws IOException {
        List<IntakeEntry> stored = s.state().recordIntakes(ready.stream().map(h -> h.entry).toList(), mail);
        if (stored != null && stored.size() == ready.size()) return stored;
        throw new RegistryException(RegistryException.Reason.STORAGE, "the mailroom state answered " + (stored == null ? "nothing" : stored.size())
                + " journal entries for " + ready.size() + "; the group stays in INBOX");
    }

    /** Registers the group's messages to register together and settles each; the storage failure, if any, to throw once the rest is done. */
    private RegistryException register(List<Held> pending) throws IOException {
        if (pending.isEmpty()) return null;
        List<RegistrationRequest> requests = pending.stream().map(h -> h.verdict.pending().orElseThrow()).toList();
        Optional<List<BatchResult>> results = together("registrations", requests, s.registry()::registerAll);
        return settleEach(pending, i -> registered(pending.get(i).parsed.message(), pending.get(i).verdict,
                results.isPresent() ? () -> results.get().get(i) : () -> registerOne(requests.get(i))));
    }

    /** Files the group's receipts together and settles each; the storage failure, if any, to throw once the rest is done. */
    private RegistryException file(List<Held> filing) throws IOException {
        if (filing.isEmpty()) return null;
        List<TransmissionFiling> filings = filing.stream().map(h -> h.verdict.filing().orElseThrow()).toList();
        Optional<List<FilingResult>> results = together("receipt filings", filings, s.registry()::recordTransmissions);
        return settleEach(filing, i -> filed(filing.get(i).verdict, results.isPresent() ? () -> results.get().get(i) : () -> fileOne(filings.get(i))));
    }

    /** A held message's verdict once its pending step is done. */
    @FunctionalInterface
    private interface Settle {
        Verdict verdict(int index) throws IOException;
    }

    private RegistryException settleEach(List<Held> held, Settle settle) throws IOException {
        RegistryException storage = null;
        for (int i = 0; i < held.size(); i++) {
            Held h = held.get(i);
            try {
                Verdict v = settle.verdict(i);
                h.settle(v, entryOf(h.parsed, v, h.before));
            } catch (RegistryException e) {
                storage = either(storage, e); // only STORAGE reaches here: the message stays in INBOX
            }
        }
        return storage;
    }

    private static RegistryException either(RegistryException first, RegistryException next) {
        if (first == null) return next;
        if (next != null) first.addSuppressed(next);
        return first;
    }

    /** A registry call for a whole group. */
    @FunctionalInterface
    private interface GroupCall<T, R> {
        List<R> call(List<T> items) throws IOException;
    }

    /**
     * The group's results, or empty when the registry's batch broke as a whole with a defect (an unchecked
     * exception) or answered for another number of items: then each is done alone, so a defect stays with the
     * message that causes it (MRM-ISOL-01) and never takes the round down. What the batch did commit before
     * breaking is then found again (a registration by its key, a filing by its identity): never done twice.
     */
    private <T, R> Optional<List<R>> together(String what, List<T> items, GroupCall<T, R> call) throws IOException {
        try {
            List<R> results = call.call(items);
            if (results != null && results.size() == items.size()) return Optional.of(results);
            LOG.warn("the registry answered a group of {} {} with {} results; doing them one by one", items.size(), what,
                    results == null ? "no" : results.size());
        } catch (RuntimeException | LinkageError | AssertionError | StackOverflowError e) {
            LOG.warn("the registry's group of {} {} failed with a defect ({}); doing them one by one", items.size(), what, e.toString());
        }
        return Optional.empty();
    }

    /** How a pending registration or filing comes to its result: from the group's results, or done alone now. */
    @FunctionalInterface
    private interface Attempt<R> {
        R get() throws IOException;
    }

    private BatchResult registerOne(RegistrationRequest request) throws IOException {
        try {
            return BatchResult.of(s.registry().register(request));
        } catch (RegistryException e) {
            return BatchResult.failed(e);
        }
    }

    private FilingResult fileOne(TransmissionFiling f) throws IOException {
        try {
            return FilingResult.of(s.registry().recordTransmission(f.registration(), f.event(), f.rawReceipt(), f.actor()));
        } catch (RegistryException e) {
            return FilingResult.failed(e);
        }
    }

    /** The verdict of a receipt once it is filed (or refused: then its error, MRM-ISOL-01). */
    private static Verdict filed(Verdict pending, Attempt<FilingResult> filing) throws IOException {
        return guarded(() -> {
            filing.get().orThrow();
            return new Verdict(Outcome.RECEIPT, pending.registration(), pending.reasons(), List.of());
        });
    }

    /** The journal entry, the mail and the move of a judged message. */
    private IntakeEntry finish(Mailbox.Ref ref, Parsed p, Verdict v, Optional<IntakeEntry> before, Optional<IdempotencyKey> wanted, long started)
            throws IOException {
        IntakeEntry entry = commit(p, v, before, started);
        if (wanted.isPresent() && !wanted.get().equals(entry.key())) followUnder(wanted.get(), entry);
        outbox.dispatchDue();
        move(ref, entry.folder());
        return entry;
    }

    /**
     * A message kept under the key of its bytes (it could not be parsed) was re-processed and now has its own
     * key: the old entry follows it, so it leaves the queue it was listed in.
     */
    private void followUnder(IdempotencyKey old, IntakeEntry entry) throws IOException {
        s.state().recordIntake(new IntakeEntry(entry.mailbox(), old, entry.messageId(), entry.kind(), entry.sender(), entry.subject(),
                entry.outcome(), entry.registration(), entry.reasons(), entry.folder(), entry.at(), entry.attempts()));
    }

    /** The error entry of a message whose bytes could not be fetched, again and again. */
    IntakeEntry unfetchable(Mailbox.Ref ref, String why) throws IOException {
        IdempotencyKey key = IdempotencyKey.of("imap:" + ref.uidValidity() + ":" + ref.uid());
        Optional<IntakeEntry> before = s.state().intake(s.box(), key);
        Parsed p = new Parsed(null, key, key, why);
        IntakeEntry entry = commit(p, Verdict.of(Outcome.ERROR, List.of(why)), before, System.nanoTime());
        move(ref, entry.folder());
        return entry;
    }

    /** The key of a message, as {@link #take} computes it. */
    Optional<IdempotencyKey> keyOf(Spooled raw) {
        Parsed p = parse(raw);
        close(p.message());
        return Optional.of(p.key());
    }

    private static boolean terminal(Outcome o) {
        return o == Outcome.REGISTERED || o == Outcome.DUPLICATE || o == Outcome.RECEIPT || o == Outcome.REFUSED;
    }

    private Parsed parse(Spooled raw) {
        IdempotencyKey rawKey = IncomingRequests.rawKey(s.box(), raw.sha256Hex());
        PecMessage m = null;
        try {
            m = raw.parse(s.parser());
            return new Parsed(m, IncomingRequests.knownKey(s.box(), m).orElse(rawKey), rawKey, null);
        } catch (IOException e) {
            close(m);
            return new Parsed(null, rawKey, rawKey, "MRM-ISOL-01: the message could not be read: " + e);
        } catch (RuntimeException | LinkageError | AssertionError | StackOverflowError e) {
            close(m);
            return new Parsed(null, rawKey, rawKey, "MRM-ISOL-01: the parser failed on this message (a defect, kept for re-processing): " + e);
        }
    }

    private static void close(PecMessage m) {
        if (m != null) m.close();
    }

    // ------------------------------------------------------------------ crash repair

    /**
     * A message whose terminal outcome is committed but which is still here (a crash or a failed move after
     * the commit, or the same message delivered twice): nothing is judged again; its mail is queued if it was
     * not (same ids: never twice) and it goes to its folder. Empty when the bytes are not the registered ones:
     * then it is another message under the same key and is judged afresh (the registry refuses the conflict).
     */
    private Optional<IntakeEntry> complete(Mailbox.Ref ref, Spooled raw, PecMessage m, IntakeEntry before, long started) throws IOException {
        if (before.outcome() == Outcome.REGISTERED || before.outcome() == Outcome.DUPLICATE) {
            Optional<Registration> r = before.registration().isPresent() ? s.registry().find(before.registration().get()) : Optional.empty();
            Optional<Impronta> registered = r.flatMap(Registration::primary).map(StoredDocument::impronta);
            if (registered.filter(Impronta.ofHex(raw.sha256Hex())::equals).isEmpty()) return Optional.empty();
            outbox.enqueue(m == null ? outbox.notificationsFor(r.get()) : mailFor(r.get(), m));
        }
        Outcome shown = before.outcome() == Outcome.REGISTERED ? Outcome.DUPLICATE : before.outcome();
        List<String> reasons = List.of("already taken in: " + RoundReport.outcomeId(before.outcome())
                + before.registration().map(id -> " " + id).orElse("") + " at " + before.at() + "; nothing done again");
        IntakeEntry entry = new IntakeEntry(before.mailbox(), before.key(), before.messageId(), before.kind(), before.sender(), before.subject(),
                shown, before.registration(), reasons, before.folder(), s.clock().instant(), before.attempts());
        log(entry);
        s.metrics().outcome(shown, Duration.ofNanos(System.nanoTime() - started));
        outbox.dispatchDue();
        move(ref, before.folder());
        return Optional.of(entry);
    }

    // ------------------------------------------------------------------ judging

    /** What a step of judging may do. */
    @FunctionalInterface
    private interface Step {
        Verdict run() throws IOException;
    }

    private Verdict judge(PecMessage m, IdempotencyKey key) throws IOException {
        return guarded(() -> m.kind().isReceipt() ? receipt(m) : envelope(m, key));
    }

    /** A step's verdict; its failures, but the storage's, are the message's own (MRM-ISOL-01). */
    private static Verdict guarded(Step step) throws IOException {
        try {
            return step.run();
        } catch (RegistryException e) {
            if (e.reason() == RegistryException.Reason.STORAGE) throw e;
            return Verdict.of(Outcome.ERROR, List.of("MRM-ISOL-01: the registry refused it (" + e.reason() + "): " + e.getMessage()));
        } catch (IOException e) {
            return Verdict.of(Outcome.ERROR, List.of("MRM-ISOL-01: could not be read while judging: " + e));
        } catch (RuntimeException | LinkageError | AssertionError | StackOverflowError e) {
            return Verdict.of(Outcome.ERROR, List.of("MRM-ISOL-01: a defect while judging it (kept for re-processing): " + e));
        }
    }

    private Verdict envelope(PecMessage m, IdempotencyKey key) throws IOException {
        Evidence e = s.admission().evidence(m, Optional.empty(), Optional.empty());
        if (e.channel() == Evidence.Channel.PEC_NOT_VERIFIED) {
            return Verdict.of(Outcome.QUARANTINED, List.of("not genuine: the provider signature of this " + m.kind().id()
                    + " does not verify against the trusted PEC providers; never registered unseen, an operator decides"));
        }
        AdmissionDecision d = s.engine().decide(e);
        List<String> reasons = words(d.registration().reasons());
        return switch (d.registration().outcome()) {
            case NEEDS_OPERATOR -> Verdict.of(Outcome.QUARANTINED, prepend("needs an operator: not read completely, its kind in doubt or its segnatura refused", reasons));
            case RECEIPT_ONLY -> interop(m, e, reasons);
            case EXCLUDED -> excluded(m, key, d, reasons);
            case REGISTER, DUPLICATE -> d.receivability().receivable() ? register(m, e, reasons)
                    : Verdict.of(Outcome.QUARANTINED, prepend("not receivable (" + d.receivability().outcome() + "): an operator decides and answers the sender",
                            concat(reasons, words(d.receivability().reasons()))));
        };
    }

    /**
     * OUT-INTEROP-01: a conferma, aggiornamento, eccezione or annullamento from another AOO is recorded on the
     * outgoing registration it names. One that names no registration of ours is kept like an unmatched receipt
     * (retried every round, listed for an operator): it is an answer, never new correspondence to register.
     */
    private Verdict interop(PecMessage m, Evidence e, List<String> reasons) throws IOException {
        String what = "interoperability message (" + e.kind().name().toLowerCase(Locale.ROOT) + ")";
        Optional<SegnaturaOffices.Answer> answer = SegnaturaOffices.answer(m.attachments());
        if (answer.isEmpty()) return Verdict.of(Outcome.QUARANTINED, prepend(what + " not readable: an operator files it on its outgoing registration", reasons));
        InteropRecorder.Filed f = interop.record(answer.get().message(), senderAddress(m).orElse("unknown"), s.clock().instant(),
                Optional.of(answer.get().xml()));
        return switch (f.outcome()) {
            case RECORDED, DUPLICATE -> new Verdict(Outcome.RECEIPT, f.registration(), List.of(f.reason()), List.of());
            case UNMATCHED -> Verdict.of(Outcome.RECEIPT_UNMATCHED, List.of(f.reason() + "; kept in " + s.folders().unmatchedReceipts()
                    + " and matched again every round"));
            case NOT_AN_ANSWER -> Verdict.of(Outcome.QUARANTINED, prepend(what + ": " + f.reason() + "; an operator decides", reasons));
        };
    }

    private Verdict excluded(PecMessage m, IdempotencyKey key, AdmissionDecision d, List<String> reasons) {
        String rule = d.registration().reasons().isEmpty() ? "" : d.registration().reasons().get(0).rule();
        if (rule.equals("REG-MANUALE-QUARANTINE")) return Verdict.of(Outcome.QUARANTINED, reasons);
        if (!rule.equals("REG-MANUALE-REJECT")) return Verdict.of(Outcome.REFUSED, prepend("not registered, no reply", reasons));
        Optional<String> noReply = noReplyBecause(m);
        if (noReply.isPresent()) return Verdict.of(Outcome.REFUSED, prepend("MRM-ORD-02: no reply: " + noReply.get(), reasons));
        String to = senderAddress(m).orElseThrow();
        OutboxEntry reply = outbox.replyTo(key.value(), to, subject(m), m.original().flatMap(OriginalMessage::messageId).or(() -> m.correlation().messageId()));
        return new Verdict(Outcome.REFUSED, Optional.empty(), prepend("MRM-ORD-01: refused; the configured reply goes to " + to, reasons), List.of(reply));
    }

    /** MRM-ORD-02: never answer a receipt, the box itself, automatic mail (RFC 3834) or a list. */
    private Optional<String> noReplyBecause(PecMessage m) {
        if (m.kind().isReceipt()) return Optional.of("a PEC receipt");
        Optional<String> sender = senderAddress(m);
        if (sender.isEmpty()) return Optional.of("no sender address");
        String from = sender.get();
        if (from.equals(s.box()) || s.aoo().isOwnMailbox(from)) return Optional.of("the sender is the institutional box itself");
        String local = from.substring(0, Math.max(0, from.indexOf('@')));
        if (local.equals("mailer-daemon") || local.equals("postmaster") || local.startsWith("owner-") || local.endsWith("-request")
                || local.startsWith("noreply") || local.startsWith("no-reply")) {
            return Optional.of("an automatic sender (" + from + ")");
        }
        for (Headers h : headerSections(m)) {
            Optional<String> auto = h.first("Auto-Submitted").map(v -> v.trim().toLowerCase(Locale.ROOT));
            if (auto.isPresent() && !auto.get().startsWith("no")) return Optional.of("Auto-Submitted: " + auto.get());
            Optional<String> precedence = h.first("Precedence").map(v -> v.trim().toLowerCase(Locale.ROOT));
            if (precedence.filter(p -> p.equals("bulk") || p.equals("list") || p.equals("junk")).isPresent()) {
                return Optional.of("Precedence: " + precedence.get());
            }
            if (h.contains("List-Id")) return Optional.of("a mailing list (List-Id)");
        }
        return Optional.empty();
    }

    private static List<Headers> headerSections(PecMessage m) {
        List<Headers> out = new ArrayList<>();
        out.add(m.headers());
        m.original().map(OriginalMessage::headers).ifPresent(out::add);
        return out;
    }

    private Verdict register(PecMessage m, Evidence e, List<String> reasons) throws IOException {
        List<String> offices = e.segnatura().isPresent() ? SegnaturaOffices.of(m.attachments()) : List.of();
        List<Assignment> assignments = s.routing().route(new Routing.Facts(IncomingRequests.recipients(m), senderAddress(m), subject(m), offices));
        RegistrationRequest.Builder b = IncomingRequests.builder(s.register(), s.box(), m, Optional.of(e))
                .classification(s.classification()).operator(s.operator());
        assignments.forEach(b::assign);
        return Verdict.pending(b.build(), reasons);
    }

    /** The verdict of a message once its registration is done (or refused). */
    private Verdict registered(PecMessage m, Verdict pending, Attempt<BatchResult> attempt) throws IOException {
        return guarded(() -> {
            RegistrationResult result;
            try {
                result = attempt.get().orThrow();
            } catch (RegistryException x) {
                if (x.reason() != RegistryException.Reason.IDEMPOTENCY_CONFLICT) throw x;
                return conflict(m, x.existingRegistration());
            }
            Registration r = result.registration();
            List<String> why = new ArrayList<>(pending.reasons());
            why.add("assigned: " + String.join(", ", r.assignments().stream().map(Assignment::describe).toList()));
            return new Verdict(result.duplicate() ? Outcome.DUPLICATE : Outcome.REGISTERED, Optional.of(r.id()), why, mailFor(r, m));
        });
    }

    /** Its key is registered with other content: the same signed message delivered again, or a conflict. */
    private Verdict conflict(PecMessage m, Optional<ProtocolId> existing) throws IOException {
        if (existing.isPresent() && Redelivery.ofRegistered(m, s.registry(), existing.get(), s.parser())) {
            return new Verdict(Outcome.DUPLICATE, existing, List.of("MRM-REDELIVERY-01: the same signed message as " + existing.get()
                    + ", delivered again with other transport headers (unsigned); a duplicate"), List.of());
        }
        return Verdict.of(Outcome.QUARANTINED, List.of("REG-CONFLICT: its idempotency key is registered as "
                + existing.map(Object::toString).orElse("another registration")
                + " with other content; never taken as a duplicate, an operator decides"));
    }

    /** What goes out after a registration: the offices' notifications and, when the segnatura asks for one, the conferma. */
    private List<OutboxEntry> mailFor(Registration r, PecMessage m) throws IOException {
        List<OutboxEntry> out = new ArrayList<>(outbox.notificationsFor(r));
        conferma(r, m).ifPresent(out::add);
        return out;
    }

    /** OUT-INTEROP-01: the conferma di ricezione the incoming segnatura asks for (if the mailroom sends them). */
    private Optional<OutboxEntry> conferma(Registration r, PecMessage m) throws IOException {
        if (!s.confermaRicezione()) return Optional.empty();
        Optional<String> to = senderAddress(m);
        Optional<Segnatura> segnatura = SegnaturaOffices.segnatura(m.attachments());
        if (to.isEmpty() || segnatura.isEmpty()) return Optional.empty();
        Set<String> ours = new HashSet<>(s.aoo().mailboxes());
        ours.add(s.box());
        return InteropAnswers.confermaRicezione(segnatura.get(), r, ours).map(c -> outbox.conferma(r, c, to.get()));
    }

    private Verdict receipt(PecMessage m) throws IOException {
        ProviderSignatureReport signature = s.verifier().verify(m);
        if (!signature.isGenuine()) {
            return Verdict.of(Outcome.QUARANTINED, List.of("not genuine: the provider signature of this " + m.kind().id()
                    + " does not verify" + why(signature) + "; a forged or altered receipt is never filed"));
        }
        Optional<String> unusable = ReceiptFacts.unusable(m);
        if (unusable.isPresent()) return Verdict.of(Outcome.QUARANTINED, List.of(unusable.get()));
        ReceiptFacts facts = ReceiptFacts.from(m, s.clock().instant());
        Optional<String> client = facts.clientMessageId().or(facts::msgid);
        if (client.isEmpty()) return Verdict.of(Outcome.QUARANTINED, List.of("the " + m.kind().id() + " names no sent message (no msgid)"));
        if (outbox.isOwn(client.get())) {
            return Verdict.of(Outcome.RECEIPT, List.of("the " + m.kind().id() + " of the mailroom's own reply or notification <" + client.get()
                    + ">: filed with the receipts, nothing to register"));
        }
        Optional<ProtocolId> registration = s.registry().findBySentMessageId(client.get());
        if (registration.isEmpty()) {
            return Verdict.of(Outcome.RECEIPT_UNMATCHED, List.of("MRM-RCPT-01: no outgoing registration was sent with Message-ID <" + client.get()
                    + "> (yet): kept in " + s.folders().unmatchedReceipts() + " and matched again every round"));
        }
        TransmissionFiling filing = recorder.filing(registration.get(), m, facts);
        return Verdict.filing(filing, List.of("MRM-RCPT-01: filed on " + registration.get() + " as "
                + filing.event().type().name().toLowerCase(Locale.ROOT) + facts.recipient().map(r -> " for " + r).orElse("")));
    }

    /** The signature's first error, when the signature itself holds: its headers contradict what it signs. */
    private static String why(ProviderSignatureReport r) {
        if (r.verdict() != io.github.pec4j.signature.Verdict.VALID_TRUSTED) return "";
        return r.diagnostics().stream().filter(d -> d.severity() == Severity.ERROR).findFirst().map(d -> " (" + d.message() + ")").orElse("");
    }

    // ------------------------------------------------------------------ commit and move

    private IntakeEntry commit(Parsed p, Verdict v, Optional<IntakeEntry> before, long started) throws IOException {
        IntakeEntry entry = entryOf(p, v, before);
        // the mail is queued before the journal entry: a crash in between queues it again under the same ids
        outbox.enqueue(v.outbox());
        return committed(s.state().recordIntake(entry), started);
    }

    /** The journal entry of a judged message, not yet stored. */
    private IntakeEntry entryOf(Parsed p, Verdict v, Optional<IntakeEntry> before) {
        PecMessage m = p.message();
        return new IntakeEntry(s.box(), p.key(),
                m == null ? Optional.empty() : m.correlation().messageId(),
                m == null ? "unreadable" : m.kind().id(),
                m == null ? Optional.empty() : senderAddress(m),
                m == null ? Optional.empty() : subject(m),
                v.outcome(), v.registration(), v.reasons(), s.folders().forOutcome(v.outcome()), s.clock().instant(),
                before.map(b -> b.attempts() + 1).orElse(1));
    }

    /** What follows a stored journal entry: the log line, the metrics, the listener. */
    private IntakeEntry committed(IntakeEntry stored, long started) {
        log(stored);
        s.metrics().outcome(stored.outcome(), Duration.ofNanos(System.nanoTime() - started));
        Listeners.call(() -> s.listener().onOutcome(stored));
        return stored;
    }

    /** Each message to its folder, one command per folder (MRM-GROUP-01: all of them are committed). */
    private void moveAll(List<Mailbox.Ref> refs, List<String> folders) {
        Map<String, List<Mailbox.Ref>> byFolder = new LinkedHashMap<>();
        for (int i = 0; i < refs.size(); i++) {
            if (!refs.get(i).folder().equals(folders.get(i))) byFolder.computeIfAbsent(folders.get(i), k -> new ArrayList<>()).add(refs.get(i));
        }
        byFolder.forEach((folder, group) -> {
            try {
                mailbox.moveAll(group, folder);
            } catch (IOException e) {
                LOG.warn("committed but not moved to {} ({} messages): {}; the next round moves them without judging them again", folder, group.size(),
                        e.toString());
            }
        });
    }

    private void move(Mailbox.Ref ref, String folder) {
        if (ref.folder().equals(folder)) return;
        try {
            mailbox.move(ref, folder);
        } catch (IOException e) {
            LOG.warn("committed but not moved to {} (uid {}): {}; the next round moves it without judging it again", folder, ref.uid(), e.toString());
        }
    }

    private static void log(IntakeEntry e) {
        LOG.info("intake messageId={} kind={} outcome={} protocol={} folder={} reasons={}", e.messageId().orElse("-"), e.kind(),
                RoundReport.outcomeId(e.outcome()), e.registration().map(Object::toString).orElse("-"), e.folder(), e.reasons());
    }

    // ------------------------------------------------------------------ small helpers

    private static Optional<String> senderAddress(PecMessage m) {
        return IncomingRequests.senderAddress(m);
    }

    private static Optional<String> subject(PecMessage m) {
        return m.originalSubject().or(m::subject).map(String::strip).filter(x -> !x.isEmpty());
    }

    private static List<String> words(List<Reason> reasons) {
        return reasons.stream().map(r -> r.rule() + ": " + r.message()).toList();
    }

    private static List<String> prepend(String first, List<String> rest) {
        List<String> out = new ArrayList<>();
        out.add(first);
        out.addAll(rest);
        return out;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
