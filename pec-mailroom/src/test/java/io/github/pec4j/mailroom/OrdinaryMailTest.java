package io.github.pec4j.mailroom;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pec4j.admission.AooConfig;
import io.github.pec4j.registry.IntakeEntry;
import io.github.pec4j.registry.IntakeEntry.Outcome;
import io.github.pec4j.testkit.FixtureKind;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("MRM-ORD-02")
class OrdinaryMailTest {
    private static final AooConfig REJECT = AooConfig.defaults().withMailboxes(Harness.BOX)
            .withUncertified(AooConfig.Handling.REJECT, AooConfig.Handling.REJECT);

    private static byte[] plain(Harness h, String from, String subject) {
        return h.fixtures.message(FixtureKind.NON_PEC).from(from).to(Harness.BOX).subject(subject).build();
    }

    /** The same mail with a header added at the top. */
    private static byte[] withHeader(byte[] message, String header) {
        return (header + "\r\n" + new String(message, StandardCharsets.ISO_8859_1)).getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    @DisplayName("MRM-ORD-02 no reply to auto-generated mail, to a list, to the box itself; refused all the same")
    void noReplyToAutomaticMail() throws Exception {
        try (Harness h = new Harness(); Mailroom mailroom = h.builder(REJECT).build()) {
            h.mailbox.deliver(withHeader(plain(h, "avvisi@example.org", "Avviso automatico"), "Auto-Submitted: auto-generated"));
            h.mailbox.deliver(withHeader(plain(h, "lista@example.org", "Newsletter"), "Precedence: bulk"));
            h.mailbox.deliver(plain(h, Harness.BOX, "Da me stesso"));
            h.mailbox.deliver(withHeader(plain(h, "mario.rossi@example.org", "Risposta"), "Auto-Submitted: no"));

            RoundReport round = mailroom.runOnce();

            assertThat(round.messages()).extracting(IntakeEntry::outcome).containsOnly(Outcome.REFUSED).hasSize(4);
            assertThat(round.messages().get(0).reasons().get(0)).contains("Auto-Submitted: auto-generated");
            assertThat(round.messages().get(1).reasons().get(0)).contains("Precedence: bulk");
            assertThat(round.messages().get(2).reasons().get(0)).contains("institutional box itself");
            assertThat(h.smtp.sent).as("only the person who wrote with Auto-Submitted: no is answered").hasSize(1);
            assertThat(h.smtp.to("mario.rossi@example.org")).hasSize(1);
        }
    }

    @Test
    @DisplayName("MRM-ORD-02 never twice: the same mail delivered again, a restart, an SMTP failure and a re-processing give one reply")
    void neverTwice() throws Exception {
        try (Harness h = new Harness()) {
            byte[] mail = plain(h, "mario.rossi@example.org", "Segnalazione");
            h.mailbox.deliver(mail);
            h.smtp.failNext(1);
            IntakeEntry first;
            try (Mailroom mailroom = h.builder(REJECT).build()) {
                first = Harness.only(mailroom.runOnce());
                assertThat(first.outcome()).isEqualTo(Outcome.REFUSED);
                assertThat(h.smtp.sent).as("the first attempt failed").isEmpty();
            }
            h.mailbox.deliver(mail);
            h.clock.advance(Duration.ofMinutes(5));
            try (Mailroom restarted = h.builder(REJECT).build()) {
                assertThat(Harness.only(restarted.runOnce()).outcome()).isEqualTo(Outcome.REFUSED);
                assertThat(restarted.reprocess(first.key())).map(IntakeEntry::outcome).contains(Outcome.REFUSED);
                h.clock.advance(Duration.ofHours(2));
                restarted.runOnce();
            }
            assertThat(h.smtp.to("mario.rossi@example.org")).hasSize(1);
            assertThat(h.registry.mailroom().orElseThrow().outboxEntry("reply:" + first.key().value()).orElseThrow().attempts()).isOne();
        }
    }

    @Test
    @DisplayName("MRM-ORD-01 a busta di anomalia under REJECT is refused; the configured text and subject are used")
    void anomaliaAndConfiguredText() throws Exception {
        try (Harness h = new Harness(); Mailroom mailroom = h.builder(REJECT).replyText("La casella accetta solo PEC.").replySubjectPrefix("Rifiutato: ").build()) {
            h.mailbox.deliver(h.scenarios.ordinaryViaAnomalia());

            IntakeEntry e = Harness.only(mailroom.runOnce());

            assertThat(e.outcome()).isEqualTo(Outcome.REFUSED);
            assertThat(h.smtp.sent).hasSize(1);
            assertThat(h.smtp.sent.get(0).getSubject()).isEqualTo("Rifiutato: Segnalazione");
            assertThat(h.smtp.sent.get(0).getContent().toString().trim()).isEqualTo("La casella accetta solo PEC.");
        }
    }
}
