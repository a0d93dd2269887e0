/**
 * Attachment admission: {@link io.github.pec4j.formats.FormatChecker} with a
 * {@link io.github.pec4j.formats.FormatPolicy}.
 */
@NullMarked
package io.github.pec4j.formats;

import org.jspecify.annotations.NullMarked;
