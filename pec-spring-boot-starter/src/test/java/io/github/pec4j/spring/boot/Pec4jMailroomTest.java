package io.github.pec4j.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pec4j.mailroom.Mailroom;
import io.github.pec4j.mailroom.MailroomListener;
import io.github.pec4j.mailroom.RoundReport;
import io.github.pec4j.registry.IntakeEntry;
import io.github.pec4j.registry.ProtocolRegistry;
import io.github.pec4j.registry.SearchQuery;
import io.github.pec4j.simulator.FileAttachment;
import io.github.pec4j.simulator.PecProviderSimulator;
import io.github.pec4j.testkit.Attachments;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The mailroom: configured only with pec-mailroom and pec4j.mailroom.imap, and then taking mail in from the simulator. */
class Pec4jMailroomTest {
    static final String BOX = "protocollo@pec.comune.esempio.it";

    @TempDir
    Path dir;
    PecProviderSimulator pec;

    @BeforeEach
    void provider() {
        pec = PecProviderSimulator.start();
        pec.box(BOX, "secret").setQuota(BOX, 10_000);
    }

    @AfterEach
    void stop() {
        pec.close();
    }

    ApplicationContextRunner runner() throws Exception {
        Path ca = dir.resolve("pec-ca.pem");
        pec.writeTrustAnchorPem(ca);
        return new ApplicationContextRunner().withConfiguration(Pec4jAutoConfigurationTest.STARTER)
                .withBean(Clock.class, pec::clock)
                .withPropertyValues("pec4j.registry.store=memory", "pec4j.trust.pem=" + ca,
                        "pec4j.mailroom.imap=imap://" + BOX.replace("@", "%40") + "@" + pec.imap().host() + ":" + pec.imap().port() + "?starttls=none",
                        "pec4j.mailroom.imap-password=secret", "pec4j.mailroom.register=c_esempio/AOO_ESEMPIO/PG", "pec4j.mailroom.auto-start=false");
    }

    @Test
    void takesMailInWithTheStartersBeansAndReportsTheBoxHealthAndMeters() throws Exception {
        pec.deliverPec("anna.verdi@pec.example.it", BOX, "Richiesta certificato di residenza",
                FileAttachment.of("richiesta.pdf", "application/pdf", Attachments.pdf()));
        List<IntakeEntry> heard = new ArrayList<>();
        runner().withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withBean(MailroomListener.class, () -> new MailroomListener() {
                    @Override
                    public void onOutcome(IntakeEntry entry) {
                        heard.add(entry);
                    }
                }).run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(Mailroom.class);
                    HealthIndicator mailbox = context.getBean("pec4jMailboxHealthIndicator", HealthIndicator.class);
                    assertThat(mailbox.health().getStatus()).isEqualTo(Status.UNKNOWN);

                    RoundReport round = context.getBean(Mailroom.class).runOnce();
                    assertThat(round.messages()).extracting(IntakeEntry::outcome).containsExactly(IntakeEntry.Outcome.REGISTERED);
                    assertThat(heard).extracting(IntakeEntry::outcome).containsExactly(IntakeEntry.Outcome.REGISTERED);
                    assertThat(context.getBean(ProtocolRegistry.class).search(SearchQuery.all())).hasSize(1);

                    var health = mailbox.health();
                    assertThat(health.getStatus()).isEqualTo(Status.UP);
                    assertThat(health.getDetails()).containsEntry("mailbox", BOX).containsKey("quotaLimitKb");
                    assertThat(context.getBean(MeterRegistry.class).find("pec4j.mailroom.messages").counters()).isNotEmpty();
                });
    }

    @Test
    void noMailroomWithoutItsJarOrItsImapSetting() throws Exception {
        runner().withClassLoader(new FilteredClassLoader(Mailroom.class)).run(context ->
                assertThat(context).hasNotFailed().doesNotHaveBean("pecMailroom").doesNotHaveBean("pec4jMailboxHealthIndicator"));
        new ApplicationContextRunner().withConfiguration(Pec4jAutoConfigurationTest.STARTER).withPropertyValues("pec4j.registry.store=memory")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(Mailroom.class));
    }

    @Test
    void aMailroomWithoutItsRegisterFailsTheStartSayingWhatIsMissing() throws Exception {
        runner().withPropertyValues("pec4j.mailroom.register=").run(context ->
                assertThat(context).hasFailed().getFailure().hasStackTraceContaining("pec4j.mailroom.register"));
    }
}
