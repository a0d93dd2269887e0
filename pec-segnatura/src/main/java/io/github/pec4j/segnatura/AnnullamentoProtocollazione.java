package io.github.pec4j.segnatura;

import java.util.Objects;

/**
 * {@code AnnullamentoProtocollazione}: a registration of an exchange was annulled (DPR 445/2000 art. 54).
 *
 * @param identificatore the annulled registration
 * @param motivo why
 * @param provvedimento the act that authorised the annulment
 */
public record AnnullamentoProtocollazione(Identificatore identificatore, String motivo, String provvedimento)
        implements InteropMessage {
    /**
     * Checks for presence.
     *
     * @param identificatore the annulled registration
     * @param motivo why
     * @param provvedimento the act that authorised the annulment
     */
    public AnnullamentoProtocollazione {
        Objects.requireNonNull(identificatore, "identificatore");
        Objects.requireNonNull(motivo, "motivo");
        Objects.requireNonNull(provvedimento, "provvedimento");
    }

    @Override
    public Kind kind() {
        return Kind.ANNULLAMENTO_PROTOCOLLAZIONE;
    }
}
