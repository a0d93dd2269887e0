package io.github.pec4j.simulator;

import java.util.Objects;
import java.util.Optional;

/**
 * A message the simulator put into a box on a test's request.
 *
 * @param box the recipient box
 * @param identificativo the provider's identificativo, for PEC envelopes and receipts
 * @param messageId the client Message-ID it refers to (envelopes and receipts: the
 *     {@code X-Riferimento-Message-ID}; ordinary mail: its own Message-ID), without angle brackets
 * @param raw the bytes stored
 */
public record DeliveredMessage(String box, Optional<String> identificativo, Optional<String> messageId, byte[] raw) {
    /**
     * Copies the bytes.
     *
     * @param box the recipient box
     * @param identificativo the provider's identificativo, for PEC envelopes and receipts
     * @param messageId the client Message-ID it refers to (envelopes and receipts: the {@code
     *     X-Riferimento-Message-ID}; ordinary mail: its own Message-ID), without angle brackets
     * @param raw the bytes stored
     */
    public DeliveredMessage {
        Objects.requireNonNull(box, "box");
        Objects.requireNonNull(identificativo, "identificativo");
        Objects.requireNonNull(messageId, "messageId");
        raw = raw.clone();
    }

    /**
     * A copy of the bytes.
     *
     * @return a copy of the bytes
     */
    @Override
    public byte[] raw() {
        return raw.clone();
    }
}
