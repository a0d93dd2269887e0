package io.github.pec4j.registry.jdbc;

import io.github.pec4j.registry.ProtocolRegistry;
import io.github.pec4j.registry.tck.ProtocolRegistryCompatibilityKit;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;

/** The compatibility kit on PostgreSQL, a fresh schema per test; skipped without PostgreSQL. */
@DisplayName("JDBC registry on PostgreSQL: compatibility kit")
class PostgresCompatibilityTest extends ProtocolRegistryCompatibilityKit {
    private String schema;

    @BeforeAll
    static void requirePostgres() {
        TestStores.assumePostgres();
    }

    @Override
    protected ProtocolRegistry createRegistry(Clock clock) throws Exception {
        schema = TestStores.newSchema();
        return reopenRegistry(clock);
    }

    @Override
    protected ProtocolRegistry reopenRegistry(Clock clock) throws Exception {
        return JdbcRegistry.open(TestStores.POSTGRES_URL, TestStores.POSTGRES_USER, "",
                JdbcRegistryConfig.defaults().withSchema(schema).withMaxDocumentBytes(2L << 20), clock);
    }

    @AfterEach
    void dropSchema() throws Exception {
        if (registry != null) registry.close();
        if (schema != null) TestStores.dropSchema(schema);
    }
}
