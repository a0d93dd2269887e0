package com.acme.protocollo;

import io.github.pec4j.registry.ProtocolRegistries;
import io.github.pec4j.registry.ProtocolRegistry;
import io.github.pec4j.registry.RegistryOptions;
import io.github.pec4j.registry.tck.ProtocolRegistryCompatibilityKit;
import java.time.Clock;
import org.junit.jupiter.api.DisplayName;

/**
 * The whole compatibility kit against {@link AcmeRegistry}: one method to write. The registry is opened by its
 * provider id, as pec4j's tools open it, which also proves the {@code META-INF/services} entry.
 */
// tag::kit[]
@DisplayName("Acme registry")
class AcmeRegistryCompatibilityTest extends ProtocolRegistryCompatibilityKit {
    @Override
    protected ProtocolRegistry createRegistry(Clock clock) throws Exception {
        return ProtocolRegistries.open("acme", RegistryOptions.defaults().withClock(clock)); // fresh, empty, on the kit's clock
    }

    // A PERSISTENT registry also reopens the store of the registry last created, after close():
    // @Override
    // protected ProtocolRegistry reopenRegistry(Clock clock) throws Exception {
    //     return AcmeRegistry.open(testDataSource(), clock);
    // }
}
// end::kit[]
