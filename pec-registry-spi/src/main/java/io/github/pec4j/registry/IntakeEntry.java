package io.github.pec4j.registry;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The committed outcome of one message taken in from a mailbox by {@code pec-mailroom}: the fact that
 * lets the message leave the mailbox's INBOX (MRM-EXACT-01) and lets a restart repair a crash
 * (MRM-EXACT-02). One entry per mailbox and intake key; a re-processed message replaces its entry.
 *
 * @param mailbox the institutional box, lower-case address
 * @param key the message's intake key (see {@code PecAdmission.intakeKey}); for a message without
 *     any identifier, a key over its bytes
 * @param messageId the message's Message-ID header, if any (for people, never for identity)
 * @param kind the kind the parser saw ({@code PecKind.id()}, e.g. {@code posta-certificata}), or
 *     {@code unreadable}
 * @param sender the sender's address as read, if any
 * @param subject the subject as read, if any (at most 1,000 characters)
 * @param outcome what happened
 * @param registration the registration it became or was filed on, if any
 * @param reasons why, in words an operator reads (rule ids first where there are rules)
 * @param folder the mailbox folder the message is (or will be) moved to
 * @param at when this outcome was committed
 * @param attempts how many times the message was processed (1 the first time)
 */
public record IntakeEntry(
        String mailbox,
        IdempotencyKey key,
        Optional<String> messageId,
        String kind,
        Optional<String> sender,
        Optional<String> subject,
        Outcome outcome,
        Optional<ProtocolId> registration,
        List<String> reasons,
        String folder,
        Instant at,
        int attempts) {

    /** The outcomes of a message's intake. */
    public enum Outcome {
        /** Registered as incoming correspondence, with a new number. */
        REGISTERED,
        /** Its key was registered before (the same message taken in again): nothing new was registered. */
        DUPLICATE,
        /** A receipt filed on the outgoing registration it belongs to. */
        RECEIPT,
        /** A receipt whose outgoing registration is not (yet) known: kept and matched later. */
        RECEIPT_UNMATCHED,
        /** Refused (ordinary mail under a REJECT policy, a non-receivable message): the sender was answered where the rules say so. */
        REFUSED,
        /** Held for an operator: not proven genuine, not read completely, an idempotency conflict, a policy. */
        QUARANTINED,
        /** Could not be read, decided or stored: it waits in the errors queue to be re-processed. */
        ERROR
    }

    /**
     * Creates the record: copies the lists, refuses null components and refuses values out of range.
     *
     * @param mailbox the institutional box, lower-case address
     * @param key the message's intake key (see {@code PecAdmission.intakeKey}); for a message without any identifier,
     *     a key over its bytes
     * @param messageId the message's Message-ID header, if any (for people, never for identity)
     * @param kind the kind the parser saw ({@code PecKind.id()}, e.g. {@code posta-certificata}), or {@code
     *     unreadable}
     * @param sender the sender's address as read, if any
     * @param subject the subject as read, if any (at most 1,000 characters)
     * @param outcome what happened
     * @param registration the registration it became or was filed on, if any
     * @param reasons why, in words an operator reads (rule ids first where there are rules)
     * @param folder the mailbox folder the message is (or will be) moved to
     * @param at when this outcome was committed
     * @param attempts how many times the message was processed (1 the first time)
     */
    public IntakeEntry {
        Checks.text(mailbox, "mailbox");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(messageId, "messageId");
        Checks.text(kind, "kind");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(registration, "registration");
        reasons = List.copyOf(reasons);
        Checks.text(folder, "folder");
        Objects.requireNonNull(at, "at");
        if (attempts < 1) throw new IllegalArgumentException("attempts must be at least 1");
        subject = subject.map(s -> s.length() > 1000 ? s.substring(0, 1000) : s);
    }

    /**
     * Whether the message waits for an operator or a retry (errors, quarantine, unmatched receipts).
     *
     * @return whether the message waits for an operator or a retry (errors, quarantine, unmatched receipts)
     */
    public boolean queued() {
        return outcome == Outcome.ERROR || outcome == Outcome.QUARANTINED || outcome == Outcome.RECEIPT_UNMATCHED;
    }
}
