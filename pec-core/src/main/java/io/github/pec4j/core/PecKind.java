package io.github.pec4j.core;

import java.util.Locale;
import java.util.Optional;

/**
 * What a message found in a PEC mailbox is: a transport envelope, an anomaly envelope, one of the
 * seven receipts and notices, or ordinary mail.
 *
 * <p>{@link #id()} is the PEC name ({@code posta-certificata}, {@code avvenuta-consegna}, ...) used in
 * headers, in daticert {@code tipo} and in every report.
 */
public enum PecKind {
    /** Busta di trasporto: {@code X-Trasporto: posta-certificata}. */
    POSTA_CERTIFICATA("posta-certificata", Family.ENVELOPE),
    /** Busta di anomalia: {@code X-Trasporto: errore}; wraps mail that was not certified. */
    ANOMALIA("anomalia", Family.ENVELOPE),
    /** Ricevuta di accettazione. */
    ACCETTAZIONE("accettazione", Family.RECEIPT),
    /** Avviso di non accettazione (possibly for a virus). */
    NON_ACCETTAZIONE("non-accettazione", Family.RECEIPT),
    /** Ricevuta di presa in carico (provider to provider). */
    PRESA_IN_CARICO("presa-in-carico", Family.RECEIPT),
    /** Ricevuta di avvenuta consegna, one per recipient mailbox. */
    AVVENUTA_CONSEGNA("avvenuta-consegna", Family.RECEIPT),
    /** Avviso di mancata consegna (including the 24-hour time-out and virus cases). */
    ERRORE_CONSEGNA("errore-consegna", Family.RECEIPT),
    /** Preavviso di mancata consegna: 12 hours without delivery. */
    PREAVVISO_ERRORE_CONSEGNA("preavviso-errore-consegna", Family.RECEIPT),
    /** Rilevazione virus (provider to provider). */
    RILEVAZIONE_VIRUS("rilevazione-virus", Family.RECEIPT),
    /** Ordinary mail: neither {@code X-Trasporto} nor {@code X-Ricevuta}. */
    NON_PEC("non-pec", Family.NOT_PEC);

    /** The three classes of messages a PEC mailbox holds. */
    public enum Family {
        /** Buste: posta-certificata and anomalia. */
        ENVELOPE,
        /** Ricevute and avvisi. */
        RECEIPT,
        /** Ordinary mail. */
        NOT_PEC
    }

    private final String id;
    private final Family family;

    PecKind(String id, Family family) {
        this.id = id;
        this.family = family;
    }

    /**
     * The PEC name of this kind, e.g. {@code avvenuta-consegna}.
     *
     * @return the kind's name as the PEC rules write it
     */
    public String id() {
        return id;
    }

    /**
     * Envelope, receipt or not PEC.
     *
     * @return the family this kind belongs to
     */
    public Family family() {
        return family;
    }

    /**
     * True for the seven receipt and notice kinds.
     *
     * @return true for a receipt or notice, false for an envelope or ordinary mail
     */
    public boolean isReceipt() {
        return family == Family.RECEIPT;
    }

    /**
     * The kind named by an {@code X-Ricevuta} or daticert {@code tipo} value (trimmed, any case), or
     * empty for a value the DM 2 Nov 2005 does not define.
     *
     * @param value an {@code X-Ricevuta}, {@code X-Trasporto} or daticert {@code tipo} value
     * @return the kind, or empty for a value the rules do not define
     */
    public static Optional<PecKind> fromId(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        for (PecKind k : values()) {
            if (k.id.equals(v) && k != NON_PEC && k != ANOMALIA) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return id;
    }
}
