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
import java.util.Optional;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import java.util.concurrent.Callable;

/**
 * {@code pec register search|show|open|assign|take|reject|desk …}: the protocol register at hand —
 * the seeds' RICERCA screen, a registration with its audit trail, a document's bytes checked against
 * its impronta, smistamento, presa in carico, rifiuto and an office's desk.
 *
 * <p>Exit status: 0 done; 2 usage; 3 the register cannot be reached or read; 4 the register refused
 * (no such registration, not assigned, already taken, annulled…) or a document's bytes do not match
 * its impronta.
 */
@Command(name = "register", synopsisSubcommandLabel = "COMMAND", subcommands = {RegisterCommand.Search.class, RegisterCommand.Show.class,
        RegisterCommand.Open.class, RegisterCommand.Assign.class, RegisterCommand.Take.class, RegisterCommand.Reject.class,
        RegisterCommand.Desk.class}, description = {"The protocol register: search, show a registration, "
        + "open a document (checked against its impronta), smistamento (assign), presa in carico (take), rifiuto (reject), an office's desk.",
    "Every register command takes --registry JDBC-URL (default: the demo's embedded H2 register in target/pec-demo/registry); PROTOCOL "
            + "as c_demo/AOO_DEMO/PG/2026/0000001."})
public final class RegisterCommand {
    /** The exit codes of {@code Main}. */
    public record Codes(int ok, int usage, int unreadable, int failed) {}

    /** What a subcommand does once the register is open. */
    @FunctionalInterface
    private interface Action {
        int run(ProtocolRegistry registry) throws IOException, DocumentExport.Mismatch;
    }

    private static final String PROTOCOL = "The registration, e.g. c_demo/AOO_DEMO/PG/2026/0000001.";
    private static final String JSON = "One JSON object per registration, one per line.";
    private static final String OPERATOR = "The operator's account id (recorded in the audit trail).";

    private final Io io;
    private final Codes codes = Pec.CODES;
    @Mixin
    RegistryOptions registry = new RegistryOptions();
    private String name;
    private boolean json;
    private PrintStream out;
    private PrintStream err;
    private PrintStream notes;

    RegisterCommand(Io io) {
        this.io = io;
    }

    /** {@code o.pec register search}: the query its options describe. */
    private int search(Search o) {
        return execute("search", o.json, () -> {
            SearchQuery q = SearchQuery.all().page(nonNegative("--offset", o.offset, 0), limit(o.limit, 100));
            if (o.year != null) q = q.year(number("--year", o.year));
            if (o.number != null) {
                long n = number("--number", o.number);
                q = q.numbers(n, n);
            }
            if (o.from != null || o.to != null) {
                q = q.registeredBetween(o.from == null ? LocalDate.of(1900, 1, 1) : LocalDate.parse(o.from),
                        o.to == null ? LocalDate.of(9999, 12, 31) : LocalDate.parse(o.to));
            }
            if (o.direction != null) q = q.direction(direction(o.direction));
            if (o.annulled != null) q = q.annulled(choice("--annulled", o.annulled, SearchQuery.Annulled.class));
            if (o.office != null) q = q.office(office(o.office));
            if (o.pec) q = q.sentOverPec(true);
            if (o.text != null) q = q.text(o.text);
            return search(q);
        });
    }

    private int show(String protocol, boolean json) {
        return execute("show", json, () -> show(protocol(protocol)));
    }

    private int open(String protocol, String document, Path target) {
        return execute("open", false, () -> open(protocol(protocol), document, target));
    }

    private int assign(String protocol, String office, boolean conoscenza, String operator) {
        return execute("assign", false, () -> assign(protocol(protocol), office(office), conoscenza, operator(operator)));
    }

    private int take(String protocol, String office, String operator) {
        return execute("take", false, () -> take(protocol(protocol), office(office), operator(operator)));
    }

    private int reject(String protocol, String office, String reason, String to, String operator) {
        return execute("reject", false, () -> reject(protocol(protocol), office(office), nonBlank("--reason", reason), office(to),
                operator(operator)));
    }

    private int desk(String office, String limit, boolean json) {
        return execute("desk", json, () -> desk(office(office), limit(limit, 100)));
    }

    /** Runs a subcommand: its options read (a bad value is a usage error), then its action on the open register. */
    private int execute(String command, boolean asJson, Supplier<Action> work) {
        RegistryOptions options = registry;
        name = command;
        json = asJson;
        out = io.out();
        err = io.err();
        notes = io.notes();
        Action action;
        try {
            action = work.get();
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return usage(e.getMessage());
        }
        Optional<String> url = options.url();
        ProtocolRegistry registry;
        try {
            registry = Registers.open(url, options.password(), Clock.systemUTC());
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

    private Action search(SearchQuery query) {
        return registry -> {
            List<Registration> found = registry.search(query);
            print(registry, found);
            if (found.size() == query.limit()) {
                notes.println("pec register search: the first " + query.limit() + " shown; --offset " + (query.offset() + query.limit())
                        + " for the next, or narrower filters");
            }
            return codes.ok();
        };
    }

    private Action desk(String office, int limit) {
        return registry -> {
            List<Registration> waiting = registry.desk(office, limit);
            if (!json) out.println("Desk of " + office + ": " + waiting.size() + " waiting (assigned, not taken in charge), oldest first");
            print(registry, waiting);
            return codes.ok();
        };
    }

    private void print(ProtocolRegistry registry, List<Registration> registrations) throws IOException {
        for (Registration r : registrations) {
            if (json) {
                out.println(RegistrationReport.json(r, registry.transmissions(r.id()), Optional.empty()).toString());
            } else {
                out.println(RegistrationReport.line(r));
            }
        }
    }

    private Action show(ProtocolId id) {
        return registry -> {
            Registration r = registry.find(id).orElseThrow(() -> notFound(id));
            if (json) {
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
            if (target != null) notes.println("pec register open: " + d.fileName() + " (" + size + " bytes, impronta checked) → " + target);
            return codes.ok();
        };
    }

    private Action assign(ProtocolId id, String office, boolean conoscenza, Actor operator) {
        Assignment a = conoscenza ? Assignment.conoscenza(office) : Assignment.competenza(office);
        return registry -> {
            Registration r = registry.update(id, List.of(Change.assign(a)), operator);
            notes.println("pec register assign: " + r.id() + " assigned to " + office + " per " + RegistrationReport.lower(a.kind()));
            return codes.ok();
        };
    }

    private Action take(ProtocolId id, String office, Actor operator) {
        return registry -> {
            Registration r = registry.takeInCharge(id, office, operator);
            Assignment a = r.assignments().stream().filter(x -> x.office().equals(office)).findFirst().orElseThrow();
            notes.println("pec register take: " + r.id() + " taken in charge by " + office + " (" + a.presaInCarico().orElseThrow().by().id()
                    + ", " + a.presaInCarico().orElseThrow().at() + ")");
            return codes.ok();
        };
    }

    private Action reject(ProtocolId id, String office, String reason, String returnTo, Actor operator) {
        return registry -> {
            Registration r = registry.rejectAssignment(id, office, reason, returnTo, operator);
            notes.println("pec register reject: " + r.id() + " sent back by " + office + " to " + returnTo + ": " + reason);
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

    private static Actor operator(String text) {
        String id = nonBlank("--operator", text).trim();
        return Actor.of(id, id);
    }

    private static String nonBlank(String option, String value) {
        if (value.isBlank()) throw new IllegalArgumentException(option + " needs a value");
        return value;
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

    private static int limit(String text, int byDefault) {
        int limit = nonNegative("--limit", text, byDefault);
        if (limit < 1 || limit > SearchQuery.MAX_LIMIT) throw new IllegalArgumentException("--limit is 1-" + SearchQuery.MAX_LIMIT);
        return limit;
    }

    private static int nonNegative(String option, String text, int byDefault) {
        return text == null ? byDefault : number(option, text);
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

    @Command(name = "search", description = "The RICERCA screen: registrations by year, number, dates, direction, office, text.")
    static final class Search implements Callable<Integer> {
        @ParentCommand
        RegisterCommand parent;

        @Option(names = "--year", paramLabel = "Y", description = "Registered in year Y.")
        String year;

        @Option(names = "--number", paramLabel = "N", description = "Protocol number N.")
        String number;

        @Option(names = "--from", paramLabel = "DATE", description = "Registered on or after DATE (e.g. 2026-03-02).")
        String from;

        @Option(names = "--to", paramLabel = "DATE", description = "Registered on or before DATE.")
        String to;

        @Option(names = "--direction", paramLabel = "in|out|internal", description = "Incoming, outgoing or internal.")
        String direction;

        @Option(names = "--annulled", paramLabel = "include|exclude|only", description = "Annulled registrations (default: include).")
        String annulled;

        @Option(names = "--office", paramLabel = "CODE", description = "Assigned to office CODE.")
        String office;

        @Option(names = "--pec", description = "Only what was sent or received over PEC.")
        boolean pec;

        @Option(names = "--text", paramLabel = "T", description = "T in the subject or a correspondent.")
        String text;

        @Option(names = "--limit", paramLabel = "N", description = "At most N (default 100).")
        String limit;

        @Option(names = "--offset", paramLabel = "N", description = "Skip the first N (default 0).")
        String offset;

        @Option(names = "--json", description = JSON)
        boolean json;

        @Override
        public Integer call() {
            return parent.search(this);
        }
    }

    @Command(name = "show", description = "A registration: documents, assignments, transmissions, audit trail.")
    static final class Show implements Callable<Integer> {
        @ParentCommand
        RegisterCommand parent;

        @Parameters(paramLabel = "PROTOCOL", description = PROTOCOL)
        String protocol;

        @Option(names = "--json", description = "One JSON object.")
        boolean json;

        @Override
        public Integer call() {
            return parent.show(protocol, json);
        }
    }

    @Command(name = "open", description = "A document's bytes, checked against its impronta; nothing is written when they do not match.")
    static final class Open implements Callable<Integer> {
        @ParentCommand
        RegisterCommand parent;

        @Parameters(index = "0", paramLabel = "PROTOCOL", description = PROTOCOL)
        String protocol;

        @Parameters(index = "1", paramLabel = "DOCUMENT", description = "Its index or its file name (pec register show lists them).")
        String document;

        @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE (default: standard output).")
        Path target;

        @Override
        public Integer call() {
            return parent.open(protocol, document, target);
        }
    }

    @Command(name = "assign", description = "Smistamento: assign a registration to an office, per competenza (default) or conoscenza.")
    static final class Assign implements Callable<Integer> {
        @ParentCommand
        RegisterCommand parent;

        @Parameters(index = "0", paramLabel = "PROTOCOL", description = PROTOCOL)
        String protocol;

        @Parameters(index = "1", paramLabel = "OFFICE", description = "The office's code.")
        String office;

        @Option(names = "--conoscenza", description = "Per conoscenza (for information) rather than competenza.")
        boolean conoscenza;

        @Option(names = "--operator", paramLabel = "ID", required = true, description = OPERATOR)
        String operator;

        @Override
        public Integer call() {
            return parent.assign(protocol, office, conoscenza, operator);
        }
    }

    @Command(name = "take", description = "Presa in carico: OFFICE takes the registration assigned to it in charge.")
    static final class Take implements Callable<Integer> {
        @ParentCommand
        RegisterCommand parent;

        @Parameters(index = "0", paramLabel = "PROTOCOL", description = PROTOCOL)
        String protocol;

        @Parameters(index = "1", paramLabel = "OFFICE", description = "The office's code.")
        String office;

        @Option(names = "--operator", paramLabel = "ID", required = true, description = OPERATOR)
        String operator;

        @Override
        public Integer call() {
            return parent.take(protocol, office, operator);
        }
    }

    @Command(name = "reject", description = "Rifiuto: OFFICE sends the registration back (to the protocol office), with the reason.")
    static final class Reject implements Callable<Integer> {
        @ParentCommand
        RegisterCommand parent;

        @Parameters(index = "0", paramLabel = "PROTOCOL", description = PROTOCOL)
        String protocol;

        @Parameters(index = "1", paramLabel = "OFFICE", description = "The office giving it back.")
        String office;

        @Option(names = "--reason", paramLabel = "TEXT", required = true, description = "Why (e.g. non di competenza).")
        String reason;

        @Option(names = "--to", paramLabel = "OFFICE", required = true, description = "The office it goes back to.")
        String to;

        @Option(names = "--operator", paramLabel = "ID", required = true, description = OPERATOR)
        String operator;

        @Override
        public Integer call() {
            return parent.reject(protocol, office, reason, to, operator);
        }
    }

    @Command(name = "desk", description = "An office's desk: assigned to it, not taken in charge yet, oldest first.")
    static final class Desk implements Callable<Integer> {
        @ParentCommand
        RegisterCommand parent;

        @Parameters(paramLabel = "OFFICE", description = "The office's code.")
        String office;

        @Option(names = "--limit", paramLabel = "N", description = "At most N (default 100).")
        String limit;

        @Option(names = "--json", description = JSON)
        boolean json;

        @Override
        public Integer call() {
            return parent.desk(office, limit, json);
        }
    }
}
