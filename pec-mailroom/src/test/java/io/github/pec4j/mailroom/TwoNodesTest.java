package io.github.pec4j.mailroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.pec4j.registry.MailroomState;
import io.github.pec4j.registry.ProtocolId;
import io.github.pec4j.registry.ProtocolRegistry;
import io.github.pec4j.simulator.PecProviderSimulator;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two intake nodes (child JVMs) for the same box and one PostgreSQL registry, with a 6 s lease: only the holder takes
 * mail in; it is killed (SIGKILL) mid-burst; the other takes over within 30 s and finishes; nothing is registered
 * twice and INBOX ends empty. Skipped without PostgreSQL unless {@code PEC4J_REQUIRE_POSTGRES} is set.
 */
@Tag("MRM-NODE-01")
class TwoNodesTest {
    private static final Duration TAKE_OVER = Duration.ofSeconds(30);

    @TempDir
    Path directory;

    @Test
    @DisplayName("MRM-NODE-01 two nodes on one PostgreSQL registry: one holds the box, is killed mid-burst, the other takes over within 30 s and finishes, nothing twice")
    void holderKilledOtherTakesOver() throws Exception {
        Stores store = Stores.postgres();
        try (PecProviderSimulator sim = PecProviderSimulator.start()) {
            Burst burst = new Burst(sim);
            Duration offset = Duration.between(Instant.now(), sim.now());
            Clock clock = Clock.offset(Clock.systemUTC(), offset);
            ProtocolId letter;
            try (ProtocolRegistry registry = store.open(clock)) {
                letter = Burst.registerLetter(registry, sim.now());
            }
            burst.fill(100, 5);
            int total = burst.delivered.size();
            List<String> args = new ArrayList<>(store.args());
            args.addAll(List.of("imap=" + sim.imap().port(), "smtp=" + sim.smtp().port(), "leaseMs=6000", "offsetMs=" + offset.toMillis(), "mode=run"));

            try (IntakeNode a = IntakeNode.start(directory, "node-a", args); IntakeNode b = IntakeNode.start(directory, "node-b", args)) {
                a.expectReady();
                b.expectReady();
                IntakeNode holder = holderAfter(a, b, total / 3);
                IntakeNode other = holder == a ? b : a;
                holder.kill();
                Instant killed = Instant.now();
                awaitOutcome(other, TAKE_OVER);
                Duration tookOver = Duration.between(killed, Instant.now());
                try (ProtocolRegistry registry = store.open(clock)) {
                    awaitFinished(sim, registry.mailroom().orElseThrow(), clock, Duration.ofMinutes(3));
                    other.stop();
                    assertThat(other.waitFor(Duration.ofSeconds(60))).as("exit of %s; stderr:\n%s", other.name, other.stderr()).isZero();
                    Burst.Findings f = burst.check(registry, letter, 1);
                    System.out.printf("two nodes: %s killed after %d outcomes, %s took over in %d ms; %d registrations, %d resent%n", holder.name,
                            total / 3, other.name, tookOver.toMillis(), f.registrations(), f.resent());
                }
            }
        } finally {
            store.drop();
        }
    }

    /** Reads both nodes until one has committed {@code outcomes}; the other must have taken nothing meanwhile. */
    private static IntakeNode holderAfter(IntakeNode a, IntakeNode b, int outcomes) throws Exception {
        int[] seen = new int[2];
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(deadline)) {
            IntakeNode[] nodes = {a, b};
            for (int i = 0; i < 2; i++) {
                String line = nodes[i].pollLine(Duration.ofMillis(20));
                assertThat(line).as("node %s ended; stderr:\n%s", nodes[i].name, nodes[i].stderr()).isNotNull();
                if (line.startsWith("outcome ")) seen[i]++;
            }
            assertThat(seen[0] == 0 || seen[1] == 0).as("both nodes took mail in at once: %d and %d", seen[0], seen[1]).isTrue();
            if (seen[0] >= outcomes) return a;
            if (seen[1] >= outcomes) return b;
        }
        return fail("no node took " + outcomes + " messages in within 2 minutes; stderr a:\n" + a.stderr() + "\nb:\n" + b.stderr());
    }

    private static void awaitOutcome(IntakeNode node, Duration within) throws Exception {
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            String line = node.pollLine(Duration.ofMillis(100));
            assertThat(line).as("node %s ended; stderr:\n%s", node.name, node.stderr()).isNotNull();
            if (line.startsWith("outcome ")) return;
        }
        fail("node " + node.name + " did not take over within " + within + "; stderr:\n" + node.stderr());
    }

    /** Polls until INBOX is empty and nothing waits in the outbox. */
    private static void awaitFinished(PecProviderSimulator sim, MailroomState state, Clock clock, Duration within) throws Exception {
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            if (sim.messages(Burst.BOX).isEmpty() && state.due(clock.instant().plus(Duration.ofDays(1)), 1).isEmpty()
                    && sim.messages(Burst.BOX).isEmpty()) {
                return;
            }
            Thread.sleep(200); // polling the simulator and the registry, not waiting for an effect
        }
        fail("the intake did not finish within " + within + ": " + sim.messages(Burst.BOX).size() + " messages in INBOX");
    }
}
