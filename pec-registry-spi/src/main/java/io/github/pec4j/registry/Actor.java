package io.github.pec4j.registry;

/**
 * The identified user or system account behind an operation; every operation is attributed to one
 * (AgID LG 2021, minimum security requirements).
 *
 * @param id a stable account identifier
 * @param displayName a name for people reading the audit trail
 */
public record Actor(String id, String displayName) {
    /**
     * Creates the record, checking and normalising its components.
     *
     * @param id a stable account identifier
     * @param displayName a name for people reading the audit trail
     */
    public Actor {
        Checks.text(id, "id");
        Checks.text(displayName, "displayName");
    }

    /**
     * A person or system account.
     *
     * @param id a stable account identifier
     * @param displayName a name for people reading the audit trail
     * @return the actor
     */
    public static Actor of(String id, String displayName) {
        return new Actor(id, displayName);
    }

    /**
     * An unattended system account, e.g. the mailbox intake.
     *
     * @param id a stable account identifier
     * @return the actor, whose display name is its id
     */
    public static Actor system(String id) {
        return new Actor(id, "system: " + id);
    }
}
