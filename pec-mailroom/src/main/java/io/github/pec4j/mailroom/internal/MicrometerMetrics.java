package io.github.pec4j.mailroom.internal;

import io.github.pec4j.receipts.OverdueWatch;
import io.github.pec4j.registry.IntakeEntry;
import io.github.pec4j.registry.OutboxEntry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * The only class naming Micrometer (an optional dependency): loaded only when the application gives a
 * {@code MeterRegistry}. Meters: {@code pec4j.mailroom.messages{outcome}} (counter), {@code
 * pec4j.mailroom.intake} (timer), {@code pec4j.mailroom.outbox{kind,state}} (counter), {@code
 * pec4j.mailroom.queue{queue}} and {@code pec4j.mailroom.quota} (gauges), {@code pec4j.mailroom.overdue{deadline}} (counter); every meter is tagged {@code mailbox}.
 */
final class MicrometerMetrics implements Metrics {
    private final MeterRegistry registry;
    private final Tags base;
    private final Timer intake;
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong quarantined = new AtomicLong();
    private final AtomicLong unmatched = new AtomicLong();
    private final DoubleAdder quotaShare = new DoubleAdder();

    MicrometerMetrics(Object meterRegistry, String mailbox) {
        this.registry = (MeterRegistry) meterRegistry;
        this.base = Tags.of("mailbox", mailbox);
        this.intake = Timer.builder("pec4j.mailroom.intake").description("time to take one message in, fetch to move")
                .tags(base).register(registry);
        gauge("errors", errors);
        gauge("quarantine", quarantined);
        gauge("receipts-unmatched", unmatched);
        Gauge.builder("pec4j.mailroom.quota", quotaShare, DoubleAdder::sum).description("share of the box's quota in use")
                .tags(base).register(registry);
    }

    private void gauge(String queue, AtomicLong value) {
        Gauge.builder("pec4j.mailroom.queue", value, AtomicLong::get).description("messages waiting in a queue")
                .tags(base.and("queue", queue)).register(registry);
    }

    @Override
    public void outcome(IntakeEntry.Outcome outcome, Duration took) {
        Counter.builder("pec4j.mailroom.messages").description("messages taken in, by outcome")
                .tags(base.and("outcome", outcome.name().toLowerCase(Locale.ROOT).replace('_', '-'))).register(registry).increment();
        intake.record(took);
    }

    @Override
    public void outbox(OutboxEntry entry) {
        Counter.builder("pec4j.mailroom.outbox").description("notifications and replies, by state after an attempt")
                .tags(base.and("kind", entry.kind().name().toLowerCase(Locale.ROOT), "state", entry.state().name().toLowerCase(Locale.ROOT)))
                .register(registry).increment();
    }

    @Override
    public void queues(long errorCount, long quarantineCount, long unmatchedCount) {
        errors.set(errorCount);
        quarantined.set(quarantineCount);
        unmatched.set(unmatchedCount);
    }

    @Override
    public void quota(double share) {
        quotaShare.reset();
        quotaShare.add(share);
    }

    @Override
    public void overdue(OverdueWatch.Deadline deadline) {
        Counter.builder("pec4j.mailroom.overdue").description("outgoing recipients past a delivery deadline (OUT-TRACK-01)")
                .tags(base.and("deadline", deadline.id())).register(registry).increment();
    }
}
