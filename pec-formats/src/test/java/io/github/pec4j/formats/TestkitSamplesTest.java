package io.github.pec4j.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pec4j.core.Attachment;
import io.github.pec4j.core.PecMessage;
import io.github.pec4j.core.PecParser;
import io.github.pec4j.testkit.Attachments;
import io.github.pec4j.testkit.FixtureKind;
import io.github.pec4j.testkit.PecFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The testkit's samples: the default policy accepts every allowed format and rejects every violation with its code. */
class TestkitSamplesTest {
    private static final FormatChecker CHECKER = FormatChecker.create(FormatPolicy.caluso());
    @TempDir
    Path dir;

    static Stream<Attachments.Sample> samples() {
        return Stream.concat(Attachments.allowed().stream(), Attachments.violations().stream());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    @DisplayName("FMT-DETECT-02 FMT-POLICY-01 every testkit sample gets its verdict and code")
    void sample(Attachments.Sample s) throws IOException {
        Path f = dir.resolve("sample.bin");
        Files.write(f, s.content());
        FileReport r = CHECKER.check(f, s.name());
        assertThat(r.verdict().id()).as(r.allFindings().toString()).isEqualTo(s.verdict());
        if (!s.code().isEmpty()) {
            assertThat(r.allFindings()).extracting(x -> x.code().id()).contains(s.code());
        }
    }

    @Test
    @DisplayName("FMT-PDF-01 the testkit's generated PDFs, its envelopes' default attachment and one of any size, are whole PDFs: accepted with their structure read, never 'byte scan only'")
    void generatedPdfs() throws IOException {
        List<Long> sizes = new ArrayList<>(List.of(2_345L, 1_163L, 9_999L, 10_000L, 65_537L, 1_000_003L)); // 1,163: ends in a line feed more
        for (long small = 480; small < 520; small++) sizes.add(small); // the structure's own size and the digits of its numbers
        for (long size : sizes) {
            var builder = PecFixtures.create().message(FixtureKind.POSTA_CERTIFICATA);
            byte[] eml = size == 2_345L ? builder.build() : builder.attachment("generato.pdf", "application/pdf", size).build();
            try (PecMessage m = PecParser.create().parse(eml)) {
                Attachment a = m.attachments().get(0);
                assertThat(a.size()).as("size %d", size).isEqualTo(size);
                FileReport r = CHECKER.check(m).get(0);
                assertThat(r.verdict()).as("size %d: %s", size, r.allFindings()).isEqualTo(Verdict.ACCEPT);
                assertThat(r.allFindings()).as("size %d", size).isEmpty();
            }
        }
        Path f = dir.resolve("generato.pdf");
        Files.write(f, Attachments.pdf(100_000, 3));
        assertThat(Files.size(f)).isEqualTo(100_000);
        assertThat(CHECKER.check(f, "generato.pdf").allFindings()).isEmpty();
        assertThat(Attachments.pdf(100_000, 3)).isEqualTo(Files.readAllBytes(f)).isNotEqualTo(Attachments.pdf(100_000, 4));
        assertThatThrownBy(() -> Attachments.pdf(479, 3)).isInstanceOf(IllegalArgumentException.class);
    }
}
