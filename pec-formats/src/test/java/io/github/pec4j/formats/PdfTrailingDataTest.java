package io.github.pec4j.formats;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pec4j.testkit.Attachments;
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

/** What follows a PDF's last %%EOF is reported, and checked like an archive member when it is a file of its own. */
class PdfTrailingDataTest {
    private static final byte[] MZ = {'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0, 4, 0};
    private final FormatChecker checker = FormatChecker.create(FormatPolicy.caluso());
    @TempDir
    Path dir;

    private FileReport check(String name, byte[] content) throws IOException {
        Path f = Files.write(dir.resolve("f.bin"), content);
        return checker.check(f, name);
    }

    private static List<FormatCode> codes(FileReport r) {
        return r.allFindings().stream().map(Finding::code).toList();
    }

    @Test
    @DisplayName("FMT-ARCH-01 a ZIP holding an .exe appended after %%EOF is reported and its executable rejects the PDF")
    void appendedZipWithExecutable() throws IOException {
        byte[] zip = HostileFiles.zip(Map.of("fattura.exe", MZ));
        FileReport r = check("istanza.pdf", HostileFiles.pdfWithAppended(zip));

        assertThat(r.detectedType()).isEqualTo("application/pdf");
        assertThat(r.verdict()).isEqualTo(Verdict.REJECT);
        assertThat(r.findings()).extracting(Finding::code).contains(FormatCode.PDF_TRAILING_DATA);
        assertThat(r.findings().get(r.findings().size() - 1).english()).doesNotContain("%%%%");
        FileReport tail = r.members().get(0);
        assertThat(tail.detectedType()).isEqualTo("application/zip");
        assertThat(tail.path()).isEqualTo("istanza.pdf/after-EOF.zip");
        assertThat(tail.members()).singleElement().satisfies(exe -> {
            assertThat(exe.path()).isEqualTo("istanza.pdf/after-EOF.zip/fattura.exe");
            assertThat(exe.findings()).extracting(Finding::code).contains(FormatCode.EXECUTABLE);
        });
    }

    @Test
    @DisplayName("a ZIP holding an .exe hidden between the PDF and a forged final %%EOF is found where ZIP readers look")
    void zipBeforeForgedEof() throws IOException {
        byte[] zip = HostileFiles.zip(Map.of("fattura.exe", MZ));
        FileReport r = check("istanza.pdf", concat(HostileFiles.pdfWithAppended(zip), "\n%%EOF\n".getBytes(StandardCharsets.US_ASCII)));
        assertThat(r.findings()).extracting(Finding::code).contains(FormatCode.PDF_TRAILING_DATA);
        assertThat(codes(r)).contains(FormatCode.EXECUTABLE);
        assertThat(r.verdict()).isEqualTo(Verdict.REJECT);
    }

    @Test
    @DisplayName("an executable appended directly after %%EOF rejects the PDF")
    void appendedExecutable() throws IOException {
        FileReport r = check("istanza.pdf", HostileFiles.pdfWithAppended(MZ));
        assertThat(r.verdict()).isEqualTo(Verdict.REJECT);
        assertThat(codes(r)).contains(FormatCode.PDF_TRAILING_DATA, FormatCode.EXECUTABLE);
    }

    @Test
    @DisplayName("junk after %%EOF is a finding (at least a warning), without a member")
    void appendedJunk() throws IOException {
        byte[] junk = new byte[300];
        for (int i = 0; i < junk.length; i++) {
            junk[i] = (byte) (i * 37 + 11);
        }
        FileReport r = check("istanza.pdf", HostileFiles.pdfWithAppended(junk));
        assertThat(r.verdict()).isNotEqualTo(Verdict.ACCEPT);
        assertThat(r.findings()).filteredOn(f -> f.code() == FormatCode.PDF_TRAILING_DATA).singleElement()
                .satisfies(f -> assertThat(f.english()).contains("300 bytes from offset " + Attachments.pdf().length).contains("%%EOF"));
    }

    @Test
    @DisplayName("only PDF whitespace (CR, LF, space, tab, NUL, FF) after %%EOF is no finding")
    void whitespaceOnlyTailIsClean() throws IOException {
        FileReport r = check("istanza.pdf", HostileFiles.pdfWithAppended("\r\n \t\0\f\n".getBytes(StandardCharsets.ISO_8859_1)));
        assertThat(codes(r)).doesNotContain(FormatCode.PDF_TRAILING_DATA);
        assertThat(r.verdict()).isEqualTo(Verdict.ACCEPT);
    }

    @Test
    @DisplayName("a legitimate incrementally updated PDF (several %%EOF) has no finding")
    void incrementalUpdate() throws IOException {
        FileReport r = check("istanza.pdf", HostileFiles.incrementallyUpdatedPdf());
        assertThat(codes(r)).doesNotContain(FormatCode.PDF_TRAILING_DATA);
        assertThat(r.members()).isEmpty();
        assertThat(r.verdict()).isEqualTo(Verdict.ACCEPT);
    }

    @Test
    @DisplayName("the last %%EOF is found when the 1 MiB backwards read window cuts it, and data a window further on is found")
    void markerAcrossTheWindowEdge() throws IOException {
        byte[] pdf = Attachments.pdf(); // ends in "%%EOF\n"
        byte[] spaces = new byte[(1 << 20) - 3];
        java.util.Arrays.fill(spaces, (byte) ' ');
        byte[] padded = concat(pdf, spaces); // the last window starts inside "%%EOF"
        assertThat(codes(check("istanza.pdf", padded))).doesNotContain(FormatCode.PDF_TRAILING_DATA);

        FileReport withTail = check("istanza.pdf", concat(padded, HostileFiles.zip(Map.of("fattura.exe", MZ))));
        assertThat(codes(withTail)).contains(FormatCode.PDF_TRAILING_DATA, FormatCode.EXECUTABLE);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
