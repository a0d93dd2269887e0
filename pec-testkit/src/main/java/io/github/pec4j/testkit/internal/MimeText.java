package io.github.pec4j.testkit.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Random;

/** Small MIME encoders for writing fixtures. */
public final class MimeText {
    private static final byte[] CRLF = {'\r', '\n'};

    private MimeText() {}

    /** Quoted-printable (RFC 2045) of {@code text} in {@code charset}, CRLF line breaks, 76-column soft breaks. */
    public static String quotedPrintable(String text, Charset charset) {
        StringBuilder out = new StringBuilder();
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        for (int li = 0; li < lines.length; li++) {
            StringBuilder line = new StringBuilder();
            byte[] bytes = lines[li].getBytes(charset);
            for (int i = 0; i < bytes.length; i++) {
                int b = bytes[i] & 0xFF;
                String enc = (b >= 33 && b <= 126 && b != '=') || (b == ' ' && i < bytes.length - 1)
                        ? String.valueOf((char) b) : String.format(Locale.ROOT, "=%02X", b);
                if (line.length() + enc.length() > 75) {
                    out.append(line).append("=\r\n");
                    line.setLength(0);
                }
                line.append(enc);
            }
            out.append(line);
            if (li < lines.length - 1) {
                out.append("\r\n");
            }
        }
        return out.toString();
    }

    /** RFC 2047 B-encoding of a header text when it is not plain ASCII. */
    public static String encodeWord(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 126) {
                return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)) + "?=";
            }
        }
        return text;
    }

    /** RFC 2231 extended parameter value: {@code UTF-8''percent-encoded}. */
    public static String rfc2231(String text) {
        StringBuilder sb = new StringBuilder("UTF-8''");
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_') {
                sb.append((char) c);
            } else {
                sb.append(String.format(Locale.ROOT, "%%%02X", c));
            }
        }
        return sb.toString();
    }

    /** Writes {@code bytes} as base64 in 76-character CRLF lines. */
    public static void base64(byte[] bytes, OutputStream out) throws IOException {
        out.write(Base64.getMimeEncoder(76, CRLF).encode(bytes));
        out.write(CRLF);
    }

    /**
     * Writes {@code size} bytes as base64 in 76-character CRLF lines: deterministic pseudo-random bytes from
     * {@code seed} inside {@code frame}, generated chunk by chunk.
     */
    public static void base64Generated(long size, long seed, GeneratedFrame frame, OutputStream out) throws IOException {
        Base64.Encoder enc = Base64.getMimeEncoder(76, CRLF);
        each(size, seed, frame, (chunk, n) -> {
            out.write(enc.encode(n == chunk.length ? chunk : java.util.Arrays.copyOf(chunk, n)));
            out.write(CRLF);
        });
    }

    /** The same bytes as {@link #base64Generated}, for computing their hash. */
    public static void generated(long size, long seed, GeneratedFrame frame, OutputStream out) throws IOException {
        each(size, seed, frame, (chunk, n) -> out.write(chunk, 0, n));
    }

    @FunctionalInterface
    private interface ChunkSink {
        void accept(byte[] chunk, int n) throws IOException;
    }

    private static void each(long size, long seed, GeneratedFrame frame, ChunkSink sink) throws IOException {
        Random random = new Random(seed);
        byte[] chunk = new byte[57 * 1024];
        for (long written = 0; written < size; ) {
            int n = (int) Math.min(chunk.length, size - written);
            random.nextBytes(chunk);
            overlay(frame.head(), 0, chunk, n, written);
            overlay(frame.tail(), size - frame.tail().length, chunk, n, written);
            sink.accept(chunk, n);
            written += n;
        }
    }

    /** Copies the part of {@code bytes}, which sit at {@code at} in the content, that falls in the chunk at {@code offset}. */
    private static void overlay(byte[] bytes, long at, byte[] chunk, int n, long offset) {
        long from = Math.max(at, offset);
        long to = Math.min(at + bytes.length, offset + n);
        if (from < to) System.arraycopy(bytes, (int) (from - at), chunk, (int) (from - offset), (int) (to - from));
    }
}
