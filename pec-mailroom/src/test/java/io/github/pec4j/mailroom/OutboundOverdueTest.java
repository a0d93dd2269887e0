package io.github.pec4j.mailroom;

import static io.github.pec4j.mailroom.OutboundFixture.BOX;
import static io.github.pec4j.mailroom.OutboundFixture.CITTADINO;
import static io.github.pec4j.mailroom.OutboundFixture.REGIONE;
import static io.github.pec4j.mailroom.OutboundFixture.STUDIO;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.pec4j.admission.AooConfig;
import io.github.pec4j.receipts.DeliveryBoard;
import io.github.pec4j.receipts.DeliveryState;
import io.github.pec4j.receipts.OutgoingDelivery;
import io.github.pec4j.receipts.OverdueWatch;
import io.github.pec4j.receipts.RecipientStatus;
import io.github.pec4j.registry.IntakeEntry;
import io.github.pec4j.registry.ProtocolId;
import io.github.pec4j.registry.TransmissionEvent.Type;
import io.github.pec4j.registry.TransmissionRecord;
import io.github.pec4j.simulator.Behaviour;
import io.github.pec4j.simulator.PecProviderSimulator;
import io.github.pec4j.simulator.SimulatorOptions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A letter followed to its 12 hours on the simulator, with one clock shared by the provider, the register, the outbound
 * side and the mailroom (OUT-TRACK-01): accepted, delivered to one, refused by another's provider, silent for a third
 * until the deadline passes, and sent to an ordinary address that never answers.
 */
@Tag("OUT-TRACK-01")
class OutboundOverdueTest {
    private static final String UFFICIO = "ufficio.tecnico@pec.provincia.esempio.it";

    @Test
    @DisplayName("OUT-TRACK-01 on the simulator: delivered, errore-consegna, and a silent PEC recipient overdue at 12 h: listener, metric, DEADLINE_PASSED, board")
    void overdueAtTwelveHours() throws Exception {
        List<OverdueWatch.OverdueEvent> heard = new CopyOnWriteArrayList<>();
        MailroomListener listener = new MailroomListener() {
            @Override
            public void onOverdue(OverdueWatch.OverdueEvent event) {
                heard.add(event);
            }
        };
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (Harness h = new Harness(); PecProviderSimulator pec = PecProviderSimulator.start(SimulatorOptions.defaults().withClock(h.clock))) {
            pec.box(BOX, "secret").box(REGIONE, "secret").box(STUDIO, "secret").box(UFFICIO, "secret").ordinaryBox(CITTADINO, "x");
            pec.behaviour(STUDIO, Behaviour.erroreConsegna("5.1.1 - utente sconosciuto"));
            pec.behaviour(UFFICIO, Behaviour.preavviso()); // never delivered: the provider says so only after 12 h

            OutboundResult sent;
            try (Outbound outbound = Outbound.builder(h.registry, Harness.REGISTER, BOX).smtp(OutboundFixture.smtp(pec, BOX))
                    .ipa(OutboundFixture.ipa()).trust(h.trust).clock(h.clock).build()) {
                sent = outbound.send(OutboundFixture.letter(Recipient.pec(REGIONE), Recipient.pec(STUDIO), Recipient.pec(UFFICIO),
                        Recipient.email(CITTADINO)).build());
            }
            assertThat(sent.state()).as(sent.toString()).isEqualTo(OutboundResult.State.SUBMITTED);
            ProtocolId id = sent.protocol().orElseThrow();

            try (Mailroom mailroom = Mailroom.builder(h.registry, Harness.REGISTER, AooConfig.defaults().withMailboxes(BOX))
                    .imap(OutboundFixture.imap(pec)).trust(h.trust).clock(h.clock).listener(listener).meterRegistry(meters).build()) {
                RoundReport receipts = mailroom.runOnce();
                assertThat(receipts.messages()).extracting(IntakeEntry::outcome).containsOnly(IntakeEntry.Outcome.RECEIPT)
                        .hasSize(3); // accettazione, consegna (Regione), errore-consegna (Studio)
                assertThat(states(h, id)).containsEntry(REGIONE, DeliveryState.DELIVERED).containsEntry(STUDIO, DeliveryState.DELIVERY_FAILED)
                        .containsEntry(UFFICIO, DeliveryState.ACCEPTED).containsKey(CITTADINO);
                assertThat(heard).as("nothing is due within the 12 hours").isEmpty();

                h.clock.advance(Duration.ofHours(11).plusMinutes(50));
                mailroom.runOnce();
                assertThat(heard).as("ten minutes before the deadline").isEmpty();

                // the deadline passes; the provider's own preavviso is not in the box yet (the simulator has not ticked)
                h.clock.advance(Duration.ofMinutes(20));
                mailroom.runOnce();

                assertThat(heard).singleElement().satisfies(e -> {
                    assertThat(e.registration()).isEqualTo(id);
                    assertThat(e.deadline()).isEqualTo(OverdueWatch.Deadline.DELIVERY_WARNING);
                    assertThat(e.recipient().address()).isEqualTo(UFFICIO);
                    assertThat("<" + e.messageId() + ">").isEqualTo(sent.messageId().orElseThrow());
                });
                assertThat(meters.counter("pec4j.mailroom.overdue", "mailbox", BOX, "deadline", "delivery-warning").count()).isEqualTo(1.0);
                List<TransmissionRecord> passed = h.registry.transmissions(id).stream().filter(t -> t.event().type() == Type.DEADLINE_PASSED).toList();
                assertThat(passed).singleElement().satisfies(t -> assertThat(t.event().recipient()).contains(UFFICIO));
                OutgoingDelivery board = DeliveryBoard.of(h.registry).delivery(id, h.clock.instant()).orElseThrow();
                assertThat(board.overdue()).extracting(o -> o.recipient().address()).containsExactly(UFFICIO);
                assertThat(board.overall()).isEqualTo(DeliveryState.Light.RED);
                assertThat(states(h, id)).containsEntry(REGIONE, DeliveryState.DELIVERED).containsEntry(STUDIO, DeliveryState.DELIVERY_FAILED)
                        .containsEntry(UFFICIO, DeliveryState.OVERDUE);

                pec.tick(); // now the provider's preavviso di mancata consegna arrives
                RoundReport preavviso = mailroom.runOnce();
                assertThat(preavviso.messages()).extracting(IntakeEntry::outcome).containsExactly(IntakeEntry.Outcome.RECEIPT);
                h.clock.advance(Duration.ofMinutes(10));
                mailroom.runOnce();
                assertThat(heard).as("the same deadline, reported once").hasSize(1);
                assertThat(states(h, id)).containsEntry(UFFICIO, DeliveryState.OVERDUE);
            }
        }
    }

    private static Map<String, DeliveryState> states(Harness h, ProtocolId id) throws Exception {
        OutgoingDelivery d = DeliveryBoard.of(h.registry).delivery(id, h.clock.instant()).orElseThrow();
        return d.recipients().stream().collect(Collectors.toMap(RecipientStatus::address, RecipientStatus::state, (a, b) -> b));
    }
}
