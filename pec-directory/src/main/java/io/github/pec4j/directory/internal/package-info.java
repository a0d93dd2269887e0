/** Implementation of the directories (IPA parsing and index, INAD JSON); not exported. */
@NullMarked
package io.github.pec4j.directory.internal;

import org.jspecify.annotations.NullMarked;
