package io.github.pec4j.mailroom;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.github.pec4j.admission.AooConfig;
import io.github.pec4j.mailroom.internal.ConfigSection;
import io.github.pec4j.registry.Classification;
import io.github.pec4j.registry.RegisterId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The mailroom's part of the AOO's configuration file — the {@code --aoo} file of {@code pec admit}, whose
 * top-level keys stay {@link AooConfig}'s — read from its {@code mailroom:} section:
 *
 * <pre>{@code
 * amministrazione: c_demo
 * aoo: AOO_DEMO
 * ordinaryMail: REJECT
 * mailroom:
 *   register: c_demo/AOO_DEMO/PG          # amministrazione/aoo/registro (default: the AOO's, register PG)
 *   box: protocollo@pec.comune.demo.example.it
 *   classification: "I.1"                  # titolario class at intake
 *   folders: { registered: pec4j/registered, quarantine: pec4j/quarantine }   # others keep their defaults
 *   reply: { text: "Messaggio rifiutato dal sistema.", subjectPrefix: "Re: " }
 *   notification: { sender: protocollo@comune.demo.example.it, consult: "pec register show {protocol}" }
 *   protocolOffice: PROTOCOLLO             # what no rule routes per competenza
 *   offices:
 *     - { code: TRIBUTI, name: Ufficio Tributi, email: tributi@comune.demo.example.it, withAttachments: false }
 *   routing:                               # every matching rule applies
 *     - { name: tributi, subjectKeywords: [IMU, TARI], competenza: [TRIBUTI] }
 *   archiveReceiptsAfterDays: 90           # default: never
 *   overdueCheckMinutes: 5                 # OUT-TRACK-01 overdue watch; 0 turns it off
 *   confermaRicezione: true                # answer a segnatura asking for it (OUT-INTEROP-01)
 *   outbound:                              # pec send's pre-flight (OUT-PRE-01/02); every key optional
 *     base: mogliano                       # default | mogliano: the rules the keys below change
 *     signedPrimary: REQUIRE               # NONE | WARN | REQUIRE
 *     signedPrimaryFormats: [cades, pades]
 *     secondaryTypes: [application/pdf]
 *     digitalDomicile: REQUIRE             # WARN lets ordinary addresses through, with a warning
 *     providerLimitBytes: 31457280
 * }</pre>
 *
 * <p>Unknown keys in the section are errors (a misspelt setting must not fall back silently); a file without
 * the section gives the defaults.
 *
 * @param aoo the AOO's admission choices (the file's top-level keys)
 * @param register the register incoming mail goes to
 * @param box the institutional box's address, if given (else the mailbox's own)
 * @param classification the titolario class at intake
 * @param folders the outcome folders
 * @param replyText the reply to refused ordinary mail
 * @param replySubjectPrefix what precedes the refused message's subject in the reply
 * @param notificationSender the address notifications are sent from, if not the box
 * @param consultHint how a notification says to consult the documents ({@code {protocol}} replaced)
 * @param routing the routing rules and the protocol office
 * @param offices the offices and their mailboxes
 * @param archiveReceiptsAfter the age after which filed receipts are archived, if ever
 * @param overdueCheckEvery how often the overdue watch runs ({@link Duration#ZERO}: never)
 * @param confermaRicezione whether a segnatura asking for a conferma di ricezione gets one
 * @param outbound the rules outgoing letters are checked by before registration ({@link OutboundPolicy#defaults()} unless given)
 */
public record MailroomConfig(AooConfig aoo, RegisterId register, Optional<String> box, Classification classification, Folders folders,
        String replyText, String replySubjectPrefix, Optional<String> notificationSender, String consultHint, Routing routing,
        List<Office> offices, Optional<Duration> archiveReceiptsAfter, Duration overdueCheckEvery, boolean confermaRicezione,
        OutboundPolicy outbound) {

    /** The reply to refused ordinary mail, as in the Mogliano directive. */
    public static final String DEFAULT_REPLY = "Messaggio rifiutato dal sistema.";
    /** The office that gets what no rule routes. */
    public static final String DEFAULT_PROTOCOL_OFFICE = "PROTOCOLLO";
    /** How a notification says to consult the documents. */
    public static final String DEFAULT_CONSULT = "pec register show {protocol}";
    /** The titolario class at intake. */
    public static final String DEFAULT_CLASSIFICATION = "I.1";
    /** The register code when the file names none. */
    public static final String DEFAULT_REGISTER = "PG";
    /** How often the overdue watch runs by default. */
    public static final Duration DEFAULT_OVERDUE_CHECK = Duration.ofMinutes(5);

    /**
     * Checks presence and copies the list.
     *
     * @param aoo the AOO's admission choices (the file's top-level keys)
     * @param register the register incoming mail goes to
     * @param box the institutional box's address, if given (else the mailbox's own)
     * @param classification the titolario class at intake
     * @param folders the outcome folders
     * @param replyText the reply to refused ordinary mail
     * @param replySubjectPrefix what precedes the refused message's subject in the reply
     * @param notificationSender the address notifications are sent from, if not the box
     * @param consultHint how a notification says to consult the documents ({@code {protocol}} replaced)
     * @param routing the routing rules and the protocol office
     * @param offices the offices and their mailboxes
     * @param archiveReceiptsAfter the age after which filed receipts are archived, if ever
     * @param overdueCheckEvery how often the overdue watch runs ({@link Duration#ZERO}: never)
     * @param confermaRicezione whether a segnatura asking for a conferma di ricezione gets one
     * @param outbound the rules outgoing letters are checked by before registration
     */
    public MailroomConfig {
        Objects.requireNonNull(aoo, "aoo");
        Objects.requireNonNull(register, "register");
        Objects.requireNonNull(box, "box");
        Objects.requireNonNull(classification, "classification");
        Objects.requireNonNull(folders, "folders");
        Objects.requireNonNull(replyText, "replyText");
        Objects.requireNonNull(replySubjectPrefix, "replySubjectPrefix");
        Objects.requireNonNull(notificationSender, "notificationSender");
        Objects.requireNonNull(consultHint, "consultHint");
        Objects.requireNonNull(routing, "routing");
        offices = List.copyOf(offices);
        Objects.requireNonNull(archiveReceiptsAfter, "archiveReceiptsAfter");
        Objects.requireNonNull(overdueCheckEvery, "overdueCheckEvery");
        Objects.requireNonNull(outbound, "outbound");
    }

    /**
     * A configuration with the default outbound policy.
     *
     * @param aoo the AOO's admission choices
     * @param register the register incoming mail goes to
     * @param box the institutional box's address, if given
     * @param classification the titolario class at intake
     * @param folders the outcome folders
     * @param replyText the reply to refused ordinary mail
     * @param replySubjectPrefix what precedes the refused message's subject in the reply
     * @param notificationSender the address notifications are sent from, if not the box
     * @param consultHint how a notification says to consult the documents
     * @param routing the routing rules and the protocol office
     * @param offices the offices and their mailboxes
     * @param archiveReceiptsAfter the age after which filed receipts are archived, if ever
     * @param overdueCheckEvery how often the overdue watch runs
     * @param confermaRicezione whether a segnatura asking for a conferma di ricezione gets one
     */
    public MailroomConfig(AooConfig aoo, RegisterId register, Optional<String> box, Classification classification, Folders folders,
            String replyText, String replySubjectPrefix, Optional<String> notificationSender, String consultHint, Routing routing,
            List<Office> offices, Optional<Duration> archiveReceiptsAfter, Duration overdueCheckEvery, boolean confermaRicezione) {
        this(aoo, register, box, classification, folders, replyText, replySubjectPrefix, notificationSender, consultHint, routing, offices,
                archiveReceiptsAfter, overdueCheckEvery, confermaRicezione, OutboundPolicy.defaults());
    }

    /**
     * Reads {@code .json}, {@code .yaml} or {@code .yml}: the AOO's keys with {@link AooConfig#load}, the
     * {@code mailroom:} section here.
     *
     * @param file the configuration file
     * @return the configuration
     * @throws IOException when the file cannot be read or a setting is unknown or invalid (the message says which)
     */
    public static MailroomConfig load(Path file) throws IOException {
        AooConfig aoo = AooConfig.load(file);
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        ObjectMapper mapper = name.endsWith(".yaml") || name.endsWith(".yml") ? new ObjectMapper(new YAMLFactory()) : new ObjectMapper();
        mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
        JsonNode root = mapper.readTree(Files.readString(file));
        JsonNode section = root == null ? null : root.get("mailroom");
        // read here, not by the section's binding: the policy is built from a base and the keys that change it
        JsonNode outbound = section instanceof ObjectNode o ? o.remove("outbound") : null;
        ConfigSection c = section == null || section.isNull() ? new ConfigSection(null, null, null, null, null, null, null, null, null, null, null, null)
                : mapper.treeToValue(section, ConfigSection.class);
        try {
            return of(aoo, c, outbound(outbound));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": mailroom: " + e.getMessage(), e);
        }
    }

    /** The {@code outbound:} keys applied to their base policy. */
    private static OutboundPolicy outbound(JsonNode o) {
        if (o == null || o.isNull()) return OutboundPolicy.defaults();
        if (!o.isObject()) throw new IllegalArgumentException("outbound must be a map of settings");
        Set<String> known = Set.of("base", "signedPrimary", "signedPrimaryFormats", "secondaryTypes", "digitalDomicile", "providerLimitBytes");
        o.fieldNames().forEachRemaining(k -> {
            if (!known.contains(k)) throw new IllegalArgumentException("outbound: unknown setting '" + k + "' (known: " + new TreeSet<>(known) + ")");
        });
        String base = o.path("base").asText("default");
        OutboundPolicy p = switch (base.toLowerCase(Locale.ROOT)) {
            case "default" -> OutboundPolicy.defaults();
            case "mogliano" -> OutboundPolicy.mogliano();
            default -> throw new IllegalArgumentException("outbound.base is default or mogliano: " + base);
        };
        return new OutboundPolicy(requirement(o, "signedPrimary", p.signedPrimary()), strings(o, "signedPrimaryFormats", p.signedPrimaryFormats()),
                strings(o, "secondaryTypes", p.secondaryTypes()), requirement(o, "digitalDomicile", p.digitalDomicile()), p.formats(),
                o.has("providerLimitBytes") ? o.get("providerLimitBytes").asLong(0) : p.providerLimitBytes());
    }

    private static OutboundPolicy.Requirement requirement(JsonNode o, String key, OutboundPolicy.Requirement fallback) {
        if (!o.hasNonNull(key)) return fallback;
        try {
            return OutboundPolicy.Requirement.valueOf(o.get(key).asText().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("outbound." + key + " is NONE, WARN or REQUIRE: " + o.get(key).asText());
        }
    }

    private static Set<String> strings(JsonNode o, String key, Set<String> fallback) {
        if (!o.hasNonNull(key)) return fallback;
        if (!o.get(key).isArray()) throw new IllegalArgumentException("outbound." + key + " must be a list");
        Set<String> values = new TreeSet<>();
        o.get(key).forEach(v -> values.add(v.asText()));
        return values;
    }

    private static MailroomConfig of(AooConfig aoo, ConfigSection c, OutboundPolicy outbound) {
        Folders d = Folders.defaults();
        ConfigSection.FoldersSection f = c.folders();
        Folders folders = f == null ? d : new Folders(or(f.registered(), d.registered()), or(f.receipts(), d.receipts()),
                or(f.unmatchedReceipts(), d.unmatchedReceipts()), or(f.refused(), d.refused()), or(f.quarantine(), d.quarantine()),
                or(f.errors(), d.errors()), or(f.archive(), d.archive()));
        List<Office> offices = new ArrayList<>();
        for (ConfigSection.OfficeSection o : c.offices()) {
            offices.add(new Office(Objects.requireNonNull(o.code(), "an office without code"), o.name() == null ? "" : o.name(),
                    Optional.ofNullable(o.email()).filter(e -> !e.isBlank()), o.withAttachments() != null && o.withAttachments()));
        }
        List<Routing.Rule> rules = new ArrayList<>();
        for (ConfigSection.RuleSection r : c.routing()) {
            rules.add(new Routing.Rule(r.name() == null ? "rule " + (rules.size() + 1) : r.name(), r.recipients(), r.senders(), r.subjectKeywords(),
                    r.segnaturaOffices(), r.competenza(), r.conoscenza()));
        }
        if (c.archiveReceiptsAfterDays() != null && c.archiveReceiptsAfterDays() < 1) {
            throw new IllegalArgumentException("archiveReceiptsAfterDays must be at least 1");
        }
        if (c.overdueCheckMinutes() != null && c.overdueCheckMinutes() < 0) throw new IllegalArgumentException("overdueCheckMinutes must not be negative");
        return new MailroomConfig(aoo, register(aoo, c.register()), Optional.ofNullable(c.box()).filter(b -> !b.isBlank()),
                Classification.of(or(c.classification(), DEFAULT_CLASSIFICATION)), folders,
                c.reply() == null ? DEFAULT_REPLY : or(c.reply().text(), DEFAULT_REPLY),
                c.reply() == null || c.reply().subjectPrefix() == null ? "Re: " : c.reply().subjectPrefix(),
                c.notification() == null ? Optional.empty() : Optional.ofNullable(c.notification().sender()).filter(s -> !s.isBlank()),
                c.notification() == null ? DEFAULT_CONSULT : or(c.notification().consult(), DEFAULT_CONSULT),
                Routing.of(rules, or(c.protocolOffice(), DEFAULT_PROTOCOL_OFFICE)), offices,
                Optional.ofNullable(c.archiveReceiptsAfterDays()).map(Duration::ofDays),
                c.overdueCheckMinutes() == null ? DEFAULT_OVERDUE_CHECK : Duration.ofMinutes(c.overdueCheckMinutes()),
                c.confermaRicezione() == null || c.confermaRicezione(), outbound);
    }

    private static RegisterId register(AooConfig aoo, String text) {
        if (text == null || text.isBlank()) {
            if (aoo.amministrazione().isBlank() || aoo.aoo().isBlank()) {
                throw new IllegalArgumentException("register is missing (amministrazione/aoo/registro), and the file names no amministrazione and aoo");
            }
            return RegisterId.of(aoo.amministrazione(), aoo.aoo(), DEFAULT_REGISTER);
        }
        String[] parts = text.trim().split("/");
        if (parts.length != 3) throw new IllegalArgumentException("register must be amministrazione/aoo/registro: " + text);
        return RegisterId.of(parts[0], parts[1], parts[2]);
    }

    private static String or(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
