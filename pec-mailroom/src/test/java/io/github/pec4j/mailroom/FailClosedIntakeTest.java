package io.github.pec4j.mailroom;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pec4j.admission.AooConfig;
import io.github.pec4j.core.ParserLimits;
import io.github.pec4j.core.PecParser;
import io.github.pec4j.core.content.ContentSink;
import io.github.pec4j.core.content.ContentStore;
import io.github.pec4j.core.content.ContentStores;
import io.github.pec4j.core.content.StoredContent;
import io.github.pec4j.testkit.FixtureKind;
import io.github.pec4j.testkit.PecFixtures;
import java.io.IOException;
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

    @Test
    @Tag("SEC-CLOSED-08")
    @DisplayName("SEC-CLOSED-08 a message the parser failed on (PARSE_FAILED) is quarantined at once, never refused nor answered, and the round goes on")
    void parserDefectQuarantined() throws Exception {
        byte[] large = io.github.pec4j.testkit.Attachments.pdf(300 * 1024, 1);
        byte[] defective = PecFixtures.create().message(FixtureKind.NON_PEC).from("mario.rossi@example.com").to(Harness.BOX)
                .noAttachments().attachment("istanza.pdf", "application/pdf", large).build();
        PecParser parser = PecParser.create(ParserLimits.DEFAULTS, failingAbove(200 * 1024)).withSignedContentDigest();
        try (Harness h = new Harness(); Mailroom mailroom = h.builder(AooConfig.defaults().withMailboxes(Harness.BOX)).parser(parser).build()) {
            h.mailbox.deliver(defective);
            h.mailbox.deliver(h.scenarios.citizenFromUnlistedPec());

            RoundReport round = mailroom.runOnce();

            assertThat(round.messages()).extracting(IntakeEntry::outcome).containsExactly(Outcome.QUARANTINED, Outcome.REGISTERED);
            assertThat(String.join(" ", round.messages().get(0).reasons())).contains("PARSE_FAILED");
            assertThat(h.registrations()).hasSize(1);
            assertThat(h.mailbox.count(Folders.INBOX)).isZero();
        }
    }

    /** A memory store whose sinks fail with a defect (not an I/O error) past {@code limit} bytes. */
    private static ContentStore failingAbove(long limit) {
        ContentStore memory = ContentStores.memory();
        return hint -> {
            ContentSink sink = memory.newSink(hint);
            return new ContentSink() {
                private long written;

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    written += len;
                    if (written > limit) {
                        throw new IllegalStateException("a defect past " + limit + " bytes");
                    }
                    sink.write(b, off, len);
                }

                @Override
                public StoredContent complete() throws IOException {
                    return sink.complete();
                }

                @Override
                public void abort() {
                    sink.abort();
                }
            };
        };
    }
}
