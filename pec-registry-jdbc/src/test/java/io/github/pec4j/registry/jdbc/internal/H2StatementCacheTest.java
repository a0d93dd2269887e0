package io.github.pec4j.registry.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * REG-H2-OPT-02: H2 empties a session's cache of parsed statements on every rollback, a statement's failure
 * included; the registry's reads and its insert-if-absent must leave it as it is, or every statement is parsed
 * again (it was ≈ 8 % of the intake's CPU).
 */
@Tag("REG-H2-OPT-02")
class H2StatementCacheTest {
    private static final String SELECT = "SELECT v FROM t WHERE k = ?";

    @TempDir
    Path dir;

    private Connection open() throws Exception {
        Connection c = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("db") + ";QUERY_CACHE_SIZE=64");
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS t (k VARCHAR(10) PRIMARY KEY, v VARCHAR(10))");
        }
        return c;
    }

    /** The SQL texts in the session's cache of parsed statements. */
    private static Set<Object> cache(Connection c) throws Exception {
        SessionLocal session = (SessionLocal) c.unwrap(JdbcConnection.class).getSession();
        Field f = SessionLocal.class.getDeclaredField("queryCache");
        f.setAccessible(true);
        Map<?, ?> cache = (Map<?, ?>) f.get(session);
        return cache == null ? Set.of() : Set.copyOf(cache.keySet());
    }

    private static void select(Connection c) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(SELECT)) {
            ps.setString(1, "a");
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
            }
        }
    }

    @Test
    @DisplayName("REG-H2-OPT-02 a read on one snapshot leaves H2's parsed statements cached, and the session back in auto-commit at READ COMMITTED")
    void snapshotKeepsTheCache() throws Exception {
        Files.createDirectories(dir);
        try (Connection c = open()) {
            select(c);
            assertThat(cache(c)).contains(SELECT);

            Dialect.H2.beginSnapshot(c);
            select(c);
            Dialect.H2.endSnapshot(c);

            assertThat(cache(c)).as("still cached after the snapshot").contains(SELECT);
            assertThat(c.getAutoCommit()).isTrue();
            assertThat(c.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
        }
    }

    @Test
    @DisplayName("REG-H2-OPT-02 insert-if-absent on H2: a present key inserts nothing, fails no statement, keeps the cache and the row")
    void insertIfAbsentFailsNothing() throws Exception {
        String insert = Dialect.H2.insertIfAbsent("t", List.of("k", "v"), List.of("k"));
        try (Connection c = open()) {
            assertThat(insertIfAbsent(c, insert, "a", "first")).isOne();
            select(c);

            assertThat(insertIfAbsent(c, insert, "a", "second")).as("present: nothing inserted, no error").isZero();

            assertThat(cache(c)).as("no failed statement emptied the cache").contains(SELECT);
            try (PreparedStatement ps = c.prepareStatement(SELECT)) {
                ps.setString(1, "a");
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("first");
                }
            }
            assertThat(insertIfAbsent(c, insert, "b", "other")).isOne();
        }
    }

    private static int insertIfAbsent(Connection c, String sql, String k, String v) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, k);
            ps.setString(2, v);
            return ps.executeUpdate();
        }
    }
}
