package io.github.pec4j.benchmarks;

import io.github.pec4j.testkit.ExpectedAttachment;
import io.github.pec4j.testkit.FixtureKind;
import io.github.pec4j.testkit.MessageBuilder;
import io.github.pec4j.testkit.PecFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The messages the benchmarks measure, written with the testkit. */
final class Fixtures {
    /** The fixture names, as used by {@link ParseBenchmark#message} and {@link HeapCheck}. */
    static final List<String> NAMES = List.of("receipt-10k", "envelope-1m", "envelope-30m");

    private Fixtures() {}

    /**
     * The builder of a named fixture: {@code receipt-10k} (a ricevuta di avvenuta consegna completa,
     * carrying the original with a small attachment: about 11 KB),
     * {@code envelope-1m} and {@code envelope-30m} (a posta-certificata envelope carrying one PDF
     * attachment of 1 MiB or 30 MiB, about 1.37 times that once base64-encoded).
     */
    static MessageBuilder builder(String name) {
        PecFixtures f = PecFixtures.create();
        return switch (name) {
            case "receipt-10k" -> f.message(FixtureKind.AVVENUTA_CONSEGNA).attachment("ricevuta.pdf", "application/pdf", 2_500L);
            case "envelope-1m" -> f.message(FixtureKind.POSTA_CERTIFICATA)
                    .attachment("allegato.pdf", "application/pdf", 1024L * 1024);
            case "envelope-30m" -> f.message(FixtureKind.POSTA_CERTIFICATA)
                    .attachment("allegato.pdf", "application/pdf", 30L * 1024 * 1024);
            default -> throw new IllegalArgumentException("unknown fixture " + name);
        };
    }

    /** Writes the named fixture into {@code dir} (streaming: any size in constant memory). */
    static Path write(String name, Path dir) throws IOException {
        Path file = dir.resolve(name + ".eml");
        builder(name).writeTo(file);
        return file;
    }

    /** The attachments the parser should report (the receipt carries the original with its attachment). */
    static List<ExpectedAttachment> expected(String name) {
        return builder(name).expectedAttachments();
    }

    /**
     * One of H2's own counters ({@code info.FILE_WRITE}: stores of its pages written to the file;
     * {@code info.FILE_WRITE_BYTES}) of the database {@code c} is connected to; -1 when H2 does not report it.
     */
    static long h2Counter(java.sql.Connection c, String name) throws java.sql.SQLException {
        try (java.sql.PreparedStatement ps = c.prepareStatement("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = ?")) {
            ps.setString(1, name);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Long.parseLong(rs.getString(1)) : -1;
            }
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
