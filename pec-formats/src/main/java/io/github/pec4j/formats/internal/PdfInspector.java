package io.github.pec4j.formats.internal;

import io.github.pec4j.formats.Finding;
import io.github.pec4j.formats.FormatCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;

/**
 * PDF admission checks in two passes. A byte scan finds the names of active content, embedded files,
 * encryption and the PDF/A claim where they are written in clear. Then the structure is read: by
 * {@link PdfScan} when the file is plain enough for it to read exactly (building PDFBox's model costs
 * many times the parse of a message), otherwise by PDFBox (file-backed, scratch in temporary files):
 * every object, including those packed in compressed
 * object streams where a byte scan is blind; whether the file opens without a password (user
 * password: unreadable) or only its permissions are restricted (owner password: flagged); the XMP
 * PDF/A claim; page sizes and orientations.
 */
final class PdfInspector {
    private static final Set<String> ACTIVE_ACTIONS = Set.of("JavaScript", "Launch", "SubmitForm", "ImportData", "GoToE", "RichMediaExecute");
    /** Levels of dictionaries and arrays written inside one object that the checks look into. */
    private static final int MAX_NESTING = 64;

    private PdfInspector() {}

    /** Largest decoded object stream PDFBox is allowed to see; the policy's largest file lowers it further. */
    private static final long MAX_STREAM_BYTES = 64L * 1024 * 1024;

    /**
     * The checks, with the bounded structure scan ({@link PdfScan}) tried first when {@code scanFirst};
     * without it PDFBox always reads the structure (the reference the scan is tested against).
     */
    static void inspect(Source file, String path, long maxStreamBytes, long maxExpandedBytes, List<Finding> findings, boolean scanFirst)
            throws IOException {
        Structure s = new Structure();
        s.scanFirst = scanFirst;
        // the byte pass reads in windows, so its heap is constant whatever the file's size
        s.take(PdfBytePass.scan(file));
        // only streams whose dictionary names /ObjStm or /XRef are inflated there: with neither in the file it has nothing to count,
        // and it starts where they are first written (no stream before can be counted)
        String bomb = s.structureBytes
                ? PdfStreams.tooExpansive(file, s.firstStructureByte, Math.min(MAX_STREAM_BYTES, maxStreamBytes), maxExpandedBytes) : null;
        if (bomb != null) {
            findings.add(Finding.of(FormatCode.ARCHIVE_BOMB, path, "PDF: " + bomb)); // PDFBox is not let near it
        } else if (!scanStructure(file, s)) {
            readStructure(file, s);
        }
        if (!s.active.isEmpty()) {
            findings.add(Finding.of(FormatCode.PDF_ACTIVE_CONTENT, path, String.join(" ", s.active)));
        }
        if (s.embedded) {
            findings.add(Finding.of(FormatCode.PDF_EMBEDDED_FILE, path, "/EmbeddedFiles"));
        }
        if (s.userPassword) {
            findings.add(Finding.of(FormatCode.ENCRYPTED, path, "PDF opens only with a password"));
        } else if (s.ownerPasswordOnly) {
            findings.add(Finding.of(FormatCode.PDF_OWNER_PASSWORD, path, "permissions restricted by an owner password"));
        } else if (s.encryptName) {
            findings.add(Finding.of(FormatCode.ENCRYPTED, path,
                    s.opened ? "/Encrypt with a broken encryption dictionary" : "/Encrypt (structure unreadable)"));
        }
        if (s.pdfa != null) {
            findings.add(Finding.of(FormatCode.PDF_A_CLAIMED, path, s.pdfa));
        }
        if (s.pageSizes.size() > 1) {
            List<String> sizes = new ArrayList<>();
            s.pageSizes.forEach((size, count) -> sizes.add(size + " ×" + count));
            findings.add(Finding.of(FormatCode.PDF_PAGES_MIXED, path, String.join(", ", sizes)));
        }
        if (!s.opened && !s.encryptName && bomb == null) {
            findings.add(Finding.of(FormatCode.NOT_INSPECTED, path, "PDF structure unreadable (" + s.error + "); byte scan only"));
        }
    }

    private static final byte[] EOF_MARKER = "%%EOF".getBytes(StandardCharsets.US_ASCII);

    /**
     * Where data starts after the last {@code %%EOF}, or -1 when only PDF whitespace (NUL, TAB, LF,
     * FF, CR, space) follows it or there is no {@code %%EOF}. Read backwards in windows, so a
     * large file costs one window of heap.
     */
    static long trailingDataOffset(Source file) throws IOException {
        try (SeekableByteChannel ch = file.open()) {
            long eof = lastEofMarker(ch);
            if (eof < 0) {
                return -1;
            }
            long pos = eof + EOF_MARKER.length;
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate((int) Math.max(1, Math.min(WINDOW, ch.size() - pos)));
            while (pos < ch.size()) {
                buf.clear();
                int n = ch.position(pos).read(buf);
                if (n <= 0) {
                    break; // the content ended early: nothing more to find
                }
                for (int i = 0; i < n; i++) {
                    byte b = buf.get(i);
                    if (b != 0 && b != '\t' && b != '\n' && b != '\f' && b != '\r' && b != ' ') {
                        return pos + i;
                    }
                }
                pos += n;
            }
            return -1;
        }
    }

    /** True when the end-of-central-directory signature of a ZIP is in the last 64 KiB + 22 bytes, where ZIP readers look. */
    static boolean hasZipDirectoryAtEnd(Source file) throws IOException {
        try (SeekableByteChannel ch = file.open()) {
            long from = Math.max(0, ch.size() - 65_535 - 22);
            byte[] tail = new byte[(int) (ch.size() - from)];
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(tail);
            ch.position(from);
            while (buf.hasRemaining() && ch.read(buf) > 0) {
                // read the window whole
            }
            return lastZipDirectory(tail, buf.position()) >= 0;
        }
    }

    /** The offset of the last "PK\5\6" in the first {@code length} bytes, or -1 (a plain array scan: this runs for every PDF). */
    static int lastZipDirectory(byte[] b, int length) {
        for (int i = length - 4; i >= 0; i--) {
            if (b[i] == 'P' && b[i + 1] == 'K' && b[i + 2] == 5 && b[i + 3] == 6) {
                return i;
            }
        }
        return -1;
    }

    /** The offset of the last {@code %%EOF}, or -1. */
    private static long lastEofMarker(SeekableByteChannel ch) throws IOException {
        long end = ch.size();
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate((int) Math.min(WINDOW, end) + EOF_MARKER.length);
        while (end > 0) {
            long start = Math.max(0, end - WINDOW);
            // the window reaches a few bytes past end, so a marker cut by the edge is seen whole
            int len = (int) (Math.min(end + EOF_MARKER.length - 1, ch.size()) - start);
            buf.clear().limit(len);
            int n = 0;
            while (n < len) {
                int r = ch.position(start + n).read(buf);
                if (r <= 0) {
                    break;
                }
                n += r;
            }
            for (int i = n - EOF_MARKER.length; i >= 0; i--) {
                if (matches(buf, i)) {
                    return start + i;
                }
            }
            end = start;
        }
        return -1;
    }

    private static boolean matches(java.nio.ByteBuffer buf, int at) {
        for (int j = 0; j < EOF_MARKER.length; j++) {
            if (buf.get(at + j) != EOF_MARKER[j]) {
                return false;
            }
        }
        return true;
    }

    private static final int WINDOW = PdfBytePass.WINDOW;

    /** What the byte pass and PDFBox saw, together. */
    private static final class Structure {
        boolean scanFirst;
        /** {@code /ObjStm} or {@code /XRef} written in clear as names: compressed objects, which only PDFBox reads. */
        boolean structureStreams;
        /** The bytes {@code /ObjStm} or {@code /XRef} anywhere, even inside a longer name: what {@link PdfStreams} looks for. */
        boolean structureBytes;
        /** Where those bytes are first written. */
        long firstStructureByte;
        boolean encryptName;
        boolean opened;
        boolean userPassword;
        boolean ownerPasswordOnly;
        boolean embedded;
        String pdfa;
        String error;
        final Set<String> active = new TreeSet<>();
        final Map<String, Integer> pageSizes = new LinkedHashMap<>();

        /** What the byte pass found. */
        void take(PdfBytePass p) {
            active.addAll(p.active);
            embedded = p.embedded;
            encryptName = p.encryptName;
            structureStreams = p.structureStreams;
            structureBytes = p.structureBytes;
            firstStructureByte = p.firstStructureByte;
            pdfa = p.pdfa;
        }
    }

    /**
     * Adds what the bounded scan sees to {@code s} and returns true, or returns false (and leaves
     * {@code s} as it was) when the scan cannot decide: encryption (PDFBox tells a user password from an
     * owner password), object or cross-reference streams, or anything {@link PdfScan} does not read
     * exactly.
     */
    private static boolean scanStructure(Source file, Structure s) throws IOException {
        if (!s.scanFirst || s.encryptName || s.structureStreams) {
            return false;
        }
        PdfScan.Result r;
        try {
            r = PdfScan.read(file, PdfInspector::check, s.pdfa == null);
        } catch (PdfScan.Undecided undecided) {
            return false;
        }
        s.opened = true;
        s.active.addAll(r.active);
        s.embedded |= r.embedded;
        r.pageSizes.forEach((size, count) -> s.pageSizes.merge(size, count, Integer::sum));
        if (s.pdfa == null && r.xmp != null) {
            s.pdfa = pdfaClaim(r.xmp);
        }
        return true;
    }

    /** What {@link #scan(COSBase, Structure, int)} does to PDFBox's objects, on the scan's. */
    static void check(Object value, PdfScan scan, PdfScan.Result r) throws PdfScan.Undecided {
        check(value, scan, r, 0);
    }

    private static void check(Object value, PdfScan scan, PdfScan.Result r, int depth) throws PdfScan.Undecided {
        if (depth > MAX_NESTING) {
            return;
        }
        if (value instanceof List<?> array) {
            for (Object v : array) {
                check(v, scan, r, depth + 1);
            }
            return;
        }
        if (!(value instanceof PdfScan.Dict d)) {
            return;
        }
        String action = scan.name(d.entries.get("S"));
        if (action != null && ACTIVE_ACTIONS.contains(action)) {
            r.active.add("/" + action);
        }
        if (d.entries.containsKey("JS")) {
            r.active.add("/JS");
        }
        if (d.entries.containsKey("XFA")) {
            r.active.add("/XFA");
        }
        String type = scan.name(d.entries.get("Type"));
        if ("ObjStm".equals(type) || "XRef".equals(type)) {
            throw new PdfScan.Undecided("structure stream");
        }
        if ("EmbeddedFile".equals(type) || d.entries.containsKey("EmbeddedFiles") || "FileAttachment".equals(scan.name(d.entries.get("Subtype")))) {
            r.embedded = true;
        }
        for (Object v : d.entries.values()) {
            check(v, scan, r, depth + 1);
        }
    }

    /** Adds what PDFBox sees to {@code s}; never throws for a malformed file. */
    private static void readStructure(Source file, Structure s) {
        PDDocument doc;
        try {
            doc = Loader.loadPDF(file.pdfbox(), "", null, null,
                    IOUtils.createTempFileOnlyStreamCache());
        } catch (InvalidPasswordException e) {
            s.userPassword = true;
            return;
        } catch (IOException | RuntimeException e) {
            s.error = String.valueOf(e.getMessage());
            return;
        }
        try (doc) {
            s.opened = true;
            s.ownerPasswordOnly = doc.isEncrypted(); // it opened with the empty user password
            for (COSObjectKey key : new ArrayList<>(doc.getDocument().getXrefTable().keySet())) {
                try {
                    COSObject o = doc.getDocument().getObjectFromPool(key);
                    scan(o == null ? null : o.getObject(), s, 0);
                } catch (RuntimeException broken) {
                    // one unreadable object does not hide the others
                }
            }
            scan(doc.getDocumentCatalog().getCOSObject(), s, 0);
            COSBase acro = doc.getDocumentCatalog().getCOSObject().getDictionaryObject(COSName.ACRO_FORM);
            if (acro instanceof COSDictionary a && a.containsKey(COSName.getPDFName("XFA"))) {
                s.active.add("/XFA");
            }
            for (PDPage page : doc.getPages()) {
                PDRectangle box = page.getMediaBox();
                boolean turned = page.getRotation() % 180 != 0;
                float w = turned ? box.getHeight() : box.getWidth();
                float h = turned ? box.getWidth() : box.getHeight();
                s.pageSizes.merge(describe(w, h), 1, Integer::sum);
            }
            PDMetadata meta = doc.getDocumentCatalog().getMetadata();
            if (meta != null) {
                try (InputStream in = meta.exportXMPMetadata()) {
                    if (s.pdfa == null) {
                        s.pdfa = pdfaClaim(new String(in.readNBytes(1 << 20), StandardCharsets.UTF_8));
                    }
                }
            }
        } catch (RuntimeException | IOException e) {
            s.error = String.valueOf(e.getMessage()); // what was found so far stands
        }
    }

    /**
     * One object: an action ({@code /S}), {@code /JS}, {@code /XFA}, an embedded file; and, the same
     * way, every dictionary or array written inside it (an inline {@code /OpenAction} or {@code /AA}
     * action is no object of its own), down to {@value #MAX_NESTING} levels. References are not
     * followed: their objects are scanned in their own turn.
     */
    private static void scan(COSBase b, Structure s, int depth) {
        if (depth > MAX_NESTING) {
            return;
        }
        if (b instanceof COSArray array) {
            for (int i = 0; i < array.size(); i++) {
                scan(array.get(i), s, depth + 1);
            }
            return;
        }
        if (!(b instanceof COSDictionary d)) {
            return;
        }
        COSName action = d.getCOSName(COSName.S);
        if (action != null && ACTIVE_ACTIONS.contains(action.getName())) {
            s.active.add("/" + action.getName());
        }
        if (d.containsKey(COSName.JS)) {
            s.active.add("/JS");
        }
        if (d.containsKey(COSName.getPDFName("XFA"))) {
            s.active.add("/XFA");
        }
        COSName type = d.getCOSName(COSName.TYPE);
        COSName subtype = d.getCOSName(COSName.SUBTYPE);
        if (COSName.EMBEDDED_FILE.equals(type) || d.containsKey(COSName.EMBEDDED_FILES) || COSName.getPDFName("FileAttachment").equals(subtype)) {
            s.embedded = true;
        }
        for (COSBase v : d.getValues()) {
            scan(v, s, depth + 1);
        }
    }

    /** Page size in millimetres with its orientation, A-series names where they fit. */
    static String describe(float widthPt, float heightPt) {
        long w = Math.round(widthPt * 25.4 / 72);
        long h = Math.round(heightPt * 25.4 / 72);
        String orientation = w > h ? "landscape" : "portrait";
        long small = Math.min(w, h);
        long large = Math.max(w, h);
        String name = Math.abs(small - 210) <= 2 && Math.abs(large - 297) <= 2 ? "A4"
                : Math.abs(small - 297) <= 2 && Math.abs(large - 420) <= 2 ? "A3"
                : Math.abs(small - 148) <= 2 && Math.abs(large - 210) <= 2 ? "A5"
                : Math.abs(small - 216) <= 2 && Math.abs(large - 279) <= 2 ? "Letter"
                : small + "×" + large + " mm";
        return name + " " + orientation;
    }

    private static String pdfaClaim(String text) {
        return PdfBytePass.pdfaClaim(text);
    }
}
