/**
 * The JDBC protocol registry: {@link io.github.pec4j.registry.jdbc.JdbcRegistry#open}, {@link
 * io.github.pec4j.registry.jdbc.JdbcRegistry#embedded} or {@code ProtocolRegistries.open("jdbc", options)}
 * (see {@link io.github.pec4j.registry.jdbc.JdbcRegistryProvider} for the properties).
 */
@NullMarked
package io.github.pec4j.registry.jdbc;

import org.jspecify.annotations.NullMarked;
