package io.github.pec4j.formats;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pec4j.testkit.Attachments;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
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
}
