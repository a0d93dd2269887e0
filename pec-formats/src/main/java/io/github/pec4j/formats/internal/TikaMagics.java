package io.github.pec4j.formats.internal;

import java.io.CharArrayWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * Tika's magics read from its own {@code tika-mimetypes.xml}, each evaluated over a head exactly as
 * {@code MimeTypesReader}, {@code MagicMatch} and {@code MagicDetector} of tika-core 3.x do it, but
 * straight on the byte array: no stream, no window copy, no regex where the pattern is a plain byte
 * sequence. {@code FastTypesTest} holds this reading against the magics Tika loaded.
 */
final class TikaMagics {
    /** The window a regex is matched in, from each offset of its range ({@code MagicDetector}'s 8 KB). */
    static final int REGEX_WINDOW = 8 * 1024;
    /** Beyond this range a regex that is not a plain byte sequence costs what Tika costs: not evaluated here. */
    static final int MAX_REGEX_RANGE = 64;

    private TikaMagics() {}

    /** One {@code Magic}: the canonical type of its mime-type element, its priority, its clause. */
    record Magic(String type, int priority, int size, Clause clause, String source) {}

    /** A clause of a magic, as Tika builds it; {@code need} is how many head bytes its result depends on. */
    interface Clause {
        boolean eval(byte[] head);

        /** As {@link #eval(byte[])}, taking the answers of the byte clauses {@code scanned} holds from it. */
        default boolean eval(byte[] head, ByteClauseScan.Result scanned) {
            return eval(head);
        }

        int size();

        /** False only when no head beginning with {@code prefix} can match (unknown bytes may be anything). */
        boolean compatible(byte[] prefix);

        int need();

        /** Why this clause cannot be evaluated cheaply and exactly here, or null. */
        String unsupported();
    }

    /** A clause over others (all, or at least some — any is at least one): it needs what its longest part needs, and is unsupported where a part is. */
    private interface Composite extends Clause {
        List<Clause> clauses();

        @Override
        default boolean eval(byte[] head) {
            return eval(head, ByteClauseScan.Result.NONE);
        }

        @Override
        default int need() {
            return clauses().stream().mapToInt(Clause::need).max().orElse(0);
        }

        @Override
        default String unsupported() {
            return clauses().stream().map(Clause::unsupported).filter(java.util.Objects::nonNull).findFirst().orElse(null);
        }
    }

    /** The leaves of a clause (itself when it is one), in order. */
    static void leaves(Clause c, java.util.function.Consumer<Clause> out) {
        if (c instanceof Composite composite) {
            composite.clauses().forEach(part -> leaves(part, out));
        } else {
            out.accept(c);
        }
    }

    /** Every magic of the XML, in document order; {@code canonical} maps a type name to Tika's registered name. */
    static List<Magic> read(InputStream xml, java.util.function.UnaryOperator<String> canonical) throws IOException {
        org.w3c.dom.Document doc;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setExpandEntityReferences(false);
            doc = f.newDocumentBuilder().parse(xml);
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("unreadable tika-mimetypes.xml", e);
        }
        List<Magic> out = new ArrayList<>();
        for (Element type : children(doc.getDocumentElement(), "mime-type")) {
            String name = canonical.apply(type.getAttribute("type"));
            for (Element magic : children(type, "magic")) {
                String p = magic.getAttribute("priority");
                int priority = p.isEmpty() ? 50 : Integer.parseInt(p);
                for (Element match : children(magic, "match")) {
                    Clause c = clause(match);
                    out.add(new Magic(name, priority, c.size(), c, describe(match)));
                }
            }
        }
        return out;
    }

    /** The match element and its children as written, to name a magic in messages and tests. */
    static String describe(Element match) {
        StringBuilder sb = new StringBuilder("(");
        for (String a : List.of("type", "offset", "value", "mask", "minShouldMatch")) {
            if (match.hasAttribute(a)) {
                sb.append(a).append('=').append(match.getAttribute(a)).append(' ');
            }
        }
        for (Element c : children(match, "match")) {
            sb.append(describe(c));
        }
        return sb.append(')').toString();
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                out.add(e);
            }
        }
        return out;
    }

    /** {@code ClauseRecord.stop()}: a match with children is AND(itself, OR(children)); minShouldMatch counts them. */
    private static Clause clause(Element match) {
        List<Clause> subs = new ArrayList<>();
        for (Element c : children(match, "match")) {
            subs.add(clause(c));
        }
        String min = match.getAttribute("minShouldMatch");
        if (!min.isEmpty()) {
            return new MinShouldMatch(Integer.parseInt(min), subs);
        }
        Clause self = leaf(match);
        if (subs.isEmpty()) {
            return self;
        }
        return new And(List.of(self, subs.size() == 1 ? subs.get(0) : new MinShouldMatch(1, subs)));
    }

    private static Clause leaf(Element m) {
        String kind = m.hasAttribute("type") ? m.getAttribute("type") : "string";
        String offset = m.getAttribute("offset");
        int begin = 0;
        int end = 0;
        if (!offset.isEmpty()) {
            int colon = offset.indexOf(':');
            begin = Integer.parseInt(colon < 0 ? offset : offset.substring(0, colon));
            end = colon < 0 ? begin : Integer.parseInt(offset.substring(colon + 1));
        }
        byte[] value = decodeValue(m.getAttribute("value"), kind);
        byte[] mask = m.hasAttribute("mask") ? decodeValue(m.getAttribute("mask"), kind) : null;
        if (kind.equals("regex")) {
            return Regex.of(new String(value, StandardCharsets.UTF_8), value.length, begin, end);
        }
        return new Bytes(value, mask, kind.equals("stringignorecase"), begin, end);
    }

    /** {@code MagicDetector.decodeValue}. */
    static byte[] decodeValue(String value, String type) {
        String digits = value.startsWith("0x") ? value.substring(2) : value;
        int radix = value.startsWith("0x") ? 16 : 8;
        switch (type) {
            case "string", "regex", "unicodeLE", "unicodeBE":
                return decodeString(value, type);
            case "stringignorecase":
                return decodeString(value.toLowerCase(Locale.ROOT), type);
            case "byte":
                return digits.getBytes(StandardCharsets.UTF_8);
            case "host16", "little16": {
                int i = Integer.parseInt(digits, radix);
                return new byte[] {(byte) (i & 0x00FF), (byte) (i >> 8)};
            }
            case "big16": {
                int i = Integer.parseInt(digits, radix);
                return new byte[] {(byte) (i >> 8), (byte) (i & 0x00FF)};
            }
            case "host32", "little32": {
                long i = Long.parseLong(digits, radix);
                return new byte[] {(byte) (i & 0xFF), (byte) ((i & 0xFF00) >> 8), (byte) ((i & 0xFF0000) >> 16), (byte) ((i & 0xFF000000L) >> 24)};
            }
            case "big32": {
                long i = Long.parseLong(digits, radix);
                return new byte[] {(byte) ((i & 0xFF000000L) >> 24), (byte) ((i & 0xFF0000) >> 16), (byte) ((i & 0xFF00) >> 8), (byte) (i & 0xFF)};
            }
            default:
                throw new IllegalArgumentException("unknown magic type " + type); // Tika would fail on it too (null pattern)
        }
    }

    /** {@code MagicDetector.decodeString}, escapes and all. */
    private static byte[] decodeString(String value, String type) {
        if (value.startsWith("0x")) {
            byte[] vals = new byte[(value.length() - 2) / 2];
            for (int i = 0; i < vals.length; i++) {
                vals[i] = (byte) Integer.parseInt(value.substring(2 + i * 2, 4 + i * 2), 16);
            }
            return vals;
        }
        CharArrayWriter decoded = new CharArrayWriter();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '\\') {
                decoded.write(c);
            } else if (value.charAt(i + 1) == '\\') {
                decoded.write('\\');
                i++;
            } else if (value.charAt(i + 1) == 'x') {
                decoded.write(Integer.parseInt(value.substring(i + 2, i + 4), 16));
                i += 3;
            } else if (value.charAt(i + 1) == 'r') {
                decoded.write('\r');
                i++;
            } else if (value.charAt(i + 1) == 'n') {
                decoded.write('\n');
                i++;
            } else {
                int j = i + 1;
                while (j < i + 4 && j < value.length() && Character.isDigit(value.charAt(j))) {
                    j++;
                }
                decoded.write(Short.decode("0" + value.substring(i + 1, j)).byteValue());
                i = j - 1;
            }
        }
        return toBytes(decoded.toCharArray(), type);
    }

    private static byte[] toBytes(char[] chars, String type) {
        boolean wide = type.equals("unicodeLE") || type.equals("unicodeBE");
        byte[] bytes = new byte[wide ? chars.length * 2 : chars.length];
        for (int i = 0; i < chars.length; i++) {
            if (type.equals("unicodeLE")) {
                bytes[i * 2] = (byte) (chars[i] & 0xff);
                bytes[i * 2 + 1] = (byte) (chars[i] >> 8);
            } else if (type.equals("unicodeBE")) {
                bytes[i * 2] = (byte) (chars[i] >> 8);
                bytes[i * 2 + 1] = (byte) (chars[i] & 0xff);
            } else {
                bytes[i] = (byte) chars[i];
            }
        }
        return bytes;
    }

    /** A byte pattern under a mask at each offset of a range; past the head's end the window reads zeros. */
    static final class Bytes implements Clause {
        private final byte[] pattern;
        private final byte[] mask;
        private final boolean ignoreCase;
        private final int begin;
        private final int end;
        /** The bytes that can start a match: the scan tests one table entry per offset. */
        private final boolean[] first;
        /** The bytes that can follow a first byte in a match (every byte for a one-byte pattern). */
        private final boolean[] second;

        Bytes(byte[] value, byte[] maskBytes, boolean ignoreCase, int begin, int end) {
            int n = Math.max(value.length, maskBytes == null ? 0 : maskBytes.length);
            this.mask = new byte[n];
            this.pattern = new byte[n];
            for (int i = 0; i < n; i++) {
                mask[i] = maskBytes != null && i < maskBytes.length ? maskBytes[i] : -1;
                pattern[i] = i < value.length ? (byte) (value[i] & mask[i]) : 0;
            }
            this.ignoreCase = ignoreCase;
            this.begin = begin;
            this.end = end;
            this.first = new boolean[256];
            this.second = new boolean[256];
            for (int b = 0; b < 256; b++) {
                first[b] = n == 0 || equal((byte) b, 0);
                second[b] = n < 2 || equal((byte) b, 1);
            }
        }

        @Override
        public boolean eval(byte[] head) {
            if (!complete(head)) {
                return false;
            }
            int last = Math.min(end, head.length - 1);
            for (int o = begin; o <= last; o++) {
                if (first[head[o] & 0xff] && at(head, o)) {
                    return true;
                }
            }
            return pastHead(head);
        }

        @Override
        public boolean eval(byte[] head, ByteClauseScan.Result scanned) {
            Boolean known = scanned.answer(this);
            return known != null ? known : eval(head);
        }

        /** MagicDetector: a head shorter than the first window matches nothing. */
        boolean complete(byte[] head) {
            return head.length >= begin + pattern.length;
        }

        /** Past the head every window reads zeros: one test for them all, when the range reaches there. */
        boolean pastHead(byte[] head) {
            return Math.min(end, head.length - 1) < end && at(head, head.length);
        }

        int begin() {
            return begin;
        }

        /** The bytes a match reads, under the mask (a copy). */
        byte[] pattern() {
            return pattern.clone();
        }

        int end() {
            return end;
        }

        /** Whether a match can start with byte {@code b} (0–255); true for every byte when the first is masked out. */
        boolean canStartWith(int b) {
            return first[b];
        }

        /** Whether a match can have byte {@code b} (0–255) second. */
        boolean canContinueWith(int b) {
            return second[b];
        }

        /** The same int arithmetic as MagicDetector (sign extension and Character.toLowerCase included). */
        boolean at(byte[] head, int o) {
            for (int j = 0; j < pattern.length; j++) {
                int k = o + j;
                if (!equal(k < head.length ? head[k] : 0, j)) {
                    return false;
                }
            }
            return true;
        }

        private boolean equal(byte b, int j) {
            int masked = b & mask[j];
            if (ignoreCase) {
                masked = Character.toLowerCase(masked);
            }
            return masked == pattern[j];
        }

        @Override
        public int size() {
            return pattern.length;
        }

        @Override
        public boolean compatible(byte[] prefix) {
            for (int o = begin; o <= end; o++) {
                if (agrees(prefix, o)) {
                    return true;
                }
            }
            return false;
        }

        private boolean agrees(byte[] prefix, int o) {
            for (int j = 0; j < pattern.length && o + j < prefix.length; j++) {
                if (!equal(prefix[o + j], j)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int need() {
            return end + pattern.length;
        }

        @Override
        public String unsupported() {
            return null;
        }
    }

    /**
     * A regex matched with {@code lookingAt} from each offset of its range, in an 8 KB region of the
     * window decoded as ISO-8859-1 (zeros past the head's end), as MagicDetector does. A pattern made
     * only of literal ASCII characters and plain classes is compared byte by byte instead.
     */
    static final class Regex implements Clause {
        private final String regex;
        private final int size;
        private final int begin;
        private final int end;
        private final Pattern pattern;
        private final ByteSequence sequence;

        private Regex(String regex, int size, int begin, int end) {
            this.regex = regex;
            this.size = size;
            this.begin = begin;
            this.end = end;
            this.pattern = Pattern.compile(regex);
            this.sequence = ByteSequence.parse(regex);
        }

        static Regex of(String regex, int size, int begin, int end) {
            return new Regex(regex, size, begin, end);
        }

        @Override
        public boolean eval(byte[] head) {
            if (head.length < begin) {
                return false; // MagicDetector cannot skip to the range
            }
            return sequence != null ? sequence.find(head, begin, end) : lookingAt(head);
        }

        private boolean lookingAt(byte[] head) {
            Matcher m = pattern.matcher(new Latin1Window(head, begin, REGEX_WINDOW + end - begin));
            for (int i = 0; i <= end - begin; i++) {
                m.region(i, REGEX_WINDOW + i);
                if (m.lookingAt()) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public boolean compatible(byte[] prefix) {
            return sequence == null || sequence.compatible(prefix, begin, end);
        }

        @Override
        public int need() {
            return sequence != null ? end + sequence.length() : end + REGEX_WINDOW;
        }

        @Override
        public String unsupported() {
            return sequence == null && end - begin > MAX_REGEX_RANGE ? "regex " + regex + " over offsets " + begin + ":" + end : null;
        }
    }

    /** The head from {@code from} as the chars MagicDetector decodes (ISO-8859-1), zero past its end: no copy. */
    private record Latin1Window(byte[] head, int from, int length) implements CharSequence {
        @Override
        public char charAt(int index) {
            int k = from + index;
            return k < head.length ? (char) (head[k] & 0xff) : 0;
        }

        @Override
        public CharSequence subSequence(int start, int stop) {
            return new Latin1Window(head, from + start, stop - start);
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                sb.append(charAt(i));
            }
            return sb.toString();
        }
    }

    private record And(List<Clause> clauses) implements Composite {
        @Override
        public boolean eval(byte[] head, ByteClauseScan.Result scanned) {
            for (Clause c : clauses) {
                if (!c.eval(head, scanned)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int size() {
            return clauses.stream().mapToInt(Clause::size).sum();
        }

        @Override
        public boolean compatible(byte[] prefix) {
            return clauses.stream().allMatch(c -> c.compatible(prefix));
        }
    }

    private record MinShouldMatch(int min, List<Clause> clauses) implements Composite {
        @Override
        public boolean eval(byte[] head, ByteClauseScan.Result scanned) {
            int matches = 0;
            for (Clause c : clauses) {
                if (c.eval(head, scanned) && ++matches >= min) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public int size() {
            return clauses.stream().mapToInt(Clause::size).max().orElse(0);
        }

        @Override
        public boolean compatible(byte[] prefix) {
            return clauses.stream().filter(c -> c.compatible(prefix)).count() >= min;
        }
    }
}
