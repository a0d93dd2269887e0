package io.github.pec4j.registry.memory.internal;

import io.github.pec4j.registry.IdempotencyKey;
import io.github.pec4j.registry.IntakeEntry;
import io.github.pec4j.registry.MailboxLease;
import io.github.pec4j.registry.MailroomState;
import io.github.pec4j.registry.OutboxEntry;
import io.github.pec4j.registry.ProtocolId;
import io.github.pec4j.registry.RegistryException;
import io.github.pec4j.registry.RegistryException.Reason;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The in-memory mailroom state. Every method is {@code synchronized}: one monitor makes each
 * operation atomic, as the contract asks.
 */
final class MemoryMailroomState implements MailroomState {
    private static final Comparator<IntakeEntry> INTAKE_ORDER =
            Comparator.comparing(IntakeEntry::at).thenComparing(e -> e.key().value());
    private static final Comparator<OutboxEntry> OUTBOX_ORDER =
            Comparator.comparing(OutboxEntry::createdAt).thenComparing(OutboxEntry::id);

    /** Checks that the registry is open (a closed registry refuses every operation). */
    @FunctionalInterface
    interface OpenCheck {
        void ensureOpen() throws RegistryException;
    }

    private record IntakeKey(String mailbox, IdempotencyKey key) {}

    /** A lease's last state: {@code holder} empty once released, so that the next holder gets a new token. */
    private record Lease(Optional<String> holder, long token, Instant expiresAt) {}

    private final Clock clock;
    private final OpenCheck open;
    private final Map<IntakeKey, IntakeEntry> intakes = new HashMap<>();
    private final Map<String, OutboxEntry> outbox = new HashMap<>();
    private final Map<String, Lease> leases = new HashMap<>();

    MemoryMailroomState(Clock clock, OpenCheck open) {
        this.clock = clock;
        this.open = open;
    }

    @Override
    public synchronized IntakeEntry recordIntake(IntakeEntry entry) throws IOException {
        open.ensureOpen();
        intakes.put(new IntakeKey(entry.mailbox(), entry.key()), entry);
        return entry;
    }

    /** Under the one monitor: no other call sees the group half recorded. */
    @Override
    public synchronized List<IntakeEntry> recordIntakes(List<IntakeEntry> entries, List<OutboxEntry> mail) throws IOException {
        return MailroomState.super.recordIntakes(entries, mail);
    }

    @Override
    public synchronized Optional<IntakeEntry> intake(String mailbox, IdempotencyKey key) throws IOException {
        Objects.requireNonNull(mailbox, "mailbox");
        Objects.requireNonNull(key, "key");
        open.ensureOpen();
        return Optional.ofNullable(intakes.get(new IntakeKey(mailbox, key)));
    }

    @Override
    public synchronized List<IntakeEntry> intakes(String mailbox, IntakeEntry.Outcome outcome, int offset, int limit)
            throws IOException {
        page(offset, limit);
        Objects.requireNonNull(mailbox, "mailbox");
        Objects.requireNonNull(outcome, "outcome");
        open.ensureOpen();
        return intakes.values().stream().filter(e -> e.mailbox().equals(mailbox) && e.outcome() == outcome)
                .sorted(INTAKE_ORDER).skip(offset).limit(limit).toList();
    }

    @Override
    public synchronized OutboxEntry enqueue(OutboxEntry entry) throws IOException {
        open.ensureOpen();
        return outbox.computeIfAbsent(entry.id(), id -> entry);
    }

    @Override
    public synchronized Optional<OutboxEntry> outboxEntry(String id) throws IOException {
        open.ensureOpen();
        return Optional.ofNullable(outbox.get(id));
    }

    @Override
    public synchronized List<OutboxEntry> due(Instant now, int limit) throws IOException {
        return dueWhere(now, limit, e -> true);
    }

    @Override
    public synchronized List<OutboxEntry> due(Instant now, int limit, Set<OutboxEntry.Kind> kinds, Set<String> from) throws IOException {
        Set<String> senders = from.stream().map(a -> a.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        return dueWhere(now, limit, e -> kinds.contains(e.kind()) && senders.contains(e.from().toLowerCase(Locale.ROOT)));
    }

    private List<OutboxEntry> dueWhere(Instant now, int limit, Predicate<OutboxEntry> wanted) throws IOException {
        Objects.requireNonNull(now, "now");
        page(0, limit);
        open.ensureOpen();
        return sortedOutbox(e -> e.state() == OutboxEntry.State.PENDING
                && e.nextAttemptAt().filter(t -> !t.isAfter(now)).isPresent() && wanted.test(e)).stream().limit(limit).toList();
    }

    @Override
    public synchronized List<OutboxEntry> outbox(ProtocolId registration) throws IOException {
        Objects.requireNonNull(registration, "registration");
        open.ensureOpen();
        return sortedOutbox(e -> e.registration().filter(registration::equals).isPresent());
    }

    private List<OutboxEntry> sortedOutbox(Predicate<OutboxEntry> filter) {
        return outbox.values().stream().filter(filter).sorted(OUTBOX_ORDER).toList();
    }

    @Override
    public synchronized OutboxEntry markSent(String id, Instant at) throws IOException {
        Objects.requireNonNull(at, "at");
        return store(existing(id).sent(at));
    }

    @Override
    public synchronized OutboxEntry markFailed(String id, String error, Optional<Instant> retryAt) throws IOException {
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(retryAt, "retryAt");
        return store(existing(id).failed(error, retryAt));
    }

    private OutboxEntry existing(String id) throws RegistryException {
        Objects.requireNonNull(id, "id");
        open.ensureOpen();
        OutboxEntry e = outbox.get(id);
        if (e == null) throw new RegistryException(Reason.NOT_FOUND, "no outbox entry " + id);
        return e;
    }

    private OutboxEntry store(OutboxEntry e) {
        outbox.put(e.id(), e);
        return e;
    }

    @Override
    public synchronized Optional<MailboxLease> acquire(String name, String holder, Duration ttl) throws IOException {
        checkLease(name, holder, ttl);
        open.ensureOpen();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant expiresAt = now.plus(ttl);
        Lease current = leases.get(name);
        long token;
        if (current == null) {
            token = 1;
        } else if (current.holder().filter(holder::equals).isPresent()) {
            token = current.token();
        } else if (current.holder().isEmpty() || !now.isBefore(current.expiresAt())) {
            token = current.token() + 1;
        } else {
            return Optional.empty();
        }
        leases.put(name, new Lease(Optional.of(holder), token, expiresAt));
        return Optional.of(new MailboxLease(name, holder, token, expiresAt));
    }

    @Override
    public synchronized void release(MailboxLease lease) throws IOException {
        Objects.requireNonNull(lease, "lease");
        open.ensureOpen();
        Lease current = leases.get(lease.name());
        if (current != null && current.holder().filter(lease.holder()::equals).isPresent() && current.token() == lease.token()) {
            leases.put(lease.name(), new Lease(Optional.empty(), current.token(), current.expiresAt()));
        }
    }

    static void checkLease(String name, String holder, Duration ttl) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(holder, "holder");
        Objects.requireNonNull(ttl, "ttl");
        if (name.isBlank() || holder.isBlank()) throw new IllegalArgumentException("a lease needs a name and a holder");
        if (ttl.isNegative() || ttl.isZero()) throw new IllegalArgumentException("a lease's ttl must be positive: " + ttl);
    }

    private static void page(int offset, int limit) {
        if (offset < 0 || limit < 1) throw new IllegalArgumentException("offset must be >= 0 and limit >= 1: " + offset + ", " + limit);
    }
}
