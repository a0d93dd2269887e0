package io.github.pec4j.cli.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.pec4j.registry.Assignment;
import io.github.pec4j.registry.AuditEntry;
import io.github.pec4j.registry.Correspondent;
import io.github.pec4j.registry.IdempotencyKey;
import io.github.pec4j.registry.Registration;
import io.github.pec4j.registry.StoredDocument;
import io.github.pec4j.registry.TransmissionEvent;
import io.github.pec4j.registry.TransmissionRecord;
import java.io.PrintStream;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** A registration as {@code pec register} prints it: one JSON object, or lines of text. */
final class RegistrationReport {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(Registration.ROME);

    private RegistrationReport() {}

    /** The JSON object of a registration with its transmissions, and with its audit trail when given. */
    static ObjectNode json(Registration r, List<TransmissionRecord> transmissions, Optional<List<AuditEntry>> audit) {
        ObjectNode o = JsonReport.MAPPER.createObjectNode();
        o.put("protocol", r.id().toString());
        o.put("register", r.id().register().toString());
        o.put("year", r.id().year());
        o.put("number", r.id().number());
        o.put("registeredAt", r.registeredAt().toString());
        o.put("direction", lower(r.direction()));
        o.put("channel", lower(r.channel()));
        o.put("subject", r.oggetto());
        o.set("correspondent", r.correspondents().isEmpty() ? null : correspondent(r.correspondents().get(0)));
        ArrayNode correspondents = o.putArray("correspondents");
        r.correspondents().forEach(c -> correspondents.add(correspondent(c)));
        o.put("senderReference", r.senderReference().map(s -> s.number() + " del " + s.date()).orElse(null));
        o.put("receivedAt", r.receivedAt().map(Instant::toString).orElse(null));
        o.put("classification", r.classification().code());
        o.put("fascicolo", r.fascicolo().orElse(null));
        o.put("riservato", r.riservato());
        o.put("registeredBy", r.registeredBy().id());
        o.put("idempotencyKey", r.idempotencyKey().map(IdempotencyKey::value).orElse(null));
        o.put("annulled", r.annulled());
        o.put("annulment", r.annulment().map(a -> a.request().provvedimento() + " del " + a.request().provvedimentoDate() + ": "
                + a.request().reason()).orElse(null));
        ArrayNode documents = o.putArray("documents");
        r.documents().forEach(d -> documents.add(document(d)));
        ArrayNode assignments = o.putArray("assignments");
        r.assignments().forEach(a -> assignments.add(assignment(a)));
        ArrayNode sent = o.putArray("transmissions");
        transmissions.forEach(t -> sent.add(transmission(t)));
        audit.ifPresent(entries -> {
            ArrayNode trail = o.putArray("audit");
            entries.forEach(e -> trail.add(audit(e)));
        });
        return o;
    }

    private static ObjectNode correspondent(Correspondent c) {
        ObjectNode o = JsonReport.MAPPER.createObjectNode();
        o.put("name", c.name());
        o.put("address", c.address().orElse(null));
        o.put("taxCode", c.taxCode().orElse(null));
        o.put("ipaCode", c.ipaCode().orElse(null));
        o.put("perConoscenza", c.perConoscenza());
        return o;
    }

    private static ObjectNode document(StoredDocument d) {
        ObjectNode o = JsonReport.MAPPER.createObjectNode();
        o.put("index", d.index());
        o.put("role", lower(d.role()));
        o.put("name", d.fileName());
        o.put("mediaType", d.mediaType());
        o.put("size", d.size());
        o.put("sha256", d.impronta().hex());
        return o;
    }

    private static ObjectNode assignment(Assignment a) {
        ObjectNode o = JsonReport.MAPPER.createObjectNode();
        o.put("office", a.office());
        o.put("kind", lower(a.kind()));
        o.put("person", a.person().orElse(null));
        o.put("deadline", a.deadline().map(Object::toString).orElse(null));
        o.put("takenBy", a.presaInCarico().map(p -> p.by().id()).orElse(null));
        o.put("takenAt", a.presaInCarico().map(p -> p.at().toString()).orElse(null));
        return o;
    }

    private static ObjectNode transmission(TransmissionRecord t) {
        TransmissionEvent e = t.event();
        ObjectNode o = JsonReport.MAPPER.createObjectNode();
        o.put("sequence", t.sequence());
        o.put("type", lower(e.type()));
        o.put("recipient", e.recipient().orElse(null));
        o.put("occurredAt", e.occurredAt().toString());
        o.put("identificativo", e.identificativo().orElse(null));
        o.put("msgid", e.msgid().orElse(null));
        o.put("errore", e.errore().orElse(null));
        o.put("erroreEsteso", e.erroreEsteso().orElse(null));
        o.put("recipientProtocol", e.recipientProtocol().orElse(null));
        o.put("note", e.note().orElse(null));
        o.put("receipt", t.receipt().isPresent());
        o.put("receiptSha256", t.receipt().map(d -> d.impronta().hex()).orElse(null));
        o.put("recordedAt", t.recordedAt().toString());
        return o;
    }

    private static ObjectNode audit(AuditEntry e) {
        ObjectNode o = JsonReport.MAPPER.createObjectNode();
        o.put("at", e.at().toString());
        o.put("actor", e.actor().id());
        o.put("action", lower(e.action()));
        o.put("before", e.before().orElse(null));
        o.put("after", e.after().orElse(null));
        return o;
    }

    /** One line for a list: number, local time, direction, channel, first correspondent, subject, offices. */
    static String line(Registration r) {
        String who = r.correspondents().isEmpty() ? "-" : r.correspondents().get(0).address().orElse(r.correspondents().get(0).name());
        String offices = r.assignments().stream().map(a -> a.office() + (a.taken() ? "✓" : "")).collect(Collectors.joining(","));
        return String.format("%-34s %s  %-8s %-6s %-40s %s%s%s", r.id(), LOCAL.format(r.registeredAt()), lower(r.direction()),
                lower(r.channel()), who, r.oggetto(), offices.isEmpty() ? "" : "  [" + offices + "]", r.annulled() ? "  ANNULLATO" : "");
    }

    /** Everything about a registration, for {@code pec register show}. */
    static void text(PrintStream out, Registration r, List<TransmissionRecord> transmissions, List<AuditEntry> audit) {
        out.println("=== " + r.id() + (r.annulled() ? "  ANNULLATO" : ""));
        out.println("  registered   " + LOCAL.format(r.registeredAt()) + " (" + r.registeredAt() + ") by " + r.registeredBy().id());
        out.println("  direction    " + lower(r.direction()) + " over " + lower(r.channel()));
        r.receivedAt().ifPresent(t -> out.println("  received     " + t));
        out.println("  subject      " + r.oggetto());
        for (Correspondent c : r.correspondents()) {
            out.println("  " + (r.direction() == io.github.pec4j.registry.Direction.OUTGOING ? "recipient    " : "sender       ") + c.name()
                    + c.address().filter(a -> !a.equals(c.name())).map(a -> " <" + a + ">").orElse("") + (c.perConoscenza() ? " (cc)" : ""));
        }
        r.senderReference().ifPresent(s -> out.println("  sender ref.  " + s.number() + " del " + s.date()));
        out.println("  classified   " + r.classification().code() + r.fascicolo().map(f -> ", fascicolo " + f).orElse(""));
        r.annulment().ifPresent(a -> out.println("  annulled     " + a.annulledAt() + ": " + a.request().reason()));
        out.println("  documents");
        for (StoredDocument d : r.documents()) {
            out.printf("    %2d  %-10s %-40s %10d  sha256 %s%n", d.index(), lower(d.role()), d.fileName(), d.size(), d.impronta().hex());
        }
        out.println("  assignments" + (r.assignments().isEmpty() ? "  none" : ""));
        for (Assignment a : r.assignments()) {
            out.println("    " + a.office() + "  per " + lower(a.kind()) + a.presaInCarico().map(p -> "  taken in charge by " + p.by().id()
                    + " at " + LOCAL.format(p.at())).orElse("  waiting on the desk"));
        }
        out.println("  transmissions" + (transmissions.isEmpty() ? "  none" : ""));
        for (TransmissionRecord t : transmissions) {
            TransmissionEvent e = t.event();
            out.println("    " + t.sequence() + "  " + lower(e.type()) + e.recipient().map(x -> "  " + x).orElse("") + "  " + e.occurredAt()
                    + e.errore().map(x -> "  errore " + x).orElse("") + (t.receipt().isPresent() ? "  (receipt kept)" : ""));
        }
        out.println("  audit trail");
        for (AuditEntry e : audit) {
            out.println("    " + e.at() + "  " + e.actor().id() + "  " + lower(e.action()) + e.before().map(b -> "  " + b + " →").orElse("")
                    + e.after().map(x -> "  " + x).orElse(""));
        }
    }

    static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
