package io.github.pec4j.formats;

import java.util.Objects;

/**
 * Outbound pre-flight of a PEC's size: providers refuse a message whose size times its number of
 * recipients exceeds their limit (30 MB is the usual one), so pec4j refuses it before sending and
 * says what it measured — the attachments' decoded bytes (the payload) or the base64-encoded
 * envelope, which is about 1.33–1.37 times larger.
 *
 * @param measuredBytes bytes measured
 * @param basis what was measured
 * @param recipients number of recipients (To and Cc)
 * @param limit the limit on {@code measuredBytes × recipients}
 * @param estimatedEnvelopeBytes the envelope size: measured, or estimated from the payload as base64
 *     with a line break every 76 characters
 */
public record OutboundSize(long measuredBytes, Basis basis, int recipients, long limit, long estimatedEnvelopeBytes) {
    /** What a size was measured on. */
    public enum Basis {
        /** The decoded attachments and body: what the sender sees. */
        PAYLOAD,
        /** The encoded message as it travels: what the provider counts. */
        ENCODED_ENVELOPE
    }

    /**
     * Creates the record: refuses null components and refuses values out of range.
     *
     * @param measuredBytes bytes measured
     * @param basis what was measured
     * @param recipients number of recipients (To and Cc)
     * @param limit the limit on {@code measuredBytes × recipients}
     * @param estimatedEnvelopeBytes the envelope size: measured, or estimated from the payload as base64 with a line
     *     break every 76 characters
     */
    public OutboundSize {
        Objects.requireNonNull(basis, "basis");
        if (measuredBytes < 0 || recipients < 1 || limit < 1) {
            throw new IllegalArgumentException("measuredBytes >= 0, recipients >= 1 and limit >= 1 required");
        }
    }

    /**
     * A pre-flight on the decoded payload; the envelope is estimated.
     *
     * @param recipients number of recipients (To and Cc)
     * @param limit the limit on {@code measuredBytes × recipients}
     * @param payloadBytes the decoded size of body and attachments
     * @return a pre-flight on the decoded payload; the envelope is estimated
     */
    public static OutboundSize ofPayload(long payloadBytes, int recipients, long limit) {
        return new OutboundSize(payloadBytes, Basis.PAYLOAD, recipients, limit, base64Envelope(payloadBytes));
    }

    /**
     * A pre-flight on the encoded envelope, the provider's own measure.
     *
     * @param recipients number of recipients (To and Cc)
     * @param limit the limit on {@code measuredBytes × recipients}
     * @param envelopeBytes the encoded size of the message
     * @return a pre-flight on the encoded envelope, the provider's own measure
     */
    public static OutboundSize ofEnvelope(long envelopeBytes, int recipients, long limit) {
        return new OutboundSize(envelopeBytes, Basis.ENCODED_ENVELOPE, recipients, limit, envelopeBytes);
    }

    /**
     * {@code measuredBytes × recipients}, saturating.
     *
     * @return the measured size times the number of recipients
     */
    public long totalBytes() {
        return measuredBytes > Long.MAX_VALUE / recipients ? Long.MAX_VALUE : measuredBytes * recipients;
    }

    /**
     * True when the message may be sent.
     *
     * @return true when the message may be sent
     */
    public boolean allowed() {
        return totalBytes() <= limit;
    }

    /**
     * The refusal, stating the basis, or null when allowed.
     *
     * @return the refusal, stating the basis, or null when allowed
     */
    public Finding finding() {
        if (allowed()) {
            return null;
        }
        String detail = measuredBytes + " bytes (" + (basis == Basis.PAYLOAD ? "payload, envelope about " + estimatedEnvelopeBytes
                : "encoded envelope") + ") × " + recipients + " recipients = " + totalBytes() + " > " + limit;
        return Finding.of(FormatCode.OUTBOUND_TOO_LARGE, "*", detail);
    }

    /** Base64 output with CRLF after every 76 characters. */
    static long base64Envelope(long bytes) {
        long chars = (bytes + 2) / 3 * 4;
        return chars + (chars + 75) / 76 * 2;
    }
}
