package io.github.pec4j.admission;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.pec4j.admission.internal.YamlMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The receiving AOO's own choices, as written in its manuale di gestione: its institutional
 * mailboxes (its digital domiciles published in IPA), what to do with uncertified mail, senders to
 * accept or refuse, and the art. 53 c.5 exclusions it recognises. Read from JSON with {@link
 * #fromJson} or a file with {@link #load} ({@code .json}, or {@code .yaml}/{@code .yml} with
 * jackson-dataformat-yaml on the class path).
 *
 * @param amministrazione codice IPA of the administration
 * @param aoo codice univoco of the AOO
 * @param mailboxes the AOO's PEC domiciles (published in IPA), compared case-insensitively
 * @param ordinaryMail what to do with ordinary (non-PEC) mail reaching the PEC box
 * @param anomalia what to do with busta di anomalia (uncertified mail relayed by the provider)
 * @param senderAllow senders always registered, even when uncertified mail is quarantined or
 *     rejected (addresses or {@code *@domain}, case-insensitive)
 * @param senderDeny senders never registered (same syntax)
 * @param exclusions the art. 53 c.5 kinds the AOO recognises, by sender or subject
 * @param checkSignedDocuments whether a signed attachment that fails verification makes the message
 *     not receivable ({@code 004}); the Allegato 6 checks of the files are optional
 * @param singleIstanzaPerMessage the manuale asks for one istanza per message: several signed
 *     documents call for an operator's check
 * @param taxSector the AOO works in the tax sector, where CAD art. 65 c.1 lett. c-bis preserves
 *     "specifici sistemi di trasmissione telematica": an istanza valid only by c-bis needs an operator
 *
 * <p>The same file may carry a {@code mailroom:} section for {@code pec-mailroom}; it is not read here.
 * Every other unknown key is an error.
 */
@JsonIgnoreProperties({"mailroom"})
public record AooConfig(
        String amministrazione,
        String aoo,
        List<String> mailboxes,
        Handling ordinaryMail,
        Handling anomalia,
        List<String> senderAllow,
        List<String> senderDeny,
        List<Exclusion> exclusions,
        boolean checkSignedDocuments,
        boolean singleIstanzaPerMessage,
        boolean taxSector) {

    /** What happens to uncertified mail. */
    public enum Handling {
        /** Register it (DPR 445/2000 art. 53 c.5: the default). */
        REGISTER,
        /** Hold it for an operator, unregistered. */
        QUARANTINE,
        /** Refuse it: not registered, not receivable. */
        REJECT
    }

    /**
     * An art. 53 c.5 kind of document, recognised by sender or subject.
     *
     * @param category e.g. {@code newsletter}, {@code gazzetta ufficiale}, {@code pubblicità}
     * @param senders sender addresses or {@code *@domain}
     * @param subjects regular expressions matched (case-insensitively) anywhere in the subject
     */
    public record Exclusion(String category, List<String> senders, List<String> subjects) {
        /**
         * Creates the exclusion as a JSON or YAML file gives it; the subject patterns are compiled once to reject a
         * bad one early.
         *
         * @param category e.g. {@code newsletter}, {@code gazzetta ufficiale}, {@code pubblicità}
         * @param senders sender addresses or {@code *@domain}
         * @param subjects regular expressions matched (case-insensitively) anywhere in the subject
         */
        @JsonCreator
        public Exclusion(@JsonProperty("category") String category, @JsonProperty("senders") List<String> senders,
                @JsonProperty("subjects") List<String> subjects) {
            this.category = Objects.requireNonNull(category, "category");
            this.senders = senders == null ? List.of() : List.copyOf(senders);
            this.subjects = subjects == null ? List.of() : List.copyOf(subjects);
            this.subjects.forEach(Pattern::compile);
        }

        /**
         * Whether a message from {@code sender} with {@code subject} is of this kind.
         *
         * @param sender the sender's address, when there is one
         * @param subject the subject (the original's, for PEC)
         * @return whether a message from {@code sender} with {@code subject} is of this kind
         */
        public boolean matches(Optional<String> sender, Optional<String> subject) {
            return sender.map(s -> matchesAny(senders, s)).orElse(false)
                    || subject.map(s -> subjects.stream().anyMatch(p -> Pattern.compile(p, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)
                            .matcher(s).find())).orElse(false);
        }
    }

    /**
     * Creates the configuration as a JSON or YAML file gives it: an absent list is empty, an absent flag takes the
     * law's default.
     *
     * @param amministrazione codice IPA of the administration
     * @param aoo codice univoco of the AOO
     * @param mailboxes the AOO's PEC domiciles (published in IPA), compared case-insensitively
     * @param ordinaryMail what to do with ordinary (non-PEC) mail reaching the PEC box
     * @param anomalia what to do with busta di anomalia (uncertified mail relayed by the provider)
     * @param senderAllow senders always registered, even when uncertified mail is quarantined or rejected (addresses
     *     or {@code *@domain}, case-insensitive)
     * @param senderDeny senders never registered (same syntax)
     * @param exclusions the art. 53 c.5 kinds the AOO recognises, by sender or subject
     * @param checkSignedDocuments whether a signed attachment that fails verification makes the message not
     *     receivable ({@code 004}); the Allegato 6 checks of the files are optional
     * @param singleIstanzaPerMessage the manuale asks for one istanza per message: several signed documents call for
     *     an operator's check
     * @param taxSector the AOO works in the tax sector, where CAD art. 65 c.1 lett. c-bis preserves "specifici
     *     sistemi di trasmissione telematica": an istanza valid only by c-bis needs an operator <p>The same file may
     *     carry a {@code mailroom:} section for {@code pec-mailroom}; it is not read here. Every other unknown key is
     *     an error.
     */
    @JsonCreator
    public AooConfig(@JsonProperty("amministrazione") String amministrazione, @JsonProperty("aoo") String aoo,
            @JsonProperty("mailboxes") List<String> mailboxes, @JsonProperty("ordinaryMail") Handling ordinaryMail,
            @JsonProperty("anomalia") Handling anomalia, @JsonProperty("senderAllow") List<String> senderAllow,
            @JsonProperty("senderDeny") List<String> senderDeny, @JsonProperty("exclusions") List<Exclusion> exclusions,
            @JsonProperty("checkSignedDocuments") Boolean checkSignedDocuments,
            @JsonProperty("singleIstanzaPerMessage") Boolean singleIstanzaPerMessage,
            @JsonProperty("taxSector") Boolean taxSector) {
        this(amministrazione == null ? "" : amministrazione, aoo == null ? "" : aoo, orEmpty(mailboxes),
                ordinaryMail == null ? Handling.REGISTER : ordinaryMail, anomalia == null ? Handling.REGISTER : anomalia,
                orEmpty(senderAllow), orEmpty(senderDeny), exclusions == null ? List.of() : exclusions,
                checkSignedDocuments == null || checkSignedDocuments, singleIstanzaPerMessage != null && singleIstanzaPerMessage,
                taxSector != null && taxSector);
    }

    /**
     * A configuration outside the tax sector.
     *
     * @param amministrazione codice IPA of the administration
     * @param aoo codice univoco of the AOO
     * @param mailboxes the AOO's PEC domiciles (published in IPA), compared case-insensitively
     * @param ordinaryMail what to do with ordinary (non-PEC) mail reaching the PEC box
     * @param anomalia what to do with busta di anomalia (uncertified mail relayed by the provider)
     * @param senderAllow senders always registered, even when uncertified mail is quarantined or rejected (addresses
     *     or {@code *@domain}, case-insensitive)
     * @param senderDeny senders never registered (same syntax)
     * @param exclusions the art. 53 c.5 kinds the AOO recognises, by sender or subject
     * @param checkSignedDocuments whether a signed attachment that fails verification makes the message not
     *     receivable ({@code 004}); the Allegato 6 checks of the files are optional
     * @param singleIstanzaPerMessage the manuale asks for one istanza per message: several signed documents call for
     *     an operator's check
     */
    public AooConfig(String amministrazione, String aoo, List<String> mailboxes, Handling ordinaryMail, Handling anomalia,
            List<String> senderAllow, List<String> senderDeny, List<Exclusion> exclusions, boolean checkSignedDocuments,
            boolean singleIstanzaPerMessage) {
        this(amministrazione, aoo, mailboxes, ordinaryMail, anomalia, senderAllow, senderDeny, exclusions, checkSignedDocuments,
                singleIstanzaPerMessage, false);
    }

    /**
     * Creates the record: copies the lists and refuses null components.
     *
     * @param amministrazione codice IPA of the administration
     * @param aoo codice univoco of the AOO
     * @param mailboxes the AOO's PEC domiciles (published in IPA), compared case-insensitively
     * @param ordinaryMail what to do with ordinary (non-PEC) mail reaching the PEC box
     * @param anomalia what to do with busta di anomalia (uncertified mail relayed by the provider)
     * @param senderAllow senders always registered, even when uncertified mail is quarantined or rejected (addresses
     *     or {@code *@domain}, case-insensitive)
     * @param senderDeny senders never registered (same syntax)
     * @param exclusions the art. 53 c.5 kinds the AOO recognises, by sender or subject
     * @param checkSignedDocuments whether a signed attachment that fails verification makes the message not
     *     receivable ({@code 004}); the Allegato 6 checks of the files are optional
     * @param singleIstanzaPerMessage the manuale asks for one istanza per message: several signed documents call for
     *     an operator's check
     * @param taxSector the AOO works in the tax sector, where CAD art. 65 c.1 lett. c-bis preserves "specifici
     *     sistemi di trasmissione telematica": an istanza valid only by c-bis needs an operator <p>The same file may
     *     carry a {@code mailroom:} section for {@code pec-mailroom}; it is not read here. Every other unknown key is
     *     an error.
     */
    public AooConfig {
        Objects.requireNonNull(amministrazione, "amministrazione");
        Objects.requireNonNull(aoo, "aoo");
        mailboxes = mailboxes.stream().map(m -> m.trim().toLowerCase(Locale.ROOT)).toList();
        Objects.requireNonNull(ordinaryMail, "ordinaryMail");
        Objects.requireNonNull(anomalia, "anomalia");
        senderAllow = List.copyOf(senderAllow);
        senderDeny = List.copyOf(senderDeny);
        exclusions = List.copyOf(exclusions);
    }

    private static List<String> orEmpty(List<String> list) {
        return list == null ? List.of() : list;
    }

    /**
     * The law's defaults: register everything, check signed documents, no lists, no exclusions.
     *
     * @return the law's defaults: register everything, check signed documents, no lists, no exclusions
     */
    public static AooConfig defaults() {
        return new AooConfig("", "", List.of(), Handling.REGISTER, Handling.REGISTER, List.of(), List.of(), List.of(), true, false);
    }

    /**
     * The same configuration with other PEC domiciles.
     *
     * @param addresses the AOO's PEC addresses, compared without regard to case
     * @return the configuration with these mailboxes
     */
    public AooConfig withMailboxes(String... addresses) {
        return new AooConfig(amministrazione, aoo, List.of(addresses), ordinaryMail, anomalia, senderAllow, senderDeny, exclusions,
                checkSignedDocuments, singleIstanzaPerMessage, taxSector);
    }

    /**
     * The same configuration with other handling of uncertified mail.
     *
     * @param ordinary what to do with ordinary (non-PEC) mail reaching the PEC box
     * @param anomaliaHandling what to do with a busta di anomalia
     * @return the configuration with these settings
     */
    public AooConfig withUncertified(Handling ordinary, Handling anomaliaHandling) {
        return new AooConfig(amministrazione, aoo, mailboxes, ordinary, anomaliaHandling, senderAllow, senderDeny, exclusions,
                checkSignedDocuments, singleIstanzaPerMessage, taxSector);
    }

    /**
     * The same configuration with other sender lists.
     *
     * @param allow senders always registered (addresses or {@code *@domain})
     * @param deny senders never registered (same syntax)
     * @return the configuration with these lists
     */
    public AooConfig withSenders(List<String> allow, List<String> deny) {
        return new AooConfig(amministrazione, aoo, mailboxes, ordinaryMail, anomalia, allow, deny, exclusions, checkSignedDocuments,
                singleIstanzaPerMessage, taxSector);
    }

    /**
     * The same configuration with other art. 53 c.5 exclusions.
     *
     * @param list the kinds of message the AOO does not register
     * @return the configuration with these exclusions
     */
    public AooConfig withExclusions(List<Exclusion> list) {
        return new AooConfig(amministrazione, aoo, mailboxes, ordinaryMail, anomalia, senderAllow, senderDeny, list, checkSignedDocuments,
                singleIstanzaPerMessage, taxSector);
    }

    /**
     * The same configuration for an AOO in, or outside, the tax sector (CAD art. 65 c.1 lett. c-bis, last sentence).
     *
     * @param value whether the AOO works in the tax sector
     * @return the configuration with that setting
     */
    public AooConfig withTaxSector(boolean value) {
        return new AooConfig(amministrazione, aoo, mailboxes, ordinaryMail, anomalia, senderAllow, senderDeny, exclusions,
                checkSignedDocuments, singleIstanzaPerMessage, value);
    }

    /**
     * Whether {@code address} is one of the AOO's own domiciles.
     *
     * @param address a mailbox address, in any case
     * @return whether {@code address} is one of the AOO's own domiciles
     */
    public boolean isOwnMailbox(String address) {
        return mailboxes.contains(address.trim().toLowerCase(Locale.ROOT));
    }

    /**
     * Whether {@code sender} is on the allow list.
     *
     * @param sender the sender's address
     * @return true when an address or {@code *@domain} entry of the allow list matches
     */
    public boolean allows(String sender) {
        return matchesAny(senderAllow, sender);
    }

    /**
     * Whether {@code sender} is on the deny list.
     *
     * @param sender the sender's address
     * @return true when an address or {@code *@domain} entry of the deny list matches
     */
    public boolean denies(String sender) {
        return matchesAny(senderDeny, sender);
    }

    static boolean matchesAny(List<String> patterns, String address) {
        String a = address.trim().toLowerCase(Locale.ROOT);
        for (String p : patterns) {
            String q = p.trim().toLowerCase(Locale.ROOT);
            if (q.startsWith("*@") ? a.endsWith(q.substring(1)) : a.equals(q)) return true;
        }
        return false;
    }

    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    /**
     * Reads a configuration; unknown fields are errors (a misspelt setting must not fall back silently).
     *
     * @param json the configuration as JSON text
     * @return the configuration, with defaults for the settings left out
     * @throws IOException when the text is not a valid configuration
     */
    public static AooConfig fromJson(String json) throws IOException {
        return JSON.readValue(json, AooConfig.class);
    }

    /**
     * Reads {@code .json}, {@code .yaml} or {@code .yml}.
     *
     * @param file the file's name
     * @return the configuration, with defaults for the settings left out
     * @throws IOException when jackson-dataformat-yaml is not available (JSON needs nothing more)
     */
    public static AooConfig load(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String text = Files.readString(file);
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            ObjectMapper yaml = YamlMapper.create().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
            return yaml.readValue(text, AooConfig.class);
        }
        return fromJson(text);
    }
}
