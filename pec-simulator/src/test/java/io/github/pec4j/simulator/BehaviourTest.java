package io.github.pec4j.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pec4j.core.Daticert;
import io.github.pec4j.core.PecKind;
import io.github.pec4j.core.PecMessage;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Per-recipient behaviours, driven by the simulator's clock; every receipt genuine. */
class BehaviourTest {
    static final String SENDER = "protocollo@pec.comune.esempio.it";
    static final String RCPT = "ufficio@pec.regione.esempio.it";
    static final Instant T0 = SimulatorOptions.defaults().clock().instant();

    PecProviderSimulator sim;
    Pec pec;

    @BeforeEach
    void start() {
        sim = PecProviderSimulator.start(SimulatorOptions.defaults());
        sim.box(SENDER, Wire.PASSWORD).box(RCPT, Wire.PASSWORD);
        pec = Pec.trusting(sim);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private byte[] send() throws MessagingException, IOException {
        return Wire.send(sim.smtp(), SENDER, Wire.letter(SENDER, List.of(RCPT), List.of(), "Comunicazione", "Testo."));
    }

    private List<PecKind> senderKinds() {
        return Pec.kinds(sim.messages(SENDER));
    }

    private PecMessage last(String box, PecKind kind) {
        List<byte[]> all = sim.messages(box);
        return pec.genuine(all.get(all.size() - 1), kind);
    }

    @Test
    @DisplayName("DELAY: nothing before the delay, envelope and consegna when the clock reaches it, dated then")
    void delay() throws Exception {
        sim.behaviour(RCPT, Behaviour.delay(Duration.ofHours(2)));
        send();
        assertThat(senderKinds()).containsExactly(PecKind.ACCETTAZIONE);
        assertThat(sim.scheduled()).containsExactly(new Scheduled(T0.plus(Duration.ofHours(2)), RCPT, "consegna"));

        sim.advance(Duration.ofMinutes(119));
        assertThat(sim.messages(RCPT)).isEmpty();
        sim.advance(Duration.ofMinutes(1));
        assertThat(senderKinds()).containsExactly(PecKind.ACCETTAZIONE, PecKind.AVVENUTA_CONSEGNA);
        PecMessage envelope = pec.genuine(sim.messages(RCPT).get(0), PecKind.POSTA_CERTIFICATA);
        assertThat(envelope.daticert().orElseThrow().data().ora()).isEqualTo("12:15:30");
        assertThat(sim.scheduled()).isEmpty();
    }

    @Test
    @DisplayName("DELAY beyond 12 hours: a preavviso first, then the delivery")
    void longDelay() throws Exception {
        sim.behaviour(RCPT, Behaviour.delay(Duration.ofHours(13)));
        send();
        sim.advance(Duration.ofHours(12));
        assertThat(senderKinds()).containsExactly(PecKind.ACCETTAZIONE, PecKind.PREAVVISO_ERRORE_CONSEGNA);
        sim.advance(Duration.ofHours(1));
        assertThat(senderKinds()).containsExactly(PecKind.ACCETTAZIONE, PecKind.PREAVVISO_ERRORE_CONSEGNA, PecKind.AVVENUTA_CONSEGNA);
        assertThat(sim.messages(RCPT)).hasSize(1);
    }

    @Test
    @DisplayName("PREAVVISO: preavviso di mancata consegna at 12 hours, mancata consegna at 24, never delivered")
    void preavviso() throws Exception {
        sim.behaviour(RCPT, Behaviour.preavviso());
        byte[] sent = send();
        sim.advance(Duration.ofHours(12).minusSeconds(1));
        assertThat(senderKinds()).containsExactly(PecKind.ACCETTAZIONE);

        sim.advance(Duration.ofSeconds(1));
        PecMessage p = last(SENDER, PecKind.PREAVVISO_ERRORE_CONSEGNA);
        assertThat(p.correlation().consegna()).contains(RCPT);
        assertThat(p.correlation().riferimentoMessageId()).isEqualTo(Pec.parse(sent).correlation().messageId());
        assertThat(p.daticert().orElseThrow().data().ora()).isEqualTo("22:15:30");

        sim.advance(Duration.ofHours(12));
        PecMessage e = last(SENDER, PecKind.ERRORE_CONSEGNA);
        assertThat(e.daticert().orElseThrow().erroreEsteso().orElseThrow().code()).contains("4.4.7");
        assertThat(sim.messages(RCPT)).isEmpty();
    }

    @Test
    @DisplayName("ERRORE_CONSEGNA: an avviso di mancata consegna with the given errore-esteso, at once")
    void erroreConsegna() throws Exception {
        sim.behaviour(RCPT, Behaviour.erroreConsegna("5.1.1 - Test PEC S.p.A. - utente sconosciuto"));
        send();
        PecMessage e = last(SENDER, PecKind.ERRORE_CONSEGNA);
        Daticert d = e.daticert().orElseThrow();
        assertThat(d.errore().known()).contains(Daticert.Errore.NO_DEST);
        assertThat(d.erroreEsteso().orElseThrow().text()).isEqualTo("5.1.1 - Test PEC S.p.A. - utente sconosciuto");
        assertThat(e.correlation().consegna()).contains(RCPT);
        assertThat(sim.messages(RCPT)).isEmpty();
    }

    @Test
    @DisplayName("VIRUS: an avviso di mancata consegna per virus")
    void virus() throws Exception {
        sim.behaviour(RCPT, Behaviour.virus());
        send();
        PecMessage e = last(SENDER, PecKind.ERRORE_CONSEGNA);
        assertThat(e.virusRelated()).isTrue();
        assertThat(e.daticert().orElseThrow().errore().known()).contains(Daticert.Errore.VIRUS);
        assertThat(sim.messages(RCPT)).isEmpty();
    }

    @Test
    @DisplayName("BOX_FULL: an avviso di mancata consegna 'casella piena'")
    void boxFull() throws Exception {
        sim.behaviour(RCPT, Behaviour.boxFull());
        send();
        PecMessage e = last(SENDER, PecKind.ERRORE_CONSEGNA);
        assertThat(e.daticert().orElseThrow().erroreEsteso().orElseThrow().text()).contains("casella piena");
        assertThat(sim.messages(RCPT)).isEmpty();
    }

    @Test
    @DisplayName("a quota the next envelope would exceed makes the box full")
    void quotaMakesTheBoxFull() throws Exception {
        sim.setQuota(RCPT, 1);
        send();
        assertThat(last(SENDER, PecKind.ERRORE_CONSEGNA).daticert().orElseThrow().erroreEsteso().orElseThrow().text())
                .contains("casella piena");
    }

    @Test
    @DisplayName("REFUSE_SENDER: SMTP answers 553 5.7.1 at RCPT; nothing is accepted")
    void refuseSender() throws Exception {
        sim.behaviour(RCPT, Behaviour.refuseSender());
        assertThatThrownBy(this::send).isInstanceOf(SendFailedException.class)
                .satisfies(e -> assertThat(chain(e)).contains("553 5.7.1").contains("Sender address rejected: not owned by user"));
        assertThat(sim.submissions()).isEmpty();
        assertThat(sim.messages(SENDER)).isEmpty();
    }

    private static String chain(Throwable t) {
        StringBuilder s = new StringBuilder();
        for (Exception e = (Exception) t; e != null; e = e instanceof MessagingException me ? me.getNextException() : null) {
            s.append(e.getMessage()).append('\n');
        }
        return s.toString();
    }

    @Test
    @DisplayName("NON_ACCETTAZIONE: an avviso di non accettazione with the given errore-esteso, nothing delivered")
    void nonAccettazione() throws Exception {
        sim.behaviour(RCPT, Behaviour.nonAccettazione("5.7.1 - Test PEC S.p.A. - destinatari non ammessi"));
        send();
        assertThat(senderKinds()).containsExactly(PecKind.NON_ACCETTAZIONE);
        PecMessage n = last(SENDER, PecKind.NON_ACCETTAZIONE);
        assertThat(n.daticert().orElseThrow().erroreEsteso().orElseThrow().text()).contains("destinatari non ammessi");
        assertThat(sim.messages(RCPT)).isEmpty();
    }

    @Test
    @DisplayName("a message over the size limit is not accepted")
    void tooLarge() throws Exception {
        sim.close();
        sim = PecProviderSimulator.start(SimulatorOptions.defaults().withMaxMessageBytes(200));
        sim.box(SENDER, Wire.PASSWORD).box(RCPT, Wire.PASSWORD);
        send();
        assertThat(senderKinds()).containsExactly(PecKind.NON_ACCETTAZIONE);
        assertThat(Pec.parse(sim.messages(SENDER).get(0)).daticert().orElseThrow().erroreEsteso().orElseThrow().text())
                .contains("troppo grande");
        assertThat(sim.messages(RCPT)).isEmpty();
    }

    @Test
    @DisplayName("a submission carrying the EICAR test file gets an avviso di non accettazione per virus")
    void eicarIsNotAccepted() throws Exception {
        MimeMessage m = new MimeMessage(Session.getInstance(new Properties()));
        m.setFrom(SENDER);
        m.setRecipients(MimeMessage.RecipientType.TO, RCPT);
        m.setSubject("Documenti");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("In allegato.");
        MimeBodyPart file = new MimeBodyPart();
        file.setContent("X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*".getBytes(StandardCharsets.US_ASCII),
                "application/octet-stream");
        file.setFileName("eicar.com");
        file.setHeader("Content-Transfer-Encoding", "base64");
        m.setContent(new MimeMultipart(text, file));
        m.saveChanges();
        Wire.send(sim.smtp(), SENDER, m);

        PecMessage n = last(SENDER, PecKind.NON_ACCETTAZIONE);
        assertThat(n.virusRelated()).isTrue();
        assertThat(sim.messages(RCPT)).isEmpty();
    }

    @Test
    @DisplayName("behaviours are per recipient: one delivered, one refused with mancata consegna")
    void perRecipient() throws Exception {
        sim.box("altro@pec.regione.esempio.it", Wire.PASSWORD);
        sim.behaviour("altro@pec.regione.esempio.it", Behaviour.erroreConsegna("5.2.1 - Test PEC S.p.A. - casella disabilitata"));
        Wire.send(sim.smtp(), SENDER, Wire.letter(SENDER, List.of(RCPT, "altro@pec.regione.esempio.it"), List.of(), "Due", "Testo"));
        assertThat(senderKinds()).containsExactly(PecKind.ACCETTAZIONE, PecKind.AVVENUTA_CONSEGNA, PecKind.ERRORE_CONSEGNA);
        assertThat(sim.messages(RCPT)).hasSize(1);
        assertThat(sim.messages("altro@pec.regione.esempio.it")).isEmpty();
    }

    @Test
    @DisplayName("a recipient with a behaviour but no box: the delivery fails with no-dest")
    void behaviourWithoutBox() throws Exception {
        sim.behaviour("fantasma@pec.esempio.it", Behaviour.delay(Duration.ofMinutes(5)));
        Wire.send(sim.smtp(), SENDER, Wire.letter(SENDER, List.of("fantasma@pec.esempio.it"), List.of(), "Chi c'è", "Testo"));
        sim.advance(Duration.ofMinutes(5));
        PecMessage e = last(SENDER, PecKind.ERRORE_CONSEGNA);
        assertThat(e.daticert().orElseThrow().errore().known()).contains(Daticert.Errore.NO_DEST);
    }

    @Test
    @DisplayName("tick() fires what became due on a base clock the test moves itself")
    void tickWithTheTestsOwnClock() throws Exception {
        MovableClock clock = new MovableClock(T0);
        sim.close();
        sim = PecProviderSimulator.start(SimulatorOptions.defaults().withClock(clock));
        sim.box(SENDER, Wire.PASSWORD).box(RCPT, Wire.PASSWORD);
        sim.behaviour(RCPT, Behaviour.delay(Duration.ofMinutes(30)));
        send();
        clock.now = T0.plus(Duration.ofMinutes(30));
        assertThat(sim.messages(RCPT)).isEmpty();
        sim.tick();
        assertThat(sim.messages(RCPT)).hasSize(1);
    }

    /** A clock the test moves. */
    static final class MovableClock extends Clock {
        volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("Europe/Rome");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
