package io.github.pec4j.formats;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pec4j.testkit.HostileFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Macros are found by name (FMT-MACRO-01), by the relationship or content type that declares them,
 * and by content (an OLE2 VBA project), whatever the part is called. Each test has exactly one way
 * of being caught, so removing that check makes it fail.
 */
class MacroDetectionTest {
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
    private final FormatChecker checker = FormatChecker.create(FormatPolicy.caluso());
    @TempDir
    Path dir;

    private FileReport check(String name, byte[] content) throws IOException {
        return checker.check(Files.write(dir.resolve("f.bin"), content), name);
    }

    private static List<Finding> macros(FileReport r) {
        return r.allFindings().stream().filter(f -> f.code() == FormatCode.MACRO).toList();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("a plain .docx with an image is accepted: none of the checks below fires on a clean document")
    void cleanDocx() throws IOException {
        FileReport r = check("relazione.docx", HostileFiles.docx("<Relationship Id=\"rId5\" "
                + "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" Target=\"media/image1.png\"/>",
                Map.of("word/media/image1.png", PNG)));
        assertThat(r.allFindings()).isEmpty();
        assertThat(r.verdict()).isEqualTo(Verdict.ACCEPT);
    }

    @Test
    @DisplayName("FMT-MACRO-01 a word/vbaProject.bin entry alone (no relationship, plain content type, not OLE2) rejects the .docx")
    void vbaProjectBinByName() throws IOException {
        FileReport r = check("relazione.docx", HostileFiles.docx("", Map.of("word/vbaProject.bin", bytes("not an OLE2 file"))));
        assertThat(macros(r)).singleElement().satisfies(f -> assertThat(f.english()).contains("word/vbaProject.bin"));
        assertThat(r.verdict()).isEqualTo(Verdict.REJECT);
    }

    @Test
    @DisplayName("FMT-MACRO-01 a word/vbaData.xml entry alone rejects the .docx")
    void vbaDataXmlByName() throws IOException {
        FileReport r = check("relazione.docx", HostileFiles.docx("", Map.of("word/vbaData.xml", bytes("<wne:vbaSuppData/>"))));
        assertThat(macros(r)).singleElement().satisfies(f -> assertThat(f.english()).contains("word/vbaData.xml"));
        assertThat(r.verdict()).isEqualTo(Verdict.REJECT);
    }

    @Test
    @DisplayName("FMT-MACRO-01 a macroEnabled main content type alone rejects the .docx")
    void macroEnabledContentType() throws IOException {
        byte[] doc = HostileFiles.zip(Map.of("[Content_Types].xml", bytes("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.ms-word.document.macroEnabled.main+xml\"/></Types>"),
                "word/document.xml", bytes("<w:document xmlns:w=\"urn:w\"/>")));
        FileReport r = check("relazione.docx", doc);
        assertThat(macros(r)).singleElement().satisfies(f -> assertThat(f.english()).contains("macro-enabled content type"));
        assertThat(r.verdict()).isEqualTo(Verdict.REJECT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"vbaProject", "vbaProjectSignature", "keyMapCustomizations", "wordVbaData"})
    @DisplayName("a macro relationship to a part with any name and harmless bytes rejects the .docx")
    void macroRelationship(String type) throws IOException {
        FileReport r = check("relazione.docx", HostileFiles.docx("<Relationship Id=\"rId9\" "
                + "Type=\"http://schemas.microsoft.com/office/2006/relationships/" + type + "\" Target=\"media/image9.png\"/>",
                Map.of("word/media/image9.png", PNG)));
        assertThat(macros(r)).singleElement().satisfies(f -> assertThat(f.english()).contains("relationship " + type.toLowerCase())
                .contains("media/image9.png"));
        assertThat(r.verdict()).isEqualTo(Verdict.REJECT);
    }

    @Test
    @DisplayName("a relationship type written with character references is decoded before it is compared")
    void relationshipWithCharacterReferences() throws IOException {
        FileReport r = check("relazione.docx", HostileFiles.docx("<Relationship Id=\"rId9\" "
                + "Type=\"http://schemas.microsoft.com/office/2006/relationships/vba&#80;roject\" Target=\"media/image9.png\"/>",
                Map.of("word/media/image9.png", PNG)));
        assertThat(macros(r)).hasSize(1);
    }

    @Test
    @DisplayName("a VBA content type declared for a part named image9.png rejects the .docx")
    void vbaContentTypeOverride() throws IOException {
        byte[] base = HostileFiles.docx("", Map.of("word/media/image9.png", PNG));
        byte[] doc = replaceEntry(base, "[Content_Types].xml", s -> s.replace("</Types>",
                "<Override PartName=\"/word/media/image9.png\" ContentType=\"application/vnd.ms-office.vbaProject\"/></Types>"));
        FileReport r = check("relazione.docx", doc);
        assertThat(macros(r)).singleElement().satisfies(f -> assertThat(f.english()).contains("/word/media/image9.png"));
    }

    @Test
    @DisplayName("an OLE2 VBA project named image9.png, with nothing pointing at it, rejects the .docx by its content")
    void vbaByContent() throws IOException {
        FileReport r = check("relazione.docx", HostileFiles.docx("", Map.of("word/media/image9.png", HostileFiles.vbaProject())));
        assertThat(macros(r)).singleElement().satisfies(f -> assertThat(f.english()).contains("word/media/image9.png")
                .contains("OLE2 VBA project"));
        assertThat(r.verdict()).isEqualTo(Verdict.REJECT);
    }

    @Test
    @DisplayName("the audit's .docx: a vbaProject relationship to image9.png holding an OLE2 VBA storage is rejected")
    void auditDocx() throws IOException {
        FileReport r = check("relazione.docx", HostileFiles.docxWithVbaAsImage());
        assertThat(macros(r)).hasSize(2);
        assertThat(r.verdict()).isEqualTo(Verdict.REJECT);
    }

    @Test
    @DisplayName("FMT-MACRO-02 a legacy OLE2 file with a VBA storage and a PROJECT stream is rejected whatever its extension")
    void legacyOle2() throws IOException {
        FileReport r = check("lettera.doc", HostileFiles.vbaProject());
        assertThat(macros(r)).hasSize(1);
        assertThat(r.verdict()).isEqualTo(Verdict.REJECT);
    }

    @Test
    @DisplayName("a .docx relationship part that is not well-formed XML is unreadable, not silently skipped")
    void brokenRelationships() throws IOException {
        FileReport r = check("relazione.docx", HostileFiles.docx("<Relationship Id=\"rId9\" Type=\"x", Map.of()));
        assertThat(r.allFindings()).extracting(Finding::code).contains(FormatCode.UNREADABLE);
        assertThat(r.verdict()).isEqualTo(Verdict.REJECT);
    }

    @Test
    @DisplayName("FMT-MACRO-02 ODF: Scripts/ entries are rejected, and a clean .odt is accepted")
    void odfScripts() throws IOException {
        String manifest = "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\">"
                + "<manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.text\"/>"
                + "<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/></manifest:manifest>";
        assertThat(check("relazione.odt", HostileFiles.odt(manifest, Map.of())).verdict()).isEqualTo(Verdict.ACCEPT);
        FileReport scripts = check("relazione.odt", HostileFiles.odt(manifest, Map.of("Scripts/python/avvio.py", "import os")));
        assertThat(macros(scripts)).singleElement().satisfies(f -> assertThat(f.english()).contains("Scripts/python/avvio.py"));
    }

    @Test
    @DisplayName("FMT-MACRO-02 ODF: a manifest entry declaring a script is rejected even when the entry itself is missing")
    void odfManifestScript() throws IOException {
        String manifest = "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\">"
                + "<manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.text\"/>"
                + "<manifest:file-entry manifest:full-path=\"Basic/Standard/Module1.xml\" manifest:media-type=\"text/xml\"/>"
                + "</manifest:manifest>";
        FileReport r = check("relazione.odt", HostileFiles.odt(manifest, Map.of()));
        assertThat(macros(r)).singleElement().satisfies(f -> assertThat(f.english()).contains("manifest declares Basic/Standard/Module1.xml"));
    }

    @Test
    @DisplayName("FMT-MACRO-02 ODF: an event bound to a script in content.xml is rejected")
    void odfEventListener() throws IOException {
        String manifest = "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\"/>";
        byte[] odt = HostileFiles.odt(manifest, Map.of());
        byte[] hooked = replaceEntry(odt, "content.xml", s -> s.replace("<office:body/>", "<office:scripts><office:event-listeners>"
                + "<script:event-listener xmlns:script=\"urn:oasis:names:tc:opendocument:xmlns:script:1.0\" "
                + "xmlns:xlink=\"http://www.w3.org/1999/xlink\" script:event-name=\"dom:load\" "
                + "xlink:href=\"vnd.sun.star.script:Standard.Module1.Avvio?language=Basic&amp;location=document\"/>"
                + "</office:event-listeners></office:scripts><office:body/>"));
        assertThat(macros(check("relazione.odt", hooked))).hasSize(1);
    }

    private static byte[] replaceEntry(byte[] zip, String name, java.util.function.UnaryOperator<String> edit) throws IOException {
        Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
            for (java.util.zip.ZipEntry e; (e = in.getNextEntry()) != null; ) {
                byte[] b = in.readAllBytes();
                entries.put(e.getName(), e.getName().equals(name) ? bytes(edit.apply(new String(b, StandardCharsets.UTF_8))) : b);
            }
        }
        return HostileFiles.zip(entries);
    }
}
