/** Reports of the {@code pec} command; not API. */
@NullMarked
package io.github.pec4j.cli.internal;

import org.jspecify.annotations.NullMarked;
