package io.github.pec4j.formats;

/** The admission verdict for a file, an archive member or a whole message. */
public enum Verdict {
    /** Admissible. */
    ACCEPT,
    /** Admissible, with warnings for the operator. */
    WARN,
    /** Not admissible under the policy. */
    REJECT;

    /**
     * The lower-case form used in JSON ({@code accept}, {@code warn}, {@code reject}).
     *
     * @return the lower-case form used in JSON ({@code accept}, {@code warn}, {@code reject})
     */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The worse of two verdicts.
     *
     * @param other the other verdict
     * @return the worse of two verdicts
     */
    public Verdict and(Verdict other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
