package io.github.pec4j.testkit;

/** The kinds of message the fixture factory builds: every PEC kind and ordinary mail. */
public enum FixtureKind {
    POSTA_CERTIFICATA("posta-certificata", "POSTA CERTIFICATA: "),
    ANOMALIA("anomalia", "ANOMALIA MESSAGGIO: "),
    ACCETTAZIONE("accettazione", "ACCETTAZIONE: "),
    NON_ACCETTAZIONE("non-accettazione", "AVVISO DI NON ACCETTAZIONE: "),
    PRESA_IN_CARICO("presa-in-carico", "PRESA IN CARICO: "),
    AVVENUTA_CONSEGNA("avvenuta-consegna", "CONSEGNA: "),
    ERRORE_CONSEGNA("errore-consegna", "AVVISO DI MANCATA CONSEGNA: "),
    PREAVVISO_ERRORE_CONSEGNA("preavviso-errore-consegna", "AVVISO DI MANCATA CONSEGNA PER SUP. TEMPO MASSIMO: "),
    RILEVAZIONE_VIRUS("rilevazione-virus", "PROBLEMA DI SICUREZZA: "),
    NON_PEC("non-pec", "");

    private final String tipo;
    private final String subjectPrefix;

    FixtureKind(String tipo, String subjectPrefix) {
        this.tipo = tipo;
        this.subjectPrefix = subjectPrefix;
    }

    /** The PEC name: {@code X-Trasporto}/{@code X-Ricevuta} value and daticert {@code tipo}. */
    public String tipo() {
        return tipo;
    }

    /** The standard Subject prefix, trailing space included (empty for ordinary mail). */
    public String subjectPrefix() {
        return subjectPrefix;
    }

    /** True for the seven receipts and notices. */
    public boolean isReceipt() {
        return this != POSTA_CERTIFICATA && this != ANOMALIA && this != NON_PEC;
    }
}
