package io.github.pec4j.receipts;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pec4j.core.PecMessage;
import io.github.pec4j.core.PecParser;
import io.github.pec4j.registry.Actor;
import io.github.pec4j.registry.Channel;
import io.github.pec4j.registry.Classification;
import io.github.pec4j.registry.Correspondent;
import io.github.pec4j.registry.DocumentRequest;
import io.github.pec4j.registry.ProtocolId;
import io.github.pec4j.registry.ProtocolRegistry;
import io.github.pec4j.registry.RegisterId;
import io.github.pec4j.registry.Registration;
import io.github.pec4j.registry.RegistrationRequest;
import io.github.pec4j.registry.SearchQuery;
import io.github.pec4j.registry.TransmissionEvent;
import io.github.pec4j.testkit.FixtureKind;
import io.github.pec4j.testkit.MessageBuilder;
import io.github.pec4j.testkit.PecFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Delivery rebuilt from the register alone (OUT-TRACK-01), the overdue watch and the AgID answers filed on the
 * outgoing registration (OUT-INTEROP-01), run on each registry implementation.
 */
abstract class RegisterTrackingContract {
    /** The fixtures' receipts are dated 2024-03-15T10:15:30+01:00. */
    static final Instant T = Instant.parse("2024-03-15T09:15:30Z");
    static final String ID = "20240315101500.letter@client.comune.esempio.it";
    static final String BOX = "protocollo@pec.comune.esempio.it";
    static final String A = "ufficio.tributi@pec.regione.esempio.it";
    static final String B = "protocollo@pec.provincia.esempio.it";
    static final String C = "segreteria@pec.scuola.esempio.it";
    static final RegisterId REGISTER = RegisterId.of("c_esempio", "AOO", "PG");
    static final Actor OUTBOX = Actor.system("outbox");
    static final PecFixtures F = PecFixtures.create();

    @TempDir
    Path dir;
    ProtocolRegistry registry;

    /** A registry of the kind under test whose clock reads {@code clock}. */
    abstract ProtocolRegistry open(Path directory, Clock clock) throws IOException;

    @BeforeEach
    void openRegistry() throws IOException {
        registry = open(dir, Clock.fixed(T.minusSeconds(60), ZoneOffset.UTC));
    }

    @AfterEach
    void closeRegistry() throws Exception {
        registry.close();
    }

    Registration letter(String... to) throws IOException {
        RegistrationRequest.Builder b = RegistrationRequest.outgoing(REGISTER, Channel.PEC).oggetto("Richiesta documentazione")
                .document(DocumentRequest.of("richiesta.pdf", "application/pdf", "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII)))
                .classification(Classification.of("I.1")).operator(OUTBOX);
        for (String address : to) b.correspondent(Correspondent.of(address, address));
        return registry.register(b.build()).registration();
    }

    /** The send as the outbound core records it: one SENT event per recipient, with the Message-ID. */
    void sentToEach(ProtocolId id, String messageId, String... to) throws IOException {
        for (String address : to) {
            registry.recordTransmission(id, TransmissionEvent.of(TransmissionEvent.Type.SENT, Optional.of(address), T.minusSeconds(5))
                    .withMsgid(messageId), Optional.empty(), OUTBOX);
        }
    }

    /** A receipt filed as the mailroom files it: parsed, then recorded byte-exact with its event. */
    void file(ProtocolId id, MessageBuilder receipt) throws IOException {
        try (PecMessage m = PecParser.create().parse(receipt.build())) {
            TransmissionRecorder.of(registry, Actor.system("mailroom")).receipt(id, m, ReceiptFacts.from(m, Instant.EPOCH));
        }
    }

    static MessageBuilder receipt(FixtureKind kind, String... to) {
        return F.message(kind).from(BOX).to(to).clientMessageId(ID);
    }

    static RecipientStatus of(OutgoingDelivery d, String address) {
        return d.recipients().stream().filter(r -> r.address().equals(address)).findFirst().orElseThrow();
    }

    /** Three recipients: A delivered, B errore consegna, C nothing after the accettazione. */
    Registration threeRecipients() throws IOException {
        Registration r = letter(A, B, C);
        sentToEach(r.id(), ID, A, B, C);
        file(r.id(), receipt(FixtureKind.ACCETTAZIONE, A, B, C));
        file(r.id(), receipt(FixtureKind.AVVENUTA_CONSEGNA, A, B, C).deliveredTo(A));
        file(r.id(), receipt(FixtureKind.ERRORE_CONSEGNA, A, B, C).deliveredTo(B).errore("no-dest").erroreEsteso("5.1.1 - utente sconosciuto"));
        return r;
    }

    @Test
    @Tag("OUT-TRACK-01")
    @Tag("REC-TIME-01")
    @DisplayName("OUT-TRACK-01 a letter to three recipients rebuilt from the register: delivered, errore consegna, overdue at 12 h, timed out at 24 h")
    void threeRecipientsFromTheRegister() throws IOException {
        Registration r = threeRecipients();
        DeliveryBoard board = DeliveryBoard.of(registry);

        OutgoingDelivery early = board.delivery(r.id(), T.plus(Duration.ofHours(1))).orElseThrow();
        assertThat(early.messages()).singleElement().satisfies(m -> {
            assertThat(m.messageId()).isEqualTo(ID);
            assertThat(m.registration()).contains(r.id().toString());
            assertThat(m.acceptedAt()).contains(T);
        });
        assertThat(of(early, A).state()).isEqualTo(DeliveryState.DELIVERED);
        assertThat(of(early, B).state()).isEqualTo(DeliveryState.DELIVERY_FAILED);
        assertThat(of(early, B).detail()).hasValueSatisfying(d -> assertThat(d).contains("no-dest").contains("utente sconosciuto"));
        assertThat(of(early, B).smtpCode()).contains("5.1.1");
        assertThat(of(early, C).state()).isEqualTo(DeliveryState.ACCEPTED);
        assertThat(of(early, C).deliveryExpectedBy()).contains(T.plus(DeliveryTracker.DELIVERY_WARNING));
        assertThat(of(early, C).finalNoticeBy()).contains(T.plus(DeliveryTracker.FINAL_NOTICE));
        assertThat(early.overdue()).isEmpty();
        assertThat(early.notSent()).isEmpty();
        assertThat(early.notes()).isEmpty();

        Instant twelve = T.plus(DeliveryTracker.DELIVERY_WARNING);
        assertThat(of(board.delivery(r.id(), twelve.minusMillis(1)).orElseThrow(), C).state()).isEqualTo(DeliveryState.ACCEPTED);
        OutgoingDelivery late = board.delivery(r.id(), twelve).orElseThrow();
        assertThat(of(late, C).state()).isEqualTo(DeliveryState.OVERDUE);
        assertThat(of(late, C).since()).isEqualTo(twelve);
        assertThat(late.overdue()).singleElement().satisfies(o -> {
            assertThat(o.recipient().address()).isEqualTo(C);
            assertThat(o.registration()).contains(r.id().toString());
            assertThat(o.recipient().next()).contains("preavviso").contains("contact the recipient");
        });
        assertThat(board.overdue(SearchQuery.all(), twelve)).extracting(o -> o.recipient().address()).containsExactly(C);

        Instant day = T.plus(DeliveryTracker.FINAL_NOTICE);
        OutgoingDelivery failed = board.delivery(r.id(), day).orElseThrow();
        assertThat(of(failed, C).state()).isEqualTo(DeliveryState.TIMED_OUT);
        assertThat(of(failed, C).state().light()).isEqualTo(DeliveryState.Light.RED);
        assertThat(of(failed, C).next()).contains("not delivered").contains("by other means");
        assertThat(failed.overall()).isEqualTo(DeliveryState.Light.RED);
        assertThat(of(failed, A).state()).isEqualTo(DeliveryState.DELIVERED);
    }

    @Test
    @Tag("OUT-TRACK-01")
    @Tag("REC-TIME-01")
    @DisplayName("OUT-TRACK-01 REC-TIME-01 a delivery receipt after the 12 hours still delivers, read from the register")
    void lateDelivery() throws IOException {
        Registration r = threeRecipients();
        file(r.id(), receipt(FixtureKind.AVVENUTA_CONSEGNA, A, B, C).deliveredTo(C).identificativo("late-consegna@pec"));
        OutgoingDelivery d = DeliveryBoard.of(registry).delivery(r.id(), T.plus(Duration.ofHours(30))).orElseThrow();
        assertThat(of(d, C).state()).isEqualTo(DeliveryState.DELIVERED);
        assertThat(d.overdue()).isEmpty();
    }

    @Test
    @Tag("OUT-TRACK-01")
    @DisplayName("OUT-TRACK-01 an ordinary (esterno) recipient is read from the kept accettazione: forwarded, never overdue")
    void esternoFromTheKeptAccettazione() throws IOException {
        String outside = "cittadino@example.org";
        Registration r = letter(A, outside);
        // one SENT event for the whole message, as TransmissionRecorder.sent records it: the recipients are the correspondents
        TransmissionRecorder.of(registry, OUTBOX).sent(r.id(), SentMessage.of(ID, T.minusSeconds(5), A, outside));
        file(r.id(), F.message(FixtureKind.ACCETTAZIONE).from(BOX).to(A).esterno(outside).clientMessageId(ID));
        OutgoingDelivery d = DeliveryBoard.of(registry).delivery(r.id(), T.plus(Duration.ofHours(30))).orElseThrow();
        assertThat(of(d, outside).state()).isEqualTo(DeliveryState.FORWARDED);
        assertThat(of(d, outside).esterno()).isTrue();
        assertThat(of(d, A).state()).isEqualTo(DeliveryState.TIMED_OUT);
        assertThat(d.overdue()).extracting(o -> o.recipient().address()).containsExactly(A);
    }

    @Test
    @Tag("OUT-TRACK-01")
    @DisplayName("OUT-TRACK-01 registered but never sent: every PEC recipient is prepared, the light red; incoming registrations are not tracked")
    void registeredNotSent() throws IOException {
        Registration r = letter(A, B);
        OutgoingDelivery d = DeliveryBoard.of(registry).delivery(r.id(), T).orElseThrow();
        assertThat(d.messages()).isEmpty();
        assertThat(d.notSent()).extracting(RecipientStatus::address).containsExactly(A, B);
        assertThat(d.notSent()).allSatisfy(x -> assertThat(x.state()).isEqualTo(DeliveryState.PREPARED));
        assertThat(d.overall()).isEqualTo(DeliveryState.Light.RED);

        Registration in = registry.register(RegistrationRequest.incoming(REGISTER, Channel.PEC).correspondent(Correspondent.of("X", A))
                .oggetto("in").document(DocumentRequest.of("a.txt", "text/plain", new byte[] {1})).classification(Classification.of("I.1"))
                .operator(OUTBOX).build()).registration();
        assertThat(DeliveryBoard.of(registry).delivery(in.id(), T)).isEmpty();
        assertThat(DeliveryBoard.of(registry).deliveries(SearchQuery.all(), T)).extracting(OutgoingDelivery::registration)
                .containsExactly(r.id());
    }

    @Test
    @Tag("OUT-TRACK-01")
    @DisplayName("OUT-TRACK-01 a receipt naming a Message-ID the registration was not sent with is noted, not applied")
    void foreignMessageId() throws IOException {
        Registration r = letter(A);
        sentToEach(r.id(), ID, A);
        file(r.id(), F.message(FixtureKind.AVVENUTA_CONSEGNA).from(BOX).to(A).deliveredTo(A).clientMessageId("other@client"));
        OutgoingDelivery d = DeliveryBoard.of(registry).delivery(r.id(), T).orElseThrow();
        assertThat(of(d, A).state()).isEqualTo(DeliveryState.SUBMITTED);
        assertThat(d.notes()).singleElement().satisfies(n -> assertThat(n).contains("other@client").contains("not applied"));
    }

    @Test
    @Tag("OUT-TRACK-01")
    @DisplayName("OUT-TRACK-01 the overdue watch reports each deadline once, also after a restart, reading what it reported from the register")
    void overdueWatchReportsOnce() throws IOException {
        Registration r = threeRecipients();
        List<OverdueWatch.OverdueEvent> heard = new ArrayList<>();
        OverdueWatch watch = OverdueWatch.of(registry, Actor.system("watch"), heard::add);

        assertThat(watch.check(T.plus(Duration.ofHours(11))).reported()).isEmpty();
        Instant twelve = T.plus(DeliveryTracker.DELIVERY_WARNING);
        OverdueWatch.Round first = watch.check(twelve.plusSeconds(30));
        assertThat(first.reported()).singleElement().satisfies(e -> {
            assertThat(e.registration()).isEqualTo(r.id());
            assertThat(e.messageId()).isEqualTo(ID);
            assertThat(e.recipient().address()).isEqualTo(C);
            assertThat(e.deadline()).isEqualTo(OverdueWatch.Deadline.DELIVERY_WARNING);
            assertThat(e.due()).isEqualTo(twelve);
        });
        assertThat(first.failures()).isEmpty();
        assertThat(watch.check(twelve.plusSeconds(90)).reported()).isEmpty();
        // a new watch (a restarted mailroom) knows from the register what was reported
        OverdueWatch restarted = OverdueWatch.of(registry, Actor.system("watch"), heard::add);
        assertThat(restarted.check(twelve.plus(Duration.ofHours(1))).reported()).isEmpty();
        assertThat(heard).hasSize(1);

        Instant day = T.plus(DeliveryTracker.FINAL_NOTICE);
        assertThat(restarted.check(day).reported()).singleElement()
                .satisfies(e -> assertThat(e.deadline()).isEqualTo(OverdueWatch.Deadline.FINAL_NOTICE));
        assertThat(restarted.check(day.plusSeconds(1)).reported()).isEmpty();
        assertThat(heard).hasSize(2);
        assertThat(registry.transmissions(r.id())).filteredOn(t -> t.event().type() == TransmissionEvent.Type.DEADLINE_PASSED)
                .extracting(t -> t.event().identificativo().orElseThrow())
                .containsExactly("delivery-warning@" + twelve, "final-notice@" + day);
        // the watch's events change no state
        OutgoingDelivery d = DeliveryBoard.of(registry).delivery(r.id(), day).orElseThrow();
        assertThat(of(d, C).state()).isEqualTo(DeliveryState.TIMED_OUT);
        assertThat(of(d, C).history()).anyMatch(h -> h.startsWith("deadline-passed"));
        assertThat(d.notes()).isEmpty();
    }

    @Test
    @Tag("OUT-TRACK-01")
    @DisplayName("OUT-TRACK-01 a listener that fails leaves the deadline unrecorded, reported at the next check")
    void failingListener() throws IOException {
        threeRecipients();
        List<OverdueWatch.OverdueEvent> heard = new ArrayList<>();
        boolean[] fail = {true};
        OverdueWatch watch = OverdueWatch.of(registry, Actor.system("watch"), e -> {
            if (fail[0]) throw new IllegalStateException("mail server down");
            heard.add(e);
        });
        Instant at = T.plus(Duration.ofHours(13));
        OverdueWatch.Round failed = watch.check(at);
        assertThat(failed.reported()).isEmpty();
        assertThat(failed.failures()).singleElement().satisfies(f -> assertThat(f).contains("mail server down"));
        fail[0] = false;
        assertThat(watch.check(at).reported()).hasSize(1);
        assertThat(watch.check(at).reported()).isEmpty();
        assertThat(heard).hasSize(1);
    }
}
