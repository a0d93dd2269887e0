package io.github.pec4j.registry.memory;

import io.github.pec4j.registry.ProtocolRegistry;
import io.github.pec4j.registry.RegistryOptions;
import io.github.pec4j.registry.RegistryProvider;
import io.github.pec4j.registry.memory.internal.MemoryRegistry;

/**
 * The provider with id {@value #ID}: an in-memory register for tests and demos. Every rule of the
 * SPI holds; nothing survives the JVM. Property {@code memory.maxDocumentBytes} caps each document
 * (default 64 MiB), since content is held on the heap. It declares every capability but {@code
 * PERSISTENT} and {@code MULTI_PROCESS}, {@code DESK} and {@code MAILROOM} included (its mailroom
 * state lives and dies with it).
 */
public final class MemoryRegistryProvider implements RegistryProvider {
    /** This provider's id. */
    public static final String ID = "memory";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int spiVersion() {
        return SPI_VERSION;
    }

    @Override
    public ProtocolRegistry open(RegistryOptions options) {
        long max = options.property("memory.maxDocumentBytes").map(Long::parseLong).orElse(MemoryRegistry.DEFAULT_MAX_DOCUMENT_BYTES);
        return new MemoryRegistry(options.clock(), max);
    }

    /**
     * A fresh, empty in-memory registry reading the time from {@code clock}.
     *
     * @param clock the clock that dates registrations and decides the year of each number
     * @return a fresh, empty in-memory registry reading the time from {@code clock}
     */
    public static ProtocolRegistry create(java.time.Clock clock) {
        return new MemoryRegistry(clock, MemoryRegistry.DEFAULT_MAX_DOCUMENT_BYTES);
    }
}
