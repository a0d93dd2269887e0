package io.github.pec4j.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pec4j.core.PecKind;
import io.github.pec4j.core.PecMessage;
import io.github.pec4j.signature.ProviderSignatureVerifier;
import io.github.pec4j.testkit.FixtureKind;
import io.github.pec4j.testkit.Quirk;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A test puts messages straight into a box: genuine envelopes, ordinary mail, raw bytes, late receipts. */
class InjectionTest {
    static final String BOX = "protocollo@pec.regione.esempio.it";

    PecProviderSimulator sim;
    Pec pec;

    @BeforeEach
    void start() {
        sim = PecProviderSimulator.start();
        sim.box(BOX, Wire.PASSWORD);
        pec = Pec.trusting(sim);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    @DisplayName("deliverPec puts a genuine envelope with the given attachments into the INBOX, readable over IMAP")
    void deliverPec() throws Exception {
        byte[] pdf = "%PDF-1.7\n%istanza\n".getBytes(StandardCharsets.ISO_8859_1);
        DeliveredMessage d = sim.deliverPec("mario.rossi@pec.example.it", BOX, "Istanza di accesso agli atti",
                FileAttachment.of("istanza.pdf", "application/pdf", pdf));

        List<byte[]> inbox = Wire.fetch(sim.imap(), BOX, "INBOX");
        assertThat(inbox).containsExactly(d.raw());
        PecMessage m = pec.genuine(inbox.get(0), PecKind.POSTA_CERTIFICATA);
        assertThat(m.sender()).contains("mario.rossi@pec.example.it");
        assertThat(m.originalSubject()).contains("Istanza di accesso agli atti");
        assertThat(m.attachments()).singleElement().satisfies(a -> assertThat(a.name()).isEqualTo("istanza.pdf"));
        assertThat(m.correlation().identificativo()).isEqualTo(d.identificativo());
        assertThat(m.correlation().riferimentoMessageId()).isEqualTo(d.messageId());
    }

    @Test
    @DisplayName("deliverOrdinary stores plain mail with the given headers, no PEC envelope")
    void deliverOrdinary() throws Exception {
        DeliveredMessage d = sim.deliverOrdinary("mailer-daemon@example.org", BOX, "Risposta automatica: fuori sede", "Sono fuori sede.",
                Map.of("Auto-Submitted", "auto-replied"));

        byte[] stored = sim.messages(BOX).get(0);
        assertThat(stored).isEqualTo(d.raw());
        PecMessage m = Pec.parse(stored);
        assertThat(m.kind()).isEqualTo(PecKind.NON_PEC);
        assertThat(m.headers().first("Auto-Submitted")).contains("auto-replied");
        assertThat(m.correlation().messageId()).isEqualTo(d.messageId());
    }

    @Test
    @DisplayName("deliverRaw stores any bytes as they are, in INBOX or another folder")
    void deliverRaw() throws Exception {
        byte[] forged = sim.deliver(BOX, FixtureKind.ACCETTAZIONE, b -> b.signedBy(sim.options().pki().otherCertificate(),
                sim.options().pki().otherKey())).raw();
        byte[] hostile = "Subject: =?x?Q?\r\nContent-Type: multipart/mixed; boundary=\"\"\r\n\r\n--\r\n".getBytes(StandardCharsets.US_ASCII);
        sim.deliverRaw(BOX, hostile);
        sim.deliverRaw(BOX, "Quarantena", forged);

        assertThat(sim.messages(BOX)).hasSize(2);
        assertThat(sim.messages(BOX).get(1)).isEqualTo(hostile);
        assertThat(sim.messages(BOX, "Quarantena")).containsExactly(forged);
        assertThat(sim.folders(BOX)).contains("INBOX", "Quarantena");
        assertThat(ProviderSignatureVerifierHolder.verify(sim, forged)).as("the forged receipt is not genuine").isFalse();
    }

    @Test
    @DisplayName("deliver builds any kind with the testkit, quirks included, dated by the simulator")
    void deliverAnyKind() throws Exception {
        DeliveredMessage d = sim.deliver(BOX, FixtureKind.POSTA_CERTIFICATA, b -> b.to(BOX).quirk(Quirk.LOWERCASE_HEADER_NAMES));
        PecMessage m = pec.genuine(d.raw(), PecKind.POSTA_CERTIFICATA);
        assertThat(m.daticert().orElseThrow().data().giorno()).isEqualTo("15/03/2024");
        assertThat(m.daticert().orElseThrow().data().ora()).isEqualTo("10:15:30");
    }

    @Test
    @DisplayName("deliverReceipt gives a box the receipt of yesterday's letter, correlated by its Message-ID")
    void receiptOfAnEarlierLetter() throws Exception {
        DeliveredMessage d = sim.deliverReceipt(BOX, FixtureKind.AVVENUTA_CONSEGNA, "ufficio@pec.esempio.it",
                "20240314.lettera.1@client.pec.regione.esempio.it", "Lettera di ieri");

        PecMessage m = pec.genuine(sim.messages(BOX).get(0), PecKind.AVVENUTA_CONSEGNA);
        assertThat(m.correlation().riferimentoMessageId()).contains("20240314.lettera.1@client.pec.regione.esempio.it");
        assertThat(m.correlation().consegna()).contains("ufficio@pec.esempio.it");
        assertThat(m.daticert().orElseThrow().mittente()).isEqualTo(BOX);
        assertThat(m.correlation().identificativo()).isEqualTo(d.identificativo());
    }

    @Test
    @DisplayName("deliverReceipt about a submission: a second consegna with the same identificativo")
    void receiptOfASubmission() throws Exception {
        sim.box("ufficio@pec.esempio.it", Wire.PASSWORD);
        Wire.send(sim.smtp(), BOX, Wire.letter(BOX, List.of("ufficio@pec.esempio.it"), List.of(), "Lettera", "Testo"));
        Submission s = sim.submissions().get(0);
        sim.deliverReceipt(s, FixtureKind.ERRORE_CONSEGNA, "ufficio@pec.esempio.it");

        PecMessage m = pec.genuine(sim.messages(BOX).get(2), PecKind.ERRORE_CONSEGNA);
        assertThat(m.correlation().identificativo()).isEqualTo(s.identificativo());
        assertThat(m.correlation().riferimentoMessageId()).isEqualTo(s.messageId());
    }

    @Test
    @DisplayName("deliverAnomalia wraps the given bytes in a genuine anomalia envelope")
    void deliverAnomalia() throws Exception {
        byte[] plain = "From: a@example.org\r\nTo: protocollo@pec.regione.esempio.it\r\nSubject: Domanda\r\nMessage-ID: <q1@example.org>\r\n\r\nTesto\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        sim.deliverAnomalia("a@example.org", BOX, plain);
        byte[] stored = sim.messages(BOX).get(0);
        pec.genuine(stored, PecKind.ANOMALIA);
        assertThat(Wire.postacert(stored)).isEqualTo(plain);
    }

    @Test
    @DisplayName("caller mistakes are IllegalArgumentException: an unknown box, a non-receipt kind")
    void callerMistakes() {
        assertThatThrownBy(() -> sim.deliverRaw("nobody@example.org", new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sim.deliverReceipt(BOX, FixtureKind.POSTA_CERTIFICATA, "a@b.it", "x@y", "s"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sim.box("not an address", "p")).isInstanceOf(IllegalArgumentException.class);
    }

    /** The signature check with the simulator's CA, returning the verdict. */
    static final class ProviderSignatureVerifierHolder {
        static boolean verify(PecProviderSimulator sim, byte[] raw) throws Exception {
            ProviderSignatureVerifier v = ProviderSignatureVerifier.create(io.github.pec4j.signature.TrustStore.builder()
                    .addCertificate(sim.trustAnchor()).build());
            return v.verify(Pec.parse(raw)).isGenuine();
        }
    }
}
