package io.github.pec4j.mailroom;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pec4j.admission.AooConfig;
import io.github.pec4j.registry.Channel;
import io.github.pec4j.registry.Impronta;
import io.github.pec4j.registry.IntakeEntry.Outcome;
import io.github.pec4j.registry.IntakeEntry;
import io.github.pec4j.registry.Registration;
import io.github.pec4j.registry.TransmissionEvent;
import io.github.pec4j.registry.TransmissionRecord;
import io.github.pec4j.testkit.Attachments;
import io.github.pec4j.testkit.FixtureKind;
import io.github.pec4j.testkit.TestPki;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class MailroomOutcomesTest {

    @Test
    @Tag("MRM-EXACT-01")
    @DisplayName("MRM-EXACT-01 a genuine PEC is registered with its envelope and impronte, moved to registered; a second round registers nothing")
    void registered() throws Exception {
        try (Harness h = new Harness(); Mailroom mailroom = h.builder().build()) {
            byte[] pec = h.scenarios.citizenFromUnlistedPec();
            h.mailbox.deliver(pec);

            IntakeEntry e = Harness.only(mailroom.runOnce());

            assertThat(e.outcome()).isEqualTo(Outcome.REGISTERED);
            assertThat(e.folder()).isEqualTo("pec4j/registered");
            assertThat(e.kind()).isEqualTo("posta-certificata");
            assertThat(h.mailbox.count(Folders.INBOX)).isZero();
            assertThat(h.mailbox.messages("pec4j/registered")).singleElement().isEqualTo(pec);
            Registration r = h.registry.find(e.registration().orElseThrow()).orElseThrow();
            assertThat(r.channel()).isEqualTo(Channel.PEC);
            assertThat(r.oggetto()).isEqualTo("Richiesta certificato");
            assertThat(r.correspondents().get(0).address()).contains("anna.verdi@pec.example.it");
            assertThat(r.documents()).extracting(d -> d.fileName()).containsExactly("messaggio.eml", "richiesta.pdf");
            assertThat(r.documents().get(0).impronta()).isEqualTo(Impronta.of(pec));
            assertThat(r.documents().get(1).impronta()).isEqualTo(Impronta.of(Attachments.pdf()));
            assertThat(r.assignments()).extracting(a -> a.describe()).containsExactly("PROTOCOLLO:competenza");
            assertThat(h.registry.mailroom().orElseThrow().intake(Harness.BOX, e.key())).contains(e);

            assertThat(mailroom.runOnce().messages()).isEmpty();
            assertThat(h.registrations()).hasSize(1);
        }
    }

    @Test
    @DisplayName("the same PEC delivered twice: the second copy is a duplicate, nothing new is registered")
    void duplicate() throws Exception {
        try (Harness h = new Harness(); Mailroom mailroom = h.builder().build()) {
            byte[] pec = h.scenarios.citizenFromUnlistedPec();
            h.mailbox.deliver(pec);
            h.mailbox.deliver(pec);

            RoundReport round = mailroom.runOnce();

            assertThat(round.messages()).extracting(IntakeEntry::outcome).containsExactly(Outcome.REGISTERED, Outcome.DUPLICATE);
            assertThat(round.messages().get(1).registration()).isEqualTo(round.messages().get(0).registration());
            assertThat(h.registrations()).hasSize(1);
            assertThat(h.mailbox.count("pec4j/registered")).isEqualTo(2);
        }
    }

    @Test
    @DisplayName("a PEC whose provider signature is not trusted is quarantined, never registered")
    void forgedEnvelopeQuarantined() throws Exception {
        try (Harness h = new Harness(); Mailroom mailroom = h.builder().build()) {
            TestPki pki = TestPki.shared();
            h.mailbox.deliver(h.fixtures.message(FixtureKind.POSTA_CERTIFICATA).to(Harness.BOX).signedBy(pki.otherCertificate(), pki.otherKey()).build());

            IntakeEntry e = Harness.only(mailroom.runOnce());

            assertThat(e.outcome()).isEqualTo(Outcome.QUARANTINED);
            assertThat(e.reasons().get(0)).contains("not genuine");
            assertThat(e.folder()).isEqualTo("pec4j/quarantine");
            assertThat(h.mailbox.count("pec4j/quarantine")).isOne();
            assertThat(h.registrations()).isEmpty();
            assertThat(mailroom.queue(Outcome.QUARANTINED, 10)).extracting(IntakeEntry::key).containsExactly(e.key());
        }
    }

    @Test
    @DisplayName("a macro-laden attachment is not receivable: quarantined with the format's reason")
    void macroQuarantined() throws Exception {
        try (Harness h = new Harness(); Mailroom mailroom = h.builder().build()) {
            h.mailbox.deliver(h.scenarios.macroAttachment());

            IntakeEntry e = Harness.only(mailroom.runOnce());

            assertThat(e.outcome()).isEqualTo(Outcome.QUARANTINED);
            assertThat(String.join(" ", e.reasons())).containsIgnoringCase("not receivable");
            assertThat(h.registrations()).isEmpty();
        }
    }

    @Test
    @Tag("MRM-ORD-01")
    @DisplayName("MRM-ORD-01 ordinary mail under REJECT is refused, filed under refused, and answered once with the configured text")
    void ordinaryMailRejected() throws Exception {
        try (Harness h = new Harness();
                Mailroom mailroom = h.builder(AooConfig.defaults().withMailboxes(Harness.BOX).withUncertified(AooConfig.Handling.REJECT,
                        AooConfig.Handling.QUARANTINE)).build()) {
            h.mailbox.deliver(h.fixtures.message(FixtureKind.NON_PEC).from("mario.rossi@example.org").to(Harness.BOX).subject("Segnalazione buca").build());

            IntakeEntry e = Harness.only(mailroom.runOnce());

            assertThat(e.outcome()).isEqualTo(Outcome.REFUSED);
            assertThat(e.folder()).isEqualTo("pec4j/refused");
            assertThat(h.registrations()).isEmpty();
            List<MimeMessage> replies = h.smtp.to("mario.rossi@example.org");
            assertThat(replies).hasSize(1);
            MimeMessage reply = replies.get(0);
            assertThat(reply.getContent().toString().trim()).isEqualTo("Messaggio rifiutato dal sistema.");
            assertThat(reply.getSubject()).isEqualTo("Re: Segnalazione buca");
            assertThat(reply.getFrom()[0].toString()).isEqualTo(Harness.BOX);
            assertThat(reply.getHeader("Auto-Submitted")[0]).isEqualTo("auto-replied");
            assertThat(reply.getHeader("In-Reply-To")).isNotNull();
        }
    }

    @Test
    @Tag("MRM-ORD-01")
    @DisplayName("MRM-ORD-01 ordinary mail under QUARANTINE is quarantined; under REGISTER it is registered on the PEO channel")
    void ordinaryMailQuarantinedOrRegistered() throws Exception {
        try (Harness h = new Harness();
                Mailroom quarantine = h.builder(AooConfig.defaults().withMailboxes(Harness.BOX).withUncertified(AooConfig.Handling.QUARANTINE,
                        AooConfig.Handling.QUARANTINE)).build()) {
            h.mailbox.deliver(h.fixtures.message(FixtureKind.NON_PEC).from("mario.rossi@example.org").to(Harness.BOX).build());
            assertThat(Harness.only(quarantine.runOnce()).outcome()).isEqualTo(Outcome.QUARANTINED);
            assertThat(h.smtp.sent).isEmpty();
        }
        try (Harness h = new Harness(); Mailroom register = h.builder().build()) {
            h.mailbox.deliver(h.fixtures.message(FixtureKind.NON_PEC).from("mario.rossi@example.org").to(Harness.BOX).build());
            IntakeEntry e = Harness.only(register.runOnce());
            assertThat(e.outcome()).isEqualTo(Outcome.REGISTERED);
            Registration r = h.registry.find(e.registration().orElseThrow()).orElseThrow();
            assertThat(r.channel()).isEqualTo(Channel.PEO);
            assertThat(r.correspondents().get(0).name()).isEqualTo("Mario Rossi");
            assertThat(r.correspondents().get(0).address()).contains("mario.rossi@example.org");
        }
    }

    @Test
    @Tag("MRM-RCPT-01")
    @DisplayName("MRM-RCPT-01 a receipt is filed byte-exact on its outgoing registration, never registered as incoming")
    void receiptFiled() throws Exception {
        try (Harness h = new Harness(); Mailroom mailroom = h.builder().build()) {
            String id = "20240315.lettera-1@client.comune.esempio.it";
            var out = h.outgoing(id, "ufficio.tributi@pec.regione.esempio.it");
            byte[] consegna = h.fixtures.message(FixtureKind.AVVENUTA_CONSEGNA).from(Harness.BOX).to("ufficio.tributi@pec.regione.esempio.it")
                    .clientMessageId(id).build();
            h.mailbox.deliver(consegna);

            IntakeEntry e = Harness.only(mailroom.runOnce());

            assertThat(e.outcome()).isEqualTo(Outcome.RECEIPT);
            assertThat(e.registration()).contains(out);
            assertThat(e.folder()).isEqualTo("pec4j/receipts");
            List<TransmissionRecord> events = h.registry.transmissions(out);
            assertThat(events).extracting(t -> t.event().type()).containsExactly(TransmissionEvent.Type.SENT, TransmissionEvent.Type.CONSEGNA);
            try (InputStream in = h.registry.openReceipt(out, events.get(1).sequence())) {
                assertThat(in.readAllBytes()).isEqualTo(consegna);
            }
            assertThat(h.registrations()).hasSize(1);
            assertThat(h.smtp.sent).as("never a reply to a receipt").isEmpty();
        }
    }
}
