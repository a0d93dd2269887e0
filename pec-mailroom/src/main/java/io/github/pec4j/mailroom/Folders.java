package io.github.pec4j.mailroom;

import io.github.pec4j.registry.IntakeEntry;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The mailbox folders a message is moved to once its outcome is committed (MRM-EXACT-01). The mailroom
 * creates missing folders when it opens the box. Defaults ({@link #defaults()}):
 *
 * <table>
 *   <caption>Default folders</caption>
 *   <tr><th>outcome</th><th>folder</th></tr>
 *   <tr><td>registered, duplicate</td><td>{@code pec4j/registered}</td></tr>
 *   <tr><td>receipt (filed on its registration)</td><td>{@code pec4j/receipts}</td></tr>
 *   <tr><td>receipt not yet matched (retried every round)</td><td>{@code pec4j/receipts-unmatched}</td></tr>
 *   <tr><td>refused</td><td>{@code pec4j/refused}</td></tr>
 *   <tr><td>quarantined</td><td>{@code pec4j/quarantine}</td></tr>
 *   <tr><td>error</td><td>{@code pec4j/errors}</td></tr>
 *   <tr><td>filed receipts older than the archive age</td><td>{@code pec4j/receipts-archive}</td></tr>
 * </table>
 *
 * @param registered registered messages and duplicates of registered ones
 * @param receipts receipts filed on their outgoing registration
 * @param unmatchedReceipts receipts whose outgoing registration is not (yet) known
 * @param refused refused messages (ordinary mail under a REJECT policy, exclusions)
 * @param quarantine messages an operator must look at
 * @param errors messages that could not be read, decided or stored
 * @param archive where filed receipts are moved once old (see {@link Mailroom.Builder#archiveReceiptsAfter})
 */
public record Folders(String registered, String receipts, String unmatchedReceipts, String refused, String quarantine,
        String errors, String archive) {

    /** The folder new mail arrives in. */
    public static final String INBOX = "INBOX";

    /**
     * Checks that every name is given and none is INBOX.
     *
     * @param registered registered messages and duplicates of registered ones
     * @param receipts receipts filed on their outgoing registration
     * @param unmatchedReceipts receipts whose outgoing registration is not (yet) known
     * @param refused refused messages (ordinary mail under a REJECT policy, exclusions)
     * @param quarantine messages an operator must look at
     * @param errors messages that could not be read, decided or stored
     * @param archive where filed receipts are moved once old (see {@link Mailroom.Builder#archiveReceiptsAfter})
     */
    public Folders {
        for (String f : List.of(name(registered, "registered"), name(receipts, "receipts"), name(unmatchedReceipts, "unmatchedReceipts"),
                name(refused, "refused"), name(quarantine, "quarantine"), name(errors, "errors"), name(archive, "archive"))) {
            if (f.equalsIgnoreCase(INBOX)) throw new IllegalArgumentException("an outcome folder cannot be INBOX");
        }
    }

    private static String name(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isBlank()) throw new IllegalArgumentException(what + " folder is blank");
        return value;
    }

    /**
     * The documented defaults, under {@code pec4j/}.
     *
     * @return the documented defaults, under {@code pec4j/}
     */
    public static Folders defaults() {
        return new Folders("pec4j/registered", "pec4j/receipts", "pec4j/receipts-unmatched", "pec4j/refused", "pec4j/quarantine",
                "pec4j/errors", "pec4j/receipts-archive");
    }

    /**
     * The folder for an outcome.
     *
     * @param outcome the outcome of a message
     * @return the folder for an outcome
     */
    public String forOutcome(IntakeEntry.Outcome outcome) {
        return switch (outcome) {
            case REGISTERED, DUPLICATE -> registered;
            case RECEIPT -> receipts;
            case RECEIPT_UNMATCHED -> unmatchedReceipts;
            case REFUSED -> refused;
            case QUARANTINED -> quarantine;
            case ERROR -> errors;
        };
    }

    /**
     * Every folder, without repetitions, in declaration order.
     *
     * @return every folder, without repetitions, in declaration order
     */
    public List<String> all() {
        Set<String> s = new LinkedHashSet<>(List.of(registered, receipts, unmatchedReceipts, refused, quarantine, errors, archive));
        return List.copyOf(s);
    }
}
