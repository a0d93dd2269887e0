package io.github.pec4j.formats;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ModuleDescriptorTest {
    @Test
    void exportsOnlyTheApi() throws Exception {
        Path classes = Path.of(FormatChecker.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ModuleDescriptor d = ModuleFinder.of(classes).find("io.github.pec4j.formats").orElseThrow().descriptor();
        assertThat(d.exports().stream().filter(e -> !e.isQualified()).map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()))
                .containsExactly("io.github.pec4j.formats");
        // the admission alone reads the check's signature reports (SIG-ONCE-01); no other module sees the package
        assertThat(d.exports().stream().filter(ModuleDescriptor.Exports::isQualified).map(e -> e.source() + " to " + e.targets()).toList())
                .containsExactly("io.github.pec4j.formats.internal to [io.github.pec4j.admission]");
        assertThat(d.packages()).contains("io.github.pec4j.formats.internal");
    }
}
