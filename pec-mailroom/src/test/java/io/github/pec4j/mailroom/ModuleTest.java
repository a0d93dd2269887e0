package io.github.pec4j.mailroom;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ModuleTest {
    @Test
    @DisplayName("the module exports only its public package; the implementation stays internal")
    void exports() {
        ModuleDescriptor d = ModuleFinder.of(Path.of("target", "classes")).findAll().iterator().next().descriptor();
        assertThat(d.name()).isEqualTo("io.github.pec4j.mailroom");
        assertThat(d.exports()).extracting(ModuleDescriptor.Exports::source).containsExactly("io.github.pec4j.mailroom");
        assertThat(d.requires()).filteredOn(r -> r.name().equals("micrometer.core"))
                .singleElement().satisfies(r -> assertThat(r.modifiers()).contains(ModuleDescriptor.Requires.Modifier.STATIC));
    }
}
