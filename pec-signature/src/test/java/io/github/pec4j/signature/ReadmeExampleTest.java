package io.github.pec4j.signature;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pec4j.core.PecMessage;
import io.github.pec4j.core.PecParser;
import io.github.pec4j.testkit.FixtureKind;
import io.github.pec4j.testkit.PecFixtures;
import io.github.pec4j.testkit.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's verification example, with real files. */
class ReadmeExampleTest {
    @Test
    void readmeExample(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("pec-ca"));
        TestPki.shared().writeTrustAnchorPem(dir.resolve("pec-ca/test.pem"));
        String sha256 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(TestPki.shared().providerCertificate().getEncoded()));
        Files.writeString(dir.resolve("providers-index.ldif"), "dn: providerName=Test\nproviderCertificateHash: " + sha256 + "\n");
        Path file = dir.resolve("m.eml");
        Files.write(file, PecFixtures.create().message(FixtureKind.AVVENUTA_CONSEGNA).build());

        TrustStore trust = TrustStore.builder()
                .addPem(dir.resolve("pec-ca/"))
                .addLdif(dir.resolve("providers-index.ldif"))
                .build();
        ProviderSignatureVerifier verifier = ProviderSignatureVerifier.create(trust);
        try (PecMessage msg = PecParser.create().withSignedContentDigest().parse(file)) {
            ProviderSignatureReport report = verifier.verify(msg);
            assertThat(report.verdict()).isEqualTo(Verdict.VALID_TRUSTED);
            assertThat(report.isGenuine()).isTrue();
        }
        assertThat(trust.anchorCount()).isEqualTo(1);
        assertThat(trust.providerCount()).isEqualTo(1);
    }
}
