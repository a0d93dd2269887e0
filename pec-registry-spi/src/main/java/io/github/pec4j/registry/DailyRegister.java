package io.github.pec4j.registry;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The registro giornaliero di protocollo of one register for one Europe/Rome day (DPR 445/2000
 * art. 53 c.2): produced once, after the day has closed, and returned byte-identical ever after, to
 * be sent to conservation by the next working day.
 *
 * @param register the register
 * @param day the Europe/Rome day
 * @param entries the registrations of that day, in number order
 * @param content the export in {@link DailyRegisterFormat} (copied)
 * @param impronta SHA-256 of {@code content}
 * @param producedAt when it was first produced
 */
public record DailyRegister(RegisterId register, LocalDate day, List<ProtocolId> entries, byte[] content, Impronta impronta, Instant producedAt) {
    /**
     * Creates the record: copies the lists, refuses null components and refuses values out of range.
     *
     * @param register the register
     * @param day the Europe/Rome day
     * @param entries the registrations of that day, in number order
     * @param content the export in {@link DailyRegisterFormat} (copied)
     * @param impronta SHA-256 of {@code content}
     * @param producedAt when it was first produced
     */
    public DailyRegister {
        Objects.requireNonNull(register, "register");
        Objects.requireNonNull(day, "day");
        entries = List.copyOf(entries);
        content = Objects.requireNonNull(content, "content").clone();
        Objects.requireNonNull(impronta, "impronta");
        Objects.requireNonNull(producedAt, "producedAt");
        if (!Impronta.of(content).equals(impronta)) {
            throw new IllegalArgumentException("impronta does not match the content");
        }
    }

    /**
     * The daily register's bytes.
     *
     * @return a fresh copy of the bytes
     */
    @Override
    public byte[] content() {
        return content.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DailyRegister d && register.equals(d.register) && day.equals(d.day) && entries.equals(d.entries)
                && impronta.equals(d.impronta) && producedAt.equals(d.producedAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(register, day, entries, impronta, producedAt);
    }

    @Override
    public String toString() {
        return "DailyRegister[" + register + " " + day + ", " + entries.size() + " entries, " + impronta + "]";
    }
}
