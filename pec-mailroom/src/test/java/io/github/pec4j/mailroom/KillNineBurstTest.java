package io.github.pec4j.mailroom;

import static org.assertj.core.api.Assertions.assertThat;

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
 * {@code kill -9} of the intake in the middle of a burst of more than 200 messages in the simulator's institutional
 * box (twice on H2; once on PostgreSQL, where {@link TwoNodesTest} kills a node too), then a restart to completion:
 * every message registered exactly once, INBOX empty, each message in the one folder its journal entry names, every
 * notification and reply delivered (a resend of the same Message-ID can only come from the SMTP exchange in flight
 * when a node is killed: counted, at most one per kill). The intake runs in child JVMs against a registry on disk
 * (H2 file, PostgreSQL); the kills are placed by committed outcomes (the node prints each one after its journal
 * commit), not by the clock.
 */
@Tag("MRM-EXACT-01")
@Tag("MRM-EXACT-02")
@Tag("MRM-NOTIF-02")
class KillNineBurstTest {
    private static final int PECS = 170;
    private static final int ORDINARY = 10;

    @TempDir
    Path directory;

    @Test
    @DisplayName("MRM-EXACT-01 MRM-EXACT-02 MRM-NOTIF-02 H2 file: two kill -9 in a burst of 200+ messages, then a restart: each taken in once, notified once")
    void h2() throws Exception {
        burst(Stores.h2(directory), 2);
    }

    @Test
    @DisplayName("MRM-EXACT-01 MRM-EXACT-02 MRM-NOTIF-02 PostgreSQL: kill -9 in a burst of 200+ messages, then a restart: each taken in once, notified once")
    void postgres() throws Exception {
        Stores store = Stores.postgres();
        try {
            burst(store, 1);
        } finally {
            store.drop();
        }
    }

    private void burst(Stores store, int kills) throws Exception {
        try (PecProviderSimulator sim = PecProviderSimulator.start()) {
            Burst burst = new Burst(sim);
            Duration offset = Duration.between(Instant.now(), sim.now()); // the nodes' time follows the simulator's
            Clock clock = Clock.offset(Clock.systemUTC(), offset);
            ProtocolId letter;
            try (ProtocolRegistry registry = store.open(clock)) {
                letter = Burst.registerLetter(registry, sim.now());
            }
            burst.fill(PECS, ORDINARY);
            int total = burst.delivered.size();
            assertThat(total).isGreaterThanOrEqualTo(200);
            assertThat(sim.messages(Burst.BOX)).hasSize(total);

            List<String> args = new ArrayList<>(store.args());
            args.addAll(List.of("imap=" + sim.imap().port(), "smtp=" + sim.smtp().port(), "leaseMs=5000", "offsetMs=" + offset.toMillis(), "mode=idle"));
            int before = 0;
            for (int k = 0; k < kills; k++) before += runAndKill(args, total / (kills + 1));
            int after = runToCompletion(args);

            Burst.Findings f;
            try (ProtocolRegistry registry = store.open(clock)) {
                f = burst.check(registry, letter, kills);
            }
            System.out.printf("kill -9 burst (%s): %d messages delivered, %d outcomes committed before the kills, %d after; %d registrations, "
                    + "%d notifications, %d replies, %d resent by Message-ID%n", store.isPostgres() ? "PostgreSQL" : "H2", total, before, after,
                    f.registrations(), f.notifications(), f.replies(), f.resent());
        }
    }

    /** Starts the node, kills it (SIGKILL) once it has committed {@code outcomes} outcomes; returns the outcomes it printed. */
    private int runAndKill(List<String> args, int outcomes) throws Exception {
        int seen = 0;
        try (IntakeNode node = IntakeNode.start(directory, "node-a", args)) {
            node.expectReady();
            while (seen < outcomes) {
                String line = node.nextLine(Duration.ofSeconds(60));
                assertThat(line).as("the node ended before the kill; stderr:\n%s", node.stderr()).isNotNull().isNotEqualTo("idle");
                if (line.startsWith("outcome ")) seen++;
            }
            node.kill();
            for (String line; (line = node.nextLine(Duration.ofSeconds(30))) != null; ) {
                if (line.startsWith("outcome ")) seen++; // committed before the kill, read from the pipe after it
            }
        }
        return seen;
    }

    private int runToCompletion(List<String> args) throws Exception {
        int seen = 0;
        try (IntakeNode node = IntakeNode.start(directory, "node-a", args)) {
            node.expectReady();
            for (String line; (line = node.nextLine(Duration.ofSeconds(120))) != null && !line.equals("idle"); ) {
                if (line.startsWith("outcome ")) seen++;
            }
            assertThat(node.waitFor(Duration.ofSeconds(60))).as("exit; stderr:\n%s", node.stderr()).isZero();
        }
        return seen;
    }
}
