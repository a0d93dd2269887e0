package io.github.pec4j.formats.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.pec4j.formats.FileReport;
import io.github.pec4j.formats.FormatChecker;
import io.github.pec4j.formats.FormatPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;

/**
 * Fuzzes {@link FormatChecker#check(Path, String)}. An input is {@code <name>\n<content>}: the name the
 * file was sent under, then its bytes (an input without a newline is all content, sent as
 * {@code allegato}).
 *
 * <p>Contract: a {@link FileReport}, or the documented {@link IOException}; never an unchecked
 * exception or error from Tika, PDFBox, commons-compress or the XML readers, whatever the content and
 * the name. Seeds: the testkit's allowed and violating attachments, written by {@link FormatsFuzzSeeds}.
 */
class FormatCheckerFileFuzzTest {
    private static final FormatChecker CHECKER = FormatChecker.create(FormatPolicy.caluso());
    private static final Path DIR = tempDir();

    @FuzzTest(maxDuration = "10m")
    void check(byte[] input) throws IOException {
        if (input == null) {
            return;
        }
        int nl = indexOf(input, (byte) '\n');
        String name = nl < 0 ? "allegato" : new String(input, 0, nl, StandardCharsets.UTF_8);
        byte[] content = nl < 0 ? input : Arrays.copyOfRange(input, nl + 1, input.length);
        Path file = DIR.resolve("file");
        Files.write(file, content);
        try {
            CHECKER.check(file, name).toString();
        } catch (IOException documented) {
            // Documented; a finding only when unchecked.
        } finally {
            Files.delete(file);
        }
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < Math.min(bytes.length, 256); i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    @AfterAll
    static void removeDir() throws IOException {
        Files.deleteIfExists(DIR);
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("pec4j-fuzz-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
