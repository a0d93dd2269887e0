package io.github.pec4j.registry;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A registration as the register holds it. Numero, data, correspondents, oggetto and the documents'
 * impronte never change after commit; classification, fascicolo and assignments may, with an audit
 * entry each; an annulment marks it without removing anything.
 *
 * @param id register, year and number
 * @param registeredAt the registration time, assigned by the registry (millisecond precision)
 * @param direction incoming, outgoing or internal
 * @param channel how it arrived or left
 * @param correspondents senders or recipients, as registered
 * @param oggetto the subject, as registered
 * @param senderReference the sender's protocol reference, if recorded
 * @param documents the stored documents with their impronte, primary first, then attachments, then generated ones
 * @param classification the current classification
 * @param fascicolo the current fascicolo, if any
 * @param assignments the current assignments
 * @param annulment the annulment, if annulled
 * @param idempotencyKey the key it was registered with, if any
 * @param receivedAt when it arrived, if recorded
 * @param riservato restricted access
 * @param registeredBy who registered it
 * @param emergency the emergency-register entry it recovers, if any
 */
public record Registration(
        ProtocolId id,
        Instant registeredAt,
        Direction direction,
        Channel channel,
        List<Correspondent> correspondents,
        String oggetto,
        Optional<SenderReference> senderReference,
        List<StoredDocument> documents,
        Classification classification,
        Optional<String> fascicolo,
        List<Assignment> assignments,
        Optional<Annulment> annulment,
        Optional<IdempotencyKey> idempotencyKey,
        Optional<Instant> receivedAt,
        boolean riservato,
        Actor registeredBy,
        Optional<EmergencyLink> emergency) {

    /** Protocol dates and years are those of Italy. */
    public static final ZoneId ROME = ZoneId.of("Europe/Rome");

    /**
     * Creates the record: copies the lists and refuses null components.
     *
     * @param id register, year and number
     * @param registeredAt the registration time, assigned by the registry (millisecond precision)
     * @param direction incoming, outgoing or internal
     * @param channel how it arrived or left
     * @param correspondents senders or recipients, as registered
     * @param oggetto the subject, as registered
     * @param senderReference the sender's protocol reference, if recorded
     * @param documents the stored documents with their impronte, primary first, then attachments, then generated ones
     * @param classification the current classification
     * @param fascicolo the current fascicolo, if any
     * @param assignments the current assignments
     * @param annulment the annulment, if annulled
     * @param idempotencyKey the key it was registered with, if any
     * @param receivedAt when it arrived, if recorded
     * @param riservato restricted access
     * @param registeredBy who registered it
     * @param emergency the emergency-register entry it recovers, if any
     */
    public Registration {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(registeredAt, "registeredAt");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(channel, "channel");
        correspondents = List.copyOf(correspondents);
        Objects.requireNonNull(oggetto, "oggetto");
        Objects.requireNonNull(senderReference, "senderReference");
        documents = List.copyOf(documents);
        Objects.requireNonNull(classification, "classification");
        Objects.requireNonNull(fascicolo, "fascicolo");
        assignments = List.copyOf(assignments);
        Objects.requireNonNull(annulment, "annulment");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(registeredBy, "registeredBy");
        Objects.requireNonNull(emergency, "emergency");
    }

    /**
     * This registration with an allowed change applied (implementations use it so that every
     * registry applies changes alike).
     *
     * @param change the change to apply
     * @return this registration with an allowed change applied (implementations use it so that every registry applies
     *     changes alike)
     */
    public Registration withChange(Change change) {
        Objects.requireNonNull(change, "change");
        Classification c = classification;
        Optional<String> f = fascicolo;
        List<Assignment> a = assignments;
        if (change instanceof Change.Classify classify) {
            c = classify.classification();
        } else if (change instanceof Change.FileInto fileInto) {
            f = Optional.of(fileInto.fascicolo());
        } else if (change instanceof Change.RemoveFromFascicolo) {
            f = Optional.empty();
        } else if (change instanceof Change.Assign assign) {
            List<Assignment> list = new java.util.ArrayList<>(assignments);
            list.removeIf(x -> x.office().equals(assign.assignment().office()));
            list.add(assign.assignment());
            a = list;
        } else if (change instanceof Change.Unassign unassign) {
            a = assignments.stream().filter(x -> !x.office().equals(unassign.office())).toList();
        }
        return new Registration(id, registeredAt, direction, channel, correspondents, oggetto, senderReference, documents, c, f, a,
                annulment, idempotencyKey, receivedAt, riservato, registeredBy, emergency);
    }

    /**
     * The registration after some allowed changes, with one audit entry per change.
     *
     * @param after the registration once every change is applied, in order
     * @param audit the audit entries, one per change, each with the affected value before and after
     */
    public record Changed(Registration after, List<AuditEntry> audit) {
        /**
         * Creates the record: copies the lists and refuses null components.
         *
         * @param after the registration once every change is applied, in order
         * @param audit the audit entries, one per change, each with the affected value before and after
         */
        public Changed {
            Objects.requireNonNull(after, "after");
            audit = List.copyOf(audit);
        }
    }

    /**
     * Applies {@code changes} in order, each audited at {@code at} as done by {@code actor}: what every registry's update does.
     *
     * @param at when the changes are made, by the registry's clock
     * @param actor who performed it
     * @param changes the changes, applied in order
     * @return the registration after the changes, with their audit entries
     */
    public Changed withChanges(List<Change> changes, Instant at, Actor actor) {
        Registration r = this;
        List<AuditEntry> audit = new java.util.ArrayList<>(changes.size());
        for (Change change : changes) {
            Registration next = r.withChange(change);
            audit.add(AuditEntry.ofChange(r, next, change, at, actor));
            r = next;
        }
        return new Changed(r, audit);
    }

    /**
     * The assignment to {@code office}, if it has one.
     *
     * @param office the office (UO) code
     * @return the assignment to {@code office}, if it has one
     */
    public Optional<Assignment> assignmentOf(String office) {
        return assignments.stream().filter(a -> a.office().equals(office)).findFirst();
    }

    /**
     * This registration with {@code office}'s assignment taken in charge by {@code actor} at {@code at},
     * and its {@link AuditEntry.Action#TAKEN_IN_CHARGE} audit entry; unchanged, with no audit entry,
     * when the office already took it (what every registry's {@link ProtocolRegistry#takeInCharge} does).
     *
     * @param office the office (UO) code
     * @param actor who performed it
     * @param at when it was taken in charge, by the registry's clock
     * @return this registration with {@code office}'s assignment taken in charge by {@code actor} at {@code at}, and
     *     its {@link AuditEntry.Action#TAKEN_IN_CHARGE} audit entry; unchanged, with no audit entry, when the office
     *     already took it (what every registry's {@link ProtocolRegistry#takeInCharge} does)
     * @throws IllegalArgumentException when {@code office} has no assignment (the registry reports
     *     {@code NOT_ASSIGNED} before calling this)
     */
    public Changed takenInCharge(String office, Actor actor, Instant at) {
        Assignment current = assignmentOf(office)
                .orElseThrow(() -> new IllegalArgumentException(office + " has no assignment on " + id));
        if (current.taken()) return new Changed(this, List.of());
        List<Assignment> list = assignments.stream().map(a -> a == current ? a.takenBy(actor, at) : a).toList();
        AuditEntry audit = new AuditEntry(id, at, actor, AuditEntry.Action.TAKEN_IN_CHARGE, Optional.empty(), Optional.of(office));
        return new Changed(withAssignments(list), List.of(audit));
    }

    /**
     * This registration with {@code office}'s assignment replaced by a competenza assignment to {@code
     * returnTo} (unless {@code returnTo} is still assigned once {@code office}'s assignment is gone),
     * and its {@link AuditEntry.Action#ASSIGNMENT_REJECTED} audit entry (what every registry's {@link
     * ProtocolRegistry#rejectAssignment} does).
     *
     * @param office the office (UO) code
     * @param reason why the registration is annulled
     * @param actor who performed it
     * @param at when it was sent back, by the registry's clock
     * @param returnTo the office the registration goes back to
     * @return this registration with {@code office}'s assignment replaced by a competenza assignment to {@code
     *     returnTo} (unless {@code returnTo} is still assigned once {@code office}'s assignment is gone), and its
     *     {@link AuditEntry.Action#ASSIGNMENT_REJECTED} audit entry (what every registry's {@link
     *     ProtocolRegistry#rejectAssignment} does)
     * @throws IllegalArgumentException when {@code office} has no assignment or already took it in
     *     charge (the registry reports {@code NOT_ASSIGNED} or {@code ALREADY_TAKEN} before calling this)
     */
    public Changed rejected(String office, String reason, String returnTo, Actor actor, Instant at) {
        Checks.text(reason, "reason");
        Checks.text(returnTo, "returnTo");
        Assignment current = assignmentOf(office)
                .orElseThrow(() -> new IllegalArgumentException(office + " has no assignment on " + id));
        if (current.taken()) throw new IllegalArgumentException(office + " already took " + id + " in charge");
        List<Assignment> list = new java.util.ArrayList<>(assignments);
        list.remove(current);
        if (list.stream().noneMatch(a -> a.office().equals(returnTo))) list.add(Assignment.competenza(returnTo));
        Registration after = withAssignments(list);
        return new Changed(after, List.of(AuditEntry.ofRejection(this, after, reason, at, actor)));
    }

    private Registration withAssignments(List<Assignment> list) {
        return new Registration(id, registeredAt, direction, channel, correspondents, oggetto, senderReference, documents,
                classification, fascicolo, list, annulment, idempotencyKey, receivedAt, riservato, registeredBy, emergency);
    }

    /**
     * This registration, annulled.
     *
     * @param value at most 128 printable ASCII characters
     * @return this registration, annulled
     */
    public Registration withAnnulment(Annulment value) {
        return new Registration(id, registeredAt, direction, channel, correspondents, oggetto, senderReference, documents,
                classification, fascicolo, assignments, Optional.of(value), idempotencyKey, receivedAt, riservato, registeredBy, emergency);
    }

    /**
     * Whether the registration has been annulled ("annullato").
     *
     * @return whether the registration has been annulled ("annullato")
     */
    public boolean annulled() {
        return annulment.isPresent();
    }

    /**
     * The registration date in Europe/Rome, the date of the daily register it belongs to.
     *
     * @return the registration date in Europe/Rome, the date of the daily register it belongs to
     */
    public LocalDate registrationDate() {
        return registeredAt.atZone(ROME).toLocalDate();
    }

    /**
     * The primary document, if any.
     *
     * @return the primary document, if any
     */
    public Optional<StoredDocument> primary() {
        return documents.stream().filter(d -> d.role() == StoredDocument.Role.PRIMARY).findFirst();
    }

    /**
     * The {@linkplain RegistrationRequest#fingerprint(List) fingerprint} of the request that made this
     * registration, derived from what it recorded (the protected fields cannot have changed since):
     * a registry whose store holds no fingerprint for a key (registered before it kept them) compares
     * this one instead.
     *
     * @return {@code fp1:} followed by 64 lower-case hex digits
     */
    public String fingerprint() {
        List<Impronta> impronte = documents.stream()
                .filter(d -> d.role() == StoredDocument.Role.PRIMARY || d.role() == StoredDocument.Role.ATTACHMENT)
                .sorted(java.util.Comparator.comparingInt(StoredDocument::index))
                .map(StoredDocument::impronta).toList();
        return Fingerprints.of(id.register(), direction, channel, correspondents, oggetto, senderReference, receivedAt, impronte);
    }

    /**
     * Whether the fields the law protects (art. 53 c.1 a–d, f) are equal in both: number, date,
     * direction, correspondents, oggetto, documents and their impronte.
     *
     * @param other another version of the same registration
     * @return true when the protected fields are equal
     */
    public boolean sameProtectedFields(Registration other) {
        return id.equals(other.id) && registeredAt.equals(other.registeredAt) && direction == other.direction
                && correspondents.equals(other.correspondents) && oggetto.equals(other.oggetto)
                && documents.equals(other.documents);
    }
}
