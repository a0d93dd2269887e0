package io.github.pec4j.registry;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@link ProtocolRegistry#recordTransmissions} came to for one filing: the record, or the failure that left
 * nothing of it written (the other filings are not affected).
 *
 * @param record the record stored, or the one already recorded for the same event
 * @param failure why nothing was recorded for this filing
 */
public record FilingResult(Optional<TransmissionRecord> record, Optional<RegistryException> failure) {
    /**
     * Checks that exactly one of record and failure is present.
     *
     * @param record the record stored, or the one already recorded for the same event
     * @param failure why nothing was recorded for this filing
     * @throws IllegalArgumentException when both or neither are present
     */
    public FilingResult {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(failure, "failure");
        if (record.isPresent() == failure.isPresent()) throw new IllegalArgumentException("exactly one of record and failure");
    }

    /**
     * A filing recorded (or found recorded).
     *
     * @param record what {@link ProtocolRegistry#recordTransmission} would have returned
     * @return the filing's result
     */
    public static FilingResult of(TransmissionRecord record) {
        return new FilingResult(Optional.of(record), Optional.empty());
    }

    /**
     * A filing that recorded nothing.
     *
     * @param failure what {@link ProtocolRegistry#recordTransmission} would have thrown
     * @return the filing's result
     */
    public static FilingResult failed(RegistryException failure) {
        return new FilingResult(Optional.empty(), Optional.of(failure));
    }

    /**
     * The record, as {@link ProtocolRegistry#recordTransmission} would have returned it.
     *
     * @return the record
     * @throws RegistryException the failure, when this filing recorded nothing
     */
    public TransmissionRecord orThrow() throws RegistryException {
        if (failure.isPresent()) throw failure.get();
        return record.orElseThrow();
    }
}
