package io.github.pec4j.segnatura;

import io.github.pec4j.core.Diagnostic;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A segnatura as read: its format, its data, whether it carries a {@code ds:Signature}, the warnings of the lenient
 * reading and the exact bytes received, to be stored unchanged with the registration (SEG-LEGACY-01). Reading does
 * not verify the signature: {@link SegnaturaVerifier} does.
 *
 * @param format the format read
 * @param segnatura the data
 * @param signed whether a {@code ds:Signature} is present
 * @param warnings what was tolerated (unqualified attributes, pattern violations, legacy format...)
 * @param raw the bytes read (copied in and out)
 */
public record ReceivedSegnatura(SegnaturaFormat format, Segnatura segnatura, boolean signed, List<Diagnostic> warnings, byte[] raw)
        implements InteropMessage {

    /**
     * Checks for presence and copies.
     *
     * @param format the format read
     * @param segnatura the data
     * @param signed whether a {@code ds:Signature} is present
     * @param warnings what was tolerated (unqualified attributes, pattern violations, legacy format...)
     * @param raw the bytes read (copied in and out)
     */
    public ReceivedSegnatura {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(segnatura, "segnatura");
        warnings = List.copyOf(warnings);
        raw = Objects.requireNonNull(raw, "raw").clone();
    }

    /**
     * The segnatura's bytes as received.
     *
     * @return a fresh copy of the bytes
     */
    @Override
    public byte[] raw() {
        return raw.clone();
    }

    @Override
    public Kind kind() {
        return Kind.SEGNATURA;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReceivedSegnatura r && r.format == format && r.segnatura.equals(segnatura) && r.signed == signed
                && r.warnings.equals(warnings) && Arrays.equals(r.raw, raw);
    }

    @Override
    public int hashCode() {
        return Objects.hash(format, segnatura, signed, warnings) * 31 + Arrays.hashCode(raw);
    }

    @Override
    public String toString() {
        return "ReceivedSegnatura[" + format + ", " + segnatura.identificatore() + ", signed=" + signed + ", warnings="
                + warnings.size() + ", " + raw.length + " bytes]";
    }
}
