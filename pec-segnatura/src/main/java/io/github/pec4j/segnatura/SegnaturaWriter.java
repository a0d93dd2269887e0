package io.github.pec4j.segnatura;

import io.github.pec4j.segnatura.internal.Codec;
import java.time.Clock;
import java.util.Objects;

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
    private final SealKey seal;
    private final Clock clock;

    private SegnaturaWriter(SealKey seal, Clock clock) {
        this.seal = seal;
        this.clock = clock;
    }

    /** A writer sealing with {@code seal}, SigningTime from the system clock. */
    public static SegnaturaWriter create(SealKey seal) {
        return new SegnaturaWriter(Objects.requireNonNull(seal, "seal"), Clock.systemUTC());
    }

    /** This writer with another clock for {@code xades:SigningTime}. */
    public SegnaturaWriter withClock(Clock value) {
        return new SegnaturaWriter(seal, Objects.requireNonNull(value, "clock"));
    }

    /**
     * The sealed segnatura, UTF-8.
     *
     * @throws IllegalArgumentException naming everything v3 cannot carry, or when the key cannot sign
     */
    public byte[] write(Segnatura segnatura) {
        return Codec.writeSegnatura(Objects.requireNonNull(segnatura, "segnatura"), seal.privateKey(), seal.chain(), clock.instant());
    }
}
