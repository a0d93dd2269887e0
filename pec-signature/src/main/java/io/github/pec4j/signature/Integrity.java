package io.github.pec4j.signature;

/** Whether the signed bytes are those the signer signed. */
public enum Integrity {
    /** The signature verifies over the received bytes. */
    VALID,
    /** It does not: the content or the signature was altered. */
    INVALID,
    /** There is no signature. */
    ABSENT,
    /** The signature cannot be read (truncated, undecodable, unsupported). */
    NOT_VERIFIABLE
}
