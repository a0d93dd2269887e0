package io.github.pec4j.signature;

import java.time.Duration;
import java.util.Objects;

/**
 * What the verifier accepts and what it only warns about. Archived PEC messages are routinely signed
 * with SHA-1 and RSA-1024 by certificates that have since expired: the default accepts them for
 * integrity and reports each as a warning.
 *
 * @param acceptSha1 accept SHA-1 message digests (with a warning); when false they make the signature
 *     {@link Integrity#NOT_VERIFIABLE}
 * @param minRsaKeyBits RSA keys shorter than this are reported as weak (a warning, never a failure)
 * @param signingTimeTolerance largest accepted gap between the CMS signingTime and the daticert time
 */
public record CryptoPolicy(boolean acceptSha1, int minRsaKeyBits, Duration signingTimeTolerance) {

    /** SHA-1 accepted with a warning, RSA under 2048 bits flagged, 5 minutes of clock skew. */
    public static final CryptoPolicy DEFAULT = new CryptoPolicy(true, 2048, Duration.ofMinutes(5));

    /**
     * Creates the record: refuses null components and refuses values out of range.
     *
     * @param acceptSha1 accept SHA-1 message digests (with a warning); when false they make the signature {@link
     *     Integrity#NOT_VERIFIABLE}
     * @param minRsaKeyBits RSA keys shorter than this are reported as weak (a warning, never a failure)
     * @param signingTimeTolerance largest accepted gap between the CMS signingTime and the daticert time
     */
    public CryptoPolicy {
        Objects.requireNonNull(signingTimeTolerance, "signingTimeTolerance");
        if (minRsaKeyBits < 0) {
            throw new IllegalArgumentException("minRsaKeyBits must be >= 0");
        }
        if (signingTimeTolerance.isNegative()) {
            throw new IllegalArgumentException("signingTimeTolerance must not be negative");
        }
    }

    /**
     * A copy that refuses SHA-1.
     *
     * @return a copy that refuses SHA-1
     */
    public CryptoPolicy withoutSha1() {
        return new CryptoPolicy(false, minRsaKeyBits, signingTimeTolerance);
    }
}
