package io.github.pec4j.testkit;

/** The kinds of message the fixture factory builds: every PEC kind and ordinary mail. */
public enum FixtureKind {
    /** Busta di trasporto: the signed envelope delivered to each recipient ({@code X-Trasporto: posta-certificata}). */
    POSTA_CERTIFICATA("posta-certificata", "POSTA CERTIFICATA: "),
    /** Busta di anomalia: uncertified mail wrapped by the receiving provider ({@code X-Trasporto: errore}, no daticert). */
    ANOMALIA("anomalia", "ANOMALIA MESSAGGIO: "),
    /** Ricevuta di accettazione, to the sender. */
    ACCETTAZIONE("accettazione", "ACCETTAZIONE: "),
    /** Avviso di non accettazione (also for virus with {@link MessageBuilder#virus()}). */
    NON_ACCETTAZIONE("non-accettazione", "AVVISO DI NON ACCETTAZIONE: "),
    /** Ricevuta di presa in carico, provider to provider. */
    PRESA_IN_CARICO("presa-in-carico", "PRESA IN CARICO: "),
    /** Ricevuta di avvenuta consegna, one per recipient mailbox; carries the original per {@link ReceiptType}. */
    AVVENUTA_CONSEGNA("avvenuta-consegna", "CONSEGNA: "),
    /** Avviso di mancata consegna (also for virus with {@link MessageBuilder#virus()}). */
    ERRORE_CONSEGNA("errore-consegna", "AVVISO DI MANCATA CONSEGNA: "),
    /** Preavviso di mancata consegna: 12 hours without delivery. */
    PREAVVISO_ERRORE_CONSEGNA("preavviso-errore-consegna", "AVVISO DI MANCATA CONSEGNA PER SUP. TEMPO MASSIMO: "),
    /** Rilevazione virus, provider to provider, with {@code X-Mittente}. */
    RILEVAZIONE_VIRUS("rilevazione-virus", "PROBLEMA DI SICUREZZA: "),
    /** Ordinary mail: no PEC headers, no signature. */
    NON_PEC("non-pec", "");

    private final String tipo;
    private final String subjectPrefix;

    FixtureKind(String tipo, String subjectPrefix) {
        this.tipo = tipo;
        this.subjectPrefix = subjectPrefix;
    }

    /**
     * The PEC name: {@code X-Trasporto}/{@code X-Ricevuta} value and daticert {@code tipo}.
     *
     * @return the PEC name: {@code X-Trasporto}/{@code X-Ricevuta} value and daticert {@code tipo}
     */
    public String tipo() {
        return tipo;
    }

    /**
     * The standard Subject prefix, trailing space included (empty for ordinary mail).
     *
     * @return the standard Subject prefix, trailing space included (empty for ordinary mail)
     */
    public String subjectPrefix() {
        return subjectPrefix;
    }

    /**
     * True for the seven receipts and notices.
     *
     * @return true for the seven receipts and notices
     */
    public boolean isReceipt() {
        return this != POSTA_CERTIFICATA && this != ANOMALIA && this != NON_PEC;
    }
}
