/** Implementation of the format checks; not exported. */
@NullMarked
package io.github.pec4j.formats.internal;

import org.jspecify.annotations.NullMarked;
