package io.github.pec4j.mailroom;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pec4j.registry.IntakeEntry;
import io.github.pec4j.registry.IntakeEntry.Outcome;
import io.github.pec4j.testkit.AdmissionScenarios;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Mail its sender signed with S/MIME, taken in from the box. */
class SmimeIntakeTest {

    @Test
    @DisplayName("SIG-SMIME-01 a PEC whose original the sender's client clear-signed is registered, its smime.p7s among the stored files")
    void smimeSignedPecRegistered() throws Exception {
        try (Harness h = new Harness(); Mailroom mailroom = h.builder().build()) {
            h.mailbox.deliver(h.scenarios.citizenSmimeSigned());
            RoundReport round = mailroom.runOnce();

            assertThat(round.messages()).extracting(IntakeEntry::outcome).as(round.messages().toString()).containsExactly(Outcome.REGISTERED);
            assertThat(h.registrations()).singleElement().satisfies(r -> assertThat(r.documents()).extracting(d -> d.fileName())
                    .contains("richiesta.pdf", "smime.p7s"));
            assertThat(h.mailbox.count(Folders.INBOX)).isZero();
        }
    }

    @Test
    @DisplayName("SIG-SMIME-02 a PEC whose original the sender's client signed in opaque form (smime.p7m) is registered with the files inside the signature")
    void opaqueSignedPecRegistered() throws Exception {
        try (Harness h = new Harness(); Mailroom mailroom = h.builder().build()) {
            h.mailbox.deliver(h.scenarios.citizenSmimeOpaque());
            RoundReport round = mailroom.runOnce();

            assertThat(round.messages()).extracting(IntakeEntry::outcome).as(round.messages().toString()).containsExactly(Outcome.REGISTERED);
            assertThat(h.registrations()).singleElement().satisfies(r -> assertThat(r.documents()).extracting(d -> d.fileName())
                    .contains("richiesta.pdf"));
        }
    }

    @Test
    @DisplayName("MRM-REDELIVERY-01 ordinary mail signed with S/MIME, again under its Message-ID with another From (outside the signature): a conflict, never a duplicate")
    void signedOrdinaryMailIsNoRedelivery() throws Exception {
        try (Harness h = new Harness(); Mailroom mailroom = h.builder().build()) {
            byte[] mail = AdmissionScenarios.smimeOriginal("lucia.bianchi@example.com", "Segnalazione");
            byte[] otherSender = new String(mail, StandardCharsets.UTF_8).replace("From: lucia.bianchi@example.com", "From: sindaco@example.com")
                    .getBytes(StandardCharsets.UTF_8);
            h.mailbox.deliver(mail);
            h.mailbox.deliver(otherSender);
            RoundReport round = mailroom.runOnce();

            assertThat(round.messages()).extracting(IntakeEntry::outcome).as(round.messages().toString())
                    .containsExactly(Outcome.REGISTERED, Outcome.QUARANTINED);
            assertThat(String.join(" ", round.messages().get(1).reasons())).contains("REG-CONFLICT");
            assertThat(h.registrations()).hasSize(1);
        }
    }
}
