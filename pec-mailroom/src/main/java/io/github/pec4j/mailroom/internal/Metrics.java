package io.github.pec4j.mailroom.internal;

import io.github.pec4j.receipts.OverdueWatch;
import io.github.pec4j.registry.IntakeEntry;
import io.github.pec4j.registry.OutboxEntry;
import java.time.Duration;

/**
 * What the pipeline measures. {@link #NONE} without Micrometer; {@link MicrometerMetrics} (the only class
 * naming Micrometer, loaded only when a registry is given) otherwise.
 */
public interface Metrics {
    /** A message's outcome and how long its intake took. */
    void outcome(IntakeEntry.Outcome outcome, Duration took);

    /** A mail sent, failed or given up. */
    void outbox(OutboxEntry entry);

    /** The queues' sizes after a round. */
    void queues(long errors, long quarantined, long unmatchedReceipts);

    /** The quota's share in use. */
    void quota(double share);

    /** A deadline passed by an outgoing message's recipient (OUT-TRACK-01). */
    void overdue(OverdueWatch.Deadline deadline);

    /** Measures nothing. */
    Metrics NONE = new Metrics() {
        @Override public void outcome(IntakeEntry.Outcome outcome, Duration took) {}
        @Override public void outbox(OutboxEntry entry) {}
        @Override public void queues(long errors, long quarantined, long unmatchedReceipts) {}
        @Override public void quota(double share) {}
        @Override public void overdue(OverdueWatch.Deadline deadline) {}
    };

    /** Metrics into a Micrometer {@code MeterRegistry} given as an {@code Object}, so callers never name Micrometer. */
    static Metrics micrometer(Object meterRegistry, String mailbox) {
        return new MicrometerMetrics(meterRegistry, mailbox);
    }
}
