package io.github.pec4j.signature;

/** Whether the signer is a PEC provider the caller trusts. */
public enum Trust {
    /** Listed among the provider certificates or hashes, or chains to a configured anchor. */
    TRUSTED,
    /** Trust sources are configured and none of them vouches for the signer. */
    UNTRUSTED,
    /** No trust source is configured: nothing can be trusted. */
    UNKNOWN
}
