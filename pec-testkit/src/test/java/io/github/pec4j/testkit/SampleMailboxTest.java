package io.github.pec4j.testkit;

import static io.github.pec4j.testkit.Messages.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sample mailbox: every kind, variant, quirk and hostile file, byte-identical on every run. */
class SampleMailboxTest {

    @Test
    void sampleMailboxHasEveryKindQuirkAndHostileFileDeterministically(@TempDir Path dir) throws Exception {
        List<Path> files = SampleMailbox.generate(dir.resolve("a"));
        List<String> names = files.stream().map(p -> p.getFileName().toString()).toList();
        assertThat(names).startsWith("01-posta-certificata.eml", "02-anomalia.eml", "03-accettazione.eml").contains("10-non-pec.eml",
                "11-avvenuta-consegna-breve.eml", "12-avvenuta-consegna-sintetica.eml", "13-avvenuta-consegna-cc.eml",
                "14-errore-consegna-virus.eml", "hostile-truncated.eml", "hostile-deep-nesting.eml", "hostile-xxe-daticert.eml",
                "hostile-entity-bomb-daticert.eml", "hostile-path-traversal.eml");
        for (FixtureKind k : FixtureKind.values()) {
            assertThat(names).anyMatch(n -> n.matches("\\d\\d-" + k.tipo() + "\\.eml"));
        }
        for (Quirk q : Quirk.values()) {
            assertThat(names).anyMatch(n -> n.matches("\\d\\d-quirk-" + q.name().toLowerCase(Locale.ROOT).replace('_', '-') + "\\.eml"));
        }
        assertThat(names).doesNotHaveDuplicates().allMatch(n -> n.endsWith(".eml"));
        assertThat(text(Files.readAllBytes(dir.resolve("a/13-avvenuta-consegna-cc.eml")))).doesNotContain("postacert.eml");

        List<Path> again = SampleMailbox.generate(dir.resolve("b"));
        assertThat(again).hasSameSizeAs(files);
        for (int i = 0; i < files.size(); i++) {
            assertThat(Files.readAllBytes(again.get(i))).as(names.get(i)).isEqualTo(Files.readAllBytes(files.get(i)));
        }
    }

    @Test
    void hostileHelpers() {
        byte[] nested = Hostile.deeplyNestedMultipart(3_000);
        String s = text(nested);
        assertThat(Messages.count(s, "Content-Type: multipart/mixed")).isEqualTo(3_000);
        assertThat(s).contains("--n2999\r\n", "--n0--\r\n");
        assertThat(Hostile.truncated(new byte[] {1, 2, 3}, 2)).containsExactly(1, 2);
        assertThat(Hostile.truncated(new byte[] {1, 2, 3}, 10)).containsExactly(1, 2, 3);
        assertThat(Hostile.hugeHeader(1000).length).isGreaterThan(1000);
    }

    @Test
    void theTruncatedEnvelopeStopsInsideBase64() {
        byte[] truncated = SampleMailbox.messages(PecFixtures.create()).get("hostile-truncated.eml");
        String s = text(truncated);
        assertThat(s).contains("multipart/signed", "filename=\"Istanza_firmata.pdf\"").doesNotContain("smime.p7s");
        String lastLine = s.substring(s.lastIndexOf("\r\n") + 2);
        assertThat(lastLine).matches("[A-Za-z0-9+/]*");
        assertThat(s.lastIndexOf("filename=\"Istanza_firmata.pdf\"")).isLessThan(s.length() - 1000);
    }
}
