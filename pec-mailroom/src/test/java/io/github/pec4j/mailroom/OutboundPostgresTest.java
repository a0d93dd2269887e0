package io.github.pec4j.mailroom;

import static io.github.pec4j.mailroom.OutboundFixture.BOX;
import static io.github.pec4j.mailroom.OutboundFixture.CITTADINO;
import static io.github.pec4j.mailroom.OutboundFixture.REGIONE;
import static io.github.pec4j.mailroom.OutboundFixture.STUDIO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.pec4j.admission.AooConfig;
import io.github.pec4j.receipts.DeliveryBoard;
import io.github.pec4j.receipts.DeliveryState;
import io.github.pec4j.receipts.OutgoingDelivery;
import io.github.pec4j.receipts.RecipientStatus;
import io.github.pec4j.registry.Direction;
import io.github.pec4j.registry.IntakeEntry;
import io.github.pec4j.registry.MailroomState;
import io.github.pec4j.registry.OutboxEntry;
import io.github.pec4j.registry.ProtocolId;
import io.github.pec4j.registry.ProtocolRegistry;
import io.github.pec4j.registry.SearchQuery;
import io.github.pec4j.registry.TransmissionEvent.Type;
import io.github.pec4j.registry.TransmissionRecord;
import io.github.pec4j.registry.jdbc.JdbcRegistry;
import io.github.pec4j.registry.jdbc.JdbcRegistryConfig;
import io.github.pec4j.simulator.Behaviour;
import io.github.pec4j.simulator.PecProviderSimulator;
import io.github.pec4j.simulator.SimulatorOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The outbound path on the JDBC registry over PostgreSQL (127.0.0.1:5432, database {@code test}, a schema of its own):
 * the LETTER outbox entry, the SENT events and {@code findBySentMessageId} that files the receipts, the provider's
 * refusal as SUBMISSION_REFUSED, the resume after a crash, and the board read from the register. Skipped when no server
 * is reachable, unless PEC4J_REQUIRE_POSTGRES is set.
 */
class OutboundPostgresTest {
    private static final String PG = "jdbc:postgresql://127.0.0.1:5432/test";

    private String schema;

    @BeforeEach
    void schema() {
        assumePostgres();
        byte[] random = new byte[5];
        ThreadLocalRandom.current().nextBytes(random);
        schema = "pec4j_out" + HexFormat.of().formatHex(random);
    }

    @AfterEach
    void dropSchema() throws Exception {
        if (schema == null) return;
        try (Connection c = DriverManager.getConnection(PG, "postgres", ""); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
        }
    }

    private Harness harness() {
        JdbcRegistryConfig config = new JdbcRegistryConfig(Optional.of(schema), Optional.empty(), JdbcRegistryConfig.DEFAULT_MAX_DOCUMENT_BYTES);
        return new Harness(clock -> {
            try {
                return JdbcRegistry.open(PG, "postgres", "", config, clock);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @Test
    @Tag("OUT-BOX-01")
    @Tag("OUT-TRACK-01")
    @DisplayName("OUT-BOX-01 on PostgreSQL: send, receipts filed by the Message-ID, each recipient's state on the board, the 12 h deadline recorded")
    void sendReceiptsTrack() throws Exception {
        try (Harness h = harness(); PecProviderSimulator pec = PecProviderSimulator.start(SimulatorOptions.defaults().withClock(h.clock))) {
            pec.box(BOX, "secret").box(REGIONE, "secret").box(STUDIO, "secret").ordinaryBox(CITTADINO, "x");
            pec.behaviour(STUDIO, Behaviour.preavviso());
            OutboundResult sent;
            try (Outbound outbound = Outbound.builder(h.registry, Harness.REGISTER, BOX).smtp(OutboundFixture.smtp(pec, BOX))
                    .ipa(OutboundFixture.ipa()).trust(h.trust).clock(h.clock).build()) {
                sent = outbound.send(OutboundFixture.letter(Recipient.ipa("r_esempio"), Recipient.pec(STUDIO), Recipient.email(CITTADINO)).build());
            }
            assertThat(sent.state()).as(sent.toString()).isEqualTo(OutboundResult.State.SUBMITTED);
            ProtocolId id = sent.protocol().orElseThrow();
            MailroomState state = h.registry.mailroom().orElseThrow();
            assertThat(state.outbox(id)).singleElement().satisfies(e -> {
                assertThat(e.kind()).isEqualTo(OutboxEntry.Kind.LETTER);
                assertThat(e.state()).isEqualTo(OutboxEntry.State.SENT);
                assertThat(e.messageId()).isEqualTo(sent.messageId().orElseThrow());
            });
            assertThat(h.registry.findBySentMessageId(sent.messageId().orElseThrow())).contains(id);
            assertThat(h.registry.findBySentMessageId(sent.messageId().orElseThrow().replaceAll("[<>]", ""))).as("brackets ignored").contains(id);

            try (Mailroom mailroom = Mailroom.builder(h.registry, Harness.REGISTER, AooConfig.defaults().withMailboxes(BOX))
                    .imap(OutboundFixture.imap(pec)).trust(h.trust).clock(h.clock).build()) {
                assertThat(mailroom.runOnce().messages()).extracting(IntakeEntry::outcome).containsOnly(IntakeEntry.Outcome.RECEIPT).hasSize(2);
                h.clock.advance(Duration.ofHours(12).plusMinutes(10));
                mailroom.runOnce();
            }
            Map<String, DeliveryState> states = states(h, id);
            assertThat(states).containsEntry(REGIONE, DeliveryState.DELIVERED).containsEntry(STUDIO, DeliveryState.OVERDUE).containsKey(CITTADINO);
            assertThat(h.registry.transmissions(id)).filteredOn(t -> t.event().type() == Type.DEADLINE_PASSED)
                    .extracting(t -> t.event().recipient().orElseThrow()).containsExactly(STUDIO);
            assertThat(h.registry.search(SearchQuery.all().direction(Direction.OUTGOING).page(0, 10))).extracting(r -> r.id()).containsExactly(id);
        }
    }

    @Test
    @Tag("OUT-REFUSE-01")
    @DisplayName("OUT-REFUSE-01 on PostgreSQL: the provider's refusal is a SUBMISSION_REFUSED event in its words, and the LETTER entry is FAILED")
    void refusalRecorded() throws Exception {
        try (Harness h = harness(); PecProviderSimulator pec = PecProviderSimulator.start(SimulatorOptions.defaults().withStrictSenders(true))) {
            String other = "altro@pec.comune.esempio.it";
            pec.box(BOX, "secret").box(other, "secret").box(REGIONE, "secret");
            OutboundResult result;
            try (Outbound outbound = Outbound.builder(h.registry, Harness.REGISTER, BOX).smtp(OutboundFixture.smtp(pec, other))
                    .ipa(OutboundFixture.ipa()).trust(h.trust).clock(h.clock).build()) {
                result = outbound.send(OutboundFixture.letter(Recipient.pec(REGIONE)).build());
                assertThat(outbound.resume()).isEmpty();
            }
            assertThat(result.state()).isEqualTo(OutboundResult.State.REFUSED_BY_PROVIDER);
            ProtocolId id = result.protocol().orElseThrow();
            List<TransmissionRecord> events = h.registry.transmissions(id);
            assertThat(events).extracting(t -> t.event().type()).containsExactly(Type.SUBMISSION_REFUSED);
            assertThat(events.get(0).event().note().orElseThrow()).contains("553 5.7.1").contains("not owned by user");
            assertThat(h.registry.mailroom().orElseThrow().outbox(id)).extracting(OutboxEntry::kind, OutboxEntry::state)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(OutboxEntry.Kind.LETTER, OutboxEntry.State.FAILED));
            assertThat(h.registry.findBySentMessageId(result.messageId().orElseThrow())).as("never sent").isEmpty();
            OutgoingDelivery board = DeliveryBoard.of(h.registry).delivery(id, h.clock.instant()).orElseThrow();
            assertThat(board.overall()).isEqualTo(DeliveryState.Light.RED);
        }
    }

    @Test
    @Tag("OUT-ONCE-01")
    @Tag("OUT-ONCE-02")
    @DisplayName("OUT-ONCE-01 on PostgreSQL: a letter registered and never queued is found by resume() and submitted once, under the box's lease")
    void resumedAfterCrash() throws Exception {
        try (Harness h = harness(); PecProviderSimulator pec = PecProviderSimulator.start()) {
            pec.box(BOX, "secret").box(REGIONE, "secret");
            try (Outbound dying = Outbound.builder(h.registry, Harness.REGISTER, BOX).smtp(OutboundFixture.smtp(pec, BOX)).ipa(OutboundFixture.ipa())
                    .trust(h.trust).clock(h.clock).afterRegistration(x -> {
                        throw new IllegalStateException("kill -9");
                    }).build()) {
                assertThatThrownBy(() -> dying.send(OutboundFixture.letter(Recipient.pec(REGIONE)).build())).hasMessage("kill -9");
            }
            h.clock.advance(Duration.ofMinutes(6));
            try (Outbound a = Outbound.builder(h.registry, Harness.REGISTER, BOX).smtp(OutboundFixture.smtp(pec, BOX)).clock(h.clock).nodeId("a").build();
                    Outbound b = Outbound.builder(h.registry, Harness.REGISTER, BOX).smtp(OutboundFixture.smtp(pec, BOX)).clock(h.clock).nodeId("b")
                            .build()) {
                assertThat(a.resume()).singleElement().satisfies(r -> assertThat(r.state()).isEqualTo(OutboundResult.State.SUBMITTED));
                assertThat(b.resume()).isEmpty();
                assertThat(a.resume()).isEmpty();
            }
            assertThat(pec.submissions()).hasSize(1);
        }
    }

    private static Map<String, DeliveryState> states(Harness h, ProtocolId id) throws IOException {
        OutgoingDelivery d = DeliveryBoard.of(h.registry).delivery(id, h.clock.instant()).orElseThrow();
        return d.recipients().stream().collect(Collectors.toMap(RecipientStatus::address, RecipientStatus::state, (x, y) -> y));
    }

    private static void assumePostgres() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", 5432), 500);
        } catch (IOException e) {
            if (System.getenv("PEC4J_REQUIRE_POSTGRES") != null) fail("PEC4J_REQUIRE_POSTGRES is set but PostgreSQL is not reachable");
            Assumptions.abort("PostgreSQL is not reachable on 127.0.0.1:5432");
        }
    }
}
