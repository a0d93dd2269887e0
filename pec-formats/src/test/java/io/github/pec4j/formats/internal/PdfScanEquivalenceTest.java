package io.github.pec4j.formats.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pec4j.formats.FileReport;
import io.github.pec4j.formats.Finding;
import io.github.pec4j.formats.FormatCode;
import io.github.pec4j.formats.FormatPolicy;
import io.github.pec4j.testkit.HostileFiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.DeflaterOutputStream;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdfwriter.compress.CompressParameters;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionJavaScript;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bounded PDF scan against PDFBox's full model: on a generated set of plain and hostile PDFs the
 * checker with the scan first and the checker that always builds the model give the same report,
 * finding for finding; and the scan decides the plain files itself (else it would save nothing) while
 * leaving to PDFBox what it cannot read exactly.
 */
class PdfScanEquivalenceTest {
    private static final FormatPolicy POLICY = FormatPolicy.caluso();
    private static final DefaultFormatChecker SCAN = new DefaultFormatChecker(POLICY, true);
    private static final DefaultFormatChecker MODEL = new DefaultFormatChecker(POLICY, false);
    private static final String PAGE = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>";
    private static final String XMP = "<?xpacket begin=\"\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?><x:xmpmeta xmlns:x=\"adobe:ns:meta/\">"
            + "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><rdf:Description rdf:about=\"\" "
            + "xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"><pdfaid:part>3</pdfaid:part><pdfaid:conformance>A</pdfaid:conformance>"
            + "</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end=\"w\"?>";

    @TempDir
    Path dir;

    /** A PDF written object by object with an exact cross-reference table, and incremental updates on top. */
    static final class Pdf {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final Map<Integer, Integer> offsets = new LinkedHashMap<>();
        private int lastXref = -1;

        Pdf() {
            write("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n");
        }

        Pdf object(int number, String body) {
            offsets.put(number, out.size());
            write(number + " 0 obj\n" + body + "\nendobj\n");
            return this;
        }

        Pdf stream(int number, String dict, byte[] data) {
            offsets.put(number, out.size());
            write(number + " 0 obj\n<< " + dict + " /Length " + data.length + " >>\nstream\n");
            out.writeBytes(data);
            write("\nendstream\nendobj\n");
            return this;
        }

        /** Ends a section: the table of the objects written since the last one, the trailer, %%EOF. */
        Pdf section(String trailer) {
            int xref = out.size();
            StringBuilder sb = new StringBuilder("xref\n");
            if (lastXref < 0) {
                sb.append("0 1\n0000000000 65535 f \n");
            }
            for (Map.Entry<Integer, Integer> e : offsets.entrySet()) {
                sb.append(e.getKey()).append(" 1\n").append(String.format("%010d 00000 n \n", e.getValue()));
            }
            int size = offsets.keySet().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
            sb.append("trailer\n<< /Size ").append(size).append(' ').append(trailer);
            if (lastXref >= 0) {
                sb.append(" /Prev ").append(lastXref);
            }
            sb.append(" >>\nstartxref\n").append(xref).append("\n%%EOF\n");
            write(sb.toString());
            lastXref = xref;
            offsets.clear();
            return this;
        }

        Pdf raw(String s) {
            write(s);
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }

        private void write(String s) {
            out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    /** Catalog, one-page tree and page, with extra catalog entries. */
    private static Pdf basic(String catalogExtra) {
        return new Pdf().object(1, "<< /Type /Catalog /Pages 2 0 R " + catalogExtra + " >>")
                .object(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>").object(3, PAGE);
    }

    private static byte[] deflate(String s) {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        try (DeflaterOutputStream d = new DeflaterOutputStream(raw)) {
            d.write(s.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return raw.toByteArray();
    }

    private static byte[] pdfbox(Consumer<PDDocument> build, CompressParameters compression, PDRectangle... pages) {
        try (PDDocument doc = new PDDocument()) {
            for (PDRectangle p : pages.length == 0 ? new PDRectangle[] {PDRectangle.A4} : pages) {
                doc.addPage(new PDPage(p));
            }
            build.accept(doc);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out, compression);
            return out.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void javascript(PDDocument d) {
        d.getDocumentCatalog().setOpenAction(new PDActionJavaScript("app.launchURL('x')"));
    }

    private static void xfa(PDDocument d) {
        PDAcroForm form = new PDAcroForm(d);
        form.getCOSObject().setItem(COSName.getPDFName("XFA"), new COSString("<xdp:xdp/>"));
        d.getDocumentCatalog().setAcroForm(form);
    }

    private static void embedded(PDDocument d) {
        try {
            PDEmbeddedFile ef = new PDEmbeddedFile(d, new ByteArrayInputStream("MZ".getBytes(StandardCharsets.US_ASCII)));
            PDComplexFileSpecification spec = new PDComplexFileSpecification();
            spec.setFile("x.exe");
            spec.setEmbeddedFile(ef);
            PDEmbeddedFilesNameTreeNode tree = new PDEmbeddedFilesNameTreeNode();
            tree.setNames(Map.of("x.exe", spec));
            PDDocumentNameDictionary names = new PDDocumentNameDictionary(d.getDocumentCatalog());
            names.setEmbeddedFiles(tree);
            d.getDocumentCatalog().setNames(names);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void pdfa(PDDocument d) {
        try {
            PDMetadata md = new PDMetadata(d);
            md.importXMPMetadata(XMP.getBytes(StandardCharsets.UTF_8));
            d.getDocumentCatalog().setMetadata(md);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void protect(PDDocument d, String owner, String user) {
        try {
            d.protect(new StandardProtectionPolicy(owner, user, new AccessPermission()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Name, bytes, whether the scan must decide it alone, and a finding both paths must report (or null). */
    static Stream<Arguments> generated() {
        PDRectangle landscape = new PDRectangle(PDRectangle.A4.getHeight(), PDRectangle.A4.getWidth());
        CompressParameters plain = CompressParameters.NO_COMPRESSION;
        List<Arguments> a = new ArrayList<>();
        a.add(Arguments.of("plain", basic("").section("/Root 1 0 R").bytes(), true, null));
        a.add(Arguments.of("inline OpenAction, escaped names /J#61vaScript /J#53", basic(
                "/OpenAction << /S /J#61vaScript /J#53 (app.alert\\(1\\)) >>").section("/Root 1 0 R").bytes(), true,
                FormatCode.PDF_ACTIVE_CONTENT));
        a.add(Arguments.of("page /AA action as its own object, escaped", basic("").object(4, "<< /S /L#61unch /F (cmd.exe) >>")
                .object(3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /AA << /O 4 0 R >> >>").section("/Root 1 0 R").bytes(),
                true, FormatCode.PDF_ACTIVE_CONTENT));
        a.add(Arguments.of("JavaScript name tree, escaped", basic("/Names << /J#61vaScript 4 0 R >>")
                .object(4, "<< /N#61mes [(a) 5 0 R] >>").object(5, "<< /S 6 0 R /J#53 7 0 R >>").object(6, "/J#61vaScript")
                .stream(7, "", "app.alert(1)".getBytes(StandardCharsets.US_ASCII)).section("/Root 1 0 R").bytes(), true,
                FormatCode.PDF_ACTIVE_CONTENT));
        a.add(Arguments.of("JavaScript added by an incremental update", basic("").section("/Root 1 0 R")
                .object(1, "<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>").object(4, "<< /S /J#61vaScript /J#53 (x) >>")
                .section("/Root 1 0 R").bytes(), true, FormatCode.PDF_ACTIVE_CONTENT));
        a.add(Arguments.of("SubmitForm in an annotation array", basic("").object(3,
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Annots [<< /Subtype /Widget /A << /S /Subm#69tForm >> >>] >>")
                .section("/Root 1 0 R").bytes(), true, FormatCode.PDF_ACTIVE_CONTENT));
        a.add(Arguments.of("RichMediaExecute", basic("").object(4, "<< /S /RichMediaExecute >>").section("/Root 1 0 R").bytes(), true,
                FormatCode.PDF_ACTIVE_CONTENT));
        a.add(Arguments.of("XFA in the AcroForm, escaped", basic("/AcroForm 4 0 R").object(4, "<< /Fields [] /X#46A 5 0 R >>")
                .stream(5, "", "<xdp/>".getBytes(StandardCharsets.US_ASCII)).section("/Root 1 0 R").bytes(), true,
                FormatCode.PDF_ACTIVE_CONTENT));
        a.add(Arguments.of("embedded files, escaped", basic("/Names << /EmbeddedF#69les << /Names [(x.exe) 4 0 R] >> >>")
                .object(4, "<< /Type /Filespec /F (x.exe) /EF << /F 5 0 R >> >>").stream(5, "/Type /Embedded#46ile", new byte[] {'M', 'Z'})
                .section("/Root 1 0 R").bytes(), true, FormatCode.PDF_EMBEDDED_FILE));
        a.add(Arguments.of("FileAttachment annotation inline", basic("").object(3,
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Annots [<< /Type /Annot /Subtype /FileAttachme#6et >>] >>")
                .section("/Root 1 0 R").bytes(), true, FormatCode.PDF_EMBEDDED_FILE));
        a.add(Arguments.of("pages of mixed sizes, MediaBox and Rotate inherited", new Pdf()
                .object(1, "<< /Type /Catalog /Pages 2 0 R >>")
                .object(2, "<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 3 /MediaBox [0 0 595.28 841.89] >>")
                .object(3, "<< /Type /Page /Parent 2 0 R >>")
                .object(4, "<< /Type /Pages /Parent 2 0 R /Kids [5 0 R 6 0 R] /Count 2 /Rotate 90 >>")
                .object(5, "<< /Type /Page /Parent 4 0 R >>")
                .object(6, "<< /Type /Page /Parent 4 0 R /MediaBox 7 0 R /Rotate -270 >>")
                .object(7, "[0 0 842 1191]").section("/Root 1 0 R").bytes(), true, FormatCode.PDF_PAGES_MIXED));
        a.add(Arguments.of("page without MediaBox (Letter) beside A4", new Pdf()
                .object(1, "<< /Type /Catalog /Pages 2 0 R >>").object(2, "<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>")
                .object(3, "<< /Type /Page /Parent 2 0 R >>").object(4, PAGE).section("/Root 1 0 R").bytes(), true,
                FormatCode.PDF_PAGES_MIXED));
        a.add(Arguments.of("PDF/A claim in Flate-compressed XMP", basic("/Metadata 4 0 R")
                .stream(4, "/Type /Metadata /Subtype /XML /Filter /FlateDecode", deflate(XMP)).section("/Root 1 0 R").bytes(), true,
                FormatCode.PDF_A_CLAIMED));
        a.add(Arguments.of("PDF/A claim in plain XMP", basic("/Metadata 4 0 R")
                .stream(4, "/Type /Metadata /Subtype /XML", XMP.getBytes(StandardCharsets.UTF_8)).section("/Root 1 0 R").bytes(), true,
                FormatCode.PDF_A_CLAIMED));
        a.add(Arguments.of("appended executable after %%EOF", HostileFiles.pdfWithAppended(new byte[] {'M', 'Z', (byte) 0x90, 0, 3, 0}),
                false, FormatCode.PDF_TRAILING_DATA));
        a.add(Arguments.of("appended data after a scanned PDF's %%EOF", concat(basic("").section("/Root 1 0 R").bytes(),
                "garbage after the end".getBytes(StandardCharsets.US_ASCII)), true, FormatCode.PDF_TRAILING_DATA));
        a.add(Arguments.of("/Encrypt with an escaped name in the trailer", basic("").object(4, "<< /Filter /Standard /V 1 /R 2 >>")
                .section("/Root 1 0 R /Encr#79pt 4 0 R /ID [<00> <00>]").bytes(), false, null));
        a.add(Arguments.of("offset in the table off by three", shiftFirstOffset(basic("/OpenAction 4 0 R").object(4,
                "<< /S /J#61vaScript /JS (x) >>").section("/Root 1 0 R").bytes()), false, FormatCode.PDF_ACTIVE_CONTENT));
        a.add(Arguments.of("dangling reference on the page tree", new Pdf().object(1, "<< /Type /Catalog /Pages 2 0 R >>")
                .object(2, "<< /Type /Pages /Kids [3 0 R 9 0 R] /Count 2 >>").object(3, PAGE).section("/Root 1 0 R").bytes(), false, null));
        a.add(Arguments.of("no cross-reference table", "%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R /OpenAction << /S /J#61vaScript >> >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
                .getBytes(StandardCharsets.ISO_8859_1), false, null));
        a.add(Arguments.of("nested deeper than the scan reads", basic("/Deep " + "[".repeat(80) + "<< /S /JavaScript >>" + "]".repeat(80))
                .section("/Root 1 0 R").bytes(), false, FormatCode.PDF_ACTIVE_CONTENT));
        a.add(Arguments.of("PDFBox, plain: JavaScript", pdfbox(PdfScanEquivalenceTest::javascript, plain), true,
                FormatCode.PDF_ACTIVE_CONTENT));
        a.add(Arguments.of("PDFBox, plain: XFA", pdfbox(PdfScanEquivalenceTest::xfa, plain), true, FormatCode.PDF_ACTIVE_CONTENT));
        a.add(Arguments.of("PDFBox, plain: embedded file", pdfbox(PdfScanEquivalenceTest::embedded, plain), true,
                FormatCode.PDF_EMBEDDED_FILE));
        a.add(Arguments.of("PDFBox, plain: PDF/A claim", pdfbox(PdfScanEquivalenceTest::pdfa, plain), true, FormatCode.PDF_A_CLAIMED));
        a.add(Arguments.of("PDFBox, plain: mixed pages", pdfbox(d -> {}, plain, PDRectangle.A4, landscape, PDRectangle.A3), true,
                FormatCode.PDF_PAGES_MIXED));
        a.add(Arguments.of("PDFBox, plain: clean", pdfbox(d -> {}, plain, PDRectangle.A4, PDRectangle.A4), true, null));
        a.add(Arguments.of("JavaScript hidden in an object stream", pdfbox(PdfScanEquivalenceTest::javascript,
                CompressParameters.DEFAULT_COMPRESSION), false, FormatCode.PDF_ACTIVE_CONTENT));
        a.add(Arguments.of("embedded file in a compressed name tree", pdfbox(PdfScanEquivalenceTest::embedded,
                CompressParameters.DEFAULT_COMPRESSION), false, FormatCode.PDF_EMBEDDED_FILE));
        a.add(Arguments.of("encrypted with a user password", pdfbox(d -> protect(d, "o", "u"), plain), false, FormatCode.ENCRYPTED));
        a.add(Arguments.of("encrypted with an owner password only", pdfbox(d -> protect(d, "o", ""), plain), false,
                FormatCode.PDF_OWNER_PASSWORD));
        return a.stream();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** The table's entry for object 1 made to point three bytes too far. */
    private static byte[] shiftFirstOffset(byte[] pdf) {
        String s = new String(pdf, StandardCharsets.ISO_8859_1);
        int at = s.indexOf("\n1 1\n", s.lastIndexOf("\nxref\n")) + 5;
        long offset = Long.parseLong(s.substring(at, at + 10));
        return (s.substring(0, at) + String.format("%010d", offset + 3) + s.substring(at + 10)).getBytes(StandardCharsets.ISO_8859_1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("generated")
    @Tag("FMT-PDF-01")
    @DisplayName("FMT-PDF-01 the bounded scan and PDFBox's full model give the same report on every generated PDF")
    void sameReport(String name, byte[] pdf, boolean scanDecides, FormatCode expected) throws IOException {
        Path file = Files.write(dir.resolve("f.pdf"), pdf);
        FileReport scanned = SCAN.check(file, "documento.pdf");
        FileReport modelled = MODEL.check(file, "documento.pdf");
        assertThat(describe(scanned)).as(name).isEqualTo(describe(modelled));
        assertThat(scanned.verdict()).isEqualTo(modelled.verdict());
        if (expected != null) {
            assertThat(scanned.allFindings()).extracting(Finding::code).as(name).contains(expected);
        }
        assertThat(decides(file)).as("the scan decides " + name + " alone").isEqualTo(scanDecides);
    }

    @Test
    @Tag("FMT-PDF-01")
    @DisplayName("FMT-PDF-01 a plain PDF with escaped active names is rejected without PDFBox, an unreadable one is not called clean")
    void scanVerdicts() throws IOException {
        Path js = Files.write(dir.resolve("js.pdf"), basic("/OpenAction << /S /J#61vaScript /J#53 (x) >>").section("/Root 1 0 R").bytes());
        assertThat(decides(js)).isTrue();
        FileReport r = SCAN.check(js, "js.pdf");
        assertThat(r.verdict()).isEqualTo(io.github.pec4j.formats.Verdict.REJECT);
        assertThat(r.findings()).anySatisfy(f -> assertThat(f.english()).contains("/JS", "/JavaScript"));

        Path broken = Files.write(dir.resolve("rotto.pdf"), "%PDF-1.7\nxref\n0 1\nzzz\ntrailer << >>\nstartxref\n9\n%%EOF\n"
                .getBytes(StandardCharsets.ISO_8859_1));
        assertThat(decides(broken)).isFalse();
        assertThat(SCAN.check(broken, "rotto.pdf").verdict()).isNotEqualTo(io.github.pec4j.formats.Verdict.ACCEPT);
    }

    @Test
    @Tag("FMT-PDF-01")
    @DisplayName("FMT-PDF-01 the testkit's allowed and violating samples get the same report from both paths")
    void testkitSamples() throws IOException {
        List<io.github.pec4j.testkit.Attachments.Sample> samples = new ArrayList<>(io.github.pec4j.testkit.Attachments.allowed());
        samples.addAll(io.github.pec4j.testkit.Attachments.violations());
        samples.add(new io.github.pec4j.testkit.Attachments.Sample("firmato.pdf", HostileFiles.incrementallyUpdatedPdf(), "accept", ""));
        for (io.github.pec4j.testkit.Attachments.Sample sample : samples) {
            Path file = Files.write(dir.resolve("sample.bin"), sample.content());
            assertThat(describe(SCAN.check(file, sample.name()))).as(sample.name()).isEqualTo(describe(MODEL.check(file, sample.name())));
        }
    }

    @Test
    @Tag("FMT-PDF-01")
    @DisplayName("FMT-PDF-01 every message of the shared corpus gets the same format reports from both paths")
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
            try (io.github.pec4j.core.PecMessage msg = parser.parse(m)) {
                List<String> scanned = new ArrayList<>();
                SCAN.check(msg).forEach(r -> scanned.addAll(describe(r)));
                List<String> modelled = new ArrayList<>();
                MODEL.check(msg).forEach(r -> modelled.addAll(describe(r)));
                assertThat(scanned).as(m.getFileName().toString()).isEqualTo(modelled);
            }
        }
    }

    private static boolean decides(Path file) throws IOException {
        try {
            PdfScan.read(file, PdfInspector::check, true);
            return true;
        } catch (PdfScan.Undecided undecided) {
            return false;
        }
    }

    /** Every finding of the report and its members, with severity and text, in order. */
    private static List<String> describe(FileReport r) {
        List<String> out = new ArrayList<>();
        out.add(r.path() + " " + r.detectedType() + " " + r.verdict());
        for (Finding f : r.findings()) {
            out.add(f.code() + " " + f.severity() + " " + f.path() + " " + f.english() + " | " + f.italian());
        }
        for (FileReport m : r.members()) {
            out.addAll(describe(m));
        }
        return out;
    }
}
