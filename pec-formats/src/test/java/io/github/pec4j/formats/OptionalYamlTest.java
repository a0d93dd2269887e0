package io.github.pec4j.formats;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** jackson-dataformat-yaml is optional: without it the default and JSON policies work, and YAML says what is missing. */
class OptionalYamlTest {

    @Test
    @DisplayName("without jackson-dataformat-yaml the default and a JSON policy check files; a YAML policy gives a clear error")
    void withoutYaml() throws Exception {
        List<Path> runtime = ChildJvm.runtimePath();
        List<Path> withoutYaml = runtime.stream().filter(p -> !p.toString().contains("jackson-dataformat-yaml")
                && !p.toString().contains("snakeyaml")).toList();
        assertThat(withoutYaml).as("the build's path had the YAML jar to remove").hasSizeLessThan(runtime.size());
        List<Path> cp = new ArrayList<>(withoutYaml);
        cp.add(Path.of(NoYamlProgram.class.getProtectionDomain().getCodeSource().getLocation().toURI()));

        ChildJvm.Result r = ChildJvm.run(List.of("-cp", ChildJvm.join(cp), NoYamlProgram.class.getName()));

        assertThat(r.err()).isEmpty();
        assertThat(r.exit()).isZero();
        assertThat(r.out().lines().toList()).containsExactly("default ACCEPT", "json REJECT",
                "yaml IllegalStateException: YAML policies need com.fasterxml.jackson.dataformat:jackson-dataformat-yaml (with its "
                        + "SnakeYAML) on the class path, or on the module path with --add-modules com.fasterxml.jackson.dataformat.yaml; "
                        + "JSON policies need nothing more");
    }

    @Test
    @DisplayName("with jackson-dataformat-yaml a YAML policy is read")
    void withYaml() throws Exception {
        FormatPolicy p = FormatPolicy.fromYaml(new java.io.ByteArrayInputStream(String.join("\n", "allowedTypes:", "  text/plain: [txt]",
                "maxFileBytes: 1000", "maxTotalBytes: 1000", "maxNameLength: 50", "maxArchiveDepth: 1", "maxArchiveEntries: 10",
                "maxExpansionRatio: 10", "maxExpandedBytes: 1000", "").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(p.allowedTypes()).containsOnlyKeys("text/plain");
    }
}
