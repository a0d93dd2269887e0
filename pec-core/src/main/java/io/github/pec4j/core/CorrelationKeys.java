package io.github.pec4j.core;

import java.util.Objects;
import java.util.Optional;

/**
 * The identifiers that tie receipts, envelopes and replies to the message that was sent, each
 * without angle brackets.
 *
 * @param riferimentoMessageId top-level {@code X-Riferimento-Message-ID}: the sender client's
 *     Message-ID, the primary key
 * @param msgid daticert {@code msgid}: the same identifier, as the provider signed it
 * @param identificativo daticert {@code identificativo}: the provider's identifier (the envelope's
 *     Message-ID, and {@code In-Reply-To} of replies)
 * @param messageId this message's own Message-ID (for de-duplication)
 * @param consegna daticert {@code consegna}: the recipient a delivery receipt or notice is about
 */
public record CorrelationKeys(
        Optional<String> riferimentoMessageId,
        Optional<String> msgid,
        Optional<String> identificativo,
        Optional<String> messageId,
        Optional<String> consegna) {

    /**
     * Creates the record: refuses null components.
     *
     * @param riferimentoMessageId top-level {@code X-Riferimento-Message-ID}: the sender client's Message-ID, the
     *     primary key
     * @param msgid daticert {@code msgid}: the same identifier, as the provider signed it
     * @param identificativo daticert {@code identificativo}: the provider's identifier (the envelope's Message-ID,
     *     and {@code In-Reply-To} of replies)
     * @param messageId this message's own Message-ID (for de-duplication)
     * @param consegna daticert {@code consegna}: the recipient a delivery receipt or notice is about
     */
    public CorrelationKeys {
        Objects.requireNonNull(riferimentoMessageId, "riferimentoMessageId");
        Objects.requireNonNull(msgid, "msgid");
        Objects.requireNonNull(identificativo, "identificativo");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(consegna, "consegna");
    }

    /**
     * The best key to match on: the client Message-ID from the header, else from daticert.
     *
     * @return the client Message-ID without angle brackets, or empty when neither source has one
     */
    public Optional<String> clientMessageId() {
        return riferimentoMessageId.or(() -> msgid);
    }
}
