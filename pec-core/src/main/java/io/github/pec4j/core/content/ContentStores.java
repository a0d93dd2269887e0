package io.github.pec4j.core.content;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/** The built-in {@link ContentStore}s. */
public final class ContentStores {

    /** Content up to this size stays in memory in the default store. */
    public static final int DEFAULT_MEMORY_THRESHOLD = 64 * 1024;

    private ContentStores() {}

    /**
     * The default store: content stays in memory up to {@value #DEFAULT_MEMORY_THRESHOLD} bytes and
     * spills to a temporary file in {@code java.io.tmpdir} beyond, so heap use does not grow with
     * attachment size. Files are deleted by {@link StoredContent#release()}.
     *
     * @return the shared default store
     */
    public static ContentStore defaultStore() {
        return tempFiles(Path.of(System.getProperty("java.io.tmpdir")), DEFAULT_MEMORY_THRESHOLD);
    }

    /**
     * A store that spills content larger than {@code memoryThreshold} bytes to temporary files in
     * {@code directory}.
     *
     * @param directory the directory for the temporary files, which must exist
     * @param memoryThreshold the largest content kept in memory, in bytes
     * @return a store that keeps small content in memory and spills larger content to files in {@code directory}
     */
    public static ContentStore tempFiles(Path directory, int memoryThreshold) {
        Objects.requireNonNull(directory, "directory");
        if (memoryThreshold < 0) {
            throw new IllegalArgumentException("memoryThreshold must be >= 0: " + memoryThreshold);
        }
        return sizeHint -> new SpoolSink(directory, memoryThreshold);
    }

    /**
     * A store that keeps everything in memory: for tests and small messages only.
     *
     * @return a store holding all content on the heap
     */
    public static ContentStore memory() {
        return sizeHint -> new SpoolSink(null, Integer.MAX_VALUE - 16);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /** Memory first, then a temporary file; hashed on the way in. */
    private static final class SpoolSink implements ContentSink {
        private final Path directory;
        private final int threshold;
        private final MessageDigest digest = sha256();
        private byte[] memory = new byte[256];
        private int memorySize;
        private Path file;
        private OutputStream fileOut;
        private long size;
        private boolean done;

        SpoolSink(Path directory, int threshold) {
            this.directory = directory;
            this.threshold = threshold;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (done) {
                throw new IllegalStateException("sink already completed");
            }
            Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return;
            }
            digest.update(b, off, len);
            size += len;
            if (fileOut == null && directory != null && (long) memorySize + len > threshold) {
                file = Files.createTempFile(directory, "pec4j-", ".spool");
                fileOut = Files.newOutputStream(file, StandardOpenOption.WRITE);
                fileOut.write(memory, 0, memorySize);
                memory = null;
                memorySize = 0;
            }
            if (fileOut != null) {
                fileOut.write(b, off, len);
            } else {
                if (memorySize + len > memory.length) {
                    int wanted = Math.max(memorySize + len, (int) Math.min((long) memory.length * 2, Integer.MAX_VALUE - 16));
                    memory = Arrays.copyOf(memory, wanted);
                }
                System.arraycopy(b, off, memory, memorySize, len);
                memorySize += len;
            }
        }

        @Override
        public StoredContent complete() throws IOException {
            if (done) {
                throw new IllegalStateException("sink already completed");
            }
            done = true;
            String hex = HexFormat.of().formatHex(digest.digest());
            if (fileOut != null) {
                fileOut.close();
                return new FileContent(file, size, hex);
            }
            return new MemoryContent(Arrays.copyOf(memory, memorySize), hex);
        }

        @Override
        public void abort() {
            done = true;
            memory = null;
            if (fileOut != null) {
                try {
                    fileOut.close();
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    // Best effort: a leftover temp file is not worth failing the caller for.
                }
            }
        }
    }

    private record MemoryContent(byte[] bytes, String sha256Hex) implements StoredContent {
        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public InputStream openStream() {
            return new ByteArrayInputStream(bytes);
        }

        @Override
        public byte[] readAllBytes() {
            return bytes.clone();
        }

        @Override
        public void release() {
            // Garbage collected with the record.
        }

        @Override
        public String toString() {
            return "MemoryContent[size=" + bytes.length + ", sha256=" + sha256Hex + "]";
        }
    }

    private record FileContent(Path file, long size, String sha256Hex) implements StoredContent {
        @Override
        public InputStream openStream() throws IOException {
            return Files.newInputStream(file);
        }

        @Override
        public java.util.Optional<Path> spoolFile() {
            return java.util.Optional.of(file);
        }

        @Override
        public void release() {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // Best effort: the file lives in a temporary directory.
            }
        }
    }
}
