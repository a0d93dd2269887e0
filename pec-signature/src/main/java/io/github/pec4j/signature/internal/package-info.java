/** Bouncy Castle based implementation; not exported. */
@NullMarked
package io.github.pec4j.signature.internal;

import org.jspecify.annotations.NullMarked;
