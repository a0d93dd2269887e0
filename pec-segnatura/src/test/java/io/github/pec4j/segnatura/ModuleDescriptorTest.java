package io.github.pec4j.segnatura;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The module exports only its API; no JAXB binding type appears in it. */
class ModuleDescriptorTest {
    @Test
    void exportsOnlyTheApi() throws Exception {
        Path classes = Path.of(SegnaturaReader.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ModuleDescriptor d = ModuleFinder.of(classes).find("io.github.pec4j.segnatura").orElseThrow().descriptor();
        assertThat(d.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()))
                .containsExactly("io.github.pec4j.segnatura");
        assertThat(d.packages()).contains("io.github.pec4j.segnatura.internal", "io.github.pec4j.segnatura.internal.prot",
                "io.github.pec4j.segnatura.internal.pec");
        assertThat(d.opens()).allMatch(o -> o.targets().equals(java.util.Set.of("jakarta.xml.bind")));
    }

    @Test
    void noBindingTypeInThePublicApi() {
        for (Class<?> c : new Class<?>[] {SegnaturaReader.class, SegnaturaWriter.class, SegnaturaVerifier.class, InteropMessages.class,
                SegnaturaCheck.class, ReceivedSegnatura.class, Segnatura.class, Segnatura.Builder.class, ReceivedFile.class}) {
            for (Method m : c.getMethods()) {
                Stream.concat(Stream.of(m.getReturnType()), Arrays.stream(m.getParameterTypes()))
                        .forEach(t -> assertThat(t.getName()).doesNotContain(".internal").doesNotStartWith("jakarta."));
            }
        }
    }
}
