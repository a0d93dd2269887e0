package io.github.pec4j.spring.boot.actuate;

import io.github.pec4j.mailroom.QuotaUse;
import io.github.pec4j.spring.boot.MailroomStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * Whether the mailroom reaches its box, and how full the box is. The mailroom completes a round only when
 * the mailbox and the registry answered, so: DOWN when no round completed within {@code
 * pec4j.health.mailbox-max-silence} (since the last one, or since start), DOWN when the quota the server
 * reported is at or above {@code pec4j.health.quota-down-at}; UNKNOWN before the first round, while still
 * within the silence allowed; else UP. Details: the box, the last round's time and lease, the quota.
 */
public class MailboxHealthIndicator extends AbstractHealthIndicator {
    private final String box;
    private final MailroomStatus status;
    private final Clock clock;
    private final Duration maxSilence;
    private final double quotaDownAt;

    /**
     * @param box the institutional box's address
     * @param status what the mailroom last reported
     * @param clock the clock
     * @param maxSilence the longest time without a completed round reported UP
     * @param quotaDownAt the share of the quota (0-1) from which the box is DOWN
     */
    public MailboxHealthIndicator(String box, MailroomStatus status, Clock clock, Duration maxSilence, double quotaDownAt) {
        super("the mailbox state cannot be read");
        this.box = Objects.requireNonNull(box, "box");
        this.status = Objects.requireNonNull(status, "status");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxSilence = Objects.requireNonNull(maxSilence, "maxSilence");
        this.quotaDownAt = quotaDownAt;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Instant now = clock.instant();
        Optional<Instant> last = status.lastRoundAt();
        boolean silent = last.orElse(status.since()).plus(maxSilence).isBefore(now);
        builder.withDetail("mailbox", box);
        last.ifPresent(t -> builder.withDetail("lastRound", t.toString()));
        status.lastRound().ifPresent(r -> builder.withDetail("leaseHeld", r.leaseHeld()));
        Optional<QuotaUse> quota = status.lastQuota();
        quota.ifPresent(q -> builder.withDetail("quotaUsedKb", q.usedKb()).withDetail("quotaLimitKb", q.limitKb())
                .withDetail("quotaShare", q.share()).withDetail("quotaLevel", q.level().name()));
        if (silent) {
            builder.down().withDetail("reason", last.isEmpty() ? "no round completed since start" : "no round completed for over " + maxSilence);
        } else if (quota.isPresent() && quota.get().share() >= quotaDownAt) {
            builder.down().withDetail("reason", "mailbox quota at or above " + quotaDownAt);
        } else if (last.isEmpty()) {
            builder.unknown().withDetail("reason", "no round completed yet");
        } else {
            builder.up();
        }
    }
}
