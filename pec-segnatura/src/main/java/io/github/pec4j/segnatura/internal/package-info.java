/** Implementation of reading, writing, sealing and verifying segnature; not exported. */
@NullMarked
package io.github.pec4j.segnatura.internal;

import org.jspecify.annotations.NullMarked;
