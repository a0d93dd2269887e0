package io.github.pec4j.core;

/**
 * A stable diagnostic code. Each pec4j module has its own closed set ({@link ParseCode} for the
 * parser); codes are compared by {@link #id()}, which never changes meaning and is never reused.
 */
public interface DiagnosticCode {

    /**
     * The constant's name; every pec4j code set is an enum, whose names are the stable ids.
     *
     * @return the enum constant's name
     */
    String name();

    /**
     * The stable string form, e.g. {@code PEC_DATICERT_MISSING}; unique across pec4j.
     *
     * @return the code's stable identifier, equal to {@link #name()} unless a code set says otherwise
     */
    default String id() {
        return name();
    }

    /**
     * The severity the code is reported with unless a policy says otherwise.
     *
     * @return the default severity of this code
     */
    Severity defaultSeverity();
}
