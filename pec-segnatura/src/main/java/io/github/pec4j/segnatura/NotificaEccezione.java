package io.github.pec4j.segnatura;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code NotificaEccezione}: the receiver reports an anomaly. The schema's {@code Motivo} is free text; pec4j writes
 * the anomaly code's WSDL spelling first, then {@code ": "} and the details, and reads the code back from any spelling.
 *
 * @param identificatore the receiver's registration, if it registered the message
 * @param messaggioRicevuto the sender's message
 * @param motivo the reason, as written
 */
public record NotificaEccezione(Optional<Identificatore> identificatore, MessaggioRicevuto messaggioRicevuto, String motivo)
        implements InteropMessage {

    /**
     * Checks for presence.
     *
     * @param identificatore the receiver's registration, if it registered the message
     * @param messaggioRicevuto the sender's message
     * @param motivo the reason, as written
     */
    public NotificaEccezione {
        Objects.requireNonNull(identificatore, "identificatore");
        Objects.requireNonNull(messaggioRicevuto, "messaggioRicevuto");
        Objects.requireNonNull(motivo, "motivo");
    }

    /**
     * A notification of {@code anomaly} about the sender's {@code ricevuto}; {@code info} may be empty.
     *
     * @param ricevuto the sender's registration the message carried, when it could be read
     * @param anomaly the anomaly found
     * @param info a free-text explanation for the sender
     * @return a notification of {@code anomaly} about the sender's {@code ricevuto}; {@code info} may be empty
     */
    public static NotificaEccezione of(Identificatore ricevuto, AnomalyCode anomaly, String info) {
        Objects.requireNonNull(info, "info");
        return new NotificaEccezione(Optional.empty(), MessaggioRicevuto.of(ricevuto),
                anomaly.wsdlSpelling() + (info.isBlank() ? "" : ": " + info));
    }

    /**
     * The anomaly code the reason starts with, in any spelling (SEG-ANOM-01).
     *
     * @return the anomaly code the reason starts with, in any spelling (SEG-ANOM-01)
     */
    public Optional<AnomalyCode> anomalia() {
        return AnomalyCode.normalise(motivo);
    }

    /**
     * The reason after the code and its separator; the whole reason when it starts with no code.
     *
     * @return the reason after the code and its separator; the whole reason when it starts with no code
     */
    public String info() {
        if (anomalia().isEmpty()) {
            return motivo.strip();
        }
        String t = motivo.strip();
        int i = 3;
        while (i < t.length() && !Character.isWhitespace(t.charAt(i)) && t.charAt(i) != ':') {
            i++;
        }
        while (i < t.length() && (Character.isWhitespace(t.charAt(i)) || t.charAt(i) == ':' || t.charAt(i) == '-')) {
            i++;
        }
        return t.substring(i);
    }

    @Override
    public Kind kind() {
        return Kind.NOTIFICA_ECCEZIONE;
    }
}
