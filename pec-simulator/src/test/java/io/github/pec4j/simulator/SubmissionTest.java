package io.github.pec4j.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pec4j.core.Daticert;
import io.github.pec4j.core.PecKind;
import io.github.pec4j.core.PecMessage;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A PEC box submits over SMTP: accettazione, envelope, consegna, all genuine and correlated. */
class SubmissionTest {
    static final String PROTOCOLLO = "protocollo@pec.comune.esempio.it";
    static final String UFFICIO = "ufficio@pec.regione.esempio.it";
    static final String RAGIONERIA = "ragioneria@pec.regione.esempio.it";
    static final String TRIBUTI = "ufficio.tributi@comune.example.it";

    PecProviderSimulator sim;
    Pec pec;

    @BeforeEach
    void start() {
        sim = PecProviderSimulator.start(SimulatorOptions.defaults());
        sim.box(PROTOCOLLO, Wire.PASSWORD).box(UFFICIO, Wire.PASSWORD).box(RAGIONERIA, Wire.PASSWORD).ordinaryBox(TRIBUTI, Wire.PASSWORD);
        pec = Pec.trusting(sim);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    @DisplayName("a submission gets a genuine accettazione, a genuine envelope in the recipient's INBOX and a genuine consegna")
    void submissionAccettazioneEnvelopeConsegna() throws Exception {
        MimeMessage letter = Wire.letter(PROTOCOLLO, List.of(UFFICIO), List.of(), "Trasmissione determina n. 12", "In allegato la determina.");
        byte[] sent = Wire.send(sim.smtp(), PROTOCOLLO, letter);
        String clientId = letter.getMessageID().replaceAll("[<>]", "");

        List<byte[]> senderInbox = Wire.fetch(sim.imap(), PROTOCOLLO, "INBOX");
        List<byte[]> recipientInbox = Wire.fetch(sim.imap(), UFFICIO, "INBOX");
        assertThat(senderInbox).hasSize(2);
        assertThat(recipientInbox).hasSize(1);

        PecMessage accettazione = pec.genuine(senderInbox.get(0), PecKind.ACCETTAZIONE);
        PecMessage consegna = pec.genuine(senderInbox.get(1), PecKind.AVVENUTA_CONSEGNA);
        PecMessage envelope = pec.genuine(recipientInbox.get(0), PecKind.POSTA_CERTIFICATA);

        String identificativo = sim.submissions().get(0).identificativo().orElseThrow();
        for (PecMessage m : List.of(accettazione, consegna, envelope)) {
            assertThat(m.correlation().riferimentoMessageId()).contains(clientId);
            assertThat(m.correlation().msgid()).contains(clientId);
            assertThat(m.correlation().identificativo()).contains(identificativo);
            Daticert d = m.daticert().orElseThrow();
            assertThat(d.mittente()).isEqualTo(PROTOCOLLO);
            assertThat(d.oggetto()).contains("Trasmissione determina n. 12");
        }
        assertThat(consegna.correlation().consegna()).contains(UFFICIO);
        assertThat(envelope.original().orElseThrow().subject()).contains("Trasmissione determina n. 12");
        assertThat(Wire.postacert(recipientInbox.get(0))).as("postacert.eml is the submitted message, byte for byte").isEqualTo(sent);
        assertThat(Wire.postacert(senderInbox.get(1))).as("a completa consegna carries it too").isEqualTo(sent);
    }

    @Test
    @DisplayName("IMAP serves exactly the bytes the simulator stored")
    void imapAndDirectReadsAgree() throws Exception {
        Wire.send(sim.smtp(), PROTOCOLLO, Wire.letter(PROTOCOLLO, List.of(UFFICIO), List.of(), "Prova", "Testo"));
        List<byte[]> overImap = Wire.fetch(sim.imap(), PROTOCOLLO, "INBOX");
        List<byte[]> direct = sim.messages(PROTOCOLLO);
        assertThat(overImap).hasSameSizeAs(direct);
        for (int i = 0; i < direct.size(); i++) {
            assertThat(overImap.get(i)).isEqualTo(direct.get(i));
        }
    }

    @Test
    @DisplayName("every PEC recipient gets the envelope and the sender one consegna each; Cc consegne carry no original")
    void toAndCcRecipients() throws Exception {
        MimeMessage letter = Wire.letter(PROTOCOLLO, List.of(UFFICIO), List.of(RAGIONERIA), "Convocazione", "Riunione.");
        byte[] sent = Wire.send(sim.smtp(), PROTOCOLLO, letter);

        assertThat(Pec.kinds(sim.messages(PROTOCOLLO)))
                .containsExactly(PecKind.ACCETTAZIONE, PecKind.AVVENUTA_CONSEGNA, PecKind.AVVENUTA_CONSEGNA);
        assertThat(sim.messages(PROTOCOLLO).stream().skip(1).map(b -> Pec.parse(b).correlation().consegna().orElseThrow()))
                .containsExactly(UFFICIO, RAGIONERIA);
        PecMessage ccConsegna = pec.genuine(sim.messages(PROTOCOLLO).get(2), PecKind.AVVENUTA_CONSEGNA);
        assertThat(ccConsegna.original()).isEmpty();
        PecMessage ccEnvelope = pec.genuine(sim.messages(RAGIONERIA).get(0), PecKind.POSTA_CERTIFICATA);
        assertThat(ccEnvelope.daticert().orElseThrow().destinatari()).extracting(Daticert.Destinatario::indirizzo)
                .containsExactly(UFFICIO, RAGIONERIA);
        assertThat(Wire.postacert(sim.messages(RAGIONERIA).get(0))).isEqualTo(sent);
    }

    @Test
    @DisplayName("X-TipoRicevuta: sintetica gives a consegna without the original")
    void sinteticaConsegna() throws Exception {
        MimeMessage letter = Wire.letter(PROTOCOLLO, List.of(UFFICIO), List.of(), "Sintetica", "Testo");
        letter.setHeader("X-TipoRicevuta", "sintetica");
        letter.saveChanges();
        Wire.send(sim.smtp(), PROTOCOLLO, letter);
        PecMessage consegna = pec.genuine(sim.messages(PROTOCOLLO).get(1), PecKind.AVVENUTA_CONSEGNA);
        assertThat(consegna.original()).isEmpty();
        assertThat(consegna.daticert().orElseThrow().ricevuta().orElseThrow().known()).contains(Daticert.RicevutaTipo.SINTETICA);
    }

    @Test
    @DisplayName("an ordinary recipient gets the envelope, tipo esterno, and the sender no consegna for it")
    void ordinaryRecipientGetsTheEnvelopeWithoutConsegna() throws Exception {
        Wire.send(sim.smtp(), PROTOCOLLO, Wire.letter(PROTOCOLLO, List.of(UFFICIO, TRIBUTI), List.of(), "Avviso", "Testo"));

        assertThat(Pec.kinds(sim.messages(PROTOCOLLO))).containsExactly(PecKind.ACCETTAZIONE, PecKind.AVVENUTA_CONSEGNA);
        PecMessage atTributi = pec.genuine(sim.messages(TRIBUTI).get(0), PecKind.POSTA_CERTIFICATA);
        assertThat(atTributi.daticert().orElseThrow().destinatari())
                .anySatisfy(d -> {
                    assertThat(d.indirizzo()).isEqualTo(TRIBUTI);
                    assertThat(d.tipo().known()).contains(Daticert.DestinatarioTipo.ESTERNO);
                });
    }

    @Test
    @DisplayName("ordinary mail from a non-PEC sender reaches an ordinary box as it is, and a PEC box as a genuine anomalia")
    void ordinarySender() throws Exception {
        sim.ordinaryBox("noreply@comune.example.it", Wire.PASSWORD);
        MimeMessage note = Wire.letter("noreply@comune.example.it", List.of(TRIBUTI, UFFICIO), List.of(), "Nuovo protocollo", "Protocollato.");
        byte[] sent = Wire.send(sim.smtp(), "noreply@comune.example.it", note);

        assertThat(sim.messages(TRIBUTI)).containsExactly(sent);
        PecMessage anomalia = pec.genuine(sim.messages(UFFICIO).get(0), PecKind.ANOMALIA);
        assertThat(anomalia.original().orElseThrow().subject()).contains("Nuovo protocollo");
        assertThat(Wire.postacert(sim.messages(UFFICIO).get(0))).isEqualTo(sent);
        assertThat(sim.messages("noreply@comune.example.it")).as("no receipts outside PEC").isEmpty();
        Submission s = sim.submissions().get(0);
        assertThat(s.certified()).isFalse();
        assertThat(s.identificativo()).isEmpty();
        assertThat(s.raw()).isEqualTo(sent);
    }

    @Test
    @DisplayName("submissions() records what each box sent, with its identificativo and exact bytes")
    void submissionsAreRecorded() throws Exception {
        MimeMessage letter = Wire.letter(PROTOCOLLO, List.of(UFFICIO, "nessuno@example.org"), List.of(), "Registro", "Testo");
        byte[] sent = Wire.send(sim.smtp(), PROTOCOLLO, letter);

        assertThat(sim.submissions()).singleElement().satisfies(s -> {
            assertThat(s.sender()).isEqualTo(PROTOCOLLO);
            assertThat(s.recipients()).containsExactly(UFFICIO, "nessuno@example.org");
            assertThat(s.certified()).isTrue();
            assertThat(s.messageId()).contains(letter.getMessageID().replaceAll("[<>]", ""));
            assertThat(s.subject()).contains("Registro");
            assertThat(s.identificativo().orElseThrow()).matches("opec-sim\\.20240315101530\\.\\d+@pec\\.testpec\\.it");
            assertThat(s.at()).isEqualTo(SimulatorOptions.defaults().clock().instant());
            assertThat(s.raw()).isEqualTo(sent);
        });
    }
}
