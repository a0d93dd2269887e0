package io.github.pec4j.formats;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FormatCheckerTest {
    private final FormatChecker checker = FormatChecker.create(FormatPolicy.caluso());
    @TempDir
    Path dir;

    private FileReport check(String name, byte[] content) throws IOException {
        Path f = dir.resolve("f" + Math.abs(name.hashCode()) + ".bin");
        Files.write(f, content);
        return checker.check(f, name);
    }

    private static List<String> codes(FileReport r) {
        return r.allFindings().stream().map(f -> f.code().id()).toList();
    }

    static byte[] zip(String[]... entries) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(b)) {
            for (String[] e : entries) {
                z.putNextEntry(new ZipEntry(e[0]));
                z.write(e[1].getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        }
        return b.toByteArray();
    }

    static final String PDF = "%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

    static byte[] docx(boolean macro) throws IOException {
        String ct = "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
                + (macro ? "<Override PartName=\"/word/vbaProject.bin\" ContentType=\"application/vnd.ms-office.vbaProject\"/>"
                        + "<Default Extension=\"bin\" ContentType=\"application/vnd.ms-word.document.macroEnabled.main+xml\"/>" : "")
                + "</Types>";
        return macro ? zip(new String[] {"[Content_Types].xml", ct}, new String[] {"word/document.xml", "<w:document/>"},
                new String[] {"word/vbaProject.bin", "VBA"})
                : zip(new String[] {"[Content_Types].xml", ct}, new String[] {"word/document.xml", "<w:document/>"});
    }

    static byte[] odt(boolean basic) throws IOException {
        return basic ? zip(new String[] {"mimetype", "application/vnd.oasis.opendocument.text"}, new String[] {"content.xml", "<office/>"},
                new String[] {"Basic/Standard/Module1.xml", "<script/>"})
                : zip(new String[] {"mimetype", "application/vnd.oasis.opendocument.text"}, new String[] {"content.xml", "<office/>"});
    }

    @Test
    @DisplayName("FMT-DETECT-01 FMT-POLICY-01 the default policy accepts every allowed format, detected by content")
    void allowedFormats() throws IOException {
        assertThat(check("lettera.txt", "Gentile ufficio,\nsi allega.\n".getBytes(StandardCharsets.UTF_8)).verdict()).isEqualTo(Verdict.ACCEPT);
        assertThat(check("dati.xml", "<?xml version=\"1.0\"?><a/>".getBytes(StandardCharsets.UTF_8)).verdict()).isEqualTo(Verdict.ACCEPT);
        FileReport pdf = check("istanza.pdf", PDF.getBytes(StandardCharsets.ISO_8859_1));
        assertThat(pdf.detectedType()).isEqualTo("application/pdf");
        assertThat(pdf.verdict()).isEqualTo(Verdict.ACCEPT);
        FileReport d = check("relazione.docx", docx(false));
        assertThat(d.detectedType()).isEqualTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        assertThat(d.verdict()).isEqualTo(Verdict.ACCEPT);
        FileReport o = check("relazione.odt", odt(false));
        assertThat(o.detectedType()).isEqualTo("application/vnd.oasis.opendocument.text");
        assertThat(o.verdict()).isEqualTo(Verdict.ACCEPT);
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        assertThat(check("foto.png", png).verdict()).isEqualTo(Verdict.ACCEPT);
        FileReport z = check("allegati.zip", zip(new String[] {"a.pdf", PDF}, new String[] {"b.txt", "testo"}));
        assertThat(z.verdict()).isEqualTo(Verdict.ACCEPT);
        assertThat(z.members()).hasSize(2);
    }

    @Test
    @DisplayName("FMT-DETECT-02 executables, scripts and HTML are rejected whatever their name; a wrong extension is rejected")
    void disguised() throws IOException {
        assertThat(codes(check("fattura.pdf", new byte[] {'M', 'Z', (byte) 0x90, 0, 3, 0}))).contains("EXECUTABLE");
        assertThat(codes(check("foto.jpg", new byte[] {0x7F, 'E', 'L', 'F', 2, 1, 1}))).contains("EXECUTABLE");
        assertThat(codes(check("istanza.pdf", "#!/bin/sh\nrm -rf /\n".getBytes(StandardCharsets.US_ASCII)))).contains("EXECUTABLE");
        FileReport html = check("leggimi.txt", "<!DOCTYPE html><html><body><script>alert(1)</script></body></html>".getBytes(StandardCharsets.UTF_8));
        assertThat(html.verdict()).isEqualTo(Verdict.REJECT);
        assertThat(codes(check("istanza.docx", PDF.getBytes(StandardCharsets.ISO_8859_1)))).contains("EXTENSION_MISMATCH");
    }

    @Test
    @DisplayName("FMT-MACRO-01 FMT-MACRO-02 a macro docm renamed docx and an ODF with Basic are rejected")
    void macros() throws IOException {
        FileReport docm = check("relazione.docx", docx(true));
        assertThat(docm.verdict()).isEqualTo(Verdict.REJECT);
        assertThat(codes(docm)).contains("MACRO");
        FileReport odt = check("relazione.odt", odt(true));
        assertThat(odt.verdict()).isEqualTo(Verdict.REJECT);
        assertThat(codes(odt)).contains("MACRO");
    }

    @Test
    @DisplayName("FMT-PDF-01 FMT-PDF-02 FMT-ENC-01 JavaScript, launch actions, embedded files and encryption in PDFs")
    void pdfs() throws IOException {
        String js = PDF.replace("/Type /Catalog", "/Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >>");
        assertThat(codes(check("a.pdf", js.getBytes(StandardCharsets.ISO_8859_1)))).contains("PDF_ACTIVE_CONTENT");
        String launch = PDF.replace("/Type /Catalog", "/Type /Catalog /OpenAction << /S /Launch /F (cmd.exe) >>");
        assertThat(check("b.pdf", launch.getBytes(StandardCharsets.ISO_8859_1)).verdict()).isEqualTo(Verdict.REJECT);
        String embedded = PDF.replace("/Type /Catalog", "/Type /Catalog /Names << /EmbeddedFiles << /Names [] >> >>");
        FileReport e = check("c.pdf", embedded.getBytes(StandardCharsets.ISO_8859_1));
        assertThat(e.verdict()).isEqualTo(Verdict.WARN);
        assertThat(codes(e)).contains("PDF_EMBEDDED_FILE");
        String encrypted = PDF.replace("trailer << /Root 1 0 R >>", "trailer << /Root 1 0 R /Encrypt 9 0 R >>");
        assertThat(codes(check("d.pdf", encrypted.getBytes(StandardCharsets.ISO_8859_1)))).contains("ENCRYPTED");
        String pdfa = PDF.replace("%%EOF", "<rdf:Description pdfaid:part=\"2\" pdfaid:conformance=\"B\"/>\n%%EOF");
        FileReport a = check("e.pdf", pdfa.getBytes(StandardCharsets.ISO_8859_1));
        assertThat(a.verdict()).isEqualTo(Verdict.ACCEPT);
        assertThat(codes(a)).contains("PDF_A_CLAIMED");
    }

    @Test
    @DisplayName("SEC-BOMB-01 a 200 MB zero-filled zip is refused from its declared sizes, before extraction")
    void zipBomb() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(b)) {
            z.putNextEntry(new ZipEntry("zeri.txt"));
            byte[] zeros = new byte[1024 * 1024];
            for (int i = 0; i < 200; i++) {
                z.write(zeros);
            }
            z.closeEntry();
        }
        assertThat(b.size()).isLessThan(400 * 1024);
        FileReport r = check("bomba.zip", b.toByteArray());
        assertThat(r.verdict()).isEqualTo(Verdict.REJECT);
        assertThat(codes(r)).contains("ARCHIVE_BOMB");
        assertThat(r.members()).isEmpty();
    }

    @Test
    @DisplayName("SEC-PATH-01 a Windows drive prefix is a traversal whatever follows it, in a file's name and in an archive's entry")
    void driveLetters() throws IOException {
        byte[] text = "testo".getBytes(StandardCharsets.UTF_8);
        for (String name : List.of("C:evil.txt", "z:\nevil.txt", "Q:")) {
            assertThat(codes(check(name, text))).as(name).contains("PATH_TRAVERSAL");
            assertThat(codes(check("x.zip", zip(new String[] {name, "testo"})))).as(name).contains("PATH_TRAVERSAL");
        }
        for (String name : List.of("nota:1.txt", "1:due.txt", ":x.txt")) {
            assertThat(codes(check(name, text))).as(name).doesNotContain("PATH_TRAVERSAL");
            assertThat(codes(check("x.zip", zip(new String[] {name, "testo"})))).as(name).doesNotContain("PATH_TRAVERSAL");
        }
    }

    @Test
    @DisplayName("SEC-PATH-01 FMT-ARCH-01 path-traversal entries and archives nested too deep are rejected")
    void archives() throws IOException {
        FileReport t = check("x.zip", zip(new String[] {"../../etc/passwd", "root"}, new String[] {"ok.txt", "ok"}));
        assertThat(codes(t)).contains("PATH_TRAVERSAL");
        byte[] nested = zip(new String[] {"a.txt", "fondo"});
        for (int i = 0; i < 4; i++) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            try (ZipOutputStream z = new ZipOutputStream(b)) {
                z.putNextEntry(new ZipEntry("livello" + i + ".zip"));
                z.write(nested);
                z.closeEntry();
            }
            nested = b.toByteArray();
        }
        FileReport deep = check("annidato.zip", nested);
        assertThat(codes(deep)).contains("ARCHIVE_TOO_DEEP");
        assertThat(deep.verdict()).isEqualTo(Verdict.REJECT);
        FileReport inner = check("misto.zip", zip(new String[] {"virus.pdf", "MZ\u0090\u0000"}));
        assertThat(inner.verdict()).isEqualTo(Verdict.REJECT);
        assertThat(inner.members().get(0).path()).isEqualTo("misto.zip/virus.pdf");
    }

    @Test
    @DisplayName("FMT-NAME-02 bad names are rejected; stacked signature suffixes are allowed")
    void names() throws IOException {
        byte[] txt = "testo".getBytes(StandardCharsets.UTF_8);
        assertThat(codes(check("fattura.pdf.exe", txt))).contains("NAME_DOUBLE_EXTENSION");
        assertThat(codes(check("CON.txt", txt))).contains("NAME_INVALID");
        assertThat(codes(check("nota\u0001.txt", txt))).contains("NAME_INVALID");
        assertThat(codes(check(".nascosto.txt", txt))).contains("NAME_INVALID");
        assertThat(codes(check("a:b.txt", txt))).contains("NAME_INVALID");
        assertThat(codes(check("x".repeat(120) + ".txt", txt))).contains("NAME_INVALID");
        assertThat(codes(check("istanza.pdf.p7m.p7m", txt))).doesNotContain("NAME_INVALID", "NAME_DOUBLE_EXTENSION");
        FileReport f = check("fattura.pdf.exe", txt);
        assertThat(f.findings().get(0).italian()).contains("estensione eseguibile");
        assertThat(f.findings().get(0).english()).contains("executable extension");
    }

    @Test
    @DisplayName("FMT-POLICY-01 an office writes its own policy in JSON; a file outside its list is rejected with the rule")
    void jsonPolicy() throws IOException {
        String json = "{\"allowedTypes\":{\"application/pdf\":[\"pdf\"]},\"maxFileBytes\":5242880,\"maxTotalBytes\":31457280,"
                + "\"maxNameLength\":100,\"maxArchiveDepth\":2,\"maxArchiveEntries\":100,\"maxExpansionRatio\":100,\"maxExpandedBytes\":104857600}";
        FormatPolicy p = FormatPolicy.fromJson(new java.io.ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
        FormatChecker strict = FormatChecker.create(p);
        Path txt = Files.writeString(dir.resolve("t.txt"), "testo");
        FileReport r = strict.check(txt, "nota.txt");
        assertThat(codes(r)).contains("TYPE_NOT_ALLOWED");
        Path big = dir.resolve("big.pdf");
        Files.write(big, (PDF + " ".repeat(6 * 1024 * 1024)).getBytes(StandardCharsets.ISO_8859_1));
        assertThat(codes(strict.check(big, "grande.pdf"))).contains("FILE_TOO_LARGE");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FormatPolicy.fromJson(
                new java.io.ByteArrayInputStream("{\"allowedTypes\":{}}".getBytes(StandardCharsets.UTF_8)))).isInstanceOf(Exception.class);
    }

    @Test
    @DisplayName("FMT-ARCH-01 DOC-P7M-03 signed containers are unwrapped and their content checked with the same policy")
    void signedContainers() throws IOException {
        io.github.pec4j.testkit.SignedDocuments docs = io.github.pec4j.testkit.SignedDocuments.create();
        byte[] xml = "<?xml version=\"1.0\"?><fattura/>".getBytes(StandardCharsets.UTF_8);
        FileReport ok = check("fattura.xml.p7m", docs.cades(xml));
        assertThat(ok.verdict()).isEqualTo(Verdict.ACCEPT);
        assertThat(ok.members()).singleElement().satisfies(m -> {
            assertThat(m.path()).isEqualTo("fattura.xml.p7m!fattura.xml");
            assertThat(m.detectedType()).isEqualTo("application/xml");
        });
        assertThat(check("fattura.xml.p7m", io.github.pec4j.testkit.SignedDocuments.base64(docs.cades(xml))).verdict())
                .isEqualTo(Verdict.ACCEPT);
        assertThat(check("fattura.xml.p7m.p7m", docs.cades(docs.cades(xml))).verdict()).isEqualTo(Verdict.ACCEPT);
        FileReport exe = check("istanza.pdf.p7m", docs.cades(new byte[] {'M', 'Z', 0, 0}));
        assertThat(exe.verdict()).isEqualTo(Verdict.REJECT);
        assertThat(codes(exe)).contains("EXECUTABLE");
        byte[] der = docs.cades(xml);
        String asText = new String(der, StandardCharsets.ISO_8859_1);
        der[asText.indexOf("<fattura/>") + 1] = 'F'; // inside the signed content
        assertThat(codes(check("alterata.xml.p7m", der))).contains("SIGNATURE_INVALID");
        assertThat(check("fattura.xml.m7m", docs.m7m(xml)).verdict()).isEqualTo(Verdict.ACCEPT);
        assertThat(check("istanza.pdf", docs.pades()).verdict()).isIn(Verdict.ACCEPT, Verdict.WARN);
    }

    @Test
    @DisplayName("FMT-ARCH-01 7z archives are opened under a memory limit and every member is checked")
    void sevenZ() throws IOException {
        Path ok = dir.resolve("ok.7z");
        try (org.apache.commons.compress.archivers.sevenz.SevenZOutputFile z = new org.apache.commons.compress.archivers.sevenz.SevenZOutputFile(ok.toFile())) {
            for (String[] e : new String[][] {{"relazione.pdf", PDF}, {"nota.txt", "testo"}}) {
                org.apache.commons.compress.archivers.sevenz.SevenZArchiveEntry entry = z.createArchiveEntry(dir.toFile(), e[0]);
                entry.setDirectory(false);
                z.putArchiveEntry(entry);
                z.write(e[1].getBytes(StandardCharsets.ISO_8859_1));
                z.closeArchiveEntry();
            }
        }
        FileReport r = checker.check(ok, "allegati.7z");
        assertThat(r.detectedType()).isEqualTo("application/x-7z-compressed");
        assertThat(r.verdict()).isEqualTo(Verdict.ACCEPT);
        assertThat(r.members()).hasSize(2);
        Path bad = dir.resolve("bad.7z");
        try (org.apache.commons.compress.archivers.sevenz.SevenZOutputFile z = new org.apache.commons.compress.archivers.sevenz.SevenZOutputFile(bad.toFile())) {
            org.apache.commons.compress.archivers.sevenz.SevenZArchiveEntry entry = z.createArchiveEntry(dir.toFile(), "fattura.pdf");
            entry.setDirectory(false);
            z.putArchiveEntry(entry);
            z.write(new byte[] {'M', 'Z', 0, 0});
            z.closeArchiveEntry();
        }
        FileReport b = checker.check(bad, "allegati.7z");
        assertThat(b.verdict()).isEqualTo(Verdict.REJECT);
        assertThat(codes(b)).contains("EXECUTABLE");
    }
}
