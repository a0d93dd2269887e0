package io.github.pec4j.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pec4j.admission.AdmissionDecision;
import io.github.pec4j.admission.AdmissionEngine;
import io.github.pec4j.admission.AooConfig;
import io.github.pec4j.admission.PecAdmission;
import io.github.pec4j.core.PecMessage;
import io.github.pec4j.core.PecParser;
import io.github.pec4j.directory.DirectoryChain;
import io.github.pec4j.directory.DomicileDirectory;
import io.github.pec4j.directory.IpaDirectory;
import io.github.pec4j.formats.FormatPolicy;
import io.github.pec4j.mailroom.Mailroom;
import io.github.pec4j.registry.ProtocolRegistry;
import io.github.pec4j.registry.SearchQuery;
import io.github.pec4j.signature.ProviderSignatureVerifier;
import io.github.pec4j.signature.TrustStore;
import io.github.pec4j.testkit.AdmissionScenarios;
import io.github.pec4j.testkit.TestPki;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

/** The starter's beans: defaults, properties, back-off. */
class Pec4jAutoConfigurationTest {
    static final AutoConfigurations STARTER = AutoConfigurations.of(Pec4jAutoConfiguration.class, Pec4jRegistryAutoConfiguration.class,
            Pec4jMailroomAutoConfiguration.class, Pec4jActuatorAutoConfiguration.class);

    @TempDir
    Path dir;

    ApplicationContextRunner runner() {
        return new ApplicationContextRunner().withConfiguration(STARTER)
                .withPropertyValues("pec4j.registry.embedded-directory=" + dir.resolve("registry"));
    }

    @Test
    void defaultsGiveEveryBuildingBlockAndThePersistentRegisterButNoMailroom() {
        runner().run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(PecParser.class).hasSingleBean(TrustStore.class)
                    .hasSingleBean(ProviderSignatureVerifier.class).hasSingleBean(FormatPolicy.class).hasSingleBean(PecAdmission.class)
                    .hasSingleBean(AooConfig.class).hasSingleBean(ProtocolRegistry.class).hasSingleBean(Clock.class)
                    .doesNotHaveBean(IpaDirectory.class).doesNotHaveBean(Mailroom.class).doesNotHaveBean(MailroomStatus.class);
            assertThat(context.getBean(DomicileDirectory.class)).isSameAs(AdmissionEngine.NO_DIRECTORY);
            // no DataSource: the embedded H2 register, on disk where the property says
            assertThat(context.getBean(ProtocolRegistry.class).providerId()).isEqualTo("jdbc");
            assertThat(dir.resolve("registry").resolve("registry.mv.db")).exists();
            // an empty trust store: the test CA's message is not genuine
            try (PecMessage m = context.getBean(PecParser.class).parse(AdmissionScenarios.create().paOverPecOnly())) {
                assertThat(context.getBean(ProviderSignatureVerifier.class).verify(m).isGenuine()).isFalse();
            }
        });
    }

    @Test
    void propertiesBind() throws Exception {
        Path ca = dir.resolve("ca.pem");
        TestPki.shared().writeTrustAnchorPem(ca);
        runner().withPropertyValues("pec4j.trust.pem=" + ca, "pec4j.admission.mailboxes=" + AdmissionScenarios.AOO_BOX,
                "pec4j.registry.store=memory", "pec4j.health.ipa-max-age=3d", "pec4j.health.quota-down-at=0.9",
                "pec4j.mailroom.poll-interval=30s", "pec4j.mailroom.fetch-ahead=4", "pec4j.parser.signed-content-digest=true").run(context -> {
            assertThat(context).hasNotFailed();
            Pec4jProperties p = context.getBean(Pec4jProperties.class);
            assertThat(p.getHealth().getIpaMaxAge()).isEqualTo(Duration.ofDays(3));
            assertThat(p.getHealth().getQuotaDownAt()).isEqualTo(0.9);
            assertThat(p.getMailroom().getPollInterval()).isEqualTo(Duration.ofSeconds(30));
            assertThat(p.getMailroom().getFetchAhead()).isEqualTo(4);
            assertThat(context.getBean(AooConfig.class).mailboxes()).containsExactly(AdmissionScenarios.AOO_BOX);
            ProtocolRegistry registry = context.getBean(ProtocolRegistry.class);
            assertThat(registry.providerId()).isEqualTo("memory");
            try (PecMessage m = context.getBean(PecParser.class).parse(AdmissionScenarios.create().paOverPecOnly())) {
                assertThat(context.getBean(ProviderSignatureVerifier.class).verify(m).isGenuine()).isTrue();
                AdmissionDecision decision = context.getBean(PecAdmission.class).admit(m);
                assertThat(decision.registration().outcome()).isEqualTo(AdmissionDecision.RegistrationOutcome.REGISTER);
            }
        });
    }

    @Test
    void theRegistryLivesOnBootsDataSource() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
                .withConfiguration(STARTER)
                .withPropertyValues("spring.datasource.url=jdbc:h2:mem:starter-ds;DB_CLOSE_DELAY=-1", "pec4j.registry.schema=PEC4J",
                        "pec4j.registry.embedded-directory=" + dir.resolve("unused"))
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(DataSource.class);
                    ProtocolRegistry registry = context.getBean(ProtocolRegistry.class);
                    assertThat(registry.providerId()).isEqualTo("jdbc");
                    assertThat(registry.search(SearchQuery.all())).isEmpty();
                    Integer tables = new JdbcTemplate(context.getBean(DataSource.class)).queryForObject(
                            "select count(*) from information_schema.tables where table_schema = 'PEC4J'", Integer.class);
                    assertThat(tables).isPositive();
                    assertThat(dir.resolve("unused")).doesNotExist();
                });
    }

    @Test
    void userBeansWin() {
        PecParser parser = PecParser.create();
        TrustStore trust = TrustStore.builder().build();
        DomicileDirectory directory = IpaDirectory.of(LocalDate.of(2026, 1, 1), List.of());
        runner().withPropertyValues("pec4j.registry.store=memory")
                .withBean(PecParser.class, () -> parser).withBean(TrustStore.class, () -> trust)
                .withBean("mine", DomicileDirectory.class, () -> directory)
                .withBean(AooConfig.class, () -> AooConfig.defaults().withMailboxes("mine@pec.example.it"))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(PecParser.class)).isSameAs(parser);
                    assertThat(context.getBean(TrustStore.class)).isSameAs(trust);
                    assertThat(context.getBean(DomicileDirectory.class)).isSameAs(directory);
                    assertThat(context.getBean(AooConfig.class).mailboxes()).containsExactly("mine@pec.example.it");
                });
        ProtocolRegistry mine = io.github.pec4j.registry.memory.MemoryRegistryProvider.create(Clock.systemUTC());
        runner().withBean(ProtocolRegistry.class, () -> mine).run(context -> {
            assertThat(context.getBean(ProtocolRegistry.class)).isSameAs(mine);
            assertThat(dir.resolve("registry")).doesNotExist();
        });
    }

    @Test
    void anIpaSnapshotGoesIntoACachingChain() {
        IpaDirectory ipa = IpaDirectory.of(LocalDate.of(2026, 1, 1), List.of());
        runner().withPropertyValues("pec4j.registry.store=memory").withBean(IpaDirectory.class, () -> ipa).run(context -> {
            assertThat(context).hasNotFailed();
            DomicileDirectory directory = context.getBean(DomicileDirectory.class);
            assertThat(directory).isInstanceOf(DirectoryChain.class);
            assertThat(((DirectoryChain) directory).directories()).containsExactly(IpaDirectory.ID);
        });
    }

    @Test
    void worksWithoutActuatorAndMicrometer() {
        runner().withPropertyValues("pec4j.registry.store=memory")
                .withClassLoader(new org.springframework.boot.test.context.FilteredClassLoader(
                        org.springframework.boot.actuate.health.HealthIndicator.class, io.micrometer.core.instrument.MeterRegistry.class))
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(ProtocolRegistry.class)
                        .doesNotHaveBean("pec4jRegistryHealthIndicator"));
    }

    @Test
    void turnedOff() {
        runner().withPropertyValues("pec4j.enabled=false").run(context ->
                assertThat(context).hasNotFailed().doesNotHaveBean(PecParser.class).doesNotHaveBean(ProtocolRegistry.class));
    }

    @Test
    void aBadSettingFailsTheStartNamingIt() {
        runner().withPropertyValues("pec4j.trust.pem=" + dir.resolve("missing.pem")).run(context ->
                assertThat(context).hasFailed().getFailure().hasStackTraceContaining("missing.pem"));
    }

    @Test
    void theMetadataDescribesEveryProperty() throws Exception {
        String json;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (String name : List.of("pec4j.enabled", "pec4j.trust.pem", "pec4j.registry.store", "pec4j.registry.embedded-directory",
                "pec4j.mailroom.imap", "pec4j.health.ipa-max-age", "pec4j.health.mailbox-max-silence", "pec4j.directory.ipa")) {
            assertThat(json).contains("\"name\": \"" + name + "\"");
        }
        assertThat(json).contains("\"description\": \"Which store: AUTO (Boot's DataSource when there is one");
    }
}
