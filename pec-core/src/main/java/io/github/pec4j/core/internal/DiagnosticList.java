package io.github.pec4j.core.internal;

import io.github.pec4j.core.Diagnostic;
import io.github.pec4j.core.ParseCode;
import io.github.pec4j.core.Location;
import io.github.pec4j.core.Severity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A bounded list of diagnostics: hostile input cannot make the report itself unbounded. */
final class DiagnosticList {
    private final int max;
    private final List<Diagnostic> items = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();
    private int dropped;

    DiagnosticList(int max) {
        this.max = max;
    }

    void add(ParseCode code, Location location, String message) {
        add(new Diagnostic(code, code.defaultSeverity(), location, message));
    }

    void add(Diagnostic d) {
        seen.add(d.code().id());
        if (items.size() < max) {
            items.add(d);
        } else {
            dropped++;
        }
    }

    /** Adds the diagnostic only the first time its code is reported. */
    void once(ParseCode code, Location location, String message) {
        if (!seen.contains(code.id())) {
            add(code, location, message);
        }
    }

    boolean has(ParseCode code) {
        return seen.contains(code.id());
    }

    void addAll(List<Diagnostic> more) {
        more.forEach(this::add);
    }

    List<Diagnostic> toList() {
        if (dropped == 0) {
            return List.copyOf(items);
        }
        List<Diagnostic> out = new ArrayList<>(items);
        out.add(new Diagnostic(ParseCode.DIAGNOSTICS_LIMIT_EXCEEDED, Severity.INFO, Location.part("/"),
                dropped + " further diagnostics were not listed (limit " + max + ")"));
        return List.copyOf(out);
    }
}
