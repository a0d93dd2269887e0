package io.github.pec4j.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pec4j.directory.IpaDirectory;
import io.github.pec4j.mailroom.QuotaUse;
import io.github.pec4j.mailroom.RoundReport;
import io.github.pec4j.registry.ProtocolRegistry;
import io.github.pec4j.spring.boot.actuate.MailboxHealthIndicator;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The health indicators, UP and DOWN, and the IPA gauge. */
class Pec4jHealthTest {
    static final Instant NOW = Instant.parse("2026-03-16T09:00:00Z");

    ApplicationContextRunner runner() {
        return new ApplicationContextRunner().withConfiguration(Pec4jAutoConfigurationTest.STARTER)
                .withPropertyValues("pec4j.registry.store=memory")
                .withBean(Clock.class, () -> Clock.fixed(NOW, ZoneOffset.UTC));
    }

    static Status status(org.springframework.context.ApplicationContext context, String bean) {
        return context.getBean(bean, HealthIndicator.class).health().getStatus();
    }

    @Test
    void theRegistryIsUpWhenItAnswers() {
        runner().run(context -> {
            assertThat(status(context, "pec4jRegistryHealthIndicator")).isEqualTo(Status.UP);
            assertThat(context.getBean("pec4jRegistryHealthIndicator", HealthIndicator.class).health().getDetails())
                    .containsEntry("provider", "memory");
        });
    }

    @Test
    void theRegistryIsDownWhenItsStoreFails() {
        InvocationHandler broken = (proxy, method, args) -> switch (method.getName()) {
            case "search" -> throw new IOException("connection refused");
            case "providerId" -> "broken";
            case "capabilities" -> Set.of();
            case "close" -> null;
            default -> throw new UnsupportedOperationException(method.getName());
        };
        ProtocolRegistry registry = (ProtocolRegistry) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ProtocolRegistry.class}, broken);
        runner().withBean(ProtocolRegistry.class, () -> registry).run(context -> {
            var health = context.getBean("pec4jRegistryHealthIndicator", HealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails().get("error").toString()).contains("connection refused");
        });
    }

    @Test
    void anIndicatorCanBeTurnedOff() {
        runner().withPropertyValues("management.health.pec4jRegistry.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean("pec4jRegistryHealthIndicator"));
    }

    @Test
    void theIpaSnapshotIsDownOnceOlderThanTheThreshold() {
        IpaDirectory fresh = IpaDirectory.of(LocalDate.of(2026, 3, 10), List.of()); // 6 days old on 16 March
        runner().withBean(IpaDirectory.class, () -> fresh).withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
            assertThat(status(context, "pec4jIpaHealthIndicator")).isEqualTo(Status.UP);
            assertThat(context.getBean("pec4jIpaHealthIndicator", HealthIndicator.class).health().getDetails()).containsEntry("ageDays", 6L);
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            context.getBean("pec4jIpaMeters", io.micrometer.core.instrument.binder.MeterBinder.class).bindTo(meters);
            assertThat(meters.get("pec4j.directory.ipa.age").gauge().value()).isEqualTo(6.0);
        });
        runner().withBean(IpaDirectory.class, () -> fresh).withPropertyValues("pec4j.health.ipa-max-age=5d")
                .run(context -> assertThat(status(context, "pec4jIpaHealthIndicator")).isEqualTo(Status.DOWN));
        runner().run(context -> assertThat(context).doesNotHaveBean("pec4jIpaHealthIndicator"));
    }

    @Test
    void theMailboxIsUnknownThenUpAfterARoundThenDownWhenSilentOrFull() {
        MutableClock clock = new MutableClock(NOW);
        MailroomStatus status = new MailroomStatus(clock);
        MailboxHealthIndicator health = new MailboxHealthIndicator("box@pec.example.it", status, clock, Duration.ofMinutes(15), 0.95);
        assertThat(health.health().getStatus()).isEqualTo(Status.UNKNOWN);
        clock.now = NOW.plus(Duration.ofMinutes(16));
        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.health().getDetails()).containsEntry("reason", "no round completed since start");

        status.onRound(new RoundReport("box@pec.example.it", clock.now, List.of(), true, Optional.of(new QuotaUse("box@pec.example.it", 500, 1000))));
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        assertThat(health.health().getDetails()).containsEntry("quotaUsedKb", 500L).containsEntry("leaseHeld", true);

        status.onQuota(new QuotaUse("box@pec.example.it", 960, 1000));
        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);

        status.onQuota(new QuotaUse("box@pec.example.it", 100, 1000));
        clock.now = clock.now.plus(Duration.ofMinutes(16));
        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
    }

    @Test
    void noMailboxIndicatorWithoutAMailroom() {
        runner().run(context -> assertThat(context).doesNotHaveBean("pec4jMailboxHealthIndicator"));
    }

    static final class MutableClock extends Clock {
        volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return Clock.fixed(now, zone);
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
