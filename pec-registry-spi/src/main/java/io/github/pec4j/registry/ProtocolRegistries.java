package io.github.pec4j.registry;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;

/** Finds registry providers with {@link ServiceLoader} and opens one by its id. */
public final class ProtocolRegistries {
    private ProtocolRegistries() {}

    /**
     * The providers visible to this class's loader (and, on the module path, to this module).
     *
     * @return the providers visible to this class's loader (and, on the module path, to this module)
     */
    public static List<RegistryProvider> providers() {
        return providers(ProtocolRegistries.class.getClassLoader());
    }

    /**
     * The registry providers found by {@link java.util.ServiceLoader}.
     *
     * @param loader the class loader to search
     * @return the providers found, in the order found
     */
    public static List<RegistryProvider> providers(ClassLoader loader) {
        List<RegistryProvider> found = new ArrayList<>();
        ServiceLoader.load(RegistryProvider.class, loader).forEach(found::add);
        return List.copyOf(found);
    }

    /**
     * Opens the registry of the provider with {@code id}.
     *
     * @param id the provider's id, such as {@code jdbc}
     * @param options the clock and the provider's properties
     * @return an open registry, which the caller closes
     * @throws RegistryException {@link RegistryException.Reason#NO_PROVIDER} naming the providers
     *     found when none has that id (never a silent no-op: a missing register would lose data),
     *     or when the provider was built for a newer SPI than this one
     */
    public static ProtocolRegistry open(String id, RegistryOptions options) throws IOException {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(options, "options");
        List<RegistryProvider> all = providers();
        for (RegistryProvider provider : all) {
            if (provider.id().equals(id)) {
                if (provider.spiVersion() > RegistryProvider.SPI_VERSION) {
                    throw new RegistryException(RegistryException.Reason.NO_PROVIDER, "provider " + id + " needs SPI version "
                            + provider.spiVersion() + " but this pec-registry-spi is version " + RegistryProvider.SPI_VERSION);
                }
                return provider.open(options);
            }
        }
        throw new RegistryException(RegistryException.Reason.NO_PROVIDER, "no registry provider with id '" + id + "'; found: "
                + (all.isEmpty() ? "none (add pec-registry-memory, pec-registry-jdbc or your product's provider to the class path)"
                        : all.stream().map(p -> p.id() + " (" + p.getClass().getName() + ")").toList()));
    }
}
