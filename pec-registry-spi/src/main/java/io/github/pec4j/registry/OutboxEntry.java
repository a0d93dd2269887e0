package io.github.pec4j.registry;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A mail {@code pec-mailroom} must send after a commit — an office's notification of an assignment,
 * the reply to refused ordinary mail — kept in the registry's store so that it is sent after the
 * commit, retried, and never lost or sent twice (MRM-NOTIF-02, MRM-ORD-02). Its {@link #id()} says
 * what it is for (e.g. {@code notify:c_x/AOO/PG/2026/0000007:UFF-TRIB}); the store keeps at most one
 * entry per id.
 *
 * @param id what the mail is for; at most 200 printable ASCII characters
 * @param kind notification, reply, outgoing letter or conferma di ricezione
 * @param from the sending address (the institutional box, or the address configured for notifications)
 * @param to the recipient's address
 * @param registration the registration it is about, if any
 * @param office the office notified, for notifications
 * @param subject the subject
 * @param body the plain-text body
 * @param withAttachments whether the registration's documents go with it ("con allegati")
 * @param inReplyTo the Message-ID answered, for replies
 * @param messageId the Message-ID the mail is sent with, the same on every attempt
 * @param state pending, sent, or given up
 * @param attempts failed attempts so far
 * @param lastError the last failure, in the server's words
 * @param createdAt when it was queued
 * @param nextAttemptAt when a pending entry is due
 * @param sentAt when it was sent
 */
public record OutboxEntry(
        String id,
        Kind kind,
        String from,
        String to,
        Optional<ProtocolId> registration,
        Optional<String> office,
        String subject,
        String body,
        boolean withAttachments,
        Optional<String> inReplyTo,
        String messageId,
        State state,
        int attempts,
        Optional<String> lastError,
        Instant createdAt,
        Optional<Instant> nextAttemptAt,
        Optional<Instant> sentAt) {

    /** What the mail is. */
    public enum Kind {
        /** An office is told of an assignment (MRM-NOTIF-01). */
        NOTIFICATION,
        /** The configured answer to refused ordinary mail (MRM-ORD-01). */
        REPLY,
        /**
         * An outgoing letter, registered and composed inside its registration (OUT-ONCE-01): it is sent
         * from the bytes stored with the registration, never composed again.
         */
        LETTER,
        /**
         * A conferma di ricezione answering an incoming segnatura (OUT-INTEROP-01): {@link #body()} is the XML, which
         * the mailroom sends attached as {@code Conferma.xml}.
         */
        CONFERMA
    }

    /** Where the mail stands. */
    public enum State {
        /** Waiting to be sent, or to be tried again. */
        PENDING,
        /** Accepted by the SMTP server. */
        SENT,
        /** Given up after the configured attempts; an operator sees it. */
        FAILED
    }

    /**
     * Creates the record: refuses null components and refuses values out of range.
     *
     * @param id what the mail is for; at most 200 printable ASCII characters
     * @param kind notification, reply, outgoing letter or conferma di ricezione
     * @param from the sending address (the institutional box, or the address configured for notifications)
     * @param to the recipient's address
     * @param registration the registration it is about, if any
     * @param office the office notified, for notifications
     * @param subject the subject
     * @param body the plain-text body
     * @param withAttachments whether the registration's documents go with it ("con allegati")
     * @param inReplyTo the Message-ID answered, for replies
     * @param messageId the Message-ID the mail is sent with, the same on every attempt
     * @param state pending, sent, or given up
     * @param attempts failed attempts so far
     * @param lastError the last failure, in the server's words
     * @param createdAt when it was queued
     * @param nextAttemptAt when a pending entry is due
     * @param sentAt when it was sent
     */
    public OutboxEntry {
        Checks.text(id, "id");
        if (id.length() > 200 || !id.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("an outbox id is 1-200 printable ASCII characters");
        }
        Objects.requireNonNull(kind, "kind");
        Checks.text(from, "from");
        Checks.text(to, "to");
        Objects.requireNonNull(registration, "registration");
        Objects.requireNonNull(office, "office");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(inReplyTo, "inReplyTo");
        Checks.text(messageId, "messageId");
        Objects.requireNonNull(state, "state");
        if (attempts < 0) throw new IllegalArgumentException("attempts must not be negative");
        Objects.requireNonNull(lastError, "lastError");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        Objects.requireNonNull(sentAt, "sentAt");
    }

    /**
     * This entry sent at {@code at} (what {@link MailroomState#markSent} stores); a sent entry is
     * returned unchanged.
     *
     * @param at when it was sent
     * @return this entry sent at {@code at} (what {@link MailroomState#markSent} stores); a sent entry is returned
     *     unchanged
     */
    public OutboxEntry sent(Instant at) {
        Objects.requireNonNull(at, "at");
        if (state == State.SENT) return this;
        return new OutboxEntry(id, kind, from, to, registration, office, subject, body, withAttachments, inReplyTo, messageId,
                State.SENT, attempts, lastError, createdAt, Optional.empty(), Optional.of(at));
    }

    /**
     * This entry after a failed attempt (what {@link MailroomState#markFailed} stores): attempts + 1,
     * the error kept, pending until {@code retryAt} or given up without one; a sent entry is returned
     * unchanged.
     *
     * @param error what went wrong, for the operator
     * @param retryAt when to try again; empty to give up
     * @return this entry after a failed attempt (what {@link MailroomState#markFailed} stores): attempts + 1, the
     *     error kept, pending until {@code retryAt} or given up without one; a sent entry is returned unchanged
     */
    public OutboxEntry failed(String error, Optional<Instant> retryAt) {
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(retryAt, "retryAt");
        if (state == State.SENT) return this;
        return new OutboxEntry(id, kind, from, to, registration, office, subject, body, withAttachments, inReplyTo, messageId,
                retryAt.isPresent() ? State.PENDING : State.FAILED, attempts + 1, Optional.of(error), createdAt, retryAt, Optional.empty());
    }

    /**
     * A new pending entry, due at once.
     *
     * @param id the entry's id, unique in the outbox
     * @param kind the kind the parser saw ({@code PecKind.id()}, e.g. {@code posta-certificata}), or {@code
     *     unreadable}
     * @param from registered on or after this Europe/Rome day
     * @param to registered on or before this Europe/Rome day
     * @param registration the registration: new, or the existing one with the same idempotency key
     * @param office the office (UO) code
     * @param subject the subject as read, if any (at most 1,000 characters)
     * @param body the plain-text body
     * @param withAttachments whether the registration's documents go with it ("con allegati")
     * @param inReplyTo the Message-ID answered, for replies
     * @param messageId the message's Message-ID header, if any (for people, never for identity)
     * @param now the creation time, also the first due time
     * @return a new pending entry, due at once
     */
    public static OutboxEntry pending(String id, Kind kind, String from, String to, Optional<ProtocolId> registration,
            Optional<String> office, String subject, String body, boolean withAttachments, Optional<String> inReplyTo,
            String messageId, Instant now) {
        return new OutboxEntry(id, kind, from, to, registration, office, subject, body, withAttachments, inReplyTo, messageId,
                State.PENDING, 0, Optional.empty(), now, Optional.of(now), Optional.empty());
    }
}
