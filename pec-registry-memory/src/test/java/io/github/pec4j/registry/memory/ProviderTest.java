package io.github.pec4j.registry.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pec4j.registry.ProtocolRegistries;
import io.github.pec4j.registry.ProtocolRegistry;
import io.github.pec4j.registry.RegistryException;
import io.github.pec4j.registry.RegistryOptions;
import io.github.pec4j.registry.RegistryProvider;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ProviderTest {
    @Test
    @DisplayName("ServiceLoader finds the memory provider by its id; an unknown id names it among those found")
    void discovery() throws Exception {
        try (ProtocolRegistry registry = ProtocolRegistries.open("memory", RegistryOptions.defaults().with("memory.maxDocumentBytes", "1024"))) {
            assertThat(registry.providerId()).isEqualTo("memory");
            assertThat(registry.maxDocumentBytes()).isEqualTo(1024);
        }
        assertThatThrownBy(() -> ProtocolRegistries.open("jdbc-typo", RegistryOptions.defaults()))
                .isInstanceOf(RegistryException.class).hasMessageContaining("memory (" + MemoryRegistryProvider.class.getName() + ")");
        assertThat(new MemoryRegistryProvider().spiVersion()).isEqualTo(RegistryProvider.SPI_VERSION);
    }

    @Test
    @DisplayName("the module exports only its API package and provides the registry provider")
    void moduleDescriptor() throws Exception {
        Path classes = Path.of(MemoryRegistryProvider.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ModuleDescriptor d = ModuleFinder.of(classes).find("io.github.pec4j.registry.memory").orElseThrow().descriptor();
        assertThat(d.exports()).extracting(ModuleDescriptor.Exports::source).containsExactly("io.github.pec4j.registry.memory");
        assertThat(d.packages()).contains("io.github.pec4j.registry.memory.internal");
        assertThat(d.provides()).extracting(ModuleDescriptor.Provides::service).containsExactly(RegistryProvider.class.getName());
    }
}
