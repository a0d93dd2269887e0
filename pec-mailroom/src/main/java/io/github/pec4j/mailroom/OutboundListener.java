package io.github.pec4j.mailroom;

import io.github.pec4j.registry.ProtocolId;
import java.time.Instant;

/**
 * What an integrator hears from {@link Outbound}: a letter submitted, refused by the provider, or waiting
 * for a retry. Called after the registry recorded it; a listener that throws is logged and ignored. Every
 * method has an empty default.
 */
public interface OutboundListener {

    /**
     * The provider's SMTP server accepted the letter.
     *
     * @param messageId the Message-ID it is sent with (every receipt quotes it), once registered
     * @param letter the letter's protocol id
     */
    default void onSubmitted(ProtocolId letter, String messageId) {}

    /**
     * The provider refused the letter for good (OUT-REFUSE-01), in its own words (e.g. {@code 553 5.7.1 ...}).
     *
     * @param letter the letter's protocol id
     * @param providerWords the provider's refusal as it wrote it
     */
    default void onRefused(ProtocolId letter, String providerWords) {}

    /**
     * A temporary failure; the letter is tried again at {@code nextAttempt}.
     *
     * @param letter the letter's protocol id
     * @param error what went wrong
     * @param nextAttempt when the letter is tried again
     */
    default void onRetry(ProtocolId letter, String error, Instant nextAttempt) {}
}
