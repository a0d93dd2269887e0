package io.github.pec4j.registry.jdbc.internal;

import io.github.pec4j.registry.Actor;
import io.github.pec4j.registry.Annulment;
import io.github.pec4j.registry.AnnulmentRequest;
import io.github.pec4j.registry.Assignment;
import io.github.pec4j.registry.AuditEntry;
import io.github.pec4j.registry.BatchResult;
import io.github.pec4j.registry.Capability;
import io.github.pec4j.registry.Change;
import io.github.pec4j.registry.DailyRegister;
import io.github.pec4j.registry.DailyRegisterFormat;
import io.github.pec4j.registry.DocumentRequest;
import io.github.pec4j.registry.IdempotencyKey;
import io.github.pec4j.registry.Impronta;
import io.github.pec4j.registry.MailroomState;
import io.github.pec4j.registry.ProtocolId;
import io.github.pec4j.registry.ProtocolRegistry;
import io.github.pec4j.registry.RegisterId;
import io.github.pec4j.registry.Registration;
import io.github.pec4j.registry.RegistrationRequest;
import io.github.pec4j.registry.RegistrationResult;
import io.github.pec4j.registry.RegistryException;
import io.github.pec4j.registry.RegistryException.Reason;
import io.github.pec4j.registry.SearchQuery;
import io.github.pec4j.registry.StoredDocument;
import io.github.pec4j.registry.TransmissionEvent;
import io.github.pec4j.registry.TransmissionRecord;
import io.github.pec4j.registry.TransmissionFiling;
import io.github.pec4j.registry.FilingResult;
import io.github.pec4j.registry.jdbc.JdbcRegistryConfig;
import io.github.pec4j.registry.jdbc.JdbcRegistryProvider;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * The JDBC registry.
 *
 * <p>Registering: the documents are streamed into the content store first, then, in the same
 * transaction, the counter row of (register, year) is incremented with an UPDATE, whose row lock
 * is held until commit. Under that lock the registry reads the clock (so numbers and times rise
 * together), looks the idempotency key up (a registration committed meanwhile under the same key
 * is visible then), calls the generator, and writes the registration, its documents and its audit
 * entry. Any failure rolls everything back, the counter increment included: no number is lost.
 */
public final class JdbcProtocolRegistry implements ProtocolRegistry {
    /** Flyway's history table. */
    static final String HISTORY_TABLE = "pec4j_schema_history";
    private static final String MIGRATIONS = "classpath:db/pec4j-registry-jdbc";
    private static final int MAX_ATTEMPTS = 5;
    private static final System.Logger LOG = System.getLogger(JdbcProtocolRegistry.class.getName());

    private final Database db;
    private final DataSource dataSource;
    private final boolean ownsDataSource;
    private final ContentStore content;
    private final Clock clock;
    private final long maxDocumentBytes;
    private final Set<Capability> capabilities;
    private final Set<String> knownCounters = ConcurrentHashMap.newKeySet();
    private final JdbcMailroomState mailroom;
    private volatile boolean closed;

    private JdbcProtocolRegistry(Database db, DataSource dataSource, boolean ownsDataSource, ContentStore content, Clock clock,
            long maxDocumentBytes) {
        this.db = db;
        this.dataSource = dataSource;
        this.ownsDataSource = ownsDataSource;
        this.content = content;
        this.clock = clock;
        this.maxDocumentBytes = maxDocumentBytes;
        EnumSet<Capability> caps = EnumSet.of(Capability.PERSISTENT, Capability.DOCUMENT_CONTENT, Capability.TRANSMISSIONS,
                Capability.FASCICOLI, Capability.DAILY_REGISTER, Capability.EMERGENCY_REGISTER, Capability.SEARCH, Capability.DESK,
                Capability.MAILROOM);
        if (db.dialect().multiProcess()) caps.add(Capability.MULTI_PROCESS);
        this.capabilities = Set.copyOf(caps);
        this.mailroom = new JdbcMailroomState(this, db.dialect());
    }

    /**
     * Migrates the schema and opens the registry.
     *
     * @param ownsDataSource close {@code dataSource} (an {@link AutoCloseable}) with the registry
     */
    public static ProtocolRegistry open(DataSource dataSource, boolean ownsDataSource, JdbcRegistryConfig config, Clock clock)
            throws IOException {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(clock, "clock");
        Dialect dialect;
        try (Connection c = dataSource.getConnection()) {
            dialect = Dialect.of(c);
            if (dialect == Dialect.H2) {
                try (var s = c.createStatement()) {
                    // commits reach the file before commit returns: a kill -9 loses nothing committed (H2's default delays 500 ms)
                    s.execute("SET WRITE_DELAY 0");
                }
            }
        } catch (SQLException e) {
            throw Sql.storage("connecting to the registry database", e);
        }
        migrate(dataSource, dialect, config.schema());
        Database db = new Database(dataSource, config.schema(), dialect, ownsDataSource);
        ContentStore store;
        try {
            store = config.contentDirectory().isPresent()
                    ? new FileContentStore(config.contentDirectory().get())
                    : new DatabaseContentStore(db);
        } catch (IOException e) {
            throw Sql.storage("opening the content directory", e);
        }
        checkContentStore(db, store.kind());
        return new JdbcProtocolRegistry(db, dataSource, ownsDataSource, store, clock, config.maxDocumentBytes());
    }

    private static void migrate(DataSource dataSource, Dialect dialect, Optional<String> schema) throws IOException {
        FluentConfiguration flyway = Flyway.configure(JdbcProtocolRegistry.class.getClassLoader())
                .dataSource(dataSource)
                .locations(MIGRATIONS)
                .failOnMissingLocations(true)
                .table(HISTORY_TABLE)
                .placeholders(dialect.placeholders())
                // a schema holding other tables already (e.g. PostgreSQL's public) gets the registry's beside them
                .baselineOnMigrate(true)
                .baselineVersion("0");
        schema.ifPresent(flyway::schemas);
        try {
            flyway.load().migrate();
        } catch (FlywayException e) {
            throw new RegistryException(Reason.STORAGE, "migrating the registry schema failed: " + e.getMessage(), e);
        }
    }

    /** Records where content lives on first use, and refuses to open the store with the other content store later. */
    private static void checkContentStore(Database db, String kind) throws IOException {
        try (Connection c = db.connection()) {
            Optional<String> recorded = setting(c, "content.store");
            if (recorded.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO pec4j_setting (setting_name, setting_value) VALUES ('content.store', ?)")) {
                    ps.setString(1, kind);
                    ps.executeUpdate();
                } catch (SQLException e) {
                    if (!Sql.isUniqueViolation(e)) throw e;
                }
                recorded = setting(c, "content.store");
            }
            if (!recorded.orElse(kind).equals(kind)) {
                throw new IllegalArgumentException("this registry keeps document content in the " + recorded.get()
                        + " content store; open it with that content store, not " + kind);
            }
        } catch (SQLException e) {
            throw Sql.storage("reading the registry settings", e);
        }
    }

    private static Optional<String> setting(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT setting_value FROM pec4j_setting WHERE setting_name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(Sql.string(rs, "setting_value")) : Optional.empty();
            }
        }
    }

    // ------------------------------------------------------------------ plumbing

    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws IOException, SQLException;
    }

    /** Runs {@code work} in a transaction, again on a deadlock or lock timeout; commits when {@code commit} accepts the result. */
    private <T> T transaction(Work<T> work, Predicate<T> commit) throws IOException, SQLException {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = db.connection()) {
                c.setAutoCommit(false);
                T result;
                try {
                    result = work.run(c);
                    if (commit.test(result)) {
                        c.commit();
                    } else {
                        c.rollback();
                    }
                } catch (SQLException | IOException | RuntimeException | Error e) {
                    Sql.rollbackQuietly(c, e);
                    throw e;
                }
                return result;
            } catch (SQLException e) {
                if (attempt >= MAX_ATTEMPTS || !Sql.isTransient(e)) throw e;
            }
        }
    }

    /** Runs {@code work} in a transaction (again on a deadlock), failures as STORAGE unless they are RegistryExceptions already. */
    <T> T transaction(String what, Work<T> work) throws IOException {
        return transaction(what, work, result -> true);
    }

    /** As {@link #transaction(String, Work)}, committing only when {@code commit} accepts the result (rolled back otherwise). */
    private <T> T transaction(String what, Work<T> work, Predicate<T> commit) throws IOException {
        ensureOpen();
        try {
            return transaction(work, commit);
        } catch (SQLException e) {
            throw Sql.storage(what, e);
        } catch (RegistryException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw Sql.storage(what, e);
        }
    }

    /** Runs {@code work} on one snapshot of the database (several statements, one consistent view). */
    <T> T read(String what, Work<T> work) throws IOException {
        return readOne(what, c -> {
            db.dialect().beginSnapshot(c);
            try {
                return work.run(c);
            } finally {
                db.dialect().endSnapshot(c);
            }
        });
    }

    /**
     * Runs {@code work} in auto-commit, failures as STORAGE unless they are RegistryExceptions already. For a read of
     * one statement, which reads one snapshot by itself: a transaction begun and ended around it costs two round
     * trips more on PostgreSQL (REG-PG-RTT-01).
     */
    <T> T readOne(String what, Work<T> work) throws IOException {
        ensureOpen();
        try (Connection c = db.connection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw Sql.storage(what, e);
        } catch (RegistryException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw Sql.storage(what, e);
        }
    }

    private void ensureOpen() throws RegistryException {
        if (closed) throw new RegistryException(Reason.STORAGE, "the registry is closed");
    }

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static int yearOf(Instant instant) {
        return instant.atZone(Registration.ROME).getYear();
    }

    private static long regId(Connection c, ProtocolId id, boolean lock) throws SQLException, RegistryException {
        Optional<Long> regId = Registrations.regId(c, Objects.requireNonNull(id, "id"), lock);
        if (regId.isEmpty()) throw new RegistryException(Reason.NOT_FOUND, "no registration " + id);
        return regId.get();
    }

    private static void insertAudit(Connection c, long regId, List<AuditEntry> entries) throws SQLException {
        if (entries.isEmpty()) return;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO pec4j_audit (reg_id, at_s, at_n, actor_id, actor_name, audit_action, "
                + "before_value, after_value) VALUES (" + Sql.markers(8) + ")")) {
            for (AuditEntry e : entries) {
                ps.setLong(1, regId);
                Sql.setInstant(ps, 2, e.at());
                ps.setString(4, e.actor().id());
                ps.setString(5, e.actor().displayName());
                ps.setString(6, e.action().name());
                Sql.setString(ps, 7, e.before());
                Sql.setString(ps, 8, e.after());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    // ------------------------------------------------------------------ the SPI

    @Override
    public String providerId() {
        return JdbcRegistryProvider.ID;
    }

    @Override
    public Set<Capability> capabilities() {
        return capabilities;
    }

    @Override
    public long maxDocumentBytes() {
        return maxDocumentBytes;
    }

    /** What one try of a registration came to. */
    private record Attempt(Optional<Registration> registered, Optional<Registration> duplicate) {
        static final Attempt YEAR_CHANGED = new Attempt(Optional.empty(), Optional.empty());
    }

    /**
     * A registration made with an idempotency key, and the fingerprint stored with the key: empty
     * for a key registered before schema 2.
     */
    private record Keyed(Registration registration, Optional<String> fingerprint) {
        /**
         * The registration when {@code fingerprint} is what it registered; else the conflict. A key
         * without a stored fingerprint is compared with the registration's own, derived from its
         * protected fields: never adopted from the newcomer.
         */
        Registration sameOrConflict(IdempotencyKey key, String fingerprint) throws RegistryException {
            if (!this.fingerprint.orElseGet(registration::fingerprint).equals(fingerprint)) {
                throw RegistryException.idempotencyConflict(key, registration.id());
            }
            return registration;
        }
    }

    @Override
    public RegistrationResult register(RegistrationRequest request) throws IOException {
        Objects.requireNonNull(request, "request");
        ensureOpen();
        Optional<IdempotencyKey> key = request.idempotencyKey();
        for (int attempt = 1; ; attempt++) {
            int year = yearOf(clock.instant());
            ensureCounter(request.register(), year);
            Attempt outcome;
            try {
                outcome = transaction(c -> registerOnce(c, request, year, Optional.empty()), a -> a.registered().isPresent());
            } catch (SQLException e) {
                if (key.isPresent() && Sql.isUniqueViolation(e)) {
                    // the same key committed concurrently in another register or year
                    Optional<Keyed> existing = read("reading key " + key.get(), c -> keyed(c, key.get()));
                    if (existing.isPresent()) {
                        return new RegistrationResult(existing.get().sameOrConflict(key.get(), fingerprintOf(request)), true);
                    }
                }
                throw Sql.storage("registering in " + request.register(), e);
            } catch (RegistryException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                throw Sql.storage("registering in " + request.register(), e);
            }
            if (outcome.registered().isPresent()) return new RegistrationResult(outcome.registered().get(), false);
            if (outcome.duplicate().isPresent()) return new RegistrationResult(outcome.duplicate().get(), true);
            if (attempt >= MAX_ATTEMPTS) throw new RegistryException(Reason.STORAGE, "the clock keeps changing year; nothing registered");
        }
    }

    /**
     * Group commit: the requests in one transaction, committed together. A request that fails is taken out
     * alone (its counter increment with it: numbers stay gapless) and the others commit: the batch is undone
     * and each request registered on its own, so the common batch, where none fails, takes no savepoint
     * (REG-PG-RTT-02: on PostgreSQL each savepoint and its release is a round trip and a subtransaction).
     * When the batch as a whole cannot commit (a deadlock, the same key committed by another process
     * meanwhile, the year changing under it), nothing of it is kept and each request is registered on
     * its own.
     */
    @Override
    public List<BatchResult> registerAll(List<RegistrationRequest> requests) throws IOException {
        List<RegistrationRequest> all = List.copyOf(requests);
        ensureOpen();
        if (all.size() < 2) return ProtocolRegistry.super.registerAll(all);
        int year = yearOf(clock.instant());
        for (RegistrationRequest r : all) ensureCounter(r.register(), year);
        try {
            Optional<List<BatchResult>> done = transaction(c -> registerBatch(c, all, year), Optional::isPresent);
            if (done.isPresent()) return done.get();
        } catch (SQLException | IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "a batch of {0} registrations falls back to one at a time: {1}", all.size(), e.toString());
        }
        return ProtocolRegistry.super.registerAll(all);
    }

    /**
     * The batch's results, or empty (rolled back: each is then registered on its own) when the year changed under it
     * or a request failed after its documents were being written. Every document is written first, and only then are
     * numbers taken (REG-BATCH-04): the counter's row lock, which every other registrar of the register waits for, is
     * held for the numbered inserts and the commit, not while the documents of the rest of the batch stream in.
     */
    private Optional<List<BatchResult>> registerBatch(Connection c, List<RegistrationRequest> requests, int year) throws IOException, SQLException {
        List<Optional<List<ContentStore.Stored>>> written = new ArrayList<>(requests.size());
        Set<String> keys = new HashSet<>();
        for (RegistrationRequest request : requests) {
            if (later(c, request, keys)) {
                written.add(Optional.empty());
                continue;
            }
            Optional<List<ContentStore.Stored>> stored = storeInBatch(c, request);
            if (stored.isEmpty()) return Optional.empty();
            written.add(stored);
        }
        List<BatchResult> results = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            Optional<BatchResult> result = written.get(i).isPresent() ? registerWritten(c, requests.get(i), year, written.get(i))
                    : registerLater(c, requests.get(i), year);
            if (result.isEmpty()) return Optional.empty();
            results.add(result.get());
        }
        return Optional.of(results);
    }

    /** A request whose documents are written: registered, or empty when it failed or the year changed (the batch is undone). */
    private Optional<BatchResult> registerWritten(Connection c, RegistrationRequest request, int year, Optional<List<ContentStore.Stored>> written)
            throws IOException, SQLException {
        Attempt outcome;
        try {
            outcome = registerOnce(c, request, year, written);
        } catch (RegistryException e) {
            if (e.reason() == Reason.STORAGE) throw e;
            return Optional.empty();
        }
        if (outcome == Attempt.YEAR_CHANGED) return Optional.empty();
        return Optional.of(BatchResult.of(new RegistrationResult(outcome.registered().orElseThrow(), false)));
    }

    /**
     * A request whose key is registered already or came earlier in the batch (rare: a message taken in again): a
     * duplicate or a conflict, as the earlier one's failure would have undone the batch. Behind a savepoint all the
     * same, so that whatever it writes on a path not foreseen here is undone with its own failure alone.
     */
    private Optional<BatchResult> registerLater(Connection c, RegistrationRequest request, int year) throws IOException, SQLException {
        Savepoint before = c.setSavepoint();
        Attempt outcome;
        try {
            outcome = registerOnce(c, request, year, Optional.empty());
        } catch (RegistryException e) {
            if (e.reason() == Reason.STORAGE) throw e;
            c.rollback(before);
            return Optional.of(BatchResult.failed(e));
        }
        if (outcome == Attempt.YEAR_CHANGED) return Optional.empty();
        if (outcome.registered().isPresent()) {
            c.releaseSavepoint(before);
            return Optional.of(BatchResult.of(new RegistrationResult(outcome.registered().get(), false)));
        }
        c.rollback(before); // a duplicate: its counter increment goes
        return Optional.of(BatchResult.of(new RegistrationResult(outcome.duplicate().orElseThrow(), true)));
    }

    /** Whether a request's key is registered already or came earlier in the batch: it writes nothing now and is judged later. */
    private boolean later(Connection c, RegistrationRequest request, Set<String> keys) throws SQLException {
        Optional<IdempotencyKey> key = request.idempotencyKey();
        return key.isPresent() && (!keys.add(key.get().value()) || keyed(c, key.get()).isPresent());
    }

    /** A request's documents written ahead of its number, or empty when that failed (the batch is then undone). */
    private Optional<List<ContentStore.Stored>> storeInBatch(Connection c, RegistrationRequest request) throws IOException, SQLException {
        try {
            return Optional.of(store(c, request));
        } catch (RegistryException e) {
            if (e.reason() == Reason.STORAGE) throw e;
            return Optional.empty();
        }
    }

    private List<ContentStore.Stored> store(Connection c, RegistrationRequest request) throws IOException, SQLException {
        List<ContentStore.Stored> stored = new ArrayList<>();
        for (DocumentRequest d : request.documents()) stored.add(content.put(c, d, maxDocumentBytes));
        return stored;
    }

    /** The request's fingerprint over its documents' bytes; a document that cannot be read is a STORAGE failure. */
    private static String fingerprintOf(RegistrationRequest request) throws RegistryException {
        try {
            return request.fingerprint();
        } catch (IOException | RuntimeException e) {
            throw Sql.storage("reading the documents of the request", e);
        }
    }

    /** Makes sure the counter row of (register, year) exists, in a transaction of its own. */
    private void ensureCounter(RegisterId register, int year) throws IOException {
        String counter = counterKey(register, year);
        if (knownCounters.contains(counter)) return;
        try (Connection c = db.connection()) {
            if (!counterExists(c, register, year)) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO pec4j_counter (amministrazione, aoo, registro, anno, last_number) "
                        + "VALUES (?, ?, ?, ?, 0)")) {
                    bindCounter(ps, register, year);
                    ps.executeUpdate();
                } catch (SQLException e) {
                    if (!counterExists(c, register, year)) throw e; // else another registration created it first
                }
            }
        } catch (SQLException | RuntimeException e) {
            throw Sql.storage("creating the counter of " + counter, e);
        }
        knownCounters.add(counter);
    }

    private static boolean counterExists(Connection c, RegisterId register, int year) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT last_number FROM pec4j_counter WHERE amministrazione = ? AND aoo = ? "
                + "AND registro = ? AND anno = ?")) {
            bindCounter(ps, register, year);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static String counterKey(RegisterId register, int year) {
        return Registrations.key(register) + "/" + year;
    }

    private static void bindCounter(PreparedStatement ps, RegisterId register, int year) throws SQLException {
        ps.setString(1, register.amministrazione());
        ps.setString(2, register.aoo());
        ps.setString(3, register.registro());
        ps.setInt(4, year);
    }

    /**
     * One registration inside the transaction of {@code c}. The idempotency key is looked up first, in
     * the same transaction, so a duplicate writes nothing; a registration committed with the same key
     * after that look-up meets the key's unique index at the end, and the caller reads it then. Documents
     * {@code written} ahead (by a batch, after the same look-up) are not written again.
     */
    private Attempt registerOnce(Connection c, RegistrationRequest request, int year, Optional<List<ContentStore.Stored>> written)
            throws IOException, SQLException {
        if (written.isEmpty() && request.idempotencyKey().isPresent()) {
            Optional<Keyed> existing = keyed(c, request.idempotencyKey().get());
            if (existing.isPresent()) {
                return new Attempt(Optional.empty(), Optional.of(existing.get().sameOrConflict(request.idempotencyKey().get(), fingerprintOf(request))));
            }
        }
        List<ContentStore.Stored> stored = written.isPresent() ? written.get() : store(c, request);

        // One statement increments the counter and returns the new number; its row lock is held until commit.
        long number;
        try (PreparedStatement ps = c.prepareStatement(db.dialect().incrementCounter())) {
            bindCounter(ps, request.register(), year);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    knownCounters.remove(counterKey(request.register(), year));
                    throw new SQLException("the counter of " + request.register() + " " + year + " is missing");
                }
                number = rs.getLong(1);
            }
        }
        Instant at = now();
        if (yearOf(at) != year) return Attempt.YEAR_CHANGED;
        String fingerprint = request.fingerprint(stored.stream().map(ContentStore.Stored::impronta).toList());
        ProtocolId id = new ProtocolId(request.register(), year, number);
        List<StoredDocument> documents = new ArrayList<>();
        for (int i = 0; i < stored.size(); i++) {
            documents.add(storedDocument(i, i == 0 ? StoredDocument.Role.PRIMARY : StoredDocument.Role.ATTACHMENT,
                    request.documents().get(i), stored.get(i)));
        }
        if (request.generated().isPresent()) {
            List<DocumentRequest> generated;
            try {
                generated = List.copyOf(request.generated().get().generate(id, at));
            } catch (IOException | RuntimeException e) {
                throw new RegistryException(Reason.GENERATION_FAILED, "generating the documents of " + id + " failed; nothing registered", e);
            }
            for (DocumentRequest d : generated) {
                documents.add(storedDocument(documents.size(), StoredDocument.Role.GENERATED, d, content.put(c, d, maxDocumentBytes)));
            }
        }
        Registration registration = new Registration(id, at, request.direction(), request.channel(), request.correspondents(),
                request.oggetto(), request.senderReference(), documents, request.classification(), request.fascicolo(),
                request.assignments(), Optional.empty(), request.idempotencyKey(), request.receivedAt(), request.riservato(),
                request.operator(), request.emergency());
        long regId = Registrations.insert(c, registration);
        if (request.idempotencyKey().isPresent()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO pec4j_idempotency (idempotency_key, reg_id, fingerprint) VALUES (?, ?, ?)")) {
                ps.setString(1, request.idempotencyKey().get().value());
                ps.setLong(2, regId);
                ps.setString(3, fingerprint);
                ps.executeUpdate();
            }
        }
        insertAudit(c, regId, List.of(AuditEntry.ofRegistration(registration)));
        return new Attempt(Optional.of(registration), Optional.empty());
    }

    private static StoredDocument storedDocument(int index, StoredDocument.Role role, DocumentRequest d, ContentStore.Stored s) {
        return new StoredDocument(index, role, d.fileName(), d.mediaType(), s.size(), s.impronta());
    }

    /** The registration made with {@code key} and the fingerprint stored with it, if the key is registered. */
    private static Optional<Keyed> keyed(Connection c, IdempotencyKey key) throws SQLException {
        long regId;
        Optional<String> fingerprint;
        try (PreparedStatement ps = c.prepareStatement("SELECT reg_id, fingerprint FROM pec4j_idempotency WHERE idempotency_key = ?")) {
            ps.setString(1, key.value());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                regId = rs.getLong(1);
                fingerprint = Optional.ofNullable(rs.getString(2));
            }
        }
        return Optional.of(new Keyed(Registrations.load(c, List.of(regId)).get(0), fingerprint));
    }

    private static Optional<Long> idempotent(Connection c, IdempotencyKey key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT reg_id FROM pec4j_idempotency WHERE idempotency_key = ?")) {
            ps.setString(1, key.value());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    @Override
    public Optional<Registration> find(ProtocolId id) throws IOException {
        Objects.requireNonNull(id, "id");
        return read("reading " + id, c -> {
            Optional<Long> regId = Registrations.regId(c, id, false);
            return regId.isPresent() ? Optional.of(Registrations.load(c, List.of(regId.get())).get(0)) : Optional.empty();
        });
    }

    @Override
    public Optional<Registration> findByIdempotencyKey(IdempotencyKey key) throws IOException {
        Objects.requireNonNull(key, "key");
        return read("reading key " + key, c -> {
            Optional<Long> regId = idempotent(c, key);
            return regId.isPresent() ? Optional.of(Registrations.load(c, List.of(regId.get())).get(0)) : Optional.empty();
        });
    }

    @Override
    public Registration update(ProtocolId id, List<Change> changes, Actor actor) throws IOException {
        Objects.requireNonNull(id, "id");
        List<Change> all = List.copyOf(changes);
        Objects.requireNonNull(actor, "actor");
        return transaction("updating " + id, c -> {
            long regId = regId(c, id, true);
            Registration before = Registrations.load(c, List.of(regId)).get(0);
            if (before.annulled()) throw new RegistryException(Reason.ANNULLED, id + " is annulled: it can be read, not changed");
            Instant at = now();
            Registration.Changed changed = before.withChanges(all, at, actor);
            Registration after = changed.after();
            List<AuditEntry> trail = changed.audit();
            try (PreparedStatement ps = c.prepareStatement("UPDATE pec4j_registration SET classification = ?, fascicolo = ? WHERE reg_id = ?")) {
                ps.setString(1, after.classification().code());
                Sql.setString(ps, 2, after.fascicolo());
                ps.setLong(3, regId);
                ps.executeUpdate();
            }
            if (!after.assignments().equals(before.assignments())) rewriteAssignments(c, regId, after.assignments());
            insertAudit(c, regId, trail);
            return after;
        });
    }

    private static void rewriteAssignments(Connection c, long regId, List<Assignment> assignments) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM pec4j_assignment WHERE reg_id = ?")) {
            ps.setLong(1, regId);
            ps.executeUpdate();
        }
        Registrations.insertAssignments(c, regId, assignments);
    }

    @Override
    public Registration takeInCharge(ProtocolId id, String office, Actor actor) throws IOException {
        Objects.requireNonNull(office, "office");
        Objects.requireNonNull(actor, "actor");
        return deskChange(id, office, "taking " + id + " in charge for " + office,
                before -> before.takenInCharge(office, actor, now()));
    }

    @Override
    public Registration rejectAssignment(ProtocolId id, String office, String reason, String returnTo, Actor actor) throws IOException {
        Objects.requireNonNull(office, "office");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(returnTo, "returnTo");
        Objects.requireNonNull(actor, "actor");
        if (reason.isBlank() || returnTo.isBlank()) throw new IllegalArgumentException("a rifiuto needs a reason and an office to return to");
        return deskChange(id, office, "sending " + id + " back from " + office, before -> {
            if (before.assignmentOf(office).orElseThrow().taken()) {
                throw new RegistryException(Reason.ALREADY_TAKEN, office + " already took " + id + " in charge: reassign it instead");
            }
            return before.rejected(office, reason, returnTo, actor, now());
        });
    }

    /** What a desk operation does to a registration {@code office} is assigned to. */
    @FunctionalInterface
    private interface DeskStep {
        Registration.Changed apply(Registration before) throws RegistryException;
    }

    /**
     * A change by an assigned office, in update()'s discipline: the registration's row locked, NOT_FOUND,
     * ANNULLED and NOT_ASSIGNED refused, the assignments and their audit entries written in one transaction.
     */
    private Registration deskChange(ProtocolId id, String office, String what, DeskStep step) throws IOException {
        Objects.requireNonNull(id, "id");
        return transaction(what, c -> {
            long regId = regId(c, id, true);
            Registration before = Registrations.load(c, List.of(regId)).get(0);
            if (before.annulled()) throw new RegistryException(Reason.ANNULLED, id + " is annulled: it can be read, not changed");
            if (before.assignmentOf(office).isEmpty()) throw new RegistryException(Reason.NOT_ASSIGNED, office + " is not assigned " + id);
            Registration.Changed changed = step.apply(before);
            if (changed.audit().isEmpty()) return before;
            rewriteAssignments(c, regId, changed.after().assignments());
            insertAudit(c, regId, changed.audit());
            return changed.after();
        });
    }

    @Override
    public Optional<ProtocolId> findBySentMessageId(String messageId) throws IOException {
        String wanted = TransmissionEvent.bareMessageId(messageId);
        return readOne("finding the registration that sent " + wanted, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT r.amministrazione, r.aoo, r.registro, r.anno, r.numero FROM pec4j_transmission t "
                    + "JOIN pec4j_registration r ON r.reg_id = t.reg_id WHERE t.sent_msgid = ? AND t.event_type = 'SENT' "
                    + "AND r.direction = 'OUTGOING' ORDER BY r.register_key, r.anno, r.numero FETCH FIRST 1 ROWS ONLY")) {
                ps.setString(1, wanted);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) return Optional.empty();
                    RegisterId register = new RegisterId(Sql.string(rs, "amministrazione"), Sql.string(rs, "aoo"), Sql.string(rs, "registro"));
                    return Optional.of(new ProtocolId(register, rs.getInt("anno"), rs.getLong("numero")));
                }
            }
        });
    }

    /** The bare Message-ID of a SENT event, the key {@link #findBySentMessageId} looks up. */
    private static Optional<String> sentMsgid(TransmissionEvent e) {
        if (e.type() != TransmissionEvent.Type.SENT) return Optional.empty();
        return e.msgid().filter(m -> !m.isBlank()).map(TransmissionEvent::bareMessageId);
    }

    @Override
    public Optional<MailroomState> mailroom() {
        return Optional.of(mailroom);
    }

    @Override
    public Registration annul(ProtocolId id, AnnulmentRequest request) throws IOException {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(request, "request");
        return transaction("annulling " + id, c -> {
            long regId = regId(c, id, true);
            Registration before = Registrations.load(c, List.of(regId)).get(0);
            if (before.annulled()) throw new RegistryException(Reason.ANNULLED, id + " is already annulled");
            Annulment annulment = new Annulment(request, now());
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO pec4j_annulment (reg_id, provvedimento, provvedimento_date, reason, "
                    + "operator_id, operator_name, annulled_s, annulled_n) VALUES (" + Sql.markers(8) + ")")) {
                ps.setLong(1, regId);
                ps.setString(2, request.provvedimento());
                ps.setObject(3, request.provvedimentoDate());
                ps.setString(4, request.reason());
                ps.setString(5, request.operator().id());
                ps.setString(6, request.operator().displayName());
                Sql.setInstant(ps, 7, annulment.annulledAt());
                ps.executeUpdate();
            }
            insertAudit(c, regId, List.of(AuditEntry.ofAnnulment(id, annulment)));
            return before.withAnnulment(annulment);
        });
    }

    /** The identity of an event with an identificativo: SHA-256 of type, recipient and identificativo. */
    private static Optional<String> identity(TransmissionEvent event) {
        if (event.identificativo().isEmpty()) return Optional.empty();
        String joined = event.type().name() + '\n' + event.recipient().map(r -> "1" + r).orElse("0") + '\n' + event.identificativo().get();
        return Optional.of(Impronta.of(joined.getBytes(StandardCharsets.UTF_8)).hex());
    }

    @Override
    public TransmissionRecord recordTransmission(ProtocolId id, TransmissionEvent event, Optional<DocumentRequest> rawReceipt, Actor actor)
            throws IOException {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(rawReceipt, "rawReceipt");
        Objects.requireNonNull(actor, "actor");
        TransmissionFiling filing = new TransmissionFiling(id, event, rawReceipt, actor);
        return transaction("recording a transmission of " + id, c -> recordOnce(c, filing));
    }

    /**
     * The filings in one transaction; one that fails undoes it alone (MRM-GROUP-01). They are filed first with no
     * savepoint (REG-PG-RTT-02); when one fails, that transaction is undone and the group filed again, each filing
     * under its own savepoint.
     */
    @Override
    public List<FilingResult> recordTransmissions(List<TransmissionFiling> filings) throws IOException {
        List<TransmissionFiling> all = List.copyOf(filings);
        ensureOpen();
        if (all.size() < 2) return ProtocolRegistry.super.recordTransmissions(all);
        String what = "recording " + all.size() + " transmissions";
        Optional<List<FilingResult>> unguarded = transaction(what, c -> fileAll(c, all), Optional::isPresent);
        return unguarded.isPresent() ? unguarded.get() : transaction(what, c -> fileEachGuarded(c, all));
    }

    /** Every filing recorded, or empty as soon as one fails (the transaction is then rolled back). */
    private Optional<List<FilingResult>> fileAll(Connection c, List<TransmissionFiling> filings) throws IOException, SQLException {
        List<FilingResult> results = new ArrayList<>(filings.size());
        for (TransmissionFiling f : filings) {
            try {
                results.add(FilingResult.of(recordOnce(c, f)));
            } catch (RegistryException e) {
                if (e.reason() == Reason.STORAGE) throw e;
                return Optional.empty();
            }
        }
        return Optional.of(results);
    }

    /** Each filing under its own savepoint: its own failure undoes it alone. */
    private List<FilingResult> fileEachGuarded(Connection c, List<TransmissionFiling> filings) throws IOException, SQLException {
        List<FilingResult> results = new ArrayList<>(filings.size());
        for (TransmissionFiling f : filings) {
            Savepoint before = c.setSavepoint();
            try {
                results.add(FilingResult.of(recordOnce(c, f)));
                c.releaseSavepoint(before);
            } catch (RegistryException e) {
                if (e.reason() == Reason.STORAGE) throw e;
                c.rollback(before); // this filing's own failure: the others stay
                results.add(FilingResult.failed(e));
            }
        }
        return results;
    }

    private TransmissionRecord recordOnce(Connection c, TransmissionFiling f) throws IOException, SQLException {
        Optional<String> identity = identity(f.event());
        long regId = regId(c, f.registration(), true);
        if (identity.isPresent()) {
            List<TransmissionRecord> same = sameEvent(c, regId, identity.get());
            if (!same.isEmpty()) return same.get(0);
        }
        Optional<StoredDocument> receipt = Optional.empty();
        if (f.rawReceipt().isPresent()) {
            receipt = Optional.of(storedDocument(0, StoredDocument.Role.RECEIPT, f.rawReceipt().get(),
                    content.put(c, f.rawReceipt().get(), maxDocumentBytes)));
        }
        long sequence;
        try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(seq_no), 0) + 1 FROM pec4j_transmission WHERE reg_id = ?")) {
            ps.setLong(1, regId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                sequence = rs.getLong(1);
            }
        }
        TransmissionRecord record = new TransmissionRecord(sequence, f.event(), receipt, now(), f.actor());
        insertTransmission(c, regId, record, identity);
        insertAudit(c, regId, List.of(AuditEntry.ofTransmission(f.registration(), record.recordedAt(), f.actor(), f.event())));
        return record;
    }

    private static void insertTransmission(Connection c, long regId, TransmissionRecord record, Optional<String> identity) throws SQLException {
        TransmissionEvent e = record.event();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO pec4j_transmission (reg_id, seq_no, event_type, recipient, occurred_s, "
                + "occurred_n, identificativo, msgid, errore, errore_esteso, recipient_protocol, note, event_identity, receipt_file_name, "
                + "receipt_media_type, receipt_size, receipt_sha256, recorded_s, recorded_n, recorded_by_id, recorded_by_name, sent_msgid) VALUES ("
                + Sql.markers(22) + ")")) {
            ps.setLong(1, regId);
            ps.setLong(2, record.sequence());
            ps.setString(3, e.type().name());
            Sql.setString(ps, 4, e.recipient());
            Sql.setInstant(ps, 5, e.occurredAt());
            Sql.setString(ps, 7, e.identificativo());
            Sql.setString(ps, 8, e.msgid());
            Sql.setString(ps, 9, e.errore());
            Sql.setString(ps, 10, e.erroreEsteso());
            Sql.setString(ps, 11, e.recipientProtocol());
            Sql.setString(ps, 12, e.note());
            Sql.setString(ps, 13, identity);
            Optional<StoredDocument> r = record.receipt();
            Sql.setString(ps, 14, r.map(StoredDocument::fileName));
            Sql.setString(ps, 15, r.map(StoredDocument::mediaType));
            Sql.setOptional(ps, 16, r.map(StoredDocument::size), java.sql.Types.BIGINT);
            Sql.setString(ps, 17, r.map(d -> d.impronta().hex()));
            Sql.setInstant(ps, 18, record.recordedAt());
            ps.setString(20, record.recordedBy().id());
            ps.setString(21, record.recordedBy().displayName());
            Sql.setString(ps, 22, sentMsgid(e));
            ps.executeUpdate();
        }
    }

    /** The registration's transmissions recorded with this identity (the same event filed before). */
    private static List<TransmissionRecord> sameEvent(Connection c, long regId, String identity) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM pec4j_transmission WHERE reg_id = ? AND event_identity = ? ORDER BY seq_no")) {
            ps.setLong(1, regId);
            ps.setString(2, identity);
            List<TransmissionRecord> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(transmission(rs));
            }
            return out;
        }
    }

    private static TransmissionRecord transmission(ResultSet rs) throws SQLException {
        TransmissionEvent event = new TransmissionEvent(TransmissionEvent.Type.valueOf(Sql.string(rs, "event_type")),
                Sql.optionalString(rs, "recipient"), Sql.instant(rs, "occurred"), Sql.optionalString(rs, "identificativo"),
                Sql.optionalString(rs, "msgid"), Sql.optionalString(rs, "errore"), Sql.optionalString(rs, "errore_esteso"),
                Sql.optionalString(rs, "recipient_protocol"), Sql.optionalString(rs, "note"));
        Optional<StoredDocument> receipt = Sql.optionalString(rs, "receipt_sha256").isPresent()
                ? Optional.of(new StoredDocument(0, StoredDocument.Role.RECEIPT, Sql.string(rs, "receipt_file_name"),
                        Sql.string(rs, "receipt_media_type"), rs.getLong("receipt_size"), Impronta.ofHex(Sql.string(rs, "receipt_sha256"))))
                : Optional.empty();
        return new TransmissionRecord(rs.getLong("seq_no"), event, receipt, Sql.instant(rs, "recorded"),
                new Actor(Sql.string(rs, "recorded_by_id"), Sql.string(rs, "recorded_by_name")));
    }

    /**
     * One statement (REG-PG-RTT-01): the registration's row joined to its transmissions, so that a registration
     * with none still answers (one row, no transmission) and one that does not exist answers no row.
     */
    @Override
    public List<TransmissionRecord> transmissions(ProtocolId id) throws IOException {
        Objects.requireNonNull(id, "id");
        return readOne("reading the transmissions of " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT t.* FROM pec4j_registration r LEFT JOIN pec4j_transmission t ON t.reg_id = r.reg_id "
                    + "WHERE r.register_key = ? AND r.anno = ? AND r.numero = ? ORDER BY t.seq_no")) {
                Registrations.bindId(ps, id);
                List<TransmissionRecord> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) throw new RegistryException(Reason.NOT_FOUND, "no registration " + id);
                    do {
                        if (rs.getObject("seq_no") != null) out.add(transmission(rs));
                    } while (rs.next());
                }
                return out;
            }
        });
    }

    @Override
    public InputStream openDocument(ProtocolId id, int index) throws IOException {
        return openContent(id, "SELECT sha256 FROM pec4j_document WHERE reg_id = ? AND doc_index = ?", index, "document " + index);
    }

    @Override
    public InputStream openReceipt(ProtocolId id, long sequence) throws IOException {
        return openContent(id, "SELECT receipt_sha256 FROM pec4j_transmission WHERE reg_id = ? AND seq_no = ?", sequence,
                "receipt with sequence " + sequence);
    }

    /** The content whose SHA-256 {@code sql} selects for (registration, item); NOT_FOUND when there is none. */
    private InputStream openContent(ProtocolId id, String sql, long item, String what) throws IOException {
        Objects.requireNonNull(id, "id");
        String sha256 = read("reading " + what + " of " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setLong(1, regId(c, id, false));
                ps.setLong(2, item);
                try (ResultSet rs = ps.executeQuery()) {
                    Optional<String> found = rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
                    return found.orElseThrow(() -> new RegistryException(Reason.NOT_FOUND, id + " has no " + what));
                }
            }
        });
        try {
            return new StorageStream(content.open(sha256), what + " of " + id);
        } catch (RegistryException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw Sql.storage("opening " + what + " of " + id, e);
        }
    }

    @Override
    public List<AuditEntry> audit(ProtocolId id) throws IOException {
        Objects.requireNonNull(id, "id");
        return read("reading the audit trail of " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM pec4j_audit WHERE reg_id = ? ORDER BY audit_id")) {
                ps.setLong(1, regId(c, id, false));
                List<AuditEntry> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new AuditEntry(id, Sql.instant(rs, "at"), new Actor(Sql.string(rs, "actor_id"), Sql.string(rs, "actor_name")),
                                AuditEntry.Action.valueOf(Sql.string(rs, "audit_action")), Sql.optionalString(rs, "before_value"),
                                Sql.optionalString(rs, "after_value")));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public List<Registration> search(SearchQuery query) throws IOException {
        Objects.requireNonNull(query, "query");
        return read("searching", c -> Registrations.load(c, SearchSql.ids(c, query)));
    }

    @Override
    public DailyRegister dailyRegister(RegisterId register, LocalDate day) throws IOException {
        Objects.requireNonNull(register, "register");
        Objects.requireNonNull(day, "day");
        Instant now = clock.instant();
        if (now.isBefore(day.plusDays(1).atStartOfDay(Registration.ROME).toInstant())) {
            throw new RegistryException(Reason.DAY_NOT_CLOSED, day + " has not ended in Europe/Rome (now " + now + ")");
        }
        Instant producedAt = now.truncatedTo(ChronoUnit.MILLIS);
        Optional<DailyRegister> stored = read("reading the daily register of " + register + " " + day, c -> storedDaily(c, register, day));
        if (stored.isPresent()) return stored.get();
        DailyRegister produced = read("producing the daily register of " + register + " " + day, c -> {
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT reg_id FROM pec4j_registration WHERE register_key = ? AND registration_day = ? "
                    + "ORDER BY anno, numero")) {
                ps.setString(1, Registrations.key(register));
                ps.setObject(2, day);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) ids.add(rs.getLong(1));
                }
            }
            List<Registration> registrations = Registrations.load(c, ids);
            byte[] bytes = DailyRegisterFormat.render(register, day, registrations);
            return new DailyRegister(register, day, registrations.stream().map(Registration::id).toList(), bytes, Impronta.of(bytes), producedAt);
        });
        try {
            transaction(c -> {
                storeDaily(c, produced);
                return produced;
            }, d -> true);
            return produced;
        } catch (RegistryException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw Sql.storage("storing the daily register of " + register + " " + day, e);
        } catch (SQLException e) {
            if (!Sql.isUniqueViolation(e)) throw Sql.storage("storing the daily register of " + register + " " + day, e);
            // produced concurrently by another process: theirs is the one
            return read("reading the daily register of " + register + " " + day, c -> storedDaily(c, register, day))
                    .orElseThrow(() -> Sql.storage("reading the daily register of " + register + " " + day, e));
        }
    }

    private static Optional<DailyRegister> storedDaily(Connection c, RegisterId register, LocalDate day) throws SQLException {
        byte[] bytes;
        Impronta impronta;
        Instant producedAt;
        try (PreparedStatement ps = c.prepareStatement("SELECT content, sha256, produced_s, produced_n FROM pec4j_daily_register "
                + "WHERE register_key = ? AND register_day = ?")) {
            ps.setString(1, Registrations.key(register));
            ps.setObject(2, day);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                bytes = rs.getBytes("content");
                impronta = Impronta.ofHex(Sql.string(rs, "sha256")); // stored with it; the record checks they agree
                producedAt = Sql.instant(rs, "produced");
            }
        }
        List<ProtocolId> entries = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT anno, numero FROM pec4j_daily_register_entry WHERE register_key = ? "
                + "AND register_day = ? ORDER BY item_no")) {
            ps.setString(1, Registrations.key(register));
            ps.setObject(2, day);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) entries.add(new ProtocolId(register, rs.getInt("anno"), rs.getLong("numero")));
            }
        }
        return Optional.of(new DailyRegister(register, day, entries, bytes, impronta, producedAt));
    }

    private static void storeDaily(Connection c, DailyRegister daily) throws SQLException {
        String key = Registrations.key(daily.register());
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO pec4j_daily_register (register_key, register_day, content, sha256, "
                + "produced_s, produced_n) VALUES (" + Sql.markers(6) + ")")) {
            ps.setString(1, key);
            ps.setObject(2, daily.day());
            ps.setBytes(3, daily.content());
            ps.setString(4, daily.impronta().hex());
            Sql.setInstant(ps, 5, daily.producedAt());
            ps.executeUpdate();
        }
        if (daily.entries().isEmpty()) return;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO pec4j_daily_register_entry (register_key, register_day, item_no, anno, numero) "
                + "VALUES (" + Sql.markers(5) + ")")) {
            int i = 0;
            for (ProtocolId id : daily.entries()) {
                ps.setString(1, key);
                ps.setObject(2, daily.day());
                ps.setInt(3, i++);
                ps.setInt(4, id.year());
                ps.setLong(5, id.number());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) return;
        closed = true;
        if (ownsDataSource && dataSource instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (IOException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException("closing the connection pool failed", e);
            }
        }
    }
}
