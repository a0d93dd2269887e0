package io.github.pec4j.spring.boot;

import io.github.pec4j.mailroom.MailroomListener;
import io.github.pec4j.mailroom.QuotaUse;
import io.github.pec4j.mailroom.RoundReport;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the auto-configured mailroom last told about its box: when it last completed a round, and the
 * quota the server reported. The mailbox health indicator reads it; the mailroom itself has no probe, and
 * a round that fails (mailbox or registry unreachable) completes no round.
 */
public final class MailroomStatus implements MailroomListener {
    private final Clock clock;
    private final Instant since;
    private volatile RoundReport lastRound;
    private volatile Instant lastRoundAt;
    private volatile QuotaUse lastQuota;

    /**
     * A status with no round yet.
     *
     * @param clock the clock rounds are timed by
     */
    public MailroomStatus(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.since = clock.instant();
    }

    @Override
    public void onRound(RoundReport report) {
        lastRound = report;
        lastRoundAt = clock.instant();
        report.quota().ifPresent(q -> lastQuota = q);
    }

    @Override
    public void onQuota(QuotaUse quota) {
        lastQuota = quota;
    }

    /** @return when this status began (the mailroom was built) */
    public Instant since() {
        return since;
    }

    /** @return the last completed round, if any */
    public Optional<RoundReport> lastRound() {
        return Optional.ofNullable(lastRound);
    }

    /** @return when the last round completed, if any */
    public Optional<Instant> lastRoundAt() {
        return Optional.ofNullable(lastRoundAt);
    }

    /** @return the last quota the server reported, if any */
    public Optional<QuotaUse> lastQuota() {
        return Optional.ofNullable(lastQuota);
    }
}
