package io.github.pec4j.core.internal;

import io.github.pec4j.core.Diagnostic;
import io.github.pec4j.core.Gap;
import io.github.pec4j.core.GapKind;
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
    // Gaps are kept apart from the capped diagnostics: a flood of diagnostics cannot hide one.
    static final int MAX_GAPS = 64;
    private final List<Gap> gaps = new ArrayList<>();

    DiagnosticList(int max) {
        this.max = max;
    }

    void add(ParseCode code, Location location, String message) {
        add(new Diagnostic(code, code.defaultSeverity(), location, message));
    }

    void add(Diagnostic d) {
        if (d.code() instanceof ParseCode pc) {
            GapKind kind = gapKindOf(pc);
            if (kind != null) {
                gap(kind, d.location(), d.message());
            }
        }
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

    /** The PEC-level codes that mean content was not read; MIME-level gaps are recorded on the parts. */
    private static GapKind gapKindOf(ParseCode code) {
        return switch (code) {
            case PEC_DATICERT_DOCTYPE_REFUSED, PEC_DATICERT_TOO_LARGE -> GapKind.DATICERT_REFUSED;
            case PEC_OPAQUE_UNREADABLE -> GapKind.PART_UNREADABLE;
            case PEC_NESTED_LIMIT_EXCEEDED -> GapKind.NESTED_DEPTH;
            case PARSE_FAILED -> GapKind.PARSE_FAILED;
            default -> null;
        };
    }

    /** Records a gap (kept up to {@value #MAX_GAPS}). */
    void gap(GapKind kind, Location location, String detail) {
        if (gaps.size() < MAX_GAPS) {
            gaps.add(new Gap(kind, location, detail));
        }
    }

    /** The gaps recorded so far. */
    List<Gap> gaps() {
        return gaps;
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
