package io.github.pec4j.registry.jdbc.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import javax.sql.DataSource;

/**
 * Borrows connections set to the registry's schema. On a pool of its own ({@code ownsPool}) the schema is set
 * once per physical connection: nothing else borrows from that pool, so nothing can change it in between, and on
 * PostgreSQL setting it costs a round trip per borrow (REG-PG-RTT-01). A caller's data source may hand its
 * connections to other code: there it is set on every borrow.
 */
final class Database {
    private final DataSource dataSource;
    private final Optional<String> schema;
    private final Dialect dialect;
    private final boolean ownsPool;
    /** The pool's physical connections already on the schema, by identity; weak: the pool retires connections. */
    private final Set<Connection> onSchema = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    Database(DataSource dataSource, Optional<String> schema, Dialect dialect, boolean ownsPool) {
        this.dataSource = dataSource;
        this.schema = schema;
        this.dialect = dialect;
        this.ownsPool = ownsPool;
    }

    Dialect dialect() {
        return dialect;
    }

    /** A connection in auto-commit mode, on the registry's schema; the caller closes it. */
    Connection connection() throws SQLException {
        Connection c = dataSource.getConnection();
        try {
            if (!c.getAutoCommit()) c.setAutoCommit(true);
            if (schema.isPresent()) onSchema(c, schema.get()); // in auto-commit: no rollback can undo it
            return c;
        } catch (SQLException | RuntimeException e) {
            try {
                c.close();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private void onSchema(Connection c, String name) throws SQLException {
        if (!ownsPool) {
            c.setSchema(name);
            return;
        }
        Connection physical = c.unwrap(Connection.class); // the pool's proxy is new at every borrow
        if (onSchema.contains(physical)) return;
        c.setSchema(name);
        onSchema.add(physical);
    }
}
