package io.github.pec4j.mailroom.internal;

import io.github.pec4j.registry.MailboxLease;
import io.github.pec4j.registry.MailroomState;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OUT-ONCE-02: the lease on submitting letters from one box ({@code outbound:<box>}), kept in the registry's
 * {@link MailroomState} so that one node at a time submits from the outbox. It is held only while submitting and given
 * up afterwards; the threads of one node share it (one holder, counted), so a node's own sends never wait for each
 * other. Before each submission the holder renews it and compares the token (a fencing token): a node whose lease
 * lapsed and passed to another node stops before submitting anything more. The lease's time must exceed one SMTP
 * submission (the SMTP timeouts) for this to hold.
 */
public final class SendingLease {
    private static final Logger LOG = LoggerFactory.getLogger(SendingLease.class);

    private final MailroomState state;
    private final String name;
    private final String holder;
    private final Duration ttl;
    private MailboxLease held;
    private int users;
    private boolean lost;

    /**
     * @param state the registry's mailroom state, where the lease lives
     * @param box the sending box
     * @param holder this node's name
     * @param ttl how long the lease runs unless renewed
     */
    public SendingLease(MailroomState state, String box, String holder, Duration ttl) {
        this.state = state;
        this.name = "outbound:" + box;
        this.holder = holder;
        this.ttl = ttl;
    }

    /** Takes the lease, or joins this node's hold on it; false while another node holds it. Pair each true with {@link #leave()}. */
    public synchronized boolean take() throws IOException {
        if (users > 0) {
            if (!renewed()) return false;
            users++;
            return true;
        }
        Optional<MailboxLease> got = state.acquire(name, holder, ttl);
        if (got.isEmpty()) return false;
        held = got.get();
        users++;
        return true;
    }

    /**
     * Whether this node still holds the lease it took, with the same token (renewing it): asked right before each
     * submission. False when it lapsed and another node took it meanwhile, or when the registry cannot tell.
     */
    public synchronized boolean stillHeld() throws IOException {
        return users > 0 && renewed();
    }

    private boolean renewed() throws IOException {
        if (lost) return false;
        Optional<MailboxLease> got = state.acquire(name, holder, ttl);
        if (got.isPresent() && got.get().token() == held.token()) {
            held = got.get();
            return true;
        }
        lost = true; // for every user of this hold: another node may have submitted meanwhile
        if (got.isPresent()) state.release(got.get()); // taken anew by the renewal: not ours to keep
        LOG.warn("OUT-ONCE-02: the lease on {} passed to another node (token {} → {}): this node stops submitting", name, held.token(),
                got.map(l -> Long.toString(l.token())).orElse("held by another"));
        return false;
    }

    /** Leaves this node's hold; the last user gives the lease up. */
    public synchronized void leave() {
        if (users == 0) return;
        users--;
        if (users > 0) return;
        boolean wasLost = lost;
        lost = false;
        if (wasLost) {
            held = null;
            return;
        }
        try {
            state.release(held);
        } catch (IOException e) {
            LOG.warn("could not give up the lease {}: {} (it lapses in {})", name, e.toString(), ttl);
        }
        held = null;
    }

    /** The lease's name in the registry. */
    public String name() {
        return name;
    }
}
