package io.github.pec4j.mailroom;

import io.github.pec4j.registry.Assignment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which offices a registered message is assigned to. <b>Every</b> rule that matches applies (not only the
 * first): their offices are merged, an office named both per competenza and per conoscenza gets
 * competenza. When no rule assigns any office per competenza — nothing matched, or only conoscenza rules
 * did — the protocol office gets the registration per competenza on its desk, so that someone always
 * handles it. Assignments commit with the registration.
 */
public final class Routing {
    private static final Pattern OFFICE = Pattern.compile("[A-Za-z0-9_.\\-]{1,40}");

    private final List<Rule> rules;
    private final String protocolOffice;

    private Routing(List<Rule> rules, String protocolOffice) {
        this.rules = List.copyOf(rules);
        this.protocolOffice = office(protocolOffice);
    }

    /**
     * The rules, in order, and the protocol office that gets what no rule routes.
     *
     * @param rules the routing rules, in order
     * @param protocolOffice the protocol office's code
     * @return the rules, in order, and the protocol office that gets what no rule routes
     * @throws IllegalArgumentException when the protocol office's code is not {@code [A-Za-z0-9_.-]{1,40}}
     */
    public static Routing of(List<Rule> rules, String protocolOffice) {
        return new Routing(Objects.requireNonNull(rules, "rules"), protocolOffice);
    }

    /**
     * No rules: everything goes to the protocol office's desk.
     *
     * @param protocolOffice the protocol office's code
     * @return the routing
     */
    public static Routing protocolOfficeOnly(String protocolOffice) {
        return new Routing(List.of(), protocolOffice);
    }

    /**
     * The rules, in order.
     *
     * @return the rules, in order
     */
    public List<Rule> rules() {
        return rules;
    }

    /**
     * The office that gets what no rule routes per competenza.
     *
     * @return the office that gets what no rule routes per competenza
     */
    public String protocolOffice() {
        return protocolOffice;
    }

    /**
     * The assignments for a message: competenza first, in rule order, then conoscenza.
     *
     * @param facts the facts of the message
     * @return the assignments for a message: competenza first, in rule order, then conoscenza
     */
    public List<Assignment> route(Facts facts) {
        Objects.requireNonNull(facts, "facts");
        Map<String, Assignment.Kind> offices = new LinkedHashMap<>();
        for (Rule r : rules) {
            if (!r.matches(facts)) continue;
            r.competenza().forEach(o -> offices.put(o, Assignment.Kind.COMPETENZA));
            r.conoscenza().forEach(o -> offices.putIfAbsent(o, Assignment.Kind.CONOSCENZA));
        }
        if (!offices.containsValue(Assignment.Kind.COMPETENZA)) {
            offices.put(protocolOffice, Assignment.Kind.COMPETENZA);
        }
        List<Assignment> out = new ArrayList<>();
        offices.forEach((o, k) -> {
            if (k == Assignment.Kind.COMPETENZA) out.add(Assignment.competenza(o));
        });
        offices.forEach((o, k) -> {
            if (k == Assignment.Kind.CONOSCENZA) out.add(new Assignment(o, k, Optional.empty(), Optional.empty()));
        });
        return List.copyOf(out);
    }

    static String office(String code) {
        Objects.requireNonNull(code, "office");
        if (!OFFICE.matcher(code).matches()) throw new IllegalArgumentException("an office code is 1-40 characters [A-Za-z0-9_.-]: " + code);
        return code;
    }

    /**
     * What routing looks at in a message.
     *
     * @param recipients the addresses the message was sent to (daticert destinatari, else To and Cc), lower case: the
     *     institutional box it reached, when an AOO has several
     * @param sender the sender's address (daticert mittente, else From)
     * @param subject the original subject
     * @param segnaturaOffices the destination offices a segnatura names (its destinatari's codice UO, or office name for
     *     foreign administrations)
     */
    public record Facts(List<String> recipients, Optional<String> sender, Optional<String> subject, List<String> segnaturaOffices) {
        /**
         * Copies the lists.
         *
         * @param recipients the addresses the message was sent to (daticert destinatari, else To and Cc), lower case:
         *     the institutional box it reached, when an AOO has several
         * @param sender the sender's address (daticert mittente, else From)
         * @param subject the original subject
         * @param segnaturaOffices the destination offices a segnatura names (its destinatari's codice UO, or office
         *     name for foreign administrations)
         */
        public Facts {
            recipients = recipients.stream().map(r -> r.trim().toLowerCase(Locale.ROOT)).toList();
            Objects.requireNonNull(sender, "sender");
            Objects.requireNonNull(subject, "subject");
            segnaturaOffices = List.copyOf(segnaturaOffices);
        }
    }

    /**
     * One routing rule: it matches when <em>every</em> criterion it gives holds; a criterion holds when any of
     * its values does. At least one criterion and at least one office are required.
     *
     * @param name a name for logs and the configuration file
     * @param recipients the message was sent to one of these addresses (case-insensitive)
     * @param senders the sender is one of these addresses, or in a domain given as {@code *@domain} (case-insensitive)
     * @param subjectKeywords the subject contains one of these words (case-insensitive)
     * @param segnaturaOffices the segnatura names one of these destination offices (codice UO, case-insensitive)
     * @param competenza offices assigned per competenza
     * @param conoscenza offices assigned per conoscenza
     */
    public record Rule(String name, List<String> recipients, List<String> senders, List<String> subjectKeywords,
            List<String> segnaturaOffices, List<String> competenza, List<String> conoscenza) {

        /**
         * Copies the lists and checks that the rule has a criterion and an office.
         *
         * @param name a name for logs and the configuration file
         * @param recipients the message was sent to one of these addresses (case-insensitive)
         * @param senders the sender is one of these addresses, or in a domain given as {@code *@domain}
         *     (case-insensitive)
         * @param subjectKeywords the subject contains one of these words (case-insensitive)
         * @param segnaturaOffices the segnatura names one of these destination offices (codice UO, case-insensitive)
         * @param competenza offices assigned per competenza
         * @param conoscenza offices assigned per conoscenza
         */
        public Rule {
            Objects.requireNonNull(name, "name");
            recipients = lower(recipients);
            senders = lower(senders);
            subjectKeywords = lower(subjectKeywords);
            segnaturaOffices = lower(segnaturaOffices);
            competenza = competenza.stream().map(Routing::office).toList();
            conoscenza = conoscenza.stream().map(Routing::office).toList();
            if (recipients.isEmpty() && senders.isEmpty() && subjectKeywords.isEmpty() && segnaturaOffices.isEmpty()) {
                throw new IllegalArgumentException("routing rule '" + name + "' has no criterion (recipients, senders, subjectKeywords, segnaturaOffices)");
            }
            if (competenza.isEmpty() && conoscenza.isEmpty()) {
                throw new IllegalArgumentException("routing rule '" + name + "' assigns no office (competenza, conoscenza)");
            }
        }

        private static List<String> lower(List<String> values) {
            return values.stream().map(v -> v.trim().toLowerCase(Locale.ROOT)).filter(v -> !v.isEmpty()).toList();
        }

        /**
         * Whether every criterion given holds for the message.
         *
         * @param f the facts of the message
         * @return whether every criterion given holds for the message
         */
        public boolean matches(Facts f) {
            return (recipients.isEmpty() || f.recipients().stream().anyMatch(recipients::contains))
                    && (senders.isEmpty() || f.sender().map(s -> senders.stream().anyMatch(p -> senderMatches(p, s))).orElse(false))
                    && (subjectKeywords.isEmpty() || f.subject().map(s -> s.toLowerCase(Locale.ROOT))
                            .map(s -> subjectKeywords.stream().anyMatch(s::contains)).orElse(false))
                    && (segnaturaOffices.isEmpty() || f.segnaturaOffices().stream().map(o -> o.toLowerCase(Locale.ROOT))
                            .anyMatch(segnaturaOffices::contains));
        }

        private static boolean senderMatches(String pattern, String sender) {
            String s = sender.trim().toLowerCase(Locale.ROOT);
            return pattern.startsWith("*@") ? s.endsWith(pattern.substring(1)) : s.equals(pattern);
        }
    }
}
