package io.github.pec4j.testkit;

/** The delivery receipt a sender asks for with {@code X-TipoRicevuta}. */
public enum ReceiptType {
    /** The full original in each delivery receipt (To recipients only). */
    COMPLETA,
    /** The original with each attachment replaced by its hash. */
    BREVE,
    /** No original at all. */
    SINTETICA;

    /**
     * The header and daticert spelling.
     *
     * @return the header and daticert spelling
     */
    public String value() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
