package io.github.pec4j.spring.boot.internal;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Spring Boot 3.5's Flyway auto-configuration calls {@code FluentConfiguration.cleanOnValidationError}, which
 * the Flyway release pec4j is built with (13) no longer has: with Flyway on the class path and a DataSource,
 * the application would fail to start. When that method is missing, this sets {@code
 * spring.flyway.enabled=false} at the lowest precedence (any setting of the application wins). pec4j's
 * registry migrates its own tables with Flyway's API, under its own history table.
 */
public final class FlywayCompatibility implements EnvironmentPostProcessor {
    /** The property source's name. */
    public static final String SOURCE = "pec4jFlywayCompatibility";

    /** Created by Spring Boot from {@code META-INF/spring.factories}. */
    public FlywayCompatibility() {}

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (bootsFlywaySupportBreaks(getClass().getClassLoader())) {
            environment.getPropertySources().addLast(new MapPropertySource(SOURCE, Map.of("spring.flyway.enabled", "false")));
        }
    }

    /**
     * Whether Flyway is present without the method Boot 3.5's auto-configuration calls.
     *
     * @param loader the class loader to look in
     * @return true when Boot's Flyway auto-configuration would fail
     */
    public static boolean bootsFlywaySupportBreaks(ClassLoader loader) {
        try {
            Class<?> fluent = Class.forName("org.flywaydb.core.api.configuration.FluentConfiguration", false, loader);
            fluent.getMethod("cleanOnValidationError", boolean.class);
            return false;
        } catch (ClassNotFoundException e) {
            return false; // no Flyway: nothing to turn off
        } catch (NoSuchMethodException e) {
            return true;
        }
    }
}
