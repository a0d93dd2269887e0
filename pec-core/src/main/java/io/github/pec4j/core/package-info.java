/**
 * The PEC message model and its streaming parser.
 *
 * <p>Start with {@link io.github.pec4j.core.PecParser}: it reads any message from a PEC mailbox
 * (transport and anomaly envelopes, the seven receipts and notices, ordinary mail) into an immutable
 * {@link io.github.pec4j.core.PecMessage}.
 */
@NullMarked
package io.github.pec4j.core;

import org.jspecify.annotations.NullMarked;
