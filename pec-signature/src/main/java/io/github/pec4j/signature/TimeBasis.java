package io.github.pec4j.signature;

/** Which time the signer certificate's validity was judged at. */
public enum TimeBasis {
    /** The CMS {@code signingTime} attribute. */
    SIGNING_TIME,
    /** The daticert {@code data} (no signingTime in the signature). */
    DATICERT,
    /** The verifier's clock (neither was available). */
    NOW
}
