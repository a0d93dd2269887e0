package io.github.pec4j.mailroom.internal;

import io.github.pec4j.registry.IdempotencyKey;
import io.github.pec4j.registry.IntakeEntry;
import io.github.pec4j.registry.MailboxLease;
import io.github.pec4j.registry.MailroomState;
import io.github.pec4j.registry.OutboxEntry;
import io.github.pec4j.registry.ProtocolId;
import io.github.pec4j.registry.RegistryException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The mailroom's state in this process's memory, for a registry without {@code MAILROOM} capability: one
 * node only, and a restart forgets the journal and the pending mail (the registry's idempotency key still
 * prevents a second registration). The mailroom warns when it falls back to this.
 */
public final class LocalMailroomState implements MailroomState {
    private final Clock clock;
    private final Map<String, IntakeEntry> journal = new LinkedHashMap<>();
    private final Map<String, OutboxEntry> outbox = new LinkedHashMap<>();
    private final Map<String, MailboxLease> leases = new LinkedHashMap<>();

    public LocalMailroomState(Clock clock) {
        this.clock = clock;
    }

    private static String id(String mailbox, IdempotencyKey key) {
        return mailbox + '\n' + key.value();
    }

    @Override
    public synchronized IntakeEntry recordIntake(IntakeEntry entry) {
        journal.remove(id(entry.mailbox(), entry.key())); // a replaced entry moves to the end, as a new commit
        journal.put(id(entry.mailbox(), entry.key()), entry);
        return entry;
    }

    @Override
    public synchronized Optional<IntakeEntry> intake(String mailbox, IdempotencyKey key) {
        return Optional.ofNullable(journal.get(id(mailbox, key)));
    }

    @Override
    public synchronized List<IntakeEntry> intakes(String mailbox, IntakeEntry.Outcome outcome, int offset, int limit) {
        return journal.values().stream().filter(e -> e.mailbox().equals(mailbox) && e.outcome() == outcome)
                .sorted(Comparator.comparing(IntakeEntry::at).thenComparing(e -> e.key().value()))
                .skip(offset).limit(limit).toList();
    }

    @Override
    public synchronized OutboxEntry enqueue(OutboxEntry entry) {
        return outbox.computeIfAbsent(entry.id(), k -> entry);
    }

    @Override
    public synchronized Optional<OutboxEntry> outboxEntry(String id) {
        return Optional.ofNullable(outbox.get(id));
    }

    @Override
    public synchronized List<OutboxEntry> due(Instant now, int limit) {
        return dueWhere(now, limit, e -> true);
    }

    @Override
    public synchronized List<OutboxEntry> due(Instant now, int limit, Set<OutboxEntry.Kind> kinds, Set<String> from) {
        Set<String> senders = from.stream().map(a -> a.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        return dueWhere(now, limit, e -> kinds.contains(e.kind()) && senders.contains(e.from().toLowerCase(Locale.ROOT)));
    }

    private List<OutboxEntry> dueWhere(Instant now, int limit, java.util.function.Predicate<OutboxEntry> wanted) {
        return outbox.values().stream().filter(e -> e.state() == OutboxEntry.State.PENDING)
                .filter(e -> e.nextAttemptAt().map(t -> !t.isAfter(now)).orElse(true)).filter(wanted)
                .sorted(Comparator.comparing(OutboxEntry::createdAt)).limit(limit).toList();
    }

    @Override
    public synchronized List<OutboxEntry> outbox(ProtocolId registration) {
        return outbox.values().stream().filter(e -> e.registration().filter(registration::equals).isPresent())
                .sorted(Comparator.comparing(OutboxEntry::createdAt)).toList();
    }

    @Override
    public synchronized OutboxEntry markSent(String id, Instant at) throws RegistryException {
        OutboxEntry e = known(id);
        if (e.state() == OutboxEntry.State.SENT) return e;
        OutboxEntry sent = new OutboxEntry(e.id(), e.kind(), e.from(), e.to(), e.registration(), e.office(), e.subject(), e.body(),
                e.withAttachments(), e.inReplyTo(), e.messageId(), OutboxEntry.State.SENT, e.attempts(), e.lastError(), e.createdAt(),
                Optional.empty(), Optional.of(at));
        outbox.put(id, sent);
        return sent;
    }

    @Override
    public synchronized OutboxEntry markFailed(String id, String error, Optional<Instant> retryAt) throws RegistryException {
        OutboxEntry e = known(id);
        if (e.state() == OutboxEntry.State.SENT) return e;
        OutboxEntry failed = new OutboxEntry(e.id(), e.kind(), e.from(), e.to(), e.registration(), e.office(), e.subject(), e.body(),
                e.withAttachments(), e.inReplyTo(), e.messageId(), retryAt.isPresent() ? OutboxEntry.State.PENDING : OutboxEntry.State.FAILED,
                e.attempts() + 1, Optional.of(error), e.createdAt(), retryAt, Optional.empty());
        outbox.put(id, failed);
        return failed;
    }

    private OutboxEntry known(String id) throws RegistryException {
        OutboxEntry e = outbox.get(id);
        if (e == null) throw new RegistryException(RegistryException.Reason.NOT_FOUND, "no outbox entry " + id);
        return e;
    }

    @Override
    public synchronized Optional<MailboxLease> acquire(String name, String holder, Duration ttl) {
        Instant now = clock.instant();
        MailboxLease current = leases.get(name);
        if (current != null && !current.holder().equals(holder) && current.expiresAt().isAfter(now)) return Optional.empty();
        long token = current == null ? 1 : current.holder().equals(holder) ? current.token() : current.token() + 1;
        MailboxLease lease = new MailboxLease(name, holder, token, now.plus(ttl));
        leases.put(name, lease);
        return Optional.of(lease);
    }

    @Override
    public synchronized void release(MailboxLease lease) {
        MailboxLease current = leases.get(lease.name());
        if (current != null && current.holder().equals(lease.holder()) && current.token() == lease.token()) leases.remove(lease.name());
    }
}
