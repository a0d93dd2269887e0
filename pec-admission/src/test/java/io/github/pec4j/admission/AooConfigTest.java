package io.github.pec4j.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AooConfigTest {
    @Test
    @DisplayName("the README's YAML example loads as written")
    void readmeYaml(@TempDir Path dir) throws IOException {
        Path readme = Path.of("..", "README.md");
        Assumptions.assumeTrue(Files.exists(readme), "README not beside the module");
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        int start = text.indexOf("```yaml\namministrazione:");
        assertThat(start).as("YAML example in the README").isPositive();
        String yaml = text.substring(start + "```yaml\n".length(), text.indexOf("```", start + 8));
        Path file = dir.resolve("aoo.yaml");
        Files.writeString(file, yaml);
        AooConfig c = AooConfig.load(file);
        assertThat(c.aoo()).isEqualTo("AOO_CENTRALE");
        assertThat(c.isOwnMailbox("Protocollo@PEC.comune.esempio.it")).isTrue();
        assertThat(c.ordinaryMail()).isEqualTo(AooConfig.Handling.QUARANTINE);
        assertThat(c.allows("ordini@fornitore.example.it")).isTrue();
        assertThat(c.denies("SPAM@example.org")).isTrue();
        assertThat(c.exclusions().get(0).matches(Optional.of("x@example.it"), Optional.of("La newsletter di maggio"))).isTrue();
        assertThat(c.exclusions().get(0).matches(Optional.of("x@example.it"), Optional.of("Newsletters"))).isFalse();
        assertThat(c.taxSector()).isFalse();
    }

    @Test
    @DisplayName("JSON loads with defaults for what is missing; a misspelt setting is an error, never ignored")
    void json() throws IOException {
        AooConfig c = AooConfig.fromJson("{\"mailboxes\": [\"protocollo@pec.comune.esempio.it\"]}");
        assertThat(c.ordinaryMail()).isEqualTo(AooConfig.Handling.REGISTER);
        assertThat(c.checkSignedDocuments()).isTrue();
        assertThat(c.taxSector()).as("outside the tax sector by default").isFalse();
        assertThat(AooConfig.fromJson("{\"taxSector\": true}").taxSector()).isTrue();
        assertThat(c.withTaxSector(true).withMailboxes("a@pec.it").taxSector()).as("kept by the with- methods").isTrue();
        assertThatThrownBy(() -> AooConfig.fromJson("{\"ordinaryMial\": \"REJECT\"}")).isInstanceOf(IOException.class)
                .hasMessageContaining("ordinaryMial");
        assertThatThrownBy(() -> AooConfig.fromJson("{\"ordinaryMail\": \"DROP\"}")).isInstanceOf(IOException.class);
    }

    @Test
    @DisplayName("a file with pec-mailroom's mailroom section still loads; other unknown keys are still errors")
    void mailroomSectionIgnored(@TempDir Path dir) throws IOException {
        Path yaml = dir.resolve("aoo.yaml");
        Files.writeString(yaml, "amministrazione: c_demo\naoo: AOO_DEMO\nordinaryMail: REJECT\nmailroom:\n  box: protocollo@pec.demo.it\n"
                + "  offices:\n    - { code: TRIBUTI, name: Tributi }\n");
        AooConfig c = AooConfig.load(yaml);
        assertThat(c.aoo()).isEqualTo("AOO_DEMO");
        assertThat(c.ordinaryMail()).isEqualTo(AooConfig.Handling.REJECT);
        Path json = dir.resolve("aoo.json");
        Files.writeString(json, "{\"aoo\": \"AOO_DEMO\", \"mailroom\": {\"box\": \"p@pec.demo.it\"}}");
        assertThat(AooConfig.load(json).aoo()).isEqualTo("AOO_DEMO");
        Path misspelt = dir.resolve("bad.yaml");
        Files.writeString(misspelt, "aoo: AOO_DEMO\nmailrom:\n  box: p@pec.demo.it\n");
        assertThatThrownBy(() -> AooConfig.load(misspelt)).isInstanceOf(IOException.class).hasMessageContaining("mailrom");
    }
}
