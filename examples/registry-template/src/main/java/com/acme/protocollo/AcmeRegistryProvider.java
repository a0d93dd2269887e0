package com.acme.protocollo;

import io.github.pec4j.registry.ProtocolRegistry;
import io.github.pec4j.registry.RegistryOptions;
import io.github.pec4j.registry.RegistryProvider;

/**
 * Makes {@link AcmeRegistry} findable by id: {@code ProtocolRegistries.open("acme", options)}, and so by
 * every pec4j tool that takes a registry id (listed in {@code META-INF/services}).
 */
public final class AcmeRegistryProvider implements RegistryProvider {
    @Override
    public String id() {
        return "acme";
    }

    @Override
    public int spiVersion() {
        return SPI_VERSION;
    }

    @Override
    public ProtocolRegistry open(RegistryOptions options) {
        return new AcmeRegistry(options.clock());
    }
}
