package io.github.pec4j.mailroom;

import static org.junit.jupiter.api.Assertions.fail;

import io.github.pec4j.registry.ProtocolRegistry;
import io.github.pec4j.registry.jdbc.JdbcRegistry;
import io.github.pec4j.registry.jdbc.JdbcRegistryConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Assumptions;

/**
 * The JDBC registries the intake nodes share with the test: an H2 file (one process at a time) or the local
 * PostgreSQL (127.0.0.1:5432, user postgres, database {@code test}) in a fresh schema per test, dropped afterwards.
 * Without PostgreSQL its tests are skipped, unless {@code PEC4J_REQUIRE_POSTGRES} is set (as in CI): then they fail.
 */
record Stores(String url, String user, String schema) {
    static final String POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/test";

    static Stores h2(Path directory) {
        return new Stores(JdbcRegistry.h2Url(directory.resolve("registry")), "", "-");
    }

    /** A fresh schema on the local PostgreSQL; skips (or fails, see the class comment) without it. */
    static Stores postgres() {
        assumePostgres();
        byte[] random = new byte[6];
        ThreadLocalRandom.current().nextBytes(random);
        return new Stores(POSTGRES_URL, "postgres", "pec4j_m" + HexFormat.of().formatHex(random));
    }

    static void assumePostgres() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", 5432), 500);
            return;
        } catch (IOException e) {
            if (System.getenv("PEC4J_REQUIRE_POSTGRES") != null) fail("PEC4J_REQUIRE_POSTGRES is set but PostgreSQL is not reachable on 127.0.0.1:5432");
            Assumptions.abort("PostgreSQL is not reachable on 127.0.0.1:5432");
        }
    }

    boolean isPostgres() {
        return !schema.equals("-");
    }

    ProtocolRegistry open(Clock clock) throws IOException {
        JdbcRegistryConfig config = isPostgres() ? JdbcRegistryConfig.defaults().withSchema(schema) : JdbcRegistryConfig.defaults();
        return JdbcRegistry.open(url, user, "", config, clock);
    }

    /** The intake node's arguments for this store. */
    List<String> args() {
        return List.of("jdbc=" + url, "user=" + user, "schema=" + schema);
    }

    /** Drops the PostgreSQL schema; nothing for H2 (its directory is the test's). */
    void drop() throws SQLException {
        if (!isPostgres()) return;
        try (Connection c = DriverManager.getConnection(POSTGRES_URL, "postgres", ""); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
        }
    }
}
