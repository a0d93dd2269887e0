package io.github.pec4j.formats.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Measures how far a PDF's object and cross-reference streams expand, before PDFBox is let near the
 * file: PDFBox decodes those into memory when it reads the structure, so a small PDF hiding a
 * gigabyte of zeros in one would exhaust the heap. Their data is inflated into a scratch buffer and
 * only counted (the file is memory-mapped, so the heap cost is constant). Content and image streams,
 * which the structure pass never decodes, are skipped: a lossless scan may legitimately expand far.
 * Which streams those are is read from the bytes since the previous {@code stream} keyword (where
 * the dictionary is); a mention of {@code /ObjStm} or {@code /XRef} stays pending until some zlib
 * data has actually been inflated, so a decoy keyword inside the dictionary does not shake it off.
 * Known gap: a decoy keyword followed by real zlib bytes inside a string in that dictionary would
 * consume the pending mark; closing it needs a real PDF lexer here.
 */
final class PdfStreams {
    private static final byte[] KEYWORD = {'s', 't', 'r', 'e', 'a', 'm'};

    private PdfStreams() {}

    /** Why the PDF expands too far, or null when every stream and their sum stay within the limits. */
    static String tooExpansive(Path file, long perStream, long total) throws IOException {
        return tooExpansive(file, 0, perStream, total);
    }

    /**
     * The same, the scan starting at {@code from}, where {@code /ObjStm} or {@code /XRef} is first
     * written: no {@code stream} keyword before it has such a mention in its dictionary, so none
     * before it is inflated, and the first one after it sees the mention either way.
     */
    static String tooExpansive(Path file, long from, long perStream, long total) throws IOException {
        return tooExpansive(Source.of(file), from, perStream, total);
    }

    /** The same over a file or bytes in memory. */
    static String tooExpansive(Source source, long from, long perStream, long total) throws IOException {
        long size = source.size();
        if (size == 0 || size > Integer.MAX_VALUE) {
            return null;
        }
        ByteBuffer map = source.whole();
        byte[] scratch = new byte[64 * 1024];
        Inflater inflater = new Inflater();
        try {
            long sum = 0;
            int limit = map.limit();
            int previous = (int) Math.max(0, Math.min(from, limit));
            boolean pending = false;
            for (int i = previous; i + KEYWORD.length < limit; i++) {
                if (!keywordAt(map, i) || i >= 3 && map.get(i - 3) == 'e' && map.get(i - 2) == 'n' && map.get(i - 1) == 'd') {
                    continue;
                }
                int data = i + KEYWORD.length;
                if (map.get(data) == '\r') {
                    data++;
                }
                if (data >= limit || map.get(data) != '\n') {
                    continue;
                }
                data++;
                pending |= mentionsStructureStream(map, previous, i);
                previous = i;
                if (!pending) {
                    continue;
                }
                inflater.reset();
                inflater.setInput(map.slice(data, limit - data));
                long n = 0;
                try {
                    while (!inflater.finished()) {
                        int r = inflater.inflate(scratch);
                        if (r == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                            break;
                        }
                        n += r;
                        if (n > perStream) {
                            return "a stream at byte " + i + " expands beyond " + perStream + " bytes";
                        }
                        if (sum + n > total) {
                            return "streams expand beyond " + total + " bytes in total";
                        }
                    }
                } catch (DataFormatException notFlate) {
                    // an image, a font or plain data: nothing to count
                }
                if (n > 0) {
                    pending = false;
                }
                sum += n;
                i = data + (int) Math.max(0, Math.min(inflater.getBytesRead(), Integer.MAX_VALUE - data)) - 1;
            }
            return null;
        } finally {
            inflater.end();
        }
    }

    /** True when {@code /ObjStm} or {@code /XRef} occurs between {@code from} and {@code to}. */
    private static boolean mentionsStructureStream(ByteBuffer map, int from, int to) {
        for (int j = from; j + 4 < to; j++) {
            if (map.get(j) == '/' && (map.get(j + 1) == 'O' && map.get(j + 2) == 'b' && map.get(j + 3) == 'j' && j + 6 < to
                    && map.get(j + 4) == 'S' && map.get(j + 5) == 't' && map.get(j + 6) == 'm'
                    || map.get(j + 1) == 'X' && map.get(j + 2) == 'R' && map.get(j + 3) == 'e' && map.get(j + 4) == 'f')) {
                return true;
            }
        }
        return false;
    }

    private static boolean keywordAt(ByteBuffer map, int i) {
        for (int k = 0; k < KEYWORD.length; k++) {
            if (map.get(i + k) != KEYWORD[k]) {
                return false;
            }
        }
        return true;
    }
}
