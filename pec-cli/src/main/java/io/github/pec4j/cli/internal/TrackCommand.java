package io.github.pec4j.cli.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.pec4j.core.PecKind;
import io.github.pec4j.core.PecMessage;
import io.github.pec4j.core.PecParser;
import io.github.pec4j.receipts.DeliveryStatus;
import io.github.pec4j.receipts.DeliveryTracker;
import io.github.pec4j.receipts.ReceiptFacts;
import io.github.pec4j.receipts.RecipientStatus;
import io.github.pec4j.receipts.SentMessage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code pec track SENT.eml [RECEIPT.eml...] [--at ISO-DATE-TIME] [--json]}: where a sent message
 * stands, recipient by recipient, given the receipts that came back for it. With {@code --registry JDBC-URL}
 * everything is read from the register instead ({@link TrackRegistry}).
 *
 * <p>The receipts are applied in the order of their daticert time, the provider's accettazione (or
 * non-accettazione) first, not in the order of the command line: a set of files is not an arrival
 * sequence, and the accettazione brings the identificativo that receipts without a client
 * Message-ID are matched by. Correlation is the tracker's (client Message-ID, daticert {@code msgid}, identificativo),
 * never the Subject or the file name. Files that are not receipts, receipts of another message, receipts
 * whose keys contradict each other and unreadable files are listed as unmatched with the reason and never
 * stop the others; a file that could not be read, or whose reading failed, makes the exit status say so.
 * A different receipt under a Message-ID another receipt already had is applied, with a warning.
 */
@Command(name = "track", description = {"Delivery of a sent message per recipient (status, since, next) and its light, from its receipts, "
        + "matched by Message-ID, never Subject.",
    "With --registry: the same, read from the register: every outgoing registration's recipients, or one."})
public final class TrackCommand implements Callable<Integer> {
    /** A receipt file and what became of it. */
    private record Handled(String file, int position, String kind, String outcome, Optional<String> recipient, String reason,
            List<String> warnings) {
        Handled(String file, int position, String kind, String outcome, Optional<String> recipient, String reason) {
            this(file, position, kind, outcome, recipient, reason, List.of());
        }
    }

    /** A parsed receipt waiting to be applied, with its place on the command line. */
    private record Parsed(String file, int position, ReceiptFacts facts) {}

    private final Io io;

    @Parameters(paramLabel = "FILE", description = "SENT.eml (the message as submitted) then its RECEIPT.eml files; with --registry, at "
            + "most one PROTOCOL (e.g. c_demo/AOO_DEMO/PG/2026/0000001).")
    List<String> operands = new ArrayList<>();

    @Option(names = "--json", description = "One JSON object (per registration with --registry), one per line.")
    boolean json;

    @Option(names = "--at", paramLabel = "ISO-DATE-TIME", description = "When the 12/24-hour deadlines are evaluated (default: now); a local "
            + "time is Italian.")
    String at;

    @Mixin
    RegistryOptions registry = new RegistryOptions();

    @Option(names = "--overdue", description = "With --registry: only the recipients past their 12/24-hour deadline, with what to do next.")
    boolean overdue;

    @Option(names = "--from", paramLabel = "DATE", description = "With --registry: registered on or after DATE (Italian days).")
    String from;

    @Option(names = "--to", paramLabel = "DATE", description = "With --registry: registered on or before DATE (Italian days).")
    String to;

    TrackCommand(Io io) {
        this.io = io;
    }

    /** Runs {@code pec track}: from files, or from the register with {@code --registry} ({@link TrackRegistry}). */
    @Override
    public Integer call() {
        PrintStream err = io.err();
        if (registry.url().isPresent()) {
            return TrackRegistry.run(new TrackRegistry.Options(registry, operands, overdue, at, from, to, json), io);
        }
        if (overdue || from != null || to != null) {
            err.println("pec track: --overdue, --from and --to go with --registry");
            return Pec.USAGE;
        }
        if (operands.isEmpty()) {
            err.println("pec track: no sent message given: pec track SENT.eml RECEIPT.eml..., or pec track --registry JDBC-URL [PROTOCOL]");
            return Pec.USAGE;
        }
        Instant when;
        try {
            when = at == null ? Instant.now() : Inputs.time(at);
        } catch (DateTimeParseException e) {
            err.println("pec track: --at needs " + Inputs.TIME_FORMS + ": " + at);
            return Pec.USAGE;
        }
        return track(operands, when, io.out(), err, io.notes());
    }

    private int track(List<String> files, Instant at, PrintStream out, PrintStream err, PrintStream notes) {
        int ok = Pec.OK;
        int usage = Pec.USAGE;
        int unreadable = Pec.UNREADABLE;
        PecParser parser = PecParser.create();
        String sentFile = files.get(0);
        SentMessage sent;
        try (PecMessage m = parser.parse(Inputs.regularFile(sentFile))) {
            if (m.kind().isReceipt()) {
                err.println("pec track: " + sentFile + " is a receipt (" + m.kind().id() + "), not the sent message: give the message as "
                        + "submitted first, then its receipts");
                return usage;
            }
            if (m.kind() == PecKind.POSTA_CERTIFICATA) {
                notes.println("pec track: " + sentFile + " is a posta-certificata envelope, not the message as submitted: its Message-ID "
                        + "is the provider's identificativo, so receipts may not match");
            }
            sent = SentMessage.from(m);
            if (sent.sentAt().equals(Instant.EPOCH)) {
                notes.println("pec track: " + sentFile + " has no readable Date: the time of sending is unknown (shown as " + Instant.EPOCH + ")");
            }
        } catch (IOException | InvalidPathException e) {
            err.println("pec track: " + sentFile + ": " + Inputs.problem(e));
            return unreadable;
        } catch (IllegalArgumentException e) {
            err.println("pec track: " + sentFile + ": cannot track: " + e.getMessage());
            return unreadable;
        } catch (RuntimeException | StackOverflowError e) {
            // a fault of ours or of a library: said plainly, never a stack trace
            err.println("pec track: " + sentFile + ": cannot read: " + failure(e));
            return unreadable;
        }

        int status = ok;
        List<Handled> handled = new ArrayList<>();
        List<Parsed> receipts = new ArrayList<>();
        for (int i = 1; i < files.size(); i++) {
            String file = files.get(i);
            try {
                Path path = Inputs.regularFile(file);
                try (PecMessage m = parser.parse(path)) {
                    if (!m.kind().isReceipt()) {
                        handled.add(new Handled(file, i, m.kind().id(), "not-a-receipt", Optional.empty(), "not a receipt: " + m.kind().id()));
                        continue;
                    }
                    Optional<String> unusable = ReceiptFacts.unusable(m);
                    if (unusable.isPresent()) {
                        // fail closed: a receipt not read in full proves nothing
                        handled.add(new Handled(file, i, m.kind().id(), "unmatched", Optional.empty(), unusable.get()));
                        continue;
                    }
                    receipts.add(new Parsed(file, i, ReceiptFacts.from(m, fallbackTime(path, sent))));
                }
            } catch (IOException | InvalidPathException e) {
                status = unreadable;
                err.println("pec track: " + file + ": " + Inputs.problem(e));
                handled.add(new Handled(file, i, "unreadable", "unreadable", Optional.empty(), Inputs.problem(e)));
            } catch (RuntimeException | StackOverflowError e) {
                // one file's failure is that file's entry; the batch goes on and the exit status says a file failed
                status = unreadable;
                err.println("pec track: " + file + ": cannot read: " + failure(e));
                handled.add(new Handled(file, i, "unreadable", "error", Optional.empty(), "cannot read: " + failure(e)));
            }
        }

        DeliveryTracker tracker = DeliveryTracker.create();
        tracker.track(sent);
        // the provider's own notices first: the accettazione brings the identificativo later receipts may be matched by
        receipts.sort(Comparator.comparing((Parsed p) -> p.facts().kind() != PecKind.ACCETTAZIONE && p.facts().kind() != PecKind.NON_ACCETTAZIONE)
                .thenComparing(p -> p.facts().time()).thenComparingInt(Parsed::position));
        for (Parsed p : receipts) {
            DeliveryTracker.Match match = tracker.accept(p.facts());
            handled.add(new Handled(p.file(), p.position(), p.facts().kind().id(), match.outcome().name().toLowerCase(Locale.ROOT),
                    match.recipient(), match.reason(), match.warnings()));
            match.warnings().forEach(w -> notes.println("pec track: " + p.file() + ": warning: " + w));
        }
        handled.sort(Comparator.comparingInt(Handled::position));
        DeliveryStatus s = tracker.status(sent.messageId(), at).orElseThrow();
        if (json) {
            try {
                out.println(JsonReport.MAPPER.writeValueAsString(json(sentFile, s, handled)));
            } catch (IOException e) {
                err.println("pec track: cannot write the report: " + e.getMessage());
                return unreadable;
            }
        } else {
            text(out, sentFile, s, handled);
        }
        return status;
    }

    /**
     * An ISO offset date-time ({@code 2024-05-06T10:15:00+02:00}, {@code …Z}, optionally with a
     * {@code [zone]}), or a local date-time or date, read as Europe/Rome.
     */
    /** The time of a receipt whose daticert has none: the file's modification time, else the time of sending. */
    private static Instant fallbackTime(Path path, SentMessage sent) {
        try {
            return Files.getLastModifiedTime(path).toInstant();
        } catch (IOException e) {
            return sent.sentAt();
        }
    }

    /** What failed, in one line: the exception's type and message, no stack trace. */
    private static String failure(Throwable e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    /** Receipts that did not count: not receipts, unreadable, or matching no tracked message. */
    private static List<Handled> unmatched(List<Handled> handled) {
        return handled.stream().filter(h -> !h.outcome().equals("matched") && !h.outcome().equals("duplicate")).toList();
    }

    static ObjectNode json(String sentFile, DeliveryStatus s, List<Handled> handled) {
        ObjectNode o = JsonReport.MAPPER.createObjectNode();
        o.put("file", sentFile);
        o.put("messageId", s.messageId());
        o.put("overall", s.overall().id());
        o.put("acceptedAt", s.acceptedAt().map(Instant::toString).orElse(null));
        o.put("identificativo", s.identificativo().orElse(null));
        o.put("at", s.at().toString());
        ArrayNode recipients = o.putArray("recipients");
        for (RecipientStatus r : s.recipients()) {
            ObjectNode x = recipients.addObject();
            x.put("address", r.address());
            x.put("type", r.type());
            x.put("cc", r.cc());
            x.put("status", r.state().id());
            x.put("light", r.state().light().id());
            x.put("since", r.since().toString());
            x.put("next", r.next());
            x.put("detail", r.detail().orElse(null));
            x.put("smtpCode", r.smtpCode().orElse(null));
            x.put("deliveryExpectedBy", r.deliveryExpectedBy().map(Instant::toString).orElse(null));
            x.put("finalNoticeBy", r.finalNoticeBy().map(Instant::toString).orElse(null));
            ArrayNode history = x.putArray("history");
            r.history().forEach(history::add);
        }
        ArrayNode receipts = o.putArray("receipts");
        for (Handled h : handled) {
            ObjectNode x = receipts.addObject();
            x.put("file", h.file());
            x.put("kind", h.kind());
            x.put("outcome", h.outcome());
            x.put("recipient", h.recipient().orElse(null));
            x.put("reason", h.reason());
            ArrayNode warnings = x.putArray("warnings");
            h.warnings().forEach(warnings::add);
        }
        ArrayNode warnings = o.putArray("warnings");
        for (Handled h : handled) {
            for (String w : h.warnings()) {
                warnings.addObject().put("file", h.file()).put("warning", w);
            }
        }
        ArrayNode unmatched = o.putArray("unmatched");
        for (Handled h : unmatched(handled)) {
            ObjectNode x = unmatched.addObject();
            x.put("file", h.file());
            x.put("kind", h.kind());
            x.put("reason", h.reason());
        }
        return o;
    }

    static void text(PrintStream out, String sentFile, DeliveryStatus s, List<Handled> handled) {
        out.println("=== " + sentFile + "  <" + s.messageId() + ">");
        out.println("  overall   " + s.overall().id().toUpperCase(Locale.ROOT) + "  (at " + s.at() + ")");
        out.println("  accepted  " + s.acceptedAt().map(t -> t + s.identificativo().map(i -> "  identificativo " + i).orElse(""))
                .orElse("no accettazione"));
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"ADDRESS", "TYPE", "STATUS", "SINCE", "NEXT"});
        for (RecipientStatus r : s.recipients()) {
            rows.add(new String[] {r.address() + (r.cc() ? " (cc)" : ""), r.type(), r.state().id(), r.since().toString(), r.next()});
        }
        int[] width = new int[4];
        for (String[] row : rows) {
            for (int c = 0; c < width.length; c++) width[c] = Math.max(width[c], row[c].length());
        }
        out.println();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder("  ");
            for (int c = 0; c < width.length; c++) line.append(pad(row[c], width[c])).append("  ");
            out.println(line.append(row[4]));
        }
        for (RecipientStatus r : s.recipients()) {
            if (r.detail().isPresent()) {
                out.println("    " + r.address() + ": " + r.detail().get() + r.smtpCode().map(c -> " [" + c + "]").orElse(""));
            }
        }
        List<Handled> warned = handled.stream().filter(h -> !h.warnings().isEmpty()).toList();
        if (!warned.isEmpty()) {
            out.println();
            out.println("  warnings:");
            for (Handled h : warned) {
                h.warnings().forEach(w -> out.println("    " + h.file() + "  " + w));
            }
        }
        List<Handled> unmatched = unmatched(handled);
        if (!unmatched.isEmpty()) {
            out.println();
            out.println("  unmatched (not applied):");
            for (Handled h : unmatched) {
                out.println("    " + h.file() + "  (" + h.kind() + ")  " + h.reason());
            }
        }
        out.println();
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }
}
