package io.github.pec4j.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The rules the decisions cite, loaded from {@code rules.json} (shipped in this module): their
 * wording and the dates they are in force are data, so a change in the law is a change of data
 * and of its test.
 */
public final class RuleBook {
    private static final RuleBook DEFAULT = load();

    private final String version;
    private final Map<String, Rule> rules;

    private RuleBook(String version, Map<String, Rule> rules) {
        this.version = version;
        this.rules = Collections.unmodifiableMap(new LinkedHashMap<>(rules));
    }

    /**
     * The rules shipped with pec4j.
     *
     * @return the rules shipped with pec4j
     */
    public static RuleBook standard() {
        return DEFAULT;
    }

    /**
     * The version (date) of the rule data.
     *
     * @return the version (date) of the rule data
     */
    public String version() {
        return version;
    }

    /**
     * Every rule, in the order of the data (registration, provenance and validity, receivability).
     *
     * @return every rule, in the order of the data (registration, provenance and validity, receivability)
     */
    public Collection<Rule> all() {
        return rules.values();
    }

    /**
     * The rule with {@code id}; a missing id is a programming error.
     *
     * @param id stable id, e.g. {@code A65-C-BIS-REGISTERED}
     * @return the rule with {@code id}; a missing id is a programming error
     */
    public Rule rule(String id) {
        Rule r = rules.get(id);
        if (r == null) throw new IllegalArgumentException("no rule " + id);
        return r;
    }

    private static RuleBook load() {
        try (InputStream in = RuleBook.class.getResourceAsStream("rules.json")) {
            if (in == null) throw new IllegalStateException("rules.json missing from pec-admission");
            JsonNode root = new ObjectMapper().readTree(in);
            Map<String, Rule> rules = new LinkedHashMap<>();
            for (JsonNode n : root.path("rules")) {
                Rule r = new Rule(n.path("id").asText(), n.path("citation").asText(), n.path("it").asText(), n.path("en").asText(),
                        LocalDate.parse(n.path("from").asText()),
                        n.hasNonNull("to") ? Optional.of(LocalDate.parse(n.path("to").asText())) : Optional.empty(),
                        n.path("source").asText());
                if (r.source().isBlank()) throw new IllegalStateException("rule " + r.id() + " has no source");
                if (rules.put(r.id(), r) != null) throw new IllegalStateException("rule " + r.id() + " defined twice");
            }
            return new RuleBook(root.path("version").asText(), rules);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rules.json", e);
        }
    }
}
