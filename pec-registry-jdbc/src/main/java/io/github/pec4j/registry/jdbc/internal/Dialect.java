package io.github.pec4j.registry.jdbc.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The databases the registry runs on, and the few places where their SQL differs (migration placeholders). */
enum Dialect {
    /** H2 2.x, embedded in file mode: one process at a time. */
    H2(Map.of("binary", "BLOB", "bytewise", "", "part", "BLOB",
            "partStorage", "ALTER TABLE pec4j_content_part ALTER COLUMN part_data SET NOT NULL", // no storage options: a no-op
            "registrationIdCache", "ALTER TABLE pec4j_registration ALTER COLUMN reg_id SET CACHE 1024",
            "auditIdCache", "ALTER TABLE pec4j_audit ALTER COLUMN audit_id SET CACHE 1024"), false),
    /** PostgreSQL: row locks across processes, so several JVMs may register at once. */
    POSTGRESQL(Map.of("binary", "BYTEA", "bytewise", "COLLATE \"C\"", "part", "BYTEA",
            "partStorage", "ALTER TABLE pec4j_content_part ALTER COLUMN part_data SET STORAGE EXTERNAL",
            "registrationIdCache", "ALTER TABLE pec4j_registration ALTER COLUMN reg_id SET CACHE 1", // PostgreSQL's default: a no-op
            "auditIdCache", "ALTER TABLE pec4j_audit ALTER COLUMN audit_id SET CACHE 1"), true);

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
     * An INSERT of {@code columns} into {@code table} that inserts nothing, without an error, when a
     * row with the same {@code key} exists or is being inserted by a concurrent transaction (which it
     * waits for). H2 inserts only where no committed or own row has the key (REG-H2-OPT-02: a failed
     * statement would empty the session's statement cache); a row a concurrent transaction inserts
     * meanwhile is still reported as a unique violation, which the caller ignores.
     */
    String insertIfAbsent(String table, List<String> columns, List<String> key) {
        if (this == POSTGRESQL) return insert(table, columns) + " ON CONFLICT (" + String.join(", ", key) + ") DO NOTHING";
        String names = String.join(", ", columns);
        String same = key.stream().map(k -> table + "." + k + " = v." + k).collect(Collectors.joining(" AND "));
        return "INSERT INTO " + table + " (" + names + ") SELECT * FROM (VALUES (" + Sql.markers(columns.size()) + ")) AS v (" + names
                + ") WHERE NOT EXISTS (SELECT 1 FROM " + table + " WHERE " + same + ")";
    }

    /** An INSERT of {@code columns} into {@code table} that replaces the row with the same {@code key}, atomically. */
    String upsert(String table, List<String> columns, List<String> key) {
        if (this == H2) {
            return "MERGE INTO " + table + " (" + String.join(", ", columns) + ") KEY (" + String.join(", ", key) + ") VALUES ("
                    + Sql.markers(columns.size()) + ")";
        }
        String set = columns.stream().filter(col -> !key.contains(col)).map(col -> col + " = EXCLUDED." + col)
                .collect(Collectors.joining(", "));
        return insert(table, columns) + " ON CONFLICT (" + String.join(", ", key) + ") DO UPDATE SET " + set;
    }

    private static String insert(String table, List<String> columns) {
        return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES (" + Sql.markers(columns.size()) + ")";
    }

    /**
     * Starts a read-only transaction on one snapshot, so that a registration read in several
     * statements is read as one commit left it. The connection must be in auto-commit mode.
     */
    void beginSnapshot(Connection c) throws SQLException {
        // H2: the level is set before the transaction starts, else setting it commits the transaction first
        if (this != POSTGRESQL) c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        c.setAutoCommit(false);
        if (this == POSTGRESQL) {
            try (Statement s = c.createStatement()) {
                s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY"); // this transaction only
            }
        }
    }

    /**
     * Ends what {@link #beginSnapshot} started, back in auto-commit mode at READ COMMITTED. It commits, not rolls
     * back: the snapshot wrote nothing (PostgreSQL enforces READ ONLY; the registry's reads only read), and an H2
     * rollback empties the session's cache of parsed statements, so every read made the next statements be
     * parsed again (REG-H2-OPT-02: ≈ 13 → 2.5 µs a one-row read).
     */
    void endSnapshot(Connection c) throws SQLException {
        c.commit();
        c.setAutoCommit(true);
        if (this != POSTGRESQL) c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
    }

    static Dialect of(Connection c) throws SQLException {
        String product = c.getMetaData().getDatabaseProductName();
        String p = product.toLowerCase(Locale.ROOT);
        if (p.equals("h2")) return H2;
        if (p.contains("postgresql")) return POSTGRESQL;
        throw new IllegalArgumentException("the pec4j JDBC registry runs on H2 and PostgreSQL, not on " + product);
    }
}
