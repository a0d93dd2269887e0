package io.github.pec4j.simulator.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.function.Supplier;

/** A clock reading the simulator's time. */
public final class SimulatorClock extends Clock {
    private final Supplier<Instant> now;
    private final ZoneId zone;

    public SimulatorClock(Supplier<Instant> now, ZoneId zone) {
        this.now = Objects.requireNonNull(now, "now");
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new SimulatorClock(now, zone);
    }

    @Override
    public Instant instant() {
        return now.get();
    }
}
