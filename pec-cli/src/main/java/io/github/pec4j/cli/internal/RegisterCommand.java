package io.github.pec4j.cli.internal;

import io.github.pec4j.registry.Actor;
import io.github.pec4j.registry.Assignment;
import io.github.pec4j.registry.Change;
import io.github.pec4j.registry.Direction;
import io.github.pec4j.registry.ProtocolId;
import io.github.pec4j.registry.ProtocolRegistry;
import io.github.pec4j.registry.Registration;
import io.github.pec4j.registry.RegistryException;
import io.github.pec4j.registry.SearchQuery;
import io.github.pec4j.registry.StoredDocument;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code pec register search|show|open|assign|take|reject|desk …}: the protocol register at hand —
 * the seeds' RICERCA screen, a registration with its audit trail, a document's bytes checked against
 * its impronta, smistamento, presa in carico, rifiuto and an office's desk.
 *
 * <p>Exit status: 0 done; 2 usage; 3 the register cannot be reached or read; 4 the register refused
 * (no such registration, not assigned, already taken, annulled…) or a document's bytes do not match
 * its impronta.
 */
public final class RegisterCommand {
    /** The exit codes of {@code Main}. */
    public record Codes(int ok, int usage, int unreadable, int failed) {}

    /** What a subcommand does once the register is open. */
    @FunctionalInterface
    private interface Action {
        int run(ProtocolRegistry registry) throws IOException, DocumentExport.Mismatch;
    }

    /** A subcommand's options: valued ones, flags, and how many operands it takes. */
    private record Syntax(Set<String> valued, Set<String> flags, List<String> operands) {}

    private static final Map<String, Syntax> SYNTAX = Map.of(
            "search", new Syntax(Set.of("--registry", "--year", "--number", "--from", "--to", "--direction", "--annulled", "--office",
                    "--text", "--limit", "--offset"), Set.of("--pec"), List.of()),
            "show", new Syntax(Set.of("--registry"), Set.of(), List.of("PROTOCOL")),
            "open", new Syntax(Set.of("--registry", "--out"), Set.of(), List.of("PROTOCOL", "DOCUMENT")),
            "assign", new Syntax(Set.of("--registry", "--operator"), Set.of("--conoscenza"), List.of("PROTOCOL", "OFFICE")),
            "take", new Syntax(Set.of("--registry", "--operator"), Set.of(), List.of("PROTOCOL", "OFFICE")),
            "reject", new Syntax(Set.of("--registry", "--operator", "--reason", "--to"), Set.of(), List.of("PROTOCOL", "OFFICE")),
            "desk", new Syntax(Set.of("--registry", "--limit"), Set.of(), List.of("OFFICE")));

    /** The usage lines of {@code pec register}. */
    public static final String USAGE = """
              register search [--year Y] [--number N] [--from DATE] [--to DATE] [--direction in|out|internal]
                              [--annulled include|exclude|only] [--office CODE] [--pec] [--text T] [--limit N] [--offset N] [--json]
              register show PROTOCOL [--json]              a registration: documents, assignments, transmissions, audit trail
              register open PROTOCOL DOCUMENT [--out FILE] a document's bytes (DOCUMENT: index or name), checked against its impronta
              register assign PROTOCOL OFFICE [--conoscenza] --operator ID
              register take PROTOCOL OFFICE --operator ID  presa in carico
              register reject PROTOCOL OFFICE --reason TEXT --to OFFICE --operator ID
                                                           rifiuto: back to the protocol office, with the reason
              register desk OFFICE [--limit N] [--json]    the office's desk: assigned, not taken in charge, oldest first
                                         every register command takes --registry JDBC-URL (default: the demo's embedded
                                         H2 register in target/pec-demo/registry; credentials in the URL or in
                                         PEC_REGISTRY_USER / PEC_REGISTRY_PASSWORD); PROTOCOL as c_demo/AOO_DEMO/PG/2026/0000001
            """;

    private final String name;
    private final CommandLine.Args args;
    private final PrintStream out;
    private final PrintStream err;
    private final Codes codes;

    private RegisterCommand(String name, CommandLine.Args args, PrintStream out, PrintStream err, Codes codes) {
        this.name = name;
        this.args = args;
        this.out = out;
        this.err = err;
        this.codes = codes;
    }

    /** Runs {@code pec register ARGS}; returns the exit status. */
    public static int run(List<String> args, PrintStream out, PrintStream err, Codes codes) {
        if (args.isEmpty() || !SYNTAX.containsKey(args.get(0))) {
            err.println(args.isEmpty() ? "pec register: which? search, show, open, assign, take, reject or desk"
                    : "pec register: unknown subcommand '" + args.get(0) + "'");
            err.print("usage: pec\n" + USAGE);
            return codes.usage();
        }
        String sub = args.get(0);
        Syntax syntax = SYNTAX.get(sub);
        Optional<CommandLine.Args> parsed = CommandLine.parse("register " + sub, args.subList(1, args.size()), syntax.valued(),
                syntax.flags(), err);
        if (parsed.isEmpty()) return codes.usage();
        if (parsed.get().files().size() != syntax.operands().size()) {
            err.println("pec register " + sub + ": expected " + (syntax.operands().isEmpty() ? "no operands" : String.join(" ", syntax.operands()))
                    + ", got " + parsed.get().files().size());
            return codes.usage();
        }
        return new RegisterCommand(sub, parsed.get(), out, err, codes).run();
    }

    private int run() {
        Action action;
        try {
            action = action();
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return usage(e.getMessage());
        }
        Optional<String> url = args.value("--registry");
        ProtocolRegistry registry;
        try {
            registry = Registers.open(url, Clock.systemUTC());
        } catch (NoSuchFileException e) {
            err.println("pec register " + name + ": " + e.getFile() + ": " + e.getReason());
            return codes.unreadable();
        } catch (IllegalArgumentException e) {
            return usage(e.getMessage());
        } catch (IOException e) {
            err.println("pec register " + name + ": cannot reach the register " + url.map(Registers::redacted).orElse("(the demo's)")
                    + ": " + Registers.redacted(String.valueOf(e.getMessage())));
            return codes.unreadable();
        }
        try (registry) {
            return action.run(registry);
        } catch (RegistryException e) {
            return refused(e);
        } catch (DocumentExport.Mismatch e) {
            err.println("pec register " + name + ": " + e.getMessage());
            return codes.failed();
        } catch (IOException e) {
            err.println("pec register " + name + ": " + Registers.redacted(String.valueOf(e.getMessage())));
            return codes.unreadable();
        }
    }

    /** The subcommand's work, its options already read (a bad value is an {@link IllegalArgumentException}). */
    private Action action() {
        List<String> operands = args.files();
        return switch (name) {
            case "search" -> search(query());
            case "show" -> show(protocol(operands.get(0)));
            case "open" -> open(protocol(operands.get(0)), operands.get(1), args.value("--out").map(Path::of).orElse(null));
            case "assign" -> assign(protocol(operands.get(0)), office(operands.get(1)), operator());
            case "take" -> take(protocol(operands.get(0)), office(operands.get(1)), operator());
            case "reject" -> reject(protocol(operands.get(0)), office(operands.get(1)), required("--reason"),
                    office(required("--to")), operator());
            default -> desk(office(operands.get(0)), limit(100));
        };
    }

    private SearchQuery query() {
        SearchQuery q = SearchQuery.all().page(nonNegative("--offset", 0), limit(100));
        Optional<String> year = args.value("--year");
        if (year.isPresent()) q = q.year(number("--year", year.get()));
        Optional<String> number = args.value("--number");
        if (number.isPresent()) {
            long n = number("--number", number.get());
            q = q.numbers(n, n);
        }
        Optional<LocalDate> from = args.value("--from").map(LocalDate::parse);
        Optional<LocalDate> to = args.value("--to").map(LocalDate::parse);
        if (from.isPresent() || to.isPresent()) {
            q = q.registeredBetween(from.orElse(LocalDate.of(1900, 1, 1)), to.orElse(LocalDate.of(9999, 12, 31)));
        }
        Optional<String> direction = args.value("--direction");
        if (direction.isPresent()) q = q.direction(direction(direction.get()));
        Optional<String> annulled = args.value("--annulled");
        if (annulled.isPresent()) q = q.annulled(choice("--annulled", annulled.get(), SearchQuery.Annulled.class));
        if (args.value("--office").isPresent()) q = q.office(office(args.value("--office").get()));
        if (args.flag("--pec")) q = q.sentOverPec(true);
        if (args.value("--text").isPresent()) q = q.text(args.value("--text").get());
        return q;
    }

    private Action search(SearchQuery query) {
        return registry -> {
            List<Registration> found = registry.search(query);
            print(registry, found);
            if (found.size() == query.limit()) {
                err.println("pec register search: the first " + query.limit() + " shown; --offset " + (query.offset() + query.limit())
                        + " for the next, or narrower filters");
            }
            return codes.ok();
        };
    }

    private Action desk(String office, int limit) {
        return registry -> {
            List<Registration> waiting = registry.desk(office, limit);
            if (!args.json()) out.println("Desk of " + office + ": " + waiting.size() + " waiting (assigned, not taken in charge), oldest first");
            print(registry, waiting);
            return codes.ok();
        };
    }

    private void print(ProtocolRegistry registry, List<Registration> registrations) throws IOException {
        for (Registration r : registrations) {
            if (args.json()) {
                out.println(RegistrationReport.json(r, registry.transmissions(r.id()), Optional.empty()).toString());
            } else {
                out.println(RegistrationReport.line(r));
            }
        }
    }

    private Action show(ProtocolId id) {
        return registry -> {
            Registration r = registry.find(id).orElseThrow(() -> notFound(id));
            if (args.json()) {
                out.println(RegistrationReport.json(r, registry.transmissions(id), Optional.of(registry.audit(id))).toString());
            } else {
                RegistrationReport.text(out, r, registry.transmissions(id), registry.audit(id));
            }
            return codes.ok();
        };
    }

    private Action open(ProtocolId id, String document, Path target) {
        return registry -> {
            Registration r = registry.find(id).orElseThrow(() -> notFound(id));
            StoredDocument d = document(r, document);
            long size;
            try (InputStream in = registry.openDocument(id, d.index())) {
                size = DocumentExport.export(in, d, target, out);
            }
            if (target != null) err.println("pec register open: " + d.fileName() + " (" + size + " bytes, impronta checked) → " + target);
            return codes.ok();
        };
    }

    private Action assign(ProtocolId id, String office, Actor operator) {
        Assignment a = args.flag("--conoscenza") ? Assignment.conoscenza(office) : Assignment.competenza(office);
        return registry -> {
            Registration r = registry.update(id, List.of(Change.assign(a)), operator);
            err.println("pec register assign: " + r.id() + " assigned to " + office + " per " + RegistrationReport.lower(a.kind()));
            return codes.ok();
        };
    }

    private Action take(ProtocolId id, String office, Actor operator) {
        return registry -> {
            Registration r = registry.takeInCharge(id, office, operator);
            Assignment a = r.assignments().stream().filter(x -> x.office().equals(office)).findFirst().orElseThrow();
            err.println("pec register take: " + r.id() + " taken in charge by " + office + " (" + a.presaInCarico().orElseThrow().by().id()
                    + ", " + a.presaInCarico().orElseThrow().at() + ")");
            return codes.ok();
        };
    }

    private Action reject(ProtocolId id, String office, String reason, String returnTo, Actor operator) {
        return registry -> {
            Registration r = registry.rejectAssignment(id, office, reason, returnTo, operator);
            err.println("pec register reject: " + r.id() + " sent back by " + office + " to " + returnTo + ": " + reason);
            return codes.ok();
        };
    }

    /** The document by index, or by its file name when exactly one has it. */
    private static StoredDocument document(Registration r, String document) throws RegistryException {
        if (document.matches("[0-9]{1,9}")) {
            int index = Integer.parseInt(document);
            return r.documents().stream().filter(d -> d.index() == index).findFirst().orElseThrow(() -> new RegistryException(
                    RegistryException.Reason.NOT_FOUND, r.id() + " has no document " + index + " (0-" + (r.documents().size() - 1) + ")"));
        }
        List<StoredDocument> named = r.documents().stream().filter(d -> d.fileName().equals(document)).toList();
        if (named.size() != 1) {
            throw new RegistryException(RegistryException.Reason.NOT_FOUND, r.id() + (named.isEmpty() ? " has no document named "
                    : " has several documents named ") + "'" + document + "': give its index (pec register show)");
        }
        return named.get(0);
    }

    private int refused(RegistryException e) {
        String message = switch (e.reason()) {
            case NOT_ASSIGNED -> "not assigned: " + Registers.refusal(e);
            case ALREADY_TAKEN -> "already taken in charge: " + Registers.refusal(e) + " (reassign it with pec register assign)";
            case STORAGE -> "the register failed: " + Registers.redacted(Registers.refusal(e));
            default -> Registers.refusal(e);
        };
        err.println("pec register " + name + ": " + message);
        return e.reason() == RegistryException.Reason.STORAGE ? codes.unreadable() : codes.failed();
    }

    private int usage(String problem) {
        err.println("pec register " + name + ": " + problem);
        return codes.usage();
    }

    private static RegistryException notFound(ProtocolId id) {
        return new RegistryException(RegistryException.Reason.NOT_FOUND, "no registration " + id);
    }

    private static ProtocolId protocol(String text) {
        try {
            return ProtocolId.parse(text.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("PROTOCOL is amministrazione/aoo/registro/year/number, e.g. c_demo/AOO_DEMO/PG/2026/0000001: "
                    + text);
        }
    }

    private static String office(String text) {
        if (text.isBlank() || text.chars().anyMatch(Character::isISOControl)) throw new IllegalArgumentException("not an office code: " + text);
        return text.trim();
    }

    private Actor operator() {
        String id = required("--operator").trim();
        if (id.isEmpty()) throw new IllegalArgumentException("--operator needs an account id");
        return Actor.of(id, id);
    }

    private String required(String option) {
        return args.value(option).filter(v -> !v.isBlank())
                .orElseThrow(() -> new IllegalArgumentException(option + " is required (" + USAGE.lines().filter(l -> l.contains(" " + name + " "))
                        .findFirst().orElse("").trim() + ")"));
    }

    private static Direction direction(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "in", "incoming" -> Direction.INCOMING;
            case "out", "outgoing" -> Direction.OUTGOING;
            case "internal" -> Direction.INTERNAL;
            default -> throw new IllegalArgumentException("--direction is in, out or internal: " + text);
        };
    }

    private static <E extends Enum<E>> E choice(String option, String text, Class<E> type) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(text)) return e;
        }
        throw new IllegalArgumentException(option + " is one of " + List.of(type.getEnumConstants()).toString().toLowerCase(Locale.ROOT) + ": " + text);
    }

    private int limit(int byDefault) {
        int limit = nonNegative("--limit", byDefault);
        if (limit < 1 || limit > SearchQuery.MAX_LIMIT) throw new IllegalArgumentException("--limit is 1-" + SearchQuery.MAX_LIMIT);
        return limit;
    }

    private int nonNegative(String option, int byDefault) {
        return args.value(option).map(v -> (int) number(option, v)).orElse(byDefault);
    }

    private static int number(String option, String text) {
        try {
            int n = Integer.parseInt(text.trim());
            if (n < 0) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number: " + text);
        }
    }
}
