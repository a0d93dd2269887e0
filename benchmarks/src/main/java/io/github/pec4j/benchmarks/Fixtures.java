package io.github.pec4j.benchmarks;

import io.github.pec4j.testkit.FixtureKind;
import io.github.pec4j.testkit.PecFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The messages the benchmarks measure, written with the testkit. */
final class Fixtures {
    private Fixtures() {}

    /** Writes the named fixture ({@code receipt-10k}, {@code envelope-1m}, {@code envelope-30m}) into {@code dir}. */
    static Path write(String name, Path dir) throws IOException {
        Path file = dir.resolve(name + ".eml");
        PecFixtures f = PecFixtures.create();
        switch (name) {
            case "receipt-10k" -> f.message(FixtureKind.AVVENUTA_CONSEGNA)
                    .attachment("ricevuta.pdf", "application/pdf", 2_500L).writeTo(file);
            case "envelope-1m" -> f.message(FixtureKind.POSTA_CERTIFICATA)
                    .attachment("istanza.pdf", "application/pdf", 1024L * 1024).writeTo(file);
            case "envelope-30m" -> f.message(FixtureKind.POSTA_CERTIFICATA)
                    .attachment("progetto.pdf", "application/pdf", 30L * 1024 * 1024).writeTo(file);
            default -> throw new IllegalArgumentException("unknown fixture " + name);
        }
        return file;
    }

    static void deleteTree(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
