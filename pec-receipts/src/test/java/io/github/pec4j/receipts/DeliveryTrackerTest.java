package io.github.pec4j.receipts;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pec4j.core.PecKind;
import io.github.pec4j.core.PecMessage;
import io.github.pec4j.core.PecParser;
import io.github.pec4j.receipts.DeliveryTracker.Outcome;
import io.github.pec4j.testkit.FixtureKind;
import io.github.pec4j.testkit.MessageBuilder;
import io.github.pec4j.testkit.PecFixtures;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class DeliveryTrackerTest {
    static final String ID = "20240315101530.abc123@client.comune.esempio.it";
    static final String A = "ufficio.tributi@pec.regione.esempio.it";
    static final String B = "protocollo@pec.provincia.esempio.it";
    static final String C = "segreteria@pec.scuola.esempio.it";
    static final PecFixtures FIXTURES = PecFixtures.create();
    /** The fixtures' receipts are dated 2024-03-15T10:15:30+01:00. */
    static final Instant T = Instant.parse("2024-03-15T09:15:30Z");

    static MessageBuilder receipt(FixtureKind kind) {
        return FIXTURES.message(kind).from("protocollo@pec.comune.esempio.it").to(A, B, C).clientMessageId(ID);
    }

    static ReceiptFacts facts(MessageBuilder b) throws IOException {
        try (PecMessage m = PecParser.create().parse(b.build())) {
            return ReceiptFacts.from(m, Instant.EPOCH);
        }
    }

    static ReceiptFacts consegna(String to) throws IOException {
        return facts(receipt(FixtureKind.AVVENUTA_CONSEGNA).deliveredTo(to));
    }

    static DeliveryTracker tracking() {
        DeliveryTracker t = DeliveryTracker.create();
        t.track(SentMessage.of("<" + ID + ">", T.minusSeconds(5), A, B, C).withRegistration("c_esempio/AOO/PG/2024/0000042"));
        return t;
    }

    static RecipientStatus of(DeliveryStatus s, String address) {
        return s.recipients().stream().filter(r -> r.address().equals(address)).findFirst().orElseThrow();
    }

    @Test
    @Tag("REC-CORR-01")
    @Tag("REC-DLV-01")
    @DisplayName("REC-DLV-01 all receipts in order: accepted, then each recipient delivered, green")
    void inOrder() throws IOException {
        DeliveryTracker t = tracking();
        DeliveryTracker.Match acc = t.accept(facts(receipt(FixtureKind.ACCETTAZIONE)));
        assertThat(acc.outcome()).isEqualTo(Outcome.MATCHED);
        assertThat(acc.registration()).contains("c_esempio/AOO/PG/2024/0000042");
        DeliveryStatus accepted = t.status(ID, T.plusSeconds(60)).orElseThrow();
        assertThat(accepted.overall()).isEqualTo(DeliveryState.Light.YELLOW);
        assertThat(accepted.recipients()).extracting(RecipientStatus::state).containsOnly(DeliveryState.ACCEPTED);
        assertThat(accepted.identificativo()).isPresent();
        assertThat(of(accepted, A).deliveryExpectedBy()).contains(T.plus(Duration.ofHours(12)));
        t.accept(consegna(A));
        DeliveryStatus partly = t.status(ID, T.plusSeconds(60)).orElseThrow();
        assertThat(of(partly, A).state()).isEqualTo(DeliveryState.DELIVERED);
        assertThat(of(partly, B).state()).isEqualTo(DeliveryState.ACCEPTED);
        t.accept(consegna(B));
        t.accept(consegna(C));
        DeliveryStatus all = t.status(ID, T.plusSeconds(60)).orElseThrow();
        assertThat(all.overall()).isEqualTo(DeliveryState.Light.GREEN);
        assertThat(all.recipients()).allSatisfy(r -> assertThat(r.history()).hasSize(2));
        assertThat(t.unmatched()).isEmpty();
    }

    @Test
    @DisplayName("out of order: a delivery receipt before the accettazione still counts")
    void outOfOrder() throws IOException {
        DeliveryTracker t = tracking();
        t.accept(consegna(B));
        t.accept(facts(receipt(FixtureKind.ACCETTAZIONE)));
        t.accept(consegna(A));
        t.accept(consegna(C));
        DeliveryStatus s = t.status(ID, T.plusSeconds(60)).orElseThrow();
        assertThat(s.overall()).isEqualTo(DeliveryState.Light.GREEN);
        assertThat(of(s, B).state()).isEqualTo(DeliveryState.DELIVERED);
    }

    @Test
    @Tag("REC-DLV-02")
    @DisplayName("REC-DLV-02 the same receipt twice is handled once")
    void duplicates() throws IOException {
        DeliveryTracker t = tracking();
        ReceiptFacts c = consegna(A);
        assertThat(t.accept(c).outcome()).isEqualTo(Outcome.MATCHED);
        DeliveryTracker.Match again = t.accept(c);
        assertThat(again.outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(again.messageId()).contains(ID);
        assertThat(of(t.status(ID, T).orElseThrow(), A).history()).hasSize(1);
    }

    @Test
    @Tag("REC-TIME-01")
    @DisplayName("REC-TIME-01 no delivery receipt: overdue after 12 h, timed out after 24 h; a late one still delivers")
    void deadlines() throws IOException {
        DeliveryTracker t = tracking();
        t.accept(facts(receipt(FixtureKind.ACCETTAZIONE)));
        t.accept(consegna(A));
        assertThat(t.overdue(T.plus(Duration.ofHours(11)))).isEmpty();
        List<DeliveryTracker.Overdue> at13 = t.overdue(T.plus(Duration.ofHours(13)));
        assertThat(at13).extracting(o -> o.recipient().address()).containsExactlyInAnyOrder(B, C);
        assertThat(at13).allSatisfy(o -> {
            assertThat(o.recipient().state()).isEqualTo(DeliveryState.OVERDUE);
            assertThat(o.recipient().since()).isEqualTo(T.plus(Duration.ofHours(12)));
            assertThat(o.registration()).contains("c_esempio/AOO/PG/2024/0000042");
        });
        DeliveryStatus at25 = t.status(ID, T.plus(Duration.ofHours(25))).orElseThrow();
        assertThat(of(at25, B).state()).isEqualTo(DeliveryState.TIMED_OUT);
        assertThat(at25.overall()).isEqualTo(DeliveryState.Light.RED);
        assertThat(of(at25, A).state()).isEqualTo(DeliveryState.DELIVERED);
        t.accept(consegna(B));
        assertThat(of(t.status(ID, T.plus(Duration.ofHours(26))).orElseThrow(), B).state()).isEqualTo(DeliveryState.DELIVERED);
    }

    @Test
    @Tag("REC-TIME-01")
    @DisplayName("REC-TIME-01 a preavviso di mancata consegna makes the recipient overdue, not failed")
    void preavviso() throws IOException {
        DeliveryTracker t = tracking();
        t.accept(facts(receipt(FixtureKind.ACCETTAZIONE)));
        t.accept(facts(receipt(FixtureKind.PREAVVISO_ERRORE_CONSEGNA).deliveredTo(B)));
        RecipientStatus b = of(t.status(ID, T.plusSeconds(60)).orElseThrow(), B);
        assertThat(b.state()).isEqualTo(DeliveryState.OVERDUE);
        assertThat(b.state().light()).isEqualTo(DeliveryState.Light.YELLOW);
        t.accept(consegna(B));
        assertThat(of(t.status(ID, T.plusSeconds(60)).orElseThrow(), B).state()).isEqualTo(DeliveryState.DELIVERED);
    }

    @Test
    @Tag("REC-TIME-03")
    @DisplayName("REC-TIME-03 an opt-in policy makes a 5.4.1 preavviso final, the raw kind kept in the history")
    void policy541() throws IOException {
        ReceiptFacts preavviso = facts(receipt(FixtureKind.PREAVVISO_ERRORE_CONSEGNA).deliveredTo(B).erroreEsteso("5.4.1 - no route to host"));
        DeliveryTracker standard = tracking();
        standard.accept(preavviso);
        assertThat(of(standard.status(ID, T).orElseThrow(), B).state()).isEqualTo(DeliveryState.OVERDUE);
        DeliveryTracker strict = DeliveryTracker.create(ReceiptPolicy.PREAVVISO_541_IS_FINAL);
        strict.track(SentMessage.of(ID, T, A, B, C));
        strict.accept(preavviso);
        RecipientStatus b = of(strict.status(ID, T).orElseThrow(), B);
        assertThat(b.state()).isEqualTo(DeliveryState.DELIVERY_FAILED);
        assertThat(b.detail()).hasValueSatisfying(d -> assertThat(d).contains("policy"));
        assertThat(b.history()).singleElement().asString().startsWith("preavviso-errore-consegna");
        ReceiptFacts other = facts(receipt(FixtureKind.PREAVVISO_ERRORE_CONSEGNA).deliveredTo(C).erroreEsteso("4.4.1 - timeout"));
        strict.accept(other);
        assertThat(of(strict.status(ID, T).orElseThrow(), C).state()).isEqualTo(DeliveryState.OVERDUE);
    }

    @Test
    @Tag("REC-TIME-02")
    @DisplayName("REC-TIME-02 an errore-consegna is final, with or without the 24-hour Subject, which stays a detail")
    void erroreIsFinal() throws IOException {
        DeliveryTracker t = tracking();
        t.accept(facts(receipt(FixtureKind.ACCETTAZIONE)));
        t.accept(facts(receipt(FixtureKind.ERRORE_CONSEGNA).deliveredTo(B).errore("no-dest").erroreEsteso("5.1.1 - utente sconosciuto")));
        RecipientStatus b = of(t.status(ID, T.plusSeconds(60)).orElseThrow(), B);
        assertThat(b.state()).isEqualTo(DeliveryState.DELIVERY_FAILED);
        assertThat(b.smtpCode()).contains("5.1.1");
        assertThat(b.detail()).hasValueSatisfying(d -> assertThat(d).contains("no-dest").contains("utente sconosciuto"));
        assertThat(b.next()).contains("check the address");
        ReceiptFacts timeLimit = new ReceiptFacts(PecKind.ERRORE_CONSEGNA, Optional.of("e24@pec"), Optional.of(ID), Optional.empty(),
                Optional.empty(), Optional.of(C), T.plus(Duration.ofHours(24)), Optional.of("altro"), Optional.empty(), List.of(), false, true);
        t.accept(timeLimit);
        RecipientStatus c = of(t.status(ID, T.plus(Duration.ofHours(25))).orElseThrow(), C);
        assertThat(c.state()).isEqualTo(DeliveryState.DELIVERY_FAILED);
        assertThat(c.detail()).hasValueSatisfying(d -> assertThat(d).contains("24-hour limit"));
    }

    @Test
    @Tag("REC-DLV-01")
    @DisplayName("REC-DLV-01 delivery failure for one of three recipients: the others delivered, overall red")
    void oneOfThreeFails() throws IOException {
        DeliveryTracker t = tracking();
        t.accept(facts(receipt(FixtureKind.ACCETTAZIONE)));
        t.accept(consegna(A));
        t.accept(facts(receipt(FixtureKind.ERRORE_CONSEGNA).deliveredTo(B).errore("no-dest").erroreEsteso("5.1.1 - utente sconosciuto")));
        t.accept(consegna(C));
        DeliveryStatus s = t.status(ID, T.plusSeconds(60)).orElseThrow();
        assertThat(s.recipients()).extracting(RecipientStatus::state)
                .containsExactly(DeliveryState.DELIVERED, DeliveryState.DELIVERY_FAILED, DeliveryState.DELIVERED);
        assertThat(s.overall()).isEqualTo(DeliveryState.Light.RED);
    }

    @Test
    @Tag("REC-DLV-01")
    @DisplayName("REC-DLV-01 a virus non-accettazione fails the submission for every recipient")
    void virusNotAccepted() throws IOException {
        DeliveryTracker t = tracking();
        t.accept(facts(receipt(FixtureKind.NON_ACCETTAZIONE).virus()));
        DeliveryStatus s = t.status(ID, T.plusSeconds(60)).orElseThrow();
        assertThat(s.recipients()).allSatisfy(r -> {
            assertThat(r.state()).isEqualTo(DeliveryState.NOT_ACCEPTED);
            assertThat(r.detail()).hasValueSatisfying(d -> assertThat(d).contains("virus"));
            assertThat(r.next()).contains("refused");
        });
        assertThat(s.overall()).isEqualTo(DeliveryState.Light.RED);
        assertThat(t.overdue(T.plus(Duration.ofDays(2)))).isEmpty();
    }

    @Test
    @DisplayName("mixed certificato and esterno recipients: the esterno one is forwarded, never overdue, and keeps the light yellow")
    void esterno() throws IOException {
        DeliveryTracker t = DeliveryTracker.create();
        String outside = "cittadino@example.org";
        t.track(SentMessage.of(ID, T, A, outside));
        t.accept(facts(FIXTURES.message(FixtureKind.ACCETTAZIONE).to(A).esterno(outside).clientMessageId(ID)));
        t.accept(consegna(A));
        DeliveryStatus s = t.status(ID, T.plus(Duration.ofHours(30))).orElseThrow();
        RecipientStatus o = of(s, outside);
        assertThat(o.esterno()).isTrue();
        assertThat(o.type()).isEqualTo("esterno");
        assertThat(o.state()).isEqualTo(DeliveryState.FORWARDED);
        assertThat(o.deliveryExpectedBy()).isEmpty();
        assertThat(of(s, A).type()).isEqualTo("certificato");
        assertThat(s.overall()).isEqualTo(DeliveryState.Light.YELLOW);
        assertThat(t.overdue(T.plus(Duration.ofHours(30)))).isEmpty();
    }

    @Test
    @Tag("REC-DLV-02")
    @DisplayName("REC-DLV-02 receipts for an unknown message are kept aside with the reason, the rest goes on, and match once the send is tracked")
    void unknownMessage() throws IOException {
        DeliveryTracker t = tracking();
        String other = "20240315.other@client.comune.esempio.it";
        ReceiptFacts stray = facts(FIXTURES.message(FixtureKind.AVVENUTA_CONSEGNA).to(A).deliveredTo(A).clientMessageId(other));
        DeliveryTracker.Match m = t.accept(stray);
        assertThat(m.outcome()).isEqualTo(Outcome.UNMATCHED);
        assertThat(m.reason()).contains(other);
        assertThat(t.accept(stray).outcome()).isEqualTo(Outcome.DUPLICATE);
        t.accept(consegna(A));
        assertThat(of(t.status(ID, T).orElseThrow(), A).state()).isEqualTo(DeliveryState.DELIVERED);
        assertThat(t.unmatched()).singleElement().satisfies(u -> assertThat(u.reason()).contains(other));
        t.track(SentMessage.of(other, T, A));
        assertThat(t.unmatched()).isEmpty();
        assertThat(of(t.status(other, T).orElseThrow(), A).state()).isEqualTo(DeliveryState.DELIVERED);
    }

    @Test
    @Tag("REC-CORR-01")
    @Tag("REC-CORR-02")
    @DisplayName("REC-CORR-01 REC-CORR-02 matched by msgid, then by the identificativo learnt from the accettazione; never by Subject")
    void keys() throws IOException {
        DeliveryTracker t = tracking();
        ReceiptFacts acc = facts(receipt(FixtureKind.ACCETTAZIONE).subject("Tutt'altro oggetto.xml.p7m"));
        String identificativo = acc.identificativo().orElseThrow();
        ReceiptFacts byMsgid = new ReceiptFacts(PecKind.ACCETTAZIONE, Optional.of("r1@pec"), Optional.empty(), Optional.of("<" + ID + ">"),
                Optional.of(identificativo), Optional.empty(), T, Optional.empty(), Optional.empty(), List.of(), false, false);
        assertThat(t.accept(byMsgid).messageId()).contains(ID);
        ReceiptFacts byIdentificativo = new ReceiptFacts(PecKind.AVVENUTA_CONSEGNA, Optional.of("r2@pec"), Optional.empty(),
                Optional.empty(), Optional.of(identificativo), Optional.of(C.toUpperCase()), T, Optional.empty(), Optional.empty(), List.of(),
                false, false);
        assertThat(t.accept(byIdentificativo).outcome()).isEqualTo(Outcome.MATCHED);
        assertThat(of(t.status(ID, T).orElseThrow(), C).state()).isEqualTo(DeliveryState.DELIVERED);
        // the same signed accettazione under its own Message-ID and another Subject: the same receipt, still ours
        DeliveryTracker.Match again = t.accept(acc);
        assertThat(again.outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(again.messageId()).contains(ID);
    }

    @Test
    @DisplayName("a failure notice after delivery is recorded, the delivery stands; a delivery after a failure wins and says so")
    void lateReceipts() throws IOException {
        DeliveryTracker t = tracking();
        t.accept(consegna(A));
        t.accept(facts(receipt(FixtureKind.ERRORE_CONSEGNA).deliveredTo(A)));
        RecipientStatus a = of(t.status(ID, T).orElseThrow(), A);
        assertThat(a.state()).isEqualTo(DeliveryState.DELIVERED);
        assertThat(a.history()).hasSize(2);
        t.accept(facts(receipt(FixtureKind.ERRORE_CONSEGNA).deliveredTo(B)));
        t.accept(consegna(B));
        RecipientStatus b = of(t.status(ID, T).orElseThrow(), B);
        assertThat(b.state()).isEqualTo(DeliveryState.DELIVERED);
        assertThat(b.detail()).contains("delivered after a failure notice");
    }

    @Test
    @Tag("REC-CORR-01")
    @DisplayName("REC-CORR-01 a receipt matchable only by identificativo that comes before its accettazione is applied when the accettazione arrives")
    void identificativoBeforeAccettazione() throws IOException {
        DeliveryTracker t = tracking();
        ReceiptFacts acc = facts(receipt(FixtureKind.ACCETTAZIONE));
        ReceiptFacts early = new ReceiptFacts(PecKind.AVVENUTA_CONSEGNA, Optional.of("early@pec"), Optional.empty(), Optional.empty(),
                acc.identificativo(), Optional.of(B), T.minusSeconds(1), Optional.empty(), Optional.empty(), List.of(), false, false);
        assertThat(t.accept(early).outcome()).isEqualTo(Outcome.UNMATCHED);
        assertThat(t.accept(acc).outcome()).isEqualTo(Outcome.MATCHED);
        assertThat(t.unmatched()).isEmpty();
        assertThat(of(t.status(ID, T).orElseThrow(), B).state()).isEqualTo(DeliveryState.DELIVERED);
        assertThat(t.accept(early).outcome()).isEqualTo(Outcome.DUPLICATE);
    }

    @Test
    @DisplayName("addresses inside display names or comments of To and Cc never become recipients")
    void displayNames() throws IOException {
        String eml = "Message-ID: <" + ID + ">\r\nDate: Fri, 15 Mar 2024 10:15:25 +0100\r\n"
                + "To: \"Ufficio (vecchio: old@pec.x.it)\" <" + A + ">, \"mario@gmail.com\" <mario@pec.example.it>\r\n"
                + "Cc: c@pec.example.it (ex ufficio@pec.y.it), Bare <b@pec.example.it>\r\nSubject: x\r\n\r\nbody\r\n";
        try (PecMessage m = PecParser.create().parse(eml.getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
            assertThat(SentMessage.from(m).recipients()).extracting(SentMessage.Recipient::address)
                    .containsExactly(A, "mario@pec.example.it", "c@pec.example.it", "b@pec.example.it");
        }
    }

    @Test
    @Tag("REC-TYPE-01")
    @DisplayName("REC-TYPE-01 a Cc recipient's consegna (no postacert inside) delivers that recipient only")
    void ccRecipient() throws IOException {
        String cc = "ragioneria@pec.comune.esempio.it";
        DeliveryTracker t = DeliveryTracker.create();
        t.track(new SentMessage(ID, T, List.of(new SentMessage.Recipient(A, false), new SentMessage.Recipient(cc, true)), Optional.empty()));
        t.accept(facts(FIXTURES.message(FixtureKind.ACCETTAZIONE).to(A).cc(cc).clientMessageId(ID)));
        try (PecMessage m = PecParser.create().parse(FIXTURES.message(FixtureKind.AVVENUTA_CONSEGNA).to(A).cc(cc).deliveredTo(cc)
                .clientMessageId(ID).build())) {
            assertThat(m.original()).isEmpty();
            assertThat(t.accept(ReceiptFacts.from(m, Instant.EPOCH)).recipient()).contains(cc);
        }
        DeliveryStatus s = t.status(ID, T.plusSeconds(60)).orElseThrow();
        assertThat(of(s, cc).state()).isEqualTo(DeliveryState.DELIVERED);
        assertThat(of(s, cc).cc()).isTrue();
        assertThat(of(s, A).state()).isEqualTo(DeliveryState.ACCEPTED);
    }
}
