package io.github.pec4j.simulator.internal;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** What the SMTP server asks of the provider while a message is submitted. */
public interface SubmissionHandler {
    /**
     * {@code null} to accept the sender of {@code MAIL FROM}, else the full SMTP reply line refusing it;
     * {@code login} is the user the session authenticated as, if it did.
     */
    @Nullable String checkSender(@Nullable String login, String sender);

    /** {@code null} to accept the recipient, else the full SMTP reply line refusing it. */
    @Nullable String checkRecipient(String sender, String recipient);

    /**
     * Takes a submitted message. Everything it causes (receipts, envelopes, deliveries) is done
     * before this returns, hence before the SMTP server answers {@code 250}.
     */
    void submit(String sender, List<String> recipients, byte[] raw);
}
