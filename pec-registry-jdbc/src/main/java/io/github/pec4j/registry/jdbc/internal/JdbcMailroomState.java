package io.github.pec4j.registry.jdbc.internal;

import io.github.pec4j.registry.IdempotencyKey;
import io.github.pec4j.registry.IntakeEntry;
import io.github.pec4j.registry.MailboxLease;
import io.github.pec4j.registry.MailroomState;
import io.github.pec4j.registry.OutboxEntry;
import io.github.pec4j.registry.ProtocolId;
import io.github.pec4j.registry.RegistryException;
import io.github.pec4j.registry.RegistryException.Reason;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The mailroom's state in the registry's tables (schema 3). Each operation is one transaction of the
 * registry. Two operations must hold across processes on PostgreSQL: {@link #enqueue} inserts only
 * if absent (ON CONFLICT DO NOTHING, which waits for a concurrent insert of the same id) and then
 * reads what is stored; {@link #acquire} locks the lease row (SELECT ... FOR UPDATE), inserting it
 * the same way when absent, so two nodes never both hold a mailbox.
 */
final class JdbcMailroomState implements MailroomState {
    private static final List<String> INTAKE_COLUMNS = List.of("mailbox", "idem_key", "message_id", "message_kind", "sender", "subject",
            "outcome", "registration", "reasons", "folder", "at_s", "at_n", "attempts");
    private static final List<String> OUTBOX_COLUMNS = List.of("outbox_id", "mail_kind", "from_address", "to_address", "registration",
            "office", "subject", "body", "with_attachments", "in_reply_to", "message_id", "outbox_state", "attempts", "last_error",
            "created_at_s", "created_at_n", "next_attempt_at_s", "next_attempt_at_n", "sent_at_s", "sent_at_n");
    private static final List<String> LEASE_COLUMNS = List.of("lease_name", "holder", "token", "expires_at_s", "expires_at_n");

    /** Journal entries read back per query after a group is written. */
    static final int READ_BACK = 100;

    private final JdbcProtocolRegistry registry;
    private final Dialect dialect;

    JdbcMailroomState(JdbcProtocolRegistry registry, Dialect dialect) {
        this.registry = registry;
        this.dialect = dialect;
    }

    // ------------------------------------------------------------------ intake journal

    @Override
    public IntakeEntry recordIntake(IntakeEntry entry) throws IOException {
        Objects.requireNonNull(entry, "entry");
        return registry.transaction("recording the intake of " + entry.key() + " in " + entry.mailbox(), c -> {
            return upsertIntake(c, entry);
        });
    }

    /**
     * One transaction for the group (MRM-GROUP-01): the mail, then the entries written in one batch and read back
     * in one query per {@value #READ_BACK} entries, not two statements each (REG-PG-RTT-01).
     */
    @Override
    public List<IntakeEntry> recordIntakes(List<IntakeEntry> entries, List<OutboxEntry> mail) throws IOException {
        List<IntakeEntry> given = List.copyOf(entries);
        List<OutboxEntry> queued = List.copyOf(mail);
        if (given.isEmpty() && queued.isEmpty()) return List.of();
        return registry.transaction("recording the intake of " + given.size() + " messages", c -> {
            for (OutboxEntry m : queued) insertIfAbsent(c, "pec4j_outbox", OUTBOX_COLUMNS, "outbox_id", ps -> bindOutbox(ps, m));
            if (!distinctKeys(given)) return upsertEach(c, given);
            upsertIntakes(c, given);
            return readBack(c, given);
        });
    }

    /** A key given twice is written twice, each entry read back in its turn: the first answers as it was stored, not as the second left it. */
    private List<IntakeEntry> upsertEach(Connection c, List<IntakeEntry> entries) throws SQLException {
        List<IntakeEntry> stored = new ArrayList<>(entries.size());
        for (IntakeEntry e : entries) stored.add(upsertIntake(c, e));
        return stored;
    }

    private static boolean distinctKeys(List<IntakeEntry> entries) {
        return entries.stream().map(JdbcMailroomState::keyOf).distinct().count() == entries.size();
    }

    /** An entry's key in the journal: its mailbox and idempotency key. */
    private static List<String> keyOf(IntakeEntry e) {
        return List.of(e.mailbox(), e.key().value());
    }

    private void upsertIntakes(Connection c, List<IntakeEntry> entries) throws SQLException {
        if (entries.isEmpty()) return;
        try (PreparedStatement ps = c.prepareStatement(dialect.upsert("pec4j_intake", INTAKE_COLUMNS, List.of("mailbox", "idem_key")))) {
            for (IntakeEntry e : entries) {
                bindIntake(ps, e);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The entries as stored, in the order given; one just written and not found is a storage failure. */
    private static List<IntakeEntry> readBack(Connection c, List<IntakeEntry> entries) throws SQLException {
        Map<List<String>, IntakeEntry> stored = new HashMap<>();
        for (int from = 0; from < entries.size(); from += READ_BACK) {
            List<IntakeEntry> part = entries.subList(from, Math.min(entries.size(), from + READ_BACK));
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM pec4j_intake WHERE (mailbox, idem_key) IN ("
                    + String.join(", ", Collections.nCopies(part.size(), "(?, ?)")) + ")")) {
                int i = 1;
                for (IntakeEntry e : part) {
                    ps.setString(i++, e.mailbox());
                    ps.setString(i++, e.key().value());
                }
                for (IntakeEntry e : intakes(ps)) stored.put(keyOf(e), e);
            }
        }
        List<IntakeEntry> out = new ArrayList<>(entries.size());
        for (IntakeEntry e : entries) {
            IntakeEntry found = stored.get(keyOf(e));
            if (found == null) throw new SQLException("the intake entry " + e.key() + " just written vanished");
            out.add(found);
        }
        return out;
    }

    private IntakeEntry upsertIntake(Connection c, IntakeEntry entry) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(dialect.upsert("pec4j_intake", INTAKE_COLUMNS, List.of("mailbox", "idem_key")))) {
            bindIntake(ps, entry);
            ps.executeUpdate();
        }
        return intake(c, entry.mailbox(), entry.key()).orElseThrow(() -> new SQLException("the intake entry " + entry.key() + " just written vanished"));
    }

    @Override
    public Optional<IntakeEntry> intake(String mailbox, IdempotencyKey key) throws IOException {
        Objects.requireNonNull(mailbox, "mailbox");
        Objects.requireNonNull(key, "key");
        return registry.readOne("reading the intake of " + key + " in " + mailbox, c -> intake(c, mailbox, key));
    }

    private static Optional<IntakeEntry> intake(Connection c, String mailbox, IdempotencyKey key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM pec4j_intake WHERE mailbox = ? AND idem_key = ?")) {
            ps.setString(1, mailbox);
            ps.setString(2, key.value());
            List<IntakeEntry> found = intakes(ps);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
        }
    }

    @Override
    public List<IntakeEntry> intakes(String mailbox, IntakeEntry.Outcome outcome, int offset, int limit) throws IOException {
        Objects.requireNonNull(mailbox, "mailbox");
        Objects.requireNonNull(outcome, "outcome");
        page(offset, limit);
        return registry.readOne("reading the " + outcome + " intakes of " + mailbox, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM pec4j_intake WHERE mailbox = ? AND outcome = ? "
                    + "ORDER BY at_s, at_n, idem_key OFFSET ? ROWS FETCH FIRST ? ROWS ONLY")) {
                ps.setString(1, mailbox);
                ps.setString(2, outcome.name());
                ps.setInt(3, offset);
                ps.setInt(4, limit);
                return intakes(ps);
            }
        });
    }

    private static void bindIntake(PreparedStatement ps, IntakeEntry e) throws SQLException {
        ps.setString(1, e.mailbox());
        ps.setString(2, e.key().value());
        Sql.setString(ps, 3, e.messageId());
        ps.setString(4, e.kind());
        Sql.setString(ps, 5, e.sender());
        Sql.setString(ps, 6, e.subject());
        ps.setString(7, e.outcome().name());
        Sql.setString(ps, 8, e.registration().map(ProtocolId::toString));
        ps.setString(9, Reasons.encode(e.reasons()));
        ps.setString(10, e.folder());
        Sql.setInstant(ps, 11, e.at());
        ps.setInt(13, e.attempts());
    }

    private static List<IntakeEntry> intakes(PreparedStatement ps) throws SQLException {
        List<IntakeEntry> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new IntakeEntry(Sql.string(rs, "mailbox"), new IdempotencyKey(Sql.string(rs, "idem_key")),
                        Sql.optionalString(rs, "message_id"), Sql.string(rs, "message_kind"), Sql.optionalString(rs, "sender"),
                        Sql.optionalString(rs, "subject"), IntakeEntry.Outcome.valueOf(Sql.string(rs, "outcome")),
                        Sql.optionalString(rs, "registration").map(ProtocolId::parse), Reasons.decode(Sql.string(rs, "reasons")),
                        Sql.string(rs, "folder"), Sql.instant(rs, "at"), rs.getInt("attempts")));
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ outbox

    @Override
    public OutboxEntry enqueue(OutboxEntry entry) throws IOException {
        Objects.requireNonNull(entry, "entry");
        return registry.transaction("queuing " + entry.id(), c -> {
            insertIfAbsent(c, "pec4j_outbox", OUTBOX_COLUMNS, "outbox_id", ps -> bindOutbox(ps, entry));
            return outboxEntry(c, entry.id(), false).orElseThrow(() -> new SQLException("the outbox entry " + entry.id() + " vanished"));
        });
    }

    @Override
    public Optional<OutboxEntry> outboxEntry(String id) throws IOException {
        Objects.requireNonNull(id, "id");
        return registry.readOne("reading the outbox entry " + id, c -> outboxEntry(c, id, false));
    }

    private static Optional<OutboxEntry> outboxEntry(Connection c, String id, boolean lock) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM pec4j_outbox WHERE outbox_id = ?" + (lock ? " FOR UPDATE" : ""))) {
            ps.setString(1, id);
            List<OutboxEntry> found = outboxEntries(ps);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
        }
    }

    @Override
    public List<OutboxEntry> due(Instant now, int limit) throws IOException {
        return dueWhere(now, limit, Set.of(), Set.of(), false);
    }

    @Override
    public List<OutboxEntry> due(Instant now, int limit, Set<OutboxEntry.Kind> kinds, Set<String> from) throws IOException {
        if (kinds.isEmpty() || from.isEmpty()) return List.of();
        return dueWhere(now, limit, kinds, from, true);
    }

    /** The due entries, filtered in the database by kind and sender when {@code filtered}, so a backlog elsewhere hides none. */
    private List<OutboxEntry> dueWhere(Instant now, int limit, Set<OutboxEntry.Kind> kinds, Set<String> from, boolean filtered)
            throws IOException {
        Objects.requireNonNull(now, "now");
        page(0, limit);
        List<String> kindNames = kinds.stream().map(Enum::name).sorted().toList();
        List<String> senders = from.stream().map(a -> a.toLowerCase(Locale.ROOT)).distinct().sorted().toList();
        String filter = filtered ? " AND mail_kind IN (" + marks(kindNames.size()) + ") AND LOWER(from_address) IN (" + marks(senders.size()) + ")" : "";
        return registry.readOne("reading the outbox entries due", c -> {
            // (s < now.s) or (s = now.s and n <= now.n): next_attempt_at <= now, exactly
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM pec4j_outbox WHERE outbox_state = 'PENDING' "
                    + "AND (next_attempt_at_s < ? OR (next_attempt_at_s = ? AND next_attempt_at_n <= ?))" + filter
                    + " ORDER BY created_at_s, created_at_n, outbox_id FETCH FIRST ? ROWS ONLY")) {
                int i = 1;
                ps.setLong(i++, now.getEpochSecond());
                ps.setLong(i++, now.getEpochSecond());
                ps.setInt(i++, now.getNano());
                for (String k : filtered ? kindNames : List.<String>of()) ps.setString(i++, k);
                for (String a : filtered ? senders : List.<String>of()) ps.setString(i++, a);
                ps.setInt(i, limit);
                return outboxEntries(ps);
            }
        });
    }

    private static String marks(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    @Override
    public List<OutboxEntry> outbox(ProtocolId registration) throws IOException {
        Objects.requireNonNull(registration, "registration");
        return registry.readOne("reading the outbox of " + registration, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM pec4j_outbox WHERE registration = ? "
                    + "ORDER BY created_at_s, created_at_n, outbox_id")) {
                ps.setString(1, registration.toString());
                return outboxEntries(ps);
            }
        });
    }

    @Override
    public OutboxEntry markSent(String id, Instant at) throws IOException {
        Objects.requireNonNull(at, "at");
        return changeOutbox(id, "marking " + id + " sent", e -> e.sent(at));
    }

    @Override
    public OutboxEntry markFailed(String id, String error, Optional<Instant> retryAt) throws IOException {
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(retryAt, "retryAt");
        return changeOutbox(id, "recording a failure of " + id, e -> e.failed(error, retryAt));
    }

    private OutboxEntry changeOutbox(String id, String what, UnaryOperator<OutboxEntry> change) throws IOException {
        Objects.requireNonNull(id, "id");
        return registry.transaction(what, c -> {
            OutboxEntry before = outboxEntry(c, id, true)
                    .orElseThrow(() -> new RegistryException(Reason.NOT_FOUND, "no outbox entry " + id));
            OutboxEntry after = change.apply(before);
            if (after.equals(before)) return before;
            try (PreparedStatement ps = c.prepareStatement("UPDATE pec4j_outbox SET outbox_state = ?, attempts = ?, last_error = ?, "
                    + "next_attempt_at_s = ?, next_attempt_at_n = ?, sent_at_s = ?, sent_at_n = ? WHERE outbox_id = ?")) {
                ps.setString(1, after.state().name());
                ps.setInt(2, after.attempts());
                Sql.setString(ps, 3, after.lastError());
                Sql.setInstant(ps, 4, after.nextAttemptAt());
                Sql.setInstant(ps, 6, after.sentAt());
                ps.setString(8, id);
                ps.executeUpdate();
            }
            return after;
        });
    }

    private static void bindOutbox(PreparedStatement ps, OutboxEntry e) throws SQLException {
        ps.setString(1, e.id());
        ps.setString(2, e.kind().name());
        ps.setString(3, e.from());
        ps.setString(4, e.to());
        Sql.setString(ps, 5, e.registration().map(ProtocolId::toString));
        Sql.setString(ps, 6, e.office());
        ps.setString(7, e.subject());
        ps.setString(8, e.body());
        ps.setBoolean(9, e.withAttachments());
        Sql.setString(ps, 10, e.inReplyTo());
        ps.setString(11, e.messageId());
        ps.setString(12, e.state().name());
        ps.setInt(13, e.attempts());
        Sql.setString(ps, 14, e.lastError());
        Sql.setInstant(ps, 15, e.createdAt());
        Sql.setInstant(ps, 17, e.nextAttemptAt());
        Sql.setInstant(ps, 19, e.sentAt());
    }

    private static List<OutboxEntry> outboxEntries(PreparedStatement ps) throws SQLException {
        List<OutboxEntry> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new OutboxEntry(Sql.string(rs, "outbox_id"), OutboxEntry.Kind.valueOf(Sql.string(rs, "mail_kind")),
                        Sql.string(rs, "from_address"), Sql.string(rs, "to_address"),
                        Sql.optionalString(rs, "registration").map(ProtocolId::parse), Sql.optionalString(rs, "office"),
                        Sql.string(rs, "subject"), Sql.string(rs, "body"), rs.getBoolean("with_attachments"),
                        Sql.optionalString(rs, "in_reply_to"), Sql.string(rs, "message_id"),
                        OutboxEntry.State.valueOf(Sql.string(rs, "outbox_state")), rs.getInt("attempts"), Sql.optionalString(rs, "last_error"),
                        Sql.instant(rs, "created_at"), Sql.optionalInstant(rs, "next_attempt_at"), Sql.optionalInstant(rs, "sent_at")));
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ leases

    /** A lease row: {@code holder} empty once released. */
    private record Lease(Optional<String> holder, long token, Instant expiresAt) {}

    @Override
    public Optional<MailboxLease> acquire(String name, String holder, Duration ttl) throws IOException {
        checkLease(name, holder, ttl);
        return registry.transaction("acquiring the lease " + name + " for " + holder, c -> {
            Instant now = registry.now();
            Instant expiresAt = now.plus(ttl);
            Optional<Lease> current = lockLease(c, name);
            if (current.isEmpty()) {
                if (insertIfAbsent(c, "pec4j_lease", LEASE_COLUMNS, "lease_name", ps -> bindLease(ps, name, holder, 1, expiresAt))) {
                    return Optional.of(new MailboxLease(name, holder, 1, expiresAt));
                }
                current = lockLease(c, name); // inserted meanwhile by another node: decide on its row
                if (current.isEmpty()) throw new SQLException("the lease " + name + " vanished");
            }
            Lease lease = current.get();
            long token;
            if (lease.holder().filter(holder::equals).isPresent()) {
                token = lease.token();
            } else if (lease.holder().isEmpty() || !now.isBefore(lease.expiresAt())) {
                token = lease.token() + 1;
            } else {
                return Optional.<MailboxLease>empty();
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE pec4j_lease SET holder = ?, token = ?, expires_at_s = ?, expires_at_n = ? "
                    + "WHERE lease_name = ?")) {
                ps.setString(1, holder);
                ps.setLong(2, token);
                Sql.setInstant(ps, 3, expiresAt);
                ps.setString(5, name);
                ps.executeUpdate();
            }
            return Optional.of(new MailboxLease(name, holder, token, expiresAt));
        });
    }

    @Override
    public void release(MailboxLease lease) throws IOException {
        Objects.requireNonNull(lease, "lease");
        registry.transaction("releasing the lease " + lease.name(), c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE pec4j_lease SET holder = NULL WHERE lease_name = ? AND holder = ? AND token = ?")) {
                ps.setString(1, lease.name());
                ps.setString(2, lease.holder());
                ps.setLong(3, lease.token());
                return ps.executeUpdate();
            }
        });
    }

    private static Optional<Lease> lockLease(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT holder, token, expires_at_s, expires_at_n FROM pec4j_lease "
                + "WHERE lease_name = ? FOR UPDATE")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                return Optional.of(new Lease(Sql.optionalString(rs, "holder"), rs.getLong("token"), Sql.instant(rs, "expires_at")));
            }
        }
    }

    private static void bindLease(PreparedStatement ps, String name, String holder, long token, Instant expiresAt) throws SQLException {
        ps.setString(1, name);
        ps.setString(2, holder);
        ps.setLong(3, token);
        Sql.setInstant(ps, 4, expiresAt);
    }

    private static void checkLease(String name, String holder, Duration ttl) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(holder, "holder");
        Objects.requireNonNull(ttl, "ttl");
        if (name.isBlank() || holder.isBlank()) throw new IllegalArgumentException("a lease needs a name and a holder");
        if (ttl.isNegative() || ttl.isZero()) throw new IllegalArgumentException("a lease's ttl must be positive: " + ttl);
    }

    // ------------------------------------------------------------------ plumbing

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    /** Inserts a row unless one with the same key exists (or is being inserted concurrently); whether it inserted. */
    private boolean insertIfAbsent(Connection c, String table, List<String> columns, String key, Binder binder) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(dialect.insertIfAbsent(table, columns, List.of(key)))) {
            binder.bind(ps);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            if (dialect == Dialect.POSTGRESQL || !Sql.isUniqueViolation(e)) throw e;
            return false; // H2 rolls back the failed statement only; the transaction goes on
        }
    }

    private static void page(int offset, int limit) {
        if (offset < 0 || limit < 1) throw new IllegalArgumentException("offset must be >= 0 and limit >= 1: " + offset + ", " + limit);
    }
}
