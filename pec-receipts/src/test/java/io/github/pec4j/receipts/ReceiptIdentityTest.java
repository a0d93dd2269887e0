package io.github.pec4j.receipts;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pec4j.core.PecKind;
import io.github.pec4j.core.PecMessage;
import io.github.pec4j.core.PecParser;
import io.github.pec4j.receipts.DeliveryTracker.Match;
import io.github.pec4j.receipts.DeliveryTracker.Outcome;
import io.github.pec4j.testkit.FixtureKind;
import io.github.pec4j.testkit.MessageBuilder;
import io.github.pec4j.testkit.PecFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Issue 12 item 4: a receipt is itself by its signed facts, not by its Message-ID, and contradictory keys are never applied. */
class ReceiptIdentityTest {
    static final String ID = "20240315101530.abc123@client.comune.esempio.it";
    static final String OTHER = "20240315101801.0b44e2@client.comune.esempio.it";
    static final String A = "ufficio.tributi@pec.regione.esempio.it";
    static final String B = "protocollo@pec.provincia.esempio.it";
    static final String SUBJECT = "Richiesta documentazione pratica n. 2024/0123";
    static final PecFixtures FIXTURES = PecFixtures.create();
    static final Instant T = Instant.parse("2024-03-15T09:15:30Z");
    static final Pattern MESSAGE_ID = Pattern.compile("(?m)^Message-ID: <([^>]*)>");

    static MessageBuilder receipt(FixtureKind kind) {
        return FIXTURES.message(kind).from("protocollo@pec.comune.esempio.it").to(A, B).subject(SUBJECT).clientMessageId(ID);
    }

    static ReceiptFacts facts(byte[] eml) {
        try (PecMessage m = PecParser.create().parse(eml)) {
            return ReceiptFacts.from(m, Instant.EPOCH);
        }
    }

    static DeliveryTracker tracking(String... ids) {
        DeliveryTracker t = DeliveryTracker.create();
        for (String id : ids) t.track(SentMessage.of(id, T.minusSeconds(5), A, B));
        return t;
    }

    static RecipientStatus of(DeliveryTracker t, String id, String address) {
        return t.status(id, T.plusSeconds(60)).orElseThrow().recipients().stream().filter(r -> r.address().equals(address)).findFirst()
                .orElseThrow();
    }

    /** The receipt with its outer Message-ID replaced (the header is outside the provider's signature). */
    static byte[] withMessageId(byte[] eml, String id) {
        String text = new String(eml, StandardCharsets.ISO_8859_1);
        Matcher m = MESSAGE_ID.matcher(text);
        assertThat(m.find()).as("the receipt has a Message-ID header").isTrue();
        return (text.substring(0, m.start(1)) + id + text.substring(m.end(1))).getBytes(StandardCharsets.ISO_8859_1);
    }

    static ReceiptFacts withReceiptId(ReceiptFacts r, String id) {
        return new ReceiptFacts(r.kind(), Optional.of(id), r.clientMessageId(), r.msgid(), r.identificativo(), r.recipient(), r.time(),
                r.errore(), r.erroreEsteso(), r.destinatari(), r.virus(), r.timeLimit());
    }

    @Test
    @Tag("REC-DLV-02")
    @DisplayName("REC-DLV-02 a delivery receipt reusing the accettazione's Message-ID is applied, and the reuse is reported")
    void reusedMessageIdIsApplied() throws IOException {
        DeliveryTracker t = tracking(ID);
        ReceiptFacts acc = facts(receipt(FixtureKind.ACCETTAZIONE).build());
        String accId = acc.receiptId().orElseThrow();
        ReceiptFacts consegna = facts(withMessageId(receipt(FixtureKind.AVVENUTA_CONSEGNA).deliveredTo(A).build(), accId));
        assertThat(consegna.receiptId()).contains(accId);
        assertThat(t.accept(acc).warnings()).isEmpty();

        Match m = t.accept(consegna);
        assertThat(m.outcome()).isEqualTo(Outcome.MATCHED);
        assertThat(m.recipient()).contains(A);
        assertThat(m.warnings()).singleElement().asString().contains(accId).contains("reused").contains("accettazione");
        RecipientStatus a = of(t, ID, A);
        assertThat(a.state()).isEqualTo(DeliveryState.DELIVERED);
        assertThat(a.history()).hasSize(2);
        assertThat(a.history().get(1)).startsWith("avvenuta-consegna").contains("warning").contains(accId);
        assertThat(of(t, ID, B).state()).isEqualTo(DeliveryState.ACCEPTED);
        assertThat(t.accept(consegna).outcome()).as("the same consegna again").isEqualTo(Outcome.DUPLICATE);
    }

    @Test
    @Tag("REC-DLV-02")
    @DisplayName("REC-DLV-02 a parsed receipt under a reused Message-ID, read through accept(PecMessage), is applied as well")
    void reusedMessageIdFromBytes() {
        DeliveryTracker t = tracking(ID);
        byte[] acc = receipt(FixtureKind.ACCETTAZIONE).build();
        String accId = facts(acc).receiptId().orElseThrow();
        byte[] errore = withMessageId(receipt(FixtureKind.ERRORE_CONSEGNA).deliveredTo(B).errore("no-dest").build(), accId);
        try (PecMessage a = PecParser.create().parse(acc); PecMessage e = PecParser.create().parse(errore)) {
            assertThat(t.accept(a, T).outcome()).isEqualTo(Outcome.MATCHED);
            Match m = t.accept(e, T);
            assertThat(m.outcome()).isEqualTo(Outcome.MATCHED);
            assertThat(m.warnings()).hasSize(1);
        }
        assertThat(of(t, ID, B).state()).isEqualTo(DeliveryState.DELIVERY_FAILED);
    }

    @Test
    @Tag("REC-DLV-02")
    @DisplayName("REC-DLV-02 the same signed receipt under another Message-ID is the same receipt: a duplicate, handled once")
    void sameSignedFactsIsDuplicate() {
        DeliveryTracker t = tracking(ID);
        ReceiptFacts consegna = facts(receipt(FixtureKind.AVVENUTA_CONSEGNA).deliveredTo(A).build());
        assertThat(t.accept(consegna).outcome()).isEqualTo(Outcome.MATCHED);
        Match again = t.accept(withReceiptId(consegna, "resent.1@pec.provider.it"));
        assertThat(again.outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(again.messageId()).contains(ID);
        assertThat(of(t, ID, A).history()).hasSize(1);
        // the same tipo and identificativo for another recipient is another receipt
        assertThat(t.accept(facts(receipt(FixtureKind.AVVENUTA_CONSEGNA).deliveredTo(B).build())).outcome()).isEqualTo(Outcome.MATCHED);
    }

    @Test
    @Tag("REC-DLV-02")
    @DisplayName("REC-DLV-02 a receipt without identificativo is a duplicate only when all its facts are the same")
    void withoutIdentificativo() {
        DeliveryTracker t = tracking(ID);
        ReceiptFacts first = new ReceiptFacts(PecKind.ERRORE_CONSEGNA, Optional.of("x@pec"), Optional.of(ID), Optional.empty(),
                Optional.empty(), Optional.of(A), T, Optional.of("no-dest"), Optional.empty(), List.of(), false, false);
        ReceiptFacts later = new ReceiptFacts(PecKind.AVVENUTA_CONSEGNA, Optional.of("x@pec"), Optional.of(ID), Optional.empty(),
                Optional.empty(), Optional.of(A), T.plusSeconds(9), Optional.empty(), Optional.empty(), List.of(), false, false);
        assertThat(t.accept(first).outcome()).isEqualTo(Outcome.MATCHED);
        assertThat(t.accept(first).outcome()).isEqualTo(Outcome.DUPLICATE);
        Match m = t.accept(later);
        assertThat(m.outcome()).isEqualTo(Outcome.MATCHED);
        assertThat(m.warnings()).singleElement().asString().contains("x@pec").contains("errore-consegna");
        assertThat(of(t, ID, A).state()).isEqualTo(DeliveryState.DELIVERED);
    }

    /** A consegna for A whose references name {@link #OTHER} but whose identificativo is that of {@link #ID}. */
    static ReceiptFacts contradictory(String identificativo) {
        return facts(FIXTURES.message(FixtureKind.AVVENUTA_CONSEGNA).from("protocollo@pec.comune.esempio.it").to(A, B).subject(SUBJECT)
                .clientMessageId(OTHER).identificativo(identificativo).deliveredTo(A).build());
    }

    @Test
    @Tag("REC-CORR-01")
    @DisplayName("REC-CORR-01 a receipt whose references name another message is never applied on its identificativo alone")
    void contradictoryKeysAfterAccettazione() {
        DeliveryTracker t = tracking(ID);
        ReceiptFacts acc = facts(receipt(FixtureKind.ACCETTAZIONE).build());
        t.accept(acc);
        ReceiptFacts odd = contradictory(acc.identificativo().orElseThrow());
        assertThat(odd.clientMessageId()).contains(OTHER);
        assertThat(odd.msgid()).contains(OTHER);

        Match m = t.accept(odd);
        assertThat(m.outcome()).isEqualTo(Outcome.UNMATCHED);
        assertThat(m.reason()).contains("contradictory").contains(OTHER).contains(ID);
        assertThat(of(t, ID, A).state()).isEqualTo(DeliveryState.ACCEPTED);
        assertThat(t.unmatched()).singleElement().satisfies(u -> assertThat(u.reason()).contains("contradictory"));
        assertThat(t.accept(odd).outcome()).isEqualTo(Outcome.DUPLICATE);
        // tracking the message its references name does not apply it there either
        t.track(SentMessage.of(OTHER, T, A));
        assertThat(of(t, OTHER, A).state()).isEqualTo(DeliveryState.SUBMITTED);
        assertThat(of(t, ID, A).state()).isEqualTo(DeliveryState.ACCEPTED);
        assertThat(t.unmatched()).hasSize(1);
    }

    @Test
    @Tag("REC-CORR-01")
    @DisplayName("REC-CORR-01 a contradictory receipt read before the accettazione stays unmatched once the identificativo is learnt")
    void contradictoryKeysBeforeAccettazione() {
        DeliveryTracker t = tracking(ID);
        ReceiptFacts acc = facts(receipt(FixtureKind.ACCETTAZIONE).build());
        ReceiptFacts odd = contradictory(acc.identificativo().orElseThrow());
        assertThat(t.accept(odd).reason()).startsWith("no sent message");
        assertThat(t.accept(acc).outcome()).isEqualTo(Outcome.MATCHED);
        assertThat(of(t, ID, A).state()).isEqualTo(DeliveryState.ACCEPTED);
        assertThat(t.unmatched()).singleElement().satisfies(u -> assertThat(u.reason()).contains("contradictory").contains(OTHER));
    }

    @Test
    @Tag("REC-CORR-01")
    @DisplayName("REC-CORR-01 X-Riferimento-Message-ID and daticert msgid naming different messages: unmatched, whichever is tracked")
    void referencesDisagree() {
        DeliveryTracker t = tracking(ID, OTHER);
        ReceiptFacts odd = new ReceiptFacts(PecKind.AVVENUTA_CONSEGNA, Optional.of("odd@pec"), Optional.of(ID), Optional.of(OTHER),
                Optional.empty(), Optional.of(A), T, Optional.empty(), Optional.empty(), List.of(), false, false);
        Match m = t.accept(odd);
        assertThat(m.outcome()).isEqualTo(Outcome.UNMATCHED);
        assertThat(m.reason()).contains("contradictory").contains(ID).contains(OTHER);
        assertThat(of(t, ID, A).state()).isEqualTo(DeliveryState.SUBMITTED);
        assertThat(of(t, OTHER, A).state()).isEqualTo(DeliveryState.SUBMITTED);
    }

    @Test
    @Tag("REC-CORR-02")
    @DisplayName("REC-CORR-02 a receipt that only its Subject could match (no key of ours) does not match")
    void subjectOnly() {
        DeliveryTracker t = tracking(ID);
        t.accept(facts(receipt(FixtureKind.ACCETTAZIONE).build()));
        // same Subject, same recipients and sender, same time; another client Message-ID and so another identificativo
        ReceiptFacts lookalike = facts(receipt(FixtureKind.AVVENUTA_CONSEGNA).clientMessageId(OTHER).deliveredTo(A).build());
        Match m = t.accept(lookalike);
        assertThat(m.outcome()).isEqualTo(Outcome.UNMATCHED);
        assertThat(m.messageId()).isEmpty();
        assertThat(m.reason()).contains(OTHER);
        assertThat(of(t, ID, A).state()).isEqualTo(DeliveryState.ACCEPTED);
        assertThat(t.unmatched()).singleElement().satisfies(u -> assertThat(u.receipt().recipient()).contains(A));
    }
}
