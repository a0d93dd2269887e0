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
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two intake nodes (child JVMs) for the same box and one PostgreSQL registry, with a 10 s lease: the holder takes
 * mail in; it is killed (SIGKILL) mid-burst and five more PEC arrive (so there is always mail to take over, however
 * far the holder got); the other takes over within 30 s and finishes; nothing is registered
 * twice, nothing notified twice beyond the one resend window of the kill, and INBOX ends empty. Skipped without PostgreSQL unless {@code PEC4J_REQUIRE_POSTGRES} is set.
 */
@Tag("MRM-NODE-01")
class TwoNodesTest {
    private static final Duration TAKE_OVER = Duration.ofSeconds(30);
    private int handOvers;

    @TempDir
    Path directory;

    @Test
    @DisplayName("MRM-NODE-01 two nodes on one PostgreSQL registry: the holder is killed mid-burst, the other takes over within 30 s and finishes, nothing twice")
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
            burst.fill(60, 5);
            int total = burst.delivered.size();
            List<String> args = new ArrayList<>(store.args());
            args.addAll(List.of("imap=" + sim.imap().port(), "smtp=" + sim.smtp().port(), "leaseMs=10000", "offsetMs=" + offset.toMillis(), "mode=run"));

            try (IntakeNode a = IntakeNode.start(directory, "node-a", args); IntakeNode b = IntakeNode.start(directory, "node-b", args)) {
                a.expectReady();
                b.expectReady();
                IntakeNode holder = holderAfter(a, b, total / 3);
                IntakeNode other = holder == a ? b : a;
                holder.kill();
                Instant killed = Instant.now();
                int leftAtKill = sim.messages(Burst.BOX).size();
                burst.more(1000, 5); // mail after the kill: taken in only by a node that took the box over
                awaitOutcome(other, TAKE_OVER, () -> leftAtKill + " messages in INBOX at the kill, " + sim.messages(Burst.BOX).size() + " now");
                Duration tookOver = Duration.between(killed, Instant.now());
                try (ProtocolRegistry registry = store.open(clock)) {
                    awaitFinished(sim, registry.mailroom().orElseThrow(), clock, Duration.ofMinutes(3));
                    other.stop();
                    assertThat(other.waitFor(Duration.ofSeconds(60))).as("exit of %s; stderr:\n%s", other.name, other.stderr()).isZero();
                    Burst.Findings f = burst.check(registry, letter, 1);
                    System.out.printf("two nodes: %s killed after %d outcomes (%d hand-overs before), %s took over in %d ms; %d registrations, "
                            + "%d resent (%d messages in INBOX at the kill, 5 more after it)%n", holder.name, total / 3, handOvers, other.name, tookOver.toMillis(), f.registrations(), f.resent(), leftAtKill);
                }
            }
        } finally {
            store.drop();
        }
    }

    /**
     * Reads both nodes until {@code outcomes} are committed between them, and returns the one that committed the
     * last (the holder). The lease is renewed between messages only: a node whose message outlasts the lease loses
     * the box to the other, legitimately; such hand-overs before the kill are counted, not failed.
     */
    private IntakeNode holderAfter(IntakeNode a, IntakeNode b, int outcomes) throws Exception {
        IntakeNode[] nodes = {a, b};
        int seen = 0;
        IntakeNode last = null;
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(deadline)) {
            boolean printed = false;
            for (IntakeNode n : nodes) {
                // no wait on a node with nothing to say: the holder's lines are read as they come, and the kill
                // lands mid-burst even when the intake runs at the simulator's full speed
                String line = n.pollLine(Duration.ZERO);
                assertThat(line).as("node %s ended; stderr:\n%s", n.name, n.stderr()).isNotNull();
                printed |= !line.isEmpty();
                if (!line.startsWith("outcome ")) continue;
                if (last != null && last != n) handOvers++;
                last = n;
                if (++seen >= outcomes) return last;
            }
            if (!printed) Thread.sleep(2); // neither node has committed anything new yet
        }
        return fail("the nodes took only " + seen + " messages in within 2 minutes; stderr a:\n" + a.stderr() + "\nb:\n" + b.stderr());
    }

    private static void awaitOutcome(IntakeNode node, Duration within, Supplier<String> state) throws Exception {
        Instant deadline = Instant.now().plus(within);
        List<String> said = new ArrayList<>();
        while (Instant.now().isBefore(deadline)) {
            String line = node.pollLine(Duration.ofMillis(100));
            assertThat(line).as("node %s ended; stderr:\n%s", node.name, node.stderr()).isNotNull();
            if (line.startsWith("outcome ")) return;
            if (!line.isEmpty()) said.add(line);
        }
        fail("node " + node.name + " did not take over within " + within + " (" + state.get() + "); it said " + said + "; stderr:\n" + node.stderr());
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
