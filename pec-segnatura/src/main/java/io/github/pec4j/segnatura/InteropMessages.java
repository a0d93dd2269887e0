package io.github.pec4j.segnatura;

import io.github.pec4j.segnatura.internal.Codec;
import java.util.Objects;
import java.util.Optional;

/**
 * Recognises, reads and writes the AOO-to-AOO messages. Recognition is by root element and namespace only, never by
 * attachment name (SEG-MSG-01): {@code SegnaturaInformatica} in the {@code http://www.agid.gov.it/protocollo/} or
 * {@code .../protocollo/pec/} namespace; {@code ConfermaRicezione}, {@code AggiornamentoConferma},
 * {@code NotificaEccezione} and {@code AnnullamentoProtocollazione} in the {@code pec/} one; and the same roots of
 * Circolare 60/2013 and 28/2001. Reading has the hardening of {@link SegnaturaReader}; writing emits v3 only.
 */
public final class InteropMessages {
    private InteropMessages() {}

    /**
     * The kind of message {@code xml} is; empty for any other XML, non-XML or hostile input. Never throws for input.
     *
     * @param xml the bytes of an XML attachment
     * @return the kind of message {@code xml} is; empty for any other XML, non-XML or hostile input
     */
    public static Optional<InteropMessage.Kind> detect(byte[] xml) {
        return Codec.detect(Objects.requireNonNull(xml, "xml"), SegnaturaReader.DEFAULT_MAX_BYTES);
    }

    /**
     * The message in {@code xml}: a {@link ReceivedSegnatura} or one of the four PEC messages.
     *
     * @param xml the bytes of an XML attachment
     * @return the message in {@code xml}: a {@link ReceivedSegnatura} or one of the four PEC messages
     * @throws SegnaturaException when the input is hostile, malformed, too large or not an interop message
     */
    public static InteropMessage read(byte[] xml) throws SegnaturaException {
        return Codec.read(xml.clone(), SegnaturaReader.DEFAULT_MAX_BYTES);
    }

    /**
     * One of the four v3 PEC messages ({@code pec_message.xsd}, qualified {@code pec:versione="3.0.0"} and
     * {@code pec:lang="it"}), UTF-8. A segnatura is written by {@link SegnaturaWriter}.
     *
     * @param message the message to write; a segnatura is written by {@link SegnaturaWriter}
     * @return one of the four v3 PEC messages ({@code pec_message.xsd}, qualified {@code pec:versione="3.0.0"} and
     *     {@code pec:lang="it"}), UTF-8
     * @throws IllegalArgumentException for a {@link ReceivedSegnatura}, or an Identificatore v3 cannot carry
     */
    public static byte[] write(InteropMessage message) {
        return Codec.write(Objects.requireNonNull(message, "message"));
    }
}
