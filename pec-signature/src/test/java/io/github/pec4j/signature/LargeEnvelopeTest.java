package io.github.pec4j.signature;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pec4j.core.PecMessage;
import io.github.pec4j.core.PecParser;
import io.github.pec4j.testkit.FixtureKind;
import io.github.pec4j.testkit.PecFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parse plus provider-signature verification of a 30 MB envelope, in one pass, with -Xmx32m. */
class LargeEnvelopeTest {

    /** Child JVM: parse with the one-pass digest and verify. */
    public static final class Probe {
        public static void main(String[] args) throws IOException {
            try (PecMessage m = PecParser.create().withSignedContentDigest().parse(Path.of(args[0]))) {
                ProviderSignatureReport r = ProviderSignatureVerifier.create(TrustStore.empty()).verify(m);
                System.out.println(r.integrity() + " " + r.onePass() + " " + m.attachments().get(0).size());
            }
        }
    }

    @Test
    @DisplayName("SEC-HEAP-01 a 30 MB envelope parses and its provider signature verifies in one pass with -Xmx32m")
    void thirtyMegabytes(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("grande.eml");
        PecFixtures.create().message(FixtureKind.POSTA_CERTIFICATA).attachment("progetto.pdf", "application/pdf", 30L * 1024 * 1024)
                .writeTo(file);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-Xmx32m", "-Djava.io.tmpdir=" + dir, "-cp", System.getProperty("java.class.path"),
                Probe.class.getName(), file.toString())).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(err).isZero();
        assertThat(out.trim()).isEqualTo("VALID true " + (30 * 1024 * 1024));
    }
}
