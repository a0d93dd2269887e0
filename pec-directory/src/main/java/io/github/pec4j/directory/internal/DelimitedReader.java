package io.github.pec4j.directory.internal;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A streaming reader of delimited text (CSV with {@code ,} or {@code ;}, TSV): RFC 4180 quoting with
 * {@code ""} escapes, quoted fields spanning lines, blanks before an opening quote tolerated (IPA dumps
 * write {@code 99999,"PAGOPASPA", "PagoPA S.p.A."}), a leading byte-order mark dropped, CR/LF or LF.
 * The delimiter is the most frequent of tab, comma and semicolon on the first line.
 *
 * <p>Damage never throws: an unterminated quote or a field longer than the limit is reported by
 * {@link #damage()} for the record concerned, which the caller counts as a warning.
 */
public final class DelimitedReader {
    private static final int EOF = -1;

    private final Reader in;
    private final int maxFieldChars;
    private final char[] buffer = new char[64 * 1024];
    private int pos;
    private int len;
    private char delimiter;
    private long line = 1;
    private long recordLine;
    private @Nullable String damage;
    private final StringBuilder field = new StringBuilder(64);

    public DelimitedReader(Reader in, int maxFieldChars) throws IOException {
        this.in = in;
        this.maxFieldChars = maxFieldChars;
        fill();
        if (len > 0 && buffer[0] == '\uFEFF') {
            pos = 1;
        }
        this.delimiter = detectDelimiter();
    }

    /** The delimiter detected on the first line. */
    public char delimiter() {
        return delimiter;
    }

    /** The physical line (1-based) on which the last record returned by {@link #next()} starts. */
    public long recordLine() {
        return recordLine;
    }

    /** What was wrong with the last record returned, if anything. */
    public Optional<String> damage() {
        return Optional.ofNullable(damage);
    }

    /** The next record's fields, or {@code null} at the end; blank lines are skipped. */
    public @Nullable List<String> next() throws IOException {
        while (true) {
            damage = null;
            recordLine = line;
            int c = peek();
            if (c == EOF) {
                return null;
            }
            List<String> fields = new ArrayList<>();
            boolean endOfRecord = false;
            while (!endOfRecord) {
                endOfRecord = readField(fields);
            }
            if (fields.size() == 1 && fields.get(0).isEmpty() && damage == null) {
                continue;
            }
            return fields;
        }
    }

    /** Reads one field into {@code fields}; true when the record ends after it. */
    private boolean readField(List<String> fields) throws IOException {
        field.setLength(0);
        int c = read();
        while (c == ' ' || (c == '\t' && delimiter != '\t')) {
            c = read();
        }
        if (c == '"') {
            return readQuoted(fields);
        }
        while (true) {
            if (c == EOF || c == '\n') {
                fields.add(trimmed());
                if (c == '\n') {
                    line++;
                }
                return true;
            }
            if (c == delimiter) {
                fields.add(trimmed());
                return false;
            }
            if (c != '\r') {
                append((char) c);
            }
            c = read();
        }
    }

    private boolean readQuoted(List<String> fields) throws IOException {
        while (true) {
            int c = read();
            if (c == EOF) {
                damage = "unterminated quoted field";
                fields.add(field.toString());
                return true;
            }
            if (c == '"') {
                if (peek() == '"') {
                    read();
                    append('"');
                    continue;
                }
                // after the closing quote: blanks are dropped, anything else is kept as written
                while (true) {
                    c = read();
                    if (c == EOF || c == '\n') {
                        if (c == '\n') {
                            line++;
                        }
                        fields.add(field.toString());
                        return true;
                    }
                    if (c == delimiter) {
                        fields.add(field.toString());
                        return false;
                    }
                    if (c != ' ' && c != '\r' && c != '\t') {
                        append((char) c);
                    }
                }
            }
            if (c == '\n') {
                line++;
            }
            append((char) c);
        }
    }

    private void append(char c) {
        if (field.length() < maxFieldChars) {
            field.append(c);
        } else if (damage == null) {
            damage = "field longer than " + maxFieldChars + " characters, truncated";
        }
    }

    private String trimmed() {
        int start = 0;
        int end = field.length();
        while (start < end && field.charAt(start) <= ' ') {
            start++;
        }
        while (end > start && field.charAt(end - 1) <= ' ') {
            end--;
        }
        return field.substring(start, end);
    }

    private int read() throws IOException {
        if (pos == len && !fill()) {
            return EOF;
        }
        return buffer[pos++];
    }

    private int peek() throws IOException {
        if (pos == len && !fill()) {
            return EOF;
        }
        return buffer[pos];
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer, 0, buffer.length);
        if (n <= 0) {
            len = 0;
            pos = 0;
            return false;
        }
        len = n;
        pos = 0;
        return true;
    }

    /** Counts tabs, commas and semicolons outside quotes on the first line in the buffer. */
    private char detectDelimiter() {
        int tabs = 0;
        int commas = 0;
        int semicolons = 0;
        boolean quoted = false;
        for (int i = pos; i < len && (quoted || buffer[i] != '\n'); i++) {
            char c = buffer[i];
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted) {
                if (c == '\t') {
                    tabs++;
                } else if (c == ',') {
                    commas++;
                } else if (c == ';') {
                    semicolons++;
                }
            }
        }
        if (tabs >= commas && tabs >= semicolons && tabs > 0) {
            return '\t';
        }
        return semicolons > commas ? ';' : ',';
    }
}
