package io.github.pec4j.mailroom;

import java.util.Objects;

/**
 * How full the institutional box is (IMAP QUOTA), reported every round (MRM-QUOTA-01).
 *
 * @param mailbox the box
 * @param usedKb storage in use, in kilobytes
 * @param limitKb the limit, in kilobytes
 */
public record QuotaUse(String mailbox, long usedKb, long limitKb) {
    /** The share at which a warning is given. */
    public static final double WARNING = 0.80;
    /** The share at which the warning becomes critical. */
    public static final double CRITICAL = 0.95;

    /**
     * Checks the mailbox is given.
     *
     * @param mailbox the box
     * @param usedKb storage in use, in kilobytes
     * @param limitKb the limit, in kilobytes
     */
    public QuotaUse {
        Objects.requireNonNull(mailbox, "mailbox");
    }

    /** What a share of the quota means for the office. */
    public enum Level {
        /** Below 80 %. */
        OK,
        /** 80 % or more: clean up or ask the provider for room. */
        WARNING,
        /** 95 % or more: the provider will soon refuse mail (errore-consegna to senders). */
        CRITICAL
    }

    /**
     * Used over limit, 0 when the server gives no limit.
     *
     * @return the share of the quota used, from 0 to 1 or beyond
     */
    public double share() {
        return limitKb <= 0 ? 0 : (double) usedKb / limitKb;
    }

    /**
     * The level of {@link #share()}.
     *
     * @return the level of {@link #share()}
     */
    public Level level() {
        double s = share();
        return s >= CRITICAL ? Level.CRITICAL : s >= WARNING ? Level.WARNING : Level.OK;
    }
}
