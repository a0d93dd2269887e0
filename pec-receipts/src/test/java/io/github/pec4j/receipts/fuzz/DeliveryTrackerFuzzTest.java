package io.github.pec4j.receipts.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.pec4j.core.PecKind;
import io.github.pec4j.core.PecMessage;
import io.github.pec4j.core.PecParser;
import io.github.pec4j.receipts.DeliveryTracker;
import io.github.pec4j.receipts.ReceiptFacts;
import io.github.pec4j.receipts.SentMessage;
import io.github.pec4j.testkit.FixtureKind;
import io.github.pec4j.testkit.PecFixtures;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;

/**
 * Fuzzes {@link DeliveryTracker}: a tracker follows one sent message (three recipients, already
 * accepted), and a receipt parsed from the fuzz bytes is applied twice, then the status, the overdue
 * list and the unmatched list are read.
 *
 * <p>Contract: {@link ReceiptFacts#from} throws only its documented {@link IllegalArgumentException}
 * for a message that is not a receipt; {@link DeliveryTracker#accept} always returns a match (matched,
 * duplicate or unmatched with a reason), and nothing the tracker reports throws. Seeds: receipts of
 * every kind and variant referring to that message, written by {@link ReceiptsFuzzSeeds}.
 */
class DeliveryTrackerFuzzTest {
    static final String ID = "20240315101530.abc123@client.comune.esempio.it";
    static final String[] TO = {"ufficio.tributi@pec.regione.esempio.it", "protocollo@pec.provincia.esempio.it",
            "segreteria@pec.scuola.esempio.it"};
    static final Instant SENT = PecFixtures.DEFAULT_CLOCK.instant().minusSeconds(5);
    private static final PecParser PARSER = PecParser.create();
    private static final ReceiptFacts ACCETTAZIONE = accettazione();

    @FuzzTest(maxDuration = "10m")
    void accept(byte[] input) {
        if (input == null) {
            return;
        }
        ReceiptFacts receipt;
        try (PecMessage m = PARSER.parse(input)) {
            try {
                receipt = ReceiptFacts.from(m, Instant.EPOCH);
            } catch (IllegalArgumentException notAReceipt) {
                if (m.kind().family() == PecKind.Family.RECEIPT) {
                    throw notAReceipt;
                }
                return;
            }
        } catch (UncheckedIOException documented) {
            return;
        }
        DeliveryTracker tracker = DeliveryTracker.create();
        tracker.track(SentMessage.of("<" + ID + ">", SENT, TO).withRegistration("c_esempio/AOO/PG/2024/0000042"));
        tracker.accept(ACCETTAZIONE);
        tracker.accept(receipt).toString();
        tracker.accept(receipt).toString();
        tracker.status(ID, SENT.plus(Duration.ofHours(25))).ifPresent(Object::toString);
        tracker.overdue(SENT.plus(Duration.ofHours(13))).toString();
        tracker.unmatched().toString();
    }

    private static ReceiptFacts accettazione() {
        PecFixtures f = PecFixtures.create();
        try (PecMessage m = PARSER.parse(f.message(FixtureKind.ACCETTAZIONE).from("protocollo@pec.comune.esempio.it").to(TO)
                .clientMessageId(ID).build())) {
            return ReceiptFacts.from(m, Instant.EPOCH);
        }
    }
}
