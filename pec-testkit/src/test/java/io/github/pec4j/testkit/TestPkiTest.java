package io.github.pec4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Date;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The test PKI: a CA, the provider it certifies, a rogue signer; deterministic from a seed. */
class TestPkiTest {
    private static final TestPki PKI = TestPki.shared();

    @Test
    void providerCertificateIsIssuedByTheCa() throws Exception {
        X509Certificate provider = PKI.providerCertificate();
        X509Certificate ca = PKI.caCertificate();
        assertThat(provider.getSubjectX500Principal()).isEqualTo(new X500Principal("CN=Posta Certificata Test PEC, O=Test PEC S.p.A., C=IT"));
        assertThat(provider.getIssuerX500Principal()).isEqualTo(ca.getSubjectX500Principal());
        provider.verify(ca.getPublicKey());
        ca.verify(ca.getPublicKey());
        assertThat(((RSAPublicKey) provider.getPublicKey()).getModulus().bitLength()).isEqualTo(2048);
        assertThat(((RSAPublicKey) ca.getPublicKey()).getModulus().bitLength()).isEqualTo(2048);
        assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(provider.getBasicConstraints()).isEqualTo(-1);
        assertThat(provider.getKeyUsage()[0]).isTrue(); // digitalSignature
        for (String when : new String[] {"2000-01-01T00:00:00Z", "2024-03-15T09:15:30Z", "2099-12-31T23:59:59Z"}) {
            provider.checkValidity(Date.from(Instant.parse(when)));
            ca.checkValidity(Date.from(Instant.parse(when)));
        }
    }

    @Test
    void tlsServerCertificateIsIssuedByTheCaForLoopback() throws Exception {
        X509Certificate tls = PKI.tlsServerCertificate();
        tls.verify(PKI.caCertificate().getPublicKey());
        assertThat(tls.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1"); // id-kp-serverAuth
        assertThat(tls.getSubjectAlternativeNames().stream().map(n -> String.valueOf(n.get(1))).toList()).containsExactlyInAnyOrder("localhost", "127.0.0.1");
        assertThat(signs(PKI.tlsServerKey(), tls)).isTrue();
        assertThat(TestPki.generate(2005).tlsServerCertificate()).isEqualTo(tls);
    }

    @Test
    void keysMatchTheirCertificates() throws Exception {
        assertThat(signs(PKI.providerKey(), PKI.providerCertificate())).isTrue();
        assertThat(signs(PKI.otherKey(), PKI.otherCertificate())).isTrue();
        assertThat(signs(PKI.otherKey(), PKI.providerCertificate())).isFalse();
        assertThat(PKI.otherCertificate().getIssuerX500Principal()).isNotEqualTo(PKI.caCertificate().getSubjectX500Principal());
    }

    private static boolean signs(java.security.PrivateKey key, X509Certificate cert) throws Exception {
        byte[] data = "firma".getBytes(StandardCharsets.US_ASCII);
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initSign(key);
        s.update(data);
        byte[] sig = s.sign();
        Signature v = Signature.getInstance("SHA256withRSA");
        v.initVerify(cert);
        v.update(data);
        return v.verify(sig);
    }

    @Test
    void sameSeedSamePki() throws Exception {
        TestPki a = TestPki.generate(7);
        TestPki b = TestPki.generate(7);
        assertThat(a.caCertificate().getEncoded()).isEqualTo(b.caCertificate().getEncoded());
        assertThat(a.providerCertificate().getEncoded()).isEqualTo(b.providerCertificate().getEncoded());
        assertThat(a.providerKey().getEncoded()).isEqualTo(b.providerKey().getEncoded());
        assertThat(a.otherCertificate().getEncoded()).isEqualTo(b.otherCertificate().getEncoded());
        assertThat(a.providerCertificate()).isNotEqualTo(PKI.providerCertificate());
        assertThat(TestPki.shared()).isSameAs(PKI);
    }

    @Test
    void trustAnchorPemReadsBack(@TempDir Path dir) throws Exception {
        Path pem = dir.resolve("ca.pem");
        PKI.writeTrustAnchorPem(pem);
        assertThat(Files.readString(pem, StandardCharsets.US_ASCII)).startsWith("-----BEGIN CERTIFICATE-----\n")
                .endsWith("-----END CERTIFICATE-----\n");
        try (InputStream in = Files.newInputStream(pem)) {
            assertThat(CertificateFactory.getInstance("X.509").generateCertificate(in)).isEqualTo(PKI.caCertificate());
        }
    }
}
