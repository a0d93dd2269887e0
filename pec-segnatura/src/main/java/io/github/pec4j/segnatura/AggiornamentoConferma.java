package io.github.pec4j.segnatura;

import java.util.Objects;

/**
 * {@code AggiornamentoConferma}: an update of a confirmation, with the same content as {@link ConfermaRicezione}.
 *
 * @param identificatore the receiver's registration
 * @param messaggioRicevuto the sender's message
 */
public record AggiornamentoConferma(Identificatore identificatore, MessaggioRicevuto messaggioRicevuto) implements InteropMessage {
    /**
     * Checks for presence.
     *
     * @param identificatore the receiver's registration
     * @param messaggioRicevuto the sender's message
     */
    public AggiornamentoConferma {
        Objects.requireNonNull(identificatore, "identificatore");
        Objects.requireNonNull(messaggioRicevuto, "messaggioRicevuto");
    }

    @Override
    public Kind kind() {
        return Kind.AGGIORNAMENTO_CONFERMA;
    }
}
