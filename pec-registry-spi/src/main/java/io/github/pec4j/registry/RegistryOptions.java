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
    /**
     * Creates the record: copies the lists and refuses null components.
     *
     * @param clock the registry's clock
     * @param properties provider-specific settings
     */
    public RegistryOptions {
        Objects.requireNonNull(clock, "clock");
        properties = Map.copyOf(properties);
    }

    /**
     * The system clock and no properties.
     *
     * @return the system clock and no properties
     */
    public static RegistryOptions defaults() {
        return new RegistryOptions(Clock.systemUTC(), Map.of());
    }

    /**
     * The same options with another clock.
     *
     * @param newClock the clock
     * @return a copy with the clock
     */
    public RegistryOptions withClock(Clock newClock) {
        return new RegistryOptions(newClock, properties);
    }

    /**
     * The same options with one more property.
     *
     * @param key the property's name
     * @param value its value
     * @return a copy with the property set
     */
    public RegistryOptions with(String key, String value) {
        Map<String, String> copy = new TreeMap<>(properties);
        copy.put(Checks.text(key, "key"), Objects.requireNonNull(value, "value"));
        return new RegistryOptions(clock, copy);
    }

    /**
     * A provider property.
     *
     * @param key the property's name
     * @return its value, or empty when it is not set
     */
    public java.util.Optional<String> property(String key) {
        return java.util.Optional.ofNullable(properties.get(key));
    }

    /** A property whose key names a secret has its value hidden by {@link #toString()}. */
    private static final java.util.regex.Pattern SECRET_KEY = java.util.regex.Pattern.compile("(?i).*(password|passwd|secret|token|credential).*");
    /** A secret written inside a value, e.g. {@code ?password=x} or {@code ;PASSWORD=x} in a JDBC URL, or {@code user:x@} in a URL. */
    private static final java.util.regex.Pattern SECRET_IN_VALUE = java.util.regex.Pattern.compile(
            "(?i)((?:password|passwd|secret|token|credential)[a-z_.-]*=)[^;&,\\s]*|(//[^/:@\\s]+:)[^@/\\s]+(@)");

    /** The clock and the properties, with every secret value replaced by {@code ***}: safe to log. */
    @Override
    public String toString() {
        Map<String, String> shown = new TreeMap<>();
        properties.forEach((k, v) -> shown.put(k, redacted(k, v)));
        return "RegistryOptions[clock=" + clock + ", properties=" + shown + "]";
    }

    /** {@code value} as it may be shown: {@code ***} for a secret key, and secrets inside it hidden. */
    static String redacted(String key, String value) {
        if (SECRET_KEY.matcher(key).matches()) return "***";
        return SECRET_IN_VALUE.matcher(value).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(
                m.group(1) != null ? m.group(1) + "***" : m.group(2) + "***" + m.group(3)));
    }
}
