package io.github.pec4j.testkit.internal;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * What a generated attachment carries around its seeded pseudo-random bytes: {@code head} at its start and
 * {@code tail} at its end, so that content of any size is written in constant memory.
 *
 * @param head the bytes at the start
 * @param tail the bytes at the end
 */
public record GeneratedFrame(byte[] head, byte[] tail) {
    private static final byte[] NONE = new byte[0];
    private static final String HEADER = "%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n";
    private static final String[] OBJECTS = {
        "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n",
        "2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n",
        "3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>\nendobj\n"};
    private static final String END_STREAM = "\nendstream\nendobj\n";

    /**
     * The PDF header alone, at the start.
     *
     * @return the PDF header alone, at the start
     */
    public static GeneratedFrame pdfHeader() {
        return new GeneratedFrame(HEADER.getBytes(StandardCharsets.ISO_8859_1), NONE);
    }

    /**
     * A well-formed PDF of exactly {@code size} bytes: a catalog, one blank A4 page and an unreferenced stream
     * holding the pseudo-random bytes, with its cross-reference table, so that a checker reads its structure
     * as it reads a real document's. Below the structure's own size, the PDF header alone.
     *
     * @param size the content's size in bytes
     * @return a PDF of exactly {@code size} bytes around the pseudo-random ones, or the PDF header alone
     */
    public static GeneratedFrame pdf(long size) {
        long fixed = head(0).length + tail(0, 0).length;
        for (long n = Math.max(0, size - fixed - 24); n <= size - fixed; n++) {
            byte[] head = head(n);
            for (int pad = 0; pad < 4; pad++) {
                byte[] tail = tail(head.length + n, pad);
                if (head.length + n + tail.length == size) return new GeneratedFrame(head, tail);
            }
        }
        return pdfHeader();
    }

    private static byte[] head(long streamLength) {
        StringBuilder b = new StringBuilder(HEADER);
        for (String o : OBJECTS) b.append(o);
        b.append("4 0 obj\n<< /Length ").append(streamLength).append(" >>\nstream\n");
        return b.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * From the end of the stream's bytes (at {@code streamEnd}) to {@code %%EOF} and {@code pad} more line feeds,
     * which a PDF may end with: padding there moves no offset, so every size is reached.
     */
    private static byte[] tail(long streamEnd, int pad) {
        StringBuilder b = new StringBuilder(END_STREAM);
        long xref = streamEnd + b.length();
        b.append("xref\n0 5\n0000000000 65535 f \n");
        long offset = HEADER.getBytes(StandardCharsets.ISO_8859_1).length;
        for (String o : OBJECTS) {
            b.append(String.format(Locale.ROOT, "%010d 00000 n \n", offset));
            offset += o.length();
        }
        b.append(String.format(Locale.ROOT, "%010d 00000 n \n", offset));
        b.append("trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n").append(xref).append("\n%%EOF\n").append("\n".repeat(pad));
        return b.toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
