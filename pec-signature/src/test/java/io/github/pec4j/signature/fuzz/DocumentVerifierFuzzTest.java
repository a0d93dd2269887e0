package io.github.pec4j.signature.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.pec4j.signature.CryptoPolicy;
import io.github.pec4j.signature.DocumentReport;
import io.github.pec4j.signature.DocumentVerifier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;

/**
 * Fuzzes {@link DocumentVerifier#verify(Path)} with the bytes written to a file whose name
 * ({@code .p7m}, {@code .pdf}, {@code .xml} or none) the input's length picks.
 *
 * <p>Contract: a {@link DocumentReport} (failures are its integrity and diagnostics), or the
 * documented {@link IOException}; no unchecked exception or error from Bouncy Castle, PDFBox or the
 * XML parser, and no recursion without a bound. Seeds: signed documents of every kind from the
 * testkit and hostile CMS structures, written by {@link SignatureFuzzSeeds}.
 */
class DocumentVerifierFuzzTest {
    private static final List<String> NAMES = List.of("document.p7m", "document.pdf", "document.xml", "document");
    private static final DocumentVerifier VERIFIER = DocumentVerifier.create(SignatureFuzzSeeds.trust(), CryptoPolicy.DEFAULT,
            SignatureFuzzSeeds.CLOCK);
    private static final Path DIR = tempDir();

    @FuzzTest(maxDuration = "10m")
    void verify(byte[] input) throws IOException {
        if (input == null) {
            return;
        }
        Path file = DIR.resolve(NAMES.get(input.length % NAMES.size()));
        Files.write(file, input);
        try {
            DocumentReport report = VERIFIER.verify(file);
            report.toString();
            report.timestamps();
        } catch (IOException documented) {
            // The documented failure; a finding only when it is unchecked.
        } finally {
            Files.delete(file);
        }
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
