package io.github.pec4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Heap use does not grow with message size: a 30 MB attachment parses in a child JVM with -Xmx32m. */
class LargeMessageTest {

    /** Entry point of the child JVM: parses a file and prints the first attachment's size and hash. */
    public static final class Probe {
        public static void main(String[] args) throws IOException {
            try (PecMessage m = PecParser.create().parse(Path.of(args[0]))) {
                Attachment a = m.attachments().get(0);
                System.out.println(m.kind().id() + " " + a.size() + " " + a.sha256() + " " + m.hasErrors());
            }
        }
    }

    /** Writes an envelope with a pseudo-random attachment of {@code size} bytes, streaming; returns its SHA-256. */
    static String writeEnvelope(Path file, int size) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        String head = Mime.envelope(Mime.envelopeHeaders(), Mime.DATICERT_ENVELOPE, Mime.original("grande.pdf", new byte[] {1}));
        String marker = Mime.b64(new byte[] {1});
        int at = head.indexOf("filename=\"grande.pdf\"\r\n\r\n" + marker) + "filename=\"grande.pdf\"\r\n\r\n".length();
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            out.write(head.substring(0, at).getBytes(StandardCharsets.US_ASCII));
            Random random = new Random(7);
            byte[] chunk = new byte[57 * 1024]; // a multiple of 57 bytes: 76-character base64 lines
            Base64.Encoder enc = Base64.getMimeEncoder(76, new byte[] {'\r', '\n'});
            for (int written = 0; written < size; ) {
                int n = Math.min(chunk.length, size - written);
                random.nextBytes(chunk);
                md.update(chunk, 0, n);
                out.write(enc.encode(java.util.Arrays.copyOf(chunk, n)));
                out.write('\r');
                out.write('\n');
                written += n;
            }
            out.write(head.substring(at + marker.length() + 2).getBytes(StandardCharsets.US_ASCII));
        }
        return HexFormat.of().formatHex(md.digest());
    }

    @Test
    @Tag("SEC-HEAP-01")
    @DisplayName("SEC-HEAP-01 an envelope with a 30 MB attachment parses with -Xmx32m, attachment hashed and spooled")
    void thirtyMegabytesInThirtyTwoMegabytesOfHeap(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("grande.eml");
        String sha = writeEnvelope(file, 30 * 1024 * 1024);
        assertThat(Files.size(file)).isGreaterThan(40L * 1024 * 1024);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-Xmx32m", "-Djava.io.tmpdir=" + dir,
                "-cp", System.getProperty("java.class.path"), Probe.class.getName(), file.toString()));
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out.trim()).isEqualTo("posta-certificata " + (30 * 1024 * 1024) + " " + sha + " false");
        try (var files = Files.list(dir)) {
            assertThat(files.map(Path::getFileName).map(Path::toString)).containsExactly("grande.eml"); // spool released
        }
    }
}
