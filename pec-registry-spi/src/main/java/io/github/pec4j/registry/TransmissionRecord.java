package io.github.pec4j.registry;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A recorded transmission event.
 *
 * @param sequence the event's number within its registration, from 1, in recording order
 * @param event the event as given
 * @param receipt the raw receipt (e.g. the whole receipt message, byte-exact), if one was given;
 *     read it with {@link ProtocolRegistry#openReceipt}
 * @param recordedAt when the registry recorded it
 * @param recordedBy who recorded it
 */
public record TransmissionRecord(long sequence, TransmissionEvent event, Optional<StoredDocument> receipt, Instant recordedAt, Actor recordedBy) {
    /**
     * Creates the record: refuses null components and refuses values out of range.
     *
     * @param sequence the event's number within its registration, from 1, in recording order
     * @param event the event as given
     * @param receipt the raw receipt (e.g. the whole receipt message, byte-exact), if one was given; read it with
     *     {@link ProtocolRegistry#openReceipt}
     * @param recordedAt when the registry recorded it
     * @param recordedBy who recorded it
     */
    public TransmissionRecord {
        if (sequence < 1) throw new IllegalArgumentException("sequence < 1");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(receipt, "receipt");
        Objects.requireNonNull(recordedAt, "recordedAt");
        Objects.requireNonNull(recordedBy, "recordedBy");
    }

    /**
     * Whether recording {@code candidate} again must return this record instead of a new one.
     *
     * @param candidate the event about to be recorded
     * @return whether recording {@code candidate} again must return this record instead of a new one
     */
    public boolean isSameAs(TransmissionEvent candidate) {
        return event.sameIdentity(candidate);
    }
}
