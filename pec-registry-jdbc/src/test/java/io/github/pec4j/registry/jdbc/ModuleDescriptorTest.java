package io.github.pec4j.registry.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ModuleDescriptorTest {
    @Test
    void exportsOnlyTheApiAndProvidesTheRegistry() throws Exception {
        Path classes = Path.of(JdbcRegistry.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ModuleDescriptor d = ModuleFinder.of(classes).find("io.github.pec4j.registry.jdbc").orElseThrow().descriptor();
        assertThat(d.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()))
                .containsExactly("io.github.pec4j.registry.jdbc");
        assertThat(d.packages()).contains("io.github.pec4j.registry.jdbc.internal");
        assertThat(d.provides()).singleElement().satisfies(p -> {
            assertThat(p.service()).isEqualTo("io.github.pec4j.registry.RegistryProvider");
            assertThat(p.providers()).containsExactly(JdbcRegistryProvider.class.getName());
        });
    }
}
