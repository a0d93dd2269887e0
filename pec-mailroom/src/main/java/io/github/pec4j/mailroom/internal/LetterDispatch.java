package io.github.pec4j.mailroom.internal;

import io.github.pec4j.mailroom.OutboundListener;
import io.github.pec4j.registry.Actor;
import io.github.pec4j.registry.Correspondent;
import io.github.pec4j.registry.Direction;
import io.github.pec4j.registry.MailroomState;
import io.github.pec4j.registry.OutboxEntry;
import io.github.pec4j.registry.ProtocolId;
import io.github.pec4j.registry.ProtocolRegistry;
import io.github.pec4j.registry.Registration;
import io.github.pec4j.registry.RegistryException;
import io.github.pec4j.registry.SearchQuery;
import io.github.pec4j.registry.StoredDocument;
import io.github.pec4j.registry.TransmissionEvent;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox of outgoing letters (OUT-ONCE-01, OUT-REFUSE-01): an entry {@code letter:<protocol>} per
 * registered letter, kept in the registry's {@link MailroomState}; registered → submitted (or refused, or
 * given up). What is submitted is the message stored with the registration, byte for byte, with its
 * Message-ID; a permanent refusal is recorded on the registration in the provider's words; a temporary
 * failure is retried with back-off.
 *
 * <p>OUT-ONCE-02: one node at a time submits from a box. Submitting — a {@code send}'s own letter, or a resume's due
 * letters — happens under the box's {@link SendingLease}, checked again (renewed, same token) before each submission,
 * and each entry is read again right before it leaves, so an entry another node submitted meanwhile is skipped.
 */
public final class LetterDispatch {
    private static final Logger LOG = LoggerFactory.getLogger(LetterDispatch.class);
    private static final ZoneId ROME = ZoneId.of("Europe/Rome");
    private static final Duration MAX_BACKOFF = Duration.ofHours(1);
    private static final String PREFIX = "letter:";
    /**
     * How long a letter being sent belongs to the {@code send} call that registered it: {@link #dispatchDue} and
     * {@link #repair} leave it alone until then, so a scheduled resume never submits it a second time meanwhile.
     */
    public static final Duration CLAIM = Duration.ofMinutes(5);

    private final ProtocolRegistry registry;
    private final MailroomState state;
    private final MailSender sender;
    private final Clock clock;
    private final Actor actor;
    private final OutboundListener listener;
    private final Duration retryBase;
    private final int maxAttempts;
    private final SendingLease lease;
    private final Duration leaseWait;
    private final Session session = Session.getInstance(new Properties());

    /**
     * What became of a letter a {@code send} registered.
     *
     * @param entry its outbox entry as stored afterwards
     * @param deferred why it was left in the outbox without an attempt (another node holds the box's lease), if it was
     */
    public record Attempt(OutboxEntry entry, Optional<String> deferred) {}

    public LetterDispatch(ProtocolRegistry registry, MailroomState state, MailSender sender, Clock clock, Actor actor,
            OutboundListener listener, Duration retryBase, int maxAttempts, SendingLease lease, Duration leaseWait) {
        this.registry = registry;
        this.state = state;
        this.sender = sender;
        this.clock = clock;
        this.actor = actor;
        this.listener = listener;
        this.retryBase = retryBase;
        this.maxAttempts = maxAttempts;
        this.lease = lease;
        this.leaseWait = leaseWait;
    }

    /**
     * Queues the letter a {@code send} just registered and submits it at once when this node holds (or gets, within the
     * lease wait) the box's lease; otherwise queues it due now, for the node holding the box to submit at its next
     * resume.
     */
    public Attempt sendRegistered(Registration r, String from, String messageId) throws IOException {
        boolean held = takeWaiting();
        try {
            OutboxEntry queued = enqueue(r, from, messageId, held ? clock.instant().plus(CLAIM) : clock.instant());
            if (!held) {
                String why = "OUT-ONCE-02: another node is submitting from " + from + " (lease " + lease.name()
                        + "): the letter is queued, and leaves at the next resume of the node holding the box";
                LOG.info("letter {}: {}", r.id(), why);
                return new Attempt(queued, Optional.of(why));
            }
            return new Attempt(send(queued), Optional.empty());
        } finally {
            if (held) lease.leave();
        }
    }

    /**
     * Under the box's lease: queues what a crash left registered and unqueued ({@link #repair}), then submits what is due;
     * nothing when another node holds the lease (it does the same).
     */
    public List<OutboxEntry> resume(String from, LocalDate since, Function<ProtocolId, String> messageIds) throws IOException {
        if (!lease.take()) {
            LOG.info("OUT-ONCE-02: another node holds {}: it resumes the letters of {}", lease.name(), from);
            return List.of();
        }
        try {
            repair(from, since, messageIds);
            return dispatchDue(from);
        } finally {
            lease.leave();
        }
    }

    private boolean takeWaiting() throws IOException {
        long end = System.nanoTime() + leaseWait.toNanos();
        while (true) {
            if (lease.take()) return true;
            if (System.nanoTime() - end >= 0) return false;
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /** The outbox id of a letter. */
    public static String entryId(ProtocolId id) {
        return PREFIX + id;
    }

    /**
     * Queues the letter registered as {@code r} (an entry already queued stays as it is), due at {@code due}: after
     * the {@link #CLAIM} when the caller submits it at once, now when a resume found it.
     */
    public OutboxEntry enqueue(Registration r, String from, String messageId, Instant due) throws IOException {
        String to = r.correspondents().stream().map(c -> c.address().orElse(c.name())).collect(Collectors.joining(", "));
        String subject = r.oggetto().length() > 300 ? r.oggetto().substring(0, 300) : r.oggetto();
        return state.enqueue(new OutboxEntry(entryId(r.id()), OutboxEntry.Kind.LETTER, from, to.isBlank() ? "-" : to, Optional.of(r.id()),
                Optional.empty(), subject, "", true, Optional.empty(), messageId, OutboxEntry.State.PENDING, 0, Optional.empty(), clock.instant(),
                Optional.of(due), Optional.empty()));
    }

    /**
     * Letters registered since {@code since} (by registration day), longer ago than the {@link #CLAIM}, that have
     * their message stored but no outbox entry — a crash between the commit and the queueing — queued now.
     */
    private int repair(String from, LocalDate since, Function<ProtocolId, String> messageIds) throws IOException {
        int queued = 0;
        LocalDate today = LocalDate.now(clock.withZone(ROME));
        for (int offset = 0; ; offset += SearchQuery.MAX_LIMIT) {
            List<Registration> page = registry.search(SearchQuery.all().direction(Direction.OUTGOING).registeredBetween(since, today)
                    .page(offset, SearchQuery.MAX_LIMIT));
            for (Registration r : page) {
                boolean claimed = r.registeredAt().isAfter(clock.instant().minus(CLAIM));
                if (!claimed && letterOf(r).isPresent() && state.outboxEntry(entryId(r.id())).isEmpty()) {
                    enqueue(r, from, messageIds.apply(r.id()), clock.instant());
                    LOG.warn("letter {} was registered but never queued (a crash after the commit): queued now", r.id());
                    queued++;
                }
            }
            if (page.size() < SearchQuery.MAX_LIMIT) return queued;
        }
    }

    /**
     * Submits the entries due now that are the outbound side's ({@link OutboxRoute#OUTBOUND}) and leave from {@code from};
     * the caller holds the lease, and it is checked again before each one.
     */
    private List<OutboxEntry> dispatchDue(String from) throws IOException {
        List<OutboxEntry> done = new ArrayList<>();
        for (OutboxEntry listed : state.due(clock.instant(), 200, OutboxRoute.OUTBOUND.kinds(), java.util.Set.of(from))) {
            if (!OutboxRoute.OUTBOUND.sends(listed) || !listed.from().equalsIgnoreCase(from)) continue;
            if (!lease.stillHeld()) break;
            Optional<OutboxEntry> now = state.outboxEntry(listed.id()).filter(this::due); // as stored now, not as listed
            if (now.isPresent()) done.add(send(now.get()));
        }
        return done;
    }

    private boolean due(OutboxEntry e) {
        return e.state() == OutboxEntry.State.PENDING && e.nextAttemptAt().map(t -> !t.isAfter(clock.instant())).orElse(false);
    }

    /** One attempt at submitting {@code e}, under the lease; returns the entry as stored afterwards. */
    private OutboxEntry send(OutboxEntry e) throws IOException {
        if (e.state() != OutboxEntry.State.PENDING) return e;
        ProtocolId id = e.registration().orElseThrow(() -> new IllegalArgumentException("a letter without its registration: " + e.id()));
        Registration r = registry.find(id).orElseThrow(() -> new RegistryException(RegistryException.Reason.NOT_FOUND, "no registration " + id));
        try {
            sender.send(stored(r));
        } catch (MailSender.Refused refused) {
            return refused(e, r, refused.getMessage());
        } catch (RegistryException storage) {
            throw storage;
        } catch (IOException failed) {
            return failed(e, r, String.valueOf(failed.getMessage()));
        }
        return submitted(e, r);
    }

    private OutboxEntry submitted(OutboxEntry e, Registration r) throws IOException {
        Instant now = clock.instant();
        for (Correspondent c : r.correspondents()) {
            if (c.address().isEmpty()) continue;
            String to = c.address().get().toLowerCase(Locale.ROOT);
            registry.recordTransmission(r.id(), TransmissionEvent.of(TransmissionEvent.Type.SENT, Optional.of(to), now)
                    .withMsgid(e.messageId()).withIdentificativo("sent:" + e.messageId() + ":" + to), Optional.empty(), actor);
        }
        OutboxEntry after = state.markSent(e.id(), now);
        LOG.info("letter {} submitted, Message-ID {}, to {}", r.id(), e.messageId(), e.to());
        Listeners.call(() -> listener.onSubmitted(r.id(), e.messageId()));
        return after;
    }

    private OutboxEntry refused(OutboxEntry e, Registration r, String words) throws IOException {
        recordRefusal(e, r, words);
        OutboxEntry after = state.markFailed(e.id(), words, Optional.empty());
        LOG.warn("letter {} refused by the provider: {}", r.id(), words);
        Listeners.call(() -> listener.onRefused(r.id(), words));
        return after;
    }

    private OutboxEntry failed(OutboxEntry e, Registration r, String error) throws IOException {
        int attempt = e.attempts() + 1;
        if (attempt >= maxAttempts) return refused(e, r, "given up after " + attempt + " attempts: " + error);
        Instant retry = clock.instant().plus(backoff(attempt));
        OutboxEntry after = state.markFailed(e.id(), error, Optional.of(retry));
        LOG.warn("letter {} attempt {} failed, retry at {}: {}", r.id(), attempt, retry, error);
        Listeners.call(() -> listener.onRetry(r.id(), error, retry));
        return after;
    }

    private void recordRefusal(OutboxEntry e, Registration r, String words) throws IOException {
        TransmissionEvent event = TransmissionEvent.of(TransmissionEvent.Type.SUBMISSION_REFUSED, Optional.empty(), clock.instant())
                .withMsgid(e.messageId()).withIdentificativo("refused:" + e.messageId() + ":" + (e.attempts() + 1))
                .withNote(words.length() > 2000 ? words.substring(0, 2000) : words);
        registry.recordTransmission(r.id(), event, Optional.empty(), actor);
    }

    private Duration backoff(int attempt) {
        Duration d = retryBase.multipliedBy(1L << Math.min(attempt - 1, 20));
        return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
    }

    /** The message stored with the registration, as it will be written: its bytes are never re-encoded. */
    private AsStored stored(Registration r) throws IOException {
        StoredDocument doc = letterOf(r).orElseThrow(() -> new RegistryException(RegistryException.Reason.NOT_FOUND,
                r.id() + " has no stored message " + LetterWriter.LETTER_FILE));
        try (InputStream in = registry.openDocument(r.id(), doc.index())) {
            return new AsStored(session, in);
        } catch (MessagingException e) {
            throw new IOException("the stored message of " + r.id() + " cannot be read: " + e.getMessage(), e);
        }
    }

    static Optional<StoredDocument> letterOf(Registration r) {
        return r.documents().stream().filter(d -> d.role() == StoredDocument.Role.GENERATED && d.fileName().equals(LetterWriter.LETTER_FILE))
                .findFirst();
    }

    /** A message read back from its bytes and written out unchanged (no header or encoding is made again). */
    private static final class AsStored extends KeepIdMimeMessage {
        AsStored(Session session, InputStream in) throws MessagingException {
            super(session, in);
        }

        @Override
        public void saveChanges() {
            // the stored bytes are the letter: nothing to update
        }
    }
}
