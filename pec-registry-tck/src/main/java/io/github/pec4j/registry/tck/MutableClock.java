package io.github.pec4j.registry.tck;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/** A clock the kit sets and advances; thread-safe. */
public final class MutableClock extends Clock {
    private volatile Instant now;

    private MutableClock(Instant now) {
        this.now = Objects.requireNonNull(now, "now");
    }

    /**
     * A clock standing still at {@code isoInstant}, in UTC, until a test moves it.
     *
     * @param isoInstant an instant in ISO-8601 form, such as {@code 2025-03-14T09:00:00Z}
     * @return the clock
     */
    public static MutableClock at(String isoInstant) {
        return new MutableClock(Instant.parse(isoInstant));
    }

    /**
     * Moves the clock to {@code instant}, backwards or forwards.
     *
     * @param instant the new time
     */
    public void set(Instant instant) {
        now = Objects.requireNonNull(instant, "instant");
    }

    /**
     * Moves the clock to an instant given in ISO-8601 form.
     *
     * @param isoInstant the new time, such as {@code 2025-03-14T09:00:00Z}
     */
    public void set(String isoInstant) {
        set(Instant.parse(isoInstant));
    }

    /**
     * Moves the clock forward.
     *
     * @param duration how far to move it; a negative duration moves it back
     */
    public void advance(Duration duration) {
        now = now.plus(duration);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("registries read instants; zones are theirs to apply");
    }
}
