package io.github.pec4j.core;

import java.util.List;

/**
 * Thrown by {@link PecMessage#requireValid()} (strict mode) when the parse reported errors. Carries
 * the same diagnostics as the report.
 */
public final class PecParseException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient List<Diagnostic> diagnostics;

    /**
     * An exception carrying the error diagnostics.
     *
     * @param diagnostics the diagnostics of error severity that made the message invalid
     */
    public PecParseException(List<Diagnostic> diagnostics) {
        super(summary(diagnostics));
        this.diagnostics = List.copyOf(diagnostics);
    }

    /**
     * The diagnostics of error severity.
     *
     * @return the error diagnostics, in the order found
     */
    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    private static String summary(List<Diagnostic> diagnostics) {
        StringBuilder sb = new StringBuilder("PEC message has ").append(diagnostics.size()).append(" error(s)");
        for (int i = 0; i < Math.min(3, diagnostics.size()); i++) {
            sb.append(i == 0 ? ": " : "; ").append(diagnostics.get(i));
        }
        return sb.toString();
    }
}
