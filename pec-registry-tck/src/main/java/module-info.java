/** pec4j registry compatibility kit: extend {@code ProtocolRegistryCompatibilityKit} to test a registry. */
module io.github.pec4j.registry.tck {
    requires transitive io.github.pec4j.registry;
    requires transitive org.junit.jupiter.api;
    requires transitive org.assertj.core;

    exports io.github.pec4j.registry.tck;
    opens io.github.pec4j.registry.tck to org.junit.platform.commons;
}
