/** Implementation of the parser; not exported, not API. */
@NullMarked
package io.github.pec4j.core.internal;

import org.jspecify.annotations.NullMarked;
