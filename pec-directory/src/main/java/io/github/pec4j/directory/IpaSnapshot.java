package io.github.pec4j.directory;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What an {@link IpaDirectory} was loaded from: the snapshot's date, a SHA-256 manifest of its files,
 * the number of addresses indexed and the warnings (bad rows) met on the way (DIR-IPA-03).
 *
 * @param date the day the data is current as of (see {@link IpaDirectory#load(java.nio.file.Path)})
 * @param manifest one entry per file read, in reading order (empty for an in-memory snapshot)
 * @param addresses how many distinct addresses the index holds
 * @param warningCount how many warnings the load produced
 * @param warnings the first {@link #MAX_WARNINGS_KEPT} of them
 */
public record IpaSnapshot(LocalDate date, List<ManifestEntry> manifest, int addresses, long warningCount, List<Warning> warnings) {
    /** How many warnings a snapshot keeps (all are counted). */
    public static final int MAX_WARNINGS_KEPT = 100;

    /** IPA dates are Italian days. */
    public static final ZoneId ZONE = ZoneId.of("Europe/Rome");

    /**
     * Creates the record: copies the lists, refuses null components and refuses values out of range.
     *
     * @param date the day the data is current as of (see {@link IpaDirectory#load(java.nio.file.Path)})
     * @param manifest one entry per file read, in reading order (empty for an in-memory snapshot)
     * @param addresses how many distinct addresses the index holds
     * @param warningCount how many warnings the load produced
     * @param warnings the first {@link #MAX_WARNINGS_KEPT} of them
     */
    public IpaSnapshot {
        Objects.requireNonNull(date, "date");
        manifest = List.copyOf(manifest);
        warnings = List.copyOf(warnings);
        if (addresses < 0 || warningCount < warnings.size()) {
            throw new IllegalArgumentException("counts out of range: " + addresses + " addresses, " + warningCount + " warnings");
        }
    }

    /**
     * One file of the snapshot.
     *
     * @param file the file name
     * @param sha256 the SHA-256 of its bytes, 64 lower-case hex digits
     * @param bytes its size
     * @param rows the data rows read (header excluded)
     */
    public record ManifestEntry(String file, String sha256, long bytes, long rows) {
        private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

        /**
         * Creates the record: refuses null components and refuses values out of range.
         *
         * @param file the file name
         * @param sha256 the SHA-256 of its bytes, 64 lower-case hex digits
         * @param bytes its size
         * @param rows the data rows read (header excluded)
         */
        public ManifestEntry {
            Checks.text(file, "file");
            Objects.requireNonNull(sha256, "sha256");
            if (!HEX.matcher(sha256).matches()) {
                throw new IllegalArgumentException("not a lower-case hex SHA-256: " + sha256);
            }
            if (bytes < 0 || rows < 0) {
                throw new IllegalArgumentException("negative size or row count");
            }
        }
    }

    /**
     * A row or value that was skipped or read with a default.
     *
     * @param file the file name
     * @param line the physical line (1-based) where the row starts
     * @param message what was wrong
     */
    public record Warning(String file, long line, String message) {
        /**
         * Creates the record, checking and normalising its components.
         *
         * @param file the file name
         * @param line the physical line (1-based) where the row starts
         * @param message what was wrong
         */
        public Warning {
            Checks.text(file, "file");
            Checks.text(message, "message");
        }

        @Override
        public String toString() {
            return file + ":" + line + ": " + message;
        }
    }

    /**
     * The start of {@link #date()} in Italy: the {@link Answer#asOf()} of the directory's answers.
     *
     * @return the start of {@link #date()} in Italy: the {@link Answer#asOf()} of the directory's answers
     */
    public Instant asOf() {
        return date.atStartOfDay(ZONE).toInstant();
    }

    /**
     * How many days old the snapshot is on {@code day} (negative if the snapshot is newer).
     *
     * @param day the day to measure at
     * @return how many days old the snapshot is on {@code day} (negative if the snapshot is newer)
     */
    public long ageInDays(LocalDate day) {
        return ChronoUnit.DAYS.between(date, Objects.requireNonNull(day, "day"));
    }

    /**
     * The manifest in {@code sha256sum} format: {@code <hex>  <file>} per line.
     *
     * @return the manifest in {@code sha256sum} format: {@code <hex>  <file>} per line
     */
    public String manifestText() {
        return manifest.stream().map(e -> e.sha256() + "  " + e.file() + "\n").collect(Collectors.joining());
    }
}
