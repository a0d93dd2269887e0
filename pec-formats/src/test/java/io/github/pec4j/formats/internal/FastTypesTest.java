package io.github.pec4j.formats.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pec4j.formats.FileReport;
import io.github.pec4j.formats.Finding;
import io.github.pec4j.formats.FormatPolicy;
import io.github.pec4j.testkit.Attachments;
import io.github.pec4j.testkit.FixtureKind;
import io.github.pec4j.testkit.HostileFiles;
import io.github.pec4j.testkit.PecFixtures;
import io.github.pec4j.testkit.SignedDocuments;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MimeTypes;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * FMT-DETECT-01: the type shortcut gives Tika's answer whenever it answers. The rivals it evaluates are
 * checked against an independent reading of {@code tika-mimetypes.xml} and against Tika's own loaded
 * magics (so a Tika upgrade that adds a rival fails here, not in production), and its answers are
 * compared with Tika's on the shared corpus, the testkit's fixtures, crafted rivals and seeded random
 * heads built from the rivals' own patterns.
 */
class FastTypesTest {
    private static final FormatPolicy POLICY = FormatPolicy.caluso();
    private static final DefaultFormatChecker FAST = new DefaultFormatChecker(POLICY, true, true);
    private static final DefaultFormatChecker TIKA = new DefaultFormatChecker(POLICY, true, false);
    private static final String AI = "%AI5_FileFormat ";

    @TempDir
    Path dir;

    @Test
    @Tag("FMT-DETECT-01")
    @DisplayName("FMT-DETECT-01 every magic of tika-mimetypes.xml that could match a shortcut signature is a rival the shortcut evaluates")
    void everyPossibleRivalIsEvaluated() throws Exception {
        assertThat(FastTypes.disabled()).isNull();
        assertThat(FastTypes.groups()).isNotEmpty().allSatisfy(g -> assertThat(g.unsupported()).as(g.name()).isEmpty());
        List<Element[]> magics = xmlMagics(); // {mime-type, magic, top-level match}
        for (FastTypes.Group g : FastTypes.groups()) {
            List<String> evaluated = new ArrayList<>(g.rivals().stream().map(m -> m.priority() + " " + m.source()).toList());
            List<String> missing = new ArrayList<>();
            for (Element[] m : magics) {
                int priority = priority(m[1]);
                if (priority >= g.floor() && couldMatch(m[2], g.prefix())) {
                    String key = priority + " " + TikaMagics.describe(m[2]);
                    if (!evaluated.remove(key)) {
                        missing.add(m[0].getAttribute("type") + " " + key);
                    }
                }
            }
            assertThat(missing).as("rivals of " + g.name() + " not evaluated").isEmpty();
        }
    }

    @Test
    @Tag("FMT-DETECT-01")
    @DisplayName("FMT-DETECT-01 the magics read for the shortcut are the ones Tika loaded: same types, priorities and pattern sizes")
    void sameMagicsAsTika() throws Exception {
        Field f = MimeTypes.class.getDeclaredField("magics");
        f.setAccessible(true);
        List<String> tika = new ArrayList<>();
        for (Object magic : (List<?>) f.get(MimeTypes.getDefaultMimeTypes())) {
            tika.add(call(magic, "getType") + " " + call(magic, "getPriority") + " " + call(magic, "size"));
        }
        List<String> ours = FastTypes.read().stream().map(m -> m.type() + " " + m.priority() + " " + m.size()).toList();
        assertThat(ours).containsExactlyInAnyOrderElementsOf(tika);
    }

    @Test
    @Tag("FMT-DETECT-01")
    @DisplayName("FMT-DETECT-01 the shortcut answers for the usual PEC attachments, and Tika agrees")
    void usualTypesAreShortcut() throws IOException {
        SignedDocuments signed = SignedDocuments.create();
        Map<String, byte[]> usual = new LinkedHashMap<>();
        usual.put("application/pdf", Attachments.pdf());
        usual.put("application/zip", Attachments.zip(new String[] {"a.txt", "a"}));
        usual.put("application/x-tika-ooxml", HostileFiles.docxWithVbaAsImage());
        usual.put("application/vnd.oasis.opendocument.text", storedZip("mimetype", "application/vnd.oasis.opendocument.text", "content.xml", "<x/>"));
        usual.put("application/pkcs7-signature", signed.cades(Attachments.pdf()));
        usual.put("application/x-tika-msoffice", Attachments.encryptedOoxml());
        for (Map.Entry<String, byte[]> e : usual.entrySet()) {
            assertThat(FastTypes.detect(e.getValue())).as(e.getKey()).contains(e.getKey());
            assertThat(tika(e.getValue())).as(e.getKey()).isEqualTo(e.getKey());
        }
        assertThat(FastTypes.detect("<?xml version=\"1.0\"?><a/>".getBytes(StandardCharsets.US_ASCII))).isEmpty();
    }

    @Test
    @Tag("FMT-DETECT-01")
    @DisplayName("FMT-DETECT-01 one pass over the head gives each wide byte clause the answer it gives alone: patterns planted at, inside, just outside and cut by the end of their ranges")
    void onePassAnswersAsEachClause() {
        Random random = new Random(20261203);
        int matched = 0;
        int tried = 0;
        for (FastTypes.Group g : FastTypes.groups()) {
            List<TikaMagics.Bytes> wide = wideClauses(g);
            assertThat(g.scan().size()).as(g.name()).isEqualTo(wide.size());
            for (int i = 0; i < 300; i++) {
                byte[] head = headWithPlanted(g, wide, random);
                ByteClauseScan.Result scanned = g.scan().run(head);
                for (TikaMagics.Bytes c : wide) {
                    boolean alone = c.eval(head);
                    assertThat(scanned.answer(c)).as(g.name() + " #" + i + " " + c.begin() + ":" + c.end()).isEqualTo(alone);
                    matched += alone ? 1 : 0;
                    tried++;
                }
            }
        }
        assertThat(FastTypes.groups().get(0).scan().size()).as("the PDF signature's wide rivals").isGreaterThan(10);
        assertThat(matched).as("planted patterns found, of " + tried + " answers").isGreaterThan(FastTypes.groups().size() * 300 / 3);
    }

    @Test
    @Tag("FMT-DETECT-01")
    @DisplayName("FMT-DETECT-01 a head shorter than a clause's first window matches nothing in the pass, as alone, even where the zeros past the head would complete the pattern")
    void shortHeadMatchesNothing() {
        TikaMagics.Bytes zeros = new TikaMagics.Bytes(new byte[] {'A', 'B', 0, 0}, null, false, 10, 100);
        ByteClauseScan scan = ByteClauseScan.of(List.of(new TikaMagics.Magic("application/x-test", 50, 4, zeros, "test")));
        assertThat(scan.size()).isEqualTo(1);
        byte[] cut = "0123456789AB".getBytes(StandardCharsets.US_ASCII);
        byte[] whole = "0123456789AB\0\0".getBytes(StandardCharsets.US_ASCII);
        assertThat(zeros.eval(cut)).isFalse();
        assertThat(scan.run(cut).answer(zeros)).isFalse();
        assertThat(zeros.eval(whole)).isTrue();
        assertThat(scan.run(whole).answer(zeros)).isTrue();
    }

    private static List<TikaMagics.Bytes> wideClauses(FastTypes.Group g) {
        java.util.Set<TikaMagics.Bytes> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        List<TikaMagics.Bytes> out = new java.util.ArrayList<>();
        for (TikaMagics.Magic m : g.rivals()) {
            TikaMagics.leaves(m.clause(), c -> {
                if (c instanceof TikaMagics.Bytes b && b.end() - b.begin() >= ByteClauseScan.WIDE && seen.add(b) && !anyFirstByte(b)) {
                    out.add(b);
                }
            });
        }
        return out;
    }

    private static boolean anyFirstByte(TikaMagics.Bytes b) {
        return java.util.stream.IntStream.range(0, 256).allMatch(b::canStartWith);
    }

    private static byte[] headWithPlanted(FastTypes.Group g, List<TikaMagics.Bytes> wide, Random r) {
        int[] lengths = {g.prefix().length, 40, 300, 1200, 4200, 8200, 8230, 9000, 20_000};
        byte[] b = new byte[lengths[r.nextInt(lengths.length)]];
        boolean text = r.nextBoolean();
        for (int i = 0; i < b.length; i++) {
            b[i] = text ? (byte) (r.nextInt(10) == 0 ? '\n' : 32 + r.nextInt(95)) : (byte) r.nextInt(256);
        }
        for (int k = r.nextInt(6); k > 0 && !wide.isEmpty(); k--) {
            TikaMagics.Bytes c = wide.get(r.nextInt(wide.size()));
            byte[] p = c.pattern();
            int[] at = {c.begin(), c.end(), c.end() + 1, Math.max(0, c.begin() - 1), c.begin() + r.nextInt(c.end() - c.begin() + 1), b.length - p.length / 2};
            int o = at[r.nextInt(at.length)];
            if (o >= 0 && o < b.length) {
                System.arraycopy(p, 0, b, o, Math.min(p.length, b.length - o));
            }
        }
        System.arraycopy(g.prefix(), 0, b, 0, Math.min(g.prefix().length, b.length));
        return b;
    }

    @Test
    @Tag("FMT-DETECT-01")
    @DisplayName("FMT-DETECT-01 crafted rivals (Illustrator, DICOM, ICC, PE, ISO, ODF, OOXML, JAR, EPUB, OLE2 streams) get Tika's type")
    void craftedRivals() throws IOException {
        for (Map.Entry<String, byte[]> e : crafted().entrySet()) {
            agree(e.getKey(), e.getValue());
        }
    }

    @Test
    @Tag("FMT-DETECT-01")
    @DisplayName("FMT-DETECT-01 seeded random heads: each signature with rival patterns planted at and around their offsets")
    void seededRandomHeads() throws Exception {
        List<Element[]> magics = xmlMagics();
        Random random = new Random(20261202);
        int answered = 0;
        for (int i = 0; i < 4000; i++) {
            FastTypes.Group g = FastTypes.groups().get(random.nextInt(FastTypes.groups().size()));
            byte[] head = randomHead(g, magics, random);
            answered += agree(g.name() + " #" + i, head) ? 1 : 0;
        }
        assertThat(answered).isGreaterThan(1000); // else the shortcut would save nothing
    }

    @Test
    @Tag("FMT-DETECT-01")
    @DisplayName("FMT-DETECT-01 the testkit's samples, hostile files and signed documents get the same reports with and without the shortcut")
    void testkitFixtures() throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (Attachments.Sample s : Attachments.allowed()) {
            files.put(s.name(), s.content());
        }
        for (Attachments.Sample s : Attachments.violations()) {
            files.put(s.name(), s.content());
        }
        SignedDocuments signed = SignedDocuments.create();
        byte[] pdf = Attachments.pdf();
        files.put("incremental.pdf", HostileFiles.incrementallyUpdatedPdf());
        files.put("appended.pdf", HostileFiles.pdfWithAppended(Attachments.zip(new String[] {"a.txt", "a"})));
        files.put("vba.docx", HostileFiles.docxWithVbaAsImage());
        files.put("plain.odt", HostileFiles.odt("<manifest:manifest/>", Map.of("content.xml", "<x/>")));
        files.put("nosigners.p7m", HostileFiles.cmsWithoutSignerInfos(pdf));
        files.put("nulls.p7m", HostileFiles.cmsWithNulls());
        files.put("nested.p7m", HostileFiles.cmsWithNestedSets(200));
        files.put("broken.zip", HostileFiles.zipWithBrokenCentralDirectory());
        files.put("bomb.zip", Attachments.zipBomb(2));
        files.put("nested.zip", Attachments.nestedZip(4));
        files.put("cades.pdf.p7m", signed.cades(pdf));
        files.put("sha1.pdf.p7m", signed.cadesSha1(pdf));
        files.put("ber.pdf.p7m", signed.cadesBer(pdf));
        files.put("detached.p7s", signed.detached(pdf));
        files.put("cadest.pdf.p7m", signed.cadesT(pdf));
        files.put("doc.pdf.m7m", signed.m7m(pdf));
        files.put("doc.pdf.tsd", signed.tsd(pdf, "doc.pdf", "application/pdf"));
        files.put("pades.pdf", signed.pades());
        files.put("fattura.xml.p7m", signed.cades(signed.xmlSignature("<FatturaElettronica/>")));
        files.put("base64.pdf.p7m", SignedDocuments.base64(signed.cades(pdf)));
        files.put("pem.pdf.p7m", SignedDocuments.pem(signed.cades(pdf)));
        files.put("token.tsr", signed.timestampToken(new byte[32]));
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            agree(e.getKey(), e.getValue());
            Path file = Files.write(dir.resolve("sample.bin"), e.getValue());
            assertThat(describe(FAST.check(file, e.getKey()))).as(e.getKey()).isEqualTo(describe(TIKA.check(file, e.getKey())));
        }
        PecFixtures fixtures = PecFixtures.create();
        for (FixtureKind kind : FixtureKind.values()) {
            Path eml = dir.resolve(kind + ".eml");
            fixtures.message(kind).attachment("doc.pdf.p7m", "application/pkcs7-mime", signed.cades(pdf)).writeTo(eml);
            sameReports(eml);
        }
    }

    @Test
    @Tag("FMT-DETECT-01")
    @DisplayName("FMT-DETECT-01 every message of the shared corpus: each attachment and member gets the same type and report with and without the shortcut")
    void corpus() throws IOException {
        String corpus = System.getProperty("pec4j.corpus.dir", "");
        org.junit.jupiter.api.Assumptions.assumeTrue(!corpus.isEmpty() && Files.isDirectory(Path.of(corpus)), "no shared corpus beside the checkout");
        List<Path> messages;
        try (Stream<Path> files = Files.walk(Path.of(corpus))) {
            messages = files.filter(f -> f.toString().endsWith(".eml")).sorted().toList();
        }
        assertThat(messages).isNotEmpty();
        io.github.pec4j.core.PecParser parser = io.github.pec4j.core.PecParser.create();
        for (Path m : messages) {
            sameReports(m);
            agree(m.getFileName().toString(), Files.readAllBytes(m));
            try (io.github.pec4j.core.PecMessage msg = parser.parse(m)) {
                for (io.github.pec4j.core.Attachment a : msg.attachments()) {
                    try (InputStream in = a.openStream()) {
                        agree(m.getFileName() + "/" + a.name(), in.readAllBytes());
                    }
                }
            }
        }
    }

    private void sameReports(Path eml) throws IOException {
        io.github.pec4j.core.PecParser parser = io.github.pec4j.core.PecParser.create();
        try (io.github.pec4j.core.PecMessage msg = parser.parse(eml)) {
            List<String> fast = new ArrayList<>();
            FAST.check(msg).forEach(r -> fast.addAll(describe(r)));
            List<String> tika = new ArrayList<>();
            TIKA.check(msg).forEach(r -> tika.addAll(describe(r)));
            assertThat(fast).as(eml.getFileName().toString()).isEqualTo(tika);
        }
    }

    /** When the shortcut answers (from the bytes and from the file), Tika gives the same type; true if it answered. */
    private boolean agree(String what, byte[] content) throws IOException {
        Optional<String> fast = FastTypes.detect(content);
        Path file = Files.write(dir.resolve("head.bin"), content);
        assertThat(FastTypes.detect(file)).as(what + " (file)").isEqualTo(fast);
        if (fast.isPresent()) {
            assertThat(fast.get()).as(what).isEqualTo(tika(content));
        }
        return fast.isPresent();
    }

    private static String tika(byte[] content) throws IOException {
        try (TikaInputStream in = TikaInputStream.get(content)) {
            return DefaultFormatChecker.detector().detect(in, new Metadata()).getBaseType().toString();
        }
    }

    // --- crafted inputs ---

    private static Map<String, byte[]> crafted() throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        byte[] pdf = Attachments.pdf();
        for (int at : new int[] {0, 5, 40, 100, 8170, 8173, 8174, 8175, 8190, 8192, 8193, 8200}) {
            for (String marker : new String[] {"\n" + AI + "3\n", "\r" + AI + "1\r", "\n" + AI + "5\n", "\n" + AI + "4", "x" + AI + "2\n"}) {
                out.put("pdf with " + marker.strip() + " at " + at, plant(pdf(9000), at, marker.getBytes(StandardCharsets.ISO_8859_1)));
            }
        }
        out.put("illustrator pdf", ("%PDF-1.5\n%\u00e2\u00e3\n%AI5_FileFormat 3\n" + new String(pdf, StandardCharsets.ISO_8859_1))
                .getBytes(StandardCharsets.ISO_8859_1));
        out.put("illustrator pdf crlf", ("%PDF-1.4\r\n%AI5_FileFormat 4\r\n%%EOF").getBytes(StandardCharsets.ISO_8859_1));
        out.put("pdf DICM at 128", plant(pdf(300), 128, "DICM".getBytes(StandardCharsets.US_ASCII)));
        out.put("pdf acsp at 36", plant(pdf(300), 36, "acsp".getBytes(StandardCharsets.US_ASCII)));
        out.put("pdf PE at 128", plant(pdf(300), 128, new byte[] {'P', 'E', 0, 0, 0x4c, 0x01}));
        out.put("pdf CD001 at 32769", plant(pdf(40_000), 32769, "CD001".getBytes(StandardCharsets.US_ASCII)));
        out.put("pdf BOOKMOBI at 60", plant(pdf(300), 60, "BOOKMOBI".getBytes(StandardCharsets.US_ASCII)));
        out.put("pdf wma", plant(pdf(9000), 4000, "Windows Media Audio".getBytes(StandardCharsets.UTF_16LE)));
        out.put("pdf 4 bytes", "%PDF".getBytes(StandardCharsets.US_ASCII));
        out.put("pdf 5 bytes", "%PDF-".getBytes(StandardCharsets.US_ASCII));
        out.put("pdf 70 KB", pdf(70_000));
        for (String odf : new String[] {"text", "spreadsheet", "presentation", "graphics", "text-template", "formula", "chart", "base"}) {
            out.put("odf " + odf, storedZip("mimetype", "application/vnd.oasis.opendocument." + odf, "content.xml", "<x/>"));
        }
        out.put("epub", storedZip("mimetype", "application/epub+zip", "OEBPS/content.opf", "<x/>"));
        out.put("ooxml content types", storedZip("[Content_Types].xml", "<Types/>", "word/document.xml", "<x/>"));
        out.put("ooxml rels", storedZip("_rels/.rels", "<Relationships/>", "word/document.xml", "<x/>"));
        out.put("jar", storedZip("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n", "A.class", "\u00ca\u00fe"));
        out.put("jar dir", storedZip("META-INF/", "", "A.class", "x"));
        out.put("zip with mimetype garbage", storedZip("mimetype", "application/x-unknown", "a", "b"));
        out.put("zip mimetype deflated", Attachments.zip(new String[] {"mimetype", "application/vnd.oasis.opendocument.text"}));
        out.put("apk", storedZip("AndroidManifest.xml", "x", "classes.dex", "y"));
        out.put("zip ftyp at 4", plant(storedZip("a", "b", "c", "d"), 4, "ftypF4B ".getBytes(StandardCharsets.US_ASCII)));
        for (String stream : new String[] {"WordDocument", "PowerPoint Document", "Workbook", "Book", "WksSSWorkBook", "EncryptedPackage", "Quill", "VisioDocument"}) {
            out.put("ole2 " + stream, ole2(stream));
        }
        out.put("ole2 header only", Arrays.copyOf(ole2("WordDocument"), 8));
        out.put("msg", Attachments.msg("oggetto", Map.of("a.pdf", pdf)));
        byte[] cades = SignedDocuments.create().cades(pdf);
        out.put("cades", cades);
        out.put("cades truncated 12", Arrays.copyOf(cades, 12));
        try {
            out.put("der certificate", io.github.pec4j.testkit.TestPki.shared().signerCertificate().getEncoded());
            out.put("der crl", io.github.pec4j.testkit.TestPki.shared().crl(java.time.Instant.parse("2026-01-01T00:00:00Z")));
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /** A PDF head of {@code size} bytes: header, then printable filler with line breaks. */
    private static byte[] pdf(int size) {
        byte[] b = new byte[size];
        Random r = new Random(size);
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (i % 61 == 60 ? '\n' : 'a' + r.nextInt(26));
        }
        return plant(b, 0, "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] plant(byte[] base, int at, byte[] marker) {
        byte[] b = Arrays.copyOf(base, Math.max(base.length, at + marker.length));
        System.arraycopy(marker, 0, b, at, marker.length);
        return b;
    }

    /** A ZIP whose entries are stored (not deflated), so the first one's name and content sit at offset 30. */
    static byte[] storedZip(String... nameContent) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(b)) {
            for (int i = 0; i < nameContent.length; i += 2) {
                byte[] data = nameContent[i + 1].getBytes(StandardCharsets.ISO_8859_1);
                ZipEntry e = new ZipEntry(nameContent[i]);
                e.setMethod(ZipEntry.STORED);
                e.setSize(data.length);
                CRC32 crc = new CRC32();
                crc.update(data);
                e.setCrc(crc.getValue());
                z.putNextEntry(e);
                z.write(data);
                z.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.toByteArray();
    }

    /** An OLE2 header followed by a directory entry naming {@code stream} in UTF-16LE at 1152, where Tika looks. */
    private static byte[] ole2(String stream) {
        byte[] b = new byte[4608];
        byte[] sig = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};
        System.arraycopy(sig, 0, b, 0, 8);
        return plant(b, 1152 + 128, stream.getBytes(StandardCharsets.UTF_16LE));
    }

    // --- random heads ---

    /** The signature, a random tail, and a few rivals' patterns planted at, just before and just after their offsets. */
    private static byte[] randomHead(FastTypes.Group g, List<Element[]> magics, Random r) {
        int[] lengths = {g.prefix().length, 16, 64, 200, 600, 3000, 8200, 9000, 40_000, 66_000};
        byte[] b = new byte[lengths[r.nextInt(lengths.length)]];
        boolean text = r.nextBoolean();
        for (int i = 0; i < b.length; i++) {
            b[i] = text ? (byte) (r.nextInt(10) == 0 ? '\n' : 32 + r.nextInt(95)) : (byte) r.nextInt(256);
        }
        for (int k = r.nextInt(4); k > 0; k--) {
            Element[] m = magics.get(r.nextInt(magics.size()));
            plantMatch(b, m[2], r);
        }
        if (r.nextInt(8) == 0) {
            String ai = (r.nextBoolean() ? "\n" : "\r") + AI + (char) ('0' + r.nextInt(7)) + (r.nextBoolean() ? "\n" : "\r");
            int at = r.nextBoolean() ? r.nextInt(Math.max(1, Math.min(b.length, 8300))) : 8192 - r.nextInt(3);
            b = at + ai.length() <= b.length ? plant(b, at, ai.getBytes(StandardCharsets.ISO_8859_1)) : b;
        }
        System.arraycopy(g.prefix(), 0, b, 0, g.prefix().length);
        return b;
    }

    /** A match's pattern (and its children's) at the start, the end, or one past the end of its range. */
    private static void plantMatch(byte[] b, Element match, Random r) {
        String kind = match.hasAttribute("type") ? match.getAttribute("type") : "string";
        if (match.hasAttribute("value") && !kind.equals("regex")) {
            byte[] value = TikaMagics.decodeValue(match.getAttribute("value"), kind);
            int[] range = range(match);
            int[] choices = {range[0], range[1], range[1] + 1, Math.max(0, range[0] - 1), range[0] + r.nextInt(range[1] - range[0] + 1)};
            int at = choices[r.nextInt(choices.length)];
            if (at + value.length <= b.length && (r.nextInt(5) > 0 || at + value.length < b.length)) {
                System.arraycopy(value, 0, b, at, value.length);
            } else if (at < b.length) {
                System.arraycopy(value, 0, b, at, b.length - at); // cut by the end of the head
            }
        }
        for (Element c : children(match)) {
            if (r.nextInt(3) > 0) {
                plantMatch(b, c, r);
            }
        }
    }

    // --- an independent reading of tika-mimetypes.xml ---

    private static List<Element[]> xmlMagics() throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        org.w3c.dom.Document doc;
        try (InputStream in = MimeTypes.class.getResourceAsStream("/org/apache/tika/mime/tika-mimetypes.xml")) {
            doc = f.newDocumentBuilder().parse(in);
        }
        List<Element[]> out = new ArrayList<>();
        for (Element type : children(doc.getDocumentElement(), "mime-type")) {
            for (Element magic : children(type, "magic")) {
                for (Element match : children(magic, "match")) {
                    out.add(new Element[] {type, magic, match});
                }
            }
        }
        return out;
    }

    private static int priority(Element magic) {
        return magic.getAttribute("priority").isEmpty() ? 50 : Integer.parseInt(magic.getAttribute("priority"));
    }

    /**
     * Whether a head beginning with {@code prefix} could satisfy the match, read as conservatively as
     * possible: any regex could, a range could match at any of its offsets, and bytes past the
     * prefix are unknown.
     */
    private static boolean couldMatch(Element match, byte[] prefix) {
        List<Element> kids = children(match);
        if (match.hasAttribute("minShouldMatch")) {
            return kids.stream().filter(k -> couldMatch(k, prefix)).count() >= Integer.parseInt(match.getAttribute("minShouldMatch"));
        }
        return leafCouldMatch(match, prefix) && (kids.isEmpty() || kids.stream().anyMatch(k -> couldMatch(k, prefix)));
    }

    private static boolean leafCouldMatch(Element match, byte[] prefix) {
        String kind = match.hasAttribute("type") ? match.getAttribute("type") : "string";
        int[] range = range(match);
        if (kind.equals("regex")) {
            return regexCouldMatch(match.getAttribute("value"), range, prefix);
        }
        byte[] value = TikaMagics.decodeValue(match.getAttribute("value"), kind);
        byte[] mask = match.hasAttribute("mask") ? TikaMagics.decodeValue(match.getAttribute("mask"), kind) : null;
        for (int o = range[0]; o <= range[1]; o++) {
            boolean ok = true;
            for (int j = 0; ok && j < value.length && o + j < prefix.length; j++) {
                int m = mask != null && j < mask.length ? mask[j] & 0xff : 0xff;
                int got = prefix[o + j] & m;
                ok = kind.equals("stringignorecase") ? Character.toLowerCase(got) == (value[j] & m) : got == (value[j] & m);
            }
            if (ok) {
                return true;
            }
        }
        return false;
    }

    /**
     * Any regex could match, unless it starts with a plain literal or a plain class ({@code [0-9]},
     * {@code [acdn]}) that is not optional and that the prefix contradicts at every offset.
     */
    private static boolean regexCouldMatch(String regex, int[] range, byte[] prefix) {
        boolean[] first = firstCharacter(regex);
        for (int o = range[0]; o <= range[1]; o++) {
            if (first == null || o >= prefix.length || first[prefix[o] & 0xff]) {
                return true;
            }
        }
        return false;
    }

    private static boolean[] firstCharacter(String regex) {
        boolean[] set = new boolean[256];
        int next;
        if (regex.startsWith("[") && regex.indexOf(']') > 1) {
            String body = regex.substring(1, regex.indexOf(']'));
            if (!body.matches("[A-Za-z0-9 \\-]*") || body.startsWith("-") || body.endsWith("-")) {
                return null;
            }
            for (int i = 0; i < body.length(); i++) {
                if (i + 2 < body.length() && body.charAt(i + 1) == '-') {
                    for (char c = body.charAt(i); c <= body.charAt(i + 2); c++) {
                        set[c] = true;
                    }
                    i += 2;
                } else {
                    set[body.charAt(i)] = true;
                }
            }
            next = regex.indexOf(']') + 1;
        } else if (!regex.isEmpty() && regex.charAt(0) < 0x80 && Character.isLetterOrDigit(regex.charAt(0))) {
            set[regex.charAt(0)] = true;
            next = 1;
        } else {
            return null;
        }
        String rest = regex.substring(next);
        return rest.startsWith("?") || rest.startsWith("*") || rest.startsWith("{0") ? null : set;
    }

    private static int[] range(Element match) {
        String offset = match.getAttribute("offset");
        if (offset.isEmpty()) {
            return new int[] {0, 0};
        }
        String[] p = offset.split(":");
        return new int[] {Integer.parseInt(p[0]), Integer.parseInt(p[p.length - 1])};
    }

    private static List<Element> children(Element parent) {
        return children(parent, "match");
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

    private static Object call(Object target, String method) throws Exception {
        Method m = target.getClass().getDeclaredMethod(method);
        m.setAccessible(true);
        return m.invoke(target);
    }

    /** Every finding of the report and its members, with the detected type, in order. */
    private static List<String> describe(FileReport r) {
        List<String> out = new ArrayList<>();
        out.add(r.path() + " " + r.detectedType() + " " + r.verdict());
        for (Finding f : r.findings()) {
            out.add(f.code() + " " + f.severity() + " " + f.path() + " " + f.english());
        }
        for (FileReport m : r.members()) {
            out.addAll(describe(m));
        }
        return out;
    }

    @Test
    @Tag("FMT-DETECT-01")
    @DisplayName("FMT-DETECT-01 a magic file that cannot be read whole is refused, never half-read: the shortcut stays off and Tika decides")
    void unreadableMagicsRefused() {
        java.util.function.UnaryOperator<String> same = t -> t;
        assertThatThrownBy(() -> TikaMagics.read(bytes("<mime-info><mime-type type='application/pdf'><magic>"), same))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> TikaMagics.read(bytes("<!DOCTYPE x [<!ENTITY e 'x'>]><mime-info/>"), same))
                .as("no DTD, no entities").isInstanceOf(IOException.class);
        assertThatThrownBy(() -> TikaMagics.read(bytes("<mime-info><mime-type type='a/b'><magic priority='high'>"
                + "<match type='string' offset='0' value='x'/></magic></mime-type></mime-info>"), same))
                .as("a malformed priority is an exception the start-up turns into 'off'").isInstanceOf(RuntimeException.class);
    }

    private static InputStream bytes(String xml) {
        return new java.io.ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8));
    }
}
