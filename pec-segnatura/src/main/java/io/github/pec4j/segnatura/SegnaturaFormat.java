package io.github.pec4j.segnatura;

/** The format a segnatura was read from; pec4j only ever writes {@link #V3} (SEG-LEGACY-01). */
public enum SegnaturaFormat {
    /** AgID LG 2021 Allegato 6: {@code SegnaturaInformatica}, namespace {@code http://www.agid.gov.it/protocollo/} (or the {@code pec/} one). */
    V3,
    /** Circolare AgID 60/2013: {@code Segnatura}, namespace {@code http://www.digitPa.gov.it/protocollo/}, unqualified attributes. */
    C60_2013,
    /** Circolare AIPA 28/2001: {@code Segnatura} without namespace, DTD-based. */
    C28_2001
}
