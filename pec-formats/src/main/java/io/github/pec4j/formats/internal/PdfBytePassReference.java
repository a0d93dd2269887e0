package io.github.pec4j.formats.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The byte pass as it was first written, kept as the reference {@link PdfBytePass} is tested and
 * measured against (never used to check a file): each 1 MiB window decoded into a Latin-1 String,
 * then one {@code indexOf} scan per token and the PDF/A regular expressions over all of it.
 */
final class PdfBytePassReference {
    private static final int WINDOW = PdfBytePass.WINDOW;
    private static final int OVERLAP = PdfBytePass.OVERLAP;
    private static final int TAIL = PdfBytePass.TAIL;

    private PdfBytePassReference() {}

    /** What the pass finds in {@code file}; {@link PdfBytePass#firstStructureByte} is left at -1. */
    static PdfBytePass scan(Path file) throws IOException {
        PdfBytePass s = new PdfBytePass();
        scanChunks(file, text -> scanText(s, text));
        return s;
    }

    /**
     * Hands {@code scan} the file as Latin-1 text in 1 MiB windows that overlap, so a token cut by a
     * window edge is seen whole in the next one; a window's last {@value PdfBytePass#TAIL} characters are left to
     * the next window, so a token is never judged without the character that follows it.
     */
    private static void scanChunks(Path file, Consumer<String> scan) throws IOException {
        if (Files.size(file) < WINDOW) {
            scan.accept(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)); // one window: no MiB buffer for a small file
            return;
        }
        byte[] buf = new byte[WINDOW + OVERLAP];
        int carry = 0;
        try (InputStream in = Files.newInputStream(file)) {
            while (true) {
                int n = in.readNBytes(buf, carry, WINDOW);
                int len = carry + n;
                boolean last = n < WINDOW;
                scan.accept(new String(buf, 0, last ? len : len - TAIL, StandardCharsets.ISO_8859_1));
                if (last) {
                    return;
                }
                carry = Math.min(OVERLAP, len);
                System.arraycopy(buf, len - carry, buf, 0, carry);
            }
        }
    }

    /** One window of the byte pass. */
    private static void scanText(PdfBytePass s, String text) {
        for (String token : PdfBytePass.ACTIVE_NAMES) {
            if (containsName(text, token)) {
                s.active.add(token);
            }
        }
        s.embedded |= text.contains("/EmbeddedFile") || text.contains("/FileAttachment");
        s.encryptName |= containsName(text, "/Encrypt");
        s.structureStreams |= containsName(text, "/ObjStm") || containsName(text, "/XRef");
        s.structureBytes |= text.contains("/ObjStm") || text.contains("/XRef");
        if (s.pdfa == null) {
            s.pdfa = PdfBytePass.pdfaClaim(text);
        }
    }

    /** A PDF name token not followed by a letter, so {@code /JS} does not match {@code /JSON}. */
    private static boolean containsName(String text, String token) {
        for (int i = text.indexOf(token); i >= 0; i = text.indexOf(token, i + 1)) {
            int after = i + token.length();
            if (after >= text.length() || !Character.isLetter(text.charAt(after))) {
                return true;
            }
        }
        return false;
    }
}
