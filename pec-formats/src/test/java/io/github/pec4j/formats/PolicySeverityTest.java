package io.github.pec4j.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pec4j.core.Severity;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicySeverityTest {
    @TempDir
    Path dir;

    static final String YAML = """
            # an office that also admits signed XML invoices, refuses PDFs with embedded files
            # and only warns about a wrong extension
            allowedTypes:
              application/pdf: [pdf]
              application/xml: [xml]
            maxFileBytes: 10485760
            maxTotalBytes: 31457280
            maxNameLength: 80
            maxArchiveDepth: 2
            maxArchiveEntries: 200
            maxExpansionRatio: 50
            maxExpandedBytes: 52428800
            severities:
              PDF_EMBEDDED_FILE: ERROR
              EXTENSION_MISMATCH: WARNING
            """;

    private static FormatPolicy yaml(String text) throws IOException {
        return FormatPolicy.fromYaml(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    private FileReport check(FormatPolicy policy, String name, String content) throws IOException {
        Path f = Files.write(dir.resolve("f" + Math.abs(name.hashCode())), content.getBytes(StandardCharsets.ISO_8859_1));
        return FormatChecker.create(policy).check(f, name);
    }

    private static List<String> severities(FileReport r, FormatCode code) {
        return r.allFindings().stream().filter(f -> f.code() == code).map(f -> f.severity().name()).toList();
    }

    @Test
    @DisplayName("FMT-POLICY-01 an office's YAML policy sets its own severity per check and it decides the verdict")
    void yamlSeverities() throws IOException {
        FormatPolicy p = yaml(YAML);
        assertThat(p.maxNameLength()).isEqualTo(80);
        assertThat(p.severityOf(FormatCode.PDF_EMBEDDED_FILE)).isEqualTo(Severity.ERROR);
        assertThat(p.severityOf(FormatCode.MACRO)).isEqualTo(Severity.ERROR);

        String embedded = FormatCheckerTest.PDF.replace("/Type /Catalog", "/Type /Catalog /Names << /EmbeddedFiles << /Names [] >> >>");
        assertThat(check(FormatPolicy.caluso(), "a.pdf", embedded).verdict()).isEqualTo(Verdict.WARN);
        FileReport strict = check(p, "a.pdf", embedded);
        assertThat(strict.verdict()).isEqualTo(Verdict.REJECT);
        assertThat(severities(strict, FormatCode.PDF_EMBEDDED_FILE)).containsExactly("ERROR");

        FileReport renamed = check(p, "fattura.txt", "<FatturaElettronica><x/></FatturaElettronica>");
        assertThat(renamed.detectedType()).isEqualTo("application/xml");
        assertThat(severities(renamed, FormatCode.EXTENSION_MISMATCH)).containsExactly("WARNING");
        assertThat(renamed.verdict()).isEqualTo(Verdict.WARN);
        assertThat(check(FormatPolicy.caluso(), "fattura.txt", "<FatturaElettronica><x/></FatturaElettronica>").verdict())
                .isEqualTo(Verdict.REJECT);
    }

    @Test
    @DisplayName("FMT-POLICY-01 the same policy reads identically from JSON, YAML and code")
    void sameInEveryForm() throws IOException {
        String json = "{\"allowedTypes\":{\"application/pdf\":[\"pdf\"],\"application/xml\":[\"xml\"]},\"maxFileBytes\":10485760,"
                + "\"maxTotalBytes\":31457280,\"maxNameLength\":80,\"maxArchiveDepth\":2,\"maxArchiveEntries\":200,"
                + "\"maxExpansionRatio\":50,\"maxExpandedBytes\":52428800,"
                + "\"severities\":{\"PDF_EMBEDDED_FILE\":\"ERROR\",\"EXTENSION_MISMATCH\":\"WARNING\"}}";
        FormatPolicy fromJson = FormatPolicy.fromJson(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
        FormatPolicy inCode = new FormatPolicy(java.util.Map.of("application/pdf", java.util.Set.of("pdf"), "application/xml",
                java.util.Set.of("xml")), 10485760, 31457280, 80, 2, 200, 50, 52428800)
                .withSeverity(FormatCode.PDF_EMBEDDED_FILE, Severity.ERROR)
                .withSeverity(FormatCode.EXTENSION_MISMATCH, Severity.WARNING);
        assertThat(yaml(YAML)).isEqualTo(fromJson).isEqualTo(inCode);
        Path file = Files.writeString(dir.resolve("office.yml"), YAML);
        assertThat(FormatPolicy.load(file)).isEqualTo(inCode);
    }

    @Test
    @DisplayName("FMT-POLICY-01 executables, archive bombs and path traversal cannot be softened by a policy")
    void unyielding() {
        for (FormatCode c : FormatPolicy.UNYIELDING) {
            assertThatThrownBy(() -> FormatPolicy.caluso().withSeverity(c, Severity.WARNING))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(c.name());
            assertThatThrownBy(() -> yaml(YAML.replace("PDF_EMBEDDED_FILE: ERROR", c.name() + ": INFO")))
                    .isInstanceOf(IOException.class).hasMessageContaining(c.name() + " is always an ERROR");
        }
    }

    @Test
    @DisplayName("FMT-POLICY-01 a policy with an unknown field, code or severity, or a missing limit, is refused with a reason")
    void invalidPolicies() {
        assertThatThrownBy(() -> yaml(YAML + "maxPages: 3\n")).isInstanceOf(IOException.class).hasMessageContaining("maxPages");
        assertThatThrownBy(() -> yaml(YAML.replace("PDF_EMBEDDED_FILE", "PDF_EMBEDDED"))).isInstanceOf(IOException.class)
                .hasMessageContaining("PDF_EMBEDDED");
        assertThatThrownBy(() -> yaml(YAML.replace("WARNING", "SEVERE"))).isInstanceOf(IOException.class).hasMessageContaining("SEVERE");
        assertThatThrownBy(() -> yaml(YAML.replace("maxNameLength: 80\n", ""))).isInstanceOf(IOException.class)
                .hasMessageContaining("maxNameLength");
        assertThatThrownBy(() -> yaml(YAML.replace("maxArchiveDepth: 2", "maxArchiveDepth: 99"))).isInstanceOf(IOException.class)
                .hasMessageContaining("maxArchiveDepth must be in 0..10");
    }

    @Test
    @DisplayName("FMT-POLICY-01 the README's YAML policy loads and does what its comments say")
    void readmePolicy() throws IOException {
        Path readme = Path.of("..", "README.md");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(readme), "README not beside the module");
        String text = Files.readString(readme);
        int start = text.indexOf("```yaml\n") + "```yaml\n".length();
        FormatPolicy p = yaml(text.substring(start, text.indexOf("```", start)));
        assertThat(p.maxFileBytes()).isEqualTo(5L * 1024 * 1024);
        assertThat(p.allows("application/pdf")).isTrue();
        assertThat(p.allows("image/png")).isFalse();
        assertThat(p.severityOf(FormatCode.PDF_EMBEDDED_FILE)).isEqualTo(Severity.ERROR);
        assertThat(p.severityOf(FormatCode.EXTENSION_MISMATCH)).isEqualTo(Severity.WARNING);
        assertThat(p.names().allowedCharacters()).isEqualTo("[\\p{L}\\p{N} ._()-]");
        assertThat(p.names().executableExtensions()).contains("exe", "lnk").doesNotContain("apk");
    }

    @Test
    @DisplayName("FMT-ARCH-01 a RAR archive is always rejected, even under a policy that tries to allow it")
    void rarNeverAdmitted() throws IOException {
        // RAR 5 signature followed by filler: detected by content, whatever its name
        byte[] rar = new byte[64];
        System.arraycopy(new byte[] {0x52, 0x61, 0x72, 0x21, 0x1A, 0x07, 0x01, 0x00}, 0, rar, 0, 8);
        Path file = Files.write(dir.resolve("archivio.zip"), rar);
        FileReport r = FormatChecker.create(FormatPolicy.caluso().withSeverity(FormatCode.TYPE_NOT_ALLOWED, Severity.INFO))
                .check(file, "archivio.zip");
        assertThat(r.verdict()).isEqualTo(Verdict.REJECT);
        assertThat(r.findings()).extracting(Finding::code).contains(FormatCode.ARCHIVE_NOT_ADMISSIBLE);
        assertThatThrownBy(() -> yaml(YAML.replace("application/xml: [xml]", "application/x-rar-compressed: [rar]")))
                .isInstanceOf(IOException.class).hasMessageContaining("never admitted");
    }

    @Test
    @DisplayName("FMT-NAME-02 an office restricts the characters of names and adds its own executable extensions")
    void officeNameRules() throws IOException {
        FormatPolicy p = yaml(YAML + "names:\n  allowedCharacters: '[\\p{L}\\p{N} ._()-]'\n  executableExtensions: [exe, xyz]\n");
        Path pdf = Files.writeString(dir.resolve("n.pdf"), FormatCheckerTest.PDF);
        FormatChecker c = FormatChecker.create(p);
        assertThat(c.check(pdf, "Relazione finale (2024) città.pdf").verdict()).isEqualTo(Verdict.ACCEPT);
        FileReport amp = c.check(pdf, "Preventivo A&B 100€.pdf");
        assertThat(amp.verdict()).isEqualTo(Verdict.REJECT);
        assertThat(amp.findings()).anySatisfy(f -> {
            assertThat(f.code()).isEqualTo(FormatCode.NAME_INVALID);
            assertThat(f.english()).contains("characters not allowed by the office: & €");
        });
        assertThat(c.check(pdf, "atto.pdf.xyz").findings()).extracting(Finding::code).contains(FormatCode.NAME_DOUBLE_EXTENSION);
        // the default policy knows nothing of .xyz and allows & in names
        assertThat(FormatChecker.create(FormatPolicy.caluso()).check(pdf, "Preventivo A&B.pdf").verdict()).isEqualTo(Verdict.ACCEPT);
        assertThatThrownBy(() -> yaml(YAML + "names:\n  allowedCharacters: '[a-'\n")).isInstanceOf(IOException.class)
                .hasMessageContaining("not a regular expression");
    }
}
