package io.github.pec4j.registry;

import java.io.IOException;

/** Hands a daily register to the sistema di conservazione (AgID LG 2021: by the next working day). */
@FunctionalInterface
public interface ConservationHook {
    void accept(DailyRegister register) throws IOException;
}
