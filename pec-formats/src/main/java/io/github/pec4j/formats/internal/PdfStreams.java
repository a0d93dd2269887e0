package io.github.pec4j.formats.internal;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Measures how far a PDF's Flate streams expand, before PDFBox is let near the file: PDFBox decodes
 * object streams into memory, so a small PDF hiding a gigabyte of zeros in one would exhaust the
 * heap. Each {@code stream} keyword's data is inflated into a scratch buffer and only counted (the
 * file is memory-mapped, so the heap cost is constant); streams that are not zlib data fail at once.
 */
final class PdfStreams {
    private static final byte[] KEYWORD = {'s', 't', 'r', 'e', 'a', 'm'};

    private PdfStreams() {}

    /** Why the PDF expands too far, or null when every stream and their sum stay within the limits. */
    static String tooExpansive(Path file, long perStream, long total) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (ch.size() == 0 || ch.size() > Integer.MAX_VALUE) {
                return null;
            }
            MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
            byte[] scratch = new byte[64 * 1024];
            Inflater inflater = new Inflater();
            try {
                long sum = 0;
                int limit = map.limit();
                for (int i = 0; i + KEYWORD.length < limit; i++) {
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
                    sum += n;
                    i = data + (int) Math.max(0, Math.min(inflater.getBytesRead(), Integer.MAX_VALUE - data)) - 1;
                }
                return null;
            } finally {
                inflater.end();
            }
        }
    }

    private static boolean keywordAt(MappedByteBuffer map, int i) {
        for (int k = 0; k < KEYWORD.length; k++) {
            if (map.get(i + k) != KEYWORD[k]) {
                return false;
            }
        }
        return true;
    }
}
