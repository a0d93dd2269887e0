package io.github.pec4j.registry;

/** How a document arrived or left. */
public enum Channel {
    /** Posta elettronica certificata. */
    PEC,
    /** Ordinary e-mail (posta elettronica ordinaria). */
    PEO,
    /** AgID interoperability between AOO (LG 2021 Allegato 6). */
    INTEROP,
    /** An online service or portal. */
    PORTAL,
    /** Paper, by hand or by post. */
    PAPER;

    /**
     * Whether documents on this channel arrive as files, so each needs its impronta (art. 53 c.1 f).
     *
     * @return true for telematic channels, false for paper and hand delivery
     */
    public boolean telematic() {
        return this != PAPER;
    }
}
