package io.github.pec4j.receipts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.github.pec4j.core.PecKind;
import io.github.pec4j.core.PecMessage;
import io.github.pec4j.core.PecParser;
import io.github.pec4j.receipts.DeliveryTracker.Match;
import io.github.pec4j.receipts.DeliveryTracker.Outcome;
import io.github.pec4j.testkit.FixtureKind;
import io.github.pec4j.testkit.Hostile;
import io.github.pec4j.testkit.MessageBuilder;
import io.github.pec4j.testkit.PecFixtures;
import io.github.pec4j.testkit.Quirk;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Issue 12 item 3 for the tracker: no input makes it throw; what it cannot read is unmatched, with a reason. */
class HostileReceiptsTest {
    static final String ID = "20240315101530.abc123@client.comune.esempio.it";
    static final String OTHER = "20240315101801.0b44e2@client.comune.esempio.it";
    static final String A = "ufficio.tributi@pec.regione.esempio.it";
    static final String B = "protocollo@pec.provincia.esempio.it";
    static final PecFixtures FIXTURES = PecFixtures.create();
    static final Instant T = Instant.parse("2024-03-15T09:15:30Z");
    static final Set<FixtureKind> RECEIPTS = EnumSet.of(FixtureKind.ACCETTAZIONE, FixtureKind.NON_ACCETTAZIONE, FixtureKind.PRESA_IN_CARICO,
            FixtureKind.AVVENUTA_CONSEGNA, FixtureKind.ERRORE_CONSEGNA, FixtureKind.PREAVVISO_ERRORE_CONSEGNA, FixtureKind.RILEVAZIONE_VIRUS);

    /** Every receipt kind with every quirk, cut at a few places, plus the generic hostile messages. */
    static List<byte[]> hostile(String clientMessageId) {
        List<byte[]> out = new ArrayList<>();
        for (FixtureKind kind : RECEIPTS) {
            for (Quirk q : Quirk.values()) {
                MessageBuilder b = FIXTURES.message(kind).to(A, B).deliveredTo(A).clientMessageId(clientMessageId).quirk(q);
                byte[] eml;
                try {
                    eml = b.build();
                } catch (RuntimeException notForThisKind) {
                    continue; // a quirk that does not apply to this kind of message
                }
                out.add(eml);
                for (int keep : new int[] {200, eml.length / 2, eml.length - 30}) out.add(Hostile.truncated(eml, keep));
            }
        }
        out.add(Hostile.deeplyNestedMultipart(200));
        out.add(Hostile.hugeHeader(300_000));
        out.add(new byte[0]);
        out.add(("X-Ricevuta: avvenuta-consegna\r\nX-Riferimento-Message-ID: <>\r\nMessage-ID: <>\r\n\r\n").getBytes());
        return out;
    }

    @Test
    @DisplayName("every hostile variant of every receipt kind gives a Match, never an exception; a receipt for another message leaves ours alone")
    void noExceptionFromAnyInput() {
        DeliveryTracker t = DeliveryTracker.create();
        t.track(SentMessage.of(ID, T.minusSeconds(5), A, B));
        List<byte[]> inputs = hostile(OTHER);
        int unmatched = 0;
        for (byte[] eml : inputs) {
            Match[] m = new Match[1];
            assertThatCode(() -> {
                try (PecMessage p = PecParser.create().parse(eml)) {
                    m[0] = t.accept(p, T);
                }
            }).doesNotThrowAnyException();
            assertThat(m[0].outcome()).as("a receipt of another message never matches ours").isNotEqualTo(Outcome.MATCHED);
            if (m[0].outcome() == Outcome.UNMATCHED) {
                unmatched++;
                assertThat(m[0].reason()).isNotBlank();
            }
        }
        assertThat(unmatched).isPositive();
        assertThat(t.status(ID, T).orElseThrow().recipients()).allSatisfy(r -> assertThat(r.state()).isEqualTo(DeliveryState.SUBMITTED));
        assertThat(t.unmatched()).allSatisfy(u -> assertThat(u.reason()).isNotBlank());
        assertThatCode(() -> t.overdue(T.plusSeconds(100_000))).doesNotThrowAnyException();
    }

    @Test
    @DisplayName("hostile variants of our own receipts are handled without an exception, and the status can still be read")
    void ownHostileReceipts() {
        DeliveryTracker t = DeliveryTracker.create();
        t.track(SentMessage.of(ID, T.minusSeconds(5), A, B));
        for (byte[] eml : hostile(ID)) {
            assertThatCode(() -> {
                try (PecMessage p = PecParser.create().parse(eml)) {
                    t.accept(p, T);
                }
            }).doesNotThrowAnyException();
        }
        assertThat(t.status(ID, T.plusSeconds(100_000))).isPresent();
    }

    @Test
    @DisplayName("a message that is not a receipt is unmatched with the reason, and not kept as an unmatched receipt")
    void notAReceipt() {
        DeliveryTracker t = DeliveryTracker.create();
        t.track(SentMessage.of(ID, T, A));
        try (PecMessage envelope = PecParser.create().parse(FIXTURES.message(FixtureKind.POSTA_CERTIFICATA).to(A).clientMessageId(ID).build())) {
            Match m = t.accept(envelope, T);
            assertThat(m.outcome()).isEqualTo(Outcome.UNMATCHED);
            assertThat(m.reason()).isEqualTo("not a receipt: " + PecKind.POSTA_CERTIFICATA.id());
        }
        assertThat(t.unmatched()).isEmpty();
    }

    @Test
    @DisplayName("fail closed: a consegna without daticert, or cut short, is not applied; the reason names what the parser could not read")
    void incompleteReceiptsAreNotApplied() {
        DeliveryTracker t = DeliveryTracker.create();
        t.track(SentMessage.of(ID, T, A, B));
        byte[] whole = FIXTURES.message(FixtureKind.AVVENUTA_CONSEGNA).to(A, B).deliveredTo(A).clientMessageId(ID).build();
        byte[] noDaticert = FIXTURES.message(FixtureKind.AVVENUTA_CONSEGNA).to(A, B).deliveredTo(B).clientMessageId(ID)
                .quirk(Quirk.MISSING_DATICERT).build();
        try (PecMessage cut = PecParser.create().parse(Hostile.truncated(whole, whole.length / 2));
                PecMessage missing = PecParser.create().parse(noDaticert)) {
            assertThat(cut.kind()).isEqualTo(PecKind.AVVENUTA_CONSEGNA);
            Match m = t.accept(cut, T);
            assertThat(m.outcome()).isEqualTo(Outcome.UNMATCHED);
            assertThat(m.reason()).startsWith("not applied: the avvenuta-consegna could not be read in full (");
            assertThat(ReceiptFacts.unusable(cut)).contains(m.reason());
            Match n = t.accept(missing, T);
            assertThat(n.outcome()).isEqualTo(Outcome.UNMATCHED);
            assertThat(n.reason()).containsIgnoringCase("daticert");
        }
        assertThat(t.status(ID, T).orElseThrow().recipients()).allSatisfy(r -> assertThat(r.state()).isEqualTo(DeliveryState.SUBMITTED));
        try (PecMessage ok = PecParser.create().parse(whole)) {
            assertThat(ReceiptFacts.unusable(ok)).isEmpty();
            assertThat(t.accept(ok, T).outcome()).isEqualTo(Outcome.MATCHED);
        }
        assertThat(t.status(ID, T).orElseThrow().recipients().get(0).state()).isEqualTo(DeliveryState.DELIVERED);
    }
}
