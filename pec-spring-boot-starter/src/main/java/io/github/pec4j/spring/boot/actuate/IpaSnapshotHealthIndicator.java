package io.github.pec4j.spring.boot.actuate;

import io.github.pec4j.directory.IpaDirectory;
import io.github.pec4j.directory.IpaSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Objects;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * Whether the IPA snapshot is recent enough to say who owns an address: DOWN when it is older (in days,
 * Italian calendar) than the threshold ({@code pec4j.health.ipa-max-age}), with its date and age.
 */
public class IpaSnapshotHealthIndicator extends AbstractHealthIndicator {
    private final IpaDirectory ipa;
    private final Clock clock;
    private final Duration maxAge;

    /**
     * @param ipa the IPA directory
     * @param clock the clock that says what day it is
     * @param maxAge the largest age reported UP
     */
    public IpaSnapshotHealthIndicator(IpaDirectory ipa, Clock clock, Duration maxAge) {
        super("the IPA snapshot cannot be read");
        this.ipa = Objects.requireNonNull(ipa, "ipa");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        IpaSnapshot snapshot = ipa.snapshot();
        long age = snapshot.ageInDays(LocalDate.now(clock.withZone(IpaSnapshot.ZONE)));
        (age > maxAge.toDays() ? builder.down() : builder.up()).withDetail("snapshotDate", snapshot.date().toString())
                .withDetail("ageDays", age).withDetail("maxAgeDays", maxAge.toDays()).withDetail("addresses", snapshot.addresses());
    }
}
