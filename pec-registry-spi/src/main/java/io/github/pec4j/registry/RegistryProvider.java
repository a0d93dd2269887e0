package io.github.pec4j.registry;

import java.io.IOException;

/**
 * A registry implementation, found with {@link java.util.ServiceLoader}: declare it in
 * {@code META-INF/services/io.github.pec4j.registry.RegistryProvider} and, on the module path,
 * with {@code provides io.github.pec4j.registry.RegistryProvider with ...}.
 */
public interface RegistryProvider {
    /** The SPI version this build of pec4j defines; providers return the value they were compiled against. */
    int SPI_VERSION = 1;

    /**
     * A stable identifier, e.g. {@code memory}, {@code jdbc}, {@code acme-protocollo}.
     *
     * @return the provider's id
     */
    String id();

    /**
     * The SPI version this provider was compiled against: implement it as {@code return SPI_VERSION;},
     * which the compiler copies into the provider's class file.
     *
     * @return the SPI version this provider was compiled against: implement it as {@code return SPI_VERSION;}, which
     *     the compiler copies into the provider's class file
     */
    int spiVersion();

    /**
     * Opens a registry; the caller closes it.
     *
     * @param options the clock and the provider's properties
     * @return an open registry
     * @throws IOException when the registry's storage cannot be reached or fails
     */
    ProtocolRegistry open(RegistryOptions options) throws IOException;
}
