package io.github.pec4j.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A generated PDF's frame adds up to the size asked for, with its numbers right, across the sizes where they gain a digit. */
class GeneratedFrameTest {
    private static final Pattern LENGTH = Pattern.compile("/Length (\\d+) >>");
    private static final Pattern STARTXREF = Pattern.compile("startxref\n(\\d+)\n%%EOF\n+$");

    @Test
    @DisplayName("around every power of ten the stream's /Length and startxref point where they must, and the whole is the size asked for")
    void numbersAddUp() {
        for (long power = 1_000; power <= 100_000_000; power *= 10) {
            for (long size = power - 300; size <= power + 300; size++) {
                GeneratedFrame f = GeneratedFrame.pdf(size);
                String head = new String(f.head(), StandardCharsets.ISO_8859_1);
                String tail = new String(f.tail(), StandardCharsets.ISO_8859_1);
                assertThat(head).as("size %d", size).startsWith("%PDF-1.7\n").endsWith("stream\n");
                Matcher length = LENGTH.matcher(head);
                assertThat(length.find()).isTrue();
                long stream = Long.parseLong(length.group(1));
                assertThat(f.head().length + stream + f.tail().length).as("size %d", size).isEqualTo(size);
                Matcher xref = STARTXREF.matcher(tail);
                assertThat(xref.find()).as("size %d", size).isTrue();
                assertThat(Long.parseLong(xref.group(1))).as("size %d", size).isEqualTo(f.head().length + stream + tail.indexOf("xref\n"));
            }
        }
    }

    @Test
    @DisplayName("below the structure's own size, the PDF header alone")
    void small() {
        assertThat(GeneratedFrame.pdf(100).tail()).isEmpty();
        assertThat(new String(GeneratedFrame.pdf(100).head(), StandardCharsets.ISO_8859_1)).startsWith("%PDF-1.7\n");
    }
}
