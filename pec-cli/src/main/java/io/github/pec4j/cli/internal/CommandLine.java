package io.github.pec4j.cli.internal;

import java.io.PrintStream;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** What the commands share: options with values, ISO times read as Italian when local, readable files. */
final class CommandLine {
    private static final ZoneId ROME = ZoneId.of("Europe/Rome");
    private static final DateTimeFormatter TIME = new DateTimeFormatterBuilder().parseCaseInsensitive().append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').append(DateTimeFormatter.ISO_TIME).optionalEnd()
            .optionalStart().appendLiteral('[').appendZoneRegionId().appendLiteral(']').optionalEnd().toFormatter();

    /**
     * The arguments: {@code --json}, other flags, valued options (the last value wins, or all of them for
     * repeatable ones), and the files (or operands); {@code --} ends the options.
     */
    record Args(boolean json, Set<String> flags, Map<String, List<String>> values, List<String> files) {
        boolean flag(String option) {
            return flags.contains(option);
        }

        Optional<String> value(String option) {
            List<String> v = values.get(option);
            return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(v.size() - 1));
        }

        List<String> all(String option) {
            return values.getOrDefault(option, List.of());
        }
    }

    private CommandLine() {}

    /** Parses {@code args}; on a usage error prints it (prefixed {@code pec <command>:}) and returns empty. */
    static Optional<Args> parse(String command, List<String> args, Set<String> valued, PrintStream err) {
        return parse(command, args, valued, Set.of(), err);
    }

    /** As {@link #parse(String, List, Set, PrintStream)}, with flags (options without a value) besides {@code --json}. */
    static Optional<Args> parse(String command, List<String> args, Set<String> valued, Set<String> flagged, PrintStream err) {
        boolean json = false;
        Set<String> flags = new HashSet<>();
        Map<String, List<String>> values = new HashMap<>();
        List<String> files = new ArrayList<>();
        boolean options = true;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (options && a.equals("--")) {
                options = false;
            } else if (options && a.equals("--json")) {
                json = true;
            } else if (options && flagged.contains(a)) {
                flags.add(a);
            } else if (options && valued.contains(a)) {
                if (i + 1 >= args.size()) {
                    err.println("pec " + command + ": " + a + " needs a value");
                    return Optional.empty();
                }
                values.computeIfAbsent(a, k -> new ArrayList<>()).add(args.get(++i));
            } else if (options && a.startsWith("-") && a.length() > 1) {
                err.println("pec " + command + ": unknown option '" + a + "'");
                return Optional.empty();
            } else {
                files.add(a);
            }
        }
        return Optional.of(new Args(json, Set.copyOf(flags), values, files));
    }

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
