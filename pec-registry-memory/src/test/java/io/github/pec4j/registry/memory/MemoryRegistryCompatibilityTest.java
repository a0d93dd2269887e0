package io.github.pec4j.registry.memory;

import io.github.pec4j.registry.ProtocolRegistry;
import io.github.pec4j.registry.tck.ProtocolRegistryCompatibilityKit;
import java.time.Clock;

/** The in-memory registry passes the whole kit. */
class MemoryRegistryCompatibilityTest extends ProtocolRegistryCompatibilityKit {
    @Override
    protected ProtocolRegistry createRegistry(Clock clock) {
        return MemoryRegistryProvider.create(clock);
    }
}
