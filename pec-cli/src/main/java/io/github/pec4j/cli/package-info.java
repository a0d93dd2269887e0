/** The {@code pec} command line. */
@NullMarked
package io.github.pec4j.cli;

import org.jspecify.annotations.NullMarked;
