package io.github.pec4j.formats;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PDFs written by PDFBox itself, with compressed object streams, real encryption and XMP. */
class PdfInspectionTest {
    private final FormatChecker checker = FormatChecker.create(FormatPolicy.caluso());
    @TempDir
    Path dir;

    private Path pdf(String name, Consumer<PDDocument> build, PDRectangle... pages) throws IOException {
        Path file = dir.resolve(name);
        try (PDDocument doc = new PDDocument()) {
            for (PDRectangle p : pages.length == 0 ? new PDRectangle[] {PDRectangle.A4} : pages) {
                doc.addPage(new PDPage(p));
            }
            build.accept(doc);
            doc.save(file.toFile(), CompressParameters.DEFAULT_COMPRESSION);
        }
        return file;
    }

    private FileReport check(Path file) throws IOException {
        return checker.check(file, file.getFileName().toString());
    }

    private static List<FormatCode> codes(FileReport r) {
        return r.allFindings().stream().map(Finding::code).toList();
    }

    private static String latin1(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
    }

    @Test
    @DisplayName("FMT-PDF-01 JavaScript packed in a compressed object stream, invisible to a byte scan, is found")
    void javascriptInObjectStream() throws IOException {
        Path file = pdf("js.pdf", d -> d.getDocumentCatalog().setOpenAction(new PDActionJavaScript("app.launchURL('x')")));
        assertThat(latin1(file)).as("the action is compressed away").doesNotContain("/JavaScript").contains("/ObjStm");
        FileReport r = check(file);
        assertThat(r.verdict()).isEqualTo(Verdict.REJECT);
        assertThat(r.findings()).anySatisfy(f -> {
            assertThat(f.code()).isEqualTo(FormatCode.PDF_ACTIVE_CONTENT);
            assertThat(f.english()).contains("/JavaScript");
        });
    }

    @Test
    @DisplayName("FMT-PDF-01 an XFA form in the AcroForm and an embedded file in a compressed name tree are found")
    void xfaAndEmbeddedFiles() throws IOException {
        Path xfa = pdf("xfa.pdf", d -> {
            PDAcroForm form = new PDAcroForm(d);
            form.getCOSObject().setItem(COSName.getPDFName("XFA"), new COSString("<xdp:xdp/>"));
            d.getDocumentCatalog().setAcroForm(form);
        });
        assertThat(codes(check(xfa))).contains(FormatCode.PDF_ACTIVE_CONTENT);

        Path embedded = pdf("allegato.pdf", d -> {
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
        });
        FileReport r = check(embedded);
        assertThat(codes(r)).contains(FormatCode.PDF_EMBEDDED_FILE);
        assertThat(r.verdict()).isEqualTo(Verdict.WARN);
    }

    @Test
    @DisplayName("FMT-ENC-01 a PDF that needs a user password is rejected; one with only an owner password is flagged")
    void passwords() throws IOException {
        Path user = pdf("utente.pdf", d -> protect(d, "proprietario", "utente"));
        FileReport u = check(user);
        assertThat(u.verdict()).isEqualTo(Verdict.REJECT);
        assertThat(codes(u)).containsExactly(FormatCode.ENCRYPTED);

        Path owner = pdf("proprietario.pdf", d -> protect(d, "proprietario", ""));
        FileReport o = check(owner);
        assertThat(o.verdict()).isEqualTo(Verdict.WARN);
        assertThat(codes(o)).containsExactly(FormatCode.PDF_OWNER_PASSWORD);
    }

    private static void protect(PDDocument d, String owner, String user) {
        AccessPermission ap = new AccessPermission();
        ap.setCanModify(false);
        StandardProtectionPolicy policy = new StandardProtectionPolicy(owner, user, ap);
        policy.setEncryptionKeyLength(128);
        try {
            d.protect(policy);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    @DisplayName("FMT-PDF-02 mixed page sizes or orientations are a warning naming them; homogeneous pages pass")
    void pageHomogeneity() throws IOException {
        PDRectangle landscape = new PDRectangle(PDRectangle.A4.getHeight(), PDRectangle.A4.getWidth());
        FileReport mixed = check(pdf("misto.pdf", d -> {}, PDRectangle.A4, PDRectangle.A4, landscape, PDRectangle.A3));
        assertThat(mixed.verdict()).isEqualTo(Verdict.WARN);
        assertThat(mixed.findings()).anySatisfy(f -> {
            assertThat(f.code()).isEqualTo(FormatCode.PDF_PAGES_MIXED);
            assertThat(f.english()).contains("A4 portrait ×2", "A4 landscape ×1", "A3 portrait ×1");
        });
        FileReport same = check(pdf("uniforme.pdf", d -> {}, PDRectangle.A4, PDRectangle.A4, PDRectangle.A4));
        assertThat(same.verdict()).isEqualTo(Verdict.ACCEPT);
        assertThat(same.findings()).isEmpty();
    }

    @Test
    @DisplayName("FMT-PDF-02 the PDF/A claim is read from the XMP metadata and reported as a claim")
    void pdfaClaim() throws IOException {
        String xmp = "<?xpacket begin=\"\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?><x:xmpmeta xmlns:x=\"adobe:ns:meta/\">"
                + "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><rdf:Description rdf:about=\"\" "
                + "xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"><pdfaid:part>2</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance>"
                + "</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end=\"w\"?>";
        Path file = pdf("pdfa.pdf", d -> {
            try {
                PDMetadata md = new PDMetadata(d);
                md.importXMPMetadata(xmp.getBytes(StandardCharsets.UTF_8));
                d.getDocumentCatalog().setMetadata(md);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        FileReport r = check(file);
        assertThat(r.verdict()).isEqualTo(Verdict.ACCEPT);
        assertThat(r.findings()).anySatisfy(f -> {
            assertThat(f.code()).isEqualTo(FormatCode.PDF_A_CLAIMED);
            assertThat(f.english()).contains("PDF/A-2b");
        });
    }

    @Test
    @DisplayName("FMT-PDF-01 a PDF whose structure cannot be read is still byte-scanned and says it was not fully inspected")
    void brokenStructure() throws IOException {
        Path file = Files.write(dir.resolve("rotto.pdf"), "%PDF-1.7\n%\u00e2\u00e3\n<< garbage /JavaScript".getBytes(StandardCharsets.ISO_8859_1));
        FileReport r = check(file);
        assertThat(r.verdict()).isEqualTo(Verdict.REJECT);
        assertThat(codes(r)).contains(FormatCode.PDF_ACTIVE_CONTENT);
    }

    @Test
    @DisplayName("FMT-PDF-01 the byte scan reads in windows and still sees a name cut by a window edge")
    void tokenAcrossWindows() throws IOException {
        int window = 1 << 20;
        for (int offset : new int[] {window - 5, window - 128, window - 11, window}) {
            byte[] b = new byte[window + 4096];
            java.util.Arrays.fill(b, (byte) ' ');
            byte[] head = "%PDF-1.7\n%".getBytes(StandardCharsets.ISO_8859_1);
            System.arraycopy(head, 0, b, 0, head.length);
            byte[] token = "/Launch ".getBytes(StandardCharsets.ISO_8859_1);
            System.arraycopy(token, 0, b, offset, token.length);
            FileReport r = checker.check(Files.write(dir.resolve("w" + offset + ".pdf"), b), "w.pdf");
            assertThat(r.findings()).as("token at %d", offset)
                    .anySatisfy(f -> assertThat(f.english()).contains("/Launch"));
        }
        // a longer name that merely starts like a token, cut at the edge, is not that token
        byte[] b = new byte[window + 4096];
        java.util.Arrays.fill(b, (byte) ' ');
        byte[] head = "%PDF-1.7\n%".getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(head, 0, b, 0, head.length);
        byte[] jsonish = "/JSON ".getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(jsonish, 0, b, window - 3, jsonish.length);
        FileReport r = checker.check(Files.write(dir.resolve("json.pdf"), b), "json.pdf");
        assertThat(codes(r)).doesNotContain(FormatCode.PDF_ACTIVE_CONTENT);
    }

    @Test
    @DisplayName("FMT-ARCH-01 a small PDF whose object stream inflates to 80 MiB is a bomb, caught before PDFBox decodes it")
    void flateBombInObjectStream() throws IOException {
        FileReport r = checker.check(Files.write(dir.resolve("bomba.pdf"), bombPdf("/Type /ObjStm /N 1 /First 4")), "bomba.pdf");
        assertThat(r.verdict()).isEqualTo(Verdict.REJECT);
        assertThat(r.findings()).anySatisfy(f -> {
            assertThat(f.code()).isEqualTo(FormatCode.ARCHIVE_BOMB);
            assertThat(f.english()).contains("PDF", "expands beyond");
        });
        // a decoy stream keyword inside the dictionary does not hide the object stream
        byte[] decoy = bombPdf("/Type /ObjStm /N 1 /First 4 /Decoy (x stream\n)");
        assertThat(codes(checker.check(Files.write(dir.resolve("decoy.pdf"), decoy), "decoy.pdf"))).contains(FormatCode.ARCHIVE_BOMB);
    }

    @Test
    @DisplayName("FMT-ARCH-01 a large lossless image stream, which the structure pass never decodes, is not taken for a bomb")
    void largeImageIsNotABomb() throws IOException {
        byte[] image = bombPdf("/Type /XObject /Subtype /Image /Width 8000 /Height 10000 /BitsPerComponent 8 /ColorSpace /DeviceGray");
        assertThat(codes(checker.check(Files.write(dir.resolve("scansione.pdf"), image), "scansione.pdf")))
                .doesNotContain(FormatCode.ARCHIVE_BOMB);
    }

    private static byte[] bombPdf(String dict) {
        byte[] pdf = io.github.pec4j.testkit.HostileFiles.flatePdf(dict);
        assertThat(pdf.length).isLessThan(200_000);
        return pdf;
    }
}
