package io.github.pec4j.core;

/** How much a diagnostic matters. */
public enum Severity {
    /** Worth knowing; nothing is wrong. */
    INFO,
    /** A deviation from the specification that was tolerated. */
    WARNING,
    /** Something required is missing or unreadable; the result is incomplete. */
    ERROR
}
