package io.github.pec4j.segnatura;

import java.util.Objects;
import java.util.Optional;

/**
 * The registration a message answers ({@code RiferimentiType}).
 *
 * @param identificatore the registration answered
 * @param primaRegistrazione its first registration, when it differs
 * @param oggetto its subject
 * @param classifica its class (required by v3)
 * @param fascicolo its fascicolo, if any
 */
public record Riferimento(Identificatore identificatore, Optional<Identificatore> primaRegistrazione, String oggetto,
        Optional<Classifica> classifica, Optional<Fascicolo> fascicolo) {
    /**
     * Checks for presence.
     *
     * @param identificatore the registration answered
     * @param primaRegistrazione its first registration, when it differs
     * @param oggetto its subject
     * @param classifica its class (required by v3)
     * @param fascicolo its fascicolo, if any
     */
    public Riferimento {
        Objects.requireNonNull(identificatore, "identificatore");
        Objects.requireNonNull(primaRegistrazione, "primaRegistrazione");
        Objects.requireNonNull(oggetto, "oggetto");
        Objects.requireNonNull(classifica, "classifica");
        Objects.requireNonNull(fascicolo, "fascicolo");
    }

    /**
     * A reference with the required fields only.
     *
     * @param identificatore the receiver's registration
     * @param oggetto its subject
     * @param classifica its class (required by v3)
     * @return a reference with the required fields only
     */
    public static Riferimento of(Identificatore identificatore, String oggetto, Classifica classifica) {
        return new Riferimento(identificatore, Optional.empty(), oggetto, Optional.of(classifica), Optional.empty());
    }
}
