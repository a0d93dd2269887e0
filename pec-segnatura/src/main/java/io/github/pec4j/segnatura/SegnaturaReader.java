package io.github.pec4j.segnatura;

import io.github.pec4j.segnatura.internal.Codec;

/**
 * Reads a received segnatura: v3 {@code SegnaturaInformatica} (in the {@code protocollo/} or {@code protocollo/pec/}
 * namespace; unqualified attributes are read with a warning, SEG-ATTR-01), Circolare 60/2013 and namespace-less
 * 28/2001 {@code Segnatura} (SEG-LEGACY-01). Values breaking only the schema's patterns (a five-digit CAP, a codice
 * fiscale in PIVAoCF...) are read with a warning (SEG-XSD-01); every SHA-2 name of {@code Impronta/@algoritmo} is
 * accepted (SEG-IMPR-01).
 *
 * <p>Hardened: a DOCTYPE is refused (except the external-only one of a 28/2001 document, whose DTD is never
 * fetched), so no entity is ever declared or expanded; no external resource is ever read; input beyond
 * {@link #maxBytes()} or 64 levels deep is refused. Reading does not verify the signature ({@link SegnaturaVerifier}
 * does). Immutable and thread-safe.
 */
public final class SegnaturaReader {
    /** The default limit on the XML's size: 8 MiB, far beyond any segnatura. */
    public static final int DEFAULT_MAX_BYTES = 8 << 20;
    private static final SegnaturaReader DEFAULT = new SegnaturaReader(DEFAULT_MAX_BYTES);

    private final int maxBytes;

    private SegnaturaReader(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /**
     * A reader with the default limits.
     *
     * @return a reader with the default limits
     */
    public static SegnaturaReader create() {
        return DEFAULT;
    }

    /**
     * This reader with another size limit.
     *
     * @param value the largest segnatura read, in bytes
     * @return this reader with another size limit
     */
    public SegnaturaReader withMaxBytes(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("maxBytes must be positive: " + value);
        }
        return new SegnaturaReader(value);
    }

    /**
     * The size limit, in bytes.
     *
     * @return the size limit, in bytes
     */
    public int maxBytes() {
        return maxBytes;
    }

    /**
     * The segnatura in {@code xml}, with its format, warnings and the bytes themselves.
     *
     * @param xml the bytes of the segnatura XML
     * @return the segnatura in {@code xml}, with its format, warnings and the bytes themselves
     * @throws SegnaturaException when the input is hostile, malformed, too large, not a segnatura, or lacks what
     *     the model needs (Identificatore, Mittente, the primary document)
     */
    public ReceivedSegnatura read(byte[] xml) throws SegnaturaException {
        InteropMessage m = Codec.read(xml.clone(), maxBytes);
        if (m instanceof ReceivedSegnatura s) {
            return s;
        }
        throw new SegnaturaException(io.github.pec4j.core.Diagnostic.of(SegnaturaCode.SEG_NOT_RECOGNISED,
                io.github.pec4j.core.Location.part("/"), "a " + m.kind() + ", not a segnatura"), java.util.List.of());
    }
}
