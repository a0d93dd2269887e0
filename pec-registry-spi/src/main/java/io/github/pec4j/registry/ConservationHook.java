package io.github.pec4j.registry;

import java.io.IOException;

/** Hands a daily register to the sistema di conservazione (AgID LG 2021: by the next working day). */
@FunctionalInterface
public interface ConservationHook {
    /**
     * Receives the daily register to send it to conservation.
     *
     * @param register the daily register produced
     * @throws IOException when it cannot be handed over; the registry reports the failure
     */
    void accept(DailyRegister register) throws IOException;
}
