package io.github.pec4j.segnatura;

import io.github.pec4j.core.Diagnostic;
import java.util.List;

/** Input that cannot be read as a segnatura or interop message: hostile, malformed, too large or unknown. */
public final class SegnaturaException extends Exception {
    private static final long serialVersionUID = 1L;

    /** @serial the diagnostics, the refusing one first */
    private final List<Diagnostic> diagnostics;

    /**
     * An exception for {@code refusal}, with the warnings gathered before it.
     *
     * @param refusal the diagnostic that made the segnatura unreadable
     * @param earlier the warnings reported before it
     */
    public SegnaturaException(Diagnostic refusal, List<Diagnostic> earlier) {
        super(refusal.toString());
        this.diagnostics = java.util.stream.Stream.concat(java.util.stream.Stream.of(refusal), earlier.stream()).toList();
    }

    /**
     * The refusing diagnostic's code.
     *
     * @return the refusing diagnostic's code
     */
    public SegnaturaCode code() {
        return (SegnaturaCode) diagnostics.get(0).code();
    }

    /**
     * The refusing diagnostic first, then any warnings gathered before it.
     *
     * @return the refusing diagnostic first, then any warnings gathered before it
     */
    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }
}
