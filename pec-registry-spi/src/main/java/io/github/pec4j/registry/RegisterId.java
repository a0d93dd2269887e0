package io.github.pec4j.registry;

/**
 * A protocol register: the scope inside which numbers are unique and gapless each year
 * (DPR 445/2000 art. 57; the first three fields of {@code IdentificatoreType} in the AgID
 * segnatura).
 *
 * @param amministrazione codice IPA of the administration, e.g. {@code c_h501}
 * @param aoo codice univoco of the AOO
 * @param registro code of the register inside the AOO, e.g. {@code PG} for the protocollo generale
 */
public record RegisterId(String amministrazione, String aoo, String registro) {
    /**
     * Creates the record, checking and normalising its components.
     *
     * @param amministrazione codice IPA of the administration, e.g. {@code c_h501}
     * @param aoo codice univoco of the AOO
     * @param registro code of the register inside the AOO, e.g. {@code PG} for the protocollo generale
     */
    public RegisterId {
        Checks.code(amministrazione, "amministrazione");
        Checks.code(aoo, "aoo");
        Checks.code(registro, "registro");
    }

    /**
     * A register from its codes.
     *
     * @param amministrazione the administration's IPA code
     * @param aoo the AOO's code
     * @param registro the register's code
     * @return the register id
     */
    public static RegisterId of(String amministrazione, String aoo, String registro) {
        return new RegisterId(amministrazione, aoo, registro);
    }

    @Override
    public String toString() {
        return amministrazione + "/" + aoo + "/" + registro;
    }
}
