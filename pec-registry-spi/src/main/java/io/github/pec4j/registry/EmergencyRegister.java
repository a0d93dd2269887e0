package io.github.pec4j.registry;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An emergency register (DPR 445/2000 art. 63) and the entries written in it during an outage,
 * ready to be recovered into the ordinary register with {@link ProtocolRegistry#importEmergency}.
 *
 * <p>The constructor enforces art. 63: the cause, start and end are recorded; the register stays
 * open for at most 24 hours unless extended, each extension by at most one week and carrying the
 * estremi of its authorisation; entries are numbered uniquely from 1 and lie within the period.
 *
 * @param id identifies this emergency register within the AOO, e.g. {@code RE-2025-01}
 * @param ordinaryRegister the register that gives the ordinary numbers on recovery
 * @param cause why the ordinary register was unavailable
 * @param start when the emergency register was opened
 * @param end when it was closed
 * @param extensions authorised extensions beyond the first 24 hours, in order
 * @param entries the registrations made in it
 */
public record EmergencyRegister(
        String id, RegisterId ordinaryRegister, String cause, Instant start, Instant end,
        List<Extension> extensions, List<Entry> entries) {

    /** The longest an emergency register stays open without an extension. */
    public static final Duration INITIAL_PERIOD = Duration.ofHours(24);
    /** The longest a single extension adds. */
    public static final Duration MAX_EXTENSION = Duration.ofDays(7);

    /**
     * An extension of the emergency period.
     *
     * @param until the new closing limit
     * @param authorisation estremi of the act that authorised it
     */
    public record Extension(Instant until, String authorisation) {
        /**
         * Creates the record: refuses null components.
         *
         * @param until the new closing limit
         * @param authorisation estremi of the act that authorised it
         */
        public Extension {
            Objects.requireNonNull(until, "until");
            Checks.text(authorisation, "authorisation");
        }
    }

    /**
     * A registration made in the emergency register.
     *
     * @param number its emergency number
     * @param registeredAt when it was registered there
     * @param request what was registered (its own idempotency key, if any, is replaced by one
     *     derived from the emergency register and number)
     */
    public record Entry(long number, Instant registeredAt, RegistrationRequest request) {
        /**
         * Creates the record: refuses null components and refuses values out of range.
         *
         * @param number its emergency number
         * @param registeredAt when it was registered there
         * @param request what was registered (its own idempotency key, if any, is replaced by one derived from the
         *     emergency register and number)
         */
        public Entry {
            if (number < 1) throw new IllegalArgumentException("emergency numbers start at 1");
            Objects.requireNonNull(registeredAt, "registeredAt");
            Objects.requireNonNull(request, "request");
        }
    }

    /**
     * Creates the record: copies the lists, refuses null components and refuses values out of range.
     *
     * @param id identifies this emergency register within the AOO, e.g. {@code RE-2025-01}
     * @param ordinaryRegister the register that gives the ordinary numbers on recovery
     * @param cause why the ordinary register was unavailable
     * @param start when the emergency register was opened
     * @param end when it was closed
     * @param extensions authorised extensions beyond the first 24 hours, in order
     * @param entries the registrations made in it
     */
    public EmergencyRegister {
        Checks.code(id, "id");
        Objects.requireNonNull(ordinaryRegister, "ordinaryRegister");
        Checks.text(cause, "cause");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        extensions = List.copyOf(extensions);
        entries = List.copyOf(entries);
        List<String> problems = new ArrayList<>();
        if (!end.isAfter(start)) problems.add("end must follow start");
        Instant limit = start.plus(INITIAL_PERIOD);
        for (Extension e : extensions) {
            if (!e.until().isAfter(limit)) problems.add("extension to " + e.until() + " does not extend " + limit);
            if (Duration.between(limit, e.until()).compareTo(MAX_EXTENSION) > 0) {
                problems.add("extension to " + e.until() + " exceeds one week beyond " + limit);
            }
            limit = e.until();
        }
        if (end.isAfter(limit)) problems.add("open until " + end + " but authorised only until " + limit);
        Set<Long> numbers = new HashSet<>();
        for (Entry entry : entries) {
            if (!numbers.add(entry.number())) problems.add("emergency number " + entry.number() + " used twice");
            if (entry.registeredAt().isBefore(start) || entry.registeredAt().isAfter(end)) {
                problems.add("entry " + entry.number() + " registered outside the emergency period");
            }
            if (!entry.request().register().amministrazione().equals(ordinaryRegister.amministrazione())
                    || !entry.request().register().aoo().equals(ordinaryRegister.aoo())) {
                problems.add("entry " + entry.number() + " belongs to another AOO");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("emergency register " + id + ": " + String.join("; ", problems));
        }
    }

    /**
     * The idempotency key of an entry's recovery: re-importing the same register resumes, never duplicates.
     *
     * @param entry one entry of this register
     * @return the idempotency key of an entry's recovery: re-importing the same register resumes, never duplicates
     */
    public IdempotencyKey keyOf(Entry entry) {
        String key = "emergency:" + ordinaryRegister.amministrazione() + ":" + ordinaryRegister.aoo() + ":" + id + ":" + entry.number();
        if (key.length() <= 128) return IdempotencyKey.of(key);
        // Long codes: the same identity, hashed to fit the key's 128 characters.
        byte[] digest = Impronta.sha256Digest().digest(key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return IdempotencyKey.of("emergency:" + java.util.HexFormat.of().formatHex(digest));
    }
}
