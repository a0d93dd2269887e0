/**
 * The in-memory protocol registry: {@link io.github.pec4j.registry.memory.MemoryRegistryProvider#create}
 * or {@code ProtocolRegistries.open("memory", options)}.
 */
package io.github.pec4j.registry.memory;
