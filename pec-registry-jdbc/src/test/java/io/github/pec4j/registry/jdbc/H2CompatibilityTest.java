package io.github.pec4j.registry.jdbc;

import io.github.pec4j.registry.ProtocolRegistry;
import io.github.pec4j.registry.tck.ProtocolRegistryCompatibilityKit;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;

/** The compatibility kit on the embedded H2 file database, document content in the database. */
@DisplayName("JDBC registry on H2, content in the database: compatibility kit")
class H2CompatibilityTest extends ProtocolRegistryCompatibilityKit {
    @TempDir
    Path directory;

    /** The configuration under test; a small size limit so that the kit exercises it. */
    JdbcRegistryConfig config() {
        return JdbcRegistryConfig.defaults().withMaxDocumentBytes(2L << 20);
    }

    @Override
    protected ProtocolRegistry createRegistry(Clock clock) throws Exception {
        return reopenRegistry(clock);
    }

    @Override
    protected ProtocolRegistry reopenRegistry(Clock clock) throws Exception {
        return JdbcRegistry.open(TestStores.h2Url(directory), "", "", config(), clock);
    }
}
