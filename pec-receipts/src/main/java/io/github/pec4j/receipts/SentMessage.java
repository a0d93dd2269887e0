package io.github.pec4j.receipts;

import io.github.pec4j.core.OriginalMessage;
import io.github.pec4j.core.PecMessage;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An outgoing message as submitted to the AOO's provider: its client Message-ID (which every receipt
 * quotes as {@code X-Riferimento-Message-ID} and daticert {@code msgid}), when it was sent, and its
 * recipients.
 *
 * @param messageId the client Message-ID, without angle brackets
 * @param sentAt when it was handed to the provider
 * @param recipients To and Cc recipients
 * @param registration the outgoing registration's protocol id, when registered
 */
public record SentMessage(String messageId, Instant sentAt, List<Recipient> recipients, Optional<String> registration) {

    /**
     * @param address the mailbox
     * @param cc a Cc recipient (its consegna carries no postacert)
     */
    public record Recipient(String address, boolean cc) {
        /**
         * Creates the record: refuses null components.
         *
         * @param address the mailbox
         * @param cc a Cc recipient (its consegna carries no postacert)
         */
        public Recipient {
            address = Keys.address(Objects.requireNonNull(address, "address"));
        }
    }

    /**
     * Creates the record: copies the lists, refuses null components and refuses values out of range.
     *
     * @param messageId the client Message-ID, without angle brackets
     * @param sentAt when it was handed to the provider
     * @param recipients To and Cc recipients
     * @param registration the outgoing registration's protocol id, when registered
     */
    public SentMessage {
        messageId = Keys.bare(Objects.requireNonNull(messageId, "messageId"));
        if (messageId.isEmpty()) throw new IllegalArgumentException("messageId is empty");
        Objects.requireNonNull(sentAt, "sentAt");
        recipients = List.copyOf(recipients);
        Objects.requireNonNull(registration, "registration");
    }

    /**
     * A sent message to PEC recipients only, not yet tied to a registration.
     *
     * @param messageId the client Message-ID, the correlation key
     * @param sentAt when it was handed to the provider
     * @param to the recipients' addresses
     * @return the sent message
     */
    public static SentMessage of(String messageId, Instant sentAt, String... to) {
        return new SentMessage(messageId, sentAt, List.of(to).stream().map(a -> new Recipient(a, false)).toList(), Optional.empty());
    }

    /**
     * The same message tied to the registration it was sent under.
     *
     * @param protocolId the protocol id of the outgoing registration
     * @return a copy with the registration set
     */
    public SentMessage withRegistration(String protocolId) {
        return new SentMessage(messageId, sentAt, recipients, Optional.of(protocolId));
    }

    /**
     * The sent message read from its MIME form ({@code .eml} as submitted): Message-ID, Date, To and Cc;
     * {@code whenDateMissing} is the send time when Date is absent or unreadable.
     *
     * @param sent the message as submitted
     * @param whenDateMissing the send time to use when Date cannot be read
     * @return the sent message read from its MIME form ({@code .eml} as submitted): Message-ID, Date, To and Cc;
     *     {@code whenDateMissing} is the send time when Date is absent or unreadable
     * @throws IllegalArgumentException when it has no Message-ID (a PEC client always sets one)
     */
    public static SentMessage from(PecMessage sent, Instant whenDateMissing) {
        Objects.requireNonNull(whenDateMissing, "whenDateMissing");
        // The parser already reads an ordinary message's Message-ID, Date, To and Cc (RFC 5322 address lists).
        OriginalMessage o = sent.original().orElseThrow(() -> new IllegalArgumentException("the sent message has no readable headers"));
        String id = o.messageId().orElseThrow(() -> new IllegalArgumentException("the sent message has no Message-ID"));
        Instant at = o.date().map(OffsetDateTime::toInstant).orElse(whenDateMissing);
        List<Recipient> recipients = new ArrayList<>();
        o.to().forEach(a -> recipients.add(new Recipient(a, false)));
        o.cc().forEach(a -> recipients.add(new Recipient(a, true)));
        return new SentMessage(id, at, recipients, Optional.empty());
    }

    /**
     * Like {@link #from(PecMessage, Instant)}, with the epoch when the Date is missing (check {@link #sentAt()}).
     *
     * @param sent the message as submitted
     * @return the sent message
     */
    public static SentMessage from(PecMessage sent) {
        return from(sent, Instant.EPOCH);
    }
}
