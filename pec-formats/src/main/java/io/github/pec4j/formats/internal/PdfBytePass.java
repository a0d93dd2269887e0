package io.github.pec4j.formats.internal;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The byte pass of {@link PdfInspector}: the names of active content, embedded files, encryption and
 * structure streams, and the PDF/A claim, where they are written in clear. The file is read in 1 MiB
 * windows that overlap, so a token cut by a window edge is seen whole in the next one; a window's last
 * {@value #TAIL} bytes are left to the next window, so a token is seldom judged without the byte that
 * follows it (one ending exactly at that cut is taken as a name, as the reference does). Each window
 * is read once, eight bytes at a time where none is a {@code /} or a {@code p}: at a {@code /} the next
 * byte picks the tokens to compare, at a {@code p} a {@code pdfaid:} candidate is matched by the claim's
 * regular expression there and only there. {@link PdfBytePassReference} is the reference it is tested
 * and measured against.
 */
final class PdfBytePass {
    static final int WINDOW = 1 << 20;
    static final int OVERLAP = 512;
    static final int TAIL = 128;
    static final String[] ACTIVE_NAMES = {"/JavaScript", "/JS", "/Launch", "/SubmitForm", "/ImportData", "/GoToE", "/XFA"};
    static final Pattern PDFA_PART = Pattern.compile("pdfaid:part[=>\"']+\\s*(\\d)");
    static final Pattern PDFA_CONFORMANCE = Pattern.compile("pdfaid:conformance[=>\"']+\\s*([A-Za-z])");

    /** Every token, active names first; the kinds below index into it. */
    private static final String[] TOKENS = {"/JavaScript", "/JS", "/Launch", "/SubmitForm", "/ImportData", "/GoToE", "/XFA",
        "/Encrypt", "/ObjStm", "/XRef", "/EmbeddedFile", "/FileAttachment"};
    private static final int ENCRYPT = 7;
    private static final int OBJSTM = 8;
    private static final int XREF = 9;
    private static final byte[][] TOKEN_BYTES = new byte[TOKENS.length][];
    /** For each byte after a {@code /}, the tokens that start with it. */
    private static final int[][] BY_SECOND = new int[256][];
    /** {@link Character#isLetter} of each Latin-1 character, as the reference decodes bytes. */
    private static final boolean[] LETTER = new boolean[256];
    private static final byte[] PDFAID = {'p', 'd', 'f', 'a', 'i', 'd', ':'};

    static {
        for (int t = 0; t < TOKENS.length; t++) {
            TOKEN_BYTES[t] = TOKENS[t].getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            int second = TOKEN_BYTES[t][1] & 0xFF;
            int[] old = BY_SECOND[second] == null ? new int[0] : BY_SECOND[second];
            int[] grown = java.util.Arrays.copyOf(old, old.length + 1);
            grown[old.length] = t;
            BY_SECOND[second] = grown;
        }
        for (int c = 0; c < 256; c++) {
            LETTER[c] = Character.isLetter((char) c);
        }
    }

    /** The active names written in clear, sorted. */
    final Set<String> active = new TreeSet<>();
    /** {@code /EmbeddedFile} or {@code /FileAttachment} anywhere. */
    boolean embedded;
    /** {@code /Encrypt} as a name. */
    boolean encryptName;
    /** {@code /ObjStm} or {@code /XRef} written in clear as names: compressed objects, which only PDFBox reads. */
    boolean structureStreams;
    /** The bytes {@code /ObjStm} or {@code /XRef} anywhere, even inside a longer name: what {@link PdfStreams} looks for. */
    boolean structureBytes;
    /** The file offset of the first {@code /ObjStm} or {@code /XRef} bytes, or -1. */
    long firstStructureByte = -1;
    /** The first window's PDF/A claim, or null. */
    String pdfa;

    PdfBytePass() {}

    /** Everything the pass found but {@link #firstStructureByte}, which the reference does not compute: what the tests compare. */
    String findings() {
        return "active=" + active + " embedded=" + embedded + " encrypt=" + encryptName + " structureStreams=" + structureStreams
                + " structureBytes=" + structureBytes + " pdfa=" + pdfa;
    }

    /** The pass over {@code file}; its heap is one window whatever the file's size. */
    static PdfBytePass scan(Path file) throws IOException {
        return scan(Source.of(file));
    }

    /** The pass over a file or bytes in memory. */
    static PdfBytePass scan(Source source) throws IOException {
        PdfBytePass p = new PdfBytePass();
        if (source.size() < WINDOW) {
            byte[] all = source.readAll(); // one window: no MiB buffer for a small file
            p.window(all, all.length, 0);
            return p;
        }
        byte[] buf = new byte[WINDOW + OVERLAP];
        int carry = 0;
        long start = 0;
        try (InputStream in = source.openStream()) {
            while (true) {
                int n = in.readNBytes(buf, carry, WINDOW);
                int len = carry + n;
                boolean last = n < WINDOW;
                p.window(buf, last ? len : len - TAIL, start);
                if (last) {
                    return p;
                }
                carry = Math.min(OVERLAP, len);
                System.arraycopy(buf, len - carry, buf, 0, carry);
                start += len - carry;
            }
        }
    }

    /** One window: {@code buf[0..len)}, which starts at file offset {@code start}. */
    private void window(byte[] buf, int len, long start) {
        boolean wantPdfa = pdfa == null;
        long wanted = wantPdfa ? 'p' : '/'; // with the claim found, only '/' starts something
        int part = -1;
        int conformance = -1;
        Latin1 text = null;
        for (int i = 0; i < len; i++) {
            // eight bytes at a time over those holding neither '/' nor a wanted 'p' (the usual case); the test is exact
            while (i + Long.BYTES <= len) {
                long w = (long) LONGS.get(buf, i);
                if (hasByte(w, '/') || hasByte(w, wanted)) {
                    break;
                }
                i += Long.BYTES;
            }
            if (i >= len) {
                break;
            }
            byte b = buf[i];
            if (b == '/') {
                if (i + 1 < len) {
                    int[] tokens = BY_SECOND[buf[i + 1] & 0xFF];
                    if (tokens != null) {
                        for (int t : tokens) {
                            token(t, buf, i, len, start);
                        }
                    }
                }
            } else if (b == 'p' && wantPdfa && at(buf, i, len, PDFAID)) {
                text = text == null ? new Latin1(buf, len) : text;
                if (part < 0) {
                    part = group(PDFA_PART, text, i);
                }
                if (conformance < 0) {
                    conformance = group(PDFA_CONFORMANCE, text, i);
                }
            }
        }
        if (part >= 0) {
            pdfa = "PDF/A-" + (char) part + (conformance < 0 ? "" : String.valueOf((char) conformance).toLowerCase(Locale.ROOT));
        }
    }

    /** Token {@code t} if it is at {@code i}; a name when the byte after it is no letter or lies past the window. */
    private void token(int t, byte[] buf, int i, int len, long start) {
        byte[] tb = TOKEN_BYTES[t];
        if (!at(buf, i, len, tb)) {
            return;
        }
        int after = i + tb.length;
        boolean name = after >= len || !LETTER[buf[after] & 0xFF];
        if (t < ENCRYPT) {
            if (name) {
                active.add(TOKENS[t]);
            }
        } else if (t == ENCRYPT) {
            encryptName |= name;
        } else if (t == OBJSTM || t == XREF) {
            structureBytes = true;
            structureStreams |= name;
            long offset = start + i;
            firstStructureByte = firstStructureByte < 0 ? offset : Math.min(firstStructureByte, offset);
        } else {
            embedded = true;
        }
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    /** Whether one of the eight bytes of {@code w} is {@code b}: the zero-byte test on {@code w} XOR {@code b} in every byte. */
    private static boolean hasByte(long w, long b) {
        long x = w ^ (b * ONES);
        return ((x - ONES) & ~x & HIGHS) != 0;
    }

    private static boolean at(byte[] buf, int i, int len, byte[] token) {
        if (i + token.length > len) {
            return false;
        }
        for (int k = 1; k < token.length; k++) {
            if (buf[i + k] != token[k]) {
                return false;
            }
        }
        return buf[i] == token[0];
    }

    /** The first group's character of {@code p} matched right at {@code i} within the window, or -1. */
    private static int group(Pattern p, Latin1 text, int i) {
        Matcher m = p.matcher(text).region(i, text.length());
        return m.lookingAt() ? m.group(1).charAt(0) : -1;
    }

    /** The PDF/A claim of XMP text: the part and, when written, the conformance level. */
    static String pdfaClaim(String text) {
        Matcher part = PDFA_PART.matcher(text);
        if (!part.find()) {
            return null;
        }
        Matcher conf = PDFA_CONFORMANCE.matcher(text);
        return "PDF/A-" + part.group(1) + (conf.find() ? conf.group(1).toLowerCase(Locale.ROOT) : "");
    }

    /** A window's bytes seen as Latin-1 characters, without copying them into a String. */
    private record Latin1(byte[] buf, int length) implements CharSequence {
        @Override
        public char charAt(int index) {
            if (index < 0 || index >= length) {
                throw new IndexOutOfBoundsException(index);
            }
            return (char) (buf[index] & 0xFF);
        }

        @Override
        public CharSequence subSequence(int from, int to) {
            java.util.Objects.checkFromToIndex(from, to, length);
            return new String(buf, from, to - from, java.nio.charset.StandardCharsets.ISO_8859_1);
        }

        @Override
        public String toString() {
            return new String(buf, 0, length, java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }
}
