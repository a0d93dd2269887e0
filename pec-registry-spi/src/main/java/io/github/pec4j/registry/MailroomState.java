package io.github.pec4j.registry;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What {@code pec-mailroom} keeps beside the registrations, in the same store, so that the registry
 * stays the one place where state lives: the intake journal (each message's committed outcome), the
 * outbox of mail to send after a commit, and the leases that let one intake node at a time hold a
 * mailbox. A registry offers it through {@link ProtocolRegistry#mailroom()} when it declares {@link
 * Capability#MAILROOM}; the compatibility kit tests it then.
 *
 * <p>Every operation is atomic and thread-safe, and safe across processes for a registry that
 * declares {@link Capability#MULTI_PROCESS}. Storage failures reach the caller as {@link
 * RegistryException} with reason {@code STORAGE}.
 */
public interface MailroomState {

    /**
     * Commits the outcome of one message, replacing any entry of the same mailbox and key (a
     * re-processed message); returns what is stored.
     *
     * @param entry the outcome to store
     * @return the entry as stored
     * @throws IOException when the registry's storage cannot be reached or fails
     */
    IntakeEntry recordIntake(IntakeEntry entry) throws IOException;

    /**
     * Queues {@code mail} as {@link #enqueue} does (an id already queued stays as it is), then commits {@code
     * entries} as {@link #recordIntake} does: the bookkeeping of a group of messages taken in together, in one
     * transaction where the store has them (MRM-GROUP-01). Either way each entry is independent: a failure
     * part-way may leave the first ones committed, and the mailroom, which moves no message of the group before
     * this returns, repairs that like a crash (the journal and the idempotency keys). The default calls {@link
     * #enqueue} and {@link #recordIntake} one at a time.
     *
     * @param entries the outcomes to store, in order
     * @param mail the mail to queue before them (the offices' notifications, replies, conferme)
     * @return the entries as stored, in the order given
     * @throws IOException when the registry's storage cannot be reached or fails
     */
    default List<IntakeEntry> recordIntakes(List<IntakeEntry> entries, List<OutboxEntry> mail) throws IOException {
        for (OutboxEntry m : mail) enqueue(m);
        List<IntakeEntry> stored = new ArrayList<>(entries.size());
        for (IntakeEntry e : entries) stored.add(recordIntake(e));
        return stored;
    }

    /**
     * The committed outcome of a message, if any.
     *
     * @param mailbox the institutional box, lower-case address
     * @param key the message's intake key (see {@code PecAdmission.intakeKey}); for a message without any identifier,
     *     a key over its bytes
     * @return the committed outcome of a message, if any
     * @throws IOException when the registry's storage cannot be reached or fails
     */
    Optional<IntakeEntry> intake(String mailbox, IdempotencyKey key) throws IOException;

    /**
     * A mailbox's entries with the given outcome, oldest first (by {@link IntakeEntry#at()}, then key).
     *
     * @param offset entries to skip, at least 0
     * @param limit the most to return, at least 1
     * @param mailbox the institutional box, lower-case address
     * @param outcome what happened
     * @return a mailbox's entries with the given outcome, oldest first (by {@link IntakeEntry#at()}, then key)
     * @throws IOException when the registry's storage cannot be reached or fails
     */
    List<IntakeEntry> intakes(String mailbox, IntakeEntry.Outcome outcome, int offset, int limit) throws IOException;

    /**
     * Queues a mail unless an entry with its id exists; returns the stored entry (the existing one
     * when there is one: queuing twice never sends twice).
     *
     * @param entry the mail to queue
     * @return the stored entry
     * @throws IOException when the registry's storage cannot be reached or fails
     */
    OutboxEntry enqueue(OutboxEntry entry) throws IOException;

    /**
     * An outbox entry by id.
     *
     * @param id the entry's id
     * @return an outbox entry by id
     * @throws IOException when the registry's storage cannot be reached or fails
     */
    Optional<OutboxEntry> outboxEntry(String id) throws IOException;

    /**
     * Pending entries due at {@code now} ({@code nextAttemptAt <= now}), oldest first (by {@code createdAt}, then id); {@code limit} at least 1.
     *
     * @param limit the most to return (1-10000)
     * @param now the time entries are due by
     * @return at most {@code limit} entries
     * @throws IOException when the registry's storage cannot be reached or fails
     */
    List<OutboxEntry> due(Instant now, int limit) throws IOException;

    /**
     * Pending entries due at {@code now}, as {@link #due(Instant, int)}, but only those of {@code kinds} that leave from
     * one of {@code from} (addresses compared ignoring case). The mailroom and the outbound side each ask for their own
     * share, so a backlog of one kind, or of another box that shares the registry, never hides theirs (OUT-DUE-01).
     * The default filters what {@link #due(Instant, int)} returns with its largest limit, so past 10,000 due entries it
     * can still hide some: a store should filter where it keeps the entries.
     *
     * @param now the time entries are due by
     * @param limit the most to return (1-10000)
     * @param kinds the kinds wanted
     * @param from the sender addresses wanted
     * @return at most {@code limit} entries, oldest first (by {@code createdAt}, then id)
     * @throws IOException when the registry's storage cannot be reached or fails
     */
    default List<OutboxEntry> due(Instant now, int limit, Set<OutboxEntry.Kind> kinds, Set<String> from) throws IOException {
        Set<String> senders = from.stream().map(a -> a.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        return due(now, 10_000).stream().filter(e -> kinds.contains(e.kind()) && senders.contains(e.from().toLowerCase(Locale.ROOT)))
                .limit(limit).toList();
    }

    /**
     * The outbox entries about a registration, oldest first (by {@code createdAt}, then id).
     *
     * @param registration the registration: new, or the existing one with the same idempotency key
     * @return the outbox entries about a registration, oldest first (by {@code createdAt}, then id)
     * @throws IOException when the registry's storage cannot be reached or fails
     */
    List<OutboxEntry> outbox(ProtocolId registration) throws IOException;

    /**
     * Marks an entry sent at {@code at} ({@link OutboxEntry#sent}); marking a sent entry again returns it unchanged.
     *
     * @param id the entry's id
     * @param at when it was sent, by the registry's clock
     * @return the entry as stored
     * @throws RegistryException NOT_FOUND for an unknown id
     */
    OutboxEntry markSent(String id, Instant at) throws IOException;

    /**
     * Records a failed attempt ({@link OutboxEntry#failed}: attempts + 1, the error kept): the entry stays pending until {@code
     * retryAt}, or is given up ({@link OutboxEntry.State#FAILED}) when {@code retryAt} is empty. A
     * sent entry is returned unchanged.
     *
     * @param id the entry's id
     * @param error what went wrong, for the operator
     * @param retryAt when to try again; empty to give up
     * @return the entry as stored
     * @throws RegistryException NOT_FOUND for an unknown id
     */
    OutboxEntry markFailed(String id, String error, Optional<Instant> retryAt) throws IOException;

    /**
     * Takes the lease {@code name} for {@code holder} until now + {@code ttl} by the registry's clock when it is
     * free, expired, or already held by {@code holder} (then it is renewed, keeping its token);
     * empty while another holder's lease runs.
     *
     * <p>A lease runs while the registry's clock is before {@code expiresAt}; at {@code expiresAt} it
     * has lapsed. The token is 1 for a name never leased, and grows by one whenever the lease passes
     * to a holder other than the one recorded, or to anyone after a {@link #release}; a holder whose
     * lapsed lease nobody took meanwhile gets it back with its token.
     *
     * @param ttl how long the lease runs, positive
     * @param name what is leased, e.g. {@code imap:protocollo@pec.comune.example.it}
     * @param holder the node holding it
     * @return the lease, or empty when another holder has it
     * @throws IOException when the registry's storage cannot be reached or fails
     */
    Optional<MailboxLease> acquire(String name, String holder, Duration ttl) throws IOException;

    /**
     * Gives the lease up if {@code lease.holder()} still holds it with {@code lease.token()}; otherwise nothing.
     *
     * @param lease the lease taken earlier
     * @throws IOException when the registry's storage cannot be reached or fails
     */
    void release(MailboxLease lease) throws IOException;
}
