package io.github.pec4j.core.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Decoding of header values: raw 8-bit text, RFC 2047 words, RFC 2045/2231 parameters, addresses, dates. */
public final class HeaderCodec {
    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private HeaderCodec() {}

    /** Bytes of a header as text: ASCII, else UTF-8 when valid, else Windows-1252. */
    static String text(byte[] b, int off, int len, boolean[] raw8bit) {
        boolean ascii = true;
        for (int i = off; i < off + len; i++) {
            if (b[i] < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return new String(b, off, len, StandardCharsets.ISO_8859_1);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b, off, len))
                    .toString();
        } catch (CharacterCodingException e) {
            raw8bit[0] = true;
            return new String(b, off, len, WINDOWS_1252);
        }
    }

    /** A charset by name, tolerant of common aliases; empty when unknown. */
    public static Optional<Charset> charset(String name) {
        String n = name.trim().replace("\"", "");
        if (n.isEmpty()) {
            return Optional.empty();
        }
        if (n.equalsIgnoreCase("iso-8859-1") || n.equalsIgnoreCase("latin1") || n.equalsIgnoreCase("us-ascii")
                || n.equalsIgnoreCase("ascii")) {
            // Real mail labelled Latin-1 or ASCII is routinely Windows-1252; it is a superset for text.
            return Optional.of(WINDOWS_1252);
        }
        try {
            return Optional.of(Charset.forName(n));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static final Pattern ENCODED_WORD = Pattern.compile("=\\?([^?\\s]+)\\?([bBqQ])\\?([^?\\s]*)\\?=");

    /** Decodes RFC 2047 encoded words; white space between adjacent encoded words is dropped. */
    public static String decodeWords(String value) {
        if (value.indexOf("=?") < 0) {
            return value;
        }
        Matcher m = ENCODED_WORD.matcher(value);
        StringBuilder out = new StringBuilder(value.length());
        int last = 0;
        boolean previousWasWord = false;
        while (m.find()) {
            String between = value.substring(last, m.start());
            if (!(previousWasWord && between.isBlank())) {
                out.append(between);
            }
            String decoded = decodeWord(m.group(1), m.group(2), m.group(3));
            if (decoded == null) {
                out.append(m.group());
            } else {
                out.append(decoded);
            }
            previousWasWord = decoded != null;
            last = m.end();
        }
        out.append(value, last, value.length());
        return out.toString();
    }

    private static String decodeWord(String charsetSpec, String encoding, String text) {
        String cs = charsetSpec;
        int star = cs.indexOf('*'); // RFC 2231 language suffix
        if (star >= 0) {
            cs = cs.substring(0, star);
        }
        Optional<Charset> charset = charset(cs);
        if (charset.isEmpty()) {
            return null;
        }
        byte[] bytes;
        if (encoding.equalsIgnoreCase("B")) {
            String t = text;
            int rem = t.length() % 4;
            if (rem == 2) t += "==";
            else if (rem == 3) t += "=";
            try {
                bytes = Base64.getDecoder().decode(t);
            } catch (IllegalArgumentException e) {
                return null;
            }
        } else {
            ByteArrayOutputStream bo = new ByteArrayOutputStream(text.length());
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '_') {
                    bo.write(' ');
                } else if (c == '=' && i + 2 < text.length() + 0 && i + 2 <= text.length() - 1
                        && hex(text.charAt(i + 1)) >= 0 && hex(text.charAt(i + 2)) >= 0) {
                    bo.write(hex(text.charAt(i + 1)) * 16 + hex(text.charAt(i + 2)));
                    i += 2;
                } else {
                    bo.write(c & 0xFF);
                }
            }
            bytes = bo.toByteArray();
        }
        return new String(bytes, charset.get());
    }

    static int hex(int c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        return -1;
    }

    /**
     * A structured header value such as {@code Content-Type} or {@code Content-Disposition}: the
     * lower-cased token before the first {@code ;} and the parameters, with RFC 2231 continuations
     * joined and charsets applied. Parameter names are lower case.
     */
    public record Structured(String value, Map<String, String> params) {
        /** A parameter by lower-case name. */
        public Optional<String> param(String name) {
            return Optional.ofNullable(params.get(name));
        }
    }

    /** Parses a structured header value; never throws. */
    public static Structured structured(String raw) {
        List<String> pieces = splitParams(raw);
        String value = pieces.isEmpty() ? "" : pieces.get(0).trim().toLowerCase(Locale.ROOT);
        Map<String, String> plain = new LinkedHashMap<>();
        // name -> (section -> [extended?, value]) for RFC 2231
        Map<String, TreeMap<Integer, String[]>> sections = new LinkedHashMap<>();
        for (int i = 1; i < pieces.size(); i++) {
            String p = pieces.get(i);
            int eq = p.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = p.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String v = unquote(p.substring(eq + 1).trim());
            boolean extended = name.endsWith("*");
            String base = extended ? name.substring(0, name.length() - 1) : name;
            int section = -1;
            int star = base.indexOf('*');
            if (star > 0) {
                try {
                    section = Integer.parseInt(base.substring(star + 1));
                    base = base.substring(0, star);
                } catch (NumberFormatException e) {
                    section = -1;
                }
            }
            if (extended || section >= 0) {
                sections.computeIfAbsent(base, k -> new TreeMap<>())
                        .put(Math.max(section, 0), new String[] {extended ? "1" : "0", v});
            } else {
                plain.putIfAbsent(name, v);
            }
        }
        for (Map.Entry<String, TreeMap<Integer, String[]>> e : sections.entrySet()) {
            plain.put(e.getKey(), join2231(e.getValue()));
        }
        return new Structured(value, Map.copyOf(plain));
    }

    private static String join2231(TreeMap<Integer, String[]> parts) {
        Charset charset = StandardCharsets.UTF_8;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        boolean first = true;
        for (String[] part : parts.values()) {
            String v = part[1];
            if (part[0].equals("1")) {
                if (first) {
                    int q1 = v.indexOf('\'');
                    int q2 = q1 >= 0 ? v.indexOf('\'', q1 + 1) : -1;
                    if (q1 >= 0 && q2 > q1) {
                        charset = charset(v.substring(0, q1)).orElse(StandardCharsets.UTF_8);
                        v = v.substring(q2 + 1);
                    }
                }
                for (int i = 0; i < v.length(); i++) {
                    char c = v.charAt(i);
                    if (c == '%' && i + 2 < v.length() && hex(v.charAt(i + 1)) >= 0 && hex(v.charAt(i + 2)) >= 0) {
                        bytes.write(hex(v.charAt(i + 1)) * 16 + hex(v.charAt(i + 2)));
                        i += 2;
                    } else {
                        byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                        bytes.write(b, 0, b.length);
                    }
                }
            } else {
                byte[] b = v.getBytes(charset);
                bytes.write(b, 0, b.length);
            }
            first = false;
        }
        return new String(bytes.toByteArray(), charset);
    }

    /**
     * {@link #splitOutside splitOutside(raw, ";", false)}, without copying each character when the value has no
     * comment (almost every header): a piece is then a substring (a tenth of a small receipt's parse went into
     * the copying).
     */
    static List<String> splitParams(String raw) {
        if (raw.indexOf('(') >= 0) {
            return splitOutside(raw, ";", false); // a comment is dropped, so pieces are not substrings
        }
        List<String> out = new ArrayList<>(4);
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ';') {
                out.add(raw.substring(start, i));
                start = i + 1;
            }
        }
        out.add(raw.substring(start));
        return out;
    }

    /**
     * Splits at any of {@code separators} found outside quoted strings, comments (which are dropped)
     * and, when {@code angles}, angle brackets.
     */
    static List<String> splitOutside(String raw, String separators, boolean angles) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        int comment = 0;
        int angle = 0;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (quoted) {
                cur.append(c);
                if (c == '\\' && i + 1 < raw.length()) {
                    cur.append(raw.charAt(++i));
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (comment > 0) {
                if (c == '(') comment++;
                else if (c == ')') comment--;
            } else if (c == '"') {
                quoted = true;
                cur.append(c);
            } else if (c == '(') {
                comment++;
            } else if (angles && (c == '<' || c == '>')) {
                angle = c == '<' ? angle + 1 : Math.max(0, angle - 1);
                cur.append(c);
            } else if (angle == 0 && separators.indexOf(c) >= 0) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && v.charAt(0) == '"' && v.charAt(v.length() - 1) == '"') {
            StringBuilder sb = new StringBuilder(v.length());
            for (int i = 1; i < v.length() - 1; i++) {
                char c = v.charAt(i);
                if (c == '\\' && i + 1 < v.length() - 1) {
                    c = v.charAt(++i);
                }
                sb.append(c);
            }
            return sb.toString();
        }
        if (v.startsWith("\"")) {
            return v.substring(1); // unterminated quote: keep the text
        }
        return v;
    }

    /** A file name from a parameter value: RFC 2047 words decoded (common in practice), NFC. */
    public static String fileName(String value) {
        return Normalizer.normalize(decodeWords(value).trim(), Normalizer.Form.NFC);
    }

    /** A file name as sent: decoded and NFC-normalised, but nothing trimmed (a trailing space or NUL stays). */
    public static String sentFileName(String value) {
        return Normalizer.normalize(decodeWords(value), Normalizer.Form.NFC);
    }

    /**
     * The addr-specs of an address list header ({@code a@b, "X" <c@d>}), in order. Groups and
     * comments are tolerated.
     */
    public static List<String> addresses(String raw) {
        List<String> out = new ArrayList<>();
        for (String token : splitOutside(raw, ",;", true)) {
            int colon = token.indexOf(':');
            int at = token.indexOf('@');
            int lt = token.indexOf('<');
            if (colon >= 0 && (at < 0 || colon < at) && (lt < 0 || colon < lt)) {
                token = token.substring(colon + 1); // "Group: a@b" -> "a@b"
            }
            addAddress(out, token);
        }
        return List.copyOf(out);
    }

    private static void addAddress(List<String> out, String token) {
        String t = token.trim();
        int lt = t.lastIndexOf('<');
        int gt = t.lastIndexOf('>');
        if (lt >= 0 && gt > lt) {
            t = t.substring(lt + 1, gt).trim();
        }
        if (!t.isEmpty() && t.contains("@")) {
            out.add(t);
        }
    }

    /** The display name of the first address of a header, RFC 2047-decoded, without quotes. */
    public static Optional<String> displayName(String raw) {
        String t = raw.trim();
        int lt = t.indexOf('<');
        if (lt <= 0) {
            return Optional.empty();
        }
        String name = decodeWords(t.substring(0, lt).trim());
        if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
            name = name.substring(1, name.length() - 1);
        }
        return name.isBlank() ? Optional.empty() : Optional.of(name.trim());
    }

    private static final Pattern DATE = Pattern.compile(
            "(?:[A-Za-z]{3},\\s*)?(\\d{1,2})\\s+([A-Za-z]{3})[a-z]*\\s+(\\d{2,4})\\s+(\\d{1,2}):(\\d{2})(?::(\\d{2}))?\\s*([+-]\\d{4}|[A-Za-z]{1,5})?");
    private static final List<String> MONTHS =
            List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");

    /** An RFC 5322 date; empty when unreadable or without a zone. Never uses the JVM time zone. */
    public static Optional<OffsetDateTime> date(String raw) {
        Matcher m = DATE.matcher(raw.trim());
        if (!m.find()) {
            return Optional.empty();
        }
        try {
            int month = MONTHS.indexOf(m.group(2).toLowerCase(Locale.ROOT)) + 1;
            if (month == 0) return Optional.empty();
            int year = Integer.parseInt(m.group(3));
            if (year < 50) year += 2000;
            else if (year < 1000) year += 1900;
            String zone = m.group(7);
            ZoneOffset offset;
            if (zone == null) {
                return Optional.empty();
            } else if (zone.startsWith("+") || zone.startsWith("-")) {
                int sign = zone.startsWith("-") ? -1 : 1;
                offset = ZoneOffset.ofHoursMinutes(sign * Integer.parseInt(zone.substring(1, 3)),
                        sign * Integer.parseInt(zone.substring(3, 5)));
            } else if (zone.equalsIgnoreCase("GMT") || zone.equalsIgnoreCase("UT") || zone.equalsIgnoreCase("UTC")
                    || zone.equalsIgnoreCase("Z")) {
                offset = ZoneOffset.UTC;
            } else {
                return Optional.empty();
            }
            LocalDate d = LocalDate.of(year, month, Integer.parseInt(m.group(1)));
            LocalTime t = LocalTime.of(Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                    m.group(6) == null ? 0 : Integer.parseInt(m.group(6)));
            return Optional.of(OffsetDateTime.of(d, t, offset));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
