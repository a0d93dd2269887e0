package io.github.pec4j.registry;

import java.time.Instant;
import java.util.Objects;

/**
 * The permanent link from an ordinary registration to the emergency-register entry it recovers
 * (DPR 445/2000 art. 63).
 *
 * @param emergencyRegisterId the emergency register's identifier
 * @param emergencyNumber the number the entry had in the emergency register
 * @param emergencyRegisteredAt when it was registered there
 */
public record EmergencyLink(String emergencyRegisterId, long emergencyNumber, Instant emergencyRegisteredAt) {
    /**
     * Creates the record: refuses null components and refuses values out of range.
     *
     * @param emergencyRegisterId the emergency register's identifier
     * @param emergencyNumber the number the entry had in the emergency register
     * @param emergencyRegisteredAt when it was registered there
     */
    public EmergencyLink {
        Checks.code(emergencyRegisterId, "emergencyRegisterId");
        if (emergencyNumber < 1) throw new IllegalArgumentException("emergency numbers start at 1");
        Objects.requireNonNull(emergencyRegisteredAt, "emergencyRegisteredAt");
    }
}
