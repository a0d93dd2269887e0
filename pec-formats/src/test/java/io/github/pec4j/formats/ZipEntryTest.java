package io.github.pec4j.formats;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZipEntryTest {
    private final FormatChecker checker = FormatChecker.create(FormatPolicy.caluso());
    @TempDir
    Path dir;

    private FileReport check(String name, byte[] content) throws IOException {
        return checker.check(Files.write(dir.resolve("f" + Math.abs(name.hashCode())), content), name);
    }

    /** A ZIP with one text entry whose name is written in {@code charset} (the JDK sets bit 11 only for UTF-8). */
    private static byte[] zip(String entry, Charset charset) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(b, charset)) {
            z.putNextEntry(new ZipEntry(entry));
            z.write("testo".getBytes(StandardCharsets.US_ASCII));
            z.closeEntry();
        }
        return b.toByteArray();
    }

    /** Sets or clears general-purpose bit {@code bit} in every local and central header. */
    private static byte[] flag(byte[] zip, int bit, boolean on) {
        byte[] z = Arrays.copyOf(zip, zip.length);
        for (int i = 0; i + 4 < z.length; i++) {
            int at = z[i] == 'P' && z[i + 1] == 'K' && z[i + 2] == 3 && z[i + 3] == 4 ? i + 6
                    : z[i] == 'P' && z[i + 1] == 'K' && z[i + 2] == 1 && z[i + 3] == 2 ? i + 8 : -1;
            if (at > 0) {
                int v = (z[at] & 0xFF) | (z[at + 1] & 0xFF) << 8;
                v = on ? v | 1 << bit : v & ~(1 << bit);
                z[at] = (byte) v;
                z[at + 1] = (byte) (v >> 8);
            }
        }
        return z;
    }

    private static List<String> memberPaths(FileReport r) {
        return r.members().stream().map(FileReport::path).toList();
    }

    @Test
    @DisplayName("FMT-NAME-01 ZIP entry names: UTF-8 when bit 11 says so, CP437 otherwise, NFC before the checks")
    void entryNameEncodings() throws IOException {
        FileReport utf8 = check("a.zip", zip("relazione é più.txt", StandardCharsets.UTF_8));
        assertThat(memberPaths(utf8)).containsExactly("a.zip/relazione é più.txt");
        assertThat(utf8.allFindings()).noneMatch(f -> f.code() == FormatCode.NAME_ENCODING);

        FileReport cp437 = check("b.zip", zip("perché così.txt", Charset.forName("IBM437")));
        assertThat(memberPaths(cp437)).containsExactly("b.zip/perché così.txt");
        assertThat(cp437.allFindings()).anySatisfy(f -> {
            assertThat(f.code()).isEqualTo(FormatCode.NAME_ENCODING);
            assertThat(f.english()).contains("CP437");
        });
        assertThat(cp437.verdict()).isEqualTo(Verdict.ACCEPT);

        // UTF-8 bytes without the flag are CP437 by the rule; the report shows the UTF-8 reading too
        FileReport unflagged = check("c.zip", flag(zip("è.txt", StandardCharsets.UTF_8), 11, false));
        assertThat(memberPaths(unflagged)).containsExactly("c.zip/├¿.txt");
        assertThat(unflagged.allFindings()).anySatisfy(f -> assertThat(f.english()).contains("as UTF-8 it would read 'è.txt'"));

        // a decomposed name (e + combining grave) is normalised to NFC before the rules
        FileReport nfd = check("d.zip", zip("cit\u0300a.txt", StandardCharsets.UTF_8));
        assertThat(nfd.verdict()).isEqualTo(Verdict.ACCEPT);
    }

    @Test
    @DisplayName("FMT-ENC-01 a ZIP entry with the encryption flag is rejected as encrypted, without reading it")
    void encryptedEntry() throws IOException {
        FileReport r = check("cifrato.zip", flag(zip("atto.txt", StandardCharsets.UTF_8), 0, true));
        assertThat(r.verdict()).isEqualTo(Verdict.REJECT);
        assertThat(r.findings()).extracting(Finding::code).contains(FormatCode.ENCRYPTED);
        assertThat(r.members()).isEmpty();
    }

    @Test
    @DisplayName("FMT-ARCH-01 a truncated or corrupt ZIP is unreadable, reported, never an exception")
    void corrupt() throws IOException {
        byte[] good = zip("atto.txt", StandardCharsets.UTF_8);
        for (int cut : new int[] {10, 30, good.length / 2, good.length - 10}) {
            FileReport r = check("rotto" + cut + ".zip", Arrays.copyOf(good, cut));
            assertThat(r.verdict()).as("cut at %d", cut).isEqualTo(Verdict.REJECT);
        }
        byte[] garbled = good.clone();
        for (int i = 30; i < 45; i++) {
            garbled[i] ^= 0x5A;
        }
        assertThat(check("garbled.zip", garbled).verdict()).isEqualTo(Verdict.REJECT);
    }
}
