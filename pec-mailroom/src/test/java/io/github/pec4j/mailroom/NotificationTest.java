package io.github.pec4j.mailroom;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pec4j.registry.IntakeEntry;
import io.github.pec4j.registry.IntakeEntry.Outcome;
import io.github.pec4j.registry.MailroomState;
import io.github.pec4j.registry.OutboxEntry;
import io.github.pec4j.registry.Registration;
import io.github.pec4j.testkit.Attachments;
import jakarta.mail.BodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class NotificationTest {
    private static final Office PROTOCOLLO = Office.of("PROTOCOLLO", "Ufficio Protocollo", "protocollo@comune.esempio.it");
    private static final Office TRIBUTI = Office.of("TRIBUTI", "Ufficio Tributi", "tributi@comune.esempio.it");
    private static final Office SINDACO = Office.of("SINDACO", "Segreteria del Sindaco", "sindaco@comune.esempio.it").withAttachments(true);

    private static Routing routing() {
        return Routing.of(List.of(new Routing.Rule("certificati", List.of(), List.of(), List.of("certificato"), List.of(), List.of("TRIBUTI"),
                List.of("SINDACO"))), "PROTOCOLLO");
    }

    @Test
    @Tag("OUT-DUE-01")
    @DisplayName("OUT-DUE-01 250 letters waiting in the outbox (SMTP refused them all day) do not hold back the offices' notifications")
    void lettersBacklogDoesNotHideNotifications() throws Exception {
        try (Harness h = new Harness();
                Mailroom mailroom = h.builder().routing(routing()).offices(List.of(PROTOCOLLO, TRIBUTI, SINDACO))
                        .notificationSender("noreply-protocollo@comune.esempio.it").build()) {
            MailroomState state = h.registry.mailroom().orElseThrow();
            for (int i = 0; i < 250; i++) {
                state.enqueue(OutboxEntry.pending("letter-" + i, OutboxEntry.Kind.LETTER, Harness.BOX, "regione@pec.example.it",
                        Optional.empty(), Optional.empty(), "Lettera " + i, "", true, Optional.empty(), "<letter." + i + "@comune.esempio.it>",
                        h.clock.instant().minusSeconds(3600).plusMillis(i)));
            }
            h.mailbox.deliver(h.scenarios.citizenFromUnlistedPec());

            Harness.only(mailroom.runOnce());

            assertThat(h.smtp.to("tributi@comune.esempio.it")).as("the notification left in the same round").hasSize(1);
            assertThat(h.smtp.to("regione@pec.example.it")).as("letters are the outbound side's: the mailroom never sends one").isEmpty();
        }
    }

    @Test
    @Tag("MRM-NOTIF-01")
    @DisplayName("MRM-NOTIF-01 offices are told number, date, sender, subject and how to consult, without attachments unless con allegati")
    void withoutAttachmentsByDefault() throws Exception {
        try (Harness h = new Harness();
                Mailroom mailroom = h.builder().routing(routing()).offices(List.of(PROTOCOLLO, TRIBUTI, SINDACO))
                        .notificationSender("noreply-protocollo@comune.esempio.it").build()) {
            h.mailbox.deliver(h.scenarios.citizenFromUnlistedPec());

            IntakeEntry e = Harness.only(mailroom.runOnce());
            Registration r = h.registry.find(e.registration().orElseThrow()).orElseThrow();

            assertThat(r.assignments()).extracting(a -> a.describe()).containsExactly("TRIBUTI:competenza", "SINDACO:conoscenza");
            assertThat(h.smtp.to("protocollo@comune.esempio.it")).as("routed away from the protocol office").isEmpty();
            MimeMessage tributi = h.smtp.to("tributi@comune.esempio.it").get(0);
            assertThat(tributi.getFrom()[0].toString()).isEqualTo("noreply-protocollo@comune.esempio.it");
            assertThat(tributi.getContent()).as("one plain-text part, no attachment").isInstanceOf(String.class);
            String body = (String) tributi.getContent();
            assertThat(body).contains(r.id().toString(), r.id().formattedNumber(), "anna.verdi@pec.example.it", "Richiesta certificato",
                    "per competenza", "pec register show " + r.id(), "non sono allegati");
            assertThat(tributi.getSubject()).contains(r.id().formattedNumber()).contains("Richiesta certificato");
            assertThat(tributi.getHeader("Auto-Submitted")[0]).isEqualTo("auto-generated");

            MimeMessage sindaco = h.smtp.to("sindaco@comune.esempio.it").get(0);
            MimeMultipart parts = (MimeMultipart) sindaco.getContent();
            assertThat(parts.getCount()).isEqualTo(1 + r.documents().size());
            assertThat(((String) parts.getBodyPart(0).getContent())).contains("per conoscenza", "allegati a questo messaggio");
            List<String> names = new ArrayList<>();
            for (int i = 1; i < parts.getCount(); i++) names.add(parts.getBodyPart(i).getFileName());
            assertThat(names).containsExactly("messaggio.eml", "richiesta.pdf");
            BodyPart pdf = parts.getBodyPart(2);
            try (InputStream in = pdf.getInputStream()) {
                assertThat(in.readAllBytes()).isEqualTo(Attachments.pdf());
            }
        }
    }

    @Test
    @Tag("MRM-NOTIF-01")
    @DisplayName("MRM-NOTIF-01 the consult hint can be a URL template")
    void consultUrl() throws Exception {
        try (Harness h = new Harness();
                Mailroom mailroom = h.builder().office(PROTOCOLLO).consultHint("https://protocollo.example.it/reg/{year}/{number}").build()) {
            h.mailbox.deliver(h.scenarios.citizenFromUnlistedPec());
            IntakeEntry e = Harness.only(mailroom.runOnce());
            String body = (String) h.smtp.to("protocollo@comune.esempio.it").get(0).getContent();
            assertThat(body).contains("https://protocollo.example.it/reg/" + e.registration().orElseThrow().year() + "/"
                    + e.registration().orElseThrow().formattedNumber());
        }
    }

    @Test
    @Tag("MRM-NOTIF-02")
    @DisplayName("MRM-NOTIF-02 a notification that fails is retried with back-off and sent once; a permanent refusal gives it up")
    void retriedThenSentOnce() throws Exception {
        List<OutboxEntry> heard = new ArrayList<>();
        try (Harness h = new Harness();
                Mailroom mailroom = h.builder().office(PROTOCOLLO).maxAttempts(5).listener(new MailroomListener() {
                    @Override
                    public void onOutbox(OutboxEntry entry) {
                        heard.add(entry);
                    }
                }).build()) {
            h.smtp.failNext(2);
            h.mailbox.deliver(h.scenarios.citizenFromUnlistedPec());

            IntakeEntry e = Harness.only(mailroom.runOnce());
            String id = "notify:" + e.registration().orElseThrow() + ":PROTOCOLLO";
            OutboxEntry pending = h.registry.mailroom().orElseThrow().outboxEntry(id).orElseThrow();
            assertThat(pending.state()).isEqualTo(OutboxEntry.State.PENDING);
            assertThat(pending.attempts()).isOne();
            assertThat(pending.nextAttemptAt()).contains(h.clock.instant().plus(Duration.ofMinutes(1)));

            mailroom.runOnce();
            assertThat(h.smtp.attempts).as("not due yet: no attempt").isOne();
            h.clock.advance(Duration.ofMinutes(1));
            mailroom.runOnce();
            h.clock.advance(Duration.ofMinutes(2));
            mailroom.runOnce();
            h.clock.advance(Duration.ofHours(1));
            mailroom.runOnce();

            assertThat(h.smtp.to("protocollo@comune.esempio.it")).hasSize(1);
            assertThat(h.registry.mailroom().orElseThrow().outboxEntry(id).orElseThrow().state()).isEqualTo(OutboxEntry.State.SENT);
            assertThat(heard).extracting(OutboxEntry::state).containsExactly(OutboxEntry.State.PENDING, OutboxEntry.State.PENDING,
                    OutboxEntry.State.SENT);

            h.smtp.refuseAll(true);
            h.mailbox.deliver(h.scenarios.firmFromIniPec());
            IntakeEntry second = Harness.only(mailroom.runOnce());
            OutboxEntry refused = h.registry.mailroom().orElseThrow()
                    .outboxEntry("notify:" + second.registration().orElseThrow() + ":PROTOCOLLO").orElseThrow();
            assertThat(refused.state()).isEqualTo(OutboxEntry.State.FAILED);
            assertThat(refused.lastError()).hasValueSatisfying(x -> assertThat(x).contains("550"));
        }
    }

    @Test
    @Tag("MRM-NOTIF-02")
    @DisplayName("MRM-NOTIF-02 never doubled: the same PEC twice, a re-processing and a second round notify each office once")
    void neverDoubled() throws Exception {
        try (Harness h = new Harness(); Mailroom mailroom = h.builder().routing(routing()).offices(List.of(PROTOCOLLO, TRIBUTI, SINDACO)).build()) {
            byte[] pec = h.scenarios.citizenFromUnlistedPec();
            h.mailbox.deliver(pec);
            h.mailbox.deliver(pec);
            RoundReport first = mailroom.runOnce();
            assertThat(first.messages()).extracting(IntakeEntry::outcome).containsExactly(Outcome.REGISTERED, Outcome.DUPLICATE);
            assertThat(mailroom.reprocess(first.messages().get(0).key())).isPresent();
            mailroom.runOnce();

            assertThat(h.smtp.to("tributi@comune.esempio.it")).hasSize(1);
            assertThat(h.smtp.to("sindaco@comune.esempio.it")).hasSize(1);
            assertThat(h.smtp.sent).hasSize(2);
        }
    }
}
