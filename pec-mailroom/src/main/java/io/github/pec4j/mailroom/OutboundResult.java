package io.github.pec4j.mailroom;

import io.github.pec4j.registry.ProtocolId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What became of an outgoing letter.
 *
 * @param preflight the pre-flight's findings (its warnings also when the letter left)
 * @param state where the letter stands
 * @param protocol its protocol number, once registered
 * @param messageId the Message-ID it is sent with (every receipt quotes it), once registered
 * @param recipients the recipients as resolved (empty when the pre-flight could not resolve them all)
 * @param failure the provider's own words when it refused the submission, or the last temporary failure
 */
public record OutboundResult(Preflight preflight, State state, Optional<ProtocolId> protocol, Optional<String> messageId,
        List<Addressee> recipients, Optional<String> failure) {

    /** Where a letter stands. */
    public enum State {
        /** The pre-flight failed: nothing registered, no number used, nothing sent. */
        REFUSED_BY_PREFLIGHT,
        /**
         * Registered, waiting in the outbox: after a temporary failure (retried with back-off), or while another node holds
         * the box's sending lease (that node submits it at its next resume, OUT-ONCE-02); {@link #failure()} says which.
         */
        REGISTERED,
        /** Registered and accepted by the provider's SMTP server; the receipts follow. */
        SUBMITTED,
        /** Registered, refused by the provider for good; its words are recorded on the registration (OUT-REFUSE-01). */
        REFUSED_BY_PROVIDER
    }

    /**
     * Checks and copies.
     *
     * @param preflight the pre-flight's findings (its warnings also when the letter left)
     * @param state where the letter stands
     * @param protocol its protocol number, once registered
     * @param messageId the Message-ID it is sent with (every receipt quotes it), once registered
     * @param recipients the recipients as resolved (empty when the pre-flight could not resolve them all)
     * @param failure the provider's own words when it refused the submission, or the last temporary failure
     */
    public OutboundResult {
        Objects.requireNonNull(preflight, "preflight");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(messageId, "messageId");
        recipients = List.copyOf(recipients);
        Objects.requireNonNull(failure, "failure");
    }

    /** A letter stopped by its pre-flight. */
    static OutboundResult refused(Preflight preflight) {
        return new OutboundResult(preflight, State.REFUSED_BY_PREFLIGHT, Optional.empty(), Optional.empty(), List.of(), Optional.empty());
    }
}
