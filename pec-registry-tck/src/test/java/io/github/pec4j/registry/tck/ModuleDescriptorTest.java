package io.github.pec4j.registry.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ModuleDescriptorTest {
    @Test
    void exportsTheKit() throws Exception {
        Path classes = Path.of(ProtocolRegistryCompatibilityKit.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ModuleDescriptor d = ModuleFinder.of(classes).find("io.github.pec4j.registry.tck").orElseThrow().descriptor();
        assertThat(d.exports()).extracting(ModuleDescriptor.Exports::source).containsExactly("io.github.pec4j.registry.tck");
    }

    @Test
    void clockMovesOnlyWhenTold() {
        MutableClock clock = MutableClock.at("2025-01-01T00:00:00Z");
        assertThat(clock.instant()).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
        clock.advance(java.time.Duration.ofSeconds(5));
        assertThat(clock.instant()).isEqualTo(Instant.parse("2025-01-01T00:00:05Z"));
    }
}
