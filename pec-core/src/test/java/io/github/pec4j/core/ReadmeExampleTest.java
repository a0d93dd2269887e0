package io.github.pec4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's usage example, kept compiling and true. */
class ReadmeExampleTest {

    static String readmeExample(Path file) throws IOException {
        StringBuilder out = new StringBuilder();
        // --- README example start
        PecParser parser = PecParser.create();                   // thread-safe, reuse it
        try (PecMessage msg = parser.parse(file)) {               // never throws for bad content
            out.append(msg.kind().id()).append('\n');             // posta-certificata, avvenuta-consegna, ...
            msg.daticert().ifPresent(d -> out.append(d.mittente() + " " + d.data().instant().orElseThrow() + '\n'));
            for (Attachment a : msg.attachments()) {              // decoded, hashed and spooled while read
                out.append(a.safeName() + " " + a.size() + " " + a.sha256() + '\n');
            }
            msg.correlation().clientMessageId().ifPresent(id -> out.append(id).append('\n'));
            msg.diagnostics().forEach(d -> out.append(d).append('\n')); // what was odd, with a stable code
        }
        // --- README example end
        return out.toString();
    }

    @Test
    void readmeExampleRuns(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("envelope.eml");
        Files.write(file, Mime.bytes(Mime.envelope(Mime.envelopeHeaders(), Mime.DATICERT_ENVELOPE,
                Mime.original("domanda.pdf", new byte[] {'%', 'P', 'D', 'F'}))));
        String out = readmeExample(file);
        assertThat(out).startsWith("posta-certificata\nmario.rossi@pec.example.it 2024-03-15T10:15:30+01:00\ndomanda.pdf 4 ")
                .contains("client-1@host.example.it");
    }
}
