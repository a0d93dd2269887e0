package io.github.pec4j.registry.memory.internal;

import io.github.pec4j.registry.Actor;
import io.github.pec4j.registry.Annulment;
import io.github.pec4j.registry.AnnulmentRequest;
import io.github.pec4j.registry.AuditEntry;
import io.github.pec4j.registry.Capability;
import io.github.pec4j.registry.Change;
import io.github.pec4j.registry.DailyRegister;
import io.github.pec4j.registry.DailyRegisterFormat;
import io.github.pec4j.registry.Direction;
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
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The in-memory registry. One lock serialises every write, which makes each operation trivially
 * atomic: state changes only after everything that can fail has been done.
 */
public final class MemoryRegistry implements ProtocolRegistry {
    public static final long DEFAULT_MAX_DOCUMENT_BYTES = 64L << 20;

    private record Counter(RegisterId register, int year) {}

    private record Day(RegisterId register, LocalDate day) {}

    private record Keyed(ProtocolId id, String fingerprint) {}

    /** A registration and what hangs off it. */
    private static final class Entry {
        Registration registration;
        final List<TransmissionRecord> transmissions = new ArrayList<>();
        final List<AuditEntry> audit = new ArrayList<>();

        Entry(Registration registration) {
            this.registration = registration;
        }
    }

    private final Clock clock;
    private final long maxDocumentBytes;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<Counter, Long> counters = new HashMap<>();
    private final Map<ProtocolId, Entry> entries = new TreeMap<>();
    /** The registration each key made, with the fingerprint of what it registered. */
    private final Map<IdempotencyKey, Keyed> keys = new HashMap<>();
    private final Map<Impronta, byte[]> content = new HashMap<>();
    private final Map<Day, DailyRegister> dailyRegisters = new HashMap<>();
    private final MemoryMailroomState mailroom;
    private volatile boolean closed;

    public MemoryRegistry(Clock clock, long maxDocumentBytes) {
        this.clock = clock;
        this.maxDocumentBytes = maxDocumentBytes;
        this.mailroom = new MemoryMailroomState(clock, this::ensureOpen);
    }

    @Override
    public String providerId() {
        return "memory";
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.DOCUMENT_CONTENT, Capability.TRANSMISSIONS, Capability.FASCICOLI,
                Capability.DAILY_REGISTER, Capability.EMERGENCY_REGISTER, Capability.SEARCH, Capability.DESK, Capability.MAILROOM);
    }

    @Override
    public long maxDocumentBytes() {
        return maxDocumentBytes;
    }

    /** Bytes read and hashed before taking the lock. */
    private record Loaded(DocumentRequest request, byte[] bytes, Impronta impronta) {}

    /** Reads a document; a failure to read it is a STORAGE failure carrying the cause. */
    private Loaded load(DocumentRequest request) throws IOException {
        try {
            return read(request);
        } catch (RegistryException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new RegistryException(Reason.STORAGE, "reading " + request.fileName() + " failed: " + e.getMessage(), e);
        }
    }

    private Loaded read(DocumentRequest request) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = request.content().open()) {
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            for (int n; (n = in.read(buffer)) != -1; ) {
                total += n;
                if (total > maxDocumentBytes) {
                    throw new RegistryException(Reason.TOO_LARGE, request.fileName() + " exceeds " + maxDocumentBytes + " bytes");
                }
                out.write(buffer, 0, n);
            }
        }
        byte[] bytes = out.toByteArray();
        Impronta impronta = Impronta.of(bytes);
        if (request.expectedImpronta().isPresent() && !request.expectedImpronta().get().equals(impronta)) {
            throw new RegistryException(Reason.FINGERPRINT_MISMATCH, request.fileName() + ": declared "
                    + request.expectedImpronta().get() + ", stored bytes have " + impronta);
        }
        return new Loaded(request, bytes, impronta);
    }

    private static StoredDocument stored(int index, StoredDocument.Role role, Loaded l) {
        return new StoredDocument(index, role, l.request().fileName(), l.request().mediaType(), l.bytes().length, l.impronta());
    }

    @Override
    public RegistrationResult register(RegistrationRequest request) throws IOException {
        ensureOpen();
        // read before the lock: the fingerprint needs the impronte, and a duplicate must be the same bytes
        List<Loaded> loaded = new ArrayList<>();
        for (DocumentRequest d : request.documents()) loaded.add(load(d));
        String fingerprint = request.fingerprint(loaded.stream().map(Loaded::impronta).toList());
        return locked(() -> {
            if (request.idempotencyKey().isPresent() && keys.containsKey(request.idempotencyKey().get())) {
                Keyed keyed = keys.get(request.idempotencyKey().get());
                if (!keyed.fingerprint().equals(fingerprint)) {
                    throw RegistryException.idempotencyConflict(request.idempotencyKey().get(), keyed.id());
                }
                return new RegistrationResult(entries.get(keyed.id()).registration, true);
            }
            Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            int year = at.atZone(Registration.ROME).getYear();
            Counter counter = new Counter(request.register(), year);
            ProtocolId id = new ProtocolId(request.register(), year, counters.getOrDefault(counter, 0L) + 1);
            List<StoredDocument> documents = new ArrayList<>();
            for (int i = 0; i < loaded.size(); i++) {
                documents.add(stored(i, i == 0 ? StoredDocument.Role.PRIMARY : StoredDocument.Role.ATTACHMENT, loaded.get(i)));
            }
            if (request.generated().isPresent()) {
                List<DocumentRequest> extra;
                try {
                    extra = request.generated().get().generate(id, at);
                } catch (IOException | RuntimeException e) {
                    throw new RegistryException(Reason.GENERATION_FAILED, "generating documents for " + id + " failed; nothing registered", e);
                }
                for (DocumentRequest d : extra) {
                    Loaded l = load(d);
                    loaded.add(l);
                    documents.add(stored(documents.size(), StoredDocument.Role.GENERATED, l));
                }
            }
            Registration registration = new Registration(id, at, request.direction(), request.channel(), request.correspondents(),
                    request.oggetto(), request.senderReference(), documents, request.classification(), request.fascicolo(),
                    request.assignments(), Optional.empty(), request.idempotencyKey(), request.receivedAt(), request.riservato(),
                    request.operator(), request.emergency());
            // Commit: nothing below can fail.
            counters.put(counter, id.number());
            loaded.forEach(l -> content.putIfAbsent(l.impronta(), l.bytes()));
            Entry entry = new Entry(registration);
            entry.audit.add(AuditEntry.ofRegistration(registration));
            entries.put(id, entry);
            request.idempotencyKey().ifPresent(k -> keys.put(k, new Keyed(id, fingerprint)));
            return new RegistrationResult(registration, false);
        });
    }

    @Override
    public Optional<Registration> find(ProtocolId id) throws IOException {
        return locked(() -> {
            return Optional.ofNullable(entries.get(id)).map(e -> e.registration);
        });
    }

    @Override
    public Optional<Registration> findByIdempotencyKey(IdempotencyKey key) throws IOException {
        return locked(() -> {
            return Optional.ofNullable(keys.get(key)).map(k -> entries.get(k.id()).registration);
        });
    }

    private Entry entry(ProtocolId id) throws RegistryException {
        Entry e = entries.get(id);
        if (e == null) throw new RegistryException(Reason.NOT_FOUND, "no registration " + id);
        return e;
    }

    @Override
    public Registration update(ProtocolId id, List<Change> changes, Actor actor) throws IOException {
        ensureOpen();
        return locked(() -> {
            Entry e = entry(id);
            if (e.registration.annulled()) throw new RegistryException(Reason.ANNULLED, id + " is annulled");
            Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            Registration.Changed changed = e.registration.withChanges(changes, at, actor);
            e.registration = changed.after();
            e.audit.addAll(changed.audit());
            return changed.after();
        });
    }

    @Override
    public Registration takeInCharge(ProtocolId id, String office, Actor actor) throws IOException {
        Objects.requireNonNull(office, "office");
        Objects.requireNonNull(actor, "actor");
        ensureOpen();
        return locked(() -> {
            Registration r = assigned(id, office);
            Registration.Changed changed = r.takenInCharge(office, actor, clock.instant().truncatedTo(ChronoUnit.MILLIS));
            return commit(id, changed);
        });
    }

    @Override
    public Registration rejectAssignment(ProtocolId id, String office, String reason, String returnTo, Actor actor)
            throws IOException {
        Objects.requireNonNull(office, "office");
        Objects.requireNonNull(actor, "actor");
        if (reason.isBlank() || returnTo.isBlank()) throw new IllegalArgumentException("a rifiuto needs a reason and an office to return to");
        ensureOpen();
        return locked(() -> {
            Registration r = assigned(id, office);
            if (r.assignmentOf(office).orElseThrow().taken()) {
                throw new RegistryException(Reason.ALREADY_TAKEN, office + " already took " + id + " in charge");
            }
            Registration.Changed changed = r.rejected(office, reason, returnTo, actor, clock.instant().truncatedTo(ChronoUnit.MILLIS));
            return commit(id, changed);
        });
    }

    /** The registration, when it is not annulled and {@code office} is assigned to it. */
    private Registration assigned(ProtocolId id, String office) throws RegistryException {
        Registration r = entry(id).registration;
        if (r.annulled()) throw new RegistryException(Reason.ANNULLED, id + " is annulled");
        if (r.assignmentOf(office).isEmpty()) throw new RegistryException(Reason.NOT_ASSIGNED, office + " is not assigned " + id);
        return r;
    }

    private Registration commit(ProtocolId id, Registration.Changed changed) {
        Entry e = entries.get(id);
        e.registration = changed.after();
        e.audit.addAll(changed.audit());
        return changed.after();
    }

    @Override
    public Optional<ProtocolId> findBySentMessageId(String messageId) throws IOException {
        String wanted = TransmissionEvent.bareMessageId(messageId);
        return locked(() -> {
            for (Entry e : entries.values()) {
                for (TransmissionRecord t : e.transmissions) {
                    if (e.registration.direction() == Direction.OUTGOING && t.event().type() == TransmissionEvent.Type.SENT
                            && t.event().msgid().filter(m -> !m.isBlank()).map(TransmissionEvent::bareMessageId).filter(wanted::equals).isPresent()) {
                        return Optional.of(e.registration.id());
                    }
                }
            }
            return Optional.empty();
        });
    }

    @Override
    public Optional<MailroomState> mailroom() {
        return Optional.of(mailroom);
    }

    @Override
    public Registration annul(ProtocolId id, AnnulmentRequest request) throws IOException {
        ensureOpen();
        return locked(() -> {
            Entry e = entry(id);
            Registration r = e.registration;
            if (r.annulled()) throw new RegistryException(Reason.ANNULLED, id + " is already annulled");
            Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            Annulment annulment = new Annulment(request, at);
            Registration annulled = r.withAnnulment(annulment);
            e.registration = annulled;
            e.audit.add(AuditEntry.ofAnnulment(id, annulment));
            return annulled;
        });
    }

    @Override
    public TransmissionRecord recordTransmission(ProtocolId id, TransmissionEvent event, Optional<DocumentRequest> rawReceipt, Actor actor)
            throws IOException {
        ensureOpen();
        Optional<Loaded> receipt = rawReceipt.isPresent() ? Optional.of(load(rawReceipt.get())) : Optional.empty();
        return locked(() -> {
            Entry e = entry(id);
            for (TransmissionRecord existing : e.transmissions) {
                if (existing.isSameAs(event)) return existing;
            }
            Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            TransmissionRecord record = new TransmissionRecord(e.transmissions.size() + 1L, event,
                    receipt.map(l -> stored(0, StoredDocument.Role.RECEIPT, l)), at, actor);
            receipt.ifPresent(l -> content.putIfAbsent(l.impronta(), l.bytes()));
            e.transmissions.add(record);
            e.audit.add(new AuditEntry(id, at, actor, AuditEntry.Action.TRANSMISSION_RECORDED, Optional.empty(),
                    Optional.of(event.type() + event.recipient().map(r -> " " + r).orElse(""))));
            return record;
        });
    }

    @Override
    public List<TransmissionRecord> transmissions(ProtocolId id) throws IOException {
        return locked(() -> {
            return List.copyOf(entry(id).transmissions);
        });
    }

    @Override
    public InputStream openDocument(ProtocolId id, int index) throws IOException {
        return locked(() -> {
            List<StoredDocument> docs = entry(id).registration.documents();
            if (index < 0 || index >= docs.size()) throw new RegistryException(Reason.NOT_FOUND, id + " has no document " + index);
            return new ByteArrayInputStream(content.get(docs.get(index).impronta()));
        });
    }

    @Override
    public InputStream openReceipt(ProtocolId id, long sequence) throws IOException {
        return locked(() -> {
            for (TransmissionRecord t : entry(id).transmissions) {
                if (t.sequence() == sequence && t.receipt().isPresent()) {
                    return new ByteArrayInputStream(content.get(t.receipt().get().impronta()));
                }
            }
            throw new RegistryException(Reason.NOT_FOUND, id + " has no receipt with sequence " + sequence);
        });
    }

    @Override
    public List<AuditEntry> audit(ProtocolId id) throws IOException {
        return locked(() -> {
            return List.copyOf(entry(id).audit);
        });
    }

    @Override
    public List<Registration> search(SearchQuery query) throws IOException {
        return locked(() -> {
            // entries is a TreeMap keyed by ProtocolId: already in (register, year, number) order.
            return entries.values().stream().map(e -> e.registration).filter(query::matches)
                    .skip(query.offset()).limit(query.limit()).toList();
        });
    }

    @Override
    public DailyRegister dailyRegister(RegisterId register, LocalDate day) throws IOException {
        ensureOpen();
        return locked(() -> {
            Instant now = clock.instant();
            if (!now.isAfter(day.plusDays(1).atStartOfDay(Registration.ROME).toInstant().minusNanos(1))) {
                throw new RegistryException(Reason.DAY_NOT_CLOSED, day + " has not ended in Europe/Rome (now " + now + ")");
            }
            Day key = new Day(register, day);
            DailyRegister existing = dailyRegisters.get(key);
            if (existing != null) return existing;
            Map<ProtocolId, Registration> ofDay = new LinkedHashMap<>();
            for (Entry e : entries.values()) {
                Registration r = e.registration;
                if (r.id().register().equals(register) && r.registrationDate().equals(day)) ofDay.put(r.id(), r);
            }
            byte[] bytes = DailyRegisterFormat.render(register, day, List.copyOf(ofDay.values()));
            DailyRegister daily = new DailyRegister(register, day, List.copyOf(ofDay.keySet()), bytes, Impronta.of(bytes),
                    now.truncatedTo(ChronoUnit.MILLIS));
            dailyRegisters.put(key, daily);
            return daily;
        });
    }

    @FunctionalInterface
    private interface Body<T> {
        T run() throws IOException;
    }

    /** Runs {@code body} under the registry's lock. */
    private <T> T locked(Body<T> body) throws IOException {
        lock.lock();
        try {
            return body.run();
        } finally {
            lock.unlock();
        }
    }

    private void ensureOpen() throws RegistryException {
        if (closed) throw new RegistryException(Reason.STORAGE, "registry closed");
    }

    @Override
    public void close() {
        closed = true;
    }
}
