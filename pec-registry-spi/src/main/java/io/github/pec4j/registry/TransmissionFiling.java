package io.github.pec4j.registry;

import java.util.Objects;
import java.util.Optional;

/**
 * One transmission event to record with {@link ProtocolRegistry#recordTransmissions}: the arguments {@link
 * ProtocolRegistry#recordTransmission} takes, together.
 *
 * @param registration the protocol id of the registration
 * @param event the event as given
 * @param rawReceipt the receipt as received, kept byte-exact with its impronta
 * @param actor who performed it
 */
public record TransmissionFiling(ProtocolId registration, TransmissionEvent event, Optional<DocumentRequest> rawReceipt, Actor actor) {
    /**
     * Checks that every part is given.
     *
     * @param registration the protocol id of the registration
     * @param event the event as given
     * @param rawReceipt the receipt as received, kept byte-exact with its impronta
     * @param actor who performed it
     */
    public TransmissionFiling {
        Objects.requireNonNull(registration, "registration");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(rawReceipt, "rawReceipt");
        Objects.requireNonNull(actor, "actor");
    }
}
