package io.github.pec4j.mailroom;

import io.github.pec4j.registry.IntakeEntry;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What one round of intake did: one entry per message whose outcome was decided (or confirmed, for a message a
 * crash had left in INBOX) in this round, in the order taken.
 *
 * @param mailbox the box
 * @param startedAt when the round began
 * @param messages the outcomes, in order
 * @param leaseHeld false when another node held the box: this round took nothing (MRM-NODE-01)
 * @param quota the box's quota, when the server reports one
 */
public record RoundReport(String mailbox, Instant startedAt, List<IntakeEntry> messages, boolean leaseHeld, Optional<QuotaUse> quota) {

    /**
     * Copies the list.
     *
     * @param mailbox the box
     * @param startedAt when the round began
     * @param messages the outcomes, in order
     * @param leaseHeld false when another node held the box: this round took nothing (MRM-NODE-01)
     * @param quota the box's quota, when the server reports one
     */
    public RoundReport {
        Objects.requireNonNull(mailbox, "mailbox");
        Objects.requireNonNull(startedAt, "startedAt");
        messages = List.copyOf(messages);
        Objects.requireNonNull(quota, "quota");
    }

    /**
     * How many messages ended with {@code outcome}.
     *
     * @param outcome the outcome to count
     * @return how many messages ended with {@code outcome}
     */
    public long count(IntakeEntry.Outcome outcome) {
        return messages.stream().filter(e -> e.outcome() == outcome).count();
    }

    /**
     * The lower-case id of an outcome for reports and JSON: {@code registered}, {@code duplicate}, {@code receipt},
     * {@code receipt-unmatched}, {@code refused}, {@code quarantined}, {@code error}.
     *
     * @param outcome the outcome to name
     * @return the lower-case id of an outcome for reports and JSON: {@code registered}, {@code duplicate}, {@code
     *     receipt}, {@code receipt-unmatched}, {@code refused}, {@code quarantined}, {@code error}
     */
    public static String outcomeId(IntakeEntry.Outcome outcome) {
        return outcome.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
