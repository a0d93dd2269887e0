package io.github.pec4j.receipts;

import io.github.pec4j.registry.ProtocolRegistry;
import io.github.pec4j.registry.memory.MemoryRegistryProvider;
import java.nio.file.Path;
import java.time.Clock;

/** The register-tracking contract on the in-memory registry. */
class RegisterTrackingMemoryTest extends RegisterTrackingContract {
    @Override
    ProtocolRegistry open(Path directory, Clock clock) {
        return MemoryRegistryProvider.create(clock);
    }
}
