package io.github.pec4j.mailroom.internal;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The {@code mailroom:} section of the AOO's configuration file as Jackson reads it (unknown keys are errors:
 * a misspelt setting must not fall back silently); {@code MailroomConfig} turns it into the public types.
 */
public record ConfigSection(String register, String box, String classification, FoldersSection folders, ReplySection reply,
        NotificationSection notification, String protocolOffice, List<OfficeSection> offices, List<RuleSection> routing,
        Integer archiveReceiptsAfterDays, Integer overdueCheckMinutes, Boolean confermaRicezione) {

    @JsonCreator
    public ConfigSection(@JsonProperty("register") String register, @JsonProperty("box") String box,
            @JsonProperty("classification") String classification, @JsonProperty("folders") FoldersSection folders,
            @JsonProperty("reply") ReplySection reply, @JsonProperty("notification") NotificationSection notification,
            @JsonProperty("protocolOffice") String protocolOffice, @JsonProperty("offices") List<OfficeSection> offices,
            @JsonProperty("routing") List<RuleSection> routing, @JsonProperty("archiveReceiptsAfterDays") Integer archiveReceiptsAfterDays,
            @JsonProperty("overdueCheckMinutes") Integer overdueCheckMinutes, @JsonProperty("confermaRicezione") Boolean confermaRicezione) {
        this.register = register;
        this.box = box;
        this.classification = classification;
        this.folders = folders;
        this.reply = reply;
        this.notification = notification;
        this.protocolOffice = protocolOffice;
        this.offices = offices == null ? List.of() : List.copyOf(offices);
        this.routing = routing == null ? List.of() : List.copyOf(routing);
        this.archiveReceiptsAfterDays = archiveReceiptsAfterDays;
        this.overdueCheckMinutes = overdueCheckMinutes;
        this.confermaRicezione = confermaRicezione;
    }

    /** {@code folders:}; a missing name keeps its default. */
    public record FoldersSection(String registered, String receipts, String unmatchedReceipts, String refused, String quarantine,
            String errors, String archive) {
        @JsonCreator
        public FoldersSection(@JsonProperty("registered") String registered, @JsonProperty("receipts") String receipts,
                @JsonProperty("unmatchedReceipts") String unmatchedReceipts, @JsonProperty("refused") String refused,
                @JsonProperty("quarantine") String quarantine, @JsonProperty("errors") String errors, @JsonProperty("archive") String archive) {
            this.registered = registered;
            this.receipts = receipts;
            this.unmatchedReceipts = unmatchedReceipts;
            this.refused = refused;
            this.quarantine = quarantine;
            this.errors = errors;
            this.archive = archive;
        }
    }

    /** {@code reply:}. */
    public record ReplySection(String text, String subjectPrefix) {
        @JsonCreator
        public ReplySection(@JsonProperty("text") String text, @JsonProperty("subjectPrefix") String subjectPrefix) {
            this.text = text;
            this.subjectPrefix = subjectPrefix;
        }
    }

    /** {@code notification:}. */
    public record NotificationSection(String sender, String consult) {
        @JsonCreator
        public NotificationSection(@JsonProperty("sender") String sender, @JsonProperty("consult") String consult) {
            this.sender = sender;
            this.consult = consult;
        }
    }

    /** One of {@code offices:}. */
    public record OfficeSection(String code, String name, String email, Boolean withAttachments) {
        @JsonCreator
        public OfficeSection(@JsonProperty("code") String code, @JsonProperty("name") String name, @JsonProperty("email") String email,
                @JsonProperty("withAttachments") Boolean withAttachments) {
            this.code = code;
            this.name = name;
            this.email = email;
            this.withAttachments = withAttachments;
        }
    }

    /** One of {@code routing:}. */
    public record RuleSection(String name, List<String> recipients, List<String> senders, List<String> subjectKeywords,
            List<String> segnaturaOffices, List<String> competenza, List<String> conoscenza) {
        @JsonCreator
        public RuleSection(@JsonProperty("name") String name, @JsonProperty("recipients") List<String> recipients,
                @JsonProperty("senders") List<String> senders, @JsonProperty("subjectKeywords") List<String> subjectKeywords,
                @JsonProperty("segnaturaOffices") List<String> segnaturaOffices, @JsonProperty("competenza") List<String> competenza,
                @JsonProperty("conoscenza") List<String> conoscenza) {
            this.name = name;
            this.recipients = recipients == null ? List.of() : recipients;
            this.senders = senders == null ? List.of() : senders;
            this.subjectKeywords = subjectKeywords == null ? List.of() : subjectKeywords;
            this.segnaturaOffices = segnaturaOffices == null ? List.of() : segnaturaOffices;
            this.competenza = competenza == null ? List.of() : competenza;
            this.conoscenza = conoscenza == null ? List.of() : conoscenza;
        }
    }
}
