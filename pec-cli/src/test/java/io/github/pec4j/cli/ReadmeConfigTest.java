package io.github.pec4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.pec4j.admission.AooConfig;
import io.github.pec4j.mailroom.MailroomConfig;
import io.github.pec4j.mailroom.Office;
import io.github.pec4j.registry.RegisterId;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's complete example of the AOO's configuration file loads, and is the demo's. */
class ReadmeConfigTest {
    static final Path README = Path.of("..", "README.md");

    /** The first fenced block of {@code language} after {@code heading}. */
    static String block(String heading, String language) throws Exception {
        String readme = Files.readString(README);
        int at = readme.indexOf(heading);
        assertThat(at).as("README has " + heading).isNotNegative();
        int start = readme.indexOf("```" + language + "\n", at) + language.length() + 4;
        return readme.substring(start, readme.indexOf("```\n", start));
    }

    @Test
    @DisplayName("the README's configuration file loads with AooConfig.load and MailroomConfig.load, and is the demo's")
    void loads(@TempDir Path dir) throws Exception {
        assumeTrue(Files.exists(README), "README not beside the module");
        String yaml = block("### The AOO's configuration file", "yaml");
        Path file = Files.writeString(dir.resolve("aoo.yaml"), yaml);

        AooConfig aoo = AooConfig.load(file);
        assertThat(aoo.amministrazione()).isEqualTo("c_demo");
        assertThat(aoo.ordinaryMail()).isEqualTo(AooConfig.Handling.REJECT);
        assertThat(aoo.mailboxes()).containsExactly("protocollo@pec.comune.demo.example.it");

        MailroomConfig config = MailroomConfig.load(file);
        assertThat(config.aoo()).isEqualTo(aoo);
        assertThat(config.register()).isEqualTo(RegisterId.of("c_demo", "AOO_DEMO", "PG"));
        assertThat(config.box()).contains("protocollo@pec.comune.demo.example.it");
        assertThat(config.replyText()).isEqualTo("Messaggio rifiutato dal sistema.");
        assertThat(config.offices()).extracting(Office::code).containsExactly("PROTOCOLLO", "TRIBUTI", "TECNICO", "SEGRETERIA");
        assertThat(config.offices()).allSatisfy(o -> assertThat(o.email()).isPresent());
        assertThat(config.routing().rules()).hasSize(4);
        assertThat(config.routing().protocolOffice()).isEqualTo("PROTOCOLLO");
        assertThat(config.archiveReceiptsAfter()).contains(Duration.ofDays(90));

        try (InputStream demo = io.github.pec4j.cli.internal.DemoOffice.class.getResourceAsStream("demo-aoo.yaml")) {
            assertThat(yaml).isEqualTo(new String(demo.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    @DisplayName("a misspelt key in the mailroom section is an error, never a silent default")
    void misspelt(@TempDir Path dir) throws Exception {
        assumeTrue(Files.exists(README), "README not beside the module");
        String yaml = block("### The AOO's configuration file", "yaml").replace("protocolOffice:", "protocolOfice:");
        Path file = Files.writeString(dir.resolve("aoo.yaml"), yaml);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> MailroomConfig.load(file)).isInstanceOf(java.io.IOException.class)
                .hasMessageContaining("protocolOfice");
    }
}
