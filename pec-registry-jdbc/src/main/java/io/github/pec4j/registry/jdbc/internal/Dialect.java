package io.github.pec4j.registry.jdbc.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;

/** The databases the registry runs on, and the few places where their SQL differs (migration placeholders). */
enum Dialect {
    /** H2 2.x, embedded in file mode: one process at a time. */
    H2(Map.of("binary", "BLOB", "bytewise", ""), false),
    /** PostgreSQL: row locks across processes, so several JVMs may register at once. */
    POSTGRESQL(Map.of("binary", "BYTEA", "bytewise", "COLLATE \"C\""), true);

    private final Map<String, String> placeholders;
    private final boolean multiProcess;

    Dialect(Map<String, String> placeholders, boolean multiProcess) {
        this.placeholders = placeholders;
        this.multiProcess = multiProcess;
    }

    Map<String, String> placeholders() {
        return placeholders;
    }

    boolean multiProcess() {
        return multiProcess;
    }

    /** Increments the counter of (amministrazione, aoo, registro, anno) and returns the new number, in one statement. */
    String incrementCounter() {
        String update = "UPDATE pec4j_counter SET last_number = last_number + 1 WHERE amministrazione = ? AND aoo = ? AND registro = ? "
                + "AND anno = ?";
        return this == POSTGRESQL ? update + " RETURNING last_number" : "SELECT last_number FROM FINAL TABLE (" + update + ")";
    }

    /**
     * Starts a read-only transaction on one snapshot, so that a registration read in several
     * statements is read as one commit left it. The connection must be in auto-commit mode.
     */
    void beginSnapshot(Connection c) throws SQLException {
        c.setAutoCommit(false);
        if (this == POSTGRESQL) {
            try (Statement s = c.createStatement()) {
                s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY"); // this transaction only
            }
        } else {
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        }
    }

    /** Ends what {@link #beginSnapshot} started, back in auto-commit mode at READ COMMITTED. */
    void endSnapshot(Connection c) throws SQLException {
        c.rollback();
        if (this != POSTGRESQL) c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        c.setAutoCommit(true);
    }

    static Dialect of(Connection c) throws SQLException {
        String product = c.getMetaData().getDatabaseProductName();
        String p = product.toLowerCase(Locale.ROOT);
        if (p.equals("h2")) return H2;
        if (p.contains("postgresql")) return POSTGRESQL;
        throw new IllegalArgumentException("the pec4j JDBC registry runs on H2 and PostgreSQL, not on " + product);
    }
}
