package io.github.pec4j.mailroom.internal;

import io.github.pec4j.core.PecMessage;
import io.github.pec4j.core.PecParser;
import io.github.pec4j.registry.Impronta;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * One message's exact bytes, fetched from the mailbox once: in memory up to {@link #MEMORY_LIMIT}, beyond it
 * in a temporary file (a 30 MB message never sits in the heap twice), with their SHA-256 computed on the way.
 * {@link #close()} deletes the file.
 */
final class Spooled implements AutoCloseable {
    /** Messages up to this size stay in memory. */
    static final int MEMORY_LIMIT = 4 << 20;

    private final byte[] bytes;
    private final Path file;
    private final long size;
    private final String sha256Hex;

    private Spooled(byte[] bytes, Path file, long size, String sha256Hex) {
        this.bytes = bytes;
        this.file = file;
        this.size = size;
        this.sha256Hex = sha256Hex;
    }

    /** The message's bytes from the mailbox, read to the end. */
    static Spooled fetch(Mailbox mailbox, Mailbox.Ref ref) throws IOException {
        return read(mailbox.open(ref), ref.size());
    }

    /** Reads the stream to its end and closes it. */
    static Spooled read(InputStream source, long expectedSize) throws IOException {
        MessageDigest sha = Impronta.sha256Digest();
        try (InputStream in = source) {
            if (expectedSize > MEMORY_LIMIT) return toFile(in, sha);
            ByteArrayOutputStream head = new ByteArrayOutputStream((int) Math.max(1024, Math.min(expectedSize, MEMORY_LIMIT)));
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = in.read(buf)) > 0) {
                head.write(buf, 0, n);
                if (head.size() > MEMORY_LIMIT) return toFile(head.toByteArray(), in, sha);
            }
            byte[] all = head.toByteArray();
            return new Spooled(all, null, all.length, HexFormat.of().formatHex(sha.digest(all)));
        }
    }

    /** Bytes already read whole (a batch read: small messages only), kept in memory whatever their size. */
    static Spooled of(byte[] bytes) {
        return new Spooled(bytes, null, bytes.length, HexFormat.of().formatHex(Impronta.sha256Digest().digest(bytes)));
    }

    private static Spooled toFile(InputStream in, MessageDigest sha) throws IOException {
        return toFile(new byte[0], in, sha);
    }

    private static Spooled toFile(byte[] head, InputStream in, MessageDigest sha) throws IOException {
        Path file = Files.createTempFile("pec4j-mailroom-", ".eml");
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), sha)) {
            out.write(head);
            long size = head.length + in.transferTo(out);
            out.flush();
            return new Spooled(null, file, size, HexFormat.of().formatHex(sha.digest()));
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    /** Parses the bytes; the result reads them from here, so keep this open while the message is in use. */
    PecMessage parse(PecParser parser) throws IOException {
        return file != null ? parser.parse(file) : parser.parse(bytes);
    }

    long size() {
        return size;
    }

    String sha256Hex() {
        return sha256Hex;
    }

    @Override
    public void close() throws IOException {
        if (file != null) Files.deleteIfExists(file);
    }
}
