package io.github.pec4j.formats;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pec4j.core.PecMessage;
import io.github.pec4j.core.PecParser;
import io.github.pec4j.testkit.Attachments;
import io.github.pec4j.testkit.FixtureKind;
import io.github.pec4j.testkit.HostileFiles;
import io.github.pec4j.testkit.PecFixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The per-file boundary: whatever a library or our code throws while one file is checked becomes a
 * finding for that file (never ACCEPT), and the other files of the message are still checked.
 */
class CheckBoundaryTest {
    private static final byte[] MZ = {'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0, 4, 0};
    private final FormatChecker checker = FormatChecker.create(FormatPolicy.caluso());
    @TempDir
    Path dir;

    static Stream<Arguments> hostile() {
        String pdf = new String(Attachments.pdf(), StandardCharsets.ISO_8859_1);
        return Stream.of(
                Arguments.of("fattura.xml.p7m", HostileFiles.cmsWithoutSignerInfos("<fattura/>".getBytes(StandardCharsets.UTF_8))),
                Arguments.of("fattura.xml.p7m", HostileFiles.cmsWithNulls()),
                Arguments.of("fattura.xml.p7m", HostileFiles.cmsWithNestedSets(10_000)),
                Arguments.of("fattura.xml.p7m", SignedDocuments_base64(HostileFiles.cmsWithNulls())),
                Arguments.of("allegati.zip", HostileFiles.zipWithBrokenCentralDirectory()),
                Arguments.of("istanza.pdf", pdf.replace("/Kids [3 0 R]", "/Kids [2 0 R 3 0 R]").replace("/Parent 2 0 R", "/Parent 3 0 R")
                        .getBytes(StandardCharsets.ISO_8859_1)),
                Arguments.of("istanza.pdf", pdf.replace("trailer << /Root 1 0 R >>", "xref\n0 99999999999\ntrailer << /Root 1 0 R /Size -5 "
                        + "/Prev 99999999999 >>\nstartxref\n-1").getBytes(StandardCharsets.ISO_8859_1)),
                Arguments.of("istanza.pdf", ("%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 1 0 R /Names 1 0 R /Metadata 2 0 R >> endobj\n"
                        + "2 0 obj << /Length 999999999 /Filter [/FlateDecode /FlateDecode] >> stream\nxx\nendstream endobj\n"
                        + "trailer << /Root 1 0 R >>\n%%EOF\n").getBytes(StandardCharsets.ISO_8859_1)),
                Arguments.of("istanza.pdf", "%PDF-1.7\n".getBytes(StandardCharsets.ISO_8859_1)),
                Arguments.of("dati.xml", "<?xml version=\"1.0\"?><a><b></a>".getBytes(StandardCharsets.UTF_8)),
                Arguments.of("dati.xml", "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x SYSTEM \"http://127.0.0.1:9/x\">]><a>&x;</a>"
                        .getBytes(StandardCharsets.UTF_8)),
                Arguments.of("relazione.docx", HostileFiles.docx("<Relationship Id=\"r\" Type=\"&undefined;\"/><!DOCTYPE x>", Map.of())),
                Arguments.of("relazione.odt", HostileFiles.odt("<manifest:manifest><manifest:file-entry", Map.of("content.xml", "<a><b></a>"))));
    }

    @org.junit.jupiter.api.Tag("SEC-CLOSED-07")
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"allegati.zip", "istanza.pdf"})
    @DisplayName("SEC-CLOSED-07 a ZIP entry compressed with Zstandard, whose codec pec4j does not ship, alone or behind a PDF, is CHECK_FAILED "
            + "and REJECT, never an Error out of the check")
    void zipEntryWithoutCodec(String name) throws IOException {
        byte[] zip = zipWithMethod(93); // APPNOTE 4.4.5: 93 Zstandard
        byte[] content = name.endsWith(".pdf") ? concat(Attachments.pdf(), zip) : zip;

        FileReport r = checker.check(Files.write(dir.resolve("f.bin"), content), name);

        assertThat(r.verdict()).isEqualTo(Verdict.REJECT);
        assertThat(r.allFindings()).anySatisfy(f -> {
            assertThat(f.code()).isEqualTo(FormatCode.CHECK_FAILED);
            assertThat(f.english()).contains("codec");
        });
    }

    /** A ZIP of one stored entry whose compression method, in its local and central headers, is {@code method}. */
    private static byte[] zipWithMethod(int method) throws IOException {
        byte[] data = "contenuto".getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(out)) {
            java.util.zip.ZipEntry e = new java.util.zip.ZipEntry("dentro.txt");
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(data);
            e.setMethod(java.util.zip.ZipEntry.STORED);
            e.setSize(data.length);
            e.setCrc(crc.getValue());
            z.putNextEntry(e);
            z.write(data);
            z.closeEntry();
        }
        byte[] b = out.toByteArray();
        for (int i = 0; i + 4 <= b.length; i++) {
            if (b[i] == 'P' && b[i + 1] == 'K' && b[i + 2] == 3 && b[i + 3] == 4) b[i + 8] = (byte) method; // local header
            if (b[i] == 'P' && b[i + 1] == 'K' && b[i + 2] == 1 && b[i + 3] == 2) b[i + 10] = (byte) method; // central directory
        }
        return b;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] SignedDocuments_base64(byte[] der) {
        return io.github.pec4j.testkit.SignedDocuments.base64(der);
    }

    @ParameterizedTest
    @MethodSource("hostile")
    @DisplayName("a hostile file gives a report, never an exception, never ACCEPT when the check could not finish, and nothing on stderr")
    void hostileFileIsReported(String name, byte[] content) throws IOException {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        FileReport r;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            r = checker.check(Files.write(dir.resolve("f.bin"), content), name);
        } finally {
            System.setErr(err);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).isEmpty();
        if (r.allFindings().stream().anyMatch(f -> f.code() == FormatCode.CHECK_FAILED)) {
            assertThat(r.verdict()).isEqualTo(Verdict.REJECT);
        }
        if (name.endsWith(".p7m") || name.endsWith(".zip")) {
            assertThat(r.verdict()).isEqualTo(Verdict.REJECT); // a signature that cannot be verified, a directory that cannot be read
        }
    }

    @Test
    @DisplayName("a .p7m whose CMS has no SignerInfo is rejected with a finding, not an exception")
    void noSignerInfos() throws IOException {
        FileReport r = checker.check(Files.write(dir.resolve("f.bin"),
                HostileFiles.cmsWithoutSignerInfos("<fattura/>".getBytes(StandardCharsets.UTF_8))), "fattura.xml.p7m");
        assertThat(r.verdict()).isEqualTo(Verdict.REJECT);
        assertThat(r.findings()).extracting(Finding::code).containsAnyOf(FormatCode.SIGNATURE_INVALID, FormatCode.CHECK_FAILED);
    }

    @Test
    @DisplayName("CHECK_FAILED names the cause's class, never its message (which may quote the file), and cannot be softened")
    void checkFailedIsUnyielding() {
        assertThat(FormatPolicy.UNYIELDING).contains(FormatCode.CHECK_FAILED);
        Finding f = Finding.of(FormatCode.CHECK_FAILED, "a.p7m", "application/pkcs7-mime: java.lang.NullPointerException");
        assertThat(f.severity()).isEqualTo(io.github.pec4j.core.Severity.ERROR);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FormatPolicy.caluso().withSeverity(FormatCode.CHECK_FAILED,
                io.github.pec4j.core.Severity.INFO)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("in a ZIP, a hostile member is rejected (SIGNATURE_INVALID since pec-signature bounds the nesting, CHECK_FAILED had it thrown) and the executable next to it is still found")
    void siblingMembersStillChecked() throws IOException {
        byte[] zip = storedZip(Map.of("a-fattura.xml.p7m", HostileFiles.cmsWithNestedSets(10_000), "b-fattura.pdf", MZ));
        FileReport r = checker.check(Files.write(dir.resolve("f.bin"), zip), "allegati.zip");
        assertThat(r.verdict()).isEqualTo(Verdict.REJECT);
        assertThat(r.members()).extracting(FileReport::path).containsExactlyInAnyOrder("allegati.zip/a-fattura.xml.p7m", "allegati.zip/b-fattura.pdf");
        assertThat(byPath(r.members(), "allegati.zip/a-fattura.xml.p7m").verdict()).isEqualTo(Verdict.REJECT);
        assertThat(byPath(r.members(), "allegati.zip/a-fattura.xml.p7m").findings()).extracting(Finding::code)
                .containsAnyOf(FormatCode.SIGNATURE_INVALID, FormatCode.CHECK_FAILED);
        assertThat(byPath(r.members(), "allegati.zip/b-fattura.pdf").findings()).extracting(Finding::code).contains(FormatCode.EXECUTABLE);
    }

    @Test
    @DisplayName("in a message, hostile attachments are reported and the executable after them is still found")
    void otherAttachmentsStillChecked() throws IOException {
        byte[] eml = PecFixtures.create().message(FixtureKind.POSTA_CERTIFICATA)
                .attachment("fattura.xml.p7m", "application/pkcs7-mime", HostileFiles.cmsWithNestedSets(10_000))
                .attachment("firma.p7m", "application/pkcs7-mime", HostileFiles.cmsWithNulls())
                .attachment("allegati.zip", "application/zip", HostileFiles.zipWithBrokenCentralDirectory())
                .attachment("fattura.pdf", "application/pdf", HostileFiles.pdfWithAppended(HostileFiles.zip(Map.of("fattura.exe", MZ))))
                .attachment("nota.txt", "text/plain", "testo".getBytes(StandardCharsets.UTF_8))
                .build();
        List<FileReport> reports;
        try (PecMessage m = PecParser.create().parse(eml)) {
            reports = checker.check(m);
        }
        assertThat(reports).extracting(FileReport::path).contains("fattura.xml.p7m", "firma.p7m", "allegati.zip", "fattura.pdf", "nota.txt");
        assertThat(byPath(reports, "fattura.xml.p7m").verdict()).isEqualTo(Verdict.REJECT);
        assertThat(byPath(reports, "firma.p7m").verdict()).isEqualTo(Verdict.REJECT);
        assertThat(byPath(reports, "allegati.zip").verdict()).isEqualTo(Verdict.REJECT);
        assertThat(byPath(reports, "fattura.pdf").allFindings()).extracting(Finding::code).contains(FormatCode.EXECUTABLE);
        assertThat(byPath(reports, "nota.txt").verdict()).isEqualTo(Verdict.ACCEPT);
        assertThat(FormatChecker.verdict(reports)).isEqualTo(Verdict.REJECT);
    }

    /** Stored, not deflated: the nested SETs compress so well that a deflated ZIP is an ARCHIVE_BOMB by ratio before any member is read. */
    private static byte[] storedZip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(b)) {
            for (Map.Entry<String, byte[]> e : new java.util.TreeMap<>(entries).entrySet()) {
                java.util.zip.ZipEntry ze = new java.util.zip.ZipEntry(e.getKey());
                java.util.zip.CRC32 crc = new java.util.zip.CRC32();
                crc.update(e.getValue());
                ze.setMethod(java.util.zip.ZipEntry.STORED);
                ze.setSize(e.getValue().length);
                ze.setCrc(crc.getValue());
                z.putNextEntry(ze);
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        return b.toByteArray();
    }

    private static FileReport byPath(List<FileReport> reports, String path) {
        return reports.stream().filter(r -> r.path().equals(path)).findFirst().orElseThrow();
    }
}
