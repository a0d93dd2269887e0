package io.github.pec4j.mailroom.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("OUT-ONCE-02")
class SendingLeaseTest {
    private static final String BOX = "protocollo@pec.comune.esempio.it";

    /** A clock the test moves. */
    private static final class Moving extends Clock {
        final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2024-03-15T10:00:00Z"));

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }

    @Test
    @DisplayName("OUT-ONCE-02 one node at a time holds the box's sending lease; the threads of one node share it, the last one gives it up")
    void oneNodeAtATime() throws Exception {
        LocalMailroomState state = new LocalMailroomState(new Moving());
        SendingLease a = new SendingLease(state, BOX, "node-a", Duration.ofMinutes(5));
        SendingLease b = new SendingLease(state, BOX, "node-b", Duration.ofMinutes(5));

        assertThat(a.take()).isTrue();
        assertThat(a.take()).as("a second thread of the same node").isTrue();
        assertThat(b.take()).isFalse();
        a.leave();
        assertThat(b.take()).as("one of node a's threads still submits").isFalse();
        a.leave();
        assertThat(b.take()).as("given up by the last user").isTrue();
        assertThat(a.take()).isFalse();
        b.leave();
    }

    @Test
    @DisplayName("OUT-ONCE-02 a node whose lease lapsed and passed to another stops before its next submission (the token changed)")
    void fencedAfterLapse() throws Exception {
        Moving clock = new Moving();
        LocalMailroomState state = new LocalMailroomState(clock);
        SendingLease a = new SendingLease(state, BOX, "node-a", Duration.ofMinutes(5));
        SendingLease b = new SendingLease(state, BOX, "node-b", Duration.ofMinutes(5));

        assertThat(a.take()).isTrue();
        assertThat(a.stillHeld()).isTrue();
        clock.now.set(clock.instant().plus(Duration.ofMinutes(6))); // node a stalled past its lease
        assertThat(b.take()).isTrue();
        assertThat(a.stillHeld()).as("node b holds it now, with a new token").isFalse();
        assertThat(a.take()).as("node a's hold is lost for all its users").isFalse();
        assertThat(b.stillHeld()).isTrue();
        a.leave(); // node a's leaving does not free node b's lease
        assertThat(new SendingLease(state, BOX, "node-c", Duration.ofMinutes(5)).take()).isFalse();
        b.leave();
        assertThat(a.take()).isTrue();
        a.leave();
    }

    @Test
    @DisplayName("OUT-ONCE-02 a lapsed lease nobody took is renewed with its token: the holder goes on")
    void lapsedButUntaken() throws Exception {
        Moving clock = new Moving();
        SendingLease a = new SendingLease(new LocalMailroomState(clock), BOX, "node-a", Duration.ofMinutes(5));
        assertThat(a.take()).isTrue();
        clock.now.set(clock.instant().plus(Duration.ofMinutes(6)));
        assertThat(a.stillHeld()).isTrue();
        a.leave();
    }
}
