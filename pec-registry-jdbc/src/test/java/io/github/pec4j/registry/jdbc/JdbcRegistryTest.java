package io.github.pec4j.registry.jdbc;

import static io.github.pec4j.registry.tck.KitRequests.OPERATOR;
import static io.github.pec4j.registry.tck.KitRequests.REGISTER;
import static io.github.pec4j.registry.tck.KitRequests.incoming;
import static io.github.pec4j.registry.tck.KitRequests.outgoing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pec4j.registry.Actor;
import io.github.pec4j.registry.AnnulmentRequest;
import io.github.pec4j.registry.Assignment;
import io.github.pec4j.registry.AuditEntry;
import io.github.pec4j.registry.BatchResult;
import io.github.pec4j.registry.Capability;
import io.github.pec4j.registry.Change;
import io.github.pec4j.registry.Channel;
import io.github.pec4j.registry.Classification;
import io.github.pec4j.registry.ContentSource;
import io.github.pec4j.registry.Correspondent;
import io.github.pec4j.registry.DailyRegister;
import io.github.pec4j.registry.Direction;
import io.github.pec4j.registry.DocumentRequest;
import io.github.pec4j.registry.EmergencyLink;
import io.github.pec4j.registry.IdempotencyKey;
import io.github.pec4j.registry.Impronta;
import io.github.pec4j.registry.IntakeEntry;
import io.github.pec4j.registry.MailboxLease;
import io.github.pec4j.registry.MailroomState;
import io.github.pec4j.registry.OutboxEntry;
import io.github.pec4j.registry.ProtocolId;
import io.github.pec4j.registry.ProtocolRegistry;
import io.github.pec4j.registry.RegisterId;
import io.github.pec4j.registry.Registration;
import io.github.pec4j.registry.RegistrationRequest;
import io.github.pec4j.registry.RegistrationResult;
import io.github.pec4j.registry.RegistryException;
import io.github.pec4j.registry.SearchQuery;
import io.github.pec4j.registry.TransmissionEvent;
import io.github.pec4j.registry.TransmissionRecord;
import io.github.pec4j.registry.tck.MutableClock;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the compatibility kit does not see: storage details of the JDBC registry (streaming,
 * content addressing, exact instants, the search in SQL, the idempotency constraint, the stored
 * daily register, schemas), on H2 with either content store and on PostgreSQL.
 */
class JdbcRegistryTest {
    @TempDir
    Path directory;

    /** The behaviour every store shows; a nested class per store runs it. */
    abstract class Store {
        final MutableClock clock = MutableClock.at("2025-03-14T09:00:00Z");
        ProtocolRegistry registry;

        abstract JdbcRegistryConfig config();

        abstract String url();

        String user() {
            return "";
        }

        ProtocolRegistry open(Clock c, JdbcRegistryConfig config) throws IOException {
            return JdbcRegistry.open(url(), user(), "", config, c);
        }

        /** A plain connection to the registry's tables, to look at what was written. */
        Connection inspect() throws SQLException {
            Connection c = DriverManager.getConnection(url(), user(), "");
            config().schema().ifPresent(s -> {
                try {
                    c.setSchema(s);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            return c;
        }

        long count(String sql) throws SQLException {
            try (Connection c = inspect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        }

        @BeforeEach
        void openRegistry() throws Exception {
            registry = open(clock, config());
        }

        @AfterEach
        void closeRegistry() throws Exception {
            if (registry != null) registry.close();
        }

        void reopen() throws IOException {
            registry.close();
            registry = open(clock, config());
        }

        @Test
        @DisplayName("instants given by callers come back to the nanosecond, also after a restart")
        void instantsRoundTrip() throws IOException {
            Instant received = Instant.parse("2025-03-14T08:59:58.123456789Z");
            Instant emergencyAt = Instant.parse("2025-03-13T10:00:00.000000001Z");
            Instant occurred = Instant.parse("1970-01-01T00:00:00.999999999Z");
            clock.set("2025-03-14T09:00:00.987654321Z");
            RegistrationRequest request = incoming(REGISTER, "Istanti").receivedAt(received).build()
                    .withEmergency(new EmergencyLink("RE-2025-01", 3, emergencyAt));
            Registration r = registry.register(request).registration();
            assertThat(r.registeredAt()).isEqualTo(Instant.parse("2025-03-14T09:00:00.987Z"));
            TransmissionRecord t = registry.recordTransmission(r.id(), TransmissionEvent.of(TransmissionEvent.Type.CONSEGNA,
                    Optional.of("a@pec.example.it"), occurred).withIdentificativo("opec.1").withMsgid("m@x").withRecipientProtocol("0000012")
                    .withNote("nota"), Optional.empty(), OPERATOR);
            reopen();
            Registration found = registry.find(r.id()).orElseThrow();
            assertThat(found).isEqualTo(r);
            assertThat(found.receivedAt()).contains(received);
            assertThat(found.emergency().orElseThrow().emergencyRegisteredAt()).isEqualTo(emergencyAt);
            assertThat(registry.transmissions(r.id())).containsExactly(t);
            assertThat(registry.transmissions(r.id()).get(0).event().occurredAt()).isEqualTo(occurred);
        }

        @Test
        @Tag("REG-HASH-01")
        @DisplayName("REG-HASH-01 a document larger than a chunk is streamed in and out byte-exact, and identical content is kept once")
        void streamsAndDeduplicates() throws IOException, SQLException {
            long size = 3 * (1 << 20) + 12_345;
            ContentSourceCounter source = new ContentSourceCounter(size, 7);
            Registration a = registry.register(incoming(REGISTER, "Grande")
                    .document(new DocumentRequest("scansione.pdf", "application/pdf", source::open, Optional.empty())).build()).registration();
            assertThat(source.opened).as("the content is read once").isEqualTo(1);
            Impronta expected;
            try (InputStream in = new ContentSourceCounter(size, 7).open()) {
                expected = Impronta.of(in);
            }
            assertThat(a.documents().get(1).size()).isEqualTo(size);
            assertThat(a.documents().get(1).impronta()).isEqualTo(expected);
            try (InputStream in = registry.openDocument(a.id(), 1)) {
                assertThat(Impronta.of(in)).isEqualTo(expected);
            }
            Registration b = registry.register(incoming(REGISTER, "Grande")
                    .document(new DocumentRequest("copia.pdf", "application/pdf", new ContentSourceCounter(size, 7)::open, Optional.of(expected)))
                    .build()).registration();
            assertThat(b.documents().get(1).impronta()).isEqualTo(expected);
            assertThat(storedContents()).as("two distinct contents: the small primary and the large one").isEqualTo(2);
        }

        @Test
        @Tag("REG-BATCH-04")
        @DisplayName("REG-BATCH-04 no number is taken while a batch writes its documents: a registration meanwhile does not wait for "
                + "the batch, and the numbers stay gapless")
        void batchWritesDocumentsBeforeTakingNumbers() throws Exception {
            CountDownLatch reading = new CountDownLatch(1);
            CountDownLatch go = new CountDownLatch(1);
            ContentSource slow = () -> {
                reading.countDown();
                try {
                    go.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return new ByteArrayInputStream("seconda".getBytes(StandardCharsets.UTF_8));
            };
            RegistrationRequest second = incoming(REGISTER, "Seconda").document(new DocumentRequest("b.pdf", "application/pdf", slow, Optional.empty()))
                    .build();
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                var batch = pool.submit(() -> registry.registerAll(List.of(incoming(REGISTER, "Prima").build(), second, incoming(REGISTER, "Terza").build())));
                assertThat(reading.await(10, TimeUnit.SECONDS)).as("the batch reads the second request's document").isTrue();
                var alone = pool.submit(() -> registry.register(incoming(REGISTER, "Nel frattempo").build()));
                // before, the first request's number was taken already and its lock held until the batch committed
                Registration meanwhile = alone.get(10, TimeUnit.SECONDS).registration();
                go.countDown();
                List<BatchResult> results = batch.get(30, TimeUnit.SECONDS);
                assertThat(meanwhile.id().number()).isEqualTo(1);
                assertThat(results).extracting(r -> r.orThrow().registration().id().number()).containsExactly(2L, 3L, 4L);
                assertThat(results).extracting(r -> r.orThrow().registration().oggetto()).containsExactly("Prima", "Seconda", "Terza");
            } finally {
                go.countDown();
                pool.shutdownNow();
            }
        }

        @Test
        @Tag("REG-BATCH-04")
        @Tag("REG-ATOM-01")
        @DisplayName("REG-BATCH-04 a request of a batch whose segnatura cannot be generated after its documents were written leaves no "
                + "content behind, and the others register gapless")
        void failureAfterDocumentsWrittenLeavesNoContent() throws IOException, SQLException {
            byte[] own = "solo di questa richiesta".getBytes(StandardCharsets.UTF_8);
            RegistrationRequest failing = incoming(REGISTER, "Segnatura fallita").document(DocumentRequest.of("propria.pdf", "application/pdf", own))
                    .generated((id, at) -> {
                        throw new IOException("sigillo non disponibile");
                    }).build();

            List<BatchResult> results = registry.registerAll(List.of(incoming(REGISTER, "Prima").build(), failing, incoming(REGISTER, "Terza").build()));

            assertThat(results.get(1).failure()).hasValueSatisfying(e -> assertThat(e.reason()).isEqualTo(RegistryException.Reason.GENERATION_FAILED));
            assertThat(List.of(results.get(0), results.get(2))).extracting(r -> r.orThrow().registration().id().number()).containsExactly(1L, 2L);
            assertThat(count("SELECT COUNT(*) FROM pec4j_content WHERE sha256 = '" + Impronta.of(own).hex() + "'")).isZero();
        }

        @Test
        @Tag("REG-BATCH-04")
        @DisplayName("REG-BATCH-04 a document source failing with an unchecked exception while a batch writes its documents fails that "
                + "request alone as STORAGE; the others register gapless")
        void uncheckedFailureWhileWritingDocuments() throws IOException {
            ContentSource broken = () -> {
                throw new IllegalStateException("the scanner's driver crashed");
            };
            RegistrationRequest failing = incoming(REGISTER, "Guasta").document(new DocumentRequest("b.pdf", "application/pdf", broken, Optional.empty()))
                    .build();

            List<BatchResult> results = registry.registerAll(List.of(incoming(REGISTER, "Prima").build(), failing, incoming(REGISTER, "Terza").build()));

            assertThat(results.get(1).failure()).hasValueSatisfying(e -> assertThat(e.reason()).isEqualTo(RegistryException.Reason.STORAGE));
            assertThat(List.of(results.get(0), results.get(2))).extracting(r -> r.orThrow().registration().id().number()).containsExactly(1L, 2L);
            assertThat(registry.register(incoming(REGISTER, "Dopo").build()).registration().id().number()).isEqualTo(3);
        }

        /** How many distinct contents the store keeps. */
        long storedContents() throws SQLException, IOException {
            return count("SELECT COUNT(*) FROM pec4j_content");
        }

        @Test
        @Tag("REG-ATOM-01")
        @Tag("REG-HASH-01")
        @DisplayName("REG-ATOM-01 a document that does not match its impronta leaves no row, no content and no number behind")
        void mismatchLeavesNothing() throws IOException, SQLException {
            DocumentRequest lying = DocumentRequest.of("a.pdf", "application/pdf", "vero".getBytes(StandardCharsets.UTF_8))
                    .expecting(Impronta.of("falso".getBytes(StandardCharsets.UTF_8)));
            assertThatThrownBy(() -> registry.register(incoming(REGISTER, "Errata").document(lying).build()))
                    .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.reason()).isEqualTo(RegistryException.Reason.FINGERPRINT_MISMATCH));
            assertThat(count("SELECT COUNT(*) FROM pec4j_registration")).isZero();
            assertThat(count("SELECT COUNT(*) FROM pec4j_content_chunk")).isZero();
            assertThat(count("SELECT COUNT(*) FROM pec4j_content_part")).isZero();
            assertThat(count("SELECT COALESCE(MAX(last_number), 0) FROM pec4j_counter")).isZero();
            assertThat(registry.register(incoming(REGISTER, "Dopo").build()).registration().id().number()).isEqualTo(1);
        }

        /** Whether content goes to the database's parts (not to files). */
        boolean inParts() {
            return config().contentDirectory().isEmpty();
        }

        static final int PART = 256 * 1024;

        @Test
        @Tag("REG-CONTENT-02")
        @DisplayName("REG-CONTENT-02 documents of 0 bytes, one part less one, exactly one part, one part and one byte, past a batch of parts, then shorter ones again (read through the buffer the longer ones filled) come back byte-identical, in as many parts as their size needs")
        void partBoundaries() throws IOException, SQLException {
            long[] sizes = {0, PART - 1, PART, PART + 1, 16L * PART + 1, PART - 2, 1};
            for (int i = 0; i < sizes.length; i++) {
                ContentSourceCounter source = new ContentSourceCounter(sizes[i], 100 + i);
                Registration r = registry.register(incoming(REGISTER, "Parti " + sizes[i])
                        .document(new DocumentRequest("d.bin", "application/octet-stream", source::open, Optional.empty())).build()).registration();
                assertThat(source.opened).as("read once").isEqualTo(1);
                byte[] expected;
                try (InputStream in = new ContentSourceCounter(sizes[i], 100 + i).open()) {
                    expected = in.readAllBytes();
                }
                assertThat(r.documents().get(1).impronta()).isEqualTo(Impronta.of(expected));
                assertThat(r.documents().get(1).size()).isEqualTo(sizes[i]);
                try (InputStream in = registry.openDocument(r.id(), 1)) {
                    assertThat(in.readAllBytes()).as("%d bytes", sizes[i]).isEqualTo(expected);
                }
                if (inParts()) {
                    String where = " WHERE chunk_key = (SELECT chunk_key FROM pec4j_content WHERE sha256 = '" + Impronta.of(expected).hex() + "')";
                    long parts = (sizes[i] + PART - 1) / PART;
                    assertThat(count("SELECT COUNT(*) FROM pec4j_content_part" + where)).as("parts of %d bytes", sizes[i]).isEqualTo(parts);
                    assertThat(count("SELECT COALESCE(MAX(LENGTH(part_data)), 0) FROM pec4j_content_part" + where)).isLessThanOrEqualTo(PART);
                }
            }
        }

        @Test
        @Tag("REG-CONTENT-02")
        @Tag("REG-ATOM-01")
        @DisplayName("REG-CONTENT-02 a caller's impronta that the bytes do not have is refused after several parts were written: alone or in a batch, none of its parts, content or number stays")
        void wrongDigestOverParts() throws IOException, SQLException {
            long size = 2L * PART + 5;
            Impronta wrong = Impronta.of("altro".getBytes(StandardCharsets.UTF_8));
            DocumentRequest lying = new DocumentRequest("d.bin", "application/octet-stream", new ContentSourceCounter(size, 3)::open, Optional.of(wrong));
            assertThatThrownBy(() -> registry.register(incoming(REGISTER, "Errata").document(lying).build()))
                    .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.reason()).isEqualTo(RegistryException.Reason.FINGERPRINT_MISMATCH));
            assertThat(count("SELECT COUNT(*) FROM pec4j_content_part") + count("SELECT COUNT(*) FROM pec4j_content")).isZero();
            var results = registry.registerAll(List.of(incoming(REGISTER, "Prima").build(), incoming(REGISTER, "Errata").document(lying).build(),
                    incoming(REGISTER, "Terza").build()));
            assertThat(results.get(1).failure().orElseThrow().reason()).isEqualTo(RegistryException.Reason.FINGERPRINT_MISMATCH);
            assertThat(results.get(2).orThrow().registration().id().number()).isEqualTo(2);
            assertThat(count("SELECT COUNT(*) FROM pec4j_registration")).isEqualTo(2);
            if (inParts()) {
                assertThat(count("SELECT COUNT(*) FROM pec4j_content_part")).as("one part for each primary document").isEqualTo(
                        count("SELECT COUNT(*) FROM pec4j_content"));
                assertThat(count("SELECT COUNT(*) FROM pec4j_content_part p WHERE NOT EXISTS (SELECT 1 FROM pec4j_content c "
                        + "WHERE c.chunk_key = p.chunk_key)")).as("no orphan part").isZero();
            }
        }

        @Test
        @Tag("REG-CONTENT-02")
        @DisplayName("REG-CONTENT-02 content stored before schema 4 (1 MiB chunks in pec4j_content_chunk) is read back byte-identical beside content in parts")
        void earlierLayoutReadable() throws IOException, SQLException {
            Assumptions.assumeTrue(inParts(), "database content store only");
            long size = (1 << 20) + PART + 17;
            Registration r = registry.register(incoming(REGISTER, "Vecchia")
                    .document(new DocumentRequest("d.bin", "application/octet-stream", new ContentSourceCounter(size, 9)::open, Optional.empty())).build())
                    .registration();
            byte[] expected;
            try (InputStream in = new ContentSourceCounter(size, 9).open()) {
                expected = in.readAllBytes();
            }
            toEarlierLayout(Impronta.of(expected).hex(), expected);
            reopen();
            try (InputStream in = registry.openDocument(r.id(), 1)) {
                assertThat(in.readAllBytes()).isEqualTo(expected);
            }
            try (InputStream in = registry.openDocument(r.id(), 0)) {
                assertThat(Impronta.of(in)).isEqualTo(r.documents().get(0).impronta());
            }
        }

        /** Moves one content to the layout of schemas 1-3, as an older release wrote it. */
        void toEarlierLayout(String sha256, byte[] bytes) throws SQLException {
            try (Connection c = inspect();
                    PreparedStatement chunk = c.prepareStatement("INSERT INTO pec4j_content_chunk (chunk_key, chunk_no, chunk_data) VALUES ('old', ?, ?)");
                    PreparedStatement content = c.prepareStatement("UPDATE pec4j_content SET chunk_key = 'old', chunk_count = ?, part_size = NULL "
                            + "WHERE sha256 = ?");
                    Statement st = c.createStatement()) {
                int n = 0;
                for (int from = 0; from < bytes.length; from += 1 << 20) {
                    chunk.setInt(1, n++);
                    chunk.setBytes(2, java.util.Arrays.copyOfRange(bytes, from, Math.min(bytes.length, from + (1 << 20))));
                    chunk.executeUpdate();
                }
                st.executeUpdate("DELETE FROM pec4j_content_part WHERE chunk_key = (SELECT chunk_key FROM pec4j_content WHERE sha256 = '" + sha256 + "')");
                content.setInt(1, n);
                content.setString(2, sha256);
                assertThat(content.executeUpdate()).isEqualTo(1);
            }
        }

        @Test
        @Tag("REG-CONTENT-02")
        @DisplayName("REG-CONTENT-02 content altered in the database after it was stored is not handed over: reading it to the end fails with FINGERPRINT_MISMATCH")
        void alteredPartRefusedOnRead() throws IOException, SQLException {
            Assumptions.assumeTrue(inParts(), "database content store only");
            Registration r = registry.register(incoming(REGISTER, "Alterata")
                    .document(new DocumentRequest("d.bin", "application/octet-stream", new ContentSourceCounter(2L * PART, 11)::open, Optional.empty()))
                    .build()).registration();
            try (Connection c = inspect(); PreparedStatement ps = c.prepareStatement("UPDATE pec4j_content_part SET part_data = ? WHERE part_no = 1 "
                    + "AND chunk_key = (SELECT chunk_key FROM pec4j_content WHERE sha256 = ?)")) {
                ps.setBytes(1, new byte[PART]);
                ps.setString(2, r.documents().get(1).impronta().hex());
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
            try (InputStream in = registry.openDocument(r.id(), 1)) {
                assertThatThrownBy(in::readAllBytes).isInstanceOfSatisfying(RegistryException.class,
                        e -> assertThat(e.reason()).isEqualTo(RegistryException.Reason.FINGERPRINT_MISMATCH));
            }
        }

        @Test
        @Tag("REG-ATOM-01")
        @DisplayName("REG-ATOM-01 a document over the limit stops the reading there and registers nothing")
        void tooLargeStopsReading() throws IOException {
            registry.close();
            registry = open(clock, config().withMaxDocumentBytes(100_000));
            ContentSourceCounter huge = new ContentSourceCounter(1L << 40, 1);
            assertThatThrownBy(() -> registry.register(incoming(REGISTER, "Enorme")
                    .document(new DocumentRequest("enorme.bin", "application/octet-stream", huge::open, Optional.empty())).build()))
                    .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.reason()).isEqualTo(RegistryException.Reason.TOO_LARGE));
            assertThat(huge.read.get()).isLessThan(100_000 + 2L * (1 << 20));
            assertThat(registry.register(incoming(REGISTER, "Dopo").build()).registration().id().number()).isEqualTo(1);
        }

        @Test
        @Tag("REG-DUP-01")
        @Tag("REG-DUP-02")
        @DisplayName("REG-DUP-02 one key raced in two registers: the key's constraint keeps one registration, the loser is a conflict naming it and its number is not consumed")
        void keyRacedAcrossRegisters() throws Exception {
            // Two registers have two counters, so the counter lock does not order these two: the key's primary key does.
            RegisterId other = RegisterId.of(REGISTER.amministrazione(), REGISTER.aoo(), "DETERMINE");
            IdempotencyKey key = IdempotencyKey.of("race-across-registers");
            CountDownLatch generating = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<RegistrationResult> held = CompletableFuture.supplyAsync(() -> {
                try {
                    return registry.register(incoming(REGISTER, "Prima").idempotencyKey(key).generated((id, at) -> {
                        generating.countDown(); // number taken, key checked (absent), nothing written yet
                        try {
                            release.await(30, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return List.of();
                    }).build());
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(generating.await(30, TimeUnit.SECONDS)).isTrue();
            RegistrationResult meanwhile = registry.register(incoming(other, "Seconda").idempotencyKey(key).build());
            release.countDown();
            assertThat(meanwhile.duplicate()).isFalse();
            assertThat(held).failsWithin(30, TimeUnit.SECONDS).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                    .havingCause().withCauseInstanceOf(RegistryException.class)
                    .satisfies(e -> {
                        RegistryException conflict = (RegistryException) e.getCause();
                        assertThat(conflict.reason()).as("its insert of the key hit the constraint: rolled back, another message")
                                .isEqualTo(RegistryException.Reason.IDEMPOTENCY_CONFLICT);
                        assertThat(conflict.existingRegistration()).contains(meanwhile.registration().id());
                    });
            assertThat(registry.register(incoming(REGISTER, "Dopo").build()).registration().id()).isEqualTo(ProtocolId.of(REGISTER, 2025, 1));
            assertThat(registry.findByIdempotencyKey(key)).contains(meanwhile.registration());
        }

        @Test
        @Tag("REG-DUP-02")
        @DisplayName("REG-DUP-02 the key's row keeps the request's fingerprint; a key from before schema 2 (no fingerprint) is compared with its registration's own")
        void fingerprintStoredAndLegacyKeys() throws Exception {
            IdempotencyKey key = IdempotencyKey.of("legacy-key");
            RegistrationRequest request = incoming(REGISTER, "Prima dello schema 2").receivedAt(Instant.parse("2025-03-14T08:59:58Z"))
                    .idempotencyKey(key).build();
            Registration first = registry.register(request).registration();
            try (Connection c = inspect(); Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT fingerprint FROM pec4j_idempotency WHERE idempotency_key = 'legacy-key'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo(request.fingerprint()).startsWith("fp1:");
            }
            try (Connection c = inspect(); Statement st = c.createStatement()) {
                st.executeUpdate("UPDATE pec4j_idempotency SET fingerprint = NULL"); // as a row written under schema 1
            }
            reopen();
            RegistrationResult again = registry.register(incoming(REGISTER, "Prima dello schema 2").receivedAt(Instant.parse("2025-03-14T08:59:58Z"))
                    .classification(Classification.of("I.1")).idempotencyKey(key).build());
            assertThat(again.duplicate()).as("the same message is recognised from the registration itself").isTrue();
            assertThat(again.registration()).isEqualTo(first);
            assertThatThrownBy(() -> registry.register(incoming(REGISTER, "Un altro messaggio").idempotencyKey(key).build()))
                    .isInstanceOfSatisfying(RegistryException.class, e -> {
                        assertThat(e.reason()).isEqualTo(RegistryException.Reason.IDEMPOTENCY_CONFLICT);
                        assertThat(e.existingRegistration()).contains(first.id());
                    });
            assertThat(count("SELECT COUNT(*) FROM pec4j_idempotency WHERE fingerprint IS NULL")).as("nothing adopted").isEqualTo(1);
            assertThat(registry.register(incoming(REGISTER, "Dopo").build()).registration().id().number()).isEqualTo(2);
        }

        @Test
        @Tag("MRM-DESK-01")
        @DisplayName("MRM-DESK-01 a store written under schema 2 migrates to schemas 3 and 4: its assignments wait on the desk, its SENT Message-IDs are found, its content is read")
        void schema3Migration() throws Exception {
            Registration in = registry.register(incoming(REGISTER, "Prima dello schema 3").assign(Assignment.competenza("UFF-TRIB")).build())
                    .registration();
            Registration out = registry.register(outgoing(REGISTER, "Inviata prima dello schema 3").build()).registration();
            registry.recordTransmission(out.id(), TransmissionEvent.of(TransmissionEvent.Type.SENT, Optional.empty(), clock.instant())
                    .withMsgid(" <opec.v2@pec.comune.example.it> "), Optional.empty(), OPERATOR);
            registry.close();
            registry = null;
            try (Connection c = inspect(); Statement st = c.createStatement()) { // back to schema 2, as an older release left it
                for (String sql : List.of("DELETE FROM \"pec4j_schema_history\" WHERE \"version\" = '5'", // its identity caches are set again
                        "INSERT INTO pec4j_content_chunk (chunk_key, chunk_no, chunk_data) SELECT chunk_key, part_no, part_data "
                        + "FROM pec4j_content_part", "DROP TABLE pec4j_content_part", "ALTER TABLE pec4j_content DROP COLUMN part_size",
                        "DELETE FROM \"pec4j_schema_history\" WHERE \"version\" = '4'", "DROP TABLE pec4j_intake", "DROP TABLE pec4j_outbox", "DROP TABLE pec4j_lease",
                        "DROP INDEX pec4j_transmission_sent_msgid", "ALTER TABLE pec4j_transmission DROP COLUMN sent_msgid",
                        "ALTER TABLE pec4j_assignment DROP COLUMN taken_by_id", "ALTER TABLE pec4j_assignment DROP COLUMN taken_by_name",
                        "ALTER TABLE pec4j_assignment DROP COLUMN taken_at_s", "ALTER TABLE pec4j_assignment DROP COLUMN taken_at_n",
                        "DELETE FROM \"pec4j_schema_history\" WHERE \"version\" = '3'")) {
                    st.execute(sql);
                }
            }
            registry = open(clock, config());
            Registration migrated = registry.find(in.id()).orElseThrow();
            assertThat(migrated).isEqualTo(in);
            assertThat(migrated.assignmentOf("UFF-TRIB").orElseThrow().presaInCarico()).isEmpty();
            try (InputStream doc = registry.openDocument(in.id(), 0)) { // written before schema 4: read from its old layout
                assertThat(Impronta.of(doc)).isEqualTo(in.documents().get(0).impronta());
            }
            assertThat(registry.desk("UFF-TRIB", 10)).extracting(Registration::id).containsExactly(in.id());
            assertThat(registry.findBySentMessageId("opec.v2@pec.comune.example.it")).contains(out.id());
            assertThat(count("SELECT COUNT(*) FROM pec4j_transmission WHERE sent_msgid = 'opec.v2@pec.comune.example.it'")).isEqualTo(1);
            Registration taken = registry.takeInCharge(in.id(), "UFF-TRIB", OPERATOR);
            reopen();
            assertThat(registry.find(in.id())).contains(taken);
        }

        @Test
        @Tag("REG-H2-OPT-03")
        @DisplayName("REG-H2-OPT-03 H2 reserves registration and audit identities 1,024 at a time; after a reopen they go on rising, the audit trail in its order")
        void identitiesReservedInBlocks() throws Exception {
            if (url().startsWith("jdbc:h2:")) {
                assertThat(count("SELECT MIN(IDENTITY_CACHE) FROM INFORMATION_SCHEMA.COLUMNS WHERE LOWER(TABLE_NAME) IN ('pec4j_registration', "
                        + "'pec4j_audit') AND IS_IDENTITY = 'YES'")).isEqualTo(1024);
            }
            Registration first = registry.register(incoming(REGISTER, "Prima").assign(Assignment.competenza("UFF-TRIB")).build()).registration();
            reopen(); // H2 goes on after the values it had reserved
            registry.register(incoming(REGISTER, "Dopo").build());
            registry.takeInCharge(first.id(), "UFF-TRIB", OPERATOR);
            assertThat(count("SELECT COUNT(*) FROM pec4j_registration r1 JOIN pec4j_registration r2 ON r2.reg_id > r1.reg_id "
                    + "WHERE r1.oggetto = 'Prima' AND r2.oggetto = 'Dopo'")).isEqualTo(1);
            assertThat(registry.audit(first.id())).extracting(AuditEntry::action).first().isEqualTo(AuditEntry.Action.REGISTERED);
            assertThat(registry.audit(first.id())).extracting(AuditEntry::action).last().isEqualTo(AuditEntry.Action.TAKEN_IN_CHARGE);
        }

        @Test
        @Tag("MRM-NOTIF-02")
        @DisplayName("MRM-NOTIF-02 an outbox entry and an intake entry come back field by field, with their instants to the nanosecond")
        void mailroomRoundTrip() throws IOException {
            var state = registry.mailroom().orElseThrow();
            Instant at = Instant.parse("2025-03-14T09:00:00.123456789Z");
            ProtocolId id = registry.register(incoming(REGISTER, "x").build()).registration().id();
            var intake = new IntakeEntry("box@pec.example.it", IdempotencyKey.of("msg:1"), Optional.of("<a@b>"),
                    "unreadable", Optional.of("x@y"), Optional.of("s".repeat(1200)), IntakeEntry.Outcome.RECEIPT,
                    Optional.of(id), List.of("", "12:not a length", "ä\n"), "INBOX", at, 3);
            assertThat(intake.subject()).contains("s".repeat(1000));
            state.recordIntake(intake);
            var mail = new OutboxEntry("reply:1", OutboxEntry.Kind.REPLY, "a@b", "c@d",
                    Optional.of(id), Optional.empty(), "Re: x", "", false, Optional.of("<q@r>"), "<m@n>",
                    OutboxEntry.State.PENDING, 2, Optional.of("421"), at, Optional.of(at.plusNanos(1)), Optional.empty());
            state.enqueue(mail);
            reopen();
            var reopened = registry.mailroom().orElseThrow();
            assertThat(reopened.intake("box@pec.example.it", IdempotencyKey.of("msg:1"))).contains(intake);
            assertThat(reopened.outboxEntry("reply:1")).contains(mail);
            assertThat(reopened.due(at, 10)).isEmpty();
            assertThat(reopened.due(at.plusNanos(1), 10)).containsExactly(mail);
        }

        @Test
        @DisplayName("a database that fails (refused connections, a driver throwing unchecked) fails every operation with STORAGE and the cause")
        void brokenDatabase() throws Exception {
            Registration r = registry.register(outgoing(REGISTER, "Prima del guasto").build()).registration();
            registry.recordTransmission(r.id(), TransmissionEvent.of(TransmissionEvent.Type.ACCETTAZIONE, Optional.empty(), Instant.parse("2025-03-14T09:00:02Z")),
                    Optional.of(DocumentRequest.of("accettazione.eml", "message/rfc822", "ricevuta".getBytes(StandardCharsets.US_ASCII))), OPERATOR);
            registry.close();
            SwitchableDataSource dataSource = new SwitchableDataSource(url(), user(), config().schema());
            registry = JdbcRegistry.open(dataSource, config(), clock);
            var mailroom = registry.mailroom().orElseThrow();
            clock.set("2025-03-20T09:00:00Z");
            for (SwitchableDataSource.Mode mode : List.of(SwitchableDataSource.Mode.REFUSE, SwitchableDataSource.Mode.UNCHECKED)) {
                dataSource.mode = mode;
                List<StorageCall> calls = List.of(
                        () -> registry.register(incoming(REGISTER, "Durante il guasto").build()),
                        () -> registry.register(incoming(REGISTER, "Con chiave").idempotencyKey(IdempotencyKey.of("k-guasto")).build()),
                        () -> registry.find(r.id()),
                        () -> registry.findByIdempotencyKey(IdempotencyKey.of("k-guasto")),
                        () -> registry.update(r.id(), OPERATOR, Change.classify(Classification.of("I.1"))),
                        () -> registry.annul(r.id(), new AnnulmentRequest("Det. 1", LocalDate.of(2025, 3, 20), "errore", OPERATOR)),
                        () -> registry.recordTransmission(r.id(), TransmissionEvent.of(TransmissionEvent.Type.SENT, Optional.empty(), Instant.EPOCH),
                                Optional.empty(), OPERATOR),
                        () -> registry.transmissions(r.id()),
                        () -> registry.openDocument(r.id(), 0),
                        () -> registry.openReceipt(r.id(), 1),
                        () -> registry.audit(r.id()),
                        () -> registry.search(SearchQuery.all()),
                        () -> registry.dailyRegister(REGISTER, LocalDate.of(2025, 3, 14)),
                        () -> registry.takeInCharge(r.id(), "UFF-TRIB", OPERATOR),
                        () -> registry.rejectAssignment(r.id(), "UFF-TRIB", "non nostro", "PROTOCOLLO", OPERATOR),
                        () -> registry.findBySentMessageId("<m@x>"),
                        () -> mailroom.recordIntake(new IntakeEntry("box@x", IdempotencyKey.of("k"), Optional.empty(),
                                "unreadable", Optional.empty(), Optional.empty(), IntakeEntry.Outcome.ERROR,
                                Optional.empty(), List.of(), "INBOX", Instant.EPOCH, 1)),
                        () -> mailroom.intakes("box@x", IntakeEntry.Outcome.ERROR, 0, 10),
                        () -> mailroom.enqueue(OutboxEntry.pending("n", OutboxEntry.Kind.REPLY,
                                "a@x", "b@x", Optional.empty(), Optional.empty(), "s", "b", false, Optional.empty(), "<m@x>", Instant.EPOCH)),
                        () -> mailroom.due(Instant.EPOCH, 10),
                        () -> mailroom.markSent("n", Instant.EPOCH),
                        () -> mailroom.acquire("imap:box@x", "node-a", Duration.ofSeconds(30)),
                        () -> {
                            mailroom.release(new MailboxLease("imap:box@x", "node-a", 1, Instant.EPOCH));
                            return null;
                        });
                for (int i = 0; i < calls.size(); i++) {
                    StorageCall call = calls.get(i);
                    int index = i;
                    assertThatThrownBy(call::run).as("%s, call %d", mode, index).isInstanceOfSatisfying(RegistryException.class, e -> {
                        assertThat(e.reason()).isEqualTo(RegistryException.Reason.STORAGE);
                        assertThat(e.getCause()).isInstanceOf(mode == SwitchableDataSource.Mode.REFUSE ? SQLException.class : IllegalStateException.class);
                    });
                }
            }
            dataSource.mode = SwitchableDataSource.Mode.WORK;
            assertThat(registry.find(r.id())).contains(r);
            assertThat(registry.register(incoming(REGISTER, "Dopo il guasto").build()).registration().id().number())
                    .as("nothing was written during the failure").isEqualTo(2);
            registry.close();
            registry = open(clock, config());
        }

        @Test
        @Tag("REG-NUM-02")
        @DisplayName("REG-NUM-02 a registration that starts in the old year and gets its number in the new one is number 1 of the new year")
        void yearChangesWhileWaiting() throws IOException {
            registry.register(incoming(REGISTER, "Fine anno").build()); // 2025 number 1
            Deque<Instant> instants = new ArrayDeque<>(List.of(Instant.parse("2025-12-31T22:59:59.999Z"), Instant.parse("2025-12-31T23:00:00.001Z")));
            Clock stepping = new Clock() {
                @Override
                public Instant instant() {
                    return instants.size() > 1 ? instants.poll() : instants.peek();
                }

                @Override
                public ZoneId getZone() {
                    return ZoneId.of("UTC");
                }

                @Override
                public Clock withZone(ZoneId zone) {
                    throw new UnsupportedOperationException();
                }
            };
            try (ProtocolRegistry stepped = open(stepping, config())) {
                Registration r = stepped.register(incoming(REGISTER, "A cavallo").build()).registration();
                assertThat(r.id()).isEqualTo(ProtocolId.of(REGISTER, 2026, 1));
                assertThat(r.registrationDate()).isEqualTo(LocalDate.of(2026, 1, 1));
            }
            assertThat(registry.register(incoming(REGISTER, "Ancora 2025").build()).registration().id())
                    .isEqualTo(ProtocolId.of(REGISTER, 2025, 2));
        }

        @Test
        @DisplayName("search gives what SearchQuery.matches selects, in (register, year, number) order, for many queries")
        void searchMatchesTheReference() throws IOException {
            List<RegisterId> registers = List.of(REGISTER, RegisterId.of("c_h501", "AOO_CENTRALE", "det"), RegisterId.of("c_h501", "AOO_CENTRALE-X", "PG"),
                    RegisterId.of("c_h501-x", "AOO", "PG"), RegisterId.of("C_H501", "AOO", "PG"));
            String[] words = {"Richiesta ACCESSO", "100% rimborso", "nota_bene!", "Perché È così", "ISTANZA", "istanza"};
            Random random = new Random(5);
            List<Registration> all = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                clock.set(Instant.parse("2024-12-30T10:00:00Z").plusSeconds(i * 37_000L));
                RegisterId register = registers.get(random.nextInt(registers.size()));
                String oggetto = words[random.nextInt(words.length)] + " " + i;
                RegistrationRequest.Builder b = random.nextBoolean() ? incoming(register, oggetto) : outgoing(register, oggetto);
                if (random.nextInt(3) == 0) b.assign(Assignment.competenza(random.nextBoolean() ? "UFF-TEC" : "SEGRETERIA"));
                if (random.nextInt(4) == 0) b.correspondent(Correspondent.of(words[random.nextInt(words.length)], "x" + i + "@Pec.Example.IT"));
                Registration r = registry.register(b.build()).registration();
                if (random.nextInt(5) == 0) r = registry.annul(r.id(), new AnnulmentRequest("Det. 1", LocalDate.of(2025, 1, 2), "errore", OPERATOR));
                all.add(r);
            }
            all.sort(Comparator.comparing(Registration::id));
            List<SearchQuery> queries = new ArrayList<>(List.of(SearchQuery.all(), SearchQuery.all().text("istanza"), SearchQuery.all().text("%"),
                    SearchQuery.all().text("_"), SearchQuery.all().text("!"), SearchQuery.all().text("è così"), SearchQuery.all().text("pec.example"),
                    SearchQuery.all().sentOverPec(true), SearchQuery.all().sentOverPec(false), SearchQuery.all().office("UFF-TEC"),
                    SearchQuery.all().annulled(SearchQuery.Annulled.ONLY), SearchQuery.all().annulled(SearchQuery.Annulled.EXCLUDE),
                    SearchQuery.all().year(2025).numbers(3, 7), SearchQuery.all().numbers(2, 2),
                    SearchQuery.all().registeredBetween(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 1, 10)),
                    SearchQuery.all().direction(Direction.INCOMING).page(3, 5), SearchQuery.all().page(55, 100)));
            for (RegisterId r : registers) queries.add(SearchQuery.all().inRegister(r).direction(Direction.OUTGOING));
            for (SearchQuery q : queries) {
                assertThat(registry.search(q)).as(q.toString())
                        .containsExactlyElementsOf(all.stream().filter(q::matches).skip(q.offset()).limit(q.limit()).toList());
            }
        }

        @Test
        @Tag("REG-DAY-01")
        @DisplayName("REG-DAY-01 the daily register is stored: after changes and a restart it comes back byte-identical")
        void dailyRegisterStored() throws IOException {
            Registration r = registry.register(incoming(REGISTER, "Del giorno").build()).registration();
            clock.set("2025-03-15T06:00:00Z");
            DailyRegister first = registry.dailyRegister(REGISTER, LocalDate.of(2025, 3, 14));
            registry.annul(r.id(), new AnnulmentRequest("Det. 2", LocalDate.of(2025, 3, 15), "errore", OPERATOR));
            reopen();
            clock.set("2025-04-01T06:00:00Z");
            DailyRegister again = registry.dailyRegister(REGISTER, LocalDate.of(2025, 3, 14));
            assertThat(again).isEqualTo(first);
            assertThat(again.content()).isEqualTo(first.content());
            assertThat(new String(again.content(), StandardCharsets.UTF_8)).contains(",no,").doesNotContain(",si,");
        }

        @Test
        @DisplayName("a receipt taken in twice is recorded once; the same identificativo for another recipient or type is another event")
        void transmissionIdentity() throws IOException {
            Registration r = registry.register(outgoing(REGISTER, "Invio").build()).registration();
            Instant t = Instant.parse("2025-03-14T09:01:00Z");
            TransmissionEvent consegna = TransmissionEvent.of(TransmissionEvent.Type.CONSEGNA, Optional.of("a@pec.example.it"), t).withIdentificativo("opec.5");
            TransmissionRecord one = registry.recordTransmission(r.id(), consegna,
                    Optional.of(DocumentRequest.of("consegna.eml", "message/rfc822", "ricevuta".getBytes(StandardCharsets.US_ASCII))), OPERATOR);
            TransmissionRecord other = registry.recordTransmission(r.id(), TransmissionEvent.of(TransmissionEvent.Type.CONSEGNA,
                    Optional.of("b@pec.example.it"), t).withIdentificativo("opec.5"), Optional.empty(), OPERATOR);
            TransmissionRecord whole = registry.recordTransmission(r.id(), TransmissionEvent.of(TransmissionEvent.Type.ACCETTAZIONE,
                    Optional.empty(), t).withIdentificativo("opec.5"), Optional.empty(), OPERATOR);
            TransmissionRecord unnamed = registry.recordTransmission(r.id(), TransmissionEvent.of(TransmissionEvent.Type.SENT, Optional.empty(), t),
                    Optional.empty(), OPERATOR);
            TransmissionRecord unnamedAgain = registry.recordTransmission(r.id(), TransmissionEvent.of(TransmissionEvent.Type.SENT, Optional.empty(), t),
                    Optional.empty(), OPERATOR);
            reopen();
            assertThat(registry.recordTransmission(r.id(), consegna, Optional.empty(), OPERATOR)).isEqualTo(one);
            assertThat(registry.transmissions(r.id())).containsExactly(one, other, whole, unnamed, unnamedAgain);
            assertThat(unnamedAgain.sequence()).isEqualTo(5);
            try (InputStream in = registry.openReceipt(r.id(), 1)) {
                assertThat(in.readAllBytes()).isEqualTo("ricevuta".getBytes(StandardCharsets.US_ASCII));
            }
        }

        @Test
        @DisplayName("opening the store with the other content store is refused, naming the one it has")
        void contentStoreIsRecorded() throws IOException {
            registry.close();
            JdbcRegistryConfig switched = config().contentDirectory().isPresent()
                    ? new JdbcRegistryConfig(config().schema(), Optional.empty(), config().maxDocumentBytes())
                    : config().withContentDirectory(directory.resolve("elsewhere"));
            assertThatThrownBy(() -> open(clock, switched)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("content store");
            registry = open(clock, config());
        }

        @Test
        @DisplayName("a closed registry refuses to work (STORAGE, like the in-memory registry)")
        void closed() throws IOException {
            registry.close();
            assertThatThrownBy(() -> registry.find(ProtocolId.of(REGISTER, 2025, 1)))
                    .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.reason()).isEqualTo(RegistryException.Reason.STORAGE));
            assertThatThrownBy(() -> registry.register(incoming(REGISTER, "x").build()))
                    .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.reason()).isEqualTo(RegistryException.Reason.STORAGE));
        }

        @Test
        @Tag("REG-AUDIT-01")
        @DisplayName("REG-AUDIT-01 changes are written with their audit entries in one transaction, and an empty change list changes nothing")
        void changesAndAudit() throws IOException {
            Registration r = registry.register(incoming(REGISTER, "Da smistare").assign(Assignment.conoscenza("URP")).build()).registration();
            Registration same = registry.update(r.id(), List.of(), OPERATOR);
            assertThat(same).isEqualTo(r);
            Actor other = Actor.of("op.neri", "Anna Neri");
            Registration changed = registry.update(r.id(), other, Change.assign(Assignment.competenza("UFF-TEC").toPerson("ing.neri")),
                    Change.assign(Assignment.competenza("URP")), Change.fileInto("2025-1"), Change.classify(Classification.of("I.1")));
            reopen();
            assertThat(registry.find(r.id())).contains(changed);
            assertThat(changed.assignments()).extracting(Assignment::office).containsExactly("UFF-TEC", "URP");
            assertThat(registry.audit(r.id())).hasSize(5).last().satisfies(e -> {
                assertThat(e.actor()).isEqualTo(other);
                assertThat(e.before()).contains("VI.3");
                assertThat(e.after()).contains("I.1");
            });
        }
    }

    /** Documents and receipts stored as bytes in the database. */
    @Nested
    @DisplayName("on H2, content in the database")
    class H2Database extends Store {
        @Override
        JdbcRegistryConfig config() {
            return JdbcRegistryConfig.defaults();
        }

        @Override
        String url() {
            return TestStores.h2Url(directory);
        }

        @Test
        @DisplayName("H2 is one process at a time: no MULTI_PROCESS")
        void capabilities() {
            assertThat(registry.capabilities()).contains(Capability.PERSISTENT, Capability.DOCUMENT_CONTENT, Capability.TRANSMISSIONS,
                    Capability.FASCICOLI, Capability.DAILY_REGISTER, Capability.EMERGENCY_REGISTER, Capability.SEARCH)
                    .doesNotContain(Capability.MULTI_PROCESS);
        }

        @Test
        @DisplayName("a database holding other tables gets the registry's beside them, with its own history table")
        void besideOtherTables() throws Exception {
            registry.close();
            registry = null;
            String url = JdbcRegistry.h2Url(directory.resolve("shared"));
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE fatture (id INT PRIMARY KEY)");
            }
            try (ProtocolRegistry shared = JdbcRegistry.open(url, "", "", config(), clock)) {
                assertThat(shared.register(incoming(REGISTER, "x").build()).registration().id().number()).isEqualTo(1);
            }
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM \"pec4j_schema_history\" WHERE \"success\" AND \"version\" IN ('0', '1')")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(2); // the baseline marker (the schema was not empty) and V1
            }
        }
    }

    /** Documents and receipts stored as files. */
    @Nested
    @DisplayName("on H2, content in files")
    class H2Files extends Store {
        @Override
        JdbcRegistryConfig config() {
            return JdbcRegistryConfig.defaults().withContentDirectory(directory.resolve("content"));
        }

        @Override
        String url() {
            return TestStores.h2Url(directory);
        }

        @Override
        long storedContents() throws IOException {
            try (var files = Files.walk(directory.resolve("content"))) {
                return files.filter(p -> Files.isRegularFile(p) && !p.startsWith(directory.resolve("content").resolve("incoming"))).count();
            }
        }

        @Test
        @DisplayName("content lives at <dir>/ab/cd/<sha-256 hex>, and a missing file is a storage failure")
        void layout() throws IOException {
            Registration r = registry.register(incoming(REGISTER, "File").build()).registration();
            String hex = r.documents().get(0).impronta().hex();
            Path file = directory.resolve("content").resolve(hex.substring(0, 2)).resolve(hex.substring(2, 4)).resolve(hex);
            assertThat(file).isRegularFile();
            assertThat(directory.resolve("content").resolve("incoming")).isEmptyDirectory();
            Files.delete(file);
            assertThatThrownBy(() -> registry.openDocument(r.id(), 0))
                    .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.reason()).isEqualTo(RegistryException.Reason.STORAGE));
        }

        @Test
        @DisplayName("a content store that cannot write (as on a full disk) fails register and recordTransmission with STORAGE and the IOException, writing nothing")
        void contentStoreFails() throws IOException {
            Registration r = registry.register(outgoing(REGISTER, "Prima").build()).registration();
            Path incomingDir = directory.resolve("content").resolve("incoming");
            Files.delete(incomingDir);
            Files.writeString(incomingDir, "not a directory: every new content file fails, like ENOSPC");
            try {
                assertThatThrownBy(() -> registry.register(incoming(REGISTER, "Disco pieno").document(DocumentRequest.of("nuovo.pdf", "application/pdf",
                        "%PDF-1.4 nuovo".getBytes(StandardCharsets.US_ASCII))).idempotencyKey(IdempotencyKey.of("k-disco")).build()))
                        .isInstanceOfSatisfying(RegistryException.class, e -> {
                            assertThat(e.reason()).isEqualTo(RegistryException.Reason.STORAGE);
                            assertThat(e.getCause()).isInstanceOf(IOException.class).isNotInstanceOf(RegistryException.class);
                        });
                assertThatThrownBy(() -> registry.recordTransmission(r.id(), TransmissionEvent.of(TransmissionEvent.Type.ACCETTAZIONE, Optional.empty(),
                        Instant.parse("2025-03-14T09:00:02Z")), Optional.of(DocumentRequest.of("a.eml", "message/rfc822",
                        "ricevuta nuova".getBytes(StandardCharsets.US_ASCII))), OPERATOR))
                        .isInstanceOfSatisfying(RegistryException.class, e -> {
                            assertThat(e.reason()).isEqualTo(RegistryException.Reason.STORAGE);
                            assertThat(e.getCause()).isInstanceOf(IOException.class);
                        });
                assertThat(registry.findByIdempotencyKey(IdempotencyKey.of("k-disco"))).isEmpty();
                assertThat(registry.transmissions(r.id())).isEmpty();
            } finally {
                Files.delete(incomingDir);
                Files.createDirectory(incomingDir);
            }
            assertThat(registry.register(incoming(REGISTER, "Dopo").build()).registration().id().number()).isEqualTo(2);
        }
    }

    /** PostgreSQL, a schema of its own; skipped without PostgreSQL. */
    @Nested
    @DisplayName("on PostgreSQL")
    class Postgres extends Store {
        private final String schema = TestStores.newSchema();

        @Override
        @BeforeEach
        void openRegistry() throws Exception {
            TestStores.assumePostgres();
            super.openRegistry();
        }

        @AfterEach
        void dropSchema() throws Exception {
            if (registry != null) registry.close();
            registry = null;
            if (TestStores.postgresReachable()) TestStores.dropSchema(schema);
        }

        @Override
        JdbcRegistryConfig config() {
            return JdbcRegistryConfig.defaults().withSchema(schema);
        }

        @Override
        String url() {
            return TestStores.POSTGRES_URL;
        }

        @Override
        String user() {
            return TestStores.POSTGRES_USER;
        }

        @Test
        @DisplayName("PostgreSQL takes several processes: MULTI_PROCESS; the tables and the history table are in the configured schema")
        void capabilitiesAndSchema() throws SQLException {
            assertThat(registry.capabilities()).contains(Capability.PERSISTENT, Capability.MULTI_PROCESS);
            assertThat(count("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '" + schema + "' AND table_name LIKE 'pec4j\\_%'"))
                    .isEqualTo(19); // eighteen tables and the history table
        }

        @Test
        @Tag("MRM-NODE-01")
        @Tag("MRM-NOTIF-02")
        @DisplayName("MRM-NODE-01 two registries on one database (as two nodes): one lease holder and one queued mail, however they race")
        void twoNodesRace() throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try (ProtocolRegistry other = open(clock, config())) {
                List<MailroomState> nodes = List.of(registry.mailroom().orElseThrow(), other.mailroom().orElseThrow());
                for (int round = 0; round < 5; round++) {
                    String lease = "imap:race-" + round + "@pec.example.it";
                    String mail = "notify:race-" + round;
                    CountDownLatch start = new CountDownLatch(1);
                    List<CompletableFuture<Object[]>> runs = new ArrayList<>();
                    for (int n = 0; n < 8; n++) {
                        var state = nodes.get(n % 2);
                        String holder = "node-" + n;
                        runs.add(CompletableFuture.supplyAsync(() -> {
                            try {
                                start.await();
                                return new Object[] {state.acquire(lease, holder, Duration.ofMinutes(1)), state.enqueue(OutboxEntry.pending(mail,
                                        OutboxEntry.Kind.NOTIFICATION, "a@x", holder + "@x", Optional.empty(), Optional.empty(), "s", holder, false,
                                        Optional.empty(), "<" + holder + "@x>", clock.instant()))};
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        }, pool));
                    }
                    start.countDown();
                    List<Object[]> results = new ArrayList<>();
                    for (CompletableFuture<Object[]> f : runs) results.add(f.get(2, TimeUnit.MINUTES));
                    assertThat(results).filteredOn(r -> ((Optional<?>) r[0]).isPresent()).as("lease holders").hasSize(1);
                    OutboxEntry stored = nodes.get(1).outboxEntry(mail).orElseThrow();
                    assertThat(results).extracting(r -> r[1]).as("every node gets the one queued mail").containsOnly(stored);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @FunctionalInterface
    interface StorageCall {
        Object run() throws Exception;
    }

    /**
     * Connections to a test store that can be made to fail: refused ({@link SQLException}), or
     * from a driver whose every call throws an unchecked exception.
     */
    static final class SwitchableDataSource implements javax.sql.DataSource {
        enum Mode { WORK, REFUSE, UNCHECKED }

        volatile Mode mode = Mode.WORK;
        private final String url;
        private final String user;

        SwitchableDataSource(String url, String user, Optional<String> schema) {
            this.url = url;
            this.user = user;
        }

        @Override
        public Connection getConnection() throws SQLException {
            return switch (mode) {
                case WORK -> DriverManager.getConnection(url, user, "");
                case REFUSE -> throw new SQLException("Connection refused (database down)", "08001");
                case UNCHECKED -> (Connection) java.lang.reflect.Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                        (proxy, method, args) -> {
                            if (method.getName().equals("close")) return null;
                            throw new IllegalStateException("driver bug in " + method.getName());
                        });
            };
        }

        @Override public Connection getConnection(String u, String p) throws SQLException { return getConnection(); }
        @Override public java.io.PrintWriter getLogWriter() { return null; }
        @Override public void setLogWriter(java.io.PrintWriter out) {}
        @Override public void setLoginTimeout(int seconds) {}
        @Override public int getLoginTimeout() { return 0; }
        @Override public java.util.logging.Logger getParentLogger() { return java.util.logging.Logger.getGlobal(); }
        @Override public <T> T unwrap(Class<T> iface) throws SQLException { throw new SQLException("not a wrapper"); }
        @Override public boolean isWrapperFor(Class<?> iface) { return false; }
    }

    /** A content source of {@code size} pseudo-random bytes that counts what is read from it. */
    static final class ContentSourceCounter {
        private final long size;
        private final long seed;
        int opened;
        final AtomicLong read = new AtomicLong();

        ContentSourceCounter(long size, long seed) {
            this.size = size;
            this.seed = seed;
        }

        InputStream open() {
            opened++;
            Random random = new Random(seed);
            return new InputStream() {
                private long remaining = size;

                @Override
                public int read() {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    if (remaining <= 0) return -1;
                    int n = (int) Math.min(Math.min(len, remaining), 8192);
                    byte[] chunk = new byte[n];
                    random.nextBytes(chunk);
                    System.arraycopy(chunk, 0, b, off, n);
                    remaining -= n;
                    read.addAndGet(n);
                    return n;
                }
            };
        }
    }
}
