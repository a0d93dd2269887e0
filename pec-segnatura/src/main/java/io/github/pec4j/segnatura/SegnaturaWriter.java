package io.github.pec4j.segnatura;

import io.github.pec4j.segnatura.internal.Codec;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Writes a v3 {@code SegnaturaInformatica} (namespace {@code http://www.agid.gov.it/protocollo/}, {@code prot:versione="3.0.0"},
 * {@code prot:lang="it"}, qualified attributes: SEG-NS-01, SEG-ATTR-01) sealed in an enveloped XAdES Baseline-B
 * signature (ETSI EN 319 132-1: SigningTime, SigningCertificateV2, DataObjectFormat; SHA-256; exclusive C14N) with the
 * JDK's XML-DSig (SEG-SIGN-01).
 *
 * <p>Before anything is emitted the segnatura is checked against what v3 requires: a register code matching
 * {@code [A-Za-z0-9_.-]{1,16}} and a number of seven or more digits (SEG-ID-01), a Classifica, one primary document and
 * every document with nomeFile, mimeType and a SHA-256 impronta (SEG-DOC-01, SEG-IMPR-01). No IndirizzoPostale is ever
 * written, nor a PIVAoCF that is not eleven digits, nor a CodiceFiscale breaking the schema's pattern (SEG-XSD-01).
 * Immutable and thread-safe.
 */
public final class SegnaturaWriter {
    private final @Nullable SealKey seal;
    private final Clock clock;

    private SegnaturaWriter(@Nullable SealKey seal, Clock clock) {
        this.seal = seal;
        this.clock = clock;
    }

    /**
     * A writer sealing with {@code seal}, SigningTime from the system clock.
     *
     * @param seal the AOO's seal key and certificate
     * @return a writer sealing with {@code seal}, SigningTime from the system clock
     */
    public static SegnaturaWriter create(SealKey seal) {
        return new SegnaturaWriter(Objects.requireNonNull(seal, "seal"), Clock.systemUTC());
    }

    /**
     * A writer that emits the segnatura <em>unsealed</em>, for an AOO that has no seal key yet: a v3
     * segnatura must be sealed (SEG-SIGN-01), so whoever sends it warns that it is not (OUT-SEG-01).
     *
     * @return a writer that emits the segnatura <em>unsealed</em>, for an AOO that has no seal key yet: a v3
     *     segnatura must be sealed (SEG-SIGN-01), so whoever sends it warns that it is not (OUT-SEG-01)
     */
    public static SegnaturaWriter unsealed() {
        return new SegnaturaWriter(null, Clock.systemUTC());
    }

    /**
     * Whether this writer seals what it writes.
     *
     * @return whether this writer seals what it writes
     */
    public boolean seals() {
        return seal != null;
    }

    /**
     * This writer with another clock for {@code xades:SigningTime}.
     *
     * @param value the clock for {@code xades:SigningTime}
     * @return this writer with another clock for {@code xades:SigningTime}
     */
    public SegnaturaWriter withClock(Clock value) {
        return new SegnaturaWriter(seal, Objects.requireNonNull(value, "clock"));
    }

    /**
     * The segnatura, UTF-8: sealed unless this writer is {@link #unsealed()}.
     *
     * @param segnatura the segnatura to write
     * @return the segnatura, UTF-8: sealed unless this writer is {@link #unsealed()}
     * @throws IllegalArgumentException naming everything v3 cannot carry, or when the key cannot sign
     */
    public byte[] write(Segnatura segnatura) {
        Objects.requireNonNull(segnatura, "segnatura");
        return seal == null ? Codec.writeSegnatura(segnatura, null, List.of(), clock.instant())
                : Codec.writeSegnatura(segnatura, seal.privateKey(), seal.chain(), clock.instant());
    }
}
