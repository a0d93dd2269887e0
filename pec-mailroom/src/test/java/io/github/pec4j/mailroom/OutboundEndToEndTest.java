package io.github.pec4j.mailroom;

import static io.github.pec4j.mailroom.OutboundFixture.BOX;
import static io.github.pec4j.mailroom.OutboundFixture.CITTADINO;
import static io.github.pec4j.mailroom.OutboundFixture.REGIONE;
import static io.github.pec4j.mailroom.OutboundFixture.STUDIO;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.pec4j.admission.AooConfig;
import io.github.pec4j.registry.Direction;
import io.github.pec4j.registry.IntakeEntry;
import io.github.pec4j.registry.ProtocolId;
import io.github.pec4j.registry.Registration;
import io.github.pec4j.registry.StoredDocument;
import io.github.pec4j.registry.TransmissionEvent.Type;
import io.github.pec4j.registry.TransmissionRecord;
import io.github.pec4j.segnatura.SealKey;
import io.github.pec4j.simulator.Behaviour;
import io.github.pec4j.simulator.PecProviderSimulator;
import io.github.pec4j.simulator.Submission;
import io.github.pec4j.testkit.TestPki;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A letter registered, sent through the PEC provider simulator on loopback, and its receipts taken in by the mailroom. */
class OutboundEndToEndTest {

    @Test
    @Tag("OUT-BOX-01")
    @Tag("OUT-SEG-01")
    @DisplayName("OUT-BOX-01 a letter to two PEC recipients and an ordinary address: registered once, submitted once, receipts filed per recipient")
    void letterToThreeRecipients() throws Exception {
        try (PecProviderSimulator pec = PecProviderSimulator.start(); Harness h = new Harness()) {
            pec.box(BOX, "secret").box(REGIONE, "secret").box(STUDIO, "secret").ordinaryBox(CITTADINO, "x");
            pec.behaviour(STUDIO, Behaviour.erroreConsegna("5.1.1 - utente sconosciuto"));
            TestPki pki = TestPki.shared();
            OutboundResult sent;
            try (Outbound outbound = Outbound.builder(h.registry, Harness.REGISTER, BOX).smtp(OutboundFixture.smtp(pec, BOX))
                    .ipa(OutboundFixture.ipa()).trust(h.trust).clock(h.clock).aooName("Comune di Esempio")
                    .sealKey(SealKey.of(pki.sealKey(), pki.sealCertificate())).build()) {
                sent = outbound.send(OutboundFixture.letter(Recipient.ipa("r_esempio"), Recipient.pec(STUDIO), Recipient.email(CITTADINO)).build());
            }

            assertThat(sent.state()).as(sent.toString()).isEqualTo(OutboundResult.State.SUBMITTED);
            assertThat(sent.preflight().errors()).isEmpty();
            assertThat(sent.preflight().warnings()).extracting(Preflight.Problem::code).containsExactly(Preflight.Code.ORDINARY_ADDRESS);
            ProtocolId id = sent.protocol().orElseThrow();
            assertThat(id.number()).isEqualTo(1);
            Registration r = h.registry.find(id).orElseThrow();
            assertThat(r.direction()).isEqualTo(Direction.OUTGOING);
            assertThat(r.correspondents()).extracting(c -> c.address().orElseThrow()).containsExactly(REGIONE, STUDIO, CITTADINO);
            assertThat(r.correspondents().get(0).ipaCode()).contains("r_esempio");
            assertThat(r.documents()).extracting(StoredDocument::fileName)
                    .containsExactly("convocazione.pdf.p7m", "planimetria.pdf", "Segnatura.xml", "messaggio-inviato.eml");

            List<Submission> submissions = pec.submissions();
            assertThat(submissions).hasSize(1);
            Submission s = submissions.get(0);
            assertThat(s.sender()).isEqualTo(BOX);
            assertThat(s.recipients()).containsExactlyInAnyOrder(REGIONE, STUDIO, CITTADINO);
            assertThat("<" + s.messageId().orElseThrow() + ">").isEqualTo(sent.messageId().orElseThrow());
            assertThat(s.subject().orElseThrow()).isEqualTo("Prot. n. 0000001 del 15/03/2024 - Convocazione conferenza dei servizi");
            byte[] stored;
            try (InputStream in = h.registry.openDocument(id, 3)) {
                stored = in.readAllBytes();
            }
            assertThat(s.raw()).as("the stored message is what was submitted, byte for byte").isEqualTo(stored);
            String segnatura;
            try (InputStream in = h.registry.openDocument(id, 2)) {
                segnatura = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            assertThat(segnatura).contains("0000001").contains("r_esempio").contains("SignatureValue"); // sealed (OUT-SEG-01)

            RoundReport round;
            try (Mailroom mailroom = Mailroom.builder(h.registry, Harness.REGISTER, AooConfig.defaults().withMailboxes(BOX))
                    .imap(OutboundFixture.imap(pec)).trust(h.trust).clock(h.clock).build()) {
                round = mailroom.runOnce();
            }
            assertThat(round.messages()).extracting(IntakeEntry::outcome).containsOnly(IntakeEntry.Outcome.RECEIPT).hasSize(3);
            Map<Type, List<String>> events = h.registry.transmissions(id).stream().collect(Collectors.groupingBy(t -> t.event().type(),
                    Collectors.mapping(t -> t.event().recipient().orElse("*"), Collectors.toList())));
            assertThat(events.get(Type.SENT)).as(events.toString()).containsExactlyInAnyOrder(REGIONE, STUDIO, CITTADINO);
            assertThat(events.get(Type.ACCETTAZIONE)).as(events.toString()).containsExactly("*");
            assertThat(events.get(Type.CONSEGNA)).as(events.toString()).containsExactly(REGIONE);
            assertThat(events.get(Type.ERRORE_CONSEGNA)).as(events.toString()).containsExactly(STUDIO);
            assertThat(h.registry.transmissions(id)).filteredOn(t -> t.event().type() == Type.ERRORE_CONSEGNA)
                    .extracting(t -> t.event().erroreEsteso().orElse("")).first().asString().contains("utente sconosciuto");
            assertThat(pec.messages(CITTADINO)).as("the ordinary address got the envelope, and no consegna comes back").hasSize(1);
            assertThat(h.registry.transmissions(id)).extracting(TransmissionRecord::event)
                    .allMatch(e -> e.type() != Type.SENT || e.msgid().orElseThrow().equals(sent.messageId().orElseThrow()));
        }
    }

    @Test
    @Tag("OUT-SEG-01")
    @DisplayName("OUT-SEG-01 without a seal key a letter to an administration carries an unsealed segnatura, with a warning")
    void unsealedSegnaturaWarns() throws Exception {
        try (PecProviderSimulator pec = PecProviderSimulator.start(); Harness h = new Harness()) {
            pec.box(BOX, "secret").box(REGIONE, "secret");
            try (Outbound outbound = Outbound.builder(h.registry, Harness.REGISTER, BOX).smtp(OutboundFixture.smtp(pec, BOX))
                    .ipa(OutboundFixture.ipa()).trust(h.trust).clock(h.clock).build()) {
                OutboundResult sent = outbound.send(OutboundFixture.letter(Recipient.pec(REGIONE)).build());
                assertThat(sent.state()).isEqualTo(OutboundResult.State.SUBMITTED);
                assertThat(sent.preflight().warnings()).extracting(Preflight.Problem::code).containsExactly(Preflight.Code.UNSEALED_SEGNATURA);
                String segnatura;
                try (InputStream in = h.registry.openDocument(sent.protocol().orElseThrow(), 2)) {
                    segnatura = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                assertThat(segnatura).contains("SegnaturaInformatica").doesNotContain("SignatureValue");
            }
        }
    }
}
