package io.github.pec4j.registry;

import java.time.Instant;
import java.util.Objects;

/**
 * The right to take in one mailbox, held by one intake node until it expires (MRM-NODE-01).
 *
 * @param name what is leased, e.g. {@code imap:protocollo@pec.comune.example.it}
 * @param holder the node holding it
 * @param token a number that grows with every change of holder (a fencing token: a node that sees a
 *     larger token than its own knows it lost the lease)
 * @param expiresAt when it lapses unless renewed, by the registry's clock
 */
public record MailboxLease(String name, String holder, long token, Instant expiresAt) {
    /**
     * Creates the record: refuses null components.
     *
     * @param name what is leased, e.g. {@code imap:protocollo@pec.comune.example.it}
     * @param holder the node holding it
     * @param token a number that grows with every change of holder (a fencing token: a node that sees a larger token
     *     than its own knows it lost the lease)
     * @param expiresAt when it lapses unless renewed, by the registry's clock
     */
    public MailboxLease {
        Checks.text(name, "name");
        Checks.text(holder, "holder");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
