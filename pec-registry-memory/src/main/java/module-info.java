/** pec4j in-memory registry: the reference implementation of the registry SPI for tests and demos. */
module io.github.pec4j.registry.memory {
    requires transitive io.github.pec4j.registry;

    exports io.github.pec4j.registry.memory;

    provides io.github.pec4j.registry.RegistryProvider with io.github.pec4j.registry.memory.MemoryRegistryProvider;
}
