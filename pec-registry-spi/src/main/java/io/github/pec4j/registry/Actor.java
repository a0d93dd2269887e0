package io.github.pec4j.registry;

/**
 * The identified user or system account behind an operation; every operation is attributed to one
 * (AgID LG 2021, minimum security requirements).
 *
 * @param id a stable account identifier
 * @param displayName a name for people reading the audit trail
 */
public record Actor(String id, String displayName) {
    public Actor {
        Checks.text(id, "id");
        Checks.text(displayName, "displayName");
    }

    public static Actor of(String id, String displayName) {
        return new Actor(id, displayName);
    }

    /** An unattended system account, e.g. the mailbox intake. */
    public static Actor system(String id) {
        return new Actor(id, "system: " + id);
    }
}
