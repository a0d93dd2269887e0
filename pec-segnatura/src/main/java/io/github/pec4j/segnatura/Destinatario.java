package io.github.pec4j.segnatura;

import java.util.Objects;

/**
 * A recipient ({@code DestinatarioType}).
 *
 * @param soggetto who
 * @param confermaRicezione whether the sender asks for a {@code ConfermaRicezione} (schema default true)
 * @param perConoscenza whether the recipient is only informed (schema default false)
 */
public record Destinatario(Soggetto soggetto, boolean confermaRicezione, boolean perConoscenza) {
    /**
     * Checks for presence.
     *
     * @param soggetto who
     * @param confermaRicezione whether the sender asks for a {@code ConfermaRicezione} (schema default true)
     * @param perConoscenza whether the recipient is only informed (schema default false)
     */
    public Destinatario {
        Objects.requireNonNull(soggetto, "soggetto");
    }

    /**
     * A recipient with the schema's defaults: confirmation asked, not per conoscenza.
     *
     * @param soggetto who
     * @return a recipient with the schema's defaults: confirmation asked, not per conoscenza
     */
    public static Destinatario of(Soggetto soggetto) {
        return new Destinatario(soggetto, true, false);
    }
}
