package io.github.pec4j.mailroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pec4j.admission.AooConfig;
import io.github.pec4j.registry.Assignment;
import io.github.pec4j.registry.IntakeEntry;
import io.github.pec4j.registry.IntakeEntry.Outcome;
import io.github.pec4j.registry.RegisterId;
import io.github.pec4j.testkit.FixtureKind;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MailroomConfigTest {

    static Path example() throws URISyntaxException {
        return Path.of(MailroomConfigTest.class.getResource("/aoo-mailroom-example.yaml").toURI());
    }

    @Test
    @DisplayName("the complete example file loads: the AOO's keys for pec admit, the mailroom section for the mailroom")
    void exampleLoads() throws Exception {
        MailroomConfig c = MailroomConfig.load(example());

        assertThat(AooConfig.load(example()).ordinaryMail()).as("pec admit still reads the file").isEqualTo(AooConfig.Handling.REJECT);
        assertThat(c.aoo().ordinaryMail()).isEqualTo(AooConfig.Handling.REJECT);
        assertThat(c.register()).isEqualTo(RegisterId.of("c_esempio", "AOO_ESEMPIO", "PG"));
        assertThat(c.box()).contains("protocollo@pec.comune.esempio.it");
        assertThat(c.folders()).isEqualTo(Folders.defaults());
        assertThat(c.replyText()).isEqualTo("Messaggio rifiutato dal sistema.");
        assertThat(c.notificationSender()).contains("protocollo@comune.esempio.it");
        assertThat(c.offices()).extracting(Office::code).containsExactly("PROTOCOLLO", "TRIBUTI", "URBANISTICA", "SINDACO");
        assertThat(c.offices().get(3).withAttachments()).isTrue();
        assertThat(c.routing().rules()).hasSize(4);
        assertThat(c.routing().route(new Routing.Facts(List.of(), Optional.of("x@pec.regione.esempio.it"), Optional.of("Saldo IMU"), List.of())))
                .extracting(Assignment::describe).containsExactly("TRIBUTI:competenza", "PROTOCOLLO:competenza", "SINDACO:conoscenza");
        assertThat(c.archiveReceiptsAfter()).contains(Duration.ofDays(90));
    }

    @Test
    @DisplayName("a mailroom built from the example file takes mail in as it says (ordinary mail refused, tributi routed and notified)")
    void buildsAMailroom() throws Exception {
        try (Harness h = new Harness(); Mailroom mailroom = Mailroom.builder(h.registry, MailroomConfig.load(example())).mailbox(h.mailbox)
                .mailSender(h.smtp).trust(h.trust).clock(h.clock).build()) {
            h.mailbox.deliver(h.fixtures.message(FixtureKind.NON_PEC).from("mario.rossi@example.org").to(Harness.BOX).subject("Ciao").build());
            h.mailbox.deliver(h.fixtures.message(FixtureKind.POSTA_CERTIFICATA).from("anna.verdi@pec.example.it").to(Harness.BOX)
                    .subject("Rimborso TARI 2023").build());

            List<IntakeEntry> done = mailroom.runOnce().messages();

            assertThat(done).extracting(IntakeEntry::outcome).containsExactly(Outcome.REFUSED, Outcome.REGISTERED);
            assertThat(h.smtp.to("mario.rossi@example.org")).hasSize(1);
            assertThat(h.smtp.to("tributi@comune.esempio.it")).hasSize(1);
            assertThat(h.smtp.to("tributi@comune.esempio.it").get(0).getFrom()[0].toString()).isEqualTo("protocollo@comune.esempio.it");
        }
    }

    @Test
    @DisplayName("a file without a mailroom section gives the defaults; a misspelt mailroom key is an error naming it")
    void defaultsAndErrors(@TempDir Path dir) throws IOException {
        Path plain = dir.resolve("aoo.json");
        Files.writeString(plain, "{\"amministrazione\": \"c_x\", \"aoo\": \"AOO_X\"}");
        MailroomConfig c = MailroomConfig.load(plain);
        assertThat(c.register()).isEqualTo(RegisterId.of("c_x", "AOO_X", "PG"));
        assertThat(c.routing().protocolOffice()).isEqualTo("PROTOCOLLO");
        assertThat(c.replyText()).isEqualTo(MailroomConfig.DEFAULT_REPLY);
        assertThat(c.archiveReceiptsAfter()).isEmpty();
        assertThat(c.overdueCheckEvery()).isEqualTo(java.time.Duration.ofMinutes(5));
        assertThat(c.confermaRicezione()).isTrue();

        Path follow = dir.resolve("follow.yaml");
        Files.writeString(follow, "aoo: AOO_X\namministrazione: c_x\nmailroom:\n  overdueCheckMinutes: 0\n  confermaRicezione: false\n");
        MailroomConfig f = MailroomConfig.load(follow);
        assertThat(f.overdueCheckEvery()).isZero();
        assertThat(f.confermaRicezione()).isFalse();

        Path misspelt = dir.resolve("bad.yaml");
        Files.writeString(misspelt, "aoo: AOO_X\namministrazione: c_x\nmailroom:\n  protocolOfice: X\n");
        assertThatThrownBy(() -> MailroomConfig.load(misspelt)).isInstanceOf(IOException.class).hasMessageContaining("protocolOfice");

        Path badRule = dir.resolve("rule.yaml");
        Files.writeString(badRule, "aoo: AOO_X\namministrazione: c_x\nmailroom:\n  routing:\n    - name: vuota\n      competenza: [X]\n");
        assertThatThrownBy(() -> MailroomConfig.load(badRule)).isInstanceOf(IOException.class).hasMessageContaining("no criterion");
    }
}
