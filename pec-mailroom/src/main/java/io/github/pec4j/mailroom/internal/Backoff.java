package io.github.pec4j.mailroom.internal;

import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * Exponential back-off between reconnection attempts: none before the first connection, then
 * {@code initial}, doubling up to {@code max} while attempts keep failing, each wait drawn between half
 * and all of that (jitter, so many nodes do not reconnect in step). Reset by a successful connection.
 */
public final class Backoff {

    /** Sleeps; replaced in tests. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final Duration initial;
    private final Duration max;
    private final DoubleSupplier random;
    private final Sleeper sleeper;
    private int failures;

    public Backoff(Duration initial, Duration max, DoubleSupplier random, Sleeper sleeper) {
        if (initial.isNegative() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("back-off needs 0 <= initial <= max: " + initial + ", " + max);
        }
        this.initial = initial;
        this.max = max;
        this.random = Objects.requireNonNull(random);
        this.sleeper = Objects.requireNonNull(sleeper);
    }

    /** 1 s doubling up to 60 s, with jitter. */
    public static Backoff standard() {
        return new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), Math::random, d -> Thread.sleep(d.toMillis()));
    }

    /** A connection failed or dropped. */
    public void failed() {
        failures = Math.min(failures + 1, 30);
    }

    /** A connection was made. */
    public void succeeded() {
        failures = 0;
    }

    /** The wait before the next attempt (zero when nothing failed). */
    public Duration delay() {
        if (failures == 0) {
            return Duration.ZERO;
        }
        long ceiling = Math.min(max.toMillis(), initial.toMillis() << Math.min(failures - 1, 20));
        return Duration.ofMillis((long) (ceiling * (0.5 + 0.5 * random.getAsDouble())));
    }

    /** Waits {@link #delay()}; an interrupt becomes an {@link InterruptedIOException} (the flag is kept). */
    public void await() throws InterruptedIOException {
        Duration d = delay();
        if (d.isZero()) {
            return;
        }
        try {
            sleeper.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to reconnect");
        }
    }
}
