package io.github.pec4j.receipts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pec4j.core.PecKind;
import io.github.pec4j.core.PecMessage;
import io.github.pec4j.core.PecParser;
import io.github.pec4j.receipts.DeliveryTracker.Match;
import io.github.pec4j.registry.TransmissionEvent;
import io.github.pec4j.testkit.FixtureKind;
import io.github.pec4j.testkit.PecFixtures;
import io.github.pec4j.testkit.Quirk;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** What the tracker says and in which order it applies things, each asserted (found by mutation testing). */
class TrackerBehaviourTest {
    static final String ID = "20240315101530.abc123@client.comune.esempio.it";
    static final String OTHER = "20240315101801.0b44e2@client.comune.esempio.it";
    static final String IDENT = "opec21.20240315101530.1.67.1.8@pec.esempio.it";
    static final String A = "ufficio.tributi@pec.regione.esempio.it";
    static final String B = "protocollo@pec.provincia.esempio.it";
    static final Instant T = Instant.parse("2024-03-15T09:15:30Z");
    static final PecFixtures FIXTURES = PecFixtures.create();

    static ReceiptFacts receipt(PecKind kind, String receiptId, Optional<String> ref, Optional<String> ident, Optional<String> to, Instant at,
            Optional<String> errore, Optional<String> esteso) {
        return new ReceiptFacts(kind, Optional.of(receiptId), ref, Optional.empty(), ident, to, at, errore, esteso, List.of(), false, false);
    }

    static ReceiptFacts simple(PecKind kind, String receiptId, String to, Instant at) {
        return receipt(kind, receiptId, Optional.of(ID), Optional.of(IDENT), Optional.ofNullable(to), at, Optional.empty(), Optional.empty());
    }

    static RecipientStatus of(DeliveryTracker t, String id, String address, Instant now) {
        return t.status(id, now).orElseThrow().recipients().stream().filter(r -> r.address().equals(address)).findFirst().orElseThrow();
    }

    static DeliveryTracker tracking() {
        DeliveryTracker t = DeliveryTracker.create();
        t.track(SentMessage.of(ID, T.minusSeconds(5), A, B));
        return t;
    }

    @Test
    @DisplayName("each kind of receipt says what it did, in the Match's reason")
    void reasons() {
        DeliveryTracker t = tracking();
        assertThat(t.accept(simple(PecKind.ACCETTAZIONE, "r0", null, T)).reason()).isEqualTo("accepted");
        assertThat(t.accept(simple(PecKind.PRESA_IN_CARICO, "r1", A, T)).reason()).isEqualTo("recorded (presa-in-carico)");
        assertThat(t.accept(simple(PecKind.AVVENUTA_CONSEGNA, "r2", A, T)).reason()).isEqualTo("delivered");
        assertThat(t.accept(simple(PecKind.ERRORE_CONSEGNA, "r3", A, T)).reason()).isEqualTo("failure notice after delivery: recorded, the delivery stands");
        assertThat(t.accept(simple(PecKind.PREAVVISO_ERRORE_CONSEGNA, "r4", A, T)).reason()).isEqualTo("late warning: recorded");
        assertThat(t.accept(simple(PecKind.PREAVVISO_ERRORE_CONSEGNA, "r5", B, T)).reason()).isEqualTo("warning: not delivered within 12 hours");
        assertThat(t.accept(simple(PecKind.RILEVAZIONE_VIRUS, "r6", B, T)).reason()).isEqualTo("not delivered");
        assertThat(t.accept(simple(PecKind.AVVENUTA_CONSEGNA, "r7", B, T)).reason()).isEqualTo("delivered, after a failure notice (both kept)");
        assertThat(t.accept(simple(PecKind.NON_ACCETTAZIONE, "r8", null, T)).reason()).isEqualTo("not accepted: nothing was sent to any recipient");
        DeliveryTracker strict = DeliveryTracker.create(ReceiptPolicy.PREAVVISO_541_IS_FINAL);
        strict.track(SentMessage.of(ID, T, A));
        assertThat(strict.accept(receipt(PecKind.PREAVVISO_ERRORE_CONSEGNA, "p", Optional.of(ID), Optional.empty(), Optional.of(A), T,
                Optional.empty(), Optional.of("5.4.1 no route"))).reason()).isEqualTo("not delivered (preavviso final by policy)");
        assertThat(strict.accept(simple(PecKind.AVVENUTA_CONSEGNA, "late", A, T)).reason()).isEqualTo("delivered, after a failure notice (both kept)");
    }

    @Test
    @DisplayName("a receipt naming no recipient goes into every recipient's history and changes no state")
    void noRecipient() {
        DeliveryTracker t = tracking();
        Match m = t.accept(simple(PecKind.AVVENUTA_CONSEGNA, "r", null, T));
        assertThat(m.reason()).contains("no recipient named");
        assertThat(t.status(ID, T).orElseThrow().recipients()).allSatisfy(r -> {
            assertThat(r.history()).singleElement().asString().startsWith("avvenuta-consegna");
            assertThat(r.state()).isEqualTo(DeliveryState.SUBMITTED);
        });
    }

    @Test
    @DisplayName("a failure without errore or errore-esteso has no detail; next says what to do, with the detail and the deadline")
    void detailAndNext() {
        DeliveryTracker t = tracking();
        t.accept(simple(PecKind.ACCETTAZIONE, "a", null, T));
        t.accept(simple(PecKind.ERRORE_CONSEGNA, "e", A, T));
        RecipientStatus a = of(t, ID, A, T);
        assertThat(a.detail()).isEmpty();
        assertThat(a.next()).startsWith("not delivered: check the address");
        t.accept(receipt(PecKind.ERRORE_CONSEGNA, "e2", Optional.of(ID), Optional.empty(), Optional.of(B), T, Optional.of("no-dest"),
                Optional.empty()));
        assertThat(of(t, ID, B, T).next()).startsWith("not delivered (no-dest): check the address");
        DeliveryTracker u = tracking();
        u.accept(simple(PecKind.ACCETTAZIONE, "a", null, T));
        assertThat(of(u, ID, A, T).next()).isEqualTo("wait for the delivery receipt, due by " + T.plus(Duration.ofHours(12)));
    }

    @Test
    @DisplayName("unmatched receipts waiting for their message: the accettazione is applied first, then the others in time order")
    void retryOrder() {
        DeliveryTracker t = DeliveryTracker.create();
        // arrival order: the later consegna, the earlier errore, then the accettazione; none can match yet
        t.accept(simple(PecKind.AVVENUTA_CONSEGNA, "c", A, T.plusSeconds(20)));
        t.accept(simple(PecKind.ERRORE_CONSEGNA, "e", A, T.plusSeconds(10)));
        t.accept(simple(PecKind.ACCETTAZIONE, "a", null, T.plusSeconds(30)));
        assertThat(t.unmatched()).hasSize(3);
        t.track(SentMessage.of(ID, T, A, B));
        assertThat(t.unmatched()).isEmpty();
        RecipientStatus a = of(t, ID, A, T.plusSeconds(60));
        assertThat(a.history()).hasSize(3);
        assertThat(a.history().get(0)).startsWith("accettazione");
        assertThat(a.history().get(1)).startsWith("errore-consegna");
        assertThat(a.state()).isEqualTo(DeliveryState.DELIVERED);
        assertThat(a.detail()).contains("delivered after a failure notice");
    }

    @Test
    @DisplayName("tracking a message applies its waiting accettazione, then the receipts that only its identificativo ties to it")
    void trackDrainsIdentificativi() {
        DeliveryTracker t = DeliveryTracker.create();
        t.accept(receipt(PecKind.AVVENUTA_CONSEGNA, "c", Optional.empty(), Optional.of(IDENT), Optional.of(B), T, Optional.empty(),
                Optional.empty()));
        t.accept(simple(PecKind.ACCETTAZIONE, "a", null, T));
        t.track(SentMessage.of(ID, T, A, B));
        assertThat(t.unmatched()).isEmpty();
        assertThat(of(t, ID, B, T).state()).isEqualTo(DeliveryState.DELIVERED);
        assertThat(t.size()).isEqualTo(1);
    }

    @Test
    @DisplayName("a receipt waiting by its X-Riferimento-Message-ID alone, or by its msgid alone, is applied when its message is tracked")
    void waitingByEachKey() {
        DeliveryTracker t = DeliveryTracker.create();
        t.accept(receipt(PecKind.AVVENUTA_CONSEGNA, "c", Optional.of(ID), Optional.empty(), Optional.of(A), T, Optional.empty(),
                Optional.empty()));
        t.accept(new ReceiptFacts(PecKind.AVVENUTA_CONSEGNA, Optional.of("d"), Optional.empty(), Optional.of(OTHER), Optional.empty(),
                Optional.of(B), T, Optional.empty(), Optional.empty(), List.of(), false, false));
        t.track(SentMessage.of(ID, T, A));
        t.track(SentMessage.of(OTHER, T, B));
        assertThat(t.unmatched()).isEmpty();
        assertThat(of(t, ID, A, T).state()).isEqualTo(DeliveryState.DELIVERED);
        assertThat(of(t, OTHER, B, T).state()).isEqualTo(DeliveryState.DELIVERED);
        assertThat(t.size()).isEqualTo(2);
    }

    @Test
    @Tag("REC-TIME-01")
    @DisplayName("REC-TIME-01 overdue recipients are listed oldest first, then by message")
    void overdueOrder() {
        DeliveryTracker t = DeliveryTracker.create();
        t.track(SentMessage.of(OTHER, T, A));
        t.track(SentMessage.of(ID, T, A));
        t.accept(receipt(PecKind.ACCETTAZIONE, "late", Optional.of(OTHER), Optional.of("i2@p"), Optional.empty(), T.plusSeconds(60),
                Optional.empty(), Optional.empty()));
        t.accept(receipt(PecKind.ACCETTAZIONE, "early", Optional.of(ID), Optional.of("i1@p"), Optional.empty(), T, Optional.empty(),
                Optional.empty()));
        assertThat(t.overdue(T.plus(Duration.ofHours(13)))).extracting(DeliveryTracker.Overdue::messageId).containsExactly(ID, OTHER);
    }

    @Test
    @DisplayName("a reuse warning names the first receipt: its kind, recipient and identificativo")
    void reuseWarningNamesTheFirst() {
        DeliveryTracker t = tracking();
        t.accept(simple(PecKind.AVVENUTA_CONSEGNA, "same@pec", A, T));
        Match m = t.accept(simple(PecKind.AVVENUTA_CONSEGNA, "same@pec", B, T));
        assertThat(m.warnings()).singleElement().asString()
                .contains("(avvenuta-consegna for " + A + ", identificativo " + IDENT + ")")
                .contains("(avvenuta-consegna for " + B + ", identificativo " + IDENT + ")");
    }

    @Test
    @DisplayName("ReceiptFacts: the 24-hour notice is read from the Subject, esterno recipients from the daticert, warnings do not make a receipt unusable")
    void facts() {
        PecParser parser = PecParser.create();
        try (PecMessage preavviso = parser.parse(FIXTURES.message(FixtureKind.PREAVVISO_ERRORE_CONSEGNA).to(A).deliveredTo(A).build());
                PecMessage errore = parser.parse(FIXTURES.message(FixtureKind.ERRORE_CONSEGNA).to(A).deliveredTo(A).build());
                PecMessage acc = parser.parse(FIXTURES.message(FixtureKind.ACCETTAZIONE).to(A).esterno("x@example.org").build());
                PecMessage stray = parser.parse(FIXTURES.message(FixtureKind.AVVENUTA_CONSEGNA).to(A).deliveredTo(A)
                        .quirk(Quirk.STRAY_TEXT_IN_DATICERT).build())) {
            assertThat(ReceiptFacts.from(preavviso, T).timeLimit()).isTrue();
            assertThat(ReceiptFacts.from(errore, T).timeLimit()).isFalse();
            assertThat(ReceiptFacts.from(acc, T).destinatari()).containsExactly(new ReceiptFacts.Destinatario(A, false),
                    new ReceiptFacts.Destinatario("x@example.org", true));
            assertThat(stray.diagnostics()).isNotEmpty();
            assertThat(ReceiptFacts.unusable(stray)).isEmpty();
        }
    }

    @Test
    @DisplayName("SentMessage.from refuses a message without readable headers or without a Message-ID, with the reason")
    void sentMessageRefusals() {
        PecParser parser = PecParser.create();
        try (PecMessage sintetica = parser.parse(FIXTURES.message(FixtureKind.AVVENUTA_CONSEGNA).to(A).cc(B).deliveredTo(B).build());
                PecMessage noId = parser.parse("From: a@b.it\r\nTo: c@d.it\r\nSubject: x\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII))) {
            assertThat(sintetica.original()).isEmpty();
            assertThatThrownBy(() -> SentMessage.from(sintetica)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("the sent message has no readable headers");
            assertThatThrownBy(() -> SentMessage.from(noId)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("the sent message has no Message-ID");
        }
    }

    @Test
    @DisplayName("a transmission event keeps errore only when it is an error, not 'nessuno'")
    void eventErrore() {
        TransmissionEvent none = TransmissionRecorder.event(receipt(PecKind.AVVENUTA_CONSEGNA, "c", Optional.of(ID), Optional.empty(),
                Optional.of(A), T, Optional.of("nessuno"), Optional.empty()));
        assertThat(none.errore()).isEmpty();
        TransmissionEvent failed = TransmissionRecorder.event(receipt(PecKind.ERRORE_CONSEGNA, "e", Optional.of(ID), Optional.empty(),
                Optional.of(A), T, Optional.of("no-dest"), Optional.of("5.1.1")));
        assertThat(failed.errore()).contains("no-dest");
        assertThat(failed.erroreEsteso()).contains("5.1.1");
        TransmissionEvent bare = TransmissionRecorder.event(receipt(PecKind.AVVENUTA_CONSEGNA, "c", Optional.of(ID), Optional.empty(),
                Optional.of(A), T, Optional.empty(), Optional.empty()));
        assertThat(bare.errore()).isEmpty();
    }
    @Test
    @DisplayName("addresses: a display name or angle brackets are reduced to the lower-cased mailbox; the ids used in JSON")
    void addressesAndIds() {
        assertThat(new SentMessage.Recipient("\"Regione\" <Ufficio@PEC.Regione.it>", false).address()).isEqualTo("ufficio@pec.regione.it");
        assertThat(new SentMessage.Recipient("<Ufficio@PEC.Regione.it>", false).address()).isEqualTo("ufficio@pec.regione.it");
        assertThat(new SentMessage.Recipient(" A@B.it ", false).address()).isEqualTo("a@b.it");
        assertThat(new SentMessage.Recipient("a>b<c", false).address()).isEqualTo("a>b<c");
        assertThat(DeliveryState.DELIVERY_FAILED.id()).isEqualTo("delivery-failed");
        assertThat(DeliveryState.TIMED_OUT.id()).isEqualTo("timed-out");
        assertThat(DeliveryState.Light.GREEN.id()).isEqualTo("green");
    }

    @Test
    @DisplayName("a virus notice's transmission event carries the note 'virus'; another receipt's does not")
    void eventVirus() {
        ReceiptFacts virus = new ReceiptFacts(PecKind.RILEVAZIONE_VIRUS, Optional.of("v"), Optional.of(ID), Optional.empty(), Optional.empty(),
                Optional.of(A), T, Optional.empty(), Optional.empty(), List.of(), true, false);
        assertThat(TransmissionRecorder.event(virus).note()).contains("virus");
        assertThat(TransmissionRecorder.event(simple(PecKind.AVVENUTA_CONSEGNA, "c", A, T)).note()).isEmpty();
    }
    @Test
    @Tag("REC-DLV-02")
    @DisplayName("REC-DLV-02 a receipt's transmission event is identified by its signed identificativo, not by its reusable Message-ID")
    void eventIdentity() {
        assertThat(TransmissionRecorder.event(simple(PecKind.AVVENUTA_CONSEGNA, "reused@pec", A, T)).identificativo()).contains(IDENT);
        ReceiptFacts noIdent = receipt(PecKind.AVVENUTA_CONSEGNA, "own@pec", Optional.of(ID), Optional.empty(), Optional.of(A), T,
                Optional.empty(), Optional.empty());
        assertThat(TransmissionRecorder.event(noIdent).identificativo()).contains("own@pec");
    }
}
