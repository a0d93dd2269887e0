package io.github.pec4j.registry.tck;

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
import io.github.pec4j.registry.EmergencyRegister;
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
import io.github.pec4j.registry.SenderReference;
import io.github.pec4j.registry.StoredDocument;
import io.github.pec4j.registry.TransmissionEvent;
import io.github.pec4j.registry.TransmissionRecord;
import io.github.pec4j.registry.TransmissionFiling;
import io.github.pec4j.registry.FilingResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The compatibility kit of the registry SPI: every rule of DPR 445/2000 that {@link ProtocolRegistry}
 * promises, as JUnit 5 tests. A vendor extends it in a few lines:
 *
 * <pre>{@code
 * class AcmeRegistryCompatibilityTest extends ProtocolRegistryCompatibilityKit {
 *     protected ProtocolRegistry createRegistry(Clock clock) throws Exception {
 *         return AcmeRegistry.createEmpty(testDatabase(), clock);   // a fresh, empty register
 *     }
 *     protected ProtocolRegistry reopenRegistry(Clock clock) throws Exception {
 *         return AcmeRegistry.open(testDatabase(), clock);          // same store, after close()
 *     }
 * }
 * }</pre>
 *
 * <p>Tests that prove a conformance rule carry its id as a tag, at the start of their display name
 * (e.g. {@code REG-NUM-03}) and at the start of their method name ({@code REG_NUM_03_consecutive}), so
 * that Maven's console names the rule of a failure even where reports print method names. Tests of
 * optional capabilities are skipped when the registry does not declare them.
 */
@DisplayName("Protocol registry compatibility kit")
public abstract class ProtocolRegistryCompatibilityKit {

    /** The kit's clock, starting at 2025-03-14T09:00:00Z (10:00 in Rome); tests move it. */
    protected final MutableClock clock = MutableClock.at("2025-03-14T09:00:00Z");
    /** The registry under test, fresh for every test. */
    protected ProtocolRegistry registry;

    /**
     * A fresh, empty registry that reads the time from {@code clock}.
     *
     * @param clock the clock the registry must read the time from; the kit moves it
     * @return a fresh, empty registry that reads the time from {@code clock}
     * @throws Exception when the registry cannot be created; the test fails
     */
    protected abstract ProtocolRegistry createRegistry(Clock clock) throws Exception;

    /**
     * Reopens the store of the registry last created, after the kit has closed it. Persistent
     * registries ({@link Capability#PERSISTENT}) must override it.
     *
     * @param clock the clock the reopened registry must read the time from
     * @return a registry over the same store, holding everything the closed one committed
     * @throws Exception when the store cannot be reopened; the test fails
     */
    protected ProtocolRegistry reopenRegistry(Clock clock) throws Exception {
        throw new UnsupportedOperationException("a PERSISTENT registry must override reopenRegistry");
    }

    /**
     * Threads of the concurrency tests (the rule's figure: 8).
     *
     * @return the number of threads registering at once, 8 unless overridden
     */
    protected int concurrentThreads() {
        return 8;
    }

    /**
     * Registrations per thread in the concurrency test (the rule's figure: 500).
     *
     * @return the registrations each thread makes, 500 unless overridden
     */
    protected int registrationsPerThread() {
        return 500;
    }

    /**
     * Rounds of each concurrency test: every round starts all threads at once again, so a race at
     * the start of a burst (the likeliest place) is tried several times in one run. The gapless test
     * splits its {@code threads x registrationsPerThread} registrations over the rounds, so more
     * rounds cost no more registrations.
     *
     * @return how many times each concurrency test starts its threads together
     */
    protected int concurrencyRounds() {
        return 5;
    }

    @BeforeEach
    void openRegistry() throws Exception {
        registry = createRegistry(clock);
    }

    @AfterEach
    void closeRegistry() throws Exception {
        if (registry != null) registry.close();
    }

    // ---------------------------------------------------------------- helpers

    /**
     * Registers {@code request} in the registry under test.
     *
     * @param request the registration to make
     * @return the registry's result
     * @throws IOException when the registry fails
     */
    protected RegistrationResult register(RegistrationRequest request) throws IOException {
        return registry.register(request);
    }

    /**
     * Registers an incoming PEC built by {@link KitRequests#incoming} in the kit's register.
     *
     * @param oggetto the subject of the registration
     * @return the registration made
     * @throws IOException when the registry fails
     */
    protected Registration registerIncoming(String oggetto) throws IOException {
        return registry.register(incoming(REGISTER, oggetto).build()).registration();
    }

    /**
     * Reads a stream to its end and closes it.
     *
     * @param in the stream, for example a registered document's content
     * @return every byte of the stream
     * @throws IOException when the stream cannot be read
     */
    protected static byte[] read(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    /**
     * An annulment request with a provvedimento, a reason and an operator, as the kit's annulment tests use it.
     *
     * @return a valid annulment request
     */
    protected static AnnulmentRequest annulment() {
        return new AnnulmentRequest("Determinazione RGD n. 12/2025", LocalDate.of(2025, 3, 14), "registrato due volte per errore",
                Actor.of("rgd.verdi", "Paolo Verdi, responsabile della gestione documentale"));
    }

    private static RegistryException.Reason reasonOf(Throwable t) {
        return ((RegistryException) t).reason();
    }

    private void requireCapability(Capability capability) {
        Assumptions.assumeTrue(registry.capabilities().contains(capability), "registry does not declare " + capability);
    }

    private List<Long> numbers(List<Registration> list) {
        return list.stream().map(r -> r.id().number()).toList();
    }

    /** At most this many duplicates and gaps are listed in a failure. */
    private static final int DIFF_ITEMS = 10;

    /**
     * The difference between {@code numbers} and 1..{@code expected} each taken once, short enough to
     * read: the first duplicates and gaps and how many there are in all; empty when there is none.
     */
    static String numberingDiff(List<Long> numbers, long expected) {
        java.util.TreeMap<Long, Integer> counts = new java.util.TreeMap<>();
        for (Long n : numbers) counts.merge(n, 1, Integer::sum);
        List<String> duplicates = counts.entrySet().stream().filter(e -> e.getValue() > 1).map(e -> e.getKey() + " (x" + e.getValue() + ")").toList();
        List<Long> gaps = LongStream.rangeClosed(1, expected).filter(n -> !counts.containsKey(n)).boxed().toList();
        List<Long> beyond = counts.keySet().stream().filter(n -> n < 1 || n > expected).toList();
        if (duplicates.isEmpty() && gaps.isEmpty() && beyond.isEmpty()) return "";
        return numbers.size() + " numbers for 1.." + expected + ": duplicates " + first(duplicates) + ", gaps " + first(gaps)
                + ", out of range " + first(beyond);
    }

    private static String first(List<?> items) {
        if (items.isEmpty()) return "none";
        String shown = items.subList(0, Math.min(DIFF_ITEMS, items.size())).toString();
        return items.size() <= DIFF_ITEMS ? shown : shown.substring(0, shown.length() - 1) + ", ... (" + items.size() + " in all)]";
    }

    /** Fails with the rule id and the short diff unless {@code numbers} are 1..{@code expected} exactly once. */
    private static void assertGapless(String rule, List<Long> numbers, long expected) {
        String diff = numberingDiff(numbers, expected);
        if (!diff.isEmpty()) org.assertj.core.api.Assertions.fail(rule + " numbers not unique and gapless: " + diff);
    }

    /** Runs {@code task(thread)} on {@code threads} threads started at once; returns when all are done. */
    private static void race(int threads, Duration timeout, ThreadTask task) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit((Callable<Void>) () -> {
                    start.await();
                    task.run(thread);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            pool.shutdownNow();
        }
    }

    @FunctionalInterface
    private interface ThreadTask {
        void run(int thread) throws Exception;
    }

    /** The protected fields (art. 53 c.1 a-d, f) of {@code after} are those of {@code before}, compared one by one. */
    private static void assertProtectedUnchanged(Registration after, Registration before) {
        assertThat(after.id()).as("REG-IMM-01 numero").isEqualTo(before.id());
        assertThat(after.registeredAt()).as("REG-IMM-01 data").isEqualTo(before.registeredAt());
        assertThat(after.direction()).as("REG-IMM-01 direction").isEqualTo(before.direction());
        assertThat(after.correspondents()).as("REG-IMM-01 correspondents").isEqualTo(before.correspondents());
        assertThat(after.oggetto()).as("REG-IMM-01 oggetto").isEqualTo(before.oggetto());
        assertThat(after.documents()).as("REG-IMM-01 documents and impronte").isEqualTo(before.documents());
        assertThat(after.sameProtectedFields(before)).as("REG-IMM-01 sameProtectedFields").isTrue();
    }

    // ---------------------------------------------------------------- groups

    @Nested
    @DisplayName("declares itself")
    class Declaration {
        @Test
        @DisplayName("with a provider id and its capabilities")
        void declares() {
            assertThat(registry.providerId()).isNotBlank();
            assertThat(registry.capabilities()).isNotNull();
            assertThat(registry.maxDocumentBytes()).isPositive();
        }

        @Test
        @DisplayName("an operation needing a capability the registry does not declare fails with UNSUPPORTED")
        void undeclaredCapabilities() throws IOException {
            java.util.Set<Capability> declared = registry.capabilities();
            List<Capability> operational = List.of(Capability.DOCUMENT_CONTENT, Capability.TRANSMISSIONS, Capability.FASCICOLI,
                    Capability.DAILY_REGISTER, Capability.EMERGENCY_REGISTER, Capability.SEARCH, Capability.DESK);
            Assumptions.assumeFalse(declared.containsAll(operational), "registry declares every capability an operation needs");
            ProtocolId id = registry.register(outgoing(REGISTER, "Con capacita' ridotte").build()).registration().id();
            List<String> notRefused = new ArrayList<>();
            for (Capability c : operational) {
                if (declared.contains(c)) continue;
                for (Callable<?> operation : operationsNeeding(c, id)) {
                    try {
                        Object result = operation.call();
                        if (result instanceof InputStream in) in.close();
                        notRefused.add(c + ": succeeded");
                    } catch (RegistryException e) {
                        if (e.reason() != RegistryException.Reason.UNSUPPORTED) notRefused.add(c + ": " + e.reason());
                    } catch (Exception e) {
                        notRefused.add(c + ": " + e);
                    }
                }
            }
            assertThat(notRefused).as("operations on undeclared capabilities must fail with UNSUPPORTED").isEmpty();
        }

        @Test
        @DisplayName("offers the mailroom's state exactly when it declares MAILROOM")
        void mailroomWhenDeclared() {
            assertThat(registry.mailroom().isPresent()).as("mailroom() present").isEqualTo(registry.capabilities().contains(Capability.MAILROOM));
        }
    }

    /** The operations that need {@code capability}, on registration {@code id}. */
    private List<Callable<?>> operationsNeeding(Capability capability, ProtocolId id) {
        Instant at = Instant.parse("2025-03-14T09:30:00Z");
        return switch (capability) {
            case DOCUMENT_CONTENT -> List.of(() -> registry.openDocument(id, 0));
            case TRANSMISSIONS -> List.of(
                    () -> registry.recordTransmission(id, TransmissionEvent.of(TransmissionEvent.Type.SENT, Optional.empty(), at), Optional.empty(), OPERATOR),
                    () -> registry.transmissions(id));
            case FASCICOLI -> List.of(() -> registry.update(id, OPERATOR, Change.fileInto("2025-I.6-0001")));
            case DAILY_REGISTER -> List.of(() -> registry.dailyRegister(REGISTER, LocalDate.of(2025, 3, 1)));
            case EMERGENCY_REGISTER -> List.of(() -> registry.importEmergency(new EmergencyRegister("RE-CAP", REGISTER, "guasto",
                    at, at.plusSeconds(600), List.of(), List.of(new EmergencyRegister.Entry(1, at.plusSeconds(60), incoming(REGISTER, "In emergenza").build())))));
            case SEARCH -> List.of(() -> registry.search(SearchQuery.all()));
            case DESK -> List.of(() -> registry.takeInCharge(id, "UFF-TRIB", OPERATOR),
                    () -> registry.rejectAssignment(id, "UFF-TRIB", "non di competenza", "PROTOCOLLO", OPERATOR));
            default -> List.of();
        };
    }

    @Nested
    @DisplayName("numbering")
    class Numbering {
        @Test
        @Tag("REG-NUM-01")
        @DisplayName("REG-NUM-01 the first registration is number 1, rendered with seven digits")
        void REG_NUM_01_firstIsOne() throws IOException {
            Registration r = registerIncoming("Prima istanza");
            assertThat(r.id()).isEqualTo(ProtocolId.of(REGISTER, 2025, 1));
            assertThat(r.id().formattedNumber()).isEqualTo("0000001");
            assertThat(ProtocolId.format(12_345_678)).isEqualTo("12345678");
        }

        @Test
        @Tag("REG-FIELD-01")
        @DisplayName("REG-FIELD-01 numero and data are assigned by the registry from its clock")
        void REG_FIELD_01_systemAssigned() throws IOException {
            clock.set("2025-05-02T07:15:30.123456789Z");
            Registration r = registerIncoming("Istanza");
            assertThat(r.registeredAt()).as("REG-FIELD-01 registeredAt is the clock's instant truncated to milliseconds")
                    .isEqualTo(Instant.parse("2025-05-02T07:15:30.123Z"));
            assertThat(r.registrationDate()).isEqualTo(LocalDate.of(2025, 5, 2));
            assertThat(registry.find(r.id())).contains(r);
        }

        @Test
        @Tag("REG-NUM-03")
        @DisplayName("REG-NUM-03 consecutive registrations are numbered 1, 2, 3 with no gap")
        void REG_NUM_03_consecutive() throws IOException {
            List<Long> numbers = new ArrayList<>();
            for (int i = 0; i < 5; i++) numbers.add(registerIncoming("Istanza " + i).id().number());
            assertThat(numbers).containsExactly(1L, 2L, 3L, 4L, 5L);
        }

        @Test
        @Tag("REG-DUP-01")
        @DisplayName("REG-DUP-01 incoming and outgoing share one sequence, so no number is used by both")
        void REG_DUP_01_directionsShareSequence() throws IOException {
            long a = registerIncoming("In").id().number();
            long b = registry.register(outgoing(REGISTER, "Out").build()).registration().id().number();
            long c = registerIncoming("In again").id().number();
            assertThat(List.of(a, b, c)).containsExactly(1L, 2L, 3L);
        }

        @Test
        @Tag("REG-NUM-03")
        @DisplayName("REG-NUM-03 sequences are separate per amministrazione, AOO and register")
        void REG_NUM_03_separateSequences() throws IOException {
            RegisterId otherRegister = RegisterId.of(REGISTER.amministrazione(), REGISTER.aoo(), "DETERMINE");
            RegisterId otherAoo = RegisterId.of(REGISTER.amministrazione(), "AOO_SCUOLE", REGISTER.registro());
            RegisterId otherAmm = RegisterId.of("c_f205", REGISTER.aoo(), REGISTER.registro());
            registerIncoming("a");
            registerIncoming("b");
            assertThat(registry.register(incoming(otherRegister, "c").build()).registration().id())
                    .isEqualTo(ProtocolId.of(otherRegister, 2025, 1));
            assertThat(registry.register(incoming(otherAoo, "d").build()).registration().id())
                    .isEqualTo(ProtocolId.of(otherAoo, 2025, 1));
            assertThat(registry.register(incoming(otherAmm, "e").build()).registration().id())
                    .isEqualTo(ProtocolId.of(otherAmm, 2025, 1));
            assertThat(registerIncoming("f").id().number()).isEqualTo(3);
        }

        @Test
        @Tag("REG-NUM-02")
        @DisplayName("REG-NUM-02 at 2024-12-31T23:30Z it is already 2025 in Rome: number 1 of 2025")
        void REG_NUM_02_yearRollsOverInRome() throws IOException {
            clock.set("2024-12-31T22:59:59.999Z"); // 23:59:59.999 in Rome
            registerIncoming("fine anno 1");
            Registration last2024 = registerIncoming("fine anno 2");
            assertThat(last2024.id()).isEqualTo(ProtocolId.of(REGISTER, 2024, 2));
            clock.set("2024-12-31T23:30:00Z"); // 00:30 on 1 January in Rome, still 2024 in UTC
            Registration first2025 = registerIncoming("inizio anno");
            assertThat(first2025.id()).isEqualTo(ProtocolId.of(REGISTER, 2025, 1));
            assertThat(first2025.registrationDate()).isEqualTo(LocalDate.of(2025, 1, 1));
            clock.set("2025-01-01T10:00:00Z");
            assertThat(registerIncoming("dopo").id()).isEqualTo(ProtocolId.of(REGISTER, 2025, 2));
        }

        @Test
        @Tag("REG-NUM-03")
        @Timeout(value = 10, unit = TimeUnit.MINUTES)
        @DisplayName("REG-NUM-03 concurrent registrations (8 threads x 500) take numbers 1..4000 exactly once")
        void REG_NUM_03_concurrentGapless() throws Exception {
            int threads = concurrentThreads();
            int each = registrationsPerThread();
            int rounds = Math.max(1, Math.min(concurrencyRounds(), each));
            List<Long> numbers = Collections.synchronizedList(new ArrayList<>());
            int done = 0;
            for (int round = 0; round < rounds; round++) {
                int from = done;
                int to = each * (round + 1) / rounds;
                race(threads, Duration.ofMinutes(10), thread -> {
                    for (int i = from; i < to; i++) {
                        RegistrationRequest request = (i % 2 == 0 ? incoming(REGISTER, "t" + thread + " n" + i) : outgoing(REGISTER, "t" + thread + " n" + i))
                                .idempotencyKey(IdempotencyKey.of("kit-concurrent-" + thread + "-" + i)).build();
                        numbers.add(registry.register(request).registration().id().number());
                    }
                });
                done = to;
                assertGapless("REG-NUM-03 (after round " + (round + 1) + " of " + rounds + ")", List.copyOf(numbers), (long) threads * done);
            }
            long total = (long) threads * each;
            assertThat(registerIncoming("after").id().number()).as("REG-NUM-03 the number after the burst").isEqualTo(total + 1);
        }
    }

    @Nested
    @DisplayName("batch registration")
    class Batch {
        private RegistrationRequest keyed(String oggetto, String key) {
            return incoming(REGISTER, oggetto).idempotencyKey(IdempotencyKey.of(key)).build();
        }

        @Test
        @Tag("REG-BATCH-01")
        @DisplayName("REG-BATCH-01 registerAll registers each request in order, numbered without a gap, each readable as register() made it")
        void inOrder() throws IOException {
            registerIncoming("Prima");
            registry.register(outgoing(REGISTER, "Seconda").build());
            List<BatchResult> results = registry.registerAll(List.of(keyed("A", "kit-batch-a"), keyed("B", "kit-batch-b"), keyed("C", "kit-batch-c")));
            assertThat(results).hasSize(3).allSatisfy(r -> assertThat(r.failure()).isEmpty());
            List<Registration> made = new ArrayList<>();
            for (BatchResult r : results) made.add(r.orThrow().registration());
            assertThat(made).extracting(Registration::oggetto).containsExactly("A", "B", "C");
            assertThat(made).extracting(x -> x.id().number()).containsExactly(3L, 4L, 5L);
            for (Registration r : made) {
                assertThat(registry.find(r.id())).contains(r);
                assertThat(registry.findByIdempotencyKey(r.idempotencyKey().orElseThrow())).contains(r);
            }
            assertThat(registerIncoming("Dopo").id().number()).isEqualTo(6);
        }

        @Test
        @Tag("REG-BATCH-02")
        @Tag("REG-ATOM-01")
        @DisplayName("REG-BATCH-02 a request that fails in a batch registers nothing and consumes no number; the others register")
        void oneFailsAlone() throws IOException {
            DocumentRequest lying = DocumentRequest.of("a.pdf", "application/pdf", KitRequests.pdf("vero"))
                    .expecting(Impronta.of(KitRequests.pdf("falso")));
            RegistrationRequest bad = incoming(REGISTER, "Impronta errata").document(lying).idempotencyKey(IdempotencyKey.of("kit-batch-bad")).build();
            RegistrationRequest failing = incoming(REGISTER, "Segnatura fallita").idempotencyKey(IdempotencyKey.of("kit-batch-gen"))
                    .generated((id, at) -> {
                        throw new IOException("sigillo non disponibile");
                    }).build();
            List<BatchResult> results = registry.registerAll(List.of(keyed("A", "kit-batch-1"), bad, keyed("B", "kit-batch-2"), failing,
                    keyed("C", "kit-batch-3")));
            assertThat(results).hasSize(5);
            assertThat(results.get(1).failure()).hasValueSatisfying(e -> assertThat(e.reason()).isEqualTo(RegistryException.Reason.FINGERPRINT_MISMATCH));
            assertThat(results.get(3).failure()).hasValueSatisfying(e -> assertThat(e.reason()).isEqualTo(RegistryException.Reason.GENERATION_FAILED));
            assertThat(List.of(results.get(0), results.get(2), results.get(4))).extracting(r -> r.orThrow().registration().id().number())
                    .containsExactly(1L, 2L, 3L);
            assertThat(registry.findByIdempotencyKey(IdempotencyKey.of("kit-batch-bad"))).isEmpty();
            assertThat(registry.findByIdempotencyKey(IdempotencyKey.of("kit-batch-gen"))).isEmpty();
            assertThat(registry.find(ProtocolId.of(REGISTER, 2025, 4))).isEmpty();
            assertThat(registerIncoming("Dopo").id().number()).isEqualTo(4);
        }

        @Test
        @Tag("REG-BATCH-03")
        @Tag("REG-DUP-02")
        @DisplayName("REG-BATCH-03 in a batch a key already registered, or repeated, is a duplicate; with other content, a conflict of its own")
        void duplicatesAndConflicts() throws IOException {
            Registration first = registry.register(keyed("Gia' registrata", "kit-batch-dup")).registration();
            RegistrationRequest other = incoming(REGISTER, "Altro contenuto").idempotencyKey(IdempotencyKey.of("kit-batch-dup")).build();
            List<BatchResult> results = registry.registerAll(List.of(keyed("Gia' registrata", "kit-batch-dup"), keyed("Nuova", "kit-batch-new"),
                    keyed("Nuova", "kit-batch-new"), other));
            assertThat(results.get(0).orThrow()).isEqualTo(new RegistrationResult(first, true));
            Registration made = results.get(1).orThrow().registration();
            assertThat(results.get(1).orThrow().duplicate()).isFalse();
            assertThat(made.id().number()).isEqualTo(2);
            assertThat(results.get(2).orThrow()).isEqualTo(new RegistrationResult(made, true));
            assertThat(results.get(3).failure()).hasValueSatisfying(e -> {
                assertThat(e.reason()).isEqualTo(RegistryException.Reason.IDEMPOTENCY_CONFLICT);
                assertThat(e.existingRegistration()).contains(first.id());
            });
            assertThat(registerIncoming("Dopo").id().number()).isEqualTo(3);
        }
    }

    @Nested
    @DisplayName("atomicity")
    class Atomicity {
        @Test
        @Tag("REG-ATOM-01")
        @DisplayName("REG-ATOM-01 a document whose bytes differ from its declared impronta registers nothing and consumes no number")
        void REG_ATOM_01_fingerprintMismatch() throws IOException {
            DocumentRequest lying = DocumentRequest.of("a.pdf", "application/pdf", KitRequests.pdf("vero"))
                    .expecting(Impronta.of(KitRequests.pdf("falso")));
            RegistrationRequest request = incoming(REGISTER, "Impronta errata").document(lying)
                    .idempotencyKey(IdempotencyKey.of("kit-mismatch")).build();
            assertThatThrownBy(() -> registry.register(request)).isInstanceOf(RegistryException.class)
                    .satisfies(t -> assertThat(reasonOf(t)).isEqualTo(RegistryException.Reason.FINGERPRINT_MISMATCH));
            assertThat(registry.findByIdempotencyKey(IdempotencyKey.of("kit-mismatch"))).isEmpty();
            assertThat(registerIncoming("Dopo").id().number()).isEqualTo(1);
        }

        @Test
        @Tag("REG-ATOM-01")
        @DisplayName("REG-ATOM-01 a failing segnatura generator rolls the whole registration back and the number is reused")
        void REG_ATOM_01_generatorFailure() throws IOException {
            registerIncoming("Prima");
            RegistrationRequest request = incoming(REGISTER, "Segnatura fallita").idempotencyKey(IdempotencyKey.of("kit-generator"))
                    .generated((id, at) -> {
                        throw new IOException("sigillo non disponibile");
                    }).build();
            assertThatThrownBy(() -> registry.register(request)).isInstanceOf(RegistryException.class)
                    .satisfies(t -> assertThat(reasonOf(t)).isEqualTo(RegistryException.Reason.GENERATION_FAILED));
            assertThat(registry.findByIdempotencyKey(IdempotencyKey.of("kit-generator"))).isEmpty();
            assertThat(registry.find(ProtocolId.of(REGISTER, 2025, 2))).isEmpty();
            assertThat(registerIncoming("Seconda").id().number()).isEqualTo(2);
        }

        @Test
        @Tag("REG-ATOM-01")
        @DisplayName("REG-ATOM-01 a generated segnatura sees the assigned number and is stored with the registration")
        void REG_ATOM_01_generatorSeesNumber() throws IOException {
            Registration r = registry.register(incoming(REGISTER, "Con segnatura").generated((id, at) -> List.of(
                    DocumentRequest.of("Segnatura.xml", "application/xml",
                            ("<Segnatura numero=\"" + id.formattedNumber() + "\" data=\"" + at + "\"/>").getBytes(StandardCharsets.UTF_8))))
                    .build()).registration();
            assertThat(r.documents()).hasSize(2);
            StoredDocument segnatura = r.documents().get(1);
            assertThat(segnatura.role()).isEqualTo(StoredDocument.Role.GENERATED);
            assertThat(segnatura.index()).isEqualTo(1);
            String xml = new String(read(registry.openDocument(r.id(), 1)), StandardCharsets.UTF_8);
            assertThat(xml).isEqualTo("<Segnatura numero=\"0000001\" data=\"" + r.registeredAt() + "\"/>");
            assertThat(segnatura.impronta()).isEqualTo(Impronta.of(xml.getBytes(StandardCharsets.UTF_8)));
        }

        @Test
        @Tag("REG-ATOM-01")
        @DisplayName("REG-ATOM-01 a document over the size limit registers nothing")
        void REG_ATOM_01_tooLarge() throws IOException {
            long max = registry.maxDocumentBytes();
            Assumptions.assumeTrue(max <= 64L << 20, "limit too large to exercise in a test");
            RegistrationRequest request = incoming(REGISTER, "Troppo grande")
                    .document(new DocumentRequest("big.bin", "application/octet-stream", () -> new ZeroStream(max + 1), Optional.empty()))
                    .build();
            assertThatThrownBy(() -> registry.register(request)).isInstanceOf(RegistryException.class)
                    .satisfies(t -> assertThat(reasonOf(t)).isEqualTo(RegistryException.Reason.TOO_LARGE));
            assertThat(registerIncoming("Dopo").id().number()).isEqualTo(1);
        }
    }

    @Nested
    @DisplayName("registration fields")
    class Fields {
        @Test
        @Tag("REG-FIELD-01")
        @DisplayName("REG-FIELD-01 a request without mittente, oggetto and classification is refused, naming all three")
        void REG_FIELD_01_mandatoryFields() {
            assertThatThrownBy(() -> RegistrationRequest.incoming(REGISTER, Channel.PEC).operator(OPERATOR)
                    .document(DocumentRequest.of("a.pdf", "application/pdf", KitRequests.pdf("x"))).build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("mittente").hasMessageContaining("oggetto").hasMessageContaining("classification");
            assertThatThrownBy(() -> RegistrationRequest.incoming(REGISTER, Channel.PEC).operator(OPERATOR).oggetto("x")
                    .correspondent(Correspondent.named("X")).classification(Classification.of("I")).build())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("impronta");
        }

        @Test
        @Tag("REG-FIELD-01")
        @Tag("REG-FIELD-02")
        @DisplayName("REG-FIELD-01/02 every field of the request is recorded, the sender's own protocol reference included")
        void REG_FIELD_01_02_fieldsRecorded() throws IOException {
            Instant received = Instant.parse("2025-03-14T08:59:58.250Z");
            RegistrationRequest request = incoming(REGISTER, "Trasmissione delibera")
                    .correspondent(Correspondent.of("Regione Lombardia", "protocollo@pec.regione.example.it").withIpaCode("r_lombar"))
                    .senderReference(new SenderReference("0004711", LocalDate.of(2025, 3, 13)))
                    .document(DocumentRequest.of("allegato.xml", "application/xml", "<a/>".getBytes(StandardCharsets.UTF_8)))
                    .fascicolo("2025-VI.3-0007")
                    .assign(Assignment.competenza("UFF-TEC").toPerson("ing.neri").by(LocalDate.of(2025, 4, 13)))
                    .receivedAt(received)
                    .riservato(true)
                    .idempotencyKey(IdempotencyKey.forMessage("protocollo@pec.comune.example.it", "<opec.1@pec.example>", "<c.1@client>"))
                    .build();
            Registration r = registry.register(request).registration();
            assertThat(r.direction()).isEqualTo(Direction.INCOMING);
            assertThat(r.channel()).isEqualTo(Channel.PEC);
            assertThat(r.correspondents()).isEqualTo(request.correspondents());
            assertThat(r.oggetto()).isEqualTo("Trasmissione delibera");
            assertThat(r.senderReference()).contains(new SenderReference("0004711", LocalDate.of(2025, 3, 13)));
            assertThat(r.classification()).isEqualTo(Classification.of("VI.3"));
            assertThat(r.fascicolo()).contains("2025-VI.3-0007");
            assertThat(r.assignments()).isEqualTo(request.assignments());
            assertThat(r.receivedAt()).contains(received);
            assertThat(r.riservato()).isTrue();
            assertThat(r.registeredBy()).isEqualTo(OPERATOR);
            assertThat(r.idempotencyKey()).isEqualTo(request.idempotencyKey());
            assertThat(r.annulled()).isFalse();
            assertThat(r.documents()).extracting(StoredDocument::role)
                    .containsExactly(StoredDocument.Role.PRIMARY, StoredDocument.Role.ATTACHMENT);
            assertThat(registry.find(r.id())).contains(r);
        }

        @Test
        @Tag("REG-HASH-01")
        @DisplayName("REG-HASH-01 the impronta is the SHA-256 of the exact bytes, and the bytes come back unchanged")
        void REG_HASH_01_contentRoundTrip() throws IOException {
            requireCapability(Capability.DOCUMENT_CONTENT);
            byte[] p7m = new byte[300_000];
            new Random(42).nextBytes(p7m);
            p7m[0] = 0x30; // a DER SEQUENCE, like a CAdES envelope: stored as received, never unwrapped
            byte[] crlf = "riga 1\r\nriga 2\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            Registration r = registry.register(incoming(REGISTER, "Firmato")
                    .document(new DocumentRequest("contratto.pdf.p7m", "application/pkcs7-mime", ContentSource.of(p7m), Optional.empty()))
                    .document(DocumentRequest.of("nota.txt", "text/plain", crlf))
                    .build()).registration();
            StoredDocument signed = r.documents().get(1);
            assertThat(signed.size()).isEqualTo(p7m.length);
            assertThat(signed.impronta().base64()).isEqualTo(Base64.getEncoder().encodeToString(Impronta.sha256Digest().digest(p7m)));
            assertThat(read(registry.openDocument(r.id(), 1))).isEqualTo(p7m);
            assertThat(read(registry.openDocument(r.id(), 2))).isEqualTo(crlf);
            assertThat(Impronta.of(read(registry.openDocument(r.id(), 0)))).isEqualTo(r.documents().get(0).impronta());
            assertThatThrownBy(() -> registry.openDocument(r.id(), 3)).isInstanceOf(RegistryException.class)
                    .satisfies(t -> assertThat(reasonOf(t)).isEqualTo(RegistryException.Reason.NOT_FOUND));
        }

        @Test
        @Tag("REG-HASH-01")
        @DisplayName("REG-HASH-01 identical documents in two registrations keep their own records and the same impronta")
        void REG_HASH_01_sameContentTwice() throws IOException {
            requireCapability(Capability.DOCUMENT_CONTENT);
            Registration a = registerIncoming("Stesso allegato");
            Registration b = registerIncoming("Stesso allegato");
            assertThat(a.id()).isNotEqualTo(b.id());
            assertThat(a.documents().get(0).impronta()).isEqualTo(b.documents().get(0).impronta());
            assertThat(read(registry.openDocument(b.id(), 0))).isEqualTo(read(registry.openDocument(a.id(), 0)));
        }

        @Test
        @DisplayName("paper mail without documents registers (no impronta is due)")
        void paperWithoutDocument() throws IOException {
            Registration r = registry.register(RegistrationRequest.incoming(REGISTER, Channel.PAPER)
                    .correspondent(Correspondent.named("Anna Bianchi")).oggetto("Lettera cartacea")
                    .classification(Classification.of("I.1")).operator(OPERATOR).build()).registration();
            assertThat(r.documents()).isEmpty();
            assertThat(registry.find(r.id())).contains(r);
        }
    }

    @Nested
    @DisplayName("idempotency")
    class Idempotency {
        @Test
        @Tag("REG-DUP-01")
        @DisplayName("REG-DUP-01 the same idempotency key returns the first registration and consumes no number")
        void REG_DUP_01_sameKeyTwice() throws IOException {
            IdempotencyKey key = IdempotencyKey.forMessage("protocollo@pec.comune.example.it", "<opec.42@pec.example>", "<m42@client>");
            RegistrationResult first = registry.register(incoming(REGISTER, "Istanza").idempotencyKey(key).build());
            clock.advance(Duration.ofMinutes(5));
            // taken in again, by another operator who would classify and assign it otherwise: the same message
            RegistrationResult again = registry.register(incoming(REGISTER, "Istanza").classification(Classification.of("I.1"))
                    .assign(Assignment.competenza("UFF-TEC")).operator(Actor.system("intake-node-2")).idempotencyKey(key).build());
            assertThat(first.duplicate()).isFalse();
            assertThat(again.duplicate()).as("REG-DUP-01 the same message again is a duplicate").isTrue();
            assertThat(again.registration()).isEqualTo(first.registration());
            assertThat(registry.findByIdempotencyKey(key)).contains(first.registration());
            assertThat(registerIncoming("Altra").id().number()).isEqualTo(2);
        }

        @Test
        @Tag("REG-DUP-01")
        @Timeout(value = 2, unit = TimeUnit.MINUTES)
        @DisplayName("REG-DUP-01 the same key submitted by 8 threads at once registers once")
        void REG_DUP_01_sameKeyConcurrently() throws Exception {
            int threads = concurrentThreads();
            int rounds = concurrencyRounds();
            for (int round = 1; round <= rounds; round++) {
                IdempotencyKey key = IdempotencyKey.of("kit-race-" + round);
                List<RegistrationResult> results = Collections.synchronizedList(new ArrayList<>());
                race(threads, Duration.ofMinutes(2), thread -> results.add(registry.register(incoming(REGISTER, "Gara").idempotencyKey(key).build())));
                ProtocolId expected = ProtocolId.of(REGISTER, 2025, round);
                assertThat(results.stream().map(r -> r.registration().id()).distinct().toList())
                        .as("REG-DUP-01 round %d: every thread gets the one registration", round).containsExactly(expected);
                assertThat(results.stream().filter(r -> !r.duplicate()).count()).as("REG-DUP-01 round %d: registered once", round).isEqualTo(1);
            }
            assertThat(registerIncoming("Dopo la gara").id().number()).as("REG-DUP-01 no number consumed by the duplicates").isEqualTo(rounds + 1);
        }

        @Test
        @Tag("REG-DUP-02")
        @DisplayName("REG-DUP-02 the same key with different content is refused as an idempotency conflict naming the first registration")
        void REG_DUP_02_sameKeyOtherContent() throws IOException {
            IdempotencyKey key = IdempotencyKey.forMessage("protocollo@pec.comune.example.it", "<riusato@client>", "<riusato@client>");
            Registration first = registry.register(incoming(REGISTER, "Istanza").idempotencyKey(key).build()).registration();
            clock.advance(Duration.ofMinutes(5));
            List<RegistrationRequest> others = List.of(
                    incoming(REGISTER, "Fattura").idempotencyKey(key).build(),
                    // same oggetto and primary document, one attachment more: still another message
                    incoming(REGISTER, "Istanza").document(DocumentRequest.of("fattura.exe", "application/octet-stream", new byte[] {'M', 'Z'}))
                            .idempotencyKey(key).build(),
                    // same oggetto, other sender
                    RegistrationRequest.incoming(REGISTER, Channel.PEC).correspondent(Correspondent.of("Altro", "altro@pec.example.it"))
                            .oggetto("Istanza").document(DocumentRequest.of("istanza.pdf", "application/pdf", KitRequests.pdf("Istanza")))
                            .classification(Classification.of("VI.3")).operator(OPERATOR).idempotencyKey(key).build());
            for (RegistrationRequest other : others) {
                assertThatThrownBy(() -> registry.register(other)).as("REG-DUP-02 another message under a registered key")
                        .isInstanceOf(RegistryException.class)
                        .satisfies(t -> assertThat(reasonOf(t)).as("REG-DUP-02 reason").isEqualTo(RegistryException.Reason.IDEMPOTENCY_CONFLICT))
                        .satisfies(t -> assertThat(((RegistryException) t).existingRegistration()).as("REG-DUP-02 names the first").contains(first.id()))
                        .hasMessageContaining(first.id().toString());
            }
            assertThat(registry.findByIdempotencyKey(key)).as("REG-DUP-02 the key still names the first").contains(first);
            assertThat(registry.register(incoming(REGISTER, "Istanza").idempotencyKey(key).build()).duplicate())
                    .as("REG-DUP-02 the first message itself is still a duplicate").isTrue();
            assertThat(registerIncoming("Altra").id().number()).as("REG-DUP-02 a conflict consumes no number").isEqualTo(2);
        }

        @Test
        @Tag("REG-DUP-02")
        @Timeout(value = 2, unit = TimeUnit.MINUTES)
        @DisplayName("REG-DUP-02 one key, two contents, 8 threads at once: one registration; the same content is its duplicate, the other a conflict")
        void REG_DUP_02_sameKeyOtherContentConcurrently() throws Exception {
            int threads = concurrentThreads();
            int rounds = concurrencyRounds();
            for (int round = 1; round <= rounds; round++) {
                IdempotencyKey key = IdempotencyKey.of("kit-conflict-race-" + round);
                // each thread's content and outcome together: two lists appended separately would interleave
                List<Map.Entry<String, Object>> outcomes = Collections.synchronizedList(new ArrayList<>());
                race(threads, Duration.ofMinutes(2), thread -> {
                    String oggetto = thread % 2 == 0 ? "Istanza A" : "Istanza B";
                    try {
                        outcomes.add(Map.entry(oggetto, registry.register(incoming(REGISTER, oggetto).idempotencyKey(key).build())));
                    } catch (RegistryException e) {
                        outcomes.add(Map.entry(oggetto, e));
                    }
                });
                List<Registration> registered = outcomes.stream().map(Map.Entry::getValue)
                        .filter(o -> o instanceof RegistrationResult r && !r.duplicate())
                        .map(o -> ((RegistrationResult) o).registration()).toList();
                assertThat(registered).as("REG-DUP-02 round %d: exactly one registration", round).hasSize(1);
                Registration winner = registered.get(0);
                assertThat(winner.id()).as("REG-DUP-02 round %d: the number", round).isEqualTo(ProtocolId.of(REGISTER, 2025, round));
                for (Map.Entry<String, Object> outcome : outcomes) {
                    Object o = outcome.getValue();
                    if (outcome.getKey().equals(winner.oggetto())) {
                        assertThat(o).as("REG-DUP-02 round %d: the winner's content is registered or a duplicate of it", round)
                                .isInstanceOfSatisfying(RegistrationResult.class, r -> assertThat(r.registration()).isEqualTo(winner));
                    } else {
                        assertThat(o).as("REG-DUP-02 round %d: the other content is a conflict naming the winner", round)
                                .isInstanceOfSatisfying(RegistryException.class, e -> {
                                    assertThat(e.reason()).isEqualTo(RegistryException.Reason.IDEMPOTENCY_CONFLICT);
                                    assertThat(e.existingRegistration()).contains(winner.id());
                                });
                    }
                }
            }
            assertThat(registerIncoming("Dopo").id().number()).as("REG-DUP-02 conflicts consume no number").isEqualTo(rounds + 1);
        }

        @Test
        @DisplayName("registrations without a key are never merged")
        void noKeyNoMerge() throws IOException {
            assertThat(registerIncoming("Uguale").id()).isNotEqualTo(registerIncoming("Uguale").id());
            assertThat(registry.findByIdempotencyKey(IdempotencyKey.of("nessuna"))).isEmpty();
        }
    }

    @Nested
    @DisplayName("changes after registration")
    class Changes {
        @Test
        @Tag("REG-IMM-01")
        @DisplayName("REG-IMM-01 classification, assignments and fascicolo change; numero, data, correspondents, oggetto and impronte do not")
        void REG_IMM_01_allowedChanges() throws IOException {
            requireCapability(Capability.FASCICOLI);
            Registration r = registerIncoming("Richiesta");
            clock.advance(Duration.ofHours(1));
            Registration changed = registry.update(r.id(), OPERATOR,
                    Change.classify(Classification.of("VII.2")),
                    Change.assign(Assignment.competenza("UFF-TEC")),
                    Change.assign(Assignment.conoscenza("SEGRETERIA")),
                    Change.fileInto("2025-VII.2-0003"),
                    Change.assign(Assignment.competenza("UFF-TEC").toPerson("ing.neri")),
                    Change.unassign("SEGRETERIA"));
            assertThat(changed.classification()).isEqualTo(Classification.of("VII.2"));
            assertThat(changed.assignments()).containsExactly(Assignment.competenza("UFF-TEC").toPerson("ing.neri"));
            assertThat(changed.fascicolo()).contains("2025-VII.2-0003");
            assertProtectedUnchanged(changed, r);
            assertThat(registry.find(r.id())).contains(changed);
            Registration out = registry.update(r.id(), OPERATOR, Change.removeFromFascicolo());
            assertThat(out.fascicolo()).isEmpty();
            assertProtectedUnchanged(out, r);
            assertProtectedUnchanged(registry.find(r.id()).orElseThrow(), r);
            // and the comparison itself tells registrations apart
            Registration other = registerIncoming("Richiesta");
            assertThat(other.sameProtectedFields(r)).as("REG-IMM-01 another registration has other protected fields").isFalse();
        }

        @Test
        @Tag("REG-AUDIT-01")
        @DisplayName("REG-AUDIT-01 every operation is audited with user, time, and the values before and after")
        void REG_AUDIT_01_auditTrail() throws IOException {
            Registration r = registerIncoming("Richiesta");
            Actor other = Actor.of("op.bianchi", "Luca Bianchi");
            clock.set("2025-03-14T10:00:00Z");
            registry.update(r.id(), other, Change.classify(Classification.of("VII.2")));
            clock.set("2025-03-14T10:05:00Z");
            registry.update(r.id(), other, Change.assign(Assignment.competenza("UFF-TEC")));
            clock.set("2025-03-14T11:00:00Z");
            registry.annul(r.id(), annulment());
            List<AuditEntry> audit = registry.audit(r.id());
            assertThat(audit).extracting(AuditEntry::action).containsExactly(AuditEntry.Action.REGISTERED,
                    AuditEntry.Action.CLASSIFIED, AuditEntry.Action.ASSIGNED, AuditEntry.Action.ANNULLED);
            assertThat(audit.get(0).actor()).isEqualTo(OPERATOR);
            assertThat(audit.get(0).at()).isEqualTo(r.registeredAt());
            AuditEntry classified = audit.get(1);
            assertThat(classified.actor()).isEqualTo(other);
            assertThat(classified.at()).isEqualTo(Instant.parse("2025-03-14T10:00:00Z"));
            assertThat(classified.before()).contains("VI.3");
            assertThat(classified.after()).contains("VII.2");
            assertThat(audit.get(2).before()).contains("[]");
            assertThat(audit.get(2).after()).contains("[UFF-TEC:competenza]");
            assertThat(audit.get(3).actor().id()).isEqualTo("rgd.verdi");
            assertThat(audit.get(3).at()).isEqualTo(Instant.parse("2025-03-14T11:00:00Z"));
            assertThat(audit).allSatisfy(e -> assertThat(e.id()).isEqualTo(r.id()));
        }

        @Test
        @DisplayName("changing an unknown registration is refused with NOT_FOUND")
        void unknown() {
            ProtocolId missing = ProtocolId.of(REGISTER, 2025, 999);
            assertThatThrownBy(() -> registry.update(missing, OPERATOR, Change.classify(Classification.of("I"))))
                    .isInstanceOf(RegistryException.class)
                    .satisfies(t -> assertThat(reasonOf(t)).isEqualTo(RegistryException.Reason.NOT_FOUND));
            assertThatThrownBy(() -> registry.annul(missing, annulment())).isInstanceOf(RegistryException.class)
                    .satisfies(t -> assertThat(reasonOf(t)).isEqualTo(RegistryException.Reason.NOT_FOUND));
            assertThatThrownBy(() -> registry.audit(missing)).isInstanceOf(RegistryException.class);
        }
    }

    @Nested
    @DisplayName("annulment")
    class Annulment {
        @Test
        @Tag("REG-ANN-01")
        @DisplayName("REG-ANN-01 an annulled registration stays readable, marked, with who, when, why and the provvedimento")
        void REG_ANN_01_annulKeepsRecord() throws IOException {
            Registration r = registerIncoming("Da annullare");
            clock.set("2025-03-15T08:30:00Z");
            Registration annulled = registry.annul(r.id(), annulment());
            assertThat(annulled.annulled()).isTrue();
            io.github.pec4j.registry.Annulment a = annulled.annulment().orElseThrow();
            assertThat(a.annulledAt()).isEqualTo(Instant.parse("2025-03-15T08:30:00Z"));
            assertThat(a.request()).isEqualTo(annulment());
            assertProtectedUnchanged(annulled, r);
            assertThat(registry.find(r.id())).contains(annulled);
            assertThat(Impronta.of(read(registry.openDocument(r.id(), 0)))).isEqualTo(r.documents().get(0).impronta());
        }

        @Test
        @Tag("REG-ANN-01")
        @DisplayName("REG-ANN-01 an annulled number is never reused")
        void REG_ANN_01_numberNotReused() throws IOException {
            registerIncoming("Uno");
            Registration two = registerIncoming("Due");
            registry.annul(two.id(), annulment());
            assertThat(registerIncoming("Tre").id().number()).isEqualTo(3);
            assertThat(registry.find(two.id()).orElseThrow().annulled()).isTrue();
        }

        @Test
        @Tag("REG-ANN-01")
        @DisplayName("REG-ANN-01 an annulment without provvedimento, date, reason or operator is refused; an annulled registration changes no more")
        void REG_ANN_01_annulmentRules() throws IOException {
            assertThatThrownBy(() -> new AnnulmentRequest(" ", LocalDate.of(2025, 1, 1), "r", OPERATOR)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new AnnulmentRequest("Det. 1", null, "r", OPERATOR)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> new AnnulmentRequest("Det. 1", LocalDate.of(2025, 1, 1), "", OPERATOR)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new AnnulmentRequest("Det. 1", LocalDate.of(2025, 1, 1), "r", null)).isInstanceOf(NullPointerException.class);
            Registration r = registerIncoming("Annullata");
            registry.annul(r.id(), annulment());
            assertThatThrownBy(() -> registry.annul(r.id(), annulment())).isInstanceOf(RegistryException.class)
                    .satisfies(t -> assertThat(reasonOf(t)).isEqualTo(RegistryException.Reason.ANNULLED));
            assertThatThrownBy(() -> registry.update(r.id(), OPERATOR, Change.classify(Classification.of("I"))))
                    .isInstanceOf(RegistryException.class)
                    .satisfies(t -> assertThat(reasonOf(t)).isEqualTo(RegistryException.Reason.ANNULLED));
            assertThat(registry.find(r.id()).orElseThrow().classification()).isEqualTo(Classification.of("VI.3"));
        }
    }

    @Nested
    @DisplayName("transmissions")
    class Transmissions {
        @Test
        @DisplayName("events are recorded per recipient in order, with the raw receipts byte-exact")
        void perRecipient() throws IOException {
            requireCapability(Capability.TRANSMISSIONS);
            Registration r = registry.register(outgoing(REGISTER, "Convocazione").build()).registration();
            String milano = "protocollo@pec.comune.milano.example.it";
            String bianchi = "studio.bianchi@pec.example.it";
            byte[] accettazione = "Subject: ACCETTAZIONE: Convocazione\r\n\r\nricevuta\r\n".getBytes(StandardCharsets.US_ASCII);
            byte[] consegna = "Subject: CONSEGNA: Convocazione\r\n\r\nricevuta\r\n".getBytes(StandardCharsets.US_ASCII);
            Instant t0 = Instant.parse("2025-03-14T09:00:01Z");
            TransmissionRecord sent = registry.recordTransmission(r.id(),
                    TransmissionEvent.of(TransmissionEvent.Type.SENT, Optional.empty(), t0).withMsgid("m1@client"), Optional.empty(), OPERATOR);
            TransmissionRecord acc = registry.recordTransmission(r.id(),
                    TransmissionEvent.of(TransmissionEvent.Type.ACCETTAZIONE, Optional.empty(), t0.plusSeconds(2))
                            .withIdentificativo("opec.1@pec.example").withMsgid("m1@client"),
                    Optional.of(DocumentRequest.of("accettazione.eml", "message/rfc822", accettazione)), OPERATOR);
            TransmissionRecord del = registry.recordTransmission(r.id(),
                    TransmissionEvent.of(TransmissionEvent.Type.CONSEGNA, Optional.of(milano), t0.plusSeconds(5))
                            .withIdentificativo("opec.2@pec.example"),
                    Optional.of(DocumentRequest.of("consegna.eml", "message/rfc822", consegna)), OPERATOR);
            TransmissionRecord err = registry.recordTransmission(r.id(),
                    TransmissionEvent.of(TransmissionEvent.Type.ERRORE_CONSEGNA, Optional.of(bianchi), t0.plusSeconds(9))
                            .withIdentificativo("opec.3@pec.example").withErrore("no-dest", "5.1.1 - utente sconosciuto"),
                    Optional.empty(), OPERATOR);
            assertThat(List.of(sent.sequence(), acc.sequence(), del.sequence(), err.sequence())).containsExactly(1L, 2L, 3L, 4L);
            List<TransmissionRecord> all = registry.transmissions(r.id());
            assertThat(all).containsExactly(sent, acc, del, err);
            assertThat(all.get(3).event().erroreEsteso()).contains("5.1.1 - utente sconosciuto");
            assertThat(all.get(2).event().recipient()).contains(milano);
            assertThat(read(registry.openReceipt(r.id(), 2))).isEqualTo(accettazione);
            assertThat(read(registry.openReceipt(r.id(), 3))).isEqualTo(consegna);
            assertThat(acc.receipt().orElseThrow().impronta()).isEqualTo(Impronta.of(accettazione));
            assertThat(acc.receipt().orElseThrow().role()).isEqualTo(StoredDocument.Role.RECEIPT);
            assertThat(acc.receipt().orElseThrow().size()).isEqualTo(accettazione.length);
            assertThatThrownBy(() -> registry.openReceipt(r.id(), 4)).isInstanceOf(RegistryException.class)
                    .satisfies(t -> assertThat(reasonOf(t)).isEqualTo(RegistryException.Reason.NOT_FOUND));
            assertThat(registry.audit(r.id())).filteredOn(e -> e.action() == AuditEntry.Action.TRANSMISSION_RECORDED).hasSize(4);
        }

        @Test
        @Tag("REG-INTAKE-01")
        @DisplayName("REG-INTAKE-01 recording the same receipt again (taken in twice) returns the first record")
        void REG_INTAKE_01_duplicateReceipt() throws IOException {
            requireCapability(Capability.TRANSMISSIONS);
            Registration r = registry.register(outgoing(REGISTER, "Invio").build()).registration();
            TransmissionEvent consegna = TransmissionEvent.of(TransmissionEvent.Type.CONSEGNA,
                    Optional.of("protocollo@pec.comune.milano.example.it"), Instant.parse("2025-03-14T09:01:00Z"))
                    .withIdentificativo("opec.9@pec.example");
            TransmissionRecord first = registry.recordTransmission(r.id(), consegna, Optional.empty(), OPERATOR);
            clock.advance(Duration.ofMinutes(3));
            TransmissionRecord again = registry.recordTransmission(r.id(), consegna, Optional.empty(), OPERATOR);
            assertThat(again).isEqualTo(first);
            assertThat(registry.transmissions(r.id())).hasSize(1);
        }

        @Test
        @Tag("MRM-GROUP-01")
        @DisplayName("MRM-GROUP-01 filings recorded together: each as alone, byte-exact; an unknown registration fails alone; the same event twice is one record")
        void MRM_GROUP_01_recordTransmissions() throws IOException {
            requireCapability(Capability.TRANSMISSIONS);
            Registration a = registry.register(outgoing(REGISTER, "Convocazione").build()).registration();
            Registration b = registry.register(outgoing(REGISTER, "Invito").build()).registration();
            byte[] accettazione = "Subject: ACCETTAZIONE: Convocazione\r\n\r\nricevuta\r\n".getBytes(StandardCharsets.US_ASCII);
            Instant t0 = Instant.parse("2025-03-14T09:00:01Z");
            TransmissionEvent acc = TransmissionEvent.of(TransmissionEvent.Type.ACCETTAZIONE, Optional.empty(), t0).withIdentificativo("opec.g1@pec.example");
            TransmissionEvent del = TransmissionEvent.of(TransmissionEvent.Type.CONSEGNA, Optional.of("protocollo@pec.comune.milano.example.it"), t0.plusSeconds(4))
                    .withIdentificativo("opec.g2@pec.example");
            List<TransmissionFiling> filings = List.of(
                    new TransmissionFiling(a.id(), acc, Optional.of(DocumentRequest.of("accettazione.eml", "message/rfc822", accettazione)), OPERATOR),
                    new TransmissionFiling(ProtocolId.of(REGISTER, 2025, 77), acc, Optional.empty(), OPERATOR),
                    new TransmissionFiling(b.id(), del, Optional.empty(), OPERATOR),
                    new TransmissionFiling(a.id(), acc, Optional.empty(), OPERATOR));

            List<FilingResult> results = registry.recordTransmissions(filings);

            assertThat(results).hasSize(4);
            assertThat(results.get(1).failure()).as("an unknown registration fails alone")
                    .hasValueSatisfying(e -> assertThat(e.reason()).isEqualTo(RegistryException.Reason.NOT_FOUND));
            assertThat(registry.transmissions(a.id())).containsExactly(results.get(0).orThrow());
            assertThat(results.get(3).orThrow()).as("the same event twice: the first record").isEqualTo(results.get(0).orThrow());
            assertThat(registry.transmissions(b.id())).containsExactly(results.get(2).orThrow());
            assertThat(read(registry.openReceipt(a.id(), results.get(0).orThrow().sequence()))).isEqualTo(accettazione);
            assertThat(registry.recordTransmissions(List.of())).isEmpty();
        }

        @Test
        @DisplayName("a transmission for an unknown registration is refused with NOT_FOUND")
        void unknown() {
            requireCapability(Capability.TRANSMISSIONS);
            assertThatThrownBy(() -> registry.recordTransmission(ProtocolId.of(REGISTER, 2025, 77),
                    TransmissionEvent.of(TransmissionEvent.Type.SENT, Optional.empty(), Instant.EPOCH), Optional.empty(), OPERATOR))
                    .isInstanceOf(RegistryException.class)
                    .satisfies(t -> assertThat(reasonOf(t)).isEqualTo(RegistryException.Reason.NOT_FOUND));
        }
    }

    @Nested
    @DisplayName("search")
    class Search {
        private final RegisterId other = RegisterId.of("c_h501", "AOO_CENTRALE", "DETERMINE");
        private Registration accesso;
        private Registration risposta;
        private Registration convocazione;
        private Registration buca;
        private Registration contributo;

        @BeforeEach
        void populate() throws IOException {
            Assumptions.assumeTrue(registry.capabilities().contains(Capability.SEARCH), "registry does not declare SEARCH");
            clock.set("2025-03-14T09:00:00Z");
            accesso = registry.register(incoming(REGISTER, "Richiesta accesso atti").assign(Assignment.competenza("UFF-TEC")).build()).registration();
            risposta = registry.register(outgoing(REGISTER, "Risposta accesso atti").build()).registration();
            convocazione = registry.register(RegistrationRequest.outgoing(REGISTER, Channel.PAPER).correspondent(Correspondent.named("Carla Bianchi"))
                    .oggetto("Convocazione commissione").classification(Classification.of("II.4")).operator(OPERATOR).build()).registration();
            buca = registry.register(RegistrationRequest.incoming(REGISTER, Channel.PEO).correspondent(Correspondent.of("Anna Neri", "anna@example.org"))
                    .oggetto("Segnalazione buca stradale").document(DocumentRequest.of("foto.jpg", "image/jpeg", new byte[] {(byte) 0xff, (byte) 0xd8}))
                    .classification(Classification.of("VI.5")).operator(OPERATOR).build()).registration();
            registry.annul(buca.id(), annulment());
            buca = registry.find(buca.id()).orElseThrow();
            registry.register(incoming(other, "Richiesta in altro registro").build());
            clock.set("2025-03-15T09:00:00Z");
            contributo = registry.register(incoming(REGISTER, "Richiesta contributo").build()).registration();
        }

        private List<Registration> search(SearchQuery q) throws IOException {
            return registry.search(q.inRegister(REGISTER));
        }

        @Test
        @DisplayName("by text, in oggetto or correspondent, ignoring case")
        void text() throws IOException {
            assertThat(search(SearchQuery.all().text("ACCESSO"))).containsExactly(accesso, risposta);
            assertThat(search(SearchQuery.all().text("rossi"))).containsExactly(accesso, contributo);
            assertThat(search(SearchQuery.all().text("anna@EXAMPLE"))).containsExactly(buca);
            assertThat(search(SearchQuery.all().text("nessuno"))).isEmpty();
        }

        @Test
        @DisplayName("by direction, PEC sending, office and annulment")
        void filters() throws IOException {
            assertThat(search(SearchQuery.all().direction(Direction.OUTGOING))).containsExactly(risposta, convocazione);
            assertThat(search(SearchQuery.all().sentOverPec(true))).containsExactly(risposta);
            assertThat(search(SearchQuery.all().sentOverPec(false))).containsExactly(accesso, convocazione, buca, contributo);
            assertThat(search(SearchQuery.all().office("UFF-TEC"))).containsExactly(accesso);
            assertThat(search(SearchQuery.all().annulled(SearchQuery.Annulled.EXCLUDE))).doesNotContain(buca).hasSize(4);
            assertThat(search(SearchQuery.all().annulled(SearchQuery.Annulled.ONLY))).containsExactly(buca);
            assertThat(search(SearchQuery.all())).hasSize(5).contains(buca);
        }

        @Test
        @DisplayName("by year and number, by Europe/Rome day, with paging, in number order")
        void rangesAndPaging() throws IOException {
            assertThat(search(SearchQuery.all().year(2025).numbers(2, 3))).containsExactly(risposta, convocazione);
            assertThat(search(SearchQuery.all().year(2024))).isEmpty();
            assertThat(search(SearchQuery.all().registeredBetween(LocalDate.of(2025, 3, 15), LocalDate.of(2025, 3, 31))))
                    .containsExactly(contributo);
            assertThat(search(SearchQuery.all().registeredBetween(LocalDate.of(2025, 3, 14), LocalDate.of(2025, 3, 14))))
                    .containsExactly(accesso, risposta, convocazione, buca);
            assertThat(search(SearchQuery.all().page(1, 2))).containsExactly(risposta, convocazione);
            assertThat(numbers(registry.search(SearchQuery.all().inRegister(other)))).containsExactly(1L);
            assertThat(registry.search(SearchQuery.all())).hasSize(6);
        }
    }

    @Nested
    @DisplayName("daily register")
    class Daily {
        @Test
        @Tag("REG-DAY-01")
        @DisplayName("REG-DAY-01 lists exactly the registrations of the Europe/Rome day, hashed, and is byte-identical when exported again")
        void REG_DAY_01_dailyRegister() throws IOException {
            requireCapability(Capability.DAILY_REGISTER);
            clock.set("2025-03-13T22:59:59Z"); // 23:59:59 on the 13th in Rome
            Registration before = registerIncoming("Del giorno prima");
            clock.set("2025-03-13T23:00:00Z"); // 00:00 on the 14th in Rome, still the 13th in UTC
            Registration first = registerIncoming("Prima del giorno");
            clock.set("2025-03-14T12:00:00Z");
            Registration second = registry.register(outgoing(REGISTER, "Seconda, in uscita, \"con virgolette\", e virgole").build()).registration();
            clock.set("2025-03-14T22:59:59.999Z");
            Registration last = registerIncoming("Ultima del giorno");
            clock.set("2025-03-14T23:00:00Z");
            Registration after = registerIncoming("Del giorno dopo");
            registry.register(incoming(RegisterId.of("c_h501", "AOO_CENTRALE", "DETERMINE"), "Altro registro").build());

            clock.set("2025-03-14T22:30:00Z");
            assertThatThrownBy(() -> registry.dailyRegister(REGISTER, LocalDate.of(2025, 3, 14)))
                    .isInstanceOf(RegistryException.class)
                    .satisfies(t -> assertThat(reasonOf(t)).isEqualTo(RegistryException.Reason.DAY_NOT_CLOSED));

            clock.set("2025-03-15T07:00:00Z");
            List<DailyRegister> handedOver = new ArrayList<>();
            DailyRegister daily = registry.publishDailyRegister(REGISTER, LocalDate.of(2025, 3, 14), handedOver::add);
            assertThat(handedOver).containsExactly(daily);
            assertThat(daily.entries()).containsExactly(first.id(), second.id(), last.id());
            assertThat(daily.entries()).doesNotContain(before.id(), after.id());
            assertThat(daily.impronta()).isEqualTo(Impronta.of(daily.content()));
            String csv = new String(daily.content(), StandardCharsets.UTF_8);
            assertThat(csv.lines().filter(l -> l.matches("^\\d{7},.*"))).hasSize(3);
            assertThat(csv).contains("0000002,2025,2025-03-14T00:00:00+01:00,INCOMING", "\"Seconda, in uscita, \"\"con virgolette\"\", e virgole\"");

            registry.annul(second.id(), annulment());
            clock.set("2025-03-20T07:00:00Z");
            DailyRegister again = registry.dailyRegister(REGISTER, LocalDate.of(2025, 3, 14));
            assertThat(again.content()).isEqualTo(daily.content());
            assertThat(again.impronta()).isEqualTo(daily.impronta());
            assertThat(again.entries()).isEqualTo(daily.entries());
        }

        @Test
        @Tag("REG-DAY-01")
        @DisplayName("REG-DAY-01 a day without registrations still has its (empty) daily register")
        void REG_DAY_01_emptyDay() throws IOException {
            requireCapability(Capability.DAILY_REGISTER);
            DailyRegister daily = registry.dailyRegister(REGISTER, LocalDate.of(2025, 3, 1));
            assertThat(daily.entries()).isEmpty();
            assertThat(new String(daily.content(), StandardCharsets.UTF_8)).startsWith("# registro giornaliero di protocollo,");
        }
    }

    @Nested
    @DisplayName("emergency register")
    class Emergency {
        private EmergencyRegister.Entry entry(long number, String at, String oggetto) {
            return new EmergencyRegister.Entry(number, Instant.parse(at), incoming(REGISTER, oggetto).build());
        }

        @Test
        @Tag("REG-EMER-01")
        @DisplayName("REG-EMER-01 recovered entries get ordinary numbers in emergency order and keep the link for good")
        void REG_EMER_01_recovery() throws IOException {
            requireCapability(Capability.EMERGENCY_REGISTER);
            registerIncoming("Prima del guasto");
            EmergencyRegister emergency = new EmergencyRegister("RE-2025-01", REGISTER, "guasto del sistema di protocollo",
                    Instant.parse("2025-03-14T09:30:00Z"), Instant.parse("2025-03-14T16:00:00Z"), List.of(),
                    List.of(entry(2, "2025-03-14T11:00:00Z", "Seconda in emergenza"), entry(1, "2025-03-14T10:00:00Z", "Prima in emergenza")));
            clock.set("2025-03-14T16:30:00Z");
            List<Registration> recovered = registry.importEmergency(emergency);
            assertThat(recovered).extracting(r -> r.id().number()).containsExactly(2L, 3L);
            assertThat(recovered.get(0).oggetto()).isEqualTo("Prima in emergenza");
            assertThat(recovered.get(0).emergency().orElseThrow().emergencyNumber()).isEqualTo(1);
            assertThat(recovered.get(1).emergency().orElseThrow().emergencyRegisterId()).isEqualTo("RE-2025-01");
            assertThat(recovered.get(1).emergency().orElseThrow().emergencyRegisteredAt()).isEqualTo(Instant.parse("2025-03-14T11:00:00Z"));
            assertThat(registry.find(recovered.get(1).id())).contains(recovered.get(1));
            assertThat(registry.audit(recovered.get(0).id()).get(0).action()).isEqualTo(AuditEntry.Action.EMERGENCY_IMPORTED);

            assertThat(registry.importEmergency(emergency)).isEqualTo(recovered);
            EmergencyRegister second = new EmergencyRegister("RE-2025-02", REGISTER, "secondo guasto",
                    Instant.parse("2025-03-14T17:00:00Z"), Instant.parse("2025-03-14T18:00:00Z"), List.of(),
                    List.of(entry(1, "2025-03-14T17:10:00Z", "Prima del secondo guasto")));
            assertThat(registry.importEmergency(second)).extracting(r -> r.id().number()).containsExactly(4L);
            assertThat(registerIncoming("Dopo").id().number()).isEqualTo(5);
        }

        @Test
        @Tag("REG-EMER-01")
        @DisplayName("REG-EMER-01 past 24 hours only through extensions of at most a week, each with its authorisation")
        void REG_EMER_01_periodRules() {
            Instant start = Instant.parse("2025-03-10T08:00:00Z");
            assertThatThrownBy(() -> new EmergencyRegister("RE-1", REGISTER, "guasto", start, start.plus(Duration.ofHours(25)), List.of(), List.of()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("authorised only until");
            assertThatThrownBy(() -> new EmergencyRegister("RE-1", REGISTER, "guasto", start, start.plus(Duration.ofDays(9)),
                    List.of(new EmergencyRegister.Extension(start.plus(Duration.ofDays(9)), "Det. 3/2025")), List.of()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exceeds one week");
            assertThatThrownBy(() -> new EmergencyRegister.Extension(start, " ")).isInstanceOf(IllegalArgumentException.class);
            EmergencyRegister extended = new EmergencyRegister("RE-1", REGISTER, "guasto", start, start.plus(Duration.ofDays(14)),
                    List.of(new EmergencyRegister.Extension(start.plus(Duration.ofDays(8)), "Det. 3/2025"),
                            new EmergencyRegister.Extension(start.plus(Duration.ofDays(15)), "Det. 4/2025")), List.of());
            assertThat(extended.extensions()).hasSize(2);
            assertThatThrownBy(() -> new EmergencyRegister("RE-1", REGISTER, "guasto", start, start.plus(Duration.ofHours(2)), List.of(),
                    List.of(entry(1, "2025-03-10T09:00:00Z", "a"), entry(1, "2025-03-10T09:30:00Z", "b"))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("used twice");
            assertThatThrownBy(() -> new EmergencyRegister("RE-1", REGISTER, "guasto", start, start.plus(Duration.ofHours(2)), List.of(),
                    List.of(entry(1, "2025-03-10T12:00:00Z", "fuori periodo"))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside the emergency period");
        }
    }

    @Nested
    @DisplayName("durability")
    class Durability {
        @Test
        @Tag("REG-NUM-03")
        @Tag("REG-DUP-02")
        @DisplayName("REG-NUM-03 a persistent registry keeps registrations, documents, trail and counters across a restart")
        void REG_NUM_03_survivesRestart() throws Exception {
            requireCapability(Capability.PERSISTENT);
            IdempotencyKey key = IdempotencyKey.of("kit-durable");
            Registration one = registry.register(incoming(REGISTER, "Uno").idempotencyKey(key).build()).registration();
            Registration two = registry.register(outgoing(REGISTER, "Due").build()).registration();
            registry.update(one.id(), OPERATOR, Change.classify(Classification.of("II.1")));
            registry.annul(two.id(), annulment());
            if (registry.capabilities().contains(Capability.TRANSMISSIONS)) {
                registry.recordTransmission(two.id(), TransmissionEvent.of(TransmissionEvent.Type.ACCETTAZIONE, Optional.empty(),
                        Instant.parse("2025-03-14T09:00:02Z")).withIdentificativo("opec.77@pec.example"),
                        Optional.of(DocumentRequest.of("accettazione.eml", "message/rfc822", "ricevuta".getBytes(StandardCharsets.US_ASCII))), OPERATOR);
            }
            Registration oneBefore = registry.find(one.id()).orElseThrow();
            Registration twoBefore = registry.find(two.id()).orElseThrow();
            List<AuditEntry> auditBefore = registry.audit(two.id());
            List<TransmissionRecord> transmissionsBefore = registry.transmissions(two.id());
            registry.close();
            registry = null;
            registry = reopenRegistry(clock);
            assertThat(registry.find(one.id())).contains(oneBefore);
            assertThat(registry.find(two.id())).contains(twoBefore);
            assertThat(registry.audit(two.id())).isEqualTo(auditBefore);
            assertThat(registry.transmissions(two.id())).isEqualTo(transmissionsBefore);
            assertThat(Impronta.of(read(registry.openDocument(one.id(), 0)))).isEqualTo(one.documents().get(0).impronta());
            assertThat(registry.register(incoming(REGISTER, "Uno").idempotencyKey(key).build()).duplicate())
                    .as("REG-DUP-01 the key survives the restart").isTrue();
            assertThatThrownBy(() -> registry.register(incoming(REGISTER, "Uno, ma un altro messaggio").idempotencyKey(key).build()))
                    .as("REG-DUP-02 the fingerprint survives the restart").isInstanceOf(RegistryException.class)
                    .satisfies(t -> assertThat(reasonOf(t)).isEqualTo(RegistryException.Reason.IDEMPOTENCY_CONFLICT));
            assertThat(registerIncoming("Tre").id().number()).isEqualTo(3);
        }
    }

    @Nested
    @DisplayName("desk (presa in carico, rifiuto)")
    class Desk {
        private final Actor tributi = Actor.of("anna.neri", "Anna Neri, ufficio tributi");

        @BeforeEach
        void requireDesk() {
            requireCapability(Capability.DESK);
        }

        private Registration assignedTo(String oggetto, Assignment... assignments) throws IOException {
            RegistrationRequest.Builder b = incoming(REGISTER, oggetto);
            for (Assignment a : assignments) b.assign(a);
            return registry.register(b.build()).registration();
        }

        @Test
        @Tag("MRM-DESK-01")
        @DisplayName("MRM-DESK-01 taking in charge records who and when on the office's assignment, audited, protected fields untouched")
        void MRM_DESK_01_takeInCharge() throws IOException {
            Registration r = assignedTo("Istanza di rimborso", Assignment.competenza("UFF-TRIB"), Assignment.conoscenza("SEGRETERIA"));
            clock.set("2025-03-14T10:15:30.250Z");
            Registration taken = registry.takeInCharge(r.id(), "UFF-TRIB", tributi);
            Assignment.PresaInCarico presa = new Assignment.PresaInCarico(tributi, Instant.parse("2025-03-14T10:15:30.250Z"));
            assertThat(taken.assignments()).containsExactly(Assignment.competenza("UFF-TRIB").takenBy(presa.by(), presa.at()),
                    Assignment.conoscenza("SEGRETERIA"));
            assertThat(taken.assignmentOf("UFF-TRIB").orElseThrow().presaInCarico()).contains(presa);
            assertThat(taken.classification()).isEqualTo(r.classification());
            assertProtectedUnchanged(taken, r);
            assertThat(registry.find(r.id())).contains(taken);
            AuditEntry last = registry.audit(r.id()).get(registry.audit(r.id()).size() - 1);
            assertThat(last.action()).isEqualTo(AuditEntry.Action.TAKEN_IN_CHARGE);
            assertThat(last.actor()).isEqualTo(tributi);
            assertThat(last.at()).isEqualTo(presa.at());
            assertThat(last.after()).contains("UFF-TRIB");
        }

        @Test
        @Tag("MRM-DESK-01")
        @DisplayName("MRM-DESK-01 taking in charge again changes nothing: the first who and when stay, one audit entry")
        void MRM_DESK_01_idempotent() throws IOException {
            Registration r = assignedTo("Istanza", Assignment.competenza("UFF-TRIB"));
            Registration first = registry.takeInCharge(r.id(), "UFF-TRIB", tributi);
            clock.advance(Duration.ofHours(2));
            Registration again = registry.takeInCharge(r.id(), "UFF-TRIB", Actor.of("luca.bianchi", "Luca Bianchi"));
            assertThat(again).isEqualTo(first);
            assertThat(registry.find(r.id())).contains(first);
            assertThat(registry.audit(r.id())).filteredOn(e -> e.action() == AuditEntry.Action.TAKEN_IN_CHARGE).hasSize(1);
        }

        @Test
        @Tag("MRM-DESK-01")
        @DisplayName("MRM-DESK-01 an office without an assignment gets NOT_ASSIGNED, an annulled registration ANNULLED, an unknown one NOT_FOUND")
        void MRM_DESK_01_refusals() throws IOException {
            Registration r = assignedTo("Istanza", Assignment.competenza("UFF-TRIB"));
            assertReason(() -> registry.takeInCharge(r.id(), "UFF-TEC", tributi), RegistryException.Reason.NOT_ASSIGNED);
            assertReason(() -> registry.rejectAssignment(r.id(), "UFF-TEC", "non nostro", "PROTOCOLLO", tributi),
                    RegistryException.Reason.NOT_ASSIGNED);
            ProtocolId missing = ProtocolId.of(REGISTER, 2025, 999);
            assertReason(() -> registry.takeInCharge(missing, "UFF-TRIB", tributi), RegistryException.Reason.NOT_FOUND);
            assertReason(() -> registry.rejectAssignment(missing, "UFF-TRIB", "non nostro", "PROTOCOLLO", tributi),
                    RegistryException.Reason.NOT_FOUND);
            registry.annul(r.id(), annulment());
            Registration annulled = registry.find(r.id()).orElseThrow();
            assertReason(() -> registry.takeInCharge(r.id(), "UFF-TRIB", tributi), RegistryException.Reason.ANNULLED);
            assertReason(() -> registry.rejectAssignment(r.id(), "UFF-TRIB", "non nostro", "PROTOCOLLO", tributi),
                    RegistryException.Reason.ANNULLED);
            assertThat(registry.find(r.id())).contains(annulled);
            assertThat(registry.audit(r.id())).extracting(AuditEntry::action)
                    .doesNotContain(AuditEntry.Action.TAKEN_IN_CHARGE, AuditEntry.Action.ASSIGNMENT_REJECTED);
        }

        @Test
        @Tag("MRM-DESK-01")
        @DisplayName("MRM-DESK-01 a rifiuto moves the registration to the protocol office's desk, with the reason and both assignments in the audit trail")
        void MRM_DESK_01_rejection() throws IOException {
            Registration r = assignedTo("Segnalazione", Assignment.competenza("UFF-TRIB"), Assignment.conoscenza("SEGRETERIA"));
            clock.set("2025-03-14T11:00:00Z");
            Registration back = registry.rejectAssignment(r.id(), "UFF-TRIB", "non di competenza del servizio tributi", "PROTOCOLLO", tributi);
            assertThat(back.assignments()).extracting(Assignment::office).containsExactlyInAnyOrder("SEGRETERIA", "PROTOCOLLO");
            assertThat(back.assignmentOf("PROTOCOLLO")).contains(Assignment.competenza("PROTOCOLLO"));
            assertProtectedUnchanged(back, r);
            assertThat(registry.find(r.id())).contains(back);
            assertThat(registry.desk("UFF-TRIB", 10)).isEmpty();
            assertThat(registry.desk("PROTOCOLLO", 10)).extracting(Registration::id).containsExactly(r.id());
            AuditEntry last = registry.audit(r.id()).get(registry.audit(r.id()).size() - 1);
            assertThat(last.action()).isEqualTo(AuditEntry.Action.ASSIGNMENT_REJECTED);
            assertThat(last.actor()).isEqualTo(tributi);
            assertThat(last.at()).isEqualTo(Instant.parse("2025-03-14T11:00:00Z"));
            assertThat(last.before().orElseThrow()).contains("UFF-TRIB:competenza");
            assertThat(last.after().orElseThrow()).contains("PROTOCOLLO:competenza").doesNotContain("UFF-TRIB")
                    .endsWith(" — non di competenza del servizio tributi");
        }

        @Test
        @Tag("MRM-DESK-01")
        @DisplayName("MRM-DESK-01 a rifiuto to an office already assigned keeps that office's assignment as it is")
        void MRM_DESK_01_rejectionToAssignedOffice() throws IOException {
            Registration r = assignedTo("Segnalazione", Assignment.competenza("UFF-TRIB"), Assignment.conoscenza("PROTOCOLLO"));
            Registration back = registry.rejectAssignment(r.id(), "UFF-TRIB", "errata assegnazione", "PROTOCOLLO", tributi);
            assertThat(back.assignments()).containsExactly(Assignment.conoscenza("PROTOCOLLO"));
        }

        @Test
        @Tag("MRM-DESK-01")
        @DisplayName("MRM-DESK-01 an office that took the registration in charge can no longer send it back (ALREADY_TAKEN)")
        void MRM_DESK_01_alreadyTaken() throws IOException {
            Registration r = assignedTo("Istanza", Assignment.competenza("UFF-TRIB"));
            Registration taken = registry.takeInCharge(r.id(), "UFF-TRIB", tributi);
            assertReason(() -> registry.rejectAssignment(r.id(), "UFF-TRIB", "ripensamento", "PROTOCOLLO", tributi),
                    RegistryException.Reason.ALREADY_TAKEN);
            assertThat(registry.find(r.id())).contains(taken);
            assertThat(registry.audit(r.id())).extracting(AuditEntry::action).doesNotContain(AuditEntry.Action.ASSIGNMENT_REJECTED);
        }

        @Test
        @Tag("MRM-DESK-01")
        @DisplayName("MRM-DESK-01 a desk lists what waits for the office, oldest first, without what it took in charge or what was annulled")
        void MRM_DESK_01_deskOrder() throws IOException {
            Registration first = assignedTo("Prima", Assignment.competenza("UFF-TRIB"));
            clock.advance(Duration.ofMinutes(1));
            Registration taken = assignedTo("Presa", Assignment.competenza("UFF-TRIB"));
            clock.advance(Duration.ofMinutes(1));
            Registration annulled = assignedTo("Annullata", Assignment.competenza("UFF-TRIB"));
            clock.advance(Duration.ofMinutes(1));
            assignedTo("Altrui", Assignment.competenza("UFF-TEC"));
            clock.advance(Duration.ofMinutes(1));
            Registration informed = assignedTo("Per conoscenza", Assignment.conoscenza("UFF-TRIB"));
            clock.advance(Duration.ofMinutes(1));
            Registration later = registerIncoming("Assegnata dopo");
            registry.update(later.id(), OPERATOR, Change.assign(Assignment.competenza("UFF-TRIB")));
            registry.takeInCharge(taken.id(), "UFF-TRIB", tributi);
            registry.annul(annulled.id(), annulment());
            assertThat(registry.desk("UFF-TRIB", 10)).extracting(Registration::id).containsExactly(first.id(), informed.id(), later.id());
            assertThat(registry.desk("UFF-TRIB", 2)).extracting(Registration::id).containsExactly(first.id(), informed.id());
            assertThat(registry.desk("UFF-NESSUNO", 10)).isEmpty();
        }

        @Test
        @Tag("MRM-DESK-01")
        @DisplayName("MRM-DESK-01 other changes keep the presa in carico; assigning the same office again puts it back on the desk")
        void MRM_DESK_01_updatesKeepPresa() throws IOException {
            Registration r = assignedTo("Istanza", Assignment.competenza("UFF-TRIB"), Assignment.conoscenza("SEGRETERIA"));
            Registration taken = registry.takeInCharge(r.id(), "UFF-TRIB", tributi);
            Registration classified = registry.update(r.id(), OPERATOR, Change.classify(Classification.of("VII.2")),
                    Change.unassign("SEGRETERIA"));
            assertThat(classified.assignments()).containsExactly(taken.assignmentOf("UFF-TRIB").orElseThrow());
            assertThat(registry.find(r.id()).orElseThrow().assignmentOf("UFF-TRIB").orElseThrow().taken()).isTrue();
            Registration reassigned = registry.update(r.id(), OPERATOR, Change.assign(Assignment.competenza("UFF-TRIB").toPerson("mario.verdi")));
            assertThat(reassigned.assignmentOf("UFF-TRIB").orElseThrow().taken()).isFalse();
            assertThat(registry.find(r.id())).contains(reassigned);
            assertThat(registry.desk("UFF-TRIB", 10)).extracting(Registration::id).containsExactly(r.id());
        }
    }

    /** Fails unless {@code call} throws a RegistryException with {@code reason}. */
    private static void assertReason(ThrowingCallable call, RegistryException.Reason reason) {
        assertThatThrownBy(call).isInstanceOf(RegistryException.class).satisfies(t -> assertThat(reasonOf(t)).isEqualTo(reason));
    }

    @Nested
    @DisplayName("mailroom state (intake journal, outbox, leases)")
    class Mailroom {
        private static final String BOX = "protocollo@pec.comune.example.it";
        private MailroomState state;

        @BeforeEach
        void requireMailroom() {
            requireCapability(Capability.MAILROOM);
            state = registry.mailroom().orElseThrow(() -> new AssertionError("declares MAILROOM but mailroom() is empty"));
        }

        private IntakeEntry intake(String mailbox, String key, IntakeEntry.Outcome outcome, Instant at, int attempts) {
            return new IntakeEntry(mailbox, IdempotencyKey.of(key), Optional.of("<" + key + "@pec.example.it>"), "posta-certificata",
                    Optional.of("mario.rossi@pec.example.it"), Optional.of("Istanza " + key), outcome, Optional.empty(),
                    List.of("MRM-EXACT-01 line one\nline two", "ragione: con due punti"), "INBOX.pec4j." + outcome.name().toLowerCase(Locale.ROOT),
                    at, attempts);
        }

        private OutboxEntry mail(String id, Optional<ProtocolId> registration, Instant createdAt) {
            return OutboxEntry.pending(id, OutboxEntry.Kind.NOTIFICATION, BOX, "tributi@comune.example.it", registration,
                    Optional.of("UFF-TRIB"), "Assegnazione " + id, "Vi e' stato assegnato un documento.\n", true, Optional.empty(),
                    "<" + id.replace(':', '.') + "@pec4j.example>", createdAt);
        }

        @Test
        @Tag("MRM-EXACT-01")
        @DisplayName("MRM-EXACT-01 the intake journal keeps one committed outcome per mailbox and key, replaced when the message is processed again")
        void MRM_EXACT_01_journalReplaces() throws IOException {
            Instant t0 = Instant.parse("2025-03-14T09:00:00.123Z");
            IntakeEntry error = intake(BOX, "msg:k1", IntakeEntry.Outcome.ERROR, t0, 1);
            assertThat(state.recordIntake(error)).isEqualTo(error);
            assertThat(state.intake(BOX, IdempotencyKey.of("msg:k1"))).contains(error);
            assertThat(state.intakes(BOX, IntakeEntry.Outcome.ERROR, 0, 10)).containsExactly(error);
            ProtocolId id = registerIncoming("Istanza").id();
            IntakeEntry registered = new IntakeEntry(BOX, IdempotencyKey.of("msg:k1"), Optional.empty(), "posta-certificata", Optional.empty(),
                    Optional.empty(), IntakeEntry.Outcome.REGISTERED, Optional.of(id), List.of(), "INBOX.pec4j.done", t0.plusSeconds(60), 2);
            assertThat(state.recordIntake(registered)).isEqualTo(registered);
            assertThat(state.intake(BOX, IdempotencyKey.of("msg:k1"))).contains(registered);
            assertThat(state.intakes(BOX, IntakeEntry.Outcome.ERROR, 0, 10)).isEmpty();
            assertThat(state.intakes(BOX, IntakeEntry.Outcome.REGISTERED, 0, 10)).containsExactly(registered);
            IntakeEntry otherBox = intake("altro@pec.comune.example.it", "msg:k1", IntakeEntry.Outcome.QUARANTINED, t0, 1);
            state.recordIntake(otherBox);
            assertThat(state.intake(BOX, IdempotencyKey.of("msg:k1"))).as("another mailbox's entry is its own").contains(registered);
            assertThat(state.intake("altro@pec.comune.example.it", IdempotencyKey.of("msg:k1"))).contains(otherBox);
            assertThat(state.intake(BOX, IdempotencyKey.of("msg:unknown"))).isEmpty();
        }

        @Test
        @Tag("MRM-GROUP-01")
        @DisplayName("MRM-GROUP-01 a group's entries and mail recorded in one call: entries stored in order (a key twice: the later), mail queued once")
        void MRM_GROUP_01_recordIntakes() throws IOException {
            Instant t0 = Instant.parse("2025-03-14T09:00:00.123456789Z");
            ProtocolId id = registerIncoming("Istanza").id();
            OutboxEntry queued = state.enqueue(mail("notify:" + id + ":UFF-TRIB", Optional.of(id), t0));
            state.markSent(queued.id(), t0.plusSeconds(1));
            OutboxEntry sent = state.outboxEntry(queued.id()).orElseThrow();
            OutboxEntry reply = mail("reply:msg:g2", Optional.empty(), t0);
            IntakeEntry first = intake(BOX, "msg:g1", IntakeEntry.Outcome.QUARANTINED, t0, 1);
            IntakeEntry second = intake(BOX, "msg:g2", IntakeEntry.Outcome.REFUSED, t0.plusMillis(1), 1);
            IntakeEntry again = intake(BOX, "msg:g1", IntakeEntry.Outcome.ERROR, t0.plusMillis(2), 2);

            List<IntakeEntry> stored = state.recordIntakes(List.of(first, second, again), List.of(mail(queued.id(), Optional.of(id), t0.plusSeconds(9)), reply));

            assertThat(stored).containsExactly(first, second, again);
            assertThat(state.intake(BOX, IdempotencyKey.of("msg:g1"))).as("the later entry of a key replaces the earlier").contains(again);
            assertThat(state.intake(BOX, IdempotencyKey.of("msg:g2"))).contains(second);
            assertThat(state.outboxEntry(queued.id())).as("a mail already queued (and sent) stays as it is").contains(sent);
            assertThat(state.outboxEntry(reply.id())).contains(reply);
            assertThat(state.recordIntakes(List.of(), List.of())).isEmpty();
        }

        @Test
        @Tag("MRM-EXACT-01")
        @DisplayName("MRM-EXACT-01 a queue lists one mailbox's entries of one outcome, oldest first (time, then key), a page at a time")
        void MRM_EXACT_01_journalQueues() throws IOException {
            Instant t1 = Instant.parse("2025-03-14T09:00:00Z");
            Instant t2 = t1.plusMillis(1);
            IntakeEntry b = state.recordIntake(intake(BOX, "k-b", IntakeEntry.Outcome.QUARANTINED, t2, 1));
            IntakeEntry z = state.recordIntake(intake(BOX, "k-z", IntakeEntry.Outcome.QUARANTINED, t1, 1));
            IntakeEntry a = state.recordIntake(intake(BOX, "k-a", IntakeEntry.Outcome.QUARANTINED, t2, 1));
            state.recordIntake(intake(BOX, "k-c", IntakeEntry.Outcome.ERROR, t1, 1));
            state.recordIntake(intake("altro@pec.comune.example.it", "k-d", IntakeEntry.Outcome.QUARANTINED, t1, 1));
            assertThat(state.intakes(BOX, IntakeEntry.Outcome.QUARANTINED, 0, 10)).containsExactly(z, a, b);
            assertThat(state.intakes(BOX, IntakeEntry.Outcome.QUARANTINED, 1, 1)).containsExactly(a);
            assertThat(state.intakes(BOX, IntakeEntry.Outcome.QUARANTINED, 3, 10)).isEmpty();
            assertThat(state.intakes(BOX, IntakeEntry.Outcome.REFUSED, 0, 10)).isEmpty();
        }

        @Test
        @Tag("MRM-NOTIF-02")
        @DisplayName("MRM-NOTIF-02 queuing a mail again keeps the first entry: it is never sent twice")
        void MRM_NOTIF_02_enqueueTwice() throws IOException {
            ProtocolId id = registerIncoming("Istanza").id();
            OutboxEntry first = mail("notify:" + id + ":UFF-TRIB", Optional.of(id), clock.instant());
            assertThat(state.enqueue(first)).isEqualTo(first);
            state.markFailed(first.id(), "451 4.3.0 try again later", Optional.of(clock.instant().plusSeconds(60)));
            OutboxEntry afterFailure = state.outboxEntry(first.id()).orElseThrow();
            OutboxEntry second = OutboxEntry.pending(first.id(), OutboxEntry.Kind.REPLY, BOX, "altro@example.it", Optional.empty(),
                    Optional.empty(), "Altro", "Altro testo", false, Optional.of("<x@y>"), "<other@pec4j.example>", clock.instant().plusSeconds(5));
            assertThat(state.enqueue(second)).isEqualTo(afterFailure);
            assertThat(state.outboxEntry(first.id())).contains(afterFailure);
            assertThat(state.outbox(id)).containsExactly(afterFailure);
            assertThat(state.outboxEntry("notify:unknown")).isEmpty();
        }

        @Test
        @Tag("MRM-NOTIF-02")
        @Timeout(value = 5, unit = TimeUnit.MINUTES)
        @DisplayName("MRM-NOTIF-02 the same mail queued by 8 threads at once is stored once, and every thread gets that entry")
        void MRM_NOTIF_02_concurrentEnqueue() throws Exception {
            ProtocolId id = registerIncoming("Istanza").id();
            int threads = concurrentThreads();
            for (int round = 0; round < concurrencyRounds(); round++) {
                String office = "UFF-" + round;
                String mailId = "notify:" + id + ":" + office;
                List<OutboxEntry> returned = Collections.synchronizedList(new ArrayList<>());
                race(threads, Duration.ofMinutes(2), thread -> returned.add(state.enqueue(OutboxEntry.pending(mailId,
                        OutboxEntry.Kind.NOTIFICATION, BOX, "t" + thread + "@comune.example.it", Optional.of(id), Optional.of(office),
                        "Assegnazione", "thread " + thread, false, Optional.empty(), "<" + thread + "." + mailId.replace(':', '.') + "@pec4j.example>",
                        Instant.parse("2025-03-14T09:00:00Z").plusMillis(thread)))));
                OutboxEntry stored = state.outboxEntry(mailId).orElseThrow();
                assertThat(returned).as("MRM-NOTIF-02 round " + (round + 1)).hasSize(threads).containsOnly(stored);
            }
            assertThat(state.outbox(id)).hasSize(concurrencyRounds());
        }

        @Test
        @Tag("MRM-NOTIF-02")
        @DisplayName("MRM-NOTIF-02 due lists pending mail whose time has come, oldest first; a failure waits for its retry or gives up; a sent mail stays sent")
        void MRM_NOTIF_02_dueSentFailed() throws IOException {
            ProtocolId id = registerIncoming("Istanza").id();
            Instant t0 = Instant.parse("2025-03-14T09:00:00Z");
            OutboxEntry e3 = state.enqueue(mail("n3", Optional.of(id), t0.plusSeconds(2)));
            OutboxEntry e1 = state.enqueue(mail("n1", Optional.of(id), t0));
            OutboxEntry e2 = state.enqueue(mail("n2", Optional.empty(), t0.plusSeconds(1)));
            assertThat(state.due(t0.plusSeconds(5), 10)).containsExactly(e1, e2, e3);
            assertThat(state.due(t0.plusSeconds(5), 2)).containsExactly(e1, e2);
            assertThat(state.due(t0, 10)).as("nextAttemptAt <= now").containsExactly(e1);
            assertThat(state.outbox(id)).containsExactly(e1, e3);

            OutboxEntry sent = state.markSent("n1", t0.plusSeconds(3));
            assertThat(sent.state()).isEqualTo(OutboxEntry.State.SENT);
            assertThat(sent.sentAt()).contains(t0.plusSeconds(3));
            assertThat(state.markSent("n1", t0.plusSeconds(30))).as("marking a sent mail again changes nothing").isEqualTo(sent);
            assertThat(state.markFailed("n1", "late failure", Optional.empty())).as("a sent mail stays sent").isEqualTo(sent);

            Instant retryAt = t0.plus(Duration.ofMinutes(10));
            OutboxEntry retry = state.markFailed("n2", "451 4.3.0 try again later", Optional.of(retryAt));
            assertThat(retry.state()).isEqualTo(OutboxEntry.State.PENDING);
            assertThat(retry.attempts()).isEqualTo(1);
            assertThat(retry.lastError()).contains("451 4.3.0 try again later");
            assertThat(retry.nextAttemptAt()).contains(retryAt);
            OutboxEntry gaveUp = state.markFailed("n3", "550 5.1.1 user unknown", Optional.empty());
            assertThat(gaveUp.state()).isEqualTo(OutboxEntry.State.FAILED);
            assertThat(gaveUp.attempts()).isEqualTo(1);

            assertThat(state.due(t0.plusSeconds(5), 10)).isEmpty();
            assertThat(state.due(retryAt.minusMillis(1), 10)).isEmpty();
            assertThat(state.due(retryAt, 10)).containsExactly(retry);
            assertThat(state.due(retryAt.plus(Duration.ofDays(365)), 10)).containsExactly(retry);
            assertThat(state.outboxEntry("n1")).contains(sent);
            assertThat(state.outboxEntry("n3")).contains(gaveUp);
            assertReason(() -> state.markSent("n-unknown", t0), RegistryException.Reason.NOT_FOUND);
            assertReason(() -> state.markFailed("n-unknown", "x", Optional.empty()), RegistryException.Reason.NOT_FOUND);
        }

        @Test
        @Tag("OUT-DUE-01")
        @DisplayName("OUT-DUE-01 due by kind and sender: a backlog of letters, or of another box, never hides the mail asked for")
        void OUT_DUE_01_dueByKindAndSender() throws IOException {
            Instant t0 = Instant.parse("2025-03-14T09:00:00Z");
            String otherBox = "protocollo@pec.altro-comune.example.it";
            for (int i = 0; i < 30; i++) {
                state.enqueue(OutboxEntry.pending("letter-" + i, OutboxEntry.Kind.LETTER, BOX, "regione@pec.example.it", Optional.empty(),
                        Optional.empty(), "Lettera " + i, "", true, Optional.empty(), "<letter." + i + "@pec4j.example>", t0.plusMillis(i)));
                state.enqueue(OutboxEntry.pending("other-" + i, OutboxEntry.Kind.NOTIFICATION, otherBox, "uff@altro.example.it",
                        Optional.empty(), Optional.of("UFF"), "Assegnazione " + i, "", false, Optional.empty(), "<other." + i + "@pec4j.example>",
                        t0.plusMillis(i)));
            }
            OutboxEntry notice = state.enqueue(mail("notify-late", Optional.empty(), t0.plusSeconds(1)));
            OutboxEntry reply = state.enqueue(OutboxEntry.pending("reply-late", OutboxEntry.Kind.REPLY, BOX.toUpperCase(Locale.ROOT),
                    "mario.rossi@example.org", Optional.empty(), Optional.empty(), "Messaggio rifiutato dal sistema.", "", false,
                    Optional.empty(), "<reply.late@pec4j.example>", t0.plusSeconds(2)));
            Instant now = t0.plusSeconds(5);
            Set<OutboxEntry.Kind> mailroom = EnumSet.of(OutboxEntry.Kind.NOTIFICATION, OutboxEntry.Kind.REPLY, OutboxEntry.Kind.CONFERMA);
            assertThat(state.due(now, 10)).as("the plain list is the 10 oldest of every kind and box").hasSize(10)
                    .doesNotContain(notice, reply);
            assertThat(state.due(now, 10, mailroom, Set.of(BOX))).as("OUT-DUE-01 the mailroom's own, sender ignoring case")
                    .containsExactly(notice, reply);
            assertThat(state.due(now, 1, mailroom, Set.of(BOX))).containsExactly(notice);
            assertThat(state.due(now, 5, EnumSet.of(OutboxEntry.Kind.LETTER), Set.of(BOX.toUpperCase(Locale.ROOT))))
                    .extracting(OutboxEntry::id).containsExactly("letter-0", "letter-1", "letter-2", "letter-3", "letter-4");
            assertThat(state.due(now, 100, EnumSet.of(OutboxEntry.Kind.NOTIFICATION), Set.of(otherBox))).hasSize(30)
                    .allMatch(e -> e.from().equals(otherBox));
            assertThat(state.due(t0, 10, mailroom, Set.of(BOX))).as("nextAttemptAt <= now still holds").isEmpty();
        }

        @Test
        @Tag("MRM-NODE-01")
        @DisplayName("MRM-NODE-01 a lease is held by one node at a time; its holder renews it and keeps its token")
        void MRM_NODE_01_leaseExclusive() throws IOException {
            String name = "imap:" + BOX;
            clock.set("2025-03-14T09:00:00Z");
            MailboxLease a = state.acquire(name, "node-a", Duration.ofSeconds(30)).orElseThrow();
            assertThat(a.holder()).isEqualTo("node-a");
            assertThat(a.expiresAt()).isEqualTo(Instant.parse("2025-03-14T09:00:30Z"));
            assertThat(state.acquire(name, "node-b", Duration.ofSeconds(30))).isEmpty();
            clock.advance(Duration.ofSeconds(20));
            MailboxLease renewed = state.acquire(name, "node-a", Duration.ofSeconds(30)).orElseThrow();
            assertThat(renewed.token()).isEqualTo(a.token());
            assertThat(renewed.expiresAt()).isEqualTo(Instant.parse("2025-03-14T09:00:50Z"));
            clock.advance(Duration.ofSeconds(20)); // past the first expiry, within the renewed one
            assertThat(state.acquire(name, "node-b", Duration.ofSeconds(30))).isEmpty();
            assertThat(state.acquire("imap:altro@pec.comune.example.it", "node-b", Duration.ofSeconds(30)))
                    .as("leases of other mailboxes are separate").isPresent();
        }

        @Test
        @Tag("MRM-NODE-01")
        @DisplayName("MRM-NODE-01 an expired lease is taken over with a larger token, and its old holder can no longer renew it")
        void MRM_NODE_01_leaseTakeover() throws IOException {
            String name = "imap:" + BOX;
            MailboxLease a = state.acquire(name, "node-a", Duration.ofSeconds(30)).orElseThrow();
            clock.advance(Duration.ofSeconds(29));
            assertThat(state.acquire(name, "node-b", Duration.ofSeconds(30))).isEmpty();
            clock.advance(Duration.ofSeconds(1)); // the holder died: its lease lapses at expiresAt
            MailboxLease b = state.acquire(name, "node-b", Duration.ofSeconds(30)).orElseThrow();
            assertThat(b.token()).isGreaterThan(a.token());
            assertThat(state.acquire(name, "node-a", Duration.ofSeconds(30))).isEmpty();
            clock.advance(Duration.ofSeconds(31));
            MailboxLease back = state.acquire(name, "node-a", Duration.ofSeconds(30)).orElseThrow();
            assertThat(back.token()).isGreaterThan(b.token());
        }

        @Test
        @Tag("MRM-NODE-01")
        @DisplayName("MRM-NODE-01 releasing needs the holder and its token: a stale lease releases nothing")
        void MRM_NODE_01_leaseRelease() throws IOException {
            String name = "imap:" + BOX;
            MailboxLease a = state.acquire(name, "node-a", Duration.ofSeconds(30)).orElseThrow();
            state.release(new MailboxLease(name, "node-b", a.token(), a.expiresAt()));
            state.release(new MailboxLease(name, "node-a", a.token() + 1, a.expiresAt()));
            assertThat(state.acquire(name, "node-b", Duration.ofSeconds(30))).isEmpty();
            state.release(a);
            MailboxLease b = state.acquire(name, "node-b", Duration.ofSeconds(30)).orElseThrow();
            assertThat(b.token()).isGreaterThan(a.token());
            state.release(a); // node-a's stale release after node-b took over
            assertThat(state.acquire(name, "node-c", Duration.ofSeconds(30))).isEmpty();
        }

        @Test
        @Tag("MRM-NODE-01")
        @Timeout(value = 5, unit = TimeUnit.MINUTES)
        @DisplayName("MRM-NODE-01 8 nodes racing for a free lease: exactly one gets it")
        void MRM_NODE_01_leaseRace() throws Exception {
            int threads = concurrentThreads();
            for (int round = 0; round < concurrencyRounds(); round++) {
                String name = "imap:race-" + round + "@pec.comune.example.it";
                List<MailboxLease> won = Collections.synchronizedList(new ArrayList<>());
                race(threads, Duration.ofMinutes(2), thread -> state.acquire(name, "node-" + thread, Duration.ofMinutes(1)).ifPresent(won::add));
                assertThat(won).as("MRM-NODE-01 round " + (round + 1)).hasSize(1);
            }
        }

        @Test
        @Tag("MRM-EXACT-01")
        @Tag("MRM-NODE-01")
        @DisplayName("MRM-EXACT-01 a persistent registry keeps the journal, the outbox, the leases and the presa in carico across a restart")
        void MRM_EXACT_01_survivesRestart() throws Exception {
            requireCapability(Capability.PERSISTENT);
            IntakeEntry entry = state.recordIntake(intake(BOX, "msg:durable", IntakeEntry.Outcome.QUARANTINED, clock.instant(), 1));
            OutboxEntry mail = state.enqueue(mail("notify:durable", Optional.empty(), clock.instant()));
            MailboxLease lease = state.acquire("imap:" + BOX, "node-a", Duration.ofMinutes(1)).orElseThrow();
            Optional<Registration> taken = Optional.empty();
            if (registry.capabilities().contains(Capability.DESK)) {
                Registration r = registry.register(incoming(REGISTER, "Presa").assign(Assignment.competenza("UFF-TRIB")).build()).registration();
                taken = Optional.of(registry.takeInCharge(r.id(), "UFF-TRIB", OPERATOR));
            }
            registry.close();
            registry = null;
            registry = reopenRegistry(clock);
            MailroomState reopened = registry.mailroom().orElseThrow();
            assertThat(reopened.intake(BOX, entry.key())).contains(entry);
            assertThat(reopened.outboxEntry(mail.id())).contains(mail);
            assertThat(reopened.acquire("imap:" + BOX, "node-b", Duration.ofMinutes(1))).isEmpty();
            assertThat(reopened.acquire("imap:" + BOX, "node-a", Duration.ofMinutes(1)).orElseThrow().token()).isEqualTo(lease.token());
            if (taken.isPresent()) assertThat(registry.find(taken.get().id())).isEqualTo(taken);
        }
    }

    @Nested
    @DisplayName("sent Message-IDs")
    class SentMessageIds {
        @Test
        @DisplayName("findBySentMessageId finds the outgoing registration by its SENT event's Message-ID, with or without angle brackets")
        void findsSent() throws IOException {
            requireCapability(Capability.TRANSMISSIONS);
            Registration a = registry.register(outgoing(REGISTER, "Primo invio").build()).registration();
            Registration b = registry.register(outgoing(REGISTER, "Secondo invio").build()).registration();
            Instant t0 = Instant.parse("2025-03-14T09:00:01Z");
            registry.recordTransmission(a.id(), TransmissionEvent.of(TransmissionEvent.Type.SENT, Optional.empty(), t0)
                    .withMsgid("<opec.a.1@pec.comune.example.it>"), Optional.empty(), OPERATOR);
            registry.recordTransmission(b.id(), TransmissionEvent.of(TransmissionEvent.Type.SENT, Optional.empty(), t0)
                    .withMsgid("opec.b.2@pec.comune.example.it"), Optional.empty(), OPERATOR);
            registry.recordTransmission(b.id(), TransmissionEvent.of(TransmissionEvent.Type.ACCETTAZIONE, Optional.empty(), t0.plusSeconds(1))
                    .withIdentificativo("opec.acc.1@pec.example").withMsgid("<quoted.only@pec.example>"), Optional.empty(), OPERATOR);
            assertThat(registry.findBySentMessageId("opec.a.1@pec.comune.example.it")).contains(a.id());
            assertThat(registry.findBySentMessageId("<opec.a.1@pec.comune.example.it>")).contains(a.id());
            assertThat(registry.findBySentMessageId("<opec.b.2@pec.comune.example.it>")).contains(b.id());
            assertThat(registry.findBySentMessageId(" opec.b.2@pec.comune.example.it ")).contains(b.id());
            assertThat(registry.findBySentMessageId("quoted.only@pec.example")).as("only SENT events count").isEmpty();
            assertThat(registry.findBySentMessageId("<unknown@pec.example>")).isEmpty();
        }
    }

    /** An input stream of {@code size} zero bytes, never held in memory. */
    private static final class ZeroStream extends InputStream {
        private long remaining;

        ZeroStream(long size) {
            this.remaining = size;
        }

        @Override
        public int read() {
            if (remaining <= 0) return -1;
            remaining--;
            return 0;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (remaining <= 0) return -1;
            int n = (int) Math.min(len, remaining);
            java.util.Arrays.fill(b, off, off + n, (byte) 0);
            remaining -= n;
            return n;
        }
    }
}
