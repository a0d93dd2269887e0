package io.github.pec4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's usage example, kept compiling and true. */
class ReadmeExampleTest {

    static void readmeExample(Path file, PrintStream out) throws IOException {
        // --- README example start
        PecParser parser = PecParser.create();                   // thread-safe: reuse it
        try (PecMessage msg = parser.parse(file)) {               // never throws because of bad content
            out.println(msg.kind().id());                         // posta-certificata, avvenuta-consegna, ...
            msg.daticert().ifPresent(d -> out.println(d.mittente() + " " + d.data().instant().orElseThrow()));
            for (Attachment a : msg.attachments()) {              // decoded, hashed and spooled while read
                out.println(a.safeName() + " " + a.size() + " " + a.sha256());
            }
            msg.correlation().clientMessageId().ifPresent(out::println); // X-Riferimento-Message-ID / msgid
            msg.diagnostics().forEach(out::println);              // what was odd, each with a stable code
        }
        // --- README example end
    }

    @Test
    void readmeExampleRuns(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("envelope.eml");
        Files.write(file, Mime.bytes(Mime.envelope(Mime.envelopeHeaders(), Mime.DATICERT_ENVELOPE,
                Mime.original("domanda.pdf", new byte[] {'%', 'P', 'D', 'F'}))));
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        readmeExample(file, new PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));
        String out = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(out).startsWith("posta-certificata\nmario.rossi@pec.example.it 2024-03-15T10:15:30+01:00\ndomanda.pdf 4 ")
                .contains("client-1@host.example.it");
    }

    @Test
    void readmeShowsExactlyThisExample() throws IOException {
        Path readme = Path.of("..", "README.md");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(readme), "README not beside the module");
        String source = Files.readString(Path.of("src/test/java/io/github/pec4j/core/ReadmeExampleTest.java"));
        String snippet = source.substring(source.indexOf("// --- README example start") + "// --- README example start".length(),
                source.indexOf("// --- README example end"));
        String unindented = snippet.lines().map(l -> l.length() >= 8 ? l.substring(8) : l.strip())
                .filter(l -> !l.isBlank()).collect(java.util.stream.Collectors.joining("\n"));
        assertThat(Files.readString(readme)).contains(unindented);
    }
}
