/** Implementation of the testkit; not exported. */
@NullMarked
package io.github.pec4j.testkit.internal;

import org.jspecify.annotations.NullMarked;
