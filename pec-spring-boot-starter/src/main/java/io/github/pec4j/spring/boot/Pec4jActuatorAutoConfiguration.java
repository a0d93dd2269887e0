package io.github.pec4j.spring.boot;

import io.github.pec4j.directory.IpaDirectory;
import io.github.pec4j.directory.IpaSnapshot;
import io.github.pec4j.mailroom.Mailroom;
import io.github.pec4j.registry.ProtocolRegistry;
import io.github.pec4j.spring.boot.actuate.IpaSnapshotHealthIndicator;
import io.github.pec4j.spring.boot.actuate.MailboxHealthIndicator;
import io.github.pec4j.spring.boot.actuate.RegistryHealthIndicator;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.LocalDate;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Actuator health indicators and Micrometer meters of pec4j, when Actuator (or Micrometer) is on the class
 * path: {@code pec4jRegistry} (the registry answers), {@code pec4jIpa} (the IPA snapshot's age against
 * {@code pec4j.health.ipa-max-age}), {@code pec4jMailbox} (the mailroom's rounds and the box's quota); the
 * gauge {@code pec4j.directory.ipa.age} (days). Each indicator can be turned off with {@code
 * management.health.<name>.enabled=false} and replaced by a bean of the same name.
 */
@AutoConfiguration(after = {Pec4jAutoConfiguration.class, Pec4jRegistryAutoConfiguration.class, Pec4jMailroomAutoConfiguration.class})
public class Pec4jActuatorAutoConfiguration {

    /** Creates the auto-configuration (Spring does). */
    public Pec4jActuatorAutoConfiguration() {}

    /** The health indicators. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    static class Health {
        @Bean
        @ConditionalOnBean(ProtocolRegistry.class)
        @ConditionalOnMissingBean(name = "pec4jRegistryHealthIndicator")
        @ConditionalOnEnabledHealthIndicator("pec4jRegistry")
        HealthIndicator pec4jRegistryHealthIndicator(ProtocolRegistry registry) {
            return new RegistryHealthIndicator(registry);
        }

        @Bean
        @ConditionalOnBean(IpaDirectory.class)
        @ConditionalOnMissingBean(name = "pec4jIpaHealthIndicator")
        @ConditionalOnEnabledHealthIndicator("pec4jIpa")
        HealthIndicator pec4jIpaHealthIndicator(IpaDirectory ipa, Clock clock, Pec4jProperties properties) {
            return new IpaSnapshotHealthIndicator(ipa, clock, properties.getHealth().getIpaMaxAge());
        }
    }

    /** The mailbox health indicator, only with pec-mailroom. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({HealthIndicator.class, Mailroom.class})
    static class MailboxHealth {
        @Bean
        @ConditionalOnBean({Mailroom.class, MailroomStatus.class})
        @ConditionalOnMissingBean(name = "pec4jMailboxHealthIndicator")
        @ConditionalOnEnabledHealthIndicator("pec4jMailbox")
        HealthIndicator pec4jMailboxHealthIndicator(Mailroom mailroom, MailroomStatus status, Clock clock, Pec4jProperties properties) {
            Pec4jProperties.Health h = properties.getHealth();
            return new MailboxHealthIndicator(mailroom.address(), status, clock, h.getMailboxMaxSilence(), h.getQuotaDownAt());
        }
    }

    /** The IPA snapshot's age as a gauge. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterBinder.class)
    static class Meters {
        @Bean
        @ConditionalOnBean(IpaDirectory.class)
        @ConditionalOnMissingBean(name = "pec4jIpaMeters")
        MeterBinder pec4jIpaMeters(IpaDirectory ipa, Clock clock) {
            return meters -> Gauge.builder("pec4j.directory.ipa.age",
                            ipa, d -> d.snapshot().ageInDays(LocalDate.now(clock.withZone(IpaSnapshot.ZONE))))
                    .description("Age of the IPA snapshot in days").baseUnit("days").register(meters);
        }
    }
}
