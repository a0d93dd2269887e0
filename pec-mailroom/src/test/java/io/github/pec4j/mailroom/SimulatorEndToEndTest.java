package io.github.pec4j.mailroom;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pec4j.admission.AooConfig;
import io.github.pec4j.core.PecKind;
import io.github.pec4j.core.PecParser;
import io.github.pec4j.registry.IntakeEntry;
import io.github.pec4j.registry.IntakeEntry.Outcome;
import io.github.pec4j.registry.ProtocolId;
import io.github.pec4j.simulator.DeliveredMessage;
import io.github.pec4j.simulator.FileAttachment;
import io.github.pec4j.simulator.PecProviderSimulator;
import io.github.pec4j.testkit.Attachments;
import io.github.pec4j.testkit.FixtureKind;
import io.github.pec4j.testkit.TestPki;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A morning's mail through a real IMAP box and SMTP server: the PEC provider simulator on loopback. */
class SimulatorEndToEndTest {
    private static final String BOX = Harness.BOX;
    private static final String REGIONE = "ufficio@pec.regione.esempio.it";
    private static final String CITTADINO = "mario.rossi@example.org";
    private static final String UFF_PROTOCOLLO = "protocollo@comune.esempio.it";
    private static final String UFF_TRIBUTI = "tributi@comune.esempio.it";

    @Test
    @Tag("MRM-EXACT-01")
    @Tag("MRM-ORD-01")
    @Tag("MRM-RCPT-01")
    @Tag("MRM-NOTIF-01")
    @DisplayName("MRM-EXACT-01 a morning's mail over IMAP/SMTP: every outcome in its folder, INBOX empty, a second run registers nothing")
    void morningsMail() throws Exception {
        try (PecProviderSimulator pec = PecProviderSimulator.start(); Harness h = new Harness()) {
            pec.box(BOX, "secret").box(REGIONE, "secret").ordinaryBox(CITTADINO, "x").ordinaryBox(UFF_PROTOCOLLO, "x").ordinaryBox(UFF_TRIBUTI, "x");
            String yesterdaysLetter = "20240314.determina-7@client.comune.esempio.it";
            ProtocolId letter = h.outgoing(yesterdaysLetter, REGIONE);

            DeliveredMessage istanza = pec.deliverPec("anna.verdi@pec.example.it", BOX, "Richiesta certificato di residenza",
                    FileAttachment.of("richiesta.pdf", "application/pdf", Attachments.pdf()));
            pec.deliverRaw(BOX, istanza.raw());                                                     // the same PEC, delivered twice
            pec.deliverPec("studio.bianchi@pec.example.it", BOX, "Versamento IMU 2024", FileAttachment.of("f24.pdf", "application/pdf",
                    Attachments.pdf()));
            pec.deliverOrdinary(CITTADINO, BOX, "Buca in via Roma", "Segnalo una buca.", Map.of());
            pec.deliverOrdinary("avvisi@example.org", BOX, "Avviso automatico", "...", Map.of("Auto-Submitted", "auto-generated"));
            TestPki pki = TestPki.shared();
            pec.deliver(BOX, FixtureKind.AVVENUTA_CONSEGNA, b -> b.from(BOX).to(REGIONE).clientMessageId(yesterdaysLetter)
                    .signedBy(pki.otherCertificate(), pki.otherKey()));                               // a forged receipt
            pec.deliverRaw(BOX, h.scenarios.macroAttachment());                                     // a macro-laden .docm
            pec.deliverReceipt(BOX, FixtureKind.AVVENUTA_CONSEGNA, REGIONE, yesterdaysLetter, "Determina n. 7");
            pec.deliverReceipt(BOX, FixtureKind.ACCETTAZIONE, REGIONE, "20240314.mai-registrata@client.comune.esempio.it", "Bozza");

            AooConfig aoo = AooConfig.defaults().withMailboxes(BOX).withUncertified(AooConfig.Handling.REJECT, AooConfig.Handling.QUARANTINE);
            Routing routing = Routing.of(List.of(new Routing.Rule("tributi", List.of(), List.of(), List.of("IMU"), List.of(), List.of("TRIBUTI"),
                    List.of())), "PROTOCOLLO");
            RoundReport first;
            RoundReport second;
            try (Mailroom mailroom = Mailroom.builder(h.registry, Harness.REGISTER, aoo)
                    .imap(ImapSettings.parse("imap://" + BOX.replace("@", "%40") + "@" + pec.imap().host() + ":" + pec.imap().port() + "?starttls=none")
                            .withPassword("secret".toCharArray()))
                    .smtp(SmtpSettings.parse("smtp://" + BOX.replace("@", "%40") + "@" + pec.smtp().host() + ":" + pec.smtp().port() + "?starttls=none")
                            .withPassword("secret".toCharArray()))
                    .trust(h.trust).clock(h.clock).routing(routing)
                    .office(Office.of("PROTOCOLLO", "Ufficio Protocollo", UFF_PROTOCOLLO)).office(Office.of("TRIBUTI", "Ufficio Tributi", UFF_TRIBUTI))
                    .notificationSender(UFF_PROTOCOLLO).build()) {
                first = mailroom.runOnce();
                second = mailroom.runOnce();
            }

            Map<String, Outcome> bySubject = first.messages().stream()
                    .collect(Collectors.toMap(e -> e.subject().orElse(e.kind()) + "#" + first.messages().indexOf(e), IntakeEntry::outcome));
            assertThat(first.messages()).extracting(IntakeEntry::outcome).as(bySubject.toString()).containsExactly(
                    Outcome.REGISTERED, Outcome.DUPLICATE, Outcome.REGISTERED, Outcome.REFUSED, Outcome.REFUSED, Outcome.QUARANTINED,
                    Outcome.QUARANTINED, Outcome.RECEIPT, Outcome.RECEIPT_UNMATCHED,
                    Outcome.RECEIPT); // the accettazione of our own reply to the ordinary mail, arrived during the round
            assertThat(pec.messages(BOX)).as("INBOX empty").isEmpty();
            assertThat(pec.messages(BOX, "pec4j/registered")).hasSize(3);
            assertThat(pec.messages(BOX, "pec4j/refused")).hasSize(2);
            assertThat(pec.messages(BOX, "pec4j/quarantine")).hasSize(2);
            assertThat(pec.messages(BOX, "pec4j/receipts")).hasSize(2);
            assertThat(pec.messages(BOX, "pec4j/receipts-unmatched")).hasSize(1);
            assertThat(h.registry.transmissions(letter)).hasSize(2);
            assertThat(h.registrations()).hasSize(3); // two incoming, yesterday's letter

            PecParser parser = PecParser.create();
            assertThat(pec.messages(CITTADINO)).as("one reply, from the box, through the provider").hasSize(1);
            assertThat(pec.messages(UFF_TRIBUTI)).hasSize(1);
            assertThat(pec.messages(UFF_PROTOCOLLO)).hasSize(1);
            assertThat(parser.parse(pec.messages(UFF_TRIBUTI).get(0)).originalSubject().orElseThrow()).contains("Versamento IMU 2024");
            assertThat(h.registry.mailroom().orElseThrow().due(h.clock.instant().plusSeconds(86_400), 10)).as("nothing left to send").isEmpty();
            assertThat(parser.parse(pec.messages(BOX, "pec4j/receipts").get(1)).kind()).isEqualTo(PecKind.ACCETTAZIONE);

            assertThat(second.messages()).as("the second run takes nothing new").isEmpty();
            assertThat(h.registrations()).hasSize(3);
        }
    }

    @Test
    @Tag("MRM-EXACT-03")
    @DisplayName("MRM-EXACT-03 INBOX renumbered (UIDVALIDITY changed) with messages already taken in: the re-read registers nothing twice")
    void uidValidityChanged() throws Exception {
        try (PecProviderSimulator pec = PecProviderSimulator.start(); Harness h = new Harness()) {
            pec.box(BOX, "secret");
            DeliveredMessage a = pec.deliverPec("anna.verdi@pec.example.it", BOX, "Istanza A", FileAttachment.of("a.pdf", "application/pdf", Attachments.pdf()));
            DeliveredMessage b = pec.deliverPec("luca.neri@pec.example.it", BOX, "Istanza B", FileAttachment.of("b.pdf", "application/pdf", Attachments.pdf()));
            try (Mailroom mailroom = h.builderOn(h.registry).imap(imap(pec)).build()) {
                assertThat(mailroom.runOnce().messages()).extracting(IntakeEntry::outcome).containsExactly(Outcome.REGISTERED, Outcome.REGISTERED);
                long before = pec.uidValidity(BOX, "INBOX");
                pec.deliverRaw(BOX, a.raw()); // as if a server restore put them back under new UIDs
                pec.deliverRaw(BOX, b.raw());
                assertThat(pec.resetUidValidity(BOX, "INBOX")).isNotEqualTo(before);

                assertThat(mailroom.runOnce().messages()).extracting(IntakeEntry::outcome).containsExactly(Outcome.DUPLICATE, Outcome.DUPLICATE);
            }
            assertThat(h.registrations()).hasSize(2);
            assertThat(pec.messages(BOX)).isEmpty();
        }
    }

    @Test
    @Tag("MRM-QUOTA-01")
    @DisplayName("MRM-QUOTA-01 the box's IMAP QUOTA is read every round")
    void quotaOverImap() throws Exception {
        try (PecProviderSimulator pec = PecProviderSimulator.start(); Harness h = new Harness()) {
            pec.box(BOX, "secret").setQuota(BOX, 10);
            pec.deliverPec("anna.verdi@pec.example.it", BOX, "Istanza", FileAttachment.of("a.pdf", "application/pdf", Attachments.pdf()));
            try (Mailroom mailroom = h.builderOn(h.registry).imap(imap(pec)).build()) {
                RoundReport r = mailroom.runOnce();
                assertThat(r.quota()).hasValueSatisfying(q -> {
                    assertThat(q.limitKb()).isEqualTo(10);
                    assertThat(q.usedKb()).isPositive();
                });
            }
        }
    }

    private static ImapSettings imap(PecProviderSimulator pec) {
        return ImapSettings.parse("imap://" + BOX.replace("@", "%40") + "@" + pec.imap().host() + ":" + pec.imap().port() + "?starttls=none")
                .withPassword("secret".toCharArray());
    }
}
