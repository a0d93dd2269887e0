package io.github.pec4j.mailroom;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pec4j.receipts.OverdueWatch;
import io.github.pec4j.registry.IntakeEntry.Outcome;
import io.github.pec4j.registry.ProtocolId;
import io.github.pec4j.registry.TransmissionEvent;
import io.github.pec4j.testkit.FixtureKind;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("OUT-TRACK-01")
class OverdueTest {
    private static final String TO = "ufficio.tributi@pec.regione.esempio.it";

    @Test
    @DisplayName("OUT-TRACK-01 the rounds report a letter accepted 12 h ago without delivery once: listener, counter, DEADLINE_PASSED event")
    void overdueReportedOnce() throws Exception {
        List<OverdueWatch.OverdueEvent> heard = new CopyOnWriteArrayList<>();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        MailroomListener listener = new MailroomListener() {
            @Override
            public void onOverdue(OverdueWatch.OverdueEvent event) {
                heard.add(event);
            }
        };
        try (Harness h = new Harness(); Mailroom mailroom = h.builder().listener(listener).meterRegistry(meters).build()) {
            String id = "20240315.lettera-9@client.comune.esempio.it";
            ProtocolId out = h.outgoing(id, TO);
            h.mailbox.deliver(h.fixtures.message(FixtureKind.ACCETTAZIONE).from(Harness.BOX).to(TO).clientMessageId(id).build());
            assertThat(Harness.only(mailroom.runOnce()).outcome()).isEqualTo(Outcome.RECEIPT);
            assertThat(heard).as("accepted just now: nothing due").isEmpty();

            h.clock.advance(Duration.ofHours(13));
            mailroom.runOnce();

            assertThat(heard).hasSize(1);
            assertThat(heard.get(0).registration()).isEqualTo(out);
            assertThat(heard.get(0).deadline()).isEqualTo(OverdueWatch.Deadline.DELIVERY_WARNING);
            assertThat(meters.counter("pec4j.mailroom.overdue", "mailbox", Harness.BOX, "deadline", "delivery-warning").count()).isEqualTo(1.0);
            assertThat(h.registry.transmissions(out)).extracting(t -> t.event().type()).contains(TransmissionEvent.Type.DEADLINE_PASSED);

            h.clock.advance(Duration.ofMinutes(6));
            mailroom.runOnce();
            assertThat(heard).as("reported once").hasSize(1);
        }
    }

    @Test
    @DisplayName("OUT-TRACK-01 the watch runs at most every overdueCheckEvery, and never when turned off")
    void checkInterval() throws Exception {
        List<OverdueWatch.OverdueEvent> heard = new CopyOnWriteArrayList<>();
        MailroomListener listener = new MailroomListener() {
            @Override
            public void onOverdue(OverdueWatch.OverdueEvent event) {
                heard.add(event);
            }
        };
        try (Harness h = new Harness(); Mailroom mailroom = h.builder().listener(listener).overdueCheckEvery(Duration.ofHours(1)).build();
                Mailroom off = h.builder().overdueCheckEvery(Duration.ZERO).listener(listener).build()) {
            String id = "20240315.lettera-10@client.comune.esempio.it";
            h.outgoing(id, TO);
            h.mailbox.deliver(h.fixtures.message(FixtureKind.ACCETTAZIONE).from(Harness.BOX).to(TO).clientMessageId(id).build());
            mailroom.runOnce();
            h.clock.advance(Duration.ofHours(11)); // the fixture's accettazione is dated 09:15:30, the clock starts at 10:00
            mailroom.runOnce(); // checked: nothing due yet
            h.clock.advance(Duration.ofMinutes(40));
            off.runOnce();
            mailroom.runOnce();
            assertThat(heard).as("turned off, and within the hour since the last check").isEmpty();
            h.clock.advance(Duration.ofMinutes(30));
            mailroom.runOnce();
            assertThat(heard).hasSize(1);
        }
    }

    @Test
    @DisplayName("OUT-TRACK-01 a listener that throws hears of the same deadline again at the next check")
    void failingListenerHearsAgain() throws Exception {
        List<OverdueWatch.OverdueEvent> heard = new CopyOnWriteArrayList<>();
        MailroomListener listener = new MailroomListener() {
            @Override
            public void onOverdue(OverdueWatch.OverdueEvent event) {
                heard.add(event);
                if (heard.size() == 1) throw new IllegalStateException("desk down");
            }
        };
        try (Harness h = new Harness(); Mailroom mailroom = h.builder().listener(listener).build()) {
            String id = "20240315.lettera-11@client.comune.esempio.it";
            ProtocolId out = h.outgoing(id, TO);
            h.mailbox.deliver(h.fixtures.message(FixtureKind.ACCETTAZIONE).from(Harness.BOX).to(TO).clientMessageId(id).build());
            mailroom.runOnce();
            h.clock.advance(Duration.ofHours(13));
            mailroom.runOnce();
            assertThat(h.registry.transmissions(out)).extracting(t -> t.event().type()).doesNotContain(TransmissionEvent.Type.DEADLINE_PASSED);
            h.clock.advance(Duration.ofMinutes(6));
            mailroom.runOnce();
            h.clock.advance(Duration.ofMinutes(6));
            mailroom.runOnce();
            assertThat(heard).hasSize(2);
            assertThat(h.registry.transmissions(out)).extracting(t -> t.event().type()).contains(TransmissionEvent.Type.DEADLINE_PASSED);
        }
    }
}
