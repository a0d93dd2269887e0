package io.github.pec4j.core.internal;

import io.github.pec4j.core.ByteRange;
import io.github.pec4j.core.RawMessage;
import io.github.pec4j.core.content.StoredContent;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** {@link RawMessage} implementations and the raw spool. */
public final class Raws {
    private Raws() {}

    /** Something a parse result must free when closed. */
    public interface Releasable {
        /** Frees the resource; idempotent. */
        void release();
    }

    /** Releases what a raw message holds, if anything. */
    public static void release(RawMessage raw) {
        if (raw instanceof Releasable r) {
            r.release();
        }
    }

    static RawMessage ofFile(Path file, long size) {
        return new FileRaw(file, size, false);
    }

    static RawMessage ofBytes(byte[] bytes) {
        return new BytesRaw(bytes);
    }

    /** A view of part of another raw message. */
    static RawMessage range(RawMessage parent, ByteRange range) {
        return new RangeRaw(parent, range);
    }

    /** Attaches resources that are freed with the raw message. */
    static RawMessage withResources(RawMessage raw, List<Releasable> resources) {
        return resources.isEmpty() && !(raw instanceof Releasable) ? raw : new OwningRaw(raw, List.copyOf(resources));
    }

    /** The content of a range of a raw message, hashed on creation. */
    static StoredContent rangeContent(RawMessage raw, ByteRange range) throws IOException {
        String hex = sha256Hex(raw, range);
        return view(raw, range, () -> hex);
    }

    /**
     * The same, hashed only if asked: the bytes a sender's S/MIME signature signs are read by its verification,
     * not otherwise, and hashing them up front would read them once more.
     */
    static StoredContent lazyRangeContent(RawMessage raw, ByteRange range) {
        String[] hex = new String[1];
        return view(raw, range, () -> {
            if (hex[0] == null) {
                try {
                    hex[0] = sha256Hex(raw, range);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            return hex[0];
        });
    }

    private static String sha256Hex(RawMessage raw, ByteRange range) throws IOException {
        MessageDigest md = Sha256.get();
        byte[] buf = new byte[16 * 1024];
        try (InputStream in = raw.open(range)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static StoredContent view(RawMessage raw, ByteRange range, java.util.function.Supplier<String> sha256) {
        return new StoredContent() {
            @Override
            public long size() {
                return range.length();
            }

            @Override
            public String sha256Hex() {
                return sha256.get();
            }

            @Override
            public InputStream openStream() throws IOException {
                return raw.open(range);
            }

            @Override
            public void release() {
                // a view: the raw message owns the bytes
            }
        };
    }

    /** Collects a stream's bytes in memory, then in a temporary file past a threshold. */
    static final class Spool extends OutputStream {
        private final int threshold;
        private byte[] memory = new byte[8192];
        private int size;
        private Path file;
        private OutputStream out;
        private long total;

        Spool(int threshold) {
            this.threshold = threshold;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            total += len;
            if (out == null && size + (long) len > threshold) {
                file = Files.createTempFile("pec4j-raw-", ".eml");
                out = Files.newOutputStream(file, StandardOpenOption.WRITE);
                out.write(memory, 0, size);
                memory = null;
            }
            if (out != null) {
                out.write(b, off, len);
                return;
            }
            if (size + len > memory.length) {
                memory = Arrays.copyOf(memory, Math.max(size + len, memory.length * 2));
            }
            System.arraycopy(b, off, memory, size, len);
            size += len;
        }

        /** The spooled bytes as a raw message that deletes its file when released. */
        RawMessage toRaw() throws IOException {
            if (out != null) {
                out.close();
                return new FileRaw(file, total, true);
            }
            return new BytesRaw(Arrays.copyOf(memory, size));
        }

        /** Discards the spool after a failure. */
        void discard() {
            try {
                if (out != null) {
                    out.close();
                    Files.deleteIfExists(file);
                }
            } catch (IOException e) {
                // best effort
            }
        }
    }

    private record BytesRaw(byte[] bytes) implements RawMessage {
        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public InputStream open() {
            return new ByteArrayInputStream(bytes);
        }

        @Override
        public InputStream open(ByteRange range) {
            check(range, bytes.length);
            return new ByteArrayInputStream(bytes, (int) range.start(), (int) range.length());
        }

        @Override
        public Optional<Path> file() {
            return Optional.empty();
        }
    }

    private record FileRaw(Path path, long size, boolean temporary) implements RawMessage, Releasable {
        @Override
        public InputStream open() throws IOException {
            return Files.newInputStream(path);
        }

        @Override
        public InputStream open(ByteRange range) throws IOException {
            check(range, size);
            FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
            ch.position(range.start());
            InputStream base = Channels.newInputStream(ch);
            return new InputStream() {
                long left = range.length();

                @Override
                public int read() throws IOException {
                    if (left <= 0) return -1;
                    int b = base.read();
                    if (b >= 0) left--;
                    return b;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    if (left <= 0) return -1;
                    int n = base.read(b, off, (int) Math.min(len, left));
                    if (n > 0) left -= n;
                    return n;
                }

                @Override
                public void close() throws IOException {
                    ch.close();
                }
            };
        }

        @Override
        public Optional<Path> file() {
            return temporary ? Optional.empty() : Optional.of(path);
        }

        @Override
        public void release() {
            if (temporary) {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    // best effort: a temporary file
                }
            }
        }
    }

    private record RangeRaw(RawMessage parent, ByteRange range) implements RawMessage {
        @Override
        public long size() {
            return range.length();
        }

        @Override
        public InputStream open() throws IOException {
            return parent.open(range);
        }

        @Override
        public InputStream open(ByteRange r) throws IOException {
            check(r, range.length());
            return parent.open(new ByteRange(range.start() + r.start(), range.start() + r.end()));
        }

        @Override
        public Optional<Path> file() {
            return Optional.empty();
        }
    }

    private record OwningRaw(RawMessage delegate, List<Releasable> resources) implements RawMessage, Releasable {
        @Override
        public long size() {
            return delegate.size();
        }

        @Override
        public InputStream open() throws IOException {
            return delegate.open();
        }

        @Override
        public InputStream open(ByteRange range) throws IOException {
            return delegate.open(range);
        }

        @Override
        public Optional<Path> file() {
            return delegate.file();
        }

        @Override
        public void release() {
            List<Releasable> all = new ArrayList<>(resources);
            for (Releasable r : all) {
                r.release();
            }
            Raws.release(delegate);
        }
    }

    private static void check(ByteRange range, long size) {
        if (range.end() > size) {
            throw new IndexOutOfBoundsException("range " + range + " beyond " + size + " bytes");
        }
    }

}
