package io.github.pec4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A 30 MB attachment streams: a child JVM with a 32 MB heap writes the whole envelope. */
class LargeMessageTest {
    static final long SIZE = 30L * 1024 * 1024;

    /** Entry point of the child JVM: writes the envelope to {@code args[0]} and prints the attachment's hash. */
    public static final class Writer {
        public static void main(String[] args) throws Exception {
            MessageBuilder b = large();
            b.writeTo(Path.of(args[0]));
            System.out.println(b.expectedAttachments().get(0).sha256());
        }
    }

    static MessageBuilder large() {
        return PecFixtures.create().message(FixtureKind.POSTA_CERTIFICATA).attachment("progetto_esecutivo.pdf", "application/pdf", SIZE);
    }

    @Test
    void aThirtyMegabyteAttachmentIsWrittenWithASmallHeap(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("big.eml");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx32m", "-cp", System.getProperty("java.class.path"), Writer.class.getName(),
                file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).isEqualTo(large().expectedAttachments().get(0).sha256());
        // base64 alone makes the file larger than the child's whole heap
        assertThat(Files.size(file)).isGreaterThan(SIZE * 4 / 3);

        byte[] msg = Files.readAllBytes(file);
        Messages.Signed parts = Messages.split(msg);
        assertThat(Messages.verifies(parts.content(), parts.signature(), PecFixtures.create().pki().providerCertificate())).isTrue();
    }
}
