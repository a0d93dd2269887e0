package io.github.pec4j.mailroom.internal;

import io.github.pec4j.mailroom.Folders;
import io.github.pec4j.mailroom.QuotaUse;
import io.github.pec4j.mailroom.RoundReport;
import io.github.pec4j.registry.IdempotencyKey;
import io.github.pec4j.registry.IntakeEntry;
import io.github.pec4j.registry.MailboxLease;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One institutional box's rounds of intake: hold the lease, watch the quota, retry unmatched receipts, take
 * INBOX in message by message, send what is due, archive old receipts. One thread at a time (the public
 * {@code Mailroom} serialises calls).
 */
public final class Pipeline {
    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);
    private static final int QUEUE_COUNT_CAP = 10_000;
    /** Registrations committed in one transaction at most: bounds the messages held open and the transaction's length. */
    static final int GROUP = 16;

    private final PipelineSettings s;
    private final Mailbox mailbox;
    private final Outbox outbox;
    private final MessageIntake intake;
    private final OverdueChecks overdue;
    private final Map<String, Integer> fetchFailures = new HashMap<>();
    private final ExecutorService fetcher;
    private Optional<MailboxLease> lease = Optional.empty();
    private Instant leaseTakenAt = Instant.MIN;
    private QuotaUse.Level lastQuotaLevel = QuotaUse.Level.OK;
    private Instant lastArchive = Instant.MIN;
    private boolean opened;
    private boolean standby;

    public Pipeline(PipelineSettings s, Mailbox mailbox, Optional<MailSender> sender) {
        this.s = s;
        this.mailbox = new LockedMailbox(mailbox); // FetchAhead's thread reads it too
        this.outbox = new Outbox(s, sender);
        this.intake = new MessageIntake(s, this.mailbox, outbox);
        this.fetcher = FetchAhead.fetcher(s.box());
        this.overdue = new OverdueChecks(s);
    }

    /** One round; {@code stop} is asked between messages (the message in hand is always finished). */
    public RoundReport round(BooleanSupplier stop) throws IOException {
        Instant started = s.clock().instant();
        if (!holdLease()) {
            if (!standby) LOG.info("intake of {} waits: another node holds the box", s.box());
            standby = true;
            return report(started, List.of(), false, Optional.empty());
        }
        if (standby) LOG.info("intake of {}: this node now holds the box", s.box());
        standby = false;
        openBox();
        Optional<QuotaUse> quota = watchQuota();
        List<IntakeEntry> done = new ArrayList<>();
        boolean held = retryUnmatched(done, stop) && takeInbox(done, stop);
        outbox.dispatchDue();
        if (held && holdLease()) overdue.maybeCheck();
        if (held) archiveOldReceipts();
        countQueues();
        return report(started, done, held, quota);
    }

    private RoundReport report(Instant started, List<IntakeEntry> done, boolean held, Optional<QuotaUse> quota) {
        RoundReport r = new RoundReport(s.box(), started, done, held, quota);
        Listeners.call(() -> s.listener().onRound(r));
        return r;
    }

    private void openBox() throws IOException {
        if (opened) return;
        List<String> folders = new ArrayList<>(s.folders().all());
        mailbox.open(folders);
        opened = true;
    }

    /**
     * INBOX, batch by batch, until it holds nothing new for this round. Judged messages are held and committed in
     * groups of at most {@value #GROUP} (MRM-GROUP-01): the registrations in one transaction, the receipts'
     * filings in one, then the group's journal entries and mail in one more; every group is committed and moved
     * (one MOVE per folder) before the next batch is listed, and before the round ends. The batch's next messages
     * are fetched while the current one is taken in (MRM-PREFETCH-01).
     */
    private boolean takeInbox(List<IntakeEntry> done, BooleanSupplier stop) throws IOException {
        Set<String> seen = new HashSet<>();
        Group held = new Group();
        try {
            while (!stop.getAsBoolean()) {
                List<Mailbox.Ref> batch = mailbox.list(Folders.INBOX, s.batchSize()).stream().filter(r -> !seen.contains(id(r))).toList();
                if (batch.isEmpty()) return true;
                if (!takeBatch(batch, seen, held, done, stop)) return false;
            }
            return true;
        } finally {
            done.removeIf(Objects::isNull); // the places of messages held but never registered (lease lost, storage failed)
            held.close();
        }
    }

    /** False when the lease was lost: what is held stays in INBOX, uncommitted, for the node holding the box. */
    private boolean takeBatch(List<Mailbox.Ref> batch, Set<String> seen, Group held, List<IntakeEntry> done, BooleanSupplier stop)
            throws IOException {
        try (FetchAhead ahead = new FetchAhead(fetcher, mailbox, batch, s.fetchAhead())) {
            for (Mailbox.Ref ref : batch) {
                if (stop.getAsBoolean()) break;
                if (!holdLease()) {
                    LOG.warn("lease on {} lost: this node stops taking in", s.box());
                    return false;
                }
                seen.add(id(ref));
                takeOrHold(ref, ahead, held, done);
                if (held.messages.size() >= GROUP) finishHeld(held, done);
            }
        }
        finishHeld(held, done);
        return true;
    }

    /** Messages held for their group's commit, and their places in the round's list (reported in INBOX order). */
    private static final class Group implements AutoCloseable {
        final List<MessageIntake.Held> messages = new ArrayList<>();
        final List<Integer> places = new ArrayList<>();

        @Override
        public void close() throws IOException {
            IOException failure = null;
            for (MessageIntake.Held h : messages) {
                try {
                    h.close();
                } catch (IOException e) {
                    if (failure == null) failure = e;
                }
            }
            messages.clear();
            places.clear();
            if (failure != null) throw failure;
        }
    }

    private void takeOrHold(Mailbox.Ref ref, FetchAhead ahead, Group held, List<IntakeEntry> done) throws IOException {
        Optional<Spooled> raw = fetch(ref, MessageIntake.Mode.INTAKE, done, () -> ahead.take(ref));
        if (raw.isEmpty()) return;
        MessageIntake.Taken taken = intake.takeOrHold(ref, raw.get());
        taken.done().ifPresent(done::add);
        if (taken.held().isPresent()) {
            held.messages.add(taken.held().get());
            held.places.add(done.size());
            done.add(null);
        }
    }

    private void finishHeld(Group held, List<IntakeEntry> done) throws IOException {
        if (held.messages.isEmpty()) return;
        try {
            List<IntakeEntry> entries = intake.finishHeld(held.messages);
            for (int i = 0; i < entries.size(); i++) done.set(held.places.get(i), entries.get(i));
        } finally {
            held.close();
        }
    }

    /** MRM-RCPT-01: receipts not matched before are tried again; those now matched are filed and moved. */
    private boolean retryUnmatched(List<IntakeEntry> done, BooleanSupplier stop) throws IOException {
        for (Mailbox.Ref ref : mailbox.list(s.folders().unmatchedReceipts(), s.batchSize())) {
            if (stop.getAsBoolean()) return true;
            if (!holdLease()) return false;
            takeOne(ref, MessageIntake.Mode.RETRY, Optional.empty()).ifPresent(done::add);
        }
        return true;
    }

    private Optional<IntakeEntry> takeOne(Mailbox.Ref ref, MessageIntake.Mode mode, Optional<IdempotencyKey> wanted) throws IOException {
        List<IntakeEntry> failed = new ArrayList<>(1);
        Optional<Spooled> raw = fetch(ref, mode, failed);
        if (raw.isEmpty()) return failed.stream().findFirst();
        try (Spooled r = raw.get()) {
            return intake.take(ref, r, mode, wanted);
        }
    }

    private Optional<Spooled> fetch(Mailbox.Ref ref, MessageIntake.Mode mode, List<IntakeEntry> failed) throws IOException {
        return fetch(ref, mode, failed, () -> Spooled.fetch(mailbox, ref));
    }

    private interface Fetch {
        Spooled bytes() throws IOException;
    }

    /** The message's bytes; empty when it vanished or could not be fetched (then its error entry, if any, is added to {@code failed}). */
    private Optional<Spooled> fetch(Mailbox.Ref ref, MessageIntake.Mode mode, List<IntakeEntry> failed, Fetch fetch) throws IOException {
        Spooled raw;
        try {
            raw = fetch.bytes();
        } catch (NoSuchFileException gone) {
            LOG.debug("uid {} in {} vanished (taken by another node or expunged)", ref.uid(), ref.folder());
            return Optional.empty();
        } catch (UidValidityChanged renumbered) {
            LOG.info("MRM-EXACT-03: {}; listed again, and the journal keeps what was taken in from being taken twice", renumbered.getMessage());
            return Optional.empty();
        } catch (IOException e) {
            fetchFailed(ref, mode, e).ifPresent(failed::add);
            return Optional.empty();
        }
        fetchFailures.remove(id(ref));
        return Optional.of(raw);
    }

    /** A message that cannot be fetched stays for the next round; after a few rounds it goes to errors (MRM-ISOL-01). */
    private Optional<IntakeEntry> fetchFailed(Mailbox.Ref ref, MessageIntake.Mode mode, IOException e) throws IOException {
        int failures = fetchFailures.merge(id(ref), 1, Integer::sum);
        if (mode != MessageIntake.Mode.INTAKE || failures < s.fetchAttempts()) {
            LOG.warn("uid {} in {} could not be fetched (attempt {}): {}", ref.uid(), ref.folder(), failures, e.toString());
            return Optional.empty();
        }
        fetchFailures.remove(id(ref));
        return Optional.of(intake.unfetchable(ref, "MRM-ISOL-01: could not be fetched " + failures + " times: " + e));
    }

    private static String id(Mailbox.Ref r) {
        return r.folder() + '\n' + r.uidValidity() + '\n' + r.uid();
    }

    // ------------------------------------------------------------------ lease

    /** MRM-NODE-01: holds (or renews, after a third of its time) the box's lease; true without a shared registry. */
    boolean holdLease() throws IOException {
        if (!s.sharedState()) return true;
        Instant now = s.clock().instant();
        if (lease.isPresent() && Duration.between(leaseTakenAt, now).compareTo(s.leaseTtl().dividedBy(3)) < 0) return true;
        Optional<MailboxLease> got = s.state().acquire("imap:" + s.box(), s.nodeId(), s.leaseTtl());
        if (got.isPresent() && lease.isPresent() && got.get().token() != lease.get().token()) {
            LOG.warn("lease on {} was lost and taken again (token {} → {})", s.box(), lease.get().token(), got.get().token());
        }
        lease = got;
        leaseTakenAt = now;
        return got.isPresent();
    }

    /** Gives the lease up (on close). */
    public void releaseLease() {
        try {
            if (lease.isPresent()) s.state().release(lease.get());
        } catch (IOException e) {
            LOG.warn("could not release the lease on {}: {}", s.box(), e.toString());
        }
        lease = Optional.empty();
    }

    /** Ends the fetching thread (on close; no round is running then, so no fetch is). */
    public void stopFetching() {
        fetcher.shutdown();
    }

    // ------------------------------------------------------------------ quota, queues, archive

    private Optional<QuotaUse> watchQuota() {
        Optional<Mailbox.Quota> q;
        try {
            q = mailbox.quota();
        } catch (IOException e) {
            LOG.debug("quota of {} unknown: {}", s.box(), e.toString());
            return Optional.empty();
        }
        if (q.isEmpty()) return Optional.empty();
        QuotaUse use = new QuotaUse(s.box(), q.get().usedKb(), q.get().limitKb());
        s.metrics().quota(use.share());
        if (use.level().compareTo(QuotaUse.Level.OK) > 0 && use.level().compareTo(lastQuotaLevel) > 0) {
            LOG.warn("MRM-QUOTA-01: the box {} is {} % full ({} of {} KB): {}", s.box(), Math.round(use.share() * 100), use.usedKb(), use.limitKb(),
                    use.level() == QuotaUse.Level.CRITICAL ? "the provider will soon refuse mail" : "clean up or ask the provider for room");
        }
        lastQuotaLevel = use.level();
        Listeners.call(() -> s.listener().onQuota(use));
        return Optional.of(use);
    }

    private void countQueues() throws IOException {
        if (s.metrics() == Metrics.NONE) return;
        s.metrics().queues(count(IntakeEntry.Outcome.ERROR), count(IntakeEntry.Outcome.QUARANTINED), count(IntakeEntry.Outcome.RECEIPT_UNMATCHED));
    }

    private long count(IntakeEntry.Outcome outcome) throws IOException {
        long n = 0;
        for (int offset = 0; offset < QUEUE_COUNT_CAP; offset += 500) {
            int page = s.state().intakes(s.box(), outcome, offset, 500).size();
            n += page;
            if (page < 500) break;
        }
        return n;
    }

    /** Filed receipts older than the configured age go to the archive folder, at most once a day. */
    private void archiveOldReceipts() throws IOException {
        if (s.archiveReceiptsAfter().isEmpty()) return;
        Instant now = s.clock().instant();
        if (Duration.between(lastArchive, now).compareTo(Duration.ofDays(1)) < 0) return;
        lastArchive = now;
        Instant cutoff = now.minus(s.archiveReceiptsAfter().get());
        int moved = 0;
        for (Mailbox.Ref ref : mailbox.list(s.folders().receipts(), s.batchSize())) {
            Optional<IntakeEntry> entry = journalOf(ref);
            if (entry.isEmpty() || entry.get().outcome() != IntakeEntry.Outcome.RECEIPT) continue;
            if (entry.get().at().isAfter(cutoff)) break; // oldest first: the rest are newer
            mailbox.move(ref, s.folders().archive());
            moved++;
        }
        if (moved > 0) LOG.info("archived {} receipts older than {} from {} to {}", moved, s.archiveReceiptsAfter().get(), s.folders().receipts(),
                s.folders().archive());
    }

    private Optional<IntakeEntry> journalOf(Mailbox.Ref ref) throws IOException {
        try (Spooled raw = Spooled.fetch(mailbox, ref)) {
            Optional<IdempotencyKey> key = intake.keyOf(raw);
            return key.isEmpty() ? Optional.empty() : s.state().intake(s.box(), key.get());
        } catch (NoSuchFileException gone) {
            return Optional.empty();
        }
    }

    // ------------------------------------------------------------------ operator

    /** The entries with an outcome, oldest first. */
    public List<IntakeEntry> queue(IntakeEntry.Outcome outcome, int limit) throws IOException {
        return s.state().intakes(s.box(), outcome, 0, limit);
    }

    /**
     * Judges one message afresh, found by its key in its folder (else in INBOX), and moves it where its new
     * outcome says; empty when the journal has no such key or the message is in neither folder.
     */
    public Optional<IntakeEntry> reprocess(IdempotencyKey key) throws IOException {
        Optional<IntakeEntry> entry = s.state().intake(s.box(), key);
        if (entry.isEmpty()) return Optional.empty();
        if (!holdLease()) throw new IOException("another node holds " + s.box() + ": re-process there, or when it has stopped");
        openBox();
        for (String folder : List.of(entry.get().folder(), Folders.INBOX)) {
            for (Mailbox.Ref ref : mailbox.list(folder, Integer.MAX_VALUE)) {
                Optional<IntakeEntry> done = takeOne(ref, MessageIntake.Mode.REPROCESS, Optional.of(key));
                if (done.isPresent()) return done;
            }
        }
        return Optional.empty();
    }
}
