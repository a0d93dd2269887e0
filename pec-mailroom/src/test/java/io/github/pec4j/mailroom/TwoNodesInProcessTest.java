package io.github.pec4j.mailroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.github.pec4j.admission.AooConfig;
import io.github.pec4j.registry.IntakeEntry;
import io.github.pec4j.registry.IntakeEntry.Outcome;
import io.github.pec4j.registry.ProtocolRegistry;
import io.github.pec4j.registry.SearchQuery;
import io.github.pec4j.registry.jdbc.JdbcRegistry;
import io.github.pec4j.registry.jdbc.JdbcRegistryConfig;
import io.github.pec4j.testkit.FixtureKind;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two intake nodes, each with its own connection pool to one JDBC registry (as two processes would), on one box:
 * the lease in the database lets one take in at a time; every message is registered once and notified once.
 */
@Tag("MRM-NODE-01")
class TwoNodesInProcessTest {
    private static final String PG = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final int MESSAGES = 12;

    @Test
    @DisplayName("MRM-NODE-01 two nodes on one embedded H2 registry: each message registered and notified exactly once")
    void h2(@TempDir Path dir) throws Exception {
        String url = JdbcRegistry.h2Url(dir.resolve("registry"));
        race(() -> JdbcRegistry.open(url, "", "", JdbcRegistryConfig.defaults(), Clock.systemUTC()));
    }

    @Test
    @DisplayName("MRM-NODE-01 two nodes on one PostgreSQL registry: each message registered and notified exactly once")
    void postgres() throws Exception {
        assumePostgres();
        byte[] random = new byte[5];
        ThreadLocalRandom.current().nextBytes(random);
        String schema = "pec4j_mr" + HexFormat.of().formatHex(random);
        JdbcRegistryConfig config = new JdbcRegistryConfig(Optional.of(schema), Optional.empty(), JdbcRegistryConfig.DEFAULT_MAX_DOCUMENT_BYTES);
        try {
            race(() -> JdbcRegistry.open(PG, "postgres", "", config, Clock.systemUTC()));
        } finally {
            try (Connection c = DriverManager.getConnection(PG, "postgres", ""); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
            }
        }
    }

    interface Opener {
        ProtocolRegistry open() throws IOException;
    }

    private static void race(Opener opener) throws Exception {
        MemoryMailbox box = new MemoryMailbox(Harness.BOX);
        RecordingSender smtp = new RecordingSender();
        try (Harness h = new Harness(); ProtocolRegistry a = opener.open(); ProtocolRegistry b = opener.open()) {
            for (int i = 0; i < MESSAGES; i++) {
                box.deliver(h.fixtures.message(FixtureKind.POSTA_CERTIFICATA).from("cittadino" + i + "@pec.example.it").to(Harness.BOX)
                        .clientMessageId("node-race-" + i + "@client.example.it").subject("Istanza " + i).build());
            }
            ConcurrentLinkedQueue<IntakeEntry> done = new ConcurrentLinkedQueue<>();
            List<Thread> nodes = new ArrayList<>();
            List<Throwable> failures = new ArrayList<>();
            for (ProtocolRegistry r : List.of(a, b)) {
                Mailroom node = Mailroom.builder(r, Harness.REGISTER, AooConfig.defaults().withMailboxes(Harness.BOX)).mailbox(box).mailSender(smtp)
                        .trust(h.trust).office(Office.of("PROTOCOLLO", "Protocollo", "protocollo@comune.esempio.it"))
                        .leaseTtl(Duration.ofSeconds(3)).batchSize(2).build();
                Thread t = new Thread(() -> {
                    try (node) {
                        for (int round = 0; round < 200 && box.count(Folders.INBOX) > 0; round++) {
                            done.addAll(node.runOnce().messages());
                            Thread.sleep(5);
                        }
                    } catch (Exception | AssertionError e) {
                        synchronized (failures) {
                            failures.add(e);
                        }
                    }
                });
                nodes.add(t);
                t.start();
            }
            for (Thread t : nodes) t.join(120_000);
            if (!failures.isEmpty()) fail("a node failed", failures.get(0));

            assertThat(box.count(Folders.INBOX)).isZero();
            assertThat(done).extracting(IntakeEntry::outcome).containsOnly(Outcome.REGISTERED).hasSize(MESSAGES);
            assertThat(a.search(SearchQuery.all().page(0, SearchQuery.MAX_LIMIT))).hasSize(MESSAGES);
            assertThat(smtp.sent).as("one notification per registration").hasSize(MESSAGES);
            assertThat(box.count("pec4j/registered")).isEqualTo(MESSAGES);
        }
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
