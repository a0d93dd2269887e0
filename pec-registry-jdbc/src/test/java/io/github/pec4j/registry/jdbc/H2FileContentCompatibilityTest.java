package io.github.pec4j.registry.jdbc;

import org.junit.jupiter.api.DisplayName;

/** The compatibility kit on the embedded H2 file database, document content in files. */
@DisplayName("JDBC registry on H2, content in files: compatibility kit")
class H2FileContentCompatibilityTest extends H2CompatibilityTest {
    @Override
    JdbcRegistryConfig config() {
        return super.config().withContentDirectory(directory.resolve("content"));
    }
}
