package io.github.pec4j.segnatura.internal;

import io.github.pec4j.core.Diagnostic;
import io.github.pec4j.core.Location;
import io.github.pec4j.segnatura.SegnaturaCode;
import io.github.pec4j.segnatura.SegnaturaException;
import java.util.ArrayList;
import java.util.List;

/** The diagnostics gathered while reading one document, in order, at most {@value #MAX} of them. */
final class Warnings {
    static final int MAX = 100;
    private final List<Diagnostic> list = new ArrayList<>();

    void add(SegnaturaCode code, String message) {
        if (list.size() < MAX) {
            list.add(Diagnostic.of(code, Location.part("/"), message));
        }
    }

    /** A refusal carrying the warnings gathered so far. */
    SegnaturaException refuse(SegnaturaCode code, String message) {
        return new SegnaturaException(Diagnostic.of(code, Location.part("/"), message), list);
    }

    List<Diagnostic> list() {
        return List.copyOf(list);
    }
}
