package io.github.pec4j.registry;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Bytes a registry reads when it stores a document; each call opens a new stream from the start,
 * so content never has to be held in memory.
 */
@FunctionalInterface
public interface ContentSource {
    InputStream open() throws IOException;

    static ContentSource of(byte[] bytes) {
        byte[] copy = Objects.requireNonNull(bytes, "bytes").clone();
        return () -> new ByteArrayInputStream(copy);
    }

    static ContentSource of(Path file) {
        Objects.requireNonNull(file, "file");
        return () -> Files.newInputStream(file);
    }
}
