package io.github.pec4j.mailroom.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void noWaitFirstThenDoublingUpToTheCeilingWithJitterThenResetOnSuccess() throws Exception {
        List<Duration> slept = new ArrayList<>();
        double[] jitter = {1.0};
        Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), () -> jitter[0], slept::add);
        b.await();
        assertThat(slept).isEmpty();
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            b.failed();
            delays.add(b.delay().toMillis());
        }
        assertThat(delays).containsExactly(1000L, 2000L, 4000L, 8000L, 16000L, 32000L, 60000L, 60000L, 60000L);
        jitter[0] = 0.0;
        assertThat(b.delay()).isEqualTo(Duration.ofSeconds(30)); // half the ceiling at the least
        b.await();
        assertThat(slept).containsExactly(Duration.ofSeconds(30));
        b.succeeded();
        assertThat(b.delay()).isZero();
    }

    @Test
    void anInterruptedWaitKeepsTheFlag() {
        Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), () -> 1.0, d -> {
            throw new InterruptedException();
        });
        b.failed();
        try {
            b.await();
            throw new AssertionError("no exception");
        } catch (InterruptedIOException expected) {
            assertThat(Thread.interrupted()).isTrue(); // clears it again for the next tests
        }
    }
}
