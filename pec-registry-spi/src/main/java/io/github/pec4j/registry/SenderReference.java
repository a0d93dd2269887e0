package io.github.pec4j.registry;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The sender's own protocol number and date, recorded when available (DPR 445/2000 art. 53 c.1 e),
 * e.g. from an incoming segnatura.
 *
 * @param number the number as the sender wrote it (kept as text: other registers format freely)
 * @param date the sender's registration date
 */
public record SenderReference(String number, LocalDate date) {
    /**
     * Creates the record: refuses null components.
     *
     * @param number the number as the sender wrote it (kept as text: other registers format freely)
     * @param date the sender's registration date
     */
    public SenderReference {
        Checks.text(number, "number");
        Objects.requireNonNull(date, "date");
    }
}
