package io.github.pec4j.formats.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The structure of a plain PDF read without building PDFBox's document model: the classic
 * cross-reference tables (every incremental update, through {@code /Prev}), each object they list,
 * the page tree and the XMP metadata. It sees what PDFBox's model would show the checks — the same
 * objects, names decoded ({@code /J#53} is {@code /JS}), references resolved — but only for files
 * it can read exactly: anything it does not fully understand (cross-reference or object streams,
 * encryption, an offset that does not point at its object, a dangling reference on a path it
 * follows, an odd number or name, a filter other than Flate on the metadata, a limit reached)
 * makes it give up with {@link Undecided}, and the caller asks PDFBox. It never decides "clean" on
 * a guess.
 */
final class PdfScan {
    /** More objects than this and PDFBox reads the file (its model is bounded by the same file limits). */
    static final int MAX_OBJECTS = 200_000;
    /** Incremental updates followed through {@code /Prev}. */
    static final int MAX_SECTIONS = 64;
    /** Nesting of arrays and dictionaries, and length of {@code /Parent} chains. */
    static final int MAX_DEPTH = 64;
    static final int MAX_PAGES = 100_000;
    /** The XMP bytes read, as the model path reads them. */
    static final int MAX_XMP = 1 << 20;

    /** The scan cannot decide: the caller falls back to the full model. */
    static final class Undecided extends Exception {
        private static final long serialVersionUID = 1L;

        Undecided(String why) {
            super(why, null, false, false);
        }
    }

    /** A PDF name, decoded. */
    record Name(String value) {}

    /** An indirect reference. */
    record Ref(long number, int generation) {}

    /** A number: its float value as PDFBox holds it, and whether it was written as an integer. */
    record Num(float value, boolean integer, long longValue) {}

    /** A dictionary, with the offset where its stream data starts (or -1 when it is no stream). */
    static final class Dict {
        final Map<String, Object> entries = new LinkedHashMap<>();
        int streamData = -1;
    }

    /** What the model path's structure pass would find. */
    static final class Result {
        final Set<String> active = new java.util.TreeSet<>();
        boolean embedded;
        final Map<String, Integer> pageSizes = new LinkedHashMap<>();
        /** The XMP text (its first MiB), or null when the catalog has no metadata stream. */
        String xmp;
    }

    private static final Object NULL = new Object();
    private static final Object STRING = new Object();
    private static final Object BOOLEAN = new Object();

    private final ByteBuffer b;
    private final int n;
    /** Offsets by object key, as PDFBox keys its table: the newest section's entry wins. */
    private final Map<Ref, Long> xref = new LinkedHashMap<>();
    private final Map<Ref, Object> objects = new HashMap<>();
    private final Map<String, Object> trailer = new HashMap<>();
    private int pos;

    private PdfScan(ByteBuffer b) {
        this.b = b;
        this.n = b.limit();
    }

    /**
     * Reads the file's structure and applies {@code visit} to every object PDFBox would list, then to
     * the catalog; the XMP is read only when {@code needXmp}.
     *
     * @throws Undecided when the scan cannot read the file exactly
     */
    static Result read(Path file, Visitor visit, boolean needXmp) throws IOException, Undecided {
        return read(Source.of(file), visit, needXmp);
    }

    /** The same over a file or bytes in memory. */
    static Result read(Source source, Visitor visit, boolean needXmp) throws IOException, Undecided {
        long size = source.size();
        if (size < 8 || size > Integer.MAX_VALUE) {
            throw new Undecided("size");
        }
        PdfScan s = new PdfScan(source.whole());
        try {
            return s.run(visit, needXmp);
        } catch (IndexOutOfBoundsException | NumberFormatException e) {
            throw new Undecided("malformed: " + e.getClass().getSimpleName());
        }
    }

    /** What the checks do with each dictionary the model holds. */
    interface Visitor {
        void value(Object top, PdfScan scan, Result r) throws Undecided;
    }

    private Result run(Visitor visit, boolean needXmp) throws Undecided {
        if (!startsWith(0, "%PDF-")) {
            throw new Undecided("no header at offset 0");
        }
        readXref(startxref());
        if (trailer.containsKey("Encrypt") || trailer.containsKey("XRefStm")) {
            throw new Undecided("encrypted or hybrid");
        }
        Result r = new Result();
        for (Ref key : new ArrayList<>(xref.keySet())) {
            visit.value(object(key), this, r);
        }
        Dict catalog = dict(trailer.get("Root"), "Root");
        visit.value(catalog, this, r);
        if (resolve(catalog.entries.get("AcroForm")) instanceof Dict acro && acro.entries.containsKey("XFA")) {
            r.active.add("/XFA");
        }
        pages(dict(catalog.entries.get("Pages"), "Pages"), r);
        if (needXmp && resolve(catalog.entries.get("Metadata")) instanceof Dict meta && meta.streamData >= 0) {
            r.xmp = xmp(meta);
        }
        return r;
    }

    // ---------------------------------------------------------------- cross-reference tables

    private int startxref() throws Undecided {
        int from = Math.max(0, n - 2048);
        for (int i = n - 9; i >= from; i--) {
            if (startsWith(i, "startxref")) {
                pos = i + 9;
                return toInt(number());
            }
        }
        throw new Undecided("no startxref");
    }

    private void readXref(int first) throws Undecided {
        Set<Integer> seen = new HashSet<>();
        List<Map<String, Object>> trailers = new ArrayList<>();
        for (int at = first; ; ) {
            if (!seen.add(at) || seen.size() > MAX_SECTIONS || at < 0 || at >= n || !startsWith(at, "xref")) {
                throw new Undecided("not a classic cross-reference table at " + at);
            }
            pos = at + 4;
            section();
            Map<String, Object> t = dict(value(0), "trailer").entries;
            trailers.add(t);
            Object prev = t.get("Prev");
            if (prev == null) {
                break;
            }
            at = toInt(prev);
        }
        for (int i = trailers.size() - 1; i >= 0; i--) {
            trailer.putAll(trailers.get(i)); // the newest section wins
        }
    }

    /** One table: subsections of entries until {@code trailer}; entries already read (newer) win. */
    private void section() throws Undecided {
        while (true) {
            skipSpace();
            if (startsWith(pos, "trailer")) {
                pos += 7;
                return;
            }
            long start = toLong(number());
            long count = toLong(number());
            if (start < 0 || count < 0 || xref.size() + count > MAX_OBJECTS) {
                throw new Undecided("cross-reference subsection");
            }
            for (long k = 0; k < count; k++) {
                long offset = toLong(number());
                int generation = toInt(number());
                skipSpace();
                byte type = b.get(pos++);
                if (type == 'n') {
                    xref.putIfAbsent(new Ref(start + k, generation), offset);
                } else if (type != 'f') {
                    throw new Undecided("cross-reference entry type");
                }
            }
        }
    }

    // ---------------------------------------------------------------- objects

    /** The object with this key, parsed once from its offset, which must hold {@code number generation obj}. */
    private Object object(Ref key) throws Undecided {
        Object cached = objects.get(key);
        if (cached != null) {
            return cached;
        }
        Long offset = xref.get(key);
        if (offset == null) {
            throw new Undecided("dangling reference " + key);
        }
        if (offset <= 0 || offset >= n) {
            throw new Undecided("offset of object " + key);
        }
        pos = (int) (long) offset;
        long number = key.number();
        if (toLong(number()) != number || toLong(number()) != key.generation() || !keyword("obj")) {
            throw new Undecided("object " + number + " is not where the table says");
        }
        Object o = value(0);
        if (o instanceof Ref) {
            throw new Undecided("reference as an object");
        }
        if (o instanceof Dict d) {
            skipSpace();
            if (startsWith(pos, "stream")) {
                int data = pos + 6;
                if (data < n && b.get(data) == '\r') {
                    data++;
                }
                if (data >= n || b.get(data) != '\n') {
                    throw new Undecided("stream keyword without end of line");
                }
                d.streamData = data + 1;
            } else if (!startsWith(pos, "endobj")) {
                throw new Undecided("object " + number + " does not end");
            }
        } else if (!keyword("endobj")) {
            throw new Undecided("object " + number + " does not end");
        }
        objects.put(key, o);
        return o;
    }

    /** A reference resolved to its object (references to references too, within bounds); other values as they are. */
    Object resolve(Object v) throws Undecided {
        for (int i = 0; v instanceof Ref r && i < MAX_DEPTH; i++) {
            v = object(r);
        }
        if (v instanceof Ref) {
            throw new Undecided("reference chain");
        }
        return v == NULL ? null : v;
    }

    private Dict dict(Object v, String what) throws Undecided {
        if (resolve(v) instanceof Dict d) {
            return d;
        }
        throw new Undecided(what + " is not a dictionary");
    }

    /** The decoded name a value resolves to, or null. */
    String name(Object v) throws Undecided {
        return resolve(v) instanceof Name nm ? nm.value() : null;
    }

    private Object value(int depth) throws Undecided {
        if (depth > MAX_DEPTH) {
            throw new Undecided("nested too deeply");
        }
        skipSpace();
        byte c = b.get(pos);
        if (c == '/') {
            pos++;
            return new Name(nameToken());
        }
        if (c == '<' && b.get(pos + 1) == '<') {
            pos += 2;
            Dict d = new Dict();
            while (true) {
                skipSpace();
                if (b.get(pos) == '>' && b.get(pos + 1) == '>') {
                    pos += 2;
                    return d;
                }
                if (b.get(pos) != '/') {
                    throw new Undecided("dictionary key is not a name");
                }
                pos++;
                String key = nameToken();
                skipSpace();
                if (b.get(pos) == '>') {
                    throw new Undecided("dictionary key without a value");
                }
                d.entries.put(key, value(depth + 1));
            }
        }
        if (c == '<') {
            for (pos++; b.get(pos) != '>'; pos++) {
                if (!isHex(b.get(pos)) && !isSpace(b.get(pos))) {
                    throw new Undecided("hex string");
                }
            }
            pos++;
            return STRING;
        }
        if (c == '(') {
            literalString();
            return STRING;
        }
        if (c == '[') {
            pos++;
            List<Object> a = new ArrayList<>();
            while (true) {
                skipSpace();
                if (b.get(pos) == ']') {
                    pos++;
                    return a;
                }
                a.add(value(depth + 1));
            }
        }
        if (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.') {
            Num first = number();
            int after = pos;
            if (first.integer() && first.longValue() >= 0) {
                skipSpace();
                if (pos < n && isDigit(b.get(pos))) {
                    Num second = number();
                    if (second.integer() && keyword("R")) {
                        return new Ref(first.longValue(), toInt(second));
                    }
                }
            }
            pos = after;
            return first;
        }
        if (keyword("true") || keyword("false")) {
            return BOOLEAN;
        }
        if (keyword("null")) {
            return NULL;
        }
        throw new Undecided("unexpected byte " + (c & 0xFF) + " at " + pos);
    }

    private void literalString() throws Undecided {
        int depth = 0;
        for (pos++; ; pos++) {
            byte c = b.get(pos);
            if (c == '\\') {
                pos++;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                if (depth-- == 0) {
                    pos++;
                    return;
                }
            }
        }
    }

    /** A name's characters after the slash, {@code #xx} decoded; an ill-formed escape is left to PDFBox. */
    private String nameToken() throws Undecided {
        StringBuilder sb = new StringBuilder();
        while (pos < n) {
            byte c = b.get(pos);
            if (isSpace(c) || isDelimiter(c)) {
                break;
            }
            if (c == '#') {
                if (pos + 2 >= n || !isHex(b.get(pos + 1)) || !isHex(b.get(pos + 2))) {
                    throw new Undecided("name escape");
                }
                c = (byte) Integer.parseInt(new String(new byte[] {b.get(pos + 1), b.get(pos + 2)}, StandardCharsets.US_ASCII), 16);
                if (c == 0) {
                    throw new Undecided("NUL in a name");
                }
                pos += 2;
            } else if ((c & 0x80) != 0) {
                throw new Undecided("non-ASCII name");
            }
            sb.append((char) (c & 0xFF));
            pos++;
        }
        return sb.toString();
    }

    /** A number in plain notation; anything PDFBox might read otherwise (exponents, two signs, long digits) is undecided. */
    private Num number() throws Undecided {
        skipSpace();
        int start = pos;
        if (pos < n && (b.get(pos) == '+' || b.get(pos) == '-')) {
            pos++;
        }
        int digits = 0;
        boolean dot = false;
        while (pos < n && (isDigit(b.get(pos)) || b.get(pos) == '.' && !dot)) {
            dot |= b.get(pos) == '.';
            digits += b.get(pos) == '.' ? 0 : 1;
            pos++;
        }
        if (digits == 0 || digits > 15 || pos < n && !isSpace(b.get(pos)) && !isDelimiter(b.get(pos))) {
            throw new Undecided("number at " + start);
        }
        String text = new String(bytes(start, pos), StandardCharsets.US_ASCII);
        if (dot) {
            return new Num(Float.parseFloat(text), false, 0);
        }
        long v = Long.parseLong(text.startsWith("+") ? text.substring(1) : text);
        if (Math.abs(v) > Integer.MAX_VALUE) {
            throw new Undecided("number out of range");
        }
        return new Num(v, true, v);
    }

    private static long toLong(Object v) throws Undecided {
        if (v instanceof Num num && num.integer()) {
            return num.longValue();
        }
        throw new Undecided("integer expected");
    }

    private static int toInt(Object v) throws Undecided {
        return (int) toLong(v);
    }

    /** The keyword at the position, followed by a delimiter or white space; consumed when it is there. */
    private boolean keyword(String k) {
        skipSpace();
        int end = pos + k.length();
        if (startsWith(pos, k) && (end >= n || isSpace(b.get(end)) || isDelimiter(b.get(end)))) {
            pos = end;
            return true;
        }
        return false;
    }

    private void skipSpace() {
        while (pos < n) {
            byte c = b.get(pos);
            if (c == '%') {
                while (pos < n && b.get(pos) != '\n' && b.get(pos) != '\r') {
                    pos++;
                }
            } else if (isSpace(c)) {
                pos++;
            } else {
                return;
            }
        }
    }

    private boolean startsWith(int at, String s) {
        if (at < 0 || at + s.length() > n) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (b.get(at + i) != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private byte[] bytes(int from, int to) {
        byte[] out = new byte[to - from];
        b.get(from, out);
        return out;
    }

    private static boolean isSpace(byte c) {
        return c == 0 || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' ';
    }

    private static boolean isDelimiter(byte c) {
        return c == '(' || c == ')' || c == '<' || c == '>' || c == '[' || c == ']' || c == '{' || c == '}' || c == '/' || c == '%';
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHex(byte c) {
        return isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    // ---------------------------------------------------------------- pages and metadata

    /**
     * The page tree walked as PDFBox's iterator walks it, each page's size and orientation from its
     * inherited {@code /MediaBox} and {@code /Rotate}; anything irregular (a kid that is no
     * dictionary, a node met twice, a leaf that is no {@code /Page}) is left to PDFBox.
     */
    private void pages(Dict root, Result r) throws Undecided {
        Set<Dict> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        List<Dict> pages = new ArrayList<>();
        walk(root, 0, seen, pages);
        for (Dict page : pages) {
            float[] box = mediaBox(page);
            boolean turned = rotation(page) % 180 != 0;
            float w = box[2] - box[0];
            float h = box[3] - box[1];
            r.pageSizes.merge(PdfInspector.describe(turned ? h : w, turned ? w : h), 1, Integer::sum);
        }
    }

    private void walk(Dict node, int depth, Set<Dict> seen, List<Dict> pages) throws Undecided {
        if (depth > MAX_DEPTH || !seen.add(node) || pages.size() > MAX_PAGES) {
            throw new Undecided("page tree");
        }
        boolean tree = "Pages".equals(name(node.entries.get("Type"))) || node.entries.containsKey("Kids");
        if (!tree) {
            if (!"Page".equals(name(node.entries.get("Type")))) {
                throw new Undecided("page without /Type /Page");
            }
            pages.add(node);
            return;
        }
        if (!(resolve(node.entries.get("Kids")) instanceof List<?> kids)) {
            throw new Undecided("page tree node without /Kids");
        }
        for (Object kid : kids) {
            walk(dict(kid, "kid"), depth + 1, seen, pages);
        }
    }

    /** An attribute from the page or, as PDFBox inherits it, from {@code /Pages} parents. */
    private Object inherited(Dict page, String key) throws Undecided {
        Dict node = page;
        for (int i = 0; i < MAX_DEPTH; i++) {
            Object v = resolve(node.entries.get(key));
            if (v != null) {
                return v;
            }
            Object parentRef = node.entries.containsKey("Parent") ? node.entries.get("Parent") : node.entries.get("P");
            if (!(resolve(parentRef) instanceof Dict parent) || !"Pages".equals(name(parent.entries.get("Type")))) {
                return null;
            }
            node = parent;
        }
        throw new Undecided("parent chain");
    }

    /** {lower x, lower y, upper x, upper y}; Letter when there is none, as PDFBox has it. */
    private float[] mediaBox(Dict page) throws Undecided {
        Object v = inherited(page, "MediaBox");
        if (!(v instanceof List<?> a)) {
            if (v != null) {
                throw new Undecided("MediaBox is no array");
            }
            return new float[] {0, 0, 612, 792};
        }
        if (a.size() != 4) {
            throw new Undecided("MediaBox of " + a.size() + " numbers");
        }
        float[] x = new float[4];
        for (int i = 0; i < 4; i++) {
            if (!(a.get(i) instanceof Num num)) {
                throw new Undecided("MediaBox entry");
            }
            x[i] = num.value();
        }
        return new float[] {Math.min(x[0], x[2]), Math.min(x[1], x[3]), Math.max(x[0], x[2]), Math.max(x[1], x[3])};
    }

    private int rotation(Dict page) throws Undecided {
        Object v = inherited(page, "Rotate");
        if (v == null) {
            return 0;
        }
        if (!(v instanceof Num num) || !num.integer()) {
            throw new Undecided("Rotate");
        }
        int angle = (int) num.longValue();
        return angle % 90 == 0 ? (angle % 360 + 360) % 360 : 0;
    }

    /** The metadata stream's first MiB, decoded: unfiltered or Flate only. */
    private String xmp(Dict meta) throws Undecided {
        Object lengthValue = resolve(meta.entries.get("Length"));
        if (!(lengthValue instanceof Num len) || !len.integer() || len.longValue() < 0 || meta.streamData + len.longValue() > n) {
            throw new Undecided("metadata /Length");
        }
        int end = (int) (meta.streamData + len.longValue());
        pos = end;
        if (!keyword("endstream")) {
            throw new Undecided("metadata stream does not end where /Length says");
        }
        if (meta.entries.containsKey("DecodeParms") || meta.entries.containsKey("DP")) {
            throw new Undecided("metadata decode parameters");
        }
        Object filter = resolve(meta.entries.containsKey("Filter") ? meta.entries.get("Filter") : meta.entries.get("F"));
        if (filter instanceof List<?> list && list.size() == 1) {
            filter = resolve(list.get(0));
        } else if (filter instanceof List<?> list && list.isEmpty()) {
            filter = null;
        }
        byte[] raw = bytes(meta.streamData, end);
        if (filter == null) {
            return new String(raw, 0, Math.min(raw.length, MAX_XMP), StandardCharsets.UTF_8);
        }
        if (!(filter instanceof Name f) || !f.value().equals("FlateDecode")) {
            throw new Undecided("metadata filter");
        }
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(raw);
            byte[] out = new byte[MAX_XMP];
            int total = 0;
            while (total < out.length && !inflater.finished()) {
                int r = inflater.inflate(out, total, out.length - total);
                if (r == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new Undecided("metadata stream truncated");
                }
                total += r;
            }
            return new String(out, 0, total, StandardCharsets.UTF_8);
        } catch (DataFormatException e) {
            throw new Undecided("metadata stream corrupt");
        } finally {
            inflater.end();
        }
    }
}
