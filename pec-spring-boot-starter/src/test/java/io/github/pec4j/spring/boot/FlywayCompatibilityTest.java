package io.github.pec4j.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pec4j.spring.boot.internal.FlywayCompatibility;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** Boot 3.5's Flyway auto-configuration is turned off by default with pec4j's Flyway 13, never against the application's word. */
class FlywayCompatibilityTest {
    @Test
    void bootsFlywayIsOffByDefaultWithFlyway13() {
        assertThat(FlywayCompatibility.bootsFlywaySupportBreaks(getClass().getClassLoader())).isTrue();
        StandardEnvironment env = new StandardEnvironment();
        new FlywayCompatibility().postProcessEnvironment(env, new SpringApplication());
        assertThat(env.getProperty("spring.flyway.enabled")).isEqualTo("false");
    }

    @Test
    void theApplicationsSettingWins() {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().addFirst(new MapPropertySource("application", Map.of("spring.flyway.enabled", "true")));
        new FlywayCompatibility().postProcessEnvironment(env, new SpringApplication());
        assertThat(env.getProperty("spring.flyway.enabled")).isEqualTo("true");
    }

    @Test
    void nothingWithoutFlyway() {
        ClassLoader noFlyway = new ClassLoader(null) {};
        assertThat(FlywayCompatibility.bootsFlywaySupportBreaks(noFlyway)).isFalse();
    }
}
