package io.github.pec4j.mailroom.internal;

import io.github.pec4j.registry.OutboxEntry;

/**
 * Who sends each kind of outbox entry: the one place that decides it. The registry keeps one outbox for the box,
 * and two parts of pec4j read it; each sends only the kinds routed to it, so no entry is sent by both and none by
 * neither. A new {@link OutboxEntry.Kind} does not compile until it is routed here.
 */
enum OutboxRoute {
    /**
     * The mailroom's {@link Outbox} composes the mail from the entry itself (subject, body, the registration's documents)
     * at each attempt: notifications, replies to refused mail, conferme di ricezione.
     */
    MAILROOM,
    /**
     * The outbound side's {@link LetterDispatch} sends the message stored with the registration, byte for byte, with its
     * Message-ID (OUT-ONCE-01): letters. The mailroom never composes one.
     */
    OUTBOUND;

    /** The part of pec4j that sends entries of {@code kind}. */
    static OutboxRoute of(OutboxEntry.Kind kind) {
        return switch (kind) {
            case NOTIFICATION, REPLY, CONFERMA -> MAILROOM;
            case LETTER -> OUTBOUND;
        };
    }

    /** The kinds this part sends: what it asks the outbox for (OUT-DUE-01). */
    java.util.Set<OutboxEntry.Kind> kinds() {
        java.util.Set<OutboxEntry.Kind> out = java.util.EnumSet.noneOf(OutboxEntry.Kind.class);
        for (OutboxEntry.Kind k : OutboxEntry.Kind.values()) {
            if (of(k) == this) out.add(k);
        }
        return out;
    }

    /** Whether {@code e} is this part's to send. */
    boolean sends(OutboxEntry e) {
        return of(e.kind()) == this;
    }
}
