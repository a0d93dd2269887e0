package io.github.pec4j.cli.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.pec4j.receipts.DeliveryBoard;
import io.github.pec4j.receipts.DeliveryState;
import io.github.pec4j.receipts.DeliveryStatus;
import io.github.pec4j.receipts.OutgoingDelivery;
import io.github.pec4j.receipts.RecipientStatus;
import io.github.pec4j.registry.ProtocolId;
import io.github.pec4j.registry.ProtocolRegistry;
import io.github.pec4j.registry.SearchQuery;
import io.github.pec4j.registry.TransmissionEvent;
import io.github.pec4j.registry.TransmissionRecord;
import io.github.pec4j.registry.jdbc.JdbcRegistry;
import io.github.pec4j.registry.jdbc.JdbcRegistryConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code pec track --registry JDBC-URL [PROTOCOL] [--overdue] [--at T] [--from DATE] [--to DATE] [--json]}: each
 * outgoing registration's delivery, recipient by recipient, read from the register alone (OUT-TRACK-01): the sends and
 * the receipts the mailroom filed, with the 12- and 24-hour deadlines applied at {@code --at} (default: now). Without
 * PROTOCOL, every outgoing registration (registered between {@code --from} and {@code --to}, Italian days, when
 * given); {@code --overdue} keeps the recipients past a deadline, with what to do next. {@code --json} prints one
 * object per registration, one per line. Database credentials come from the URL or from {@code PEC_REGISTRY_USER} /
 * {@code PEC_REGISTRY_PASSWORD}; an H2 URL never creates a register that is not there.
 */
final class TrackRegistry {
    private TrackRegistry() {}

    /** The command line of the registry mode, as given. */
    record Options(RegistryOptions registry, List<String> operands, boolean overdue, String at, String from, String to, boolean json) {}

    /** The parsed command line of the registry mode. */
    private record Request(String url, Optional<char[]> password, Optional<ProtocolId> protocol, boolean overdue, Instant at,
            Optional<LocalDate> from, Optional<LocalDate> to, boolean json) {}

    static int run(Options options, Io io) {
        PrintStream out = io.out();
        PrintStream err = io.err();
        Optional<Request> request;
        try {
            request = request(options, err);
        } catch (IOException e) {
            err.println("pec track: cannot read the database password: " + e.getMessage());
            return Pec.UNREADABLE;
        }
        if (request.isEmpty()) return Pec.USAGE;
        Request r = request.get();
        List<OutgoingDelivery> found;
        try (ProtocolRegistry registry = open(r.url(), r.password())) {
            DeliveryBoard board = DeliveryBoard.of(registry);
            if (r.protocol().isPresent()) {
                Optional<OutgoingDelivery> one = board.delivery(r.protocol().get(), r.at());
                if (one.isEmpty()) {
                    err.println("pec track: no outgoing registration " + r.protocol().get() + " in the register");
                    return Pec.UNREADABLE;
                }
                found = List.of(one.get());
            } else {
                found = all(board, r);
            }
        } catch (IOException | RuntimeException e) {
            err.println("pec track: the register cannot be read: " + e.getMessage());
            return Pec.UNREADABLE;
        } catch (Exception e) {
            err.println("pec track: the register could not be closed: " + e.getMessage());
            return Pec.UNREADABLE;
        }
        if (r.overdue()) found = found.stream().filter(d -> !d.overdue().isEmpty()).toList();
        for (OutgoingDelivery d : found) {
            if (r.json()) {
                out.println(json(d, r.overdue()).toString());
            } else {
                text(out, d, r.overdue());
            }
        }
        if (!r.json() && found.isEmpty()) out.println(r.overdue() ? "nothing overdue at " + r.at() : "no outgoing registration found");
        return Pec.OK;
    }

    private static Optional<Request> request(Options o, PrintStream err) throws IOException {
        String url = o.registry().url().orElse("");
        if (!url.startsWith("jdbc:")) {
            err.println("pec track: --registry takes a JDBC URL (jdbc:h2:file:…, jdbc:postgresql://…)");
            return Optional.empty();
        }
        if (o.operands().size() > 1) {
            err.println("pec track: with --registry, give at most one PROTOCOL (e.g. c_demo/AOO_DEMO/PG/2026/0000001), no files");
            return Optional.empty();
        }
        try {
            Optional<ProtocolId> protocol = o.operands().stream().findFirst().map(ProtocolId::parse);
            Instant at = o.at() == null ? Instant.now() : Inputs.time(o.at());
            Optional<LocalDate> from = Optional.ofNullable(o.from()).map(LocalDate::parse);
            Optional<LocalDate> to = Optional.ofNullable(o.to()).map(LocalDate::parse);
            return Optional.of(new Request(url, o.registry().password(), protocol, o.overdue(), at, from, to, o.json()));
        } catch (DateTimeParseException e) {
            err.println("pec track: --at needs " + Inputs.TIME_FORMS + "; --from and --to a date such as 2026-03-02: " + e.getParsedString());
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            err.println("pec track: not a protocol id (REGISTER/YEAR/NUMBER, e.g. c_demo/AOO_DEMO/PG/2026/0000001): " + o.operands().get(0));
            return Optional.empty();
        }
    }

    /** The register at {@code url}; an H2 URL opens only an existing database (a typo never creates an empty register). */
    private static ProtocolRegistry open(String url, Optional<char[]> password) throws IOException {
        String u = url.startsWith("jdbc:h2:") && !url.toUpperCase(Locale.ROOT).contains("IFEXISTS") ? url + ";IFEXISTS=TRUE" : url;
        return JdbcRegistry.open(u, env(Registers.USER_ENV), password.map(String::new).orElse(""), JdbcRegistryConfig.defaults(),
                Clock.systemUTC());
    }

    private static String env(String name) {
        return Optional.ofNullable(System.getenv(name)).orElse("");
    }

    private static List<OutgoingDelivery> all(DeliveryBoard board, Request r) throws IOException {
        SearchQuery query = SearchQuery.all();
        if (r.from().isPresent() || r.to().isPresent()) {
            query = query.registeredBetween(r.from().orElse(LocalDate.of(1, 1, 1)), r.to().orElse(LocalDate.of(9999, 12, 31)));
        }
        return board.deliveries(query.page(0, SearchQuery.MAX_LIMIT), r.at());
    }

    /** The recipients shown: all of them, or only those past a deadline. */
    private static List<Row> rows(OutgoingDelivery d, boolean overdueOnly) {
        List<Row> rows = new ArrayList<>();
        for (DeliveryStatus m : d.messages()) {
            for (RecipientStatus x : m.recipients()) rows.add(new Row(Optional.of(m), x));
        }
        for (RecipientStatus x : d.notSent()) rows.add(new Row(Optional.empty(), x));
        if (overdueOnly) {
            rows.removeIf(x -> x.status().state() != DeliveryState.OVERDUE && x.status().state() != DeliveryState.TIMED_OUT);
        }
        return rows;
    }

    /** A recipient with the message it was sent in (none when not sent yet). */
    private record Row(Optional<DeliveryStatus> message, RecipientStatus status) {}

    static ObjectNode json(OutgoingDelivery d, boolean overdueOnly) {
        ObjectNode o = JsonReport.MAPPER.createObjectNode();
        o.put("protocol", d.registration().toString());
        o.put("registeredAt", d.registeredAt().toString());
        o.put("oggetto", d.oggetto());
        o.put("overall", d.overall().id());
        o.put("at", d.at().toString());
        ArrayNode messages = o.putArray("messages");
        for (DeliveryStatus m : d.messages()) {
            messages.addObject().put("messageId", m.messageId()).put("overall", m.overall().id())
                    .put("acceptedAt", m.acceptedAt().map(Instant::toString).orElse(null)).put("identificativo", m.identificativo().orElse(null));
        }
        ArrayNode recipients = o.putArray("recipients");
        for (Row row : rows(d, overdueOnly)) recipient(recipients.addObject(), row);
        ArrayNode interop = o.putArray("interop");
        for (TransmissionRecord t : d.interop()) {
            TransmissionEvent e = t.event();
            interop.addObject().put("type", e.type().name().toLowerCase(Locale.ROOT).replace('_', '-')).put("from", e.recipient().orElse(null))
                    .put("at", e.occurredAt().toString()).put("recipientProtocol", e.recipientProtocol().orElse(null))
                    .put("note", e.note().orElse(null));
        }
        ArrayNode notes = o.putArray("notes");
        d.notes().forEach(notes::add);
        return o;
    }

    private static void recipient(ObjectNode x, Row row) {
        RecipientStatus r = row.status();
        x.put("address", r.address());
        x.put("messageId", row.message().map(DeliveryStatus::messageId).orElse(null));
        x.put("type", r.type());
        x.put("cc", r.cc());
        x.put("state", r.state().id());
        x.put("light", r.state().light().id());
        x.put("since", r.since().toString());
        x.put("acceptedAt", row.message().flatMap(DeliveryStatus::acceptedAt).map(Instant::toString).orElse(null));
        x.put("errore", r.detail().orElse(null));
        x.put("smtpCode", r.smtpCode().orElse(null));
        x.put("deliveryExpectedBy", r.deliveryExpectedBy().map(Instant::toString).orElse(null));
        x.put("finalNoticeBy", r.finalNoticeBy().map(Instant::toString).orElse(null));
        x.put("next", r.next());
        ArrayNode history = x.putArray("history");
        r.history().forEach(history::add);
    }

    static void text(PrintStream out, OutgoingDelivery d, boolean overdueOnly) {
        out.println("=== " + d.registration() + "  " + d.oggetto());
        out.println("  overall   " + d.overall().id().toUpperCase(Locale.ROOT) + "  (at " + d.at() + ")");
        for (DeliveryStatus m : d.messages()) {
            out.println("  sent      <" + m.messageId() + ">  " + m.acceptedAt().map(t -> "accepted " + t).orElse("no accettazione"));
        }
        if (d.messages().isEmpty()) out.println("  sent      not yet");
        List<String[]> table = new ArrayList<>();
        table.add(new String[] {"ADDRESS", "TYPE", "STATE", "SINCE", "NEXT"});
        for (Row row : rows(d, overdueOnly)) {
            RecipientStatus r = row.status();
            table.add(new String[] {r.address() + (r.cc() ? " (cc)" : ""), r.type(), r.state().id(), r.since().toString(), r.next()});
        }
        int[] width = new int[4];
        for (String[] line : table) {
            for (int c = 0; c < width.length; c++) width[c] = Math.max(width[c], line[c].length());
        }
        out.println();
        for (String[] line : table) {
            StringBuilder s = new StringBuilder("  ");
            for (int c = 0; c < width.length; c++) s.append(line[c]).append(" ".repeat(width[c] - line[c].length() + 2));
            out.println(s.append(line[4]));
        }
        for (Row row : rows(d, overdueOnly)) {
            RecipientStatus r = row.status();
            r.detail().ifPresent(x -> out.println("    " + r.address() + ": " + x + r.smtpCode().map(c -> " [" + c + "]").orElse("")));
        }
        for (TransmissionRecord t : d.interop()) {
            TransmissionEvent e = t.event();
            out.println("  interop   " + e.type().name().toLowerCase(Locale.ROOT).replace('_', '-') + " " + e.occurredAt()
                    + e.recipient().map(a -> " from " + a).orElse("") + e.recipientProtocol().map(p -> " (their protocol " + p + ")").orElse("")
                    + e.note().map(n -> ": " + n).orElse(""));
        }
        d.notes().forEach(n -> out.println("  note      " + n));
        out.println();
    }
}
