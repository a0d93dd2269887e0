/**
 * The content spool: where attachment bytes go while a message is parsed, fingerprinted on the way.
 */
@NullMarked
package io.github.pec4j.core.content;

import org.jspecify.annotations.NullMarked;
