package io.github.pec4j.core;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Whether the parser read a message completely, and if not, where and why not. Fail closed: content
 * behind a {@link Gap} is unknown, so a caller must not conclude that it is harmless (the format
 * check reports it, admission asks an operator).
 *
 * <p>Not a gap, because nothing is unseen: a text body longer than {@link ParserLimits#maxTextBytes()}
 * (its {@link BodyText#truncated()} says the displayed text was cut; it is body text, never a file,
 * and the raw message keeps every byte), a quoted-printable escape kept literally, and a multipart
 * closed by an enclosing boundary (every byte of it was read and parsed).
 *
 * @param gaps the gaps, in the order found (empty when complete)
 */
public record Completeness(List<Gap> gaps) {

    /** A completely read message. */
    public static final Completeness COMPLETE = new Completeness(List.of());

    /**
     * Creates the record: copies the lists.
     *
     * @param gaps the gaps, in the order found (empty when complete)
     */
    public Completeness {
        gaps = List.copyOf(gaps);
    }

    /**
     * A completeness with these gaps (duplicates dropped).
     *
     * @param gaps the gaps found, possibly with repeats
     * @return {@link #COMPLETE} when {@code gaps} is empty, else a completeness listing each distinct gap once
     */
    public static Completeness of(List<Gap> gaps) {
        return gaps.isEmpty() ? COMPLETE : new Completeness(List.copyOf(new LinkedHashSet<>(gaps)));
    }

    /**
     * True when every byte of the message was read and understood as declared.
     *
     * @return true when no gap was found
     */
    public boolean complete() {
        return gaps.isEmpty();
    }

    /**
     * The distinct kinds of gap, in the order found.
     *
     * @return the kinds of the gaps found, without repeats; empty when complete
     */
    public Set<GapKind> kinds() {
        Set<GapKind> kinds = new LinkedHashSet<>();
        gaps.forEach(g -> kinds.add(g.kind()));
        return kinds;
    }

    /**
     * True when a gap of this kind was found.
     *
     * @param kind the kind of gap to look for
     * @return true when at least one gap has this kind
     */
    public boolean has(GapKind kind) {
        return gaps.stream().anyMatch(g -> g.kind() == kind);
    }

    /**
     * This completeness with the gaps of {@code other} added (duplicates dropped).
     *
     * @param other the completeness of another part of the message
     * @return a completeness with the gaps of both, each listed once
     */
    public Completeness and(Completeness other) {
        if (other.complete()) {
            return this;
        }
        List<Gap> all = new ArrayList<>(gaps);
        all.addAll(other.gaps);
        return of(all);
    }

    /** {@code complete}, or the gaps, e.g. {@code incomplete: PART_COUNT at /: more than 2000 MIME parts}. */
    @Override
    public String toString() {
        return complete() ? "complete" : "incomplete: " + String.join("; ", gaps.stream().map(Gap::toString).toList());
    }
}
