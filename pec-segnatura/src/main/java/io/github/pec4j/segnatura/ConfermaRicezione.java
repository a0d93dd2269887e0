package io.github.pec4j.segnatura;

import java.util.Objects;

/**
 * {@code ConfermaRicezione}: the receiver registered the message in entrata and answers with both Identificatori
 * (SEG-RECV-03).
 *
 * @param identificatore the receiver's registration
 * @param messaggioRicevuto the sender's message (its Identificatore)
 */
public record ConfermaRicezione(Identificatore identificatore, MessaggioRicevuto messaggioRicevuto) implements InteropMessage {
    /**
     * Checks for presence.
     *
     * @param identificatore the receiver's registration
     * @param messaggioRicevuto the sender's message (its Identificatore)
     */
    public ConfermaRicezione {
        Objects.requireNonNull(identificatore, "identificatore");
        Objects.requireNonNull(messaggioRicevuto, "messaggioRicevuto");
    }

    /**
     * The confirmation of the sender's {@code ricevuto}, registered by the receiver as {@code registrato}.
     *
     * @param registrato the receiver's registration of the message
     * @param ricevuto the sender's registration the message carried
     * @return the confirmation of the sender's {@code ricevuto}, registered by the receiver as {@code registrato}
     */
    public static ConfermaRicezione of(Identificatore registrato, Identificatore ricevuto) {
        return new ConfermaRicezione(registrato, MessaggioRicevuto.of(ricevuto));
    }

    @Override
    public Kind kind() {
        return Kind.CONFERMA_RICEZIONE;
    }
}
