package io.github.pec4j.registry.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pec4j.registry.Actor;
import io.github.pec4j.registry.BatchResult;
import io.github.pec4j.registry.Channel;
import io.github.pec4j.registry.Classification;
import io.github.pec4j.registry.Correspondent;
import io.github.pec4j.registry.DocumentRequest;
import io.github.pec4j.registry.IdempotencyKey;
import io.github.pec4j.registry.Impronta;
import io.github.pec4j.registry.IntakeEntry;
import io.github.pec4j.registry.MailroomState;
import io.github.pec4j.registry.ProtocolId;
import io.github.pec4j.registry.ProtocolRegistry;
import io.github.pec4j.registry.RegisterId;
import io.github.pec4j.registry.RegistrationRequest;
import io.github.pec4j.registry.RegistryException;
import io.github.pec4j.registry.TransmissionEvent;
import io.github.pec4j.registry.TransmissionFiling;
import io.github.pec4j.registry.jdbc.JdbcRegistryConfig;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * REG-PG-RTT-01: every statement, and every transaction begun and ended, is a round trip to PostgreSQL; the
 * registry makes none it does not need. Counted here on H2 through a data source that lends one physical
 * connection, as a pool does, and counts what is asked of it. REG-PG-RTT-02: a group of registrations or filings
 * where none fails takes no savepoint.
 */
@Tag("REG-PG-RTT-01")
class RoundTripTest {
    private static final RegisterId REGISTER = RegisterId.of("c_h501", "AOO_RTT", "PG");
    private static final String BOX = "protocollo@pec.comune.example.it";
    private static final Instant T0 = Instant.parse("2025-06-02T08:00:00Z");

    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    /** Whether the journal's read-back query finds nothing, as if the rows just written had vanished. */
    private volatile boolean lostReadBack;
    private Connection physical;
    private DataSource pool;

    @BeforeEach
    void open() throws SQLException {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:rtt-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        physical = h2.getConnection();
        try (Statement s = physical.createStatement()) {
            s.execute("CREATE SCHEMA RTT");
        }
        pool = lending(physical);
    }

    @AfterEach
    void close() throws SQLException {
        try (Statement s = physical.createStatement()) {
            s.execute("SHUTDOWN");
        }
        physical.close();
    }

    /** A data source lending {@code c} at every borrow, as a pool lends its connections: closing the loan keeps it open. */
    private DataSource lending(Connection c) {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
            if (!method.getName().equals("getConnection")) throw new UnsupportedOperationException(method.getName());
            return loan(c);
        });
    }

    private Connection loan(Connection c) {
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
            String name = method.getName() + (method.getName().equals("setAutoCommit") ? "(" + args[0] + ")" : "");
            calls.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
            if (method.getName().equals("close")) return null;
            if (method.getName().equals("unwrap") && args[0] == Connection.class) return c;
            if (method.getName().equals("prepareStatement") && lostReadBack && args[0].toString().startsWith("SELECT * FROM pec4j_intake WHERE (mailbox")) {
                args[0] = args[0].toString().replace("WHERE (mailbox", "WHERE 1 = 0 AND (mailbox"); // the rows just written are not found
            }
            try {
                return method.invoke(c, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }

    private ProtocolRegistry registry() throws java.io.IOException {
        return JdbcProtocolRegistry.open(pool, false, JdbcRegistryConfig.defaults().withSchema("RTT"), Clock.fixed(T0, ZoneOffset.UTC));
    }

    private int calls(String name) {
        AtomicInteger n = calls.get(name);
        return n == null ? 0 : n.get();
    }

    private int statements() {
        return calls("prepareStatement") + calls("createStatement");
    }

    @Test
    @DisplayName("REG-PG-RTT-01 on its own pool the registry sets its schema once per physical connection; on a caller's data source at every borrow")
    void schemaOncePerConnection() throws SQLException {
        Database own = new Database(pool, Optional.of("RTT"), Dialect.H2, true);
        Database theirs = new Database(pool, Optional.of("RTT"), Dialect.H2, false);
        for (int i = 0; i < 3; i++) {
            try (Connection c = own.connection()) {
                assertThat(c.getSchema()).isEqualTo("RTT");
            }
        }
        assertThat(calls("setSchema")).as("own pool: once").isEqualTo(1);
        for (int i = 0; i < 3; i++) {
            try (Connection c = theirs.connection()) {
                assertThat(c.getSchema()).isEqualTo("RTT");
            }
        }
        assertThat(calls("setSchema")).as("a caller's data source: at every borrow").isEqualTo(4);
    }

    @Test
    @DisplayName("REG-PG-RTT-01 a connection left in a transaction is put back in auto-commit before its schema is set, so no rollback undoes it")
    void schemaSetInAutoCommit() throws SQLException {
        physical.setAutoCommit(false);
        try (Connection c = new Database(pool, Optional.of("RTT"), Dialect.H2, true).connection()) {
            assertThat(c.getAutoCommit()).isTrue();
            c.rollback();
            assertThat(c.getSchema()).isEqualTo("RTT");
        }
    }

    @Test
    @DisplayName("REG-PG-RTT-01 a connection whose schema cannot be set is given back to the pool, and the next borrow tries again")
    void failedSchemaClosesTheLoan() throws SQLException {
        Database db = new Database(pool, Optional.of("NOWHERE"), Dialect.H2, true);
        assertThatThrownBy(db::connection).isInstanceOf(SQLException.class);
        assertThat(calls("close")).isEqualTo(1);
        assertThatThrownBy(db::connection).isInstanceOf(SQLException.class);
        assertThat(calls("setSchema")).as("not taken as set").isEqualTo(2);
    }

    @Test
    @DisplayName("REG-PG-RTT-01 a journal look-up and a registration's transmissions are one statement each, with no transaction around it")
    void oneStatementReads() throws Exception {
        try (ProtocolRegistry registry = registry()) {
            MailroomState state = registry.mailroom().orElseThrow();
            ProtocolId id = registry.register(request("a")).registration().id();
            ProtocolId missing = new ProtocolId(REGISTER, id.year(), id.number() + 1);
            registry.recordTransmission(id, TransmissionEvent.of(TransmissionEvent.Type.SENT, Optional.of("ufficio@pec.example.it"), T0),
                    Optional.empty(), Actor.system("test"));
            state.recordIntake(entry("k1", IntakeEntry.Outcome.QUARANTINED));
            calls.clear();

            assertThat(state.intake(BOX, IdempotencyKey.of("k1"))).isPresent();
            assertThat(state.intake(BOX, IdempotencyKey.of("k2"))).isEmpty();
            assertThat(registry.transmissions(id)).extracting(t -> t.event().type()).containsExactly(TransmissionEvent.Type.SENT);
            assertThatThrownBy(() -> registry.transmissions(missing)).isInstanceOfSatisfying(RegistryException.class,
                    e -> assertThat(e.reason()).isEqualTo(RegistryException.Reason.NOT_FOUND));

            assertThat(statements()).as("four reads, four statements").isEqualTo(4);
            assertThat(calls("setAutoCommit(false)")).as("no transaction begun").isZero();
            assertThat(calls("commit")).isZero();
        }
    }

    @Test
    @DisplayName("REG-PG-RTT-01 a registration with no transmissions answers none, in one statement")
    void noTransmissions() throws Exception {
        try (ProtocolRegistry registry = registry()) {
            ProtocolId id = registry.register(request("b")).registration().id();
            calls.clear();
            assertThat(registry.transmissions(id)).isEmpty();
            assertThat(statements()).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("REG-PG-RTT-01 a group of 250 journal entries in two boxes is written in one batch and read back in three queries, each as stored, in order")
    void journalGroupInOneBatch() throws Exception {
        try (ProtocolRegistry registry = registry()) {
            MailroomState state = registry.mailroom().orElseThrow();
            state.recordIntake(entry("g7", IntakeEntry.Outcome.ERROR)); // replaced by the group's
            List<IntakeEntry> group = new ArrayList<>();
            for (int i = 0; i < 250; i++) {
                IntakeEntry e = entry("g" + i, i % 2 == 0 ? IntakeEntry.Outcome.REGISTERED : IntakeEntry.Outcome.RECEIPT);
                group.add(i % 3 == 0 ? new IntakeEntry("altro@pec.comune.example.it", e.key(), e.messageId(), e.kind(), e.sender(), e.subject(),
                        e.outcome(), e.registration(), e.reasons(), e.folder(), e.at(), e.attempts()) : e);
            }
            calls.clear();

            List<IntakeEntry> stored = state.recordIntakes(group, List.of());

            assertThat(stored).containsExactlyElementsOf(group);
            assertThat(statements()).as("one batch, then 100 + 100 + 50 read back").isEqualTo(1 + 3);
            assertThat(state.intake(BOX, IdempotencyKey.of("g7"))).contains(group.get(7));
        }
    }

    @Test
    @DisplayName("REG-PG-RTT-01 a group's entries not found when read back fail the group as STORAGE, and none of them stays written")
    void readBackFindsNothing() throws Exception {
        try (ProtocolRegistry registry = registry()) {
            MailroomState state = registry.mailroom().orElseThrow();
            List<IntakeEntry> group = List.of(entry("v1", IntakeEntry.Outcome.REGISTERED), entry("v2", IntakeEntry.Outcome.RECEIPT));
            lostReadBack = true;
            assertThatThrownBy(() -> state.recordIntakes(group, List.of())).isInstanceOfSatisfying(RegistryException.class,
                    e -> assertThat(e.reason()).isEqualTo(RegistryException.Reason.STORAGE));
            lostReadBack = false;
            assertThat(state.intake(BOX, IdempotencyKey.of("v1"))).isEmpty();
            assertThat(state.intake(BOX, IdempotencyKey.of("v2"))).isEmpty();
        }
    }

    @Test
    @Tag("REG-PG-RTT-02")
    @DisplayName("REG-PG-RTT-02 a group of registrations and a group of filings where none fails take no savepoint: one transaction each")
    void groupsWithoutSavepoints() throws Exception {
        try (ProtocolRegistry registry = registry()) {
            calls.clear();
            List<ProtocolId> ids = ids(registry.registerAll(List.of(request("s1"), request("s2"), request("s3"))));
            assertThat(ids).extracting(ProtocolId::number).containsExactly(1L, 2L, 3L);
            var results = registry.recordTransmissions(ids.stream().map(id -> filing(id, Optional.empty())).toList());
            assertThat(results).allSatisfy(r -> assertThat(r.failure()).isEmpty());
            assertThat(calls("setSavepoint")).isZero();
            assertThat(calls("commit")).as("one for the registrations, one for the filings").isEqualTo(2);
        }
    }

    @Test
    @Tag("REG-PG-RTT-02")
    @DisplayName("REG-PG-RTT-02 a filing that fails after writing its receipt undoes the group's transaction; filed again each behind a savepoint, "
            + "the others are recorded once and nothing of the failing one stays")
    void failingFilingRedoneGuarded() throws Exception {
        try (ProtocolRegistry registry = registry()) {
            List<ProtocolId> ids = ids(registry.registerAll(List.of(request("f1"), request("f2"), request("f3"))));
            byte[] receipt = "ricevuta di consegna".getBytes(StandardCharsets.UTF_8);
            DocumentRequest lying = DocumentRequest.of("ricevuta.eml", "message/rfc822", receipt).expecting(Impronta.of("altro".getBytes(StandardCharsets.UTF_8)));
            calls.clear();

            var results = registry.recordTransmissions(List.of(filing(ids.get(0), Optional.empty()), filing(ids.get(1), Optional.of(lying)),
                    filing(ids.get(2), Optional.empty())));

            assertThat(results.get(1).failure()).hasValueSatisfying(e -> assertThat(e.reason()).isEqualTo(RegistryException.Reason.FINGERPRINT_MISMATCH));
            assertThat(List.of(results.get(0), results.get(2))).allSatisfy(r -> assertThat(r.failure()).isEmpty());
            assertThat(calls("setSavepoint")).as("only when filed again").isEqualTo(3);
            for (ProtocolId id : ids) {
                assertThat(registry.transmissions(id)).as("%s", id).hasSize(id.equals(ids.get(1)) ? 0 : 1);
            }
            try (Statement s = physical.createStatement();
                    var rs = s.executeQuery("SELECT COUNT(*) FROM RTT.pec4j_content WHERE sha256 = '" + Impronta.of(receipt).hex() + "'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).as("the failing receipt's content").isZero();
            }
        }
    }

    private static List<ProtocolId> ids(List<BatchResult> results) throws RegistryException {
        List<ProtocolId> ids = new ArrayList<>();
        for (BatchResult r : results) ids.add(r.orThrow().registration().id());
        return ids;
    }

    private static TransmissionFiling filing(ProtocolId id, Optional<DocumentRequest> receipt) {
        return new TransmissionFiling(id, TransmissionEvent.of(TransmissionEvent.Type.ACCETTAZIONE, Optional.empty(), T0), receipt, Actor.system("test"));
    }

    private static RegistrationRequest request(String key) {
        return RegistrationRequest.incoming(REGISTER, Channel.PEC).correspondent(Correspondent.of("Mittente", key + "@pec.example.it"))
                .oggetto("Istanza " + key).document(DocumentRequest.of(key + ".txt", "text/plain", key.getBytes(StandardCharsets.UTF_8)))
                .classification(Classification.of("VI.3")).operator(Actor.system("test")).idempotencyKey(IdempotencyKey.of(key)).build();
    }

    private static IntakeEntry entry(String key, IntakeEntry.Outcome outcome) {
        return new IntakeEntry(BOX, IdempotencyKey.of(key), Optional.of("<" + key + "@pec.example.it>"), "POSTA_CERTIFICATA",
                Optional.of("mittente@pec.example.it"), Optional.of("Oggetto " + key), outcome, Optional.empty(), List.of("ragione " + key),
                "INBOX/pec4j", T0, 1);
    }
}
