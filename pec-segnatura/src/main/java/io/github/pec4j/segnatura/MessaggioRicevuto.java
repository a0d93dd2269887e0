package io.github.pec4j.segnatura;

import java.util.Objects;
import java.util.Optional;

/**
 * The message an answer refers to ({@code MessaggioRicevutoType}): the sender's Identificatore (and its first
 * registration), or a free description when it had none.
 *
 * @param identificatore the sender's Identificatore
 * @param primaRegistrazione the first registration, only with an identificatore
 * @param descrizioneMessaggio the description, only without an identificatore
 */
public record MessaggioRicevuto(Optional<Identificatore> identificatore, Optional<Identificatore> primaRegistrazione,
        Optional<String> descrizioneMessaggio) {

    /**
     * Exactly one of identificatore and description.
     *
     * @param identificatore the sender's Identificatore
     * @param primaRegistrazione the first registration, only with an identificatore
     * @param descrizioneMessaggio the description, only without an identificatore
     */
    public MessaggioRicevuto {
        Objects.requireNonNull(identificatore, "identificatore");
        Objects.requireNonNull(primaRegistrazione, "primaRegistrazione");
        Objects.requireNonNull(descrizioneMessaggio, "descrizioneMessaggio");
        if (identificatore.isPresent() == descrizioneMessaggio.isPresent()) {
            throw new IllegalArgumentException("a MessaggioRicevuto has either an Identificatore or a DescrizioneMessaggio");
        }
        if (primaRegistrazione.isPresent() && identificatore.isEmpty()) {
            throw new IllegalArgumentException("PrimaRegistrazione goes with an Identificatore");
        }
    }

    /**
     * The message registered by the sender as {@code identificatore}.
     *
     * @param identificatore the receiver's registration
     * @return the message registered by the sender as {@code identificatore}
     */
    public static MessaggioRicevuto of(Identificatore identificatore) {
        return new MessaggioRicevuto(Optional.of(identificatore), Optional.empty(), Optional.empty());
    }

    /**
     * A message without identificatore, described in words.
     *
     * @param descrizione a description, if any
     * @return a message without identificatore, described in words
     */
    public static MessaggioRicevuto described(String descrizione) {
        return new MessaggioRicevuto(Optional.empty(), Optional.empty(), Optional.of(descrizione));
    }
}
