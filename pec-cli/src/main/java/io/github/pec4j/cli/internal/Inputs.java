package io.github.pec4j.cli.internal;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.TemporalAccessor;

/** What the commands share: ISO times read as Italian when local, readable files, one-line problems. */
final class Inputs {
    private static final ZoneId ROME = ZoneId.of("Europe/Rome");
    private static final DateTimeFormatter TIME = new DateTimeFormatterBuilder().parseCaseInsensitive().append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').append(DateTimeFormatter.ISO_TIME).optionalEnd()
            .optionalStart().appendLiteral('[').appendZoneRegionId().appendLiteral(']').optionalEnd().toFormatter();

    private Inputs() {}

    /**
     * An ISO date-time with an offset or a zone, or a local date-time or date read as Italian time.
     *
     * @throws java.time.format.DateTimeParseException when it is none of these
     */
    static Instant time(String text) {
        TemporalAccessor t = TIME.parseBest(text.trim(), ZonedDateTime::from, LocalDateTime::from, LocalDate::from);
        if (t instanceof ZonedDateTime z) return z.toInstant();
        if (t instanceof LocalDateTime l) return l.atZone(ROME).toInstant();
        return ((LocalDate) t).atStartOfDay(ROME).toInstant();
    }

    /** The usage hint for {@code --at}. */
    static final String TIME_FORMS = "an ISO date-time such as 2024-05-06T10:15:00+02:00, 2024-05-06T08:15:00Z, 2024-05-06T10:15 or "
            + "2024-05-06 (Italian time)";

    /** {@code file} as a path, if it is a regular file. */
    static Path regularFile(String file) throws NoSuchFileException {
        Path path = Path.of(file);
        if (!Files.isRegularFile(path)) throw new NoSuchFileException(file);
        return path;
    }

    /** The one-line problem of an unreadable file. */
    static String problem(Exception e) {
        return e instanceof NoSuchFileException ? "file not found" : "cannot read: " + e.getMessage();
    }
}
