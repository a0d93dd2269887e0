package io.github.pec4j.signature.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pec4j.signature.CryptoPolicy;
import io.github.pec4j.signature.DocumentReport;
import io.github.pec4j.signature.DocumentVerifier;
import io.github.pec4j.signature.Integrity;
import io.github.pec4j.signature.TrustStore;
import io.github.pec4j.testkit.SignedDocuments;
import io.github.pec4j.testkit.TestPki;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signed documents share the provider signatures' certificate cache ({@link DecodedCertificates}): the signer's
 * certificate is decoded, described and given its signature verifier once. A report read with every certificate
 * cached must equal the one read with none, for every kind of signed document and every verdict, and a cached
 * certificate must not carry a verdict from one document to the next.
 */
class DocumentCertificatesCacheTest {
    private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-23T00:00:00Z"), ZoneOffset.UTC);
    private static final TestPki PKI = TestPki.shared();
    private static final SignedDocuments DOCS = SignedDocuments.create();
    private static final byte[] LETTER = "<lettera>istanza di accesso agli atti</lettera>".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private Map<String, byte[]> documents() throws IOException {
        Map<String, byte[]> docs = new LinkedHashMap<>();
        docs.put("cades.xml.p7m", DOCS.cades(LETTER));
        docs.put("twice.xml.p7m.p7m", DOCS.cades(DOCS.cades(LETTER)));
        docs.put("ber.xml.p7m", DOCS.cadesBer(LETTER));
        docs.put("sha1.xml.p7m", DOCS.cadesSha1(LETTER));
        docs.put("cadest.xml.p7m", DOCS.cadesT(LETTER));
        docs.put("rogue.xml.p7m", DOCS.cades(LETTER, PKI.otherCertificate(), PKI.otherKey()));
        docs.put("tampered.xml.p7m", tampered(DOCS.cades(LETTER)));
        docs.put("pades.pdf", DOCS.pades());
        docs.put("m7m.xml.m7m", DOCS.m7m(LETTER));
        SignedDocuments early = SignedDocuments.create(PKI, Clock.fixed(Instant.parse("1999-06-01T10:00:00Z"), ZoneOffset.UTC));
        docs.put("before-validity.xml.p7m", early.cades(LETTER));
        return docs;
    }

    private static byte[] tampered(byte[] der) {
        byte[] t = der.clone();
        byte[] needle = "istanza".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i + needle.length <= t.length; i++) {
            if (java.util.Arrays.equals(t, i, i + needle.length, needle, 0, needle.length)) {
                t[i] = 'I';
                return t;
            }
        }
        throw new IllegalStateException("content not found in the signature");
    }

    private List<DocumentVerifier> verifiers() throws IOException {
        Path ca = dir.resolve("ca.pem");
        PKI.writeTrustAnchorPem(ca);
        Path crl = dir.resolve("revoked.crl");
        Files.write(crl, PKI.crl(Instant.parse("2026-01-01T00:00:00Z"), PKI.signerCertificate()));
        return List.of(DocumentVerifier.create(TrustStore.builder().addPem(ca).build(), CryptoPolicy.DEFAULT, NOW),
                DocumentVerifier.create(TrustStore.builder().addPem(ca).addCrl(crl).build(), CryptoPolicy.DEFAULT, NOW),
                DocumentVerifier.create(TrustStore.empty(), CryptoPolicy.DEFAULT, NOW));
    }

    /** What a report says, without the temporary file names of its content. */
    private static String facts(DocumentReport r) {
        return r.integrity() + " " + r.layers() + " " + r.content() + " " + r.diagnostics();
    }

    private DocumentReport verify(DocumentVerifier v, String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return v.verify(file);
    }

    @Test
    @Tag("SIG-CACHE-05")
    @DisplayName("SIG-CACHE-05 CAdES (DER, BER, nested, SHA-1, -T), PAdES, M7M, a rogue, a tampered, a revoked and a not-yet-valid signer: the same report with certificates cached as with none")
    void sameReportCachedOrNot() throws IOException {
        Map<String, byte[]> docs = documents();
        for (DocumentVerifier v : verifiers()) {
            for (Map.Entry<String, byte[]> d : docs.entrySet()) {
                DecodedCertificates.clear();
                String cold = facts(verify(v, d.getKey(), d.getValue()));
                assertThat(DecodedCertificates.size()).as(d.getKey() + ": its certificates are cached").isPositive();
                assertThat(facts(verify(v, d.getKey(), d.getValue()))).as(d.getKey()).isEqualTo(cold);
            }
        }
    }

    @Test
    @Tag("SIG-CACHE-05")
    @DisplayName("SIG-CACHE-05 a cached certificate carries no verdict: a tampered document after a valid one by the same signer is INVALID, the valid one after it VALID")
    void noVerdictCarried() throws IOException {
        DocumentVerifier v = verifiers().get(0);
        byte[] good = DOCS.cades(LETTER);
        DecodedCertificates.clear();
        assertThat(verify(v, "a.xml.p7m", good).integrity()).isEqualTo(Integrity.VALID);
        int cached = DecodedCertificates.size();
        assertThat(verify(v, "b.xml.p7m", tampered(good)).integrity()).isEqualTo(Integrity.INVALID);
        assertThat(verify(v, "c.xml.p7m", good).integrity()).isEqualTo(Integrity.VALID);
        assertThat(DecodedCertificates.size()).as("the same certificates, decoded once").isEqualTo(cached);
        DocumentReport early = verify(v, "d.xml.p7m",
                SignedDocuments.create(PKI, Clock.fixed(Instant.parse("1999-06-01T10:00:00Z"), ZoneOffset.UTC)).cades(LETTER));
        assertThat(early.diagnostics()).anyMatch(x -> x.code().id().equals("CERTIFICATE_NOT_VALID_AT_TIME"));
    }
}
