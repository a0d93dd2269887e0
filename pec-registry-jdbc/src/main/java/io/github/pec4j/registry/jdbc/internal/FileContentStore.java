package io.github.pec4j.registry.jdbc.internal;

import io.github.pec4j.registry.DocumentRequest;
import io.github.pec4j.registry.RegistryException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;

/**
 * Content in files {@code <dir>/ab/cd/<sha-256 hex>}: written to {@code <dir>/incoming}, synced, then
 * moved into place atomically, so a file under its name is always complete. A file left by a rolled
 * back registration is unreferenced and harmless; the same bytes registered later reuse it.
 */
final class FileContentStore implements ContentStore {
    static final String KIND = "filesystem";
    private static final int BUFFER = 64 * 1024;

    private final Path root;
    private final Path incoming;
    private final ReadBuffers buffers = new ReadBuffers(BUFFER, 4);

    FileContentStore(Path directory) throws IOException {
        this.root = directory.toAbsolutePath().normalize();
        this.incoming = root.resolve("incoming");
        Files.createDirectories(incoming);
    }

    @Override
    public String kind() {
        return KIND;
    }

    private Path pathOf(String sha256) {
        return root.resolve(sha256.substring(0, 2)).resolve(sha256.substring(2, 4)).resolve(sha256);
    }

    @Override
    public boolean contains(Connection c, String sha256) {
        return Files.isRegularFile(pathOf(sha256));
    }

    /** Content kept already is read and checked, not written and forced to the disk again (a file test is cheap, an fsync is not). */
    @Override
    public Stored put(Connection c, DocumentRequest document, long maxBytes) throws IOException {
        if (document.expectedImpronta().isPresent() && contains(c, document.expectedImpronta().get().hex())) {
            byte[] buffer = buffers.take();
            try {
                return ContentStore.copy(document, maxBytes, buffer, (b, length) -> {});
            } finally {
                buffers.give(buffer);
            }
        }
        return write(c, document, maxBytes);
    }

    @Override
    public Stored write(Connection c, DocumentRequest document, long maxBytes) throws IOException {
        Path part = Files.createTempFile(incoming, "content-", ".part");
        byte[] buffer = buffers.take();
        try {
            Stored stored;
            try (FileChannel out = FileChannel.open(part, StandardOpenOption.WRITE)) {
                stored = ContentStore.copy(document, maxBytes, buffer, (read, length) -> {
                    ByteBuffer b = ByteBuffer.wrap(read, 0, length);
                    while (b.hasRemaining()) out.write(b);
                });
                out.force(true);
            }
            Path target = pathOf(stored.impronta().hex());
            if (!Files.isRegularFile(target)) {
                Files.createDirectories(target.getParent());
                try {
                    Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException e) {
                    // another registration stored the same bytes meanwhile
                }
                syncDirectory(target.getParent());
            }
            return stored;
        } finally {
            buffers.give(buffer);
            Files.deleteIfExists(part);
        }
    }

    /** Makes the new directory entry durable (a no-op where directories cannot be opened). */
    private static void syncDirectory(Path directory) {
        try (FileChannel d = FileChannel.open(directory, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // not supported on this platform
        }
    }

    @Override
    public InputStream open(String sha256) throws IOException {
        try {
            return Files.newInputStream(pathOf(sha256));
        } catch (NoSuchFileException e) {
            throw new RegistryException(RegistryException.Reason.STORAGE, "content " + sha256 + " is missing from " + root, e);
        }
    }
}
