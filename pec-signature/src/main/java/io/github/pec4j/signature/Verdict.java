package io.github.pec4j.signature;

/** The overall answer about a provider signature. */
public enum Verdict {
    /** Intact, and the signer is a configured PEC provider (or chains to a configured anchor). */
    VALID_TRUSTED,
    /** Intact, but the signer is not known to any configured trust source (or none is configured). */
    VALID_UNTRUSTED_SIGNER,
    /** The signed content was changed after signing, or the signature does not verify. */
    INVALID,
    /** The signature part is missing, cut short or unreadable: integrity cannot be decided. */
    NOT_VERIFIABLE,
    /** The message carries no S/MIME signature at all. */
    NOT_SIGNED
}
