/** The JDBC registry's implementation; not exported. */
@NullMarked
package io.github.pec4j.registry.jdbc.internal;

import org.jspecify.annotations.NullMarked;
