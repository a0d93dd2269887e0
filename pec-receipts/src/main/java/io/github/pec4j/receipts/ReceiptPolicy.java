package io.github.pec4j.receipts;

/**
 * A provider-specific reading of receipts, off by default. Large senders treat some notices as
 * final; a policy says so explicitly, and the raw kind stays in the recipient's history.
 */
@FunctionalInterface
public interface ReceiptPolicy {
    /**
     * Whether this preavviso di mancata consegna is already a final failure.
     *
     * @param preavviso the facts of a preavviso di mancata consegna
     * @return whether this preavviso di mancata consegna is already a final failure
     */
    boolean preavvisoIsFinal(ReceiptFacts preavviso);

    /** The law's reading: a preavviso is only a warning (DPR 68/2005 art. 12). */
    ReceiptPolicy STANDARD = r -> false;

    /** A preavviso whose {@code errore-esteso} starts with {@code 5.4.1} (no route) is final, as large senders treat it. */
    ReceiptPolicy PREAVVISO_541_IS_FINAL = r -> r.erroreEsteso().map(String::trim).filter(t -> t.startsWith("5.4.1")).isPresent();
}
