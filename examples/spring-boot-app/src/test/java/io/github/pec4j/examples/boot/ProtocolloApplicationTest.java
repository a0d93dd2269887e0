package io.github.pec4j.examples.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pec4j.mailroom.Mailroom;
import io.github.pec4j.mailroom.RoundReport;
import io.github.pec4j.registry.IntakeEntry;
import io.github.pec4j.registry.RegisterId;
import io.github.pec4j.registry.RegistrationResult;
import io.github.pec4j.simulator.FileAttachment;
import io.github.pec4j.simulator.PecProviderSimulator;
import io.github.pec4j.testkit.AdmissionScenarios;
import io.github.pec4j.testkit.Attachments;
import io.github.pec4j.testkit.TestPki;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.CompositeHealth;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The application with only the starter and pec4j.* properties, on the embedded database, its mailroom on the
 * PEC provider simulator on loopback: a message taken in by hand and one over IMAP are registered, and the health
 * endpoint reports the registry and the mailbox.
 */
@SpringBootTest(properties = {"spring.datasource.url=jdbc:h2:mem:protocollo;DB_CLOSE_DELAY=-1", "pec4j.mailroom.auto-start=false",
        "spring.main.banner-mode=off", "logging.level.root=WARN"})
class ProtocolloApplicationTest {
    static final String BOX = AdmissionScenarios.AOO_BOX;
    static final PecProviderSimulator PEC = PecProviderSimulator.start().box(BOX, "secret").ordinaryBox("protocollo@comune.esempio.it", "x");

    @DynamicPropertySource
    static void provider(DynamicPropertyRegistry properties) throws IOException {
        Path cas = Files.createTempDirectory("pec-cas");
        TestPki.shared().writeTrustAnchorPem(cas.resolve("testkit-ca.pem"));
        PEC.writeTrustAnchorPem(cas.resolve("simulator-ca.pem"));
        String user = BOX.replace("@", "%40");
        properties.add("pec4j.trust.pem", cas::toString);
        properties.add("pec4j.mailroom.imap", () -> "imap://" + user + "@" + PEC.imap().host() + ":" + PEC.imap().port() + "?starttls=none");
        properties.add("pec4j.mailroom.smtp", () -> "smtp://" + user + "@" + PEC.smtp().host() + ":" + PEC.smtp().port() + "?starttls=none");
        properties.add("pec4j.mailroom.imap-password", () -> "secret");
        properties.add("pec4j.mailroom.smtp-password", () -> "secret");
    }

    @AfterAll
    static void stop() {
        PEC.close();
    }

    @Autowired
    IncomingPec incoming;
    @Autowired
    Mailroom mailroom;
    @Autowired
    HealthEndpoint health;

    @Test
    void parsesAdmitsAndRegistersAndTheHealthEndpointReportsTheRegistry() throws Exception {
        byte[] envelope = AdmissionScenarios.create().paOverPecOnly();
        Optional<RegistrationResult> first = incoming.take(RegisterId.of("c_esempio", "AOO_CENTRALE", "PG"), envelope);
        assertThat(first).hasValueSatisfying(r -> assertThat(r.duplicate()).isFalse());
        assertThat(incoming.take(RegisterId.of("c_esempio", "AOO_CENTRALE", "PG"), envelope))
                .hasValueSatisfying(r -> assertThat(r.registration().id()).isEqualTo(first.get().registration().id()));

        PEC.deliverPec("mario.rossi@pec.example.it", BOX, "Istanza di rimborso TARI 2025",
                FileAttachment.of("istanza.pdf", "application/pdf", Attachments.pdf()));
        RoundReport round = mailroom.runOnce();
        assertThat(round.messages()).extracting(IntakeEntry::outcome).first().isEqualTo(IntakeEntry.Outcome.REGISTERED);

        CompositeHealth all = (CompositeHealth) health.health();
        assertThat(all.getComponents()).containsKeys("pec4jRegistry", "pec4jMailbox", "db");
        assertThat(health.healthForPath("pec4jRegistry").getStatus()).isEqualTo(Status.UP);
        assertThat(health.healthForPath("pec4jMailbox").getStatus()).isEqualTo(Status.UP);
    }
}
