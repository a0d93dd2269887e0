package io.github.pec4j.directory.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.pec4j.directory.Domicile;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The JSON of the INAD extraction API ({@code AgID/INAD_API_Extraction}), read as trees. */
public final class InadJson {
    /** INAD dates are read in Italy's zone when they carry no offset. */
    public static final ZoneId ZONE = ZoneId.of("Europe/Rome");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private InadJson() {}

    /** Thrown when a response does not have the documented shape. */
    public static final class MalformedException extends Exception {
        private static final long serialVersionUID = 1L;

        public MalformedException(String message) {
            super(message);
        }
    }

    /**
     * One {@code Response_Request_Digital_Address}: the codice fiscale, the extraction instant
     * ({@code since}, which despite its name is when INAD answered) and the domiciles listed.
     */
    public record Extract(String taxCode, Optional<Instant> extractedAt, List<Domicile> domiciles) {}

    /** A {@code Response_Verify_Digital_Address}. */
    public record Verification(boolean outcome, Instant dateTimeCheck) {}

    /** A {@code Response_Status_List_Digital_Address} or {@code Response_Request_List_Digital_Address}. */
    public record State(String state, Optional<String> id) {}

    public static JsonNode parse(byte[] body) throws MalformedException {
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || !node.isObject()) {
                throw new MalformedException("not a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new MalformedException("not JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new MalformedException("unreadable: " + e.getMessage());
        }
    }

    public static Extract extract(JsonNode node, String source) throws MalformedException {
        String taxCode = text(node, "codiceFiscale").orElseThrow(() -> new MalformedException("no codiceFiscale"));
        Optional<Instant> since = text(node, "since").map(InadJson::instant).flatMap(o -> o);
        JsonNode addresses = node.get("digitalAddress");
        List<Domicile> domiciles = new ArrayList<>();
        if (addresses != null && !addresses.isNull()) {
            if (!addresses.isArray()) {
                throw new MalformedException("digitalAddress is not an array");
            }
            for (JsonNode element : addresses) {
                domiciles.add(domicile(element, source));
            }
        }
        return new Extract(taxCode, since, List.copyOf(domiciles));
    }

    private static Domicile domicile(JsonNode element, String source) throws MalformedException {
        String address = text(element, "digitalAddress").orElseThrow(() -> new MalformedException("an element has no digitalAddress"));
        Optional<String> profession = text(element, "practicedProfession");
        Optional<LocalDate> until = Optional.empty();
        JsonNode usage = element.get("usageInfo");
        if (usage != null && usage.isObject()) {
            Optional<String> end = text(usage, "dateEndValidity");
            if (end.isPresent()) {
                until = Optional.of(instant(end.get()).orElseThrow(() -> new MalformedException("unreadable dateEndValidity " + end.get()))
                        .atZone(ZONE).toLocalDate());
            }
        }
        try {
            return new Domicile(address, source, Optional.empty(), until, profession);
        } catch (IllegalArgumentException e) {
            throw new MalformedException(e.getMessage());
        }
    }

    public static Verification verification(JsonNode node) throws MalformedException {
        JsonNode outcome = node.get("outcome");
        if (outcome == null || !outcome.isBoolean()) {
            throw new MalformedException("no boolean outcome");
        }
        String check = text(node, "dateTimeCheck").orElseThrow(() -> new MalformedException("no dateTimeCheck"));
        Instant at = instant(check).orElseThrow(() -> new MalformedException("unreadable dateTimeCheck " + check));
        return new Verification(outcome.booleanValue(), at);
    }

    public static State state(JsonNode node) throws MalformedException {
        String state = text(node, "state").orElseThrow(() -> new MalformedException("no state"));
        return new State(state, text(node, "id"));
    }

    /** The {@code list} of a {@code Response_List_Digital_Address}. */
    public static List<Extract> list(JsonNode node, String source) throws MalformedException {
        JsonNode list = node.get("list");
        if (list == null || !list.isArray()) {
            throw new MalformedException("no list array");
        }
        List<Extract> extracts = new ArrayList<>();
        for (JsonNode item : list) {
            if (!item.isObject()) {
                throw new MalformedException("a list item is not an object");
            }
            extracts.add(extract(item, source));
        }
        return extracts;
    }

    /** The body of {@code POST /listDigitalAddress}, with the API's own spelling {@code praticalReference}. */
    public static byte[] batchRequest(Collection<String> taxCodes, String practicalReference) {
        ObjectNode body = MAPPER.createObjectNode();
        ArrayNode codes = body.putArray("codiciFiscali");
        taxCodes.forEach(codes::add);
        body.put("praticalReference", practicalReference);
        try {
            return MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings always serialises", e);
        }
    }

    /** The {@code type} and {@code detail} of an {@code Errore} body, if the body is one. */
    public static Optional<String> error(byte[] body) {
        try {
            JsonNode node = parse(body);
            Optional<String> type = text(node, "type");
            return type.map(t -> t + text(node, "detail").map(d -> " (" + d + ")").orElse(""));
        } catch (MalformedException e) {
            return Optional.empty();
        }
    }

    /** An ISO 8601 date-time with an offset, without one (Italian time), or a bare date (its start in Italy). */
    public static Optional<Instant> instant(String s) {
        try {
            return Optional.of(OffsetDateTime.parse(s).toInstant());
        } catch (DateTimeException e) {
            // try the next form
        }
        try {
            return Optional.of(LocalDateTime.parse(s).atZone(ZONE).toInstant());
        } catch (DateTimeException e) {
            // try the next form
        }
        try {
            return Optional.of(LocalDate.parse(s).atStartOfDay(ZONE).toInstant());
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || !v.isValueNode() || v.isNull() || v.asText().isBlank() ? Optional.empty() : Optional.of(v.asText().strip());
    }
}
