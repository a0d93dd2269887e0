package io.github.pec4j.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ModuleDescriptorTest {
    @Test
    void exportsOnlyTheApi() throws Exception {
        Path classes = Path.of(DomicileDirectory.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ModuleDescriptor d = ModuleFinder.of(classes).find("io.github.pec4j.directory").orElseThrow().descriptor();
        assertThat(d.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()))
                .containsExactly("io.github.pec4j.directory");
        assertThat(d.packages()).contains("io.github.pec4j.directory.internal");
        assertThat(d.requires().stream().map(ModuleDescriptor.Requires::name).collect(Collectors.toSet()))
                .contains("java.net.http", "com.fasterxml.jackson.databind")
                .doesNotContain("jdk.httpserver");
    }
}
