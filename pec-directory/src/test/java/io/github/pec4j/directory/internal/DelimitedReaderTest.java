package io.github.pec4j.directory.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DelimitedReaderTest {
    private static List<List<String>> read(String text, int maxField) throws IOException {
        DelimitedReader r = new DelimitedReader(new StringReader(text), maxField);
        List<List<String>> rows = new ArrayList<>();
        for (List<String> row; (row = r.next()) != null; ) {
            rows.add(row);
        }
        return rows;
    }

    @Test
    @DisplayName("DIR-IPA-01 a byte-order mark is dropped and CRLF or LF end records")
    void bomAndLineEnds() throws IOException {
        assertThat(read("\uFEFFa,b\r\n1,2\n3,4", 100)).containsExactly(List.of("a", "b"), List.of("1", "2"), List.of("3", "4"));
    }

    @Test
    @DisplayName("DIR-IPA-01 quoted fields keep commas, newlines and doubled quotes; blanks before a quote are tolerated")
    void quoting() throws IOException {
        assertThat(read("a,b,c\n\"x, y\", \"line1\nline2\",\"say \"\"hi\"\"\"\n", 100))
                .containsExactly(List.of("a", "b", "c"), List.of("x, y", "line1\nline2", "say \"hi\""));
    }

    @Test
    @DisplayName("DIR-IPA-01 the delimiter is detected on the header: tab, semicolon or comma")
    void delimiters() throws IOException {
        assertThat(new DelimitedReader(new StringReader("a\tb,c\n"), 10).delimiter()).isEqualTo('\t');
        assertThat(new DelimitedReader(new StringReader("a;b;\"c,d\"\n"), 10).delimiter()).isEqualTo(';');
        assertThat(new DelimitedReader(new StringReader("a,b\n"), 10).delimiter()).isEqualTo(',');
        assertThat(read("a\tb\n\t2\n", 10)).containsExactly(List.of("a", "b"), List.of("", "2"));
    }

    @Test
    @DisplayName("blank lines are skipped and record lines are reported")
    void lines() throws IOException {
        DelimitedReader r = new DelimitedReader(new StringReader("h\n\n\"a\nb\"\nc\n"), 10);
        r.next();
        assertThat(r.next()).containsExactly("a\nb");
        assertThat(r.recordLine()).isEqualTo(3);
        assertThat(r.next()).containsExactly("c");
        assertThat(r.recordLine()).isEqualTo(5);
        assertThat(r.next()).isNull();
    }

    @Test
    @DisplayName("an unterminated quote and an over-long field are reported as damage, not thrown")
    void damage() throws IOException {
        DelimitedReader r = new DelimitedReader(new StringReader("h\n\"abc\n"), 100);
        r.next();
        assertThat(r.next()).containsExactly("abc\n");
        assertThat(r.damage()).contains("unterminated quoted field");

        DelimitedReader longField = new DelimitedReader(new StringReader("h\n" + "x".repeat(50) + "\nok\n"), 10);
        longField.next();
        assertThat(longField.next()).containsExactly("x".repeat(10));
        assertThat(longField.damage()).hasValueSatisfying(d -> assertThat(d).contains("longer than 10"));
        assertThat(longField.next()).containsExactly("ok");
        assertThat(longField.damage()).isEmpty();
    }
}
