package io.github.pec4j.simulator;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A message submitted to the simulator over SMTP, as it arrived.
 *
 * @param at when, by the simulator's clock
 * @param sender the SMTP envelope sender ({@code MAIL FROM}); empty string for the null sender
 * @param recipients the SMTP envelope recipients ({@code RCPT TO}) that were accepted
 * @param certified true when the sender is a PEC box of the simulator: the message went through
 *     PEC (accettazione, envelopes, consegne); false for ordinary mail
 * @param identificativo the provider's identificativo given to a certified message
 * @param messageId the message's own Message-ID, without angle brackets
 * @param subject the decoded Subject
 * @param raw the message bytes, exactly as submitted (what {@code postacert.eml} carries)
 */
public record Submission(Instant at, String sender, List<String> recipients, boolean certified,
        Optional<String> identificativo, Optional<String> messageId, Optional<String> subject, byte[] raw) {
    /**
     * Copies the lists and bytes.
     *
     * @param at when, by the simulator's clock
     * @param sender the SMTP envelope sender ({@code MAIL FROM}); empty string for the null sender
     * @param recipients the SMTP envelope recipients ({@code RCPT TO}) that were accepted
     * @param certified true when the sender is a PEC box of the simulator: the message went through PEC
     *     (accettazione, envelopes, consegne); false for ordinary mail
     * @param identificativo the provider's identificativo given to a certified message
     * @param messageId the message's own Message-ID, without angle brackets
     * @param subject the decoded Subject
     * @param raw the message bytes, exactly as submitted (what {@code postacert.eml} carries)
     */
    public Submission {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(sender, "sender");
        recipients = List.copyOf(recipients);
        Objects.requireNonNull(identificativo, "identificativo");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(subject, "subject");
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
