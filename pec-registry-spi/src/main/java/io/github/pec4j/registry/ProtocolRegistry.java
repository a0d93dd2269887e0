package io.github.pec4j.registry;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A protocol register (DPR 445/2000 artt. 53-57, 63): the one place where pec4j keeps state.
 *
 * <p>Every implementation keeps these rules, which the compatibility kit in {@code
 * pec-registry-tck} checks:
 * <ul>
 *   <li>numbers are assigned by the registry, from 1 each year, restarting at 00:00 Europe/Rome on
 *       1 January (read from the injected clock), unique and gapless per {@link RegisterId} and
 *       year, shared by all directions, even under concurrency;
 *   <li>a registration is written in one transaction with its documents, their impronte (SHA-256 of
 *       the exact bytes), any {@link GeneratedDocuments} and its audit entry; any failure leaves no
 *       number consumed and nothing written;
 *   <li>the same idempotency key with the same {@linkplain RegistrationRequest#fingerprint(List)
 *       fingerprint} returns the first registration, even concurrently; with another fingerprint it
 *       is refused with {@link RegistryException.Reason#IDEMPOTENCY_CONFLICT} naming the first
 *       registration, never reported as a duplicate (a different message is never swallowed);
 *   <li>only classification, fascicolo and assignments change after commit, each with an audit
 *       entry holding the values before and after; an annulled registration changes no more;
 *   <li>an annulled registration stays readable and its number is never reused.
 * </ul>
 *
 * <p>Implementations are thread-safe. Operations on an id the registry does not hold throw {@link
 * RegistryException.Reason#NOT_FOUND} (reads by id return an empty {@code Optional}); an annulled
 * registration refuses every {@link #update}, even an empty one, with {@code ANNULLED}, but still
 * records transmission events (receipts keep arriving); {@link #maxDocumentBytes()} applies to every
 * stored content — documents, generated documents and raw receipts; a closed registry refuses every
 * operation with {@code STORAGE}. A failure of the storage (a full disk, a lost connection) reaches
 * the caller of every operation as a {@link RegistryException} with reason {@code STORAGE} and the
 * failure as its cause, never as a bare {@code IOException}, {@code SQLException} or unchecked
 * exception. A provider may refuse options it does not know.
 */
public interface ProtocolRegistry extends AutoCloseable {

    /**
     * The id of the provider that opened this registry.
     *
     * @return the id of the provider that opened this registry
     */
    String providerId();

    /**
     * What this registry can do; operations needing an undeclared capability throw {@link RegistryException.Reason#UNSUPPORTED}.
     *
     * @return what this registry can do; operations needing an undeclared capability throw {@link
     *     RegistryException.Reason#UNSUPPORTED}
     */
    Set<Capability> capabilities();

    /**
     * The largest document this registry stores, in bytes.
     *
     * @return the largest document this registry stores, in bytes
     */
    default long maxDocumentBytes() {
        return Long.MAX_VALUE;
    }

    /**
     * Registers atomically, or returns the registration already made with the request's
     * idempotency key and the same {@linkplain RegistrationRequest#fingerprint(List) fingerprint}
     * ({@link RegistrationResult#duplicate()} true).
     *
     * @param request what was registered (its own idempotency key, if any, is replaced by one derived from the
     *     emergency register and number)
     * @return the registration and whether it was made now or found by its idempotency key
     * @throws RegistryException FINGERPRINT_MISMATCH, TOO_LARGE, GENERATION_FAILED, STORAGE, or
     *     IDEMPOTENCY_CONFLICT (the key is registered with another fingerprint; {@link
     *     RegistryException#existingRegistration()} names that registration); in every case nothing
     *     was written and no number was consumed
     */
    RegistrationResult register(RegistrationRequest request) throws IOException;

    /**
     * Registers several requests, each as {@link #register} would on its own: all or nothing for each
     * request, never for the batch, so one that fails leaves the others registered. A registry may write
     * them in one transaction (group commit); when this returns, every registration it reports is
     * committed, numbered in the order of {@code requests} within each register and year, with no gap.
     * Requests under the same idempotency key are one registration (the later ones are duplicates).
     *
     * <p>This default calls {@link #register} for each request in order.
     *
     * @param requests the requests, in order
     * @return one result per request, in the same order
     * @throws IOException when the batch could not be attempted at all (e.g. the registry is closed);
     *     a request's own failure is in its {@link BatchResult}
     */
    default List<BatchResult> registerAll(List<RegistrationRequest> requests) throws IOException {
        List<BatchResult> results = new ArrayList<>(requests.size());
        for (RegistrationRequest request : List.copyOf(requests)) {
            try {
                results.add(BatchResult.of(register(request)));
            } catch (RegistryException e) {
                results.add(BatchResult.failed(e));
            } catch (IOException e) {
                results.add(BatchResult.failed(new RegistryException(RegistryException.Reason.STORAGE, "registering failed: " + e.getMessage(), e)));
            }
        }
        return results;
    }

    /**
     * The registration with this protocol id.
     *
     * @param id the protocol id
     * @return the registration, or empty when there is none
     * @throws IOException when the store cannot be read
     */
    Optional<Registration> find(ProtocolId id) throws IOException;

    /**
     * The registration made with this idempotency key.
     *
     * @param key the idempotency key the request carried
     * @return the registration, or empty when no request had the key
     * @throws IOException when the store cannot be read
     */
    Optional<Registration> findByIdempotencyKey(IdempotencyKey key) throws IOException;

    /**
     * Applies the changes the law allows, in order, in one transaction, with one audit entry each.
     * Assignments the changes leave in place keep their {@linkplain Assignment#presaInCarico() presa in
     * carico}; a {@link Change.Assign} to an office already assigned replaces that assignment with the
     * one given (as made: not taken in charge, so it is back on the office's desk).
     *
     * @param id the protocol id of the registration
     * @param actor who performed it
     * @param changes the changes, applied in order
     * @return the registration after the changes
     * @throws RegistryException NOT_FOUND, ANNULLED, UNSUPPORTED (fascicoli) or STORAGE
     */
    Registration update(ProtocolId id, List<Change> changes, Actor actor) throws IOException;

    /**
     * Annuls the whole registration (art. 54); annulling again is refused with ANNULLED.
     *
     * @param id the protocol id of the registration
     * @param request what was registered (its own idempotency key, if any, is replaced by one derived from the
     *     emergency register and number)
     * @return the annulled registration, still readable with its number
     * @throws IOException when the registry's storage cannot be reached or fails
     */
    Registration annul(ProtocolId id, AnnulmentRequest request) throws IOException;

    /**
     * Records a transmission event, with the raw receipt if given (kept byte-exact with its
     * impronta). An event with an {@code identificativo} already recorded for the same type and
     * recipient returns the existing record.
     *
     * @param id the protocol id of the registration
     * @param event the event as given
     * @param actor who performed it
     * @param rawReceipt the receipt as received, kept byte-exact with its impronta
     * @return the stored record, or the one already recorded for the same event
     * @throws IOException when the registry's storage cannot be reached or fails
     */
    TransmissionRecord recordTransmission(ProtocolId id, TransmissionEvent event, Optional<DocumentRequest> rawReceipt, Actor actor)
            throws IOException;

    /**
     * Records several transmission events, each as {@link #recordTransmission} would on its own: all or nothing
     * for each filing, never for the batch, so one that fails (an unknown registration, a receipt too large) leaves
     * the others recorded. A registry may write them in one transaction (group commit, MRM-GROUP-01); when this
     * returns, every record it reports is committed.
     *
     * <p>This default calls {@link #recordTransmission} for each filing in order.
     *
     * @param filings the events to record, in order
     * @return one result per filing, in the same order
     * @throws IOException when the batch could not be attempted at all (e.g. the registry is closed); a filing's own
     *     failure is in its {@link FilingResult}
     */
    default List<FilingResult> recordTransmissions(List<TransmissionFiling> filings) throws IOException {
        List<FilingResult> results = new ArrayList<>(filings.size());
        for (TransmissionFiling f : List.copyOf(filings)) {
            try {
                results.add(FilingResult.of(recordTransmission(f.registration(), f.event(), f.rawReceipt(), f.actor())));
            } catch (RegistryException e) {
                results.add(FilingResult.failed(e));
            } catch (IOException e) {
                results.add(FilingResult.failed(new RegistryException(RegistryException.Reason.STORAGE, "recording failed: " + e.getMessage(), e)));
            }
        }
        return results;
    }

    /**
     * The transmission events of a registration, in recording order.
     *
     * @param id the protocol id of the registration
     * @return the transmission events of a registration, in recording order
     * @throws IOException when the registry's storage cannot be reached or fails
     */
    List<TransmissionRecord> transmissions(ProtocolId id) throws IOException;

    /**
     * The bytes of a document; the caller closes the stream.
     *
     * @param id the protocol id of the registration
     * @param index position in the registration: 0 is the primary document, then the attachments in order, then
     *     generated documents; 0 for the raw receipt of a transmission event
     * @return the bytes of a document; the caller closes the stream
     * @throws IOException when the registry's storage cannot be reached or fails
     */
    InputStream openDocument(ProtocolId id, int index) throws IOException;

    /**
     * The bytes of the raw receipt kept with a transmission event; the caller closes the stream.
     *
     * @param id the protocol id of the registration
     * @param sequence the event's number within its registration, from 1, in recording order
     * @return the bytes of the raw receipt kept with a transmission event; the caller closes the stream
     * @throws IOException when the registry's storage cannot be reached or fails
     */
    InputStream openReceipt(ProtocolId id, long sequence) throws IOException;

    /**
     * The audit trail of a registration, oldest first.
     *
     * @param id the protocol id of the registration
     * @return the audit trail of a registration, oldest first
     * @throws IOException when the registry's storage cannot be reached or fails
     */
    List<AuditEntry> audit(ProtocolId id) throws IOException;

    /**
     * Registrations matching the query, in (register, year, number) order.
     *
     * @param query the filters, the offset and the page size
     * @return one page of registrations
     * @throws IOException when the registry's storage cannot be reached or fails
     */
    List<Registration> search(SearchQuery query) throws IOException;

    /**
     * The daily register of {@code day}: produced and stored the first time it is asked for, once
     * the day has ended in Europe/Rome by the registry's clock, then returned byte-identical.
     *
     * @param register the register that assigned the number
     * @param day the Europe/Rome day
     * @return the daily register of {@code day}: produced and stored the first time it is asked for, once the day has
     *     ended in Europe/Rome by the registry's clock, then returned byte-identical
     * @throws RegistryException DAY_NOT_CLOSED when the day has not ended
     */
    DailyRegister dailyRegister(RegisterId register, LocalDate day) throws IOException;

    /**
     * Produces the daily register and hands it to conservation.
     *
     * @param register the register that assigned the number
     * @param day the Europe/Rome day
     * @param hook where the daily register goes for conservation
     * @return the daily register as produced
     * @throws IOException when the registry's storage cannot be reached or fails
     */
    default DailyRegister publishDailyRegister(RegisterId register, LocalDate day, ConservationHook hook) throws IOException {
        DailyRegister daily = dailyRegister(register, day);
        hook.accept(daily);
        return daily;
    }

    /**
     * Recovers an emergency register (art. 63): each entry, in emergency-number order, gets an
     * ordinary number and keeps the permanent link to its emergency number. Idempotent: importing
     * the same register again, e.g. after a crash half-way, returns the registrations already made
     * and completes the rest.
     *
     * @param emergency the emergency-register entry it recovers, if any
     * @return the registrations made from the emergency entries, in the emergency register's order
     * @throws IOException when the registry's storage cannot be reached or fails
     */
    default List<Registration> importEmergency(EmergencyRegister emergency) throws IOException {
        if (!capabilities().contains(Capability.EMERGENCY_REGISTER)) {
            throw new RegistryException(RegistryException.Reason.UNSUPPORTED, providerId() + " has no emergency register");
        }
        List<EmergencyRegister.Entry> entries = new ArrayList<>(emergency.entries());
        entries.sort(Comparator.comparingLong(EmergencyRegister.Entry::number));
        List<Registration> recovered = new ArrayList<>(entries.size());
        for (EmergencyRegister.Entry entry : entries) {
            RegistrationRequest request = entry.request()
                    .withIdempotencyKey(emergency.keyOf(entry))
                    .withEmergency(new EmergencyLink(emergency.id(), entry.number(), entry.registeredAt()));
            if (!request.register().equals(emergency.ordinaryRegister())) {
                request = new RegistrationRequest(emergency.ordinaryRegister(), request.direction(), request.channel(),
                        request.correspondents(), request.oggetto(), request.senderReference(), request.documents(),
                        request.classification(), request.fascicolo(), request.assignments(), request.receivedAt(),
                        request.idempotencyKey(), request.riservato(), request.operator(), request.generated(), request.emergency());
            }
            recovered.add(register(request).registration());
        }
        return List.copyOf(recovered);
    }

    /**
     * Presa in carico (MRM-DESK-01): the office takes the registration in charge; recorded on its
     * assignment ({@link Assignment#presaInCarico()}: who, when by the registry's clock) with a {@link
     * AuditEntry.Action#TAKEN_IN_CHARGE} audit entry. Taking again what the office already took changes
     * nothing and returns the registration as it is. Numero, data, correspondents, oggetto and impronte
     * are untouched.
     *
     * @param id the protocol id of the registration
     * @param office the office (UO) code
     * @param actor who performed it
     * @return the registration with the assignment taken in charge
     * @throws RegistryException NOT_FOUND, ANNULLED, NOT_ASSIGNED (the office has no assignment),
     *     UNSUPPORTED (no {@link Capability#DESK}) or STORAGE
     * @see Registration#takenInCharge the change and audit entry every registry applies
     */
    default Registration takeInCharge(ProtocolId id, String office, Actor actor) throws IOException {
        throw new RegistryException(RegistryException.Reason.UNSUPPORTED, providerId() + " has no desk (presa in carico)");
    }

    /**
     * Rifiuto (MRM-DESK-01): the office sends the registration back instead of taking it in charge;
     * its assignment is replaced by a competenza assignment to {@code returnTo} (the protocol office),
     * unless that office is already assigned, in one transaction with an {@link
     * AuditEntry.Action#ASSIGNMENT_REJECTED} audit entry holding the assignments before and after and
     * the reason.
     *
     * @param id the protocol id of the registration
     * @param office the office (UO) code
     * @param reason why the registration is annulled
     * @param actor who performed it
     * @param returnTo the office the registration goes back to, usually the protocol office
     * @return the registration with the assignment replaced
     * @throws RegistryException NOT_FOUND, ANNULLED, NOT_ASSIGNED, ALREADY_TAKEN (the office took it in
     *     charge: it reassigns through {@link #update}), UNSUPPORTED or STORAGE
     * @throws IllegalArgumentException when {@code reason} or {@code returnTo} is blank
     * @see Registration#rejected the change and audit entry every registry applies
     */
    default Registration rejectAssignment(ProtocolId id, String office, String reason, String returnTo, Actor actor)
            throws IOException {
        throw new RegistryException(RegistryException.Reason.UNSUPPORTED, providerId() + " has no desk (rifiuto)");
    }

    /**
     * An office's desk (scrivania): the registrations assigned to {@code office} that it has not
     * taken in charge, not annulled, oldest first (registration time, then number), at most {@code
     * limit}. This default reads through {@link #search}; a registry may answer it more directly.
     *
     * @param office the office (UO) code
     * @param limit the most to return (1-10000)
     * @return an office's desk (scrivania): the registrations assigned to {@code office} that it has not taken in
     *     charge, not annulled, oldest first (registration time, then number), at most {@code limit}
     * @throws IOException when the registry's storage cannot be reached or fails
     */
    default List<Registration> desk(String office, int limit) throws IOException {
        Checks.text(office, "office");
        List<Registration> waiting = new ArrayList<>();
        for (int offset = 0; ; offset += SearchQuery.MAX_LIMIT) {
            List<Registration> page = search(SearchQuery.all().office(office).annulled(SearchQuery.Annulled.EXCLUDE)
                    .page(offset, SearchQuery.MAX_LIMIT));
            for (Registration r : page) {
                if (r.assignments().stream().anyMatch(a -> a.office().equals(office) && !a.taken())) waiting.add(r);
            }
            if (page.size() < SearchQuery.MAX_LIMIT) break;
        }
        waiting.sort(Comparator.comparing(Registration::registeredAt).thenComparing(r -> r.id().number()));
        return List.copyOf(waiting.subList(0, Math.min(limit, waiting.size())));
    }

    /**
     * The outgoing registration whose {@link TransmissionEvent.Type#SENT} event carries {@code
     * messageId} (angle brackets ignored): where a receipt quoting that Message-ID belongs. This
     * default reads every outgoing registration's transmissions; a registry may index them.
     *
     * @param messageId the message's Message-ID header, if any (for people, never for identity)
     * @return the outgoing registration whose {@link TransmissionEvent.Type#SENT} event carries {@code messageId}
     *     (angle brackets ignored): where a receipt quoting that Message-ID belongs
     * @throws IOException when the registry's storage cannot be reached or fails
     */
    default Optional<ProtocolId> findBySentMessageId(String messageId) throws IOException {
        String wanted = TransmissionEvent.bareMessageId(messageId);
        for (int offset = 0; ; offset += SearchQuery.MAX_LIMIT) {
            List<Registration> page = search(SearchQuery.all().direction(Direction.OUTGOING).page(offset, SearchQuery.MAX_LIMIT));
            for (Registration r : page) {
                for (TransmissionRecord t : transmissions(r.id())) {
                    if (t.event().type() == TransmissionEvent.Type.SENT
                            && t.event().msgid().filter(m -> !m.isBlank()).map(TransmissionEvent::bareMessageId).filter(wanted::equals).isPresent()) {
                        return Optional.of(r.id());
                    }
                }
            }
            if (page.size() < SearchQuery.MAX_LIMIT) return Optional.empty();
        }
    }

    /**
     * The mailroom's state kept in this registry's store (intake journal, outbox, leases), when it
     * declares {@link Capability#MAILROOM}.
     *
     * @return the mailroom's state kept in this registry's store (intake journal, outbox, leases), when it declares
     *     {@link Capability#MAILROOM}
     */
    default Optional<MailroomState> mailroom() {
        return Optional.empty();
    }

    /**
     * Convenience for {@link #update(ProtocolId, List, Actor)}.
     *
     * @param id the protocol id of the registration
     * @param actor who performed it
     * @param changes the changes, applied in order
     * @return the registration after the changes
     * @throws IOException when the registry's storage cannot be reached or fails
     */
    default Registration update(ProtocolId id, Actor actor, Change... changes) throws IOException {
        return update(id, List.of(changes), actor);
    }

    @Override
    void close() throws IOException;
}
