package io.github.pec4j.signature;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pec4j.core.Diagnostic;
import io.github.pec4j.core.PecMessage;
import io.github.pec4j.core.PecParser;
import io.github.pec4j.testkit.FixtureKind;
import io.github.pec4j.testkit.PecFixtures;
import io.github.pec4j.testkit.Quirk;
import io.github.pec4j.testkit.TestPki;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ProviderSignatureVerifierTest {
    private static final PecFixtures FIXTURES = PecFixtures.create();
    private static final TestPki PKI = FIXTURES.pki();
    private static final PecParser PARSER = PecParser.create().withSignedContentDigest();
    private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-23T00:00:00Z"), ZoneOffset.UTC);
    static TrustStore anchored;
    static ProviderSignatureVerifier verifier;

    @BeforeAll
    static void trust(@TempDir Path dir) throws IOException {
        Path pem = dir.resolve("ca.pem");
        PKI.writeTrustAnchorPem(pem);
        anchored = TrustStore.builder().addPem(pem).build();
        verifier = ProviderSignatureVerifier.create(anchored, CryptoPolicy.DEFAULT, NOW);
    }

    static ProviderSignatureReport verify(ProviderSignatureVerifier v, byte[] message) throws IOException {
        try (PecMessage m = PARSER.parse(message)) {
            return v.verify(m);
        }
    }

    static List<String> codes(ProviderSignatureReport r) {
        return r.diagnostics().stream().map(d -> d.code().id()).toList();
    }

    @ParameterizedTest
    @EnumSource(value = FixtureKind.class, names = "NON_PEC", mode = EnumSource.Mode.EXCLUDE)
    @DisplayName("SIG-TRUST-01 SIG-TRUST-02 every kind signed by the test provider is VALID_TRUSTED and genuine")
    void everyKindIsGenuine(FixtureKind kind) throws IOException {
        ProviderSignatureReport r = verify(verifier, FIXTURES.message(kind).build());
        assertThat(r.verdict()).as(r.diagnostics().toString()).isEqualTo(Verdict.VALID_TRUSTED);
        assertThat(r.integrity()).isEqualTo(Integrity.VALID);
        assertThat(r.trust()).isEqualTo(Trust.TRUSTED);
        assertThat(r.isGenuine()).isTrue();
        assertThat(r.onePass()).isTrue();
        assertThat(r.digestAlgorithm()).contains("SHA-256");
        assertThat(r.signatureAlgorithm()).hasValueSatisfying(a -> assertThat(a).containsIgnoringCase("RSA"));
        assertThat(r.signer().orElseThrow().subject()).contains("CN=Posta Certificata Test PEC");
        assertThat(r.signingTime()).contains(FIXTURES.clock().instant());
        assertThat(r.timeBasis()).contains(TimeBasis.SIGNING_TIME);
        assertThat(r.hasErrors()).isFalse();
    }

    @Test
    @DisplayName("SIG-TRUST-03 without trust sources an intact signature is never VALID_TRUSTED")
    void noTrustConfigured() throws IOException {
        ProviderSignatureReport r = verify(ProviderSignatureVerifier.create(TrustStore.empty()), FIXTURES.message(FixtureKind.ACCETTAZIONE).build());
        assertThat(r.verdict()).isEqualTo(Verdict.VALID_UNTRUSTED_SIGNER);
        assertThat(r.trust()).isEqualTo(Trust.UNKNOWN);
        assertThat(codes(r)).contains("SIG_NO_TRUST_CONFIGURED");
        assertThat(r.isGenuine()).isFalse();
    }

    @Test
    @DisplayName("SIG-TRUST-03 a receipt signed by an untrusted certificate is VALID_UNTRUSTED_SIGNER, not genuine")
    void rogueSigner() throws IOException {
        byte[] forged = FIXTURES.message(FixtureKind.AVVENUTA_CONSEGNA).signedBy(PKI.otherCertificate(), PKI.otherKey()).build();
        ProviderSignatureReport r = verify(verifier, forged);
        assertThat(r.integrity()).isEqualTo(Integrity.VALID);
        assertThat(r.verdict()).isEqualTo(Verdict.VALID_UNTRUSTED_SIGNER);
        assertThat(r.trust()).isEqualTo(Trust.UNTRUSTED);
        assertThat(codes(r)).contains("SIG_UNTRUSTED_SIGNER");
        assertThat(r.isGenuine()).isFalse();
    }

    @Test
    @DisplayName("SIG-INTEG-02 an envelope modified after signing is INVALID, with or without the one-pass digest")
    void tampered() throws IOException {
        String original = new String(FIXTURES.message(FixtureKind.POSTA_CERTIFICATA).build(), StandardCharsets.ISO_8859_1);
        byte[] tampered = original.replace("Cordiali saluti", "Cordiali salute").getBytes(StandardCharsets.ISO_8859_1);
        assertThat(tampered).isNotEqualTo(original.getBytes(StandardCharsets.ISO_8859_1));
        ProviderSignatureReport r = verify(verifier, tampered);
        assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(r.integrity()).isEqualTo(Integrity.INVALID);
        assertThat(codes(r)).contains("SIG_INTEGRITY_FAILED");
        try (PecMessage m = PecParser.create().parse(tampered)) {
            ProviderSignatureReport reread = verifier.verify(m);
            assertThat(reread.integrity()).isEqualTo(Integrity.INVALID);
            assertThat(reread.onePass()).isFalse();
        }
        // a trailing space removed from one line inside the signed part is enough
        byte[] subtle = original.replaceFirst("Content-Type: multipart/mixed; boundary=", "Content-Type: multipart/mixed;boundary=")
                .getBytes(StandardCharsets.ISO_8859_1);
        assertThat(verify(verifier, subtle).integrity()).isEqualTo(Integrity.INVALID);
    }

    @Test
    @DisplayName("SIG-HDR-01 a receipt whose header says accettazione but whose signed daticert says errore-consegna is a forgery suspect")
    void headerContradictsDaticert() throws IOException {
        String receipt = new String(FIXTURES.message(FixtureKind.ERRORE_CONSEGNA).build(), StandardCharsets.ISO_8859_1);
        byte[] forged = receipt.replace("X-Ricevuta: errore-consegna", "X-Ricevuta: accettazione")
                .replace("Subject: AVVISO DI MANCATA CONSEGNA: ", "Subject: ACCETTAZIONE: ").getBytes(StandardCharsets.ISO_8859_1);
        ProviderSignatureReport r = verify(verifier, forged);
        assertThat(r.integrity()).isEqualTo(Integrity.VALID); // headers are outside the signature
        assertThat(r.diagnostics()).filteredOn(d -> d.code() == SignatureCode.SIG_HEADER_MISMATCH)
                .singleElement().satisfies(d -> assertThat(d.message()).contains("errore-consegna", "accettazione"));
        assertThat(r.isGenuine()).isFalse();
        String envelope = new String(FIXTURES.message(FixtureKind.POSTA_CERTIFICATA).build(), StandardCharsets.ISO_8859_1);
        byte[] spoofed = envelope.replace("Per conto di: protocollo@pec.comune.esempio.it", "Per conto di: sindaco@pec.comune.esempio.it")
                .getBytes(StandardCharsets.ISO_8859_1);
        assertThat(verify(verifier, spoofed).diagnostics()).filteredOn(d -> d.code() == SignatureCode.SIG_HEADER_MISMATCH)
                .singleElement().satisfies(d -> assertThat(d.message()).contains("sindaco"));
    }

    @Test
    @DisplayName("SIG-HDR-01 an envelope relabelled X-Trasporto: errore whose signed daticert says posta-certificata is a forgery suspect, not a genuine anomalia")
    void anomaliaLabelContradictsDaticert() throws IOException {
        String envelope = new String(FIXTURES.message(FixtureKind.POSTA_CERTIFICATA).build(), StandardCharsets.ISO_8859_1);
        byte[] relabelled = envelope.replace("X-Trasporto: posta-certificata", "X-Trasporto: errore").getBytes(StandardCharsets.ISO_8859_1);
        ProviderSignatureReport r = verify(verifier, relabelled);
        assertThat(r.integrity()).isEqualTo(Integrity.VALID);
        assertThat(r.diagnostics()).filteredOn(d -> d.code() == SignatureCode.SIG_HEADER_MISMATCH)
                .singleElement().satisfies(d -> assertThat(d.message()).contains("the headers say anomalia", "posta-certificata"));
        assertThat(r.isGenuine()).isFalse();
        assertThat(verify(verifier, envelope.getBytes(StandardCharsets.ISO_8859_1)).isGenuine()).isTrue();
    }

    @Test
    @DisplayName("SIG-INTEG-03 when micalg names another digest than the SignerInfo, the SignerInfo wins with a warning")
    void micalgMismatch() throws IOException {
        byte[] lying = new String(FIXTURES.message(FixtureKind.ACCETTAZIONE).build(), StandardCharsets.ISO_8859_1)
                .replace("micalg=\"sha-256\"", "micalg=sha-1").getBytes(StandardCharsets.ISO_8859_1);
        ProviderSignatureReport r = verify(verifier, lying);
        assertThat(r.integrity()).isEqualTo(Integrity.VALID);
        assertThat(r.onePass()).isFalse(); // the one-pass digest used the wrong algorithm: re-read
        assertThat(codes(r)).contains("SIG_MICALG_MISMATCH");
        assertThat(r.digestAlgorithm()).contains("SHA-256");
    }

    @Test
    @DisplayName("SIG-HDR-01 To/Cc recipients that the signed daticert does not list are reported")
    void recipientsMismatch() throws IOException {
        byte[] added = new String(FIXTURES.message(FixtureKind.POSTA_CERTIFICATA).build(), StandardCharsets.ISO_8859_1)
                .replaceFirst(java.util.regex.Pattern.quote("To: ufficio.tributi@pec.regione.esempio.it"),
                        "To: ufficio.tributi@pec.regione.esempio.it, intruso@pec.example.it")
                .getBytes(StandardCharsets.ISO_8859_1);
        ProviderSignatureReport r = verify(verifier, added);
        assertThat(r.integrity()).isEqualTo(Integrity.VALID);
        assertThat(r.diagnostics()).filteredOn(d -> d.code() == SignatureCode.SIG_HEADER_MISMATCH)
                .singleElement().satisfies(d -> assertThat(d.message()).contains("intruso@pec.example.it"));
        assertThat(verify(verifier, FIXTURES.message(FixtureKind.POSTA_CERTIFICATA).cc("b@pec.example.it").build()).diagnostics())
                .noneMatch(d -> d.code() == SignatureCode.SIG_HEADER_MISMATCH);
    }

    @Test
    @DisplayName("SIG-ROBUST-01 a truncated or missing signature is NOT_VERIFIABLE, and kind and daticert are still there")
    void notVerifiable() throws IOException {
        byte[] truncated = FIXTURES.message(FixtureKind.POSTA_CERTIFICATA).quirk(Quirk.TRUNCATED_SIGNATURE).build();
        try (PecMessage m = PARSER.parse(truncated)) {
            ProviderSignatureReport r = verifier.verify(m);
            assertThat(r.verdict()).isEqualTo(Verdict.NOT_VERIFIABLE);
            assertThat(r.integrity()).isEqualTo(Integrity.NOT_VERIFIABLE);
            assertThat(codes(r)).contains("SIG_NOT_VERIFIABLE");
            assertThat(m.daticert()).isPresent();
        }
        ProviderSignatureReport unsigned = verify(verifier, FIXTURES.message(FixtureKind.POSTA_CERTIFICATA).quirk(Quirk.UNSIGNED).build());
        assertThat(unsigned.verdict()).isEqualTo(Verdict.NOT_SIGNED);
        assertThat(unsigned.integrity()).isEqualTo(Integrity.ABSENT);
        assertThat(codes(unsigned)).contains("SIG_NOT_SIGNED");
        ProviderSignatureReport plain = verify(verifier, FIXTURES.message(FixtureKind.NON_PEC).build());
        assertThat(plain.verdict()).isEqualTo(Verdict.NOT_SIGNED);
        assertThat(plain.diagnostics()).isEmpty();
    }

    @Test
    @DisplayName("SIG-INTEG-01 PEC-MIME-04 LF line endings and opaque signatures verify")
    void lfAndOpaque() throws IOException {
        assertThat(verify(verifier, FIXTURES.message(FixtureKind.POSTA_CERTIFICATA).quirk(Quirk.LF_LINE_ENDINGS).build()).verdict())
                .isEqualTo(Verdict.VALID_TRUSTED);
        try (PecMessage m = PecParser.create().parse(FIXTURES.message(FixtureKind.AVVENUTA_CONSEGNA).quirk(Quirk.LF_LINE_ENDINGS).build())) {
            assertThat(verifier.verify(m).verdict()).isEqualTo(Verdict.VALID_TRUSTED); // streamed, canonicalised
        }
        ProviderSignatureReport opaque = verify(verifier, FIXTURES.message(FixtureKind.POSTA_CERTIFICATA).quirk(Quirk.OPAQUE_SIGNATURE).build());
        assertThat(opaque.verdict()).isEqualTo(Verdict.VALID_TRUSTED);
        assertThat(opaque.isGenuine()).isTrue();
    }

    @Test
    @DisplayName("SIG-TIME-01 a certificate not yet valid at signing time is reported, the time used is named")
    void certificateValidity() throws IOException {
        PecFixtures old = FIXTURES.withClock(Clock.fixed(Instant.parse("1999-06-01T10:00:00Z"), ZoneOffset.UTC));
        ProviderSignatureReport r = verify(verifier, old.message(FixtureKind.ACCETTAZIONE).build());
        assertThat(r.integrity()).isEqualTo(Integrity.VALID);
        assertThat(r.certificateValidAtTime()).contains(false);
        assertThat(r.validationTime()).contains(Instant.parse("1999-06-01T10:00:00Z"));
        assertThat(codes(r)).contains("SIG_CERT_NOT_VALID_AT_TIME");
        assertThat(r.isGenuine()).isFalse();
    }

    @Test
    @DisplayName("SIG-ALG-01 a policy refusing SHA-1 makes a SHA-1 signature fail; the default accepts it with a warning (see CorpusSignatureTest)")
    void policy() {
        assertThat(CryptoPolicy.DEFAULT.acceptSha1()).isTrue();
        assertThat(CryptoPolicy.DEFAULT.withoutSha1().acceptSha1()).isFalse();
    }

    @Test
    @DisplayName("SIG-TRUST-02 trust comes from PEM directories, PKCS#12 keystores, LDIF provider indexes and fingerprints")
    void trustSources(@TempDir Path dir) throws Exception {
        byte[] receipt = FIXTURES.message(FixtureKind.ACCETTAZIONE).build();
        Path pemDir = Files.createDirectories(dir.resolve("pem"));
        PKI.writeTrustAnchorPem(pemDir.resolve("agid.pem"));
        Files.writeString(pemDir.resolve("notes.txt"), "ignored");
        assertThat(trusted(TrustStore.builder().addPem(pemDir).build(), receipt)).isEqualTo(Trust.TRUSTED);

        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setCertificateEntry("provider", PKI.providerCertificate());
        Path p12 = dir.resolve("trust.p12");
        try (OutputStream out = Files.newOutputStream(p12)) {
            ks.store(out, "changeit".toCharArray());
        }
        TrustStore fromKeyStore = TrustStore.builder().addKeyStore(p12, "changeit".toCharArray()).build();
        assertThat(fromKeyStore.providerCount()).isEqualTo(1);
        assertThat(trusted(fromKeyStore, receipt)).isEqualTo(Trust.TRUSTED);

        String b64 = Base64.getEncoder().encodeToString(PKI.providerCertificate().getEncoded());
        StringBuilder folded = new StringBuilder("providerCertificate;binary:: ");
        for (int i = 0; i < b64.length(); i += 60) {
            folded.append(i == 0 ? "" : "\n ").append(b64, i, Math.min(b64.length(), i + 60));
        }
        Path ldif = dir.resolve("index.ldif");
        Files.writeString(ldif, "dn: providerName=Test PEC,o=postacert\nobjectClass: provider\nproviderName: Test PEC\n" + folded + "\n");
        assertThat(trusted(TrustStore.builder().addLdif(ldif).build(), receipt)).isEqualTo(Trust.TRUSTED);

        String sha256 = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(PKI.providerCertificate().getEncoded()));
        Path hashLdif = dir.resolve("hash.ldif");
        Files.writeString(hashLdif, "dn: providerName=Test PEC,o=postacert\nproviderCertificateHash: " + sha256.toUpperCase() + "\n");
        assertThat(trusted(TrustStore.builder().addLdif(hashLdif).build(), receipt)).isEqualTo(Trust.TRUSTED);

        TrustStore other = TrustStore.builder().addCertificate(PKI.otherCertificate()).build();
        assertThat(trusted(other, receipt)).isEqualTo(Trust.UNTRUSTED);
        assertThat(TrustStore.empty().isEmpty()).isTrue();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TrustStore.builder().addPem(ldif))
                .isInstanceOf(IOException.class);
    }

    @Test
    @DisplayName("SIG-TRUST-02 an offline CRL from the caller revokes a provider: not trusted, reported; a later revocation does not")
    void revocation(@TempDir Path dir) throws Exception {
        Path ca = dir.resolve("ca.pem");
        PKI.writeTrustAnchorPem(ca);
        Path before = Files.write(dir.resolve("before.crl"), PKI.crl(Instant.parse("2024-01-01T00:00:00Z"), PKI.providerCertificate()));
        Path after = Files.write(dir.resolve("after.crl"), PKI.crl(Instant.parse("2025-01-01T00:00:00Z"), PKI.providerCertificate()));
        byte[] receipt = FIXTURES.message(FixtureKind.ACCETTAZIONE).build();
        ProviderSignatureReport revoked = verify(ProviderSignatureVerifier.create(TrustStore.builder().addPem(ca).addCrl(before).build(),
                CryptoPolicy.DEFAULT, NOW), receipt);
        assertThat(revoked.trust()).isEqualTo(Trust.UNTRUSTED);
        assertThat(codes(revoked)).contains("SIG_CERT_REVOKED");
        assertThat(revoked.isGenuine()).isFalse();
        ProviderSignatureReport later = verify(ProviderSignatureVerifier.create(TrustStore.builder().addPem(ca).addCrl(after).build(),
                CryptoPolicy.DEFAULT, NOW), receipt);
        assertThat(later.trust()).isEqualTo(Trust.TRUSTED); // signed in March 2024, revoked in 2025
        assertThat(later.isGenuine()).isTrue();
    }

    private static Trust trusted(TrustStore store, byte[] message) throws IOException {
        return verify(ProviderSignatureVerifier.create(store, CryptoPolicy.DEFAULT, NOW), message).trust();
    }

    @Test
    @DisplayName("SIG-ROBUST-01 SEC-EXC-01 cut or corrupted signed messages, clear or opaque, never make verify throw")
    void fuzz() throws IOException {
        java.util.Random random = new java.util.Random(5);
        for (byte[] seed : List.of(FIXTURES.message(FixtureKind.ACCETTAZIONE).build(),
                FIXTURES.message(FixtureKind.ACCETTAZIONE).quirk(Quirk.OPAQUE_SIGNATURE).build())) {
            for (int i = 0; i < 80; i++) {
                byte[] b = java.util.Arrays.copyOf(seed, 1 + random.nextInt(seed.length));
                if (i % 2 == 0) {
                    b[random.nextInt(b.length)] ^= (byte) (1 + random.nextInt(255));
                }
                ProviderSignatureReport r = verify(verifier, b);
                assertThat(r.verdict()).isNotNull();
            }
        }
    }

    @Test
    void reportsNeverThrowOnHostileMessages() throws IOException {
        for (byte[] m : List.of(io.github.pec4j.testkit.Hostile.deeplyNestedMultipart(3000),
                io.github.pec4j.testkit.Hostile.truncated(FIXTURES.message(FixtureKind.POSTA_CERTIFICATA).build(), 3000),
                new byte[0])) {
            ProviderSignatureReport r = verify(verifier, m);
            assertThat(r.verdict()).isNotEqualTo(Verdict.VALID_TRUSTED);
            assertThat(r.diagnostics()).extracting(Diagnostic::message).allSatisfy(s -> assertThat(s).doesNotContain("root:"));
        }
        // a hostile daticert inside a correctly signed envelope: the signature is intact, nothing leaks
        ProviderSignatureReport xxe = verify(verifier, FIXTURES.message(FixtureKind.POSTA_CERTIFICATA).quirk(Quirk.HOSTILE_DATICERT_XXE).build());
        assertThat(xxe.integrity()).isEqualTo(Integrity.VALID);
        assertThat(xxe.diagnostics()).extracting(Diagnostic::message).allSatisfy(s -> assertThat(s).doesNotContain("root:"));
    }
}
