package io.github.pec4j.mailroom;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pec4j.registry.IntakeEntry;
import io.github.pec4j.registry.IntakeEntry.Outcome;
import io.github.pec4j.registry.ProtocolId;
import io.github.pec4j.registry.TransmissionEvent;
import io.github.pec4j.testkit.FixtureKind;
import io.github.pec4j.testkit.TestPki;
import java.io.InputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("MRM-RCPT-01")
class ReceiptsTest {
    private static final String TO = "ufficio.tributi@pec.regione.esempio.it";

    @Test
    @DisplayName("MRM-RCPT-01 an unmatched receipt is kept, then filed byte-exact once its outgoing registration appears")
    void unmatchedThenMatched() throws Exception {
        try (Harness h = new Harness(); Mailroom mailroom = h.builder().build()) {
            String id = "20240315.lettera-2@client.comune.esempio.it";
            byte[] accettazione = h.fixtures.message(FixtureKind.ACCETTAZIONE).from(Harness.BOX).to(TO).clientMessageId(id).build();
            h.mailbox.deliver(accettazione);

            IntakeEntry first = Harness.only(mailroom.runOnce());
            assertThat(first.outcome()).isEqualTo(Outcome.RECEIPT_UNMATCHED);
            assertThat(first.folder()).isEqualTo("pec4j/receipts-unmatched");
            assertThat(h.mailbox.count("pec4j/receipts-unmatched")).isOne();
            assertThat(mailroom.queue(Outcome.RECEIPT_UNMATCHED, 10)).hasSize(1);
            assertThat(mailroom.runOnce().messages()).as("still unmatched: nothing new to report").isEmpty();
            assertThat(h.registrations()).as("never registered as incoming").isEmpty();

            ProtocolId out = h.outgoing(id, TO);
            IntakeEntry matched = Harness.only(mailroom.runOnce());

            assertThat(matched.outcome()).isEqualTo(Outcome.RECEIPT);
            assertThat(matched.registration()).contains(out);
            assertThat(matched.attempts()).isEqualTo(2);
            assertThat(h.mailbox.count("pec4j/receipts-unmatched")).isZero();
            assertThat(h.mailbox.count("pec4j/receipts")).isOne();
            var events = h.registry.transmissions(out);
            assertThat(events).extracting(t -> t.event().type()).containsExactly(TransmissionEvent.Type.SENT, TransmissionEvent.Type.ACCETTAZIONE);
            try (InputStream in = h.registry.openReceipt(out, events.get(1).sequence())) {
                assertThat(in.readAllBytes()).isEqualTo(accettazione);
            }
            assertThat(mailroom.queue(Outcome.RECEIPT_UNMATCHED, 10)).isEmpty();
        }
    }

    @Test
    @DisplayName("MRM-RCPT-01 a forged receipt is quarantined, never filed")
    void forgedReceipt() throws Exception {
        try (Harness h = new Harness(); Mailroom mailroom = h.builder().build()) {
            String id = "20240315.lettera-3@client.comune.esempio.it";
            ProtocolId out = h.outgoing(id, TO);
            TestPki pki = TestPki.shared();
            h.mailbox.deliver(h.fixtures.message(FixtureKind.AVVENUTA_CONSEGNA).from(Harness.BOX).to(TO).clientMessageId(id)
                    .signedBy(pki.otherCertificate(), pki.otherKey()).build());

            IntakeEntry e = Harness.only(mailroom.runOnce());

            assertThat(e.outcome()).isEqualTo(Outcome.QUARANTINED);
            assertThat(e.reasons().get(0)).contains("never filed");
            assertThat(h.registry.transmissions(out)).hasSize(1);
        }
    }

    @Test
    @DisplayName("MRM-RCPT-01 every kind of receipt for one letter is filed on it: accettazione, consegna, errore, preavviso, virus")
    void everyKind() throws Exception {
        try (Harness h = new Harness(); Mailroom mailroom = h.builder().build()) {
            String id = "20240315.lettera-4@client.comune.esempio.it";
            ProtocolId out = h.outgoing(id, TO);
            for (FixtureKind k : new FixtureKind[] {FixtureKind.ACCETTAZIONE, FixtureKind.AVVENUTA_CONSEGNA, FixtureKind.ERRORE_CONSEGNA,
                    FixtureKind.PREAVVISO_ERRORE_CONSEGNA, FixtureKind.RILEVAZIONE_VIRUS}) {
                h.mailbox.deliver(h.fixtures.message(k).from(Harness.BOX).to(TO).clientMessageId(id).build());
            }

            RoundReport round = mailroom.runOnce();

            assertThat(round.messages()).extracting(IntakeEntry::outcome).containsOnly(Outcome.RECEIPT).hasSize(5);
            assertThat(h.registry.transmissions(out)).hasSize(6);
            assertThat(h.mailbox.count(Folders.INBOX)).isZero();
        }
    }
}
