package io.github.pec4j.directory.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.pec4j.directory.IpaDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;

/**
 * Fuzzes the IPA snapshot reader, {@link IpaDirectory#load(Path, LocalDate)}, then a few look-ups. An
 * input is up to three files separated by a form-feed line ({@code \f\n}): {@code enti.csv},
 * {@code aree-organizzative-omogenee.csv}, {@code unita-organizzative.csv}.
 *
 * <p>Contract: a directory whose bad rows are counted warnings of its snapshot, or the documented
 * {@link IOException} (no expected file); never an unchecked exception. Seeds: small synthetic snapshots
 * in the current layout, written by {@link DirectoryFuzzSeeds}.
 */
class IpaSnapshotFuzzTest {
    static final List<String> FILES = List.of("enti.csv", "aree-organizzative-omogenee.csv", "unita-organizzative.csv");
    static final byte[] SEPARATOR = {'\f', '\n'};
    private static final Path DIR = tempDir();

    @FuzzTest(maxDuration = "10m")
    void load(byte[] input) throws IOException {
        if (input == null) {
            return;
        }
        List<byte[]> parts = split(input);
        for (int i = 0; i < parts.size(); i++) {
            Files.write(DIR.resolve(FILES.get(i)), parts.get(i));
        }
        try {
            IpaDirectory ipa = IpaDirectory.load(DIR, LocalDate.of(2025, 11, 20));
            ipa.snapshot().manifestText();
            ipa.ownerOf("protocollo.c_a0@pec.comune.it", LocalDate.of(2025, 11, 20)).toString();
            ipa.domicilesOf("80000000000", LocalDate.of(2025, 11, 20)).toString();
        } catch (IOException documented) {
            // No readable dataset: documented.
        } finally {
            for (String f : FILES) {
                Files.deleteIfExists(DIR.resolve(f));
            }
        }
    }

    private static List<byte[]> split(byte[] input) {
        List<byte[]> parts = new java.util.ArrayList<>();
        int start = 0;
        for (int i = 0; i + 1 < input.length && parts.size() < FILES.size() - 1; i++) {
            if (input[i] == SEPARATOR[0] && input[i + 1] == SEPARATOR[1]) {
                parts.add(Arrays.copyOfRange(input, start, i));
                start = i + 2;
                i++;
            }
        }
        parts.add(Arrays.copyOfRange(input, start, input.length));
        return parts;
    }

    @AfterAll
    static void removeDir() throws IOException {
        Files.deleteIfExists(DIR);
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("pec4j-fuzz-ipa-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
