package io.github.pec4j.registry.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.github.pec4j.registry.Actor;
import io.github.pec4j.registry.AnnulmentRequest;
import io.github.pec4j.registry.Assignment;
import io.github.pec4j.registry.AuditEntry;
import io.github.pec4j.registry.Capability;
import io.github.pec4j.registry.Change;
import io.github.pec4j.registry.DailyRegister;
import io.github.pec4j.registry.DailyRegisterFormat;
import io.github.pec4j.registry.DocumentRequest;
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
import io.github.pec4j.registry.tck.ProtocolRegistryCompatibilityKit;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * The kit is itself tested: registries broken in the ways real products break fail it, on exactly
 * the rules they break.
 */
class KitCatchesBrokenRegistriesTest {

    /** Runs the kit against {@code kitClass} and returns the display names of the failed tests. */
    private static List<String> failures(Class<?> kitClass) {
        return failedEvents(kitClass).stream()
                .map(Event::getTestDescriptor)
                .map(d -> d.getDisplayName())
                .toList();
    }

    private static List<Event> failedEvents(Class<?> kitClass) {
        return EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(kitClass))
                .execute()
                .testEvents()
                .failed()
                .list();
    }

    /** The failure message of the failed test whose display name starts with {@code prefix}. */
    private static String failureMessage(Class<?> kitClass, String prefix) {
        Event failed = failedEvents(kitClass).stream().filter(e -> e.getTestDescriptor().getDisplayName().startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no failed test starting with " + prefix));
        return failed.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable).map(Throwable::getMessage).orElse("");
    }

    @Test
    @DisplayName("REG-ANN-01 a registry that hands out an annulled number again fails the kit")
    void reusesAnnulledNumbers() {
        assertThat(failures(ReusesAnnulledNumbers.class))
                .anySatisfy(name -> assertThat(name).startsWith("REG-ANN-01 an annulled number is never reused"));
    }

    @Test
    @DisplayName("REG-NUM-02 a registry whose year follows UTC instead of Europe/Rome fails the kit")
    void utcYear() {
        assertThat(failures(UtcYear.class))
                .anySatisfy(name -> assertThat(name).startsWith("REG-NUM-02"));
    }

    @Test
    @DisplayName("REG-ATOM-01 a registry that burns a number when the segnatura fails fails the kit")
    void burnsNumbers() {
        assertThat(failures(BurnsNumberOnFailure.class))
                .anySatisfy(name -> assertThat(name).startsWith("REG-ATOM-01 a failing segnatura generator"));
    }

    @Test
    @DisplayName("REG-DUP-01 a registry that ignores idempotency keys fails the kit")
    void ignoresKeys() {
        assertThat(failures(IgnoresIdempotencyKeys.class))
                .anySatisfy(name -> assertThat(name).startsWith("REG-DUP-01 the same idempotency key"))
                .anySatisfy(name -> assertThat(name).startsWith("REG-DUP-01 the same key submitted by 8 threads"));
    }

    @Test
    @Tag("REG-DUP-02")
    @DisplayName("REG-DUP-02 a registry that ignores the fingerprint (another message under a known key is a 'duplicate') fails the kit on REG-DUP-02 only (and its batch form, REG-BATCH-03)")
    void ignoresFingerprint() {
        List<String> failed = failures(IgnoresFingerprint.class);
        assertThat(failed)
                .anySatisfy(name -> assertThat(name).startsWith("REG-DUP-02 the same key with different content is refused"))
                .anySatisfy(name -> assertThat(name).startsWith("REG-DUP-02 one key, two contents, 8 threads"))
                .allSatisfy(name -> assertThat(name).matches("(REG-DUP-02|REG-BATCH-03) .*"));
    }

    @Test
    @Tag("REG-NUM-03")
    @DisplayName("REG-NUM-03 a registry whose counter loses updates under concurrency fails the kit, with a short list of duplicates and gaps")
    void racyCounter() {
        String message = failureMessage(RacyCounter.class, "REG-NUM-03 concurrent registrations");
        assertThat(message).startsWith("REG-NUM-03 (after round ").contains("duplicates [").doesNotContain("duplicates none");
        assertThat(message.length()).as("a short diff, not thousands of numbers").isLessThan(600);
    }

    @Test
    @Tag("REG-IMM-01")
    @DisplayName("REG-IMM-01 a registry whose update rewrites the oggetto fails the kit")
    void rewritesOggetto() {
        assertThat(failures(RewritesOggetto.class))
                .anySatisfy(name -> assertThat(name).startsWith("REG-IMM-01 classification, assignments and fascicolo change"));
    }

    @Test
    @DisplayName("a registry that declares fewer capabilities and refuses their operations with UNSUPPORTED passes; one that performs them fails")
    void undeclaredCapabilities() {
        String test = "an operation needing a capability the registry does not declare fails with UNSUPPORTED";
        assertThat(failures(FewerCapabilities.class)).doesNotContain(test);
        assertThat(failures(FewerCapabilitiesButPerformsThem.class)).contains(test);
        assertThat(failureMessage(FewerCapabilitiesButPerformsThem.class, test))
                .contains("TRANSMISSIONS: succeeded", "FASCICOLI: succeeded", "SEARCH: succeeded", "DAILY_REGISTER: succeeded");
    }

    @Test
    @DisplayName("REG-DAY-01 a registry that re-renders the daily register from current data fails the kit")
    void rerendersDailyRegister() {
        assertThat(failures(RerendersDailyRegister.class))
                .anySatisfy(name -> assertThat(name).startsWith("REG-DAY-01 lists exactly"));
    }

    @Test
    @Tag("MRM-NOTIF-02")
    @DisplayName("MRM-NOTIF-02 a registry whose outbox overwrites a queued mail (it would be sent twice) fails the kit on MRM-NOTIF-02 (and the group's queuing) only")
    void outboxOverwrites() {
        List<String> failed = failures(OutboxOverwrites.class);
        assertThat(failed)
                .anySatisfy(name -> assertThat(name).startsWith("MRM-NOTIF-02 queuing a mail again keeps the first entry"))
                .anySatisfy(name -> assertThat(name).startsWith("MRM-NOTIF-02 the same mail queued by 8 threads"))
                .allSatisfy(name -> assertThat(name).matches("(MRM-NOTIF-02|MRM-GROUP-01|OUT-DUE-01) .*")); // what it keeps aside is never due
    }

    @Test
    @Tag("MRM-GROUP-01")
    @DisplayName("MRM-GROUP-01 a registry whose group recording stores the entries but drops the mail (never sent) fails the kit on MRM-GROUP-01 only")
    void groupDropsMail() {
        assertThat(failures(GroupDropsMail.class)).isNotEmpty().allSatisfy(name -> assertThat(name).startsWith("MRM-GROUP-01"));
    }

    @Test
    @Tag("OUT-DUE-01")
    @DisplayName("OUT-DUE-01 a registry whose due-by-kind list is the plain oldest-first list (a backlog hides the rest) fails the kit on OUT-DUE-01 only")
    void dueIgnoresKinds() {
        assertThat(failures(DueIgnoresKinds.class)).isNotEmpty().allSatisfy(name -> assertThat(name).startsWith("OUT-DUE-01"));
    }

    @Test
    @Tag("MRM-DESK-01")
    @DisplayName("MRM-DESK-01 a registry whose presa in carico is not idempotent (a second one overwrites who and when) fails the kit on MRM-DESK-01 only")
    void retakes() {
        List<String> failed = failures(RetakesInCharge.class);
        assertThat(failed)
                .anySatisfy(name -> assertThat(name).startsWith("MRM-DESK-01 taking in charge again changes nothing"))
                .allSatisfy(name -> assertThat(name).startsWith("MRM-DESK-01"));
    }

    @Test
    @DisplayName("the correct registry passes the same run")
    void correctPasses() {
        assertThat(failures(Correct.class)).isEmpty();
    }

    // ------------------------------------------------------------ the broken registries

    static class Correct extends ProtocolRegistryCompatibilityKit {
        @Override
        protected ProtocolRegistry createRegistry(Clock clock) {
            return MemoryRegistryProvider.create(clock);
        }
    }

    static class UtcYear extends ProtocolRegistryCompatibilityKit {
        @Override
        protected ProtocolRegistry createRegistry(Clock clock) {
            // Reads Rome's wall-clock as if it were UTC: the classic "year from the server clock" bug.
            return MemoryRegistryProvider.create(Clock.offset(clock, Duration.ofHours(-1)));
        }
    }

    static class ReusesAnnulledNumbers extends ProtocolRegistryCompatibilityKit {
        @Override
        protected ProtocolRegistry createRegistry(Clock clock) {
            Deque<ProtocolId> freed = new ArrayDeque<>();
            return new Decorator(MemoryRegistryProvider.create(clock)) {
                @Override
                public Registration annul(ProtocolId id, AnnulmentRequest request) throws IOException {
                    freed.push(id);
                    return super.annul(id, request);
                }

                @Override
                public RegistrationResult register(RegistrationRequest request) throws IOException {
                    RegistrationResult r = super.register(request);
                    if (freed.isEmpty()) return r;
                    Registration x = r.registration();
                    return new RegistrationResult(new Registration(freed.pop(), x.registeredAt(), x.direction(), x.channel(),
                            x.correspondents(), x.oggetto(), x.senderReference(), x.documents(), x.classification(), x.fascicolo(),
                            x.assignments(), x.annulment(), x.idempotencyKey(), x.receivedAt(), x.riservato(), x.registeredBy(),
                            x.emergency()), r.duplicate());
                }
            };
        }
    }

    static class BurnsNumberOnFailure extends ProtocolRegistryCompatibilityKit {
        @Override
        protected ProtocolRegistry createRegistry(Clock clock) {
            return new Decorator(MemoryRegistryProvider.create(clock)) {
                @Override
                public RegistrationResult register(RegistrationRequest request) throws IOException {
                    try {
                        return super.register(request);
                    } catch (RegistryException e) {
                        if (e.reason() == RegistryException.Reason.GENERATION_FAILED) {
                            // The number was taken before the segnatura failed, and is lost.
                            super.register(new RegistrationRequest(request.register(), request.direction(), request.channel(),
                                    request.correspondents(), "(numero bruciato)", Optional.empty(), request.documents(),
                                    request.classification(), Optional.empty(), List.of(), Optional.empty(), Optional.empty(), false,
                                    request.operator(), Optional.empty(), Optional.empty()));
                        }
                        throw e;
                    }
                }
            };
        }
    }

    static class IgnoresIdempotencyKeys extends ProtocolRegistryCompatibilityKit {
        @Override
        protected ProtocolRegistry createRegistry(Clock clock) {
            return new Decorator(MemoryRegistryProvider.create(clock)) {
                private int n;

                @Override
                public synchronized RegistrationResult register(RegistrationRequest request) throws IOException {
                    return super.register(request.withIdempotencyKey(IdempotencyKey.of("unique-" + n++)));
                }
            };
        }
    }

    static class IgnoresFingerprint extends ProtocolRegistryCompatibilityKit {
        @Override
        protected ProtocolRegistry createRegistry(Clock clock) {
            return new Decorator(MemoryRegistryProvider.create(clock)) {
                @Override
                public RegistrationResult register(RegistrationRequest request) throws IOException {
                    try {
                        return super.register(request);
                    } catch (RegistryException e) {
                        if (e.reason() != RegistryException.Reason.IDEMPOTENCY_CONFLICT) throw e;
                        // the pre-fingerprint behaviour: whatever came under a known key is "already registered"
                        return new RegistrationResult(findByIdempotencyKey(request.idempotencyKey().orElseThrow()).orElseThrow(), true);
                    }
                }
            };
        }
    }

    static class RacyCounter extends ProtocolRegistryCompatibilityKit {
        @Override
        protected ProtocolRegistry createRegistry(Clock clock) {
            return new Decorator(MemoryRegistryProvider.create(clock)) {
                private long last; // read, then written: two threads in between take the same number

                @Override
                public RegistrationResult register(RegistrationRequest request) throws IOException {
                    RegistrationResult r = super.register(request);
                    if (r.duplicate()) return r;
                    long number = last + 1;
                    Thread.yield();
                    last = number;
                    return new RegistrationResult(renumbered(r.registration(), number), false);
                }
            };
        }
    }

    static class RewritesOggetto extends ProtocolRegistryCompatibilityKit {
        @Override
        protected ProtocolRegistry createRegistry(Clock clock) {
            return new Decorator(MemoryRegistryProvider.create(clock)) {
                @Override
                public Registration update(ProtocolId id, List<Change> changes, Actor actor) throws IOException {
                    Registration x = super.update(id, changes, actor);
                    return new Registration(x.id(), x.registeredAt(), x.direction(), x.channel(), x.correspondents(), x.oggetto() + " (rettificato)",
                            x.senderReference(), x.documents(), x.classification(), x.fascicolo(), x.assignments(), x.annulment(), x.idempotencyKey(),
                            x.receivedAt(), x.riservato(), x.registeredBy(), x.emergency());
                }
            };
        }
    }

    private static final Set<Capability> FEWER = Set.of(Capability.DOCUMENT_CONTENT);

    static class FewerCapabilities extends ProtocolRegistryCompatibilityKit {
        @Override
        protected ProtocolRegistry createRegistry(Clock clock) {
            return new Decorator(MemoryRegistryProvider.create(clock)) {
                private RegistryException unsupported(Capability c) {
                    return new RegistryException(RegistryException.Reason.UNSUPPORTED, "no " + c);
                }

                @Override public Set<Capability> capabilities() { return FEWER; }
                @Override public TransmissionRecord recordTransmission(ProtocolId id, TransmissionEvent event, Optional<DocumentRequest> raw, Actor actor) throws IOException { throw unsupported(Capability.TRANSMISSIONS); }
                @Override public List<TransmissionRecord> transmissions(ProtocolId id) throws IOException { throw unsupported(Capability.TRANSMISSIONS); }
                @Override public Registration update(ProtocolId id, List<Change> changes, Actor actor) throws IOException {
                    if (changes.stream().anyMatch(c -> c instanceof Change.FileInto || c instanceof Change.RemoveFromFascicolo)) throw unsupported(Capability.FASCICOLI);
                    return super.update(id, changes, actor);
                }
                @Override public DailyRegister dailyRegister(RegisterId register, LocalDate day) throws IOException { throw unsupported(Capability.DAILY_REGISTER); }
                @Override public List<Registration> search(SearchQuery query) throws IOException { throw unsupported(Capability.SEARCH); }
                @Override public Registration takeInCharge(ProtocolId id, String office, Actor actor) throws IOException { throw unsupported(Capability.DESK); }
                @Override public Registration rejectAssignment(ProtocolId id, String office, String reason, String returnTo, Actor actor) throws IOException { throw unsupported(Capability.DESK); }
                @Override public Optional<MailroomState> mailroom() { return Optional.empty(); }
            };
        }
    }

    static class FewerCapabilitiesButPerformsThem extends ProtocolRegistryCompatibilityKit {
        @Override
        protected ProtocolRegistry createRegistry(Clock clock) {
            return new Decorator(MemoryRegistryProvider.create(clock)) {
                @Override public Set<Capability> capabilities() { return FEWER; }
            };
        }
    }

    private static Registration renumbered(Registration x, long number) {
        return new Registration(ProtocolId.of(x.id().register(), x.id().year(), number), x.registeredAt(), x.direction(), x.channel(),
                x.correspondents(), x.oggetto(), x.senderReference(), x.documents(), x.classification(), x.fascicolo(), x.assignments(),
                x.annulment(), x.idempotencyKey(), x.receivedAt(), x.riservato(), x.registeredBy(), x.emergency());
    }

    static class RerendersDailyRegister extends ProtocolRegistryCompatibilityKit {
        @Override
        protected ProtocolRegistry createRegistry(Clock clock) {
            return new Decorator(MemoryRegistryProvider.create(clock)) {
                @Override
                public DailyRegister dailyRegister(RegisterId register, LocalDate day) throws IOException {
                    // Renders from current data on every call instead of keeping the first export.
                    List<Registration> ofDay = search(SearchQuery.all().inRegister(register).page(0, SearchQuery.MAX_LIMIT)).stream()
                            .filter(r -> r.registrationDate().equals(day)).toList();
                    byte[] bytes = DailyRegisterFormat.render(register, day, ofDay);
                    super.dailyRegister(register, day); // keeps the day-closed check
                    return new DailyRegister(register, day, ofDay.stream().map(Registration::id).toList(), bytes,
                            Impronta.of(bytes), clock.instant());
                }
            };
        }
    }

    static class OutboxOverwrites extends ProtocolRegistryCompatibilityKit {
        @Override
        protected ProtocolRegistry createRegistry(Clock clock) {
            return new Decorator(MemoryRegistryProvider.create(clock)) {
                private final Map<String, OutboxEntry> outbox = new ConcurrentHashMap<>();

                @Override
                public Optional<MailroomState> mailroom() {
                    MailroomState real = super.mailroom().orElseThrow();
                    return Optional.of(new MailroomStateDecorator(real) {
                        @Override
                        public OutboxEntry enqueue(OutboxEntry entry) {
                            outbox.put(entry.id(), entry); // last writer wins: the first mail's content is lost, a second send follows
                            return entry;
                        }

                        @Override
                        public Optional<OutboxEntry> outboxEntry(String id) throws IOException {
                            return outbox.containsKey(id) ? Optional.of(outbox.get(id)) : real.outboxEntry(id);
                        }
                    });
                }
            };
        }
    }

    static class GroupDropsMail extends ProtocolRegistryCompatibilityKit {
        @Override
        protected ProtocolRegistry createRegistry(Clock clock) {
            return new Decorator(MemoryRegistryProvider.create(clock)) {
                @Override
                public Optional<MailroomState> mailroom() {
                    return Optional.of(new MailroomStateDecorator(super.mailroom().orElseThrow()) {
                        @Override
                        public List<IntakeEntry> recordIntakes(List<IntakeEntry> entries, List<OutboxEntry> mail) throws IOException {
                            return super.recordIntakes(entries, List.of()); // the entries only: the notifications are lost
                        }
                    });
                }
            };
        }
    }

    static class DueIgnoresKinds extends ProtocolRegistryCompatibilityKit {
        @Override
        protected ProtocolRegistry createRegistry(Clock clock) {
            return new Decorator(MemoryRegistryProvider.create(clock)) {
                @Override
                public Optional<MailroomState> mailroom() {
                    return Optional.of(new MailroomStateDecorator(super.mailroom().orElseThrow()) {
                        @Override
                        public List<OutboxEntry> due(Instant now, int limit, Set<OutboxEntry.Kind> kinds, Set<String> from) throws IOException {
                            return due(now, limit); // the oldest of every kind and box: the caller filters what is left
                        }
                    });
                }
            };
        }
    }

    static class RetakesInCharge extends ProtocolRegistryCompatibilityKit {
        @Override
        protected ProtocolRegistry createRegistry(Clock clock) {
            return new Decorator(MemoryRegistryProvider.create(clock)) {
                @Override
                public Registration takeInCharge(ProtocolId id, String office, Actor actor) throws IOException {
                    Registration before = find(id).orElse(null);
                    if (before != null && before.assignmentOf(office).map(Assignment::taken).orElse(false)) {
                        // a second presa in carico "moves" the first: who and when are overwritten
                        Assignment fresh = before.assignmentOf(office).orElseThrow().takenBy(actor, clock.instant());
                        return new Registration(before.id(), before.registeredAt(), before.direction(), before.channel(), before.correspondents(),
                                before.oggetto(), before.senderReference(), before.documents(), before.classification(), before.fascicolo(),
                                List.of(fresh), before.annulment(), before.idempotencyKey(), before.receivedAt(), before.riservato(),
                                before.registeredBy(), before.emergency());
                    }
                    return super.takeInCharge(id, office, actor);
                }
            };
        }
    }

    /** Delegates every operation of a mailroom state. */
    static class MailroomStateDecorator implements MailroomState {
        private final MailroomState delegate;

        MailroomStateDecorator(MailroomState delegate) {
            this.delegate = delegate;
        }

        @Override public IntakeEntry recordIntake(IntakeEntry entry) throws IOException { return delegate.recordIntake(entry); }
        @Override public Optional<IntakeEntry> intake(String mailbox, IdempotencyKey key) throws IOException { return delegate.intake(mailbox, key); }
        @Override public List<IntakeEntry> intakes(String mailbox, IntakeEntry.Outcome outcome, int offset, int limit) throws IOException { return delegate.intakes(mailbox, outcome, offset, limit); }
        @Override public OutboxEntry enqueue(OutboxEntry entry) throws IOException { return delegate.enqueue(entry); }
        @Override public Optional<OutboxEntry> outboxEntry(String id) throws IOException { return delegate.outboxEntry(id); }
        @Override public List<OutboxEntry> due(Instant now, int limit) throws IOException { return delegate.due(now, limit); }
        @Override public List<OutboxEntry> due(Instant now, int limit, Set<OutboxEntry.Kind> kinds, Set<String> from) throws IOException { return delegate.due(now, limit, kinds, from); }
        @Override public List<OutboxEntry> outbox(ProtocolId registration) throws IOException { return delegate.outbox(registration); }
        @Override public OutboxEntry markSent(String id, Instant at) throws IOException { return delegate.markSent(id, at); }
        @Override public OutboxEntry markFailed(String id, String error, Optional<Instant> retryAt) throws IOException { return delegate.markFailed(id, error, retryAt); }
        @Override public Optional<MailboxLease> acquire(String name, String holder, Duration ttl) throws IOException { return delegate.acquire(name, holder, ttl); }
        @Override public void release(MailboxLease lease) throws IOException { delegate.release(lease); }
    }

    /** Delegates everything; the broken registries override one method each. */
    static class Decorator implements ProtocolRegistry {
        private final ProtocolRegistry delegate;

        Decorator(ProtocolRegistry delegate) {
            this.delegate = delegate;
        }

        @Override public String providerId() { return delegate.providerId(); }
        @Override public Set<Capability> capabilities() { return delegate.capabilities(); }
        @Override public long maxDocumentBytes() { return delegate.maxDocumentBytes(); }
        @Override public RegistrationResult register(RegistrationRequest request) throws IOException { return delegate.register(request); }
        @Override public Optional<Registration> find(ProtocolId id) throws IOException { return delegate.find(id); }
        @Override public Optional<Registration> findByIdempotencyKey(IdempotencyKey key) throws IOException { return delegate.findByIdempotencyKey(key); }
        @Override public Registration update(ProtocolId id, List<Change> changes, Actor actor) throws IOException { return delegate.update(id, changes, actor); }
        @Override public Registration annul(ProtocolId id, AnnulmentRequest request) throws IOException { return delegate.annul(id, request); }
        @Override public TransmissionRecord recordTransmission(ProtocolId id, TransmissionEvent event, Optional<DocumentRequest> raw, Actor actor) throws IOException { return delegate.recordTransmission(id, event, raw, actor); }
        @Override public List<TransmissionRecord> transmissions(ProtocolId id) throws IOException { return delegate.transmissions(id); }
        @Override public InputStream openDocument(ProtocolId id, int index) throws IOException { return delegate.openDocument(id, index); }
        @Override public InputStream openReceipt(ProtocolId id, long sequence) throws IOException { return delegate.openReceipt(id, sequence); }
        @Override public List<AuditEntry> audit(ProtocolId id) throws IOException { return delegate.audit(id); }
        @Override public List<Registration> search(SearchQuery query) throws IOException { return delegate.search(query); }
        @Override public DailyRegister dailyRegister(RegisterId register, LocalDate day) throws IOException { return delegate.dailyRegister(register, day); }
        @Override public Registration takeInCharge(ProtocolId id, String office, Actor actor) throws IOException { return delegate.takeInCharge(id, office, actor); }
        @Override public Registration rejectAssignment(ProtocolId id, String office, String reason, String returnTo, Actor actor) throws IOException { return delegate.rejectAssignment(id, office, reason, returnTo, actor); }
        @Override public List<Registration> desk(String office, int limit) throws IOException { return delegate.desk(office, limit); }
        @Override public Optional<ProtocolId> findBySentMessageId(String messageId) throws IOException { return delegate.findBySentMessageId(messageId); }
        @Override public Optional<MailroomState> mailroom() { return delegate.mailroom(); }
        @Override public void close() throws IOException { delegate.close(); }
    }
}
