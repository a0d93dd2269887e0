package io.github.pec4j.mailroom;

import io.github.pec4j.registry.IntakeEntry;
import io.github.pec4j.registry.OutboxEntry;

/**
 * What an integrator hears from a running mailroom, to drive its own screens: every committed
 * outcome and every mail sent or given up. Called on the intake thread after the commit; a listener
 * that throws is logged and ignored (it never stops the intake). Every method has an empty default.
 */
public interface MailroomListener {

    /** A message's outcome was committed (and the message is about to leave INBOX). */
    default void onOutcome(IntakeEntry entry) {}

    /** A notification or reply was sent, failed an attempt, or was given up. */
    default void onOutbox(OutboxEntry entry) {}
}
