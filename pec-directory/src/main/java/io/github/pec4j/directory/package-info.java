/**
 * Directories of digital domiciles (CAD arts. 6-bis, 6-ter, 6-quater): the
 * {@link io.github.pec4j.directory.DomicileDirectory} SPI and its {@link io.github.pec4j.directory.Answer}s,
 * the IPA snapshot ({@link io.github.pec4j.directory.IpaDirectory}), the INAD client
 * ({@link io.github.pec4j.directory.InadDirectory}), an in-memory table
 * ({@link io.github.pec4j.directory.StaticDirectory}) and the chain that combines them
 * ({@link io.github.pec4j.directory.DirectoryChain}).
 */
@NullMarked
package io.github.pec4j.directory;

import org.jspecify.annotations.NullMarked;
