package io.github.pec4j.formats.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Objects;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.apache.pdfbox.io.RandomAccessRead;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.tika.io.TikaInputStream;

/**
 * The bytes a check reads: a file, read in place, or content the parser kept in memory, read there. The PDF
 * checks and the attached-message check read either; a check that needs a file (archives, signed containers,
 * Office) asks {@link #file}, which writes bytes in memory to a temporary file once. Why: each temporary file made
 * and deleted costs the file system an inode, and on ext4 under a steady churn of them the allocator's search past
 * recently deleted inodes cost 0.2–0.5 ms of CPU per file, more than checking a small PDF (FMT-MEM-01).
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

    /** Every byte: the array in memory itself (not to be written to), or the file read whole. */
    byte[] readAll() throws IOException {
        return bytes != null ? bytes : Files.readAllBytes(file);
    }

    InputStream openStream() throws IOException {
        return bytes != null ? new ByteArrayInputStream(bytes) : Files.newInputStream(file);
    }

    /** The bytes in memory, or null when they are in a file. */
    byte[] bytes() {
        return bytes;
    }

    /** A channel over the content, to read at any position (commons-compress's in-memory channel for bytes). */
    SeekableByteChannel open() throws IOException {
        return bytes != null ? new SeekableInMemoryByteChannel(bytes) : FileChannel.open(file, StandardOpenOption.READ);
    }

    /** The whole content, read-only: the bytes, or the file mapped; at most {@link Integer#MAX_VALUE} bytes. */
    ByteBuffer whole() throws IOException {
        if (bytes != null) {
            return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
        }
    }

    /** For Tika's detector. */
    TikaInputStream tika() throws IOException {
        return bytes != null ? TikaInputStream.get(bytes) : TikaInputStream.get(file);
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
}
