package io.github.pec4j.receipts;

import java.util.Locale;

/** Where a recipient stands. */
public enum DeliveryState {
    /** Registered, not yet handed to the provider. */
    PREPARED,
    /** Handed to the provider, no accettazione yet. */
    SUBMITTED,
    /** Accepted by the AOO's provider; the delivery receipt is expected within 12 hours. */
    ACCEPTED,
    /** A non-PEC ({@code esterno}) recipient: accepted and forwarded; no delivery receipt will come. */
    FORWARDED,
    /** The provider refused the message (non-accettazione, virus): nothing was sent to anyone. */
    NOT_ACCEPTED,
    /** Delivered to the recipient's mailbox (avvenuta consegna): legal proof of delivery. */
    DELIVERED,
    /** Not delivered (errore consegna, virus at the recipient's provider, or the 24-hour limit). */
    DELIVERY_FAILED,
    /** No delivery receipt within 12 hours, or a preavviso di mancata consegna: not failed, late. */
    OVERDUE,
    /** No delivery receipt and no final notice 24 hours after acceptance. */
    TIMED_OUT;

    /**
     * The lower-case id used in JSON, e.g. {@code delivery-failed}.
     *
     * @return the constant's name in lower case with hyphens
     */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The operators' traffic light: red (not yet out, or failed), yellow (left our system), green (delivered).
     *
     * @return the operators' traffic light: red (not yet out, or failed), yellow (left our system), green (delivered)
     */
    public Light light() {
        return switch (this) {
            case DELIVERED -> Light.GREEN;
            case ACCEPTED, FORWARDED, OVERDUE -> Light.YELLOW;
            default -> Light.RED;
        };
    }

    /** The colours protocol products show. */
    public enum Light {
        /** Something went wrong: not accepted, not delivered, or timed out. */
        RED,
        /** Still in progress: accepted and waiting for delivery, or warned. */
        YELLOW,
        /** Delivered to every recipient. */
        GREEN;

        /**
         * The lower-case id used in JSON.
         *
         * @return {@code red}, {@code yellow} or {@code green}
         */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
