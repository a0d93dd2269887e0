package io.github.pec4j.formats.internal;

import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Objects;
import org.apache.pdfbox.io.RandomAccessRead;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;

/**
 * The bytes a check reads: a file, read in place, or content the parser kept in memory, read there. The PDF
 * checks and the attached-message check read either; a check that needs a file (archives, signed containers, Office) asks {@link
 * #file}, which writes bytes in memory to a temporary file once. Why: each temporary file made and deleted costs
 * the file system an inode, and on ext4 under a steady churn of them the allocator's search past recently
 * deleted inodes cost 0.2–0.5 ms of CPU per file, more than checking a small PDF (FMT-MEM-01).
 */
final class Source {
    private final Path file;
    private final byte[] bytes;
    /** The temporary copy of {@link #bytes}, once a check asked for a file. */
    private Path copy;

    private Source(Path file, byte[] bytes) {
        this.file = file;
        this.bytes = bytes;
    }

    static Source of(Path file) {
        return new Source(Objects.requireNonNull(file, "file"), null);
    }

    static Source of(byte[] bytes) {
        return new Source(null, Objects.requireNonNull(bytes, "bytes"));
    }

    long size() throws IOException {
        return bytes != null ? bytes.length : Files.size(file);
    }

    /** The first {@code n} bytes, or all of them when there are fewer. */
    byte[] head(int n) throws IOException {
        if (bytes != null) {
            return java.util.Arrays.copyOf(bytes, Math.min(n, bytes.length));
        }
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(n);
        }
    }

    InputStream openStream() throws IOException {
        return bytes != null ? new ByteArrayInputStream(bytes) : Files.newInputStream(file);
    }

    /** The bytes in memory, or null when they are in a file. */
    byte[] bytes() {
        return bytes;
    }

    /** Reads at any position, without moving through the content. */
    Positional open() throws IOException {
        return bytes != null ? new Memory(bytes) : new OnDisk(FileChannel.open(file, StandardOpenOption.READ));
    }

    /** For PDFBox. */
    RandomAccessRead pdfbox() throws IOException {
        return bytes != null ? new RandomAccessReadBuffer(bytes) : new RandomAccessReadBufferedFile(file.toFile());
    }

    /**
     * The content as a file: the file itself, or the bytes written once to an owner-only temporary file added to
     * {@code temps} (the caller deletes those).
     */
    Path file(List<Path> temps) throws IOException {
        if (file != null) {
            return file;
        }
        if (copy == null) {
            Path tmp = Files.createTempFile("pec4j-check-", ".bin");
            temps.add(tmp);
            // written into the file just made, not truncating it: on ext4 a truncated file is flushed to disk when closed
            try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.WRITE)) {
                out.write(bytes);
            }
            copy = tmp;
        }
        return copy;
    }

    /** Positional reads over a source. */
    interface Positional extends Closeable {
        long size() throws IOException;

        /** Like {@link FileChannel#read(ByteBuffer, long)}: the bytes read, or -1 at the end. */
        int read(ByteBuffer dst, long position) throws IOException;

        /** The whole content, read-only, when it fits a buffer (at most {@link Integer#MAX_VALUE} bytes). */
        ByteBuffer whole() throws IOException;
    }

    private record OnDisk(FileChannel channel) implements Positional {
        @Override
        public long size() throws IOException {
            return channel.size();
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return channel.read(dst, position);
        }

        @Override
        public ByteBuffer whole() throws IOException {
            return channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    private record Memory(byte[] bytes) implements Positional {
        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public int read(ByteBuffer dst, long position) {
            if (position >= bytes.length) {
                return -1;
            }
            int n = (int) Math.min(dst.remaining(), bytes.length - position);
            dst.put(bytes, (int) position, n);
            return n;
        }

        @Override
        public ByteBuffer whole() {
            return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
        }

        @Override
        public void close() {}
    }
}
