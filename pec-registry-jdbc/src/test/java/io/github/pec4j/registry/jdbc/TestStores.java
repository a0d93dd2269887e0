package io.github.pec4j.registry.jdbc;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Assumptions;

/**
 * The stores the tests run against: H2 files in a temporary directory, and the local PostgreSQL
 * (127.0.0.1:5432, user postgres, trust authentication, database {@code test}) in a schema of its
 * own per test, dropped afterwards. Without PostgreSQL its tests are skipped, unless the environment
 * variable {@code PEC4J_REQUIRE_POSTGRES} is set (as in CI), when they fail.
 */
final class TestStores {
    static final String POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    static final String POSTGRES_USER = "postgres";

    private static volatile Boolean postgres;

    private TestStores() {}

    static String h2Url(Path directory) {
        return JdbcRegistry.h2Url(directory.resolve("registry"));
    }

    static boolean postgresReachable() {
        if (postgres == null) {
            boolean up;
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", 5432), 500);
                up = true;
            } catch (IOException e) {
                up = false;
            }
            postgres = up;
        }
        return postgres;
    }

    /** Skips the calling test without PostgreSQL (fails it when PEC4J_REQUIRE_POSTGRES is set). */
    static void assumePostgres() {
        if (postgresReachable()) return;
        if (System.getenv("PEC4J_REQUIRE_POSTGRES") != null) fail("PEC4J_REQUIRE_POSTGRES is set but PostgreSQL is not reachable on 127.0.0.1:5432");
        Assumptions.abort("PostgreSQL is not reachable on 127.0.0.1:5432");
    }

    /** A fresh schema name, e.g. {@code pec4j_t3a9c01f2e7}; the registry's migration creates it. */
    static String newSchema() {
        byte[] random = new byte[6];
        ThreadLocalRandom.current().nextBytes(random);
        return "pec4j_t" + HexFormat.of().formatHex(random);
    }

    static void dropSchema(String schema) throws SQLException {
        try (Connection c = DriverManager.getConnection(POSTGRES_URL, POSTGRES_USER, "");
                Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
        }
    }
}
