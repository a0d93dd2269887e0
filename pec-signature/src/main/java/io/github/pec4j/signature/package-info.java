/**
 * Verification of the PEC provider's S/MIME signature: {@link io.github.pec4j.signature.ProviderSignatureVerifier}
 * with a {@link io.github.pec4j.signature.TrustStore}.
 */
@NullMarked
package io.github.pec4j.signature;

import org.jspecify.annotations.NullMarked;
