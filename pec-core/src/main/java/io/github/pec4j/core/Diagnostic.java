package io.github.pec4j.core;

import java.util.Objects;

/**
 * One finding of the parser about the input: a stable code, its severity, where it is and a message
 * for people. Diagnostics never quote attachment content.
 *
 * @param code stable code (see {@link ParseCode} for the parser's)
 * @param severity how much it matters
 * @param location where in the message
 * @param message human-readable explanation, in English
 */
public record Diagnostic(DiagnosticCode code, Severity severity, Location location, String message) {

    /**
     * Creates the record: refuses null components.
     *
     * @param code stable code (see {@link ParseCode} for the parser's)
     * @param severity how much it matters
     * @param location where in the message
     * @param message human-readable explanation, in English
     */
    public Diagnostic {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(message, "message");
    }

    /**
     * A diagnostic with the code's default severity.
     *
     * @param code what was found
     * @param location where it was found
     * @param message a human-readable explanation
     * @return a diagnostic with the severity {@code code} defaults to
     */
    public static Diagnostic of(DiagnosticCode code, Location location, String message) {
        return new Diagnostic(code, code.defaultSeverity(), location, message);
    }

    @Override
    public String toString() {
        return severity + " " + code.id() + " at " + location + ": " + message;
    }
}
