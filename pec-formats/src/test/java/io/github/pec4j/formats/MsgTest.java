package io.github.pec4j.formats;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pec4j.testkit.Attachments;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MsgTest {
    private final FormatChecker checker = FormatChecker.create(FormatPolicy.caluso());
    @TempDir
    Path dir;

    private FileReport check(String name, byte[] content) throws IOException {
        return checker.check(Files.write(dir.resolve("m" + Math.abs(name.hashCode()) + content.length), content), name);
    }

    @Test
    @DisplayName("FMT-ARCH-01 an Outlook .msg is opened and each attachment, small or large, is checked as a member")
    void members() throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        byte[] big = new byte[20_000];
        Arrays.fill(big, (byte) 'a');
        files.put("relazione lunga è.txt", big); // past the 4,096-byte mini-stream cutoff: regular sectors
        files.put("istanza.pdf", Attachments.allowed().stream().filter(s -> s.name().equals("istanza.pdf")).findFirst().orElseThrow().content());
        FileReport r = check("posta.msg", Attachments.msg("Istanza", files));
        assertThat(r.detectedType()).isEqualTo("application/vnd.ms-outlook");
        assertThat(r.verdict()).isEqualTo(Verdict.ACCEPT);
        assertThat(r.members()).extracting(FileReport::path).containsExactly("posta.msg/relazione lunga è.txt", "posta.msg/istanza.pdf");
        assertThat(r.members()).extracting(FileReport::size).containsExactly(20_000L, (long) files.get("istanza.pdf").length);
        assertThat(r.members().get(1).detectedType()).isEqualTo("application/pdf");
    }

    @Test
    @DisplayName("FMT-ARCH-01 a .msg carrying a disguised executable or a traversal name is rejected through its member")
    void hostileMembers() throws IOException {
        FileReport exe = check("a.msg", Attachments.msg("x", Map.of("fattura.pdf", new byte[] {'M', 'Z', 0, 0})));
        assertThat(exe.verdict()).isEqualTo(Verdict.REJECT);
        assertThat(exe.members().get(0).findings()).extracting(Finding::code).contains(FormatCode.EXECUTABLE);
        FileReport traversal = check("b.msg", Attachments.msg("x", Map.of("..\\..\\win.ini", "x".getBytes(StandardCharsets.US_ASCII))));
        assertThat(traversal.allFindings()).extracting(Finding::code).contains(FormatCode.PATH_TRAVERSAL);
    }

    @Test
    @DisplayName("FMT-ARCH-01 a truncated or corrupted .msg is unreadable, reported, never an exception or a hang")
    void corrupt() throws IOException {
        byte[] good = Attachments.msg("x", Map.of("a.txt", "testo".getBytes(StandardCharsets.US_ASCII)));
        for (int cut : new int[] {520, 1024, good.length / 2, good.length - 100}) {
            FileReport r = check("cut.msg", Arrays.copyOf(good, cut));
            assertThat(r.verdict()).as("cut at %d", cut).isIn(Verdict.REJECT, Verdict.WARN);
        }
        // every FAT entry pointing at itself: a chain cycle
        byte[] cyclic = good.clone();
        for (int i = 0; i < 128; i++) {
            java.nio.ByteBuffer.wrap(cyclic, 512 + 4 * i, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(i);
        }
        FileReport r = check("cycle.msg", cyclic);
        assertThat(r.findings()).extracting(Finding::code).contains(FormatCode.UNREADABLE);
        // deterministic corruption of every 37th byte past the header
        byte[] noisy = good.clone();
        for (int i = 512; i < noisy.length; i += 37) {
            noisy[i] ^= (byte) 0xA5;
        }
        assertThat(check("noisy.msg", noisy).verdict()).isNotNull();
    }

    @Test
    @DisplayName("FMT-ENC-01 an OLE2 file under an OOXML name is encrypted OOXML, with or without a readable EncryptedPackage")
    void encryptedOoxml() throws IOException {
        byte[] ole = Attachments.encryptedOoxml();
        FileReport named = check("bilancio.xlsx", ole);
        assertThat(named.verdict()).isEqualTo(Verdict.REJECT);
        assertThat(named.findings()).extracting(Finding::code).contains(FormatCode.ENCRYPTED);
        FileReport renamed = check("bilancio.bin", ole);
        assertThat(renamed.findings()).extracting(Finding::code).contains(FormatCode.ENCRYPTED);
        FileReport broken = check("bilancio.docx", Arrays.copyOf(ole, 600));
        assertThat(broken.findings()).extracting(Finding::code).contains(FormatCode.ENCRYPTED);
    }
}
