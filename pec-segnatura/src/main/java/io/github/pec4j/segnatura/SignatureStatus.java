package io.github.pec4j.segnatura;

/** The verdict on a segnatura's {@code ds:Signature}. */
public enum SignatureStatus {
    /** XAdES signature intact over the whole document, by a signer the trust store trusts. */
    VALID,
    /** Present but broken: does not verify, not XAdES, not covering the whole document, or malformed. Anomaly 001. */
    INVALID,
    /** No signature: anomaly 001 for v3; the legacy formats carry none. */
    MISSING,
    /** Intact, but the signer is not trusted (or no trust source is configured). Anomaly 001. */
    UNTRUSTED
}
