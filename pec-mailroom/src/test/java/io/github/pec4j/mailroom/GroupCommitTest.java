package io.github.pec4j.mailroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pec4j.admission.AooConfig;
import io.github.pec4j.registry.IntakeEntry;
import io.github.pec4j.registry.IntakeEntry.Outcome;
import io.github.pec4j.registry.ProtocolId;
import io.github.pec4j.registry.ProtocolRegistry;
import io.github.pec4j.registry.TransmissionEvent;
import io.github.pec4j.testkit.FixtureKind;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * MRM-GROUP-01: the messages of a round are judged one by one and committed in groups: the registrations in one
 * transaction, the receipts' filings in one, then the whole group's journal entries and mail in one call; no message
 * leaves INBOX before all three.
 */
@Tag("MRM-GROUP-01")
class GroupCommitTest {
    private static final AooConfig REJECT = AooConfig.defaults().withMailboxes(Harness.BOX)
            .withUncertified(AooConfig.Handling.REJECT, AooConfig.Handling.REJECT);
    private static final String TO = "ufficio.tributi@pec.regione.esempio.it";
    private static final String LETTER = "20240315.lettera-7@client.comune.esempio.it";
    private static final Office OFFICE = Office.of("PROTOCOLLO", "Protocollo", "protocollo@comune.esempio.it");

    /** A PEC to register, ordinary mail to refuse with a reply, and an accettazione of a letter sent earlier. */
    private static ProtocolId deliverMix(Harness h) throws IOException {
        ProtocolId letter = h.outgoing(LETTER, TO);
        h.mailbox.deliver(h.scenarios.citizenFromUnlistedPec());
        h.mailbox.deliver(h.fixtures.message(FixtureKind.NON_PEC).from("mario.rossi@example.org").to(Harness.BOX).subject("Segnalazione").build());
        h.mailbox.deliver(h.fixtures.message(FixtureKind.ACCETTAZIONE).from(Harness.BOX).to(TO).clientMessageId(LETTER).build());
        return letter;
    }

    private static Mailroom.Builder rejecting(Harness h, ProtocolRegistry registry) {
        return Mailroom.builder(registry, Harness.REGISTER, REJECT).mailbox(h.mailbox).mailSender(h.smtp).trust(h.trust).clock(h.clock)
                .retryBase(Duration.ofMinutes(1)).office(OFFICE);
    }

    private static List<TransmissionEvent.Type> events(Harness h, ProtocolId letter) throws IOException {
        return h.registry.transmissions(letter).stream().map(t -> t.event().type()).toList();
    }

    @Test
    @DisplayName("MRM-GROUP-01 a round of a PEC, ordinary mail and a receipt: one journal call and one filing call for the group, each then moved, mail sent once")
    void oneJournalCallPerGroup() throws Exception {
        try (Harness h = new Harness()) {
            ProtocolId letter = deliverMix(h);
            List<String> calls = Collections.synchronizedList(new ArrayList<>());
            try (Mailroom mailroom = rejecting(h, Crashes.observed(h.registry, calls)).build()) {
                RoundReport round = mailroom.runOnce();

                assertThat(round.messages()).extracting(IntakeEntry::outcome).containsExactly(Outcome.REGISTERED, Outcome.REFUSED, Outcome.RECEIPT);
            }
            assertThat(calls).as("the group's entries in one call, none alone").containsOnlyOnce("recordIntakes").doesNotContain("recordIntake", "enqueue");
            assertThat(calls).as("its receipts filed together, none alone").containsOnlyOnce("registry.recordTransmissions")
                    .doesNotContain("registry.recordTransmission");
            assertThat(h.mailbox.count(Folders.INBOX)).isZero();
            assertThat(h.mailbox.count("pec4j/registered")).isOne();
            assertThat(h.mailbox.count("pec4j/receipts")).isOne();
            assertThat(h.smtp.to("mario.rossi@example.org")).as("the reply").hasSize(1);
            assertThat(h.smtp.to(OFFICE.email().orElseThrow())).as("the notification").hasSize(1);
            assertThat(events(h, letter)).containsExactly(TransmissionEvent.Type.SENT, TransmissionEvent.Type.ACCETTAZIONE);
        }
    }

    @Test
    @DisplayName("MRM-GROUP-01 a crash before the group's journal is committed leaves all of it in INBOX; the restart registers, files and answers once")
    void crashBeforeTheGroupsJournal() throws Exception {
        try (Harness h = new Harness()) {
            ProtocolId letter = deliverMix(h);
            try (Mailroom dying = rejecting(h, Crashes.failing(h.registry, "recordIntakes", 1)).build()) {
                assertThatThrownBy(dying::runOnce).isInstanceOf(IOException.class).hasMessageContaining("crash before recordIntakes");
            }
            assertThat(h.mailbox.count(Folders.INBOX)).as("nothing left INBOX").isEqualTo(3);
            assertThat(h.registrations()).as("the PEC registered, beside the letter").hasSize(2);
            assertThat(h.smtp.sent).as("no mail queued, none sent").isEmpty();
            h.clock.advance(Duration.ofSeconds(30)); // the dead node's lease runs out

            try (Mailroom restarted = rejecting(h, h.registry).build()) {
                RoundReport round = restarted.runOnce();

                assertThat(round.messages()).extracting(IntakeEntry::outcome).containsExactly(Outcome.DUPLICATE, Outcome.REFUSED, Outcome.RECEIPT);
                assertThat(restarted.runOnce().messages()).isEmpty();
            }
            assertThat(h.mailbox.count(Folders.INBOX)).isZero();
            assertThat(h.registrations()).hasSize(2);
            assertThat(h.smtp.to("mario.rossi@example.org")).hasSize(1);
            assertThat(h.smtp.to(OFFICE.email().orElseThrow())).hasSize(1);
            assertThat(events(h, letter)).as("filed once").containsExactly(TransmissionEvent.Type.SENT, TransmissionEvent.Type.ACCETTAZIONE);
        }
    }

    @Test
    @DisplayName("MRM-GROUP-01 a mailroom state that answers a group's journal with the wrong number of entries: a storage failure, nothing moved, the next round completes")
    void journalAnsweredWrongly() throws Exception {
        try (Harness h = new Harness()) {
            ProtocolId letter = deliverMix(h);
            try (Mailroom defective = rejecting(h, Crashes.answeringNoEntries(h.registry)).build()) {
                assertThatThrownBy(defective::runOnce).isInstanceOf(IOException.class).hasMessageContaining("answered 0 journal entries for 3");
            }
            assertThat(h.mailbox.count(Folders.INBOX)).as("nothing moved").isEqualTo(3);
            h.clock.advance(Duration.ofSeconds(30));

            try (Mailroom restarted = rejecting(h, h.registry).build()) {
                assertThat(restarted.runOnce().messages()).hasSize(3);
            }
            assertThat(h.mailbox.count(Folders.INBOX)).isZero();
            assertThat(h.registrations()).hasSize(2);
            assertThat(h.smtp.to("mario.rossi@example.org")).hasSize(1);
            assertThat(events(h, letter)).containsExactly(TransmissionEvent.Type.SENT, TransmissionEvent.Type.ACCETTAZIONE);
        }
    }

    @Test
    @DisplayName("MRM-GROUP-01 the same PEC, mail and receipt delivered twice in one group: one registration, one filing, one reply, one notification")
    void twiceInOneGroup() throws Exception {
        try (Harness h = new Harness()) {
            ProtocolId letter = deliverMix(h);
            h.mailbox.deliver(h.scenarios.citizenFromUnlistedPec());
            h.mailbox.deliver(h.fixtures.message(FixtureKind.NON_PEC).from("mario.rossi@example.org").to(Harness.BOX).subject("Segnalazione").build());
            h.mailbox.deliver(h.fixtures.message(FixtureKind.ACCETTAZIONE).from(Harness.BOX).to(TO).clientMessageId(LETTER).build());
            try (Mailroom mailroom = rejecting(h, h.registry).build()) {
                RoundReport round = mailroom.runOnce();

                assertThat(round.messages()).hasSize(6);
                assertThat(round.messages().subList(3, 6)).extracting(IntakeEntry::key)
                        .containsExactlyElementsOf(round.messages().subList(0, 3).stream().map(IntakeEntry::key).toList());
            }
            assertThat(h.mailbox.count(Folders.INBOX)).isZero();
            assertThat(h.registrations()).hasSize(2);
            assertThat(h.smtp.to("mario.rossi@example.org")).hasSize(1);
            assertThat(h.smtp.to(OFFICE.email().orElseThrow())).hasSize(1);
            assertThat(events(h, letter)).containsExactly(TransmissionEvent.Type.SENT, TransmissionEvent.Type.ACCETTAZIONE);
        }
    }
}
