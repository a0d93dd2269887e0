package io.github.pec4j.mailroom;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pec4j.receipts.InteropAnswers;
import io.github.pec4j.registry.IntakeEntry;
import io.github.pec4j.registry.IntakeEntry.Outcome;
import io.github.pec4j.registry.ProtocolId;
import io.github.pec4j.registry.TransmissionEvent;
import io.github.pec4j.segnatura.ConfermaRicezione;
import io.github.pec4j.segnatura.Identificatore;
import io.github.pec4j.segnatura.InteropMessages;
import io.github.pec4j.testkit.AdmissionScenarios;
import io.github.pec4j.testkit.FixtureKind;
import java.time.LocalDate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("OUT-INTEROP-01")
class InteropIntakeTest {
    private static final Identificatore THEIRS = Identificatore.of("r_esempio", "AOO_GIUNTA", "PG", 815, LocalDate.of(2024, 3, 15));

    private static byte[] pecWith(Harness h, byte[] xml) {
        return h.fixtures.message(FixtureKind.POSTA_CERTIFICATA).from(AdmissionScenarios.PA_SENDER).to(Harness.BOX)
                .subject("Conferma di ricezione").clientMessageId("conferma-" + xml.length + "@client.example.it")
                .noAttachments().attachment("Conferma.xml", "application/xml", xml).build();
    }

    @Test
    @DisplayName("OUT-INTEROP-01 a conferma di ricezione is recorded on the outgoing registration it names, not registered")
    void confermaRecorded() throws Exception {
        try (Harness h = new Harness(); Mailroom mailroom = h.builder().build()) {
            ProtocolId out = h.outgoing("20240315.lettera-20@client.comune.esempio.it", AdmissionScenarios.PA_SENDER);
            Identificatore ours = InteropAnswers.identificatore(h.registry.find(out).orElseThrow());
            h.mailbox.deliver(pecWith(h, InteropMessages.write(ConfermaRicezione.of(THEIRS, ours))));

            IntakeEntry e = Harness.only(mailroom.runOnce());

            assertThat(e.outcome()).as(e.reasons().toString()).isEqualTo(Outcome.RECEIPT);
            assertThat(e.registration()).contains(out);
            assertThat(h.registry.transmissions(out)).extracting(t -> t.event().type()).contains(TransmissionEvent.Type.CONFERMA_RICEZIONE);
            assertThat(h.registrations()).as("only the outgoing one").hasSize(1);
            assertThat(h.mailbox.count("pec4j/receipts")).isOne();
        }
    }

    @Test
    @DisplayName("OUT-INTEROP-01 a conferma naming no registration of ours is kept with the unmatched receipts, never registered")
    void confermaUnmatched() throws Exception {
        try (Harness h = new Harness(); Mailroom mailroom = h.builder().build()) {
            Identificatore unknown = Identificatore.of("c_esempio", "AOO_ESEMPIO", "PG", 999, LocalDate.of(2024, 3, 15));
            h.mailbox.deliver(pecWith(h, InteropMessages.write(ConfermaRicezione.of(THEIRS, unknown))));

            IntakeEntry e = Harness.only(mailroom.runOnce());

            assertThat(e.outcome()).as(e.reasons().toString()).isEqualTo(Outcome.RECEIPT_UNMATCHED);
            assertThat(h.registrations()).isEmpty();
            assertThat(mailroom.queue(Outcome.RECEIPT_UNMATCHED, 10)).hasSize(1);
            assertThat(mailroom.runOnce().messages()).as("still unmatched: nothing new").isEmpty();
        }
    }
}
