package io.github.pec4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The compiled module-info exports exactly the public API and nothing of the implementation. */
class ModuleDescriptorTest {

    @Test
    void exportsOnlyTheApi() throws URISyntaxException {
        Path classes = Path.of(PecParser.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ModuleDescriptor d = ModuleFinder.of(classes).find("io.github.pec4j.core").orElseThrow().descriptor();
        assertThat(d.isAutomatic()).isFalse();
        assertThat(d.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("io.github.pec4j.core", "io.github.pec4j.core.content");
        assertThat(d.exports()).allMatch(e -> !e.isQualified());
        assertThat(d.packages()).contains("io.github.pec4j.core.internal");
        assertThat(d.requires().stream().map(ModuleDescriptor.Requires::name))
                .containsExactlyInAnyOrder("java.base", "java.xml", "org.slf4j", "org.jspecify");
    }
}
