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
    /**
     * Opens the content from its first byte.
     *
     * @return a new stream, which the caller closes
     * @throws IOException when the content cannot be read
     */
    InputStream open() throws IOException;

    /**
     * Content held in memory.
     *
     * @param bytes the content, not copied: do not change it afterwards
     * @return a source over the array
     */
    static ContentSource of(byte[] bytes) {
        byte[] copy = Objects.requireNonNull(bytes, "bytes").clone();
        return () -> new ByteArrayInputStream(copy);
    }

    /**
     * Content read from a file when needed.
     *
     * @param file the file, which must stay unchanged until registration
     * @return a source over the file
     */
    static ContentSource of(Path file) {
        Objects.requireNonNull(file, "file");
        return () -> Files.newInputStream(file);
    }
}
