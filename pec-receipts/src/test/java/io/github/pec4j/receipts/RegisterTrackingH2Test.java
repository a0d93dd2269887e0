package io.github.pec4j.receipts;

import io.github.pec4j.registry.ProtocolRegistry;
import io.github.pec4j.registry.jdbc.JdbcRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;

/** The register-tracking contract on the embedded H2 registry (the file register {@code pec track --registry} reads). */
class RegisterTrackingH2Test extends RegisterTrackingContract {
    @Override
    ProtocolRegistry open(Path directory, Clock clock) throws IOException {
        return JdbcRegistry.embedded(directory, clock);
    }
}
