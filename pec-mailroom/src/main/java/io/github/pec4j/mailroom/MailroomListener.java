package io.github.pec4j.mailroom;

import io.github.pec4j.receipts.OverdueWatch;
import io.github.pec4j.registry.IntakeEntry;
import io.github.pec4j.registry.OutboxEntry;

/**
 * What an integrator hears from a running mailroom, to drive its own screens: every committed
 * outcome and every mail sent or given up. Called on the intake thread after the commit; a listener
 * that throws is logged and ignored (it never stops the intake). Every method has an empty default.
 */
public interface MailroomListener {

    /**
     * A message's outcome was committed (and the message is about to leave INBOX).
     *
     * @param entry the journal entry committed
     */
    default void onOutcome(IntakeEntry entry) {}

    /**
     * A notification or reply was sent, failed an attempt, or was given up.
     *
     * @param entry the outbox entry as stored
     */
    default void onOutbox(OutboxEntry entry) {}

    /**
     * The box's quota, once a round, when the server reports one (MRM-QUOTA-01).
     *
     * @param quota the box's quota, when the server reports one
     */
    default void onQuota(QuotaUse quota) {}

    /**
     * An outgoing registration's recipient passed a delivery deadline (12 h warning or 24 h final notice) without a
     * delivery receipt (OUT-TRACK-01). Heard once per recipient and deadline, from the node holding the box's lease,
     * during a round, at most every {@link Mailroom.Builder#overdueCheckEvery overdueCheckEvery}. Called before the
     * report is recorded in the register: a listener that throws hears of it again at the next check.
     *
     * @param event the deadline passed, with the registration and the recipient
     */
    default void onOverdue(OverdueWatch.OverdueEvent event) {}

    /**
     * A round ended (also when another node held the box and nothing was taken).
     *
     * @param report what the round did
     */
    default void onRound(RoundReport report) {}
}
