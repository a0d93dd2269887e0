package io.github.pec4j.mailroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pec4j.admission.AooConfig;
import io.github.pec4j.registry.FilingResult;
import io.github.pec4j.registry.IntakeEntry;
import io.github.pec4j.registry.IntakeEntry.Outcome;
import io.github.pec4j.registry.ProtocolId;
import io.github.pec4j.registry.ProtocolRegistry;
import io.github.pec4j.registry.RegistryException;
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

    /** The mix delivered, then a round over {@code failing} that fails with {@code message}: nothing leaves INBOX. */
    private static ProtocolId failedRound(Harness h, ProtocolRegistry failing, String message) throws Exception {
        ProtocolId letter = deliverMix(h);
        try (Mailroom m = rejecting(h, failing).build()) {
            assertThatThrownBy(m::runOnce).isInstanceOf(IOException.class).hasMessageContaining(message);
        }
        assertThat(h.mailbox.count(Folders.INBOX)).as("nothing left INBOX").isEqualTo(3);
        h.clock.advance(Duration.ofSeconds(30)); // the failed node's lease runs out
        return letter;
    }

    /** Each of the mix taken in once: INBOX empty, one registration beside the letter, one reply, one notification, one filing. */
    private static void doneOnce(Harness h, ProtocolId letter) throws Exception {
        assertThat(h.mailbox.count(Folders.INBOX)).isZero();
        assertThat(h.registrations()).as("the PEC, beside the letter").hasSize(2);
        assertThat(h.smtp.to("mario.rossi@example.org")).as("the reply").hasSize(1);
        assertThat(h.smtp.to(OFFICE.email().orElseThrow())).as("the notification").hasSize(1);
        assertThat(events(h, letter)).as("filed once").containsExactly(TransmissionEvent.Type.SENT, TransmissionEvent.Type.ACCETTAZIONE);
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
            assertThat(h.mailbox.count("pec4j/registered")).isOne();
            assertThat(h.mailbox.count("pec4j/receipts")).isOne();
            assertThat(h.mailbox.groupMoves).as("one move per destination folder, after the group's commit")
                    .containsExactly("pec4j/registered", "pec4j/refused", "pec4j/receipts");
            doneOnce(h, letter);
        }
    }

    @Test
    @DisplayName("MRM-GROUP-01 a crash before the group's journal is committed leaves all of it in INBOX; the restart registers, files and answers once")
    void crashBeforeTheGroupsJournal() throws Exception {
        try (Harness h = new Harness()) {
            ProtocolId letter = failedRound(h, Crashes.failing(h.registry, "recordIntakes", 1), "crash before recordIntakes");
            assertThat(h.registrations()).as("the PEC registered, beside the letter").hasSize(2);
            assertThat(h.smtp.sent).as("no mail queued, none sent").isEmpty();

            try (Mailroom restarted = rejecting(h, h.registry).build()) {
                RoundReport round = restarted.runOnce();

                assertThat(round.messages()).extracting(IntakeEntry::outcome).containsExactly(Outcome.DUPLICATE, Outcome.REFUSED, Outcome.RECEIPT);
                assertThat(restarted.runOnce().messages()).isEmpty();
            }
            doneOnce(h, letter);
        }
    }

    @Test
    @DisplayName("MRM-GROUP-01 a mailroom state that answers a group's journal with the wrong number of entries: a storage failure, nothing moved, the next round completes")
    void journalAnsweredWrongly() throws Exception {
        try (Harness h = new Harness()) {
            ProtocolId letter = failedRound(h, Crashes.answeringNoEntries(h.registry), "answered 0 journal entries for 3");

            try (Mailroom restarted = rejecting(h, h.registry).build()) {
                assertThat(restarted.runOnce().messages()).hasSize(3);
            }
            doneOnce(h, letter);
        }
    }

    @Test
    @DisplayName("MRM-GROUP-01 a receipt the registry refuses in the group's filing (too large) is that message's error; the others are committed and moved")
    void oneFilingRefused() throws Exception {
        try (Harness h = new Harness()) {
            ProtocolId letter = deliverMix(h);
            ProtocolRegistry refusing = Crashes.replacing(h.registry, "recordTransmissions", args -> ((List<?>) args[0]).stream()
                    .map(f -> FilingResult.failed(new RegistryException(RegistryException.Reason.TOO_LARGE, "the receipt exceeds the limit"))).toList());
            try (Mailroom mailroom = rejecting(h, refusing).build()) {
                RoundReport round = mailroom.runOnce();

                assertThat(round.messages()).extracting(IntakeEntry::outcome).containsExactly(Outcome.REGISTERED, Outcome.REFUSED, Outcome.ERROR);
                assertThat(round.messages().get(2).reasons()).anySatisfy(r -> assertThat(r).contains("TOO_LARGE"));
            }
            assertThat(h.mailbox.count(Folders.INBOX)).as("each to its folder, the refused receipt to errors").isZero();
            assertThat(events(h, letter)).as("nothing filed").containsExactly(TransmissionEvent.Type.SENT);
            assertThat(h.registrations()).hasSize(2);
        }
    }

    @Test
    @DisplayName("MRM-GROUP-01 a registry whose group filing breaks with a defect (an unchecked exception): the receipts are filed one by one, nothing lost")
    void groupFilingDefect() throws Exception {
        try (Harness h = new Harness()) {
            ProtocolId letter = deliverMix(h);
            ProtocolRegistry broken = Crashes.replacing(h.registry, "recordTransmissions", args -> {
                throw new IllegalStateException("a defect in the batch");
            });
            try (Mailroom mailroom = rejecting(h, broken).build()) {
                assertThat(mailroom.runOnce().messages()).extracting(IntakeEntry::outcome)
                        .containsExactly(Outcome.REGISTERED, Outcome.REFUSED, Outcome.RECEIPT);
            }
            doneOnce(h, letter);
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
            doneOnce(h, letter);
        }
    }
}
