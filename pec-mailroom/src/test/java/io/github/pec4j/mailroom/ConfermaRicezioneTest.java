package io.github.pec4j.mailroom;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pec4j.registry.IntakeEntry;
import io.github.pec4j.registry.IntakeEntry.Outcome;
import io.github.pec4j.segnatura.Classifica;
import io.github.pec4j.segnatura.ConfermaRicezione;
import io.github.pec4j.segnatura.Destinatario;
import io.github.pec4j.segnatura.Documento;
import io.github.pec4j.segnatura.Identificatore;
import io.github.pec4j.segnatura.InteropMessages;
import io.github.pec4j.segnatura.SealKey;
import io.github.pec4j.segnatura.Segnatura;
import io.github.pec4j.segnatura.SegnaturaWriter;
import io.github.pec4j.segnatura.Soggetto;
import io.github.pec4j.testkit.AdmissionScenarios;
import io.github.pec4j.testkit.Attachments;
import io.github.pec4j.testkit.TestPki;
import jakarta.mail.BodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("OUT-INTEROP-01")
class ConfermaRicezioneTest {
    private static final byte[] PDF = Attachments.pdf();

    private static byte[] segnatura(boolean conferma) {
        TestPki pki = TestPki.shared();
        Segnatura s = Segnatura.builder()
                .identificatore(Identificatore.of("r_esempio", "AOO_GIUNTA", "PG", 4711, LocalDate.of(2024, 3, 15)))
                .oggetto("Trasmissione delibera n. 12/2024")
                .classifica(Classifica.flat("Atti della Giunta", "I.6"))
                .mittente(Soggetto.Amministrazione.aoo("Regione Esempio", "r_esempio", "AOO_GIUNTA", AdmissionScenarios.PA_SENDER))
                .destinatario(new Destinatario(new Soggetto.Amministrazione("Comune di Esempio", "c_esempio", Optional.of("AOO_ESEMPIO"), Optional.empty(),
                        Optional.of(AdmissionScenarios.AOO_BOX)), conferma, false))
                .documentoPrimario(Documento.of("delibera.pdf", "application/pdf", PDF))
                .build();
        return SegnaturaWriter.create(SealKey.of(pki.sealKey(), pki.sealCertificate())).write(s);
    }

    @Test
    @DisplayName("OUT-INTEROP-01 a registered PEC whose segnatura asks for it gets one conferma di ricezione, naming both registrations, once")
    void confermaSentOnce() throws Exception {
        try (Harness h = new Harness(); Mailroom mailroom = h.builder().build()) {
            h.mailbox.deliver(h.scenarios.paWithSegnatura(PDF, segnatura(true)));

            IntakeEntry e = Harness.only(mailroom.runOnce());
            assertThat(e.outcome()).as(e.reasons().toString()).isEqualTo(Outcome.REGISTERED);
            List<MimeMessage> sent = h.smtp.to(AdmissionScenarios.PA_SENDER);
            assertThat(sent).hasSize(1);
            MimeMessage m = sent.get(0);
            assertThat(m.getFrom()[0].toString()).isEqualTo(Harness.BOX);
            byte[] xml = attachment((MimeMultipart) m.getContent(), "Conferma.xml");
            ConfermaRicezione c = (ConfermaRicezione) InteropMessages.read(xml);
            assertThat(Integer.parseInt(c.identificatore().numeroRegistrazione())).isEqualTo(e.registration().orElseThrow().number());
            assertThat(c.identificatore().codiceAmministrazione()).isEqualTo("c_esempio");
            assertThat(Integer.parseInt(c.messaggioRicevuto().identificatore().orElseThrow().numeroRegistrazione())).isEqualTo(4711);

            h.mailbox.deliver(h.scenarios.paWithSegnatura(PDF, segnatura(true))); // the same PEC again: a duplicate
            mailroom.runOnce();
            mailroom.runOnce();
            assertThat(h.smtp.to(AdmissionScenarios.PA_SENDER)).as("never twice").hasSize(1);
        }
    }

    @Test
    @DisplayName("OUT-INTEROP-01 no conferma when the segnatura does not ask for it, or the mailroom is told not to send them")
    void notAsked() throws Exception {
        try (Harness h = new Harness(); Mailroom mailroom = h.builder().build()) {
            h.mailbox.deliver(h.scenarios.paWithSegnatura(PDF, segnatura(false)));
            assertThat(Harness.only(mailroom.runOnce()).outcome()).isEqualTo(Outcome.REGISTERED);
            assertThat(h.smtp.to(AdmissionScenarios.PA_SENDER)).isEmpty();
        }
        try (Harness h = new Harness(); Mailroom mailroom = h.builder().confermaRicezione(false).build()) {
            h.mailbox.deliver(h.scenarios.paWithSegnatura(PDF, segnatura(true)));
            assertThat(Harness.only(mailroom.runOnce()).outcome()).isEqualTo(Outcome.REGISTERED);
            assertThat(h.smtp.to(AdmissionScenarios.PA_SENDER)).isEmpty();
        }
    }

    private static byte[] attachment(MimeMultipart mixed, String name) throws Exception {
        for (int i = 0; i < mixed.getCount(); i++) {
            BodyPart p = mixed.getBodyPart(i);
            if (name.equals(p.getFileName())) {
                try (InputStream in = p.getInputStream()) {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    in.transferTo(out);
                    return out.toByteArray();
                }
            }
        }
        throw new AssertionError("no " + name + " attached");
    }
}
