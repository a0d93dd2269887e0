package com.acme.protocollo;

import io.github.pec4j.registry.Actor;
import io.github.pec4j.registry.Annulment;
import io.github.pec4j.registry.AnnulmentRequest;
import io.github.pec4j.registry.AuditEntry;
import io.github.pec4j.registry.Capability;
import io.github.pec4j.registry.Change;
import io.github.pec4j.registry.DailyRegister;
import io.github.pec4j.registry.DailyRegisterFormat;
import io.github.pec4j.registry.DocumentRequest;
import io.github.pec4j.registry.IdempotencyKey;
import io.github.pec4j.registry.Impronta;
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
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A template: the registry SPI over "your own store". Here the store is a handful of maps, one per table a
 * protocol product would have (registrations, counters, idempotency keys, content, transmissions, audit,
 * daily registers); replace each with your tables, keeping one rule: what {@link #register} writes is
 * committed together or not at all. Every method is {@code synchronized}: the simplest way to make numbering
 * gapless and the idempotency check atomic (a database does it with a row lock on the counter and a unique
 * key on the idempotency key).
 *
 * <p>It declares the capabilities most products have and leaves out the optional ones (emergency register,
 * desk, mailroom state, persistence): the compatibility kit skips their tests, and the SPI's defaults refuse
 * them with {@code UNSUPPORTED}. Run {@code AcmeRegistryCompatibilityTest} after every change.
 */
public final class AcmeRegistry implements ProtocolRegistry {
    /** The largest document accepted: 16 MiB (held on the heap here). */
    static final long MAX_DOCUMENT_BYTES = 16L << 20;

    private record Counter(RegisterId register, int year) {}

    private record Key(ProtocolId id, String fingerprint) {}

    private final Clock clock;
    private final Map<ProtocolId, Registration> registrations = new TreeMap<>(); // in (register, year, number) order
    private final Map<Counter, Long> counters = new HashMap<>();
    private final Map<IdempotencyKey, Key> keys = new HashMap<>();
    private final Map<Impronta, byte[]> content = new HashMap<>();
    private final Map<ProtocolId, List<TransmissionRecord>> transmissions = new HashMap<>();
    private final Map<ProtocolId, List<AuditEntry>> audit = new HashMap<>();
    private final Map<String, DailyRegister> dailyRegisters = new HashMap<>();
    private boolean closed;

    /**
     * An empty registry.
     *
     * @param clock the clock registrations are dated by
     */
    public AcmeRegistry(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String providerId() {
        return "acme";
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.DOCUMENT_CONTENT, Capability.TRANSMISSIONS, Capability.FASCICOLI, Capability.DAILY_REGISTER,
                Capability.SEARCH);
    }

    @Override
    public long maxDocumentBytes() {
        return MAX_DOCUMENT_BYTES;
    }

    /** Every time the registry records is truncated to milliseconds: what it returns must equal what it reads back. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    @Override
    public synchronized RegistrationResult register(RegistrationRequest request) throws IOException {
        open();
        List<byte[]> bytes = new ArrayList<>();
        List<Impronta> impronte = new ArrayList<>();
        for (DocumentRequest d : request.documents()) {
            byte[] b = read(d);
            bytes.add(b);
            impronte.add(Impronta.of(b));
        }
        String fingerprint = request.fingerprint(impronte);
        if (request.idempotencyKey().isPresent()) {
            Key first = keys.get(request.idempotencyKey().get());
            if (first != null) {
                if (!first.fingerprint().equals(fingerprint)) throw RegistryException.idempotencyConflict(request.idempotencyKey().get(), first.id());
                return new RegistrationResult(registrations.get(first.id()), true);
            }
        }
        Instant at = now();
        int year = at.atZone(Registration.ROME).getYear(); // the year of the registration in Rome, not in UTC
        Counter counter = new Counter(request.register(), year);
        ProtocolId id = new ProtocolId(request.register(), year, counters.getOrDefault(counter, 0L) + 1);
        List<StoredDocument> documents = new ArrayList<>();
        for (int i = 0; i < bytes.size(); i++) {
            documents.add(stored(i, i == 0 ? StoredDocument.Role.PRIMARY : StoredDocument.Role.ATTACHMENT, request.documents().get(i), bytes.get(i)));
        }
        if (request.generated().isPresent()) { // e.g. the segnatura: it must see the number it is part of
            List<DocumentRequest> extra;
            try {
                extra = request.generated().get().generate(id, at);
            } catch (IOException | RuntimeException e) {
                throw new RegistryException(Reason.GENERATION_FAILED, "generating documents for " + id + " failed; nothing registered", e);
            }
            for (DocumentRequest d : extra) {
                byte[] b = read(d);
                bytes.add(b);
                documents.add(stored(documents.size(), StoredDocument.Role.GENERATED, d, b));
            }
        }
        Registration r = new Registration(id, at, request.direction(), request.channel(), request.correspondents(), request.oggetto(),
                request.senderReference(), documents, request.classification(), request.fascicolo(), request.assignments(), Optional.empty(),
                request.idempotencyKey(), request.receivedAt(), request.riservato(), request.operator(), request.emergency());
        // the commit: nothing below throws, so a failure above left no trace and used no number
        counters.put(counter, id.number());
        for (byte[] b : bytes) content.putIfAbsent(Impronta.of(b), b);
        registrations.put(id, r);
        audit.computeIfAbsent(id, k -> new ArrayList<>()).add(AuditEntry.ofRegistration(r));
        request.idempotencyKey().ifPresent(k -> keys.put(k, new Key(id, fingerprint)));
        return new RegistrationResult(r, false);
    }

    /** Reads a document within the size limit and checks its declared impronta. */
    private static byte[] read(DocumentRequest d) throws IOException {
        byte[] b;
        try (InputStream in = d.content().open()) {
            b = in.readNBytes((int) MAX_DOCUMENT_BYTES + 1);
        }
        if (b.length > MAX_DOCUMENT_BYTES) throw new RegistryException(Reason.TOO_LARGE, d.fileName() + " exceeds " + MAX_DOCUMENT_BYTES + " bytes");
        Impronta actual = Impronta.of(b);
        if (d.expectedImpronta().isPresent() && !d.expectedImpronta().get().equals(actual)) {
            throw new RegistryException(Reason.FINGERPRINT_MISMATCH, d.fileName() + ": declared " + d.expectedImpronta().get() + ", bytes have " + actual);
        }
        return b;
    }

    private static StoredDocument stored(int index, StoredDocument.Role role, DocumentRequest d, byte[] b) {
        return new StoredDocument(index, role, d.fileName(), d.mediaType(), b.length, Impronta.of(b));
    }

    private Registration existing(ProtocolId id) throws RegistryException {
        Registration r = registrations.get(id);
        if (r == null) throw new RegistryException(Reason.NOT_FOUND, "no registration " + id);
        return r;
    }

    @Override
    public synchronized Optional<Registration> find(ProtocolId id) {
        return Optional.ofNullable(registrations.get(id));
    }

    @Override
    public synchronized Optional<Registration> findByIdempotencyKey(IdempotencyKey key) {
        return Optional.ofNullable(keys.get(key)).map(k -> registrations.get(k.id()));
    }

    @Override
    public synchronized Registration update(ProtocolId id, List<Change> changes, Actor actor) throws IOException {
        open();
        Registration before = existing(id);
        if (before.annulled()) throw new RegistryException(Reason.ANNULLED, id + " is annulled");
        Registration.Changed changed = before.withChanges(changes, now(), actor); // refuses changes to protected fields
        registrations.put(id, changed.after());
        audit.get(id).addAll(changed.audit());
        return changed.after();
    }

    @Override
    public synchronized Registration annul(ProtocolId id, AnnulmentRequest request) throws IOException {
        open();
        Registration before = existing(id);
        if (before.annulled()) throw new RegistryException(Reason.ANNULLED, id + " is already annulled");
        Annulment annulment = new Annulment(request, now());
        Registration after = before.withAnnulment(annulment);
        registrations.put(id, after);
        audit.get(id).add(AuditEntry.ofAnnulment(id, annulment));
        return after;
    }

    @Override
    public synchronized TransmissionRecord recordTransmission(ProtocolId id, TransmissionEvent event, Optional<DocumentRequest> rawReceipt,
            Actor actor) throws IOException {
        open();
        existing(id);
        List<TransmissionRecord> records = transmissions.computeIfAbsent(id, k -> new ArrayList<>());
        for (TransmissionRecord r : records) {
            if (r.isSameAs(event)) return r; // the same receipt taken in twice is recorded once
        }
        Optional<StoredDocument> receipt = Optional.empty();
        if (rawReceipt.isPresent()) {
            byte[] b = read(rawReceipt.get());
            content.putIfAbsent(Impronta.of(b), b);
            receipt = Optional.of(stored(0, StoredDocument.Role.RECEIPT, rawReceipt.get(), b));
        }
        Instant at = now();
        TransmissionRecord record = new TransmissionRecord(records.size() + 1L, event, receipt, at, actor);
        records.add(record);
        audit.get(id).add(AuditEntry.ofTransmission(id, at, actor, event));
        return record;
    }

    @Override
    public synchronized List<TransmissionRecord> transmissions(ProtocolId id) throws IOException {
        existing(id);
        return List.copyOf(transmissions.getOrDefault(id, List.of()));
    }

    @Override
    public synchronized InputStream openDocument(ProtocolId id, int index) throws IOException {
        List<StoredDocument> docs = existing(id).documents();
        if (index < 0 || index >= docs.size()) throw new RegistryException(Reason.NOT_FOUND, id + " has no document " + index);
        return new ByteArrayInputStream(content.get(docs.get(index).impronta()));
    }

    @Override
    public synchronized InputStream openReceipt(ProtocolId id, long sequence) throws IOException {
        existing(id);
        for (TransmissionRecord t : transmissions.getOrDefault(id, List.of())) {
            if (t.sequence() == sequence && t.receipt().isPresent()) return new ByteArrayInputStream(content.get(t.receipt().get().impronta()));
        }
        throw new RegistryException(Reason.NOT_FOUND, id + " has no receipt " + sequence);
    }

    @Override
    public synchronized List<AuditEntry> audit(ProtocolId id) throws IOException {
        existing(id);
        return List.copyOf(audit.get(id));
    }

    @Override
    public synchronized List<Registration> search(SearchQuery query) {
        return registrations.values().stream().filter(query::matches).skip(query.offset()).limit(query.limit()).toList();
    }

    @Override
    public synchronized DailyRegister dailyRegister(RegisterId register, LocalDate day) throws IOException {
        open();
        Instant now = clock.instant();
        if (now.isBefore(day.plusDays(1).atStartOfDay(Registration.ROME).toInstant())) {
            throw new RegistryException(Reason.DAY_NOT_CLOSED, day + " has not ended in Europe/Rome");
        }
        String key = register + "|" + day;
        DailyRegister existing = dailyRegisters.get(key); // produced once: exporting it again gives the same bytes
        if (existing != null) return existing;
        List<Registration> ofDay = registrations.values().stream()
                .filter(r -> r.id().register().equals(register) && r.registrationDate().equals(day)).toList();
        byte[] bytes = DailyRegisterFormat.render(register, day, ofDay);
        DailyRegister daily = new DailyRegister(register, day, ofDay.stream().map(Registration::id).toList(), bytes, Impronta.of(bytes),
                now.truncatedTo(ChronoUnit.MILLIS));
        dailyRegisters.put(key, daily);
        return daily;
    }

    private void open() throws RegistryException {
        if (closed) throw new RegistryException(Reason.STORAGE, "registry closed");
    }

    @Override
    public synchronized void close() {
        closed = true;
    }
}
