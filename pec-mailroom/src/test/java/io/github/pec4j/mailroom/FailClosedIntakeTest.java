package io.github.pec4j.mailroom;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pec4j.admission.AooConfig;
import io.github.pec4j.registry.IntakeEntry;
import io.github.pec4j.registry.IntakeEntry.Outcome;
import io.github.pec4j.testkit.HostileEnvelopes;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** What the parser could not read completely never reaches the register through the mailroom, and never stops it. */
class FailClosedIntakeTest {

    @Test
    @Tag("MRM-ISOL-01")
    @DisplayName("MRM-ISOL-01 genuine envelopes hiding an .exe past the parser's limits, and bytes that are no message, are held; the mail around them is registered")
    void hostileEnvelopesHeld() throws Exception {
        HostileEnvelopes hostile = HostileEnvelopes.create();
        AooConfig aoo = AooConfig.defaults().withMailboxes(Harness.BOX)
                .withUncertified(AooConfig.Handling.QUARANTINE, AooConfig.Handling.QUARANTINE);
        try (Harness h = new Harness(); Mailroom mailroom = h.builder(aoo).build()) {
            h.mailbox.deliver(h.scenarios.citizenFromUnlistedPec());
            h.mailbox.deliver(hostile.exeAfterParts(2_100));
            h.mailbox.deliver(hostile.exeNested(30));
            h.mailbox.deliver(hostile.exeBehindJunkHeaders(290_000));
            h.mailbox.deliver(hostile.exeBehindEncodedWords(15_000));
            h.mailbox.deliver("\u0000\u0001 not a message \r\n\r\n\u00ff".getBytes(StandardCharsets.ISO_8859_1));
            h.mailbox.deliver(h.scenarios.firmFromIniPec());

            RoundReport round = mailroom.runOnce();

            assertThat(round.messages()).extracting(IntakeEntry::outcome).hasSize(7);
            assertThat(round.messages().get(0).outcome()).isEqualTo(Outcome.REGISTERED);
            assertThat(round.messages().subList(1, 6)).extracting(IntakeEntry::outcome)
                    .allMatch(o -> o == Outcome.QUARANTINED || o == Outcome.ERROR);
            assertThat(round.messages().subList(1, 5)).extracting(IntakeEntry::outcome).containsOnly(Outcome.QUARANTINED);
            assertThat(round.messages().get(6).outcome()).isEqualTo(Outcome.REGISTERED);
            assertThat(h.registrations()).hasSize(2);
            assertThat(h.mailbox.count(Folders.INBOX)).isZero();
        }
    }
}
