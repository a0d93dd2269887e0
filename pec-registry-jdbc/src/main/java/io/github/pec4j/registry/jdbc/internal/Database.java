package io.github.pec4j.registry.jdbc.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/** Borrows connections set to the registry's schema. */
final class Database {
    private final DataSource dataSource;
    private final Optional<String> schema;
    private final Dialect dialect;

    Database(DataSource dataSource, Optional<String> schema, Dialect dialect) {
        this.dataSource = dataSource;
        this.schema = schema;
        this.dialect = dialect;
    }

    Dialect dialect() {
        return dialect;
    }

    /** A connection in auto-commit mode, on the registry's schema; the caller closes it. */
    Connection connection() throws SQLException {
        Connection c = dataSource.getConnection();
        try {
            if (schema.isPresent()) c.setSchema(schema.get());
            if (!c.getAutoCommit()) c.setAutoCommit(true);
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
}
