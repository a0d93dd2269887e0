package io.github.pec4j.registry;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How to open a registry: the clock it reads the time from (inject one in tests: numbering
 * restarts at 00:00 Europe/Rome on 1 January) and provider-specific properties, e.g. a JDBC URL.
 *
 * @param clock the registry's clock
 * @param properties provider-specific settings
 */
public record RegistryOptions(Clock clock, Map<String, String> properties) {
    public RegistryOptions {
        Objects.requireNonNull(clock, "clock");
        properties = Map.copyOf(properties);
    }

    /** The system clock and no properties. */
    public static RegistryOptions defaults() {
        return new RegistryOptions(Clock.systemUTC(), Map.of());
    }

    public RegistryOptions withClock(Clock newClock) {
        return new RegistryOptions(newClock, properties);
    }

    public RegistryOptions with(String key, String value) {
        Map<String, String> copy = new TreeMap<>(properties);
        copy.put(Checks.text(key, "key"), Objects.requireNonNull(value, "value"));
        return new RegistryOptions(clock, copy);
    }

    public java.util.Optional<String> property(String key) {
        return java.util.Optional.ofNullable(properties.get(key));
    }
}
