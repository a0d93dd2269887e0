package io.github.pec4j.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The compiled module-info exports exactly the public API and nothing of the implementation. */
class ModuleDescriptorTest {
    @Test
    void exportsOnlyTheApi() throws Exception {
        Path classes = Path.of(PecProviderSimulator.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ModuleDescriptor d = ModuleFinder.of(classes).find("io.github.pec4j.simulator").orElseThrow().descriptor();
        assertThat(d.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()))
                .containsExactly("io.github.pec4j.simulator");
        assertThat(d.packages()).contains("io.github.pec4j.simulator.internal");
        assertThat(d.requires().stream().map(ModuleDescriptor.Requires::name))
                .contains("io.github.pec4j.testkit", "greenmail", "jakarta.mail");
    }
}
