package io.github.pec4j.receipts;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a sent message stands, recipient by recipient, at a given time.
 *
 * @param messageId the client Message-ID
 * @param registration the outgoing registration, if known
 * @param overall the worst light among the recipients: red (not yet out, or a failure to act on),
 *     yellow (left our system: delivery pending, or not provable — an {@code esterno} recipient keeps
 *     the message yellow for good), green (every recipient delivered with a delivery receipt)
 * @param acceptedAt when the provider accepted it
 * @param identificativo the provider's identifier of the message, learnt from the accettazione
 * @param recipients each recipient
 * @param at the time the deadlines were applied at
 */
public record DeliveryStatus(String messageId, Optional<String> registration, DeliveryState.Light overall, Optional<Instant> acceptedAt,
        Optional<String> identificativo, List<RecipientStatus> recipients, Instant at) {
    /**
     * Creates the record: copies the lists and refuses null components.
     *
     * @param messageId the client Message-ID
     * @param registration the outgoing registration, if known
     * @param overall the worst light among the recipients: red (not yet out, or a failure to act on), yellow (left
     *     our system: delivery pending, or not provable — an {@code esterno} recipient keeps the message yellow for
     *     good), green (every recipient delivered with a delivery receipt)
     * @param acceptedAt when the provider accepted it
     * @param identificativo the provider's identifier of the message, learnt from the accettazione
     * @param recipients each recipient
     * @param at the time the deadlines were applied at
     */
    public DeliveryStatus {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(registration, "registration");
        Objects.requireNonNull(overall, "overall");
        Objects.requireNonNull(acceptedAt, "acceptedAt");
        Objects.requireNonNull(identificativo, "identificativo");
        recipients = List.copyOf(recipients);
        Objects.requireNonNull(at, "at");
    }
}
