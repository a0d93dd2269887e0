package io.github.pec4j.receipts;

import io.github.pec4j.core.Headers;
import io.github.pec4j.core.PecMessage;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
        public Recipient {
            address = Keys.address(Objects.requireNonNull(address, "address"));
        }
    }

    public SentMessage {
        messageId = Keys.bare(Objects.requireNonNull(messageId, "messageId"));
        if (messageId.isEmpty()) throw new IllegalArgumentException("messageId is empty");
        Objects.requireNonNull(sentAt, "sentAt");
        recipients = List.copyOf(recipients);
        Objects.requireNonNull(registration, "registration");
    }

    public static SentMessage of(String messageId, Instant sentAt, String... to) {
        return new SentMessage(messageId, sentAt, List.of(to).stream().map(a -> new Recipient(a, false)).toList(), Optional.empty());
    }

    public SentMessage withRegistration(String protocolId) {
        return new SentMessage(messageId, sentAt, recipients, Optional.of(protocolId));
    }

    /**
     * The sent message read from its MIME form ({@code .eml} as submitted): Message-ID, Date, To and Cc;
     * {@code whenDateMissing} is the send time when Date is absent or unreadable.
     *
     * @throws IllegalArgumentException when it has no Message-ID (a PEC client always sets one)
     */
    public static SentMessage from(PecMessage sent, Instant whenDateMissing) {
        Headers h = sent.headers();
        String id = h.first("Message-ID").orElseThrow(() -> new IllegalArgumentException("the sent message has no Message-ID"));
        Instant at = h.first("Date").flatMap(SentMessage::date).orElse(Objects.requireNonNull(whenDateMissing, "whenDateMissing"));
        List<Recipient> recipients = new ArrayList<>();
        h.all("To").forEach(v -> Keys.addresses(v).forEach(a -> recipients.add(new Recipient(a, false))));
        h.all("Cc").forEach(v -> Keys.addresses(v).forEach(a -> recipients.add(new Recipient(a, true))));
        return new SentMessage(id, at, recipients, Optional.empty());
    }

    /** Like {@link #from(PecMessage, Instant)}, with the epoch when the Date is missing (check {@link #sentAt()}). */
    public static SentMessage from(PecMessage sent) {
        return from(sent, Instant.EPOCH);
    }

    private static Optional<Instant> date(String value) {
        try {
            return Optional.of(OffsetDateTime.parse(value.trim().replaceAll("\\s*\\(.*\\)$", ""), DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code address} is a recipient (ignoring case). */
    boolean has(String address) {
        String a = address.toLowerCase(Locale.ROOT);
        return recipients.stream().anyMatch(r -> r.address().equals(a));
    }
}
