package io.github.pec4j.registry;

/** Which way a registered document travels. */
public enum Direction {
    /** Received by the AOO ("in entrata"): the correspondents are the senders. */
    INCOMING,
    /** Sent by the AOO ("in uscita"): the correspondents are the recipients. */
    OUTGOING,
    /** Between offices of the same AOO ("interno"). */
    INTERNAL
}
