package io.github.pec4j.signature;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pec4j.core.Attachment;
import io.github.pec4j.core.PecMessage;
import io.github.pec4j.core.PecParser;
import io.github.pec4j.testkit.SignedDocuments;
import io.github.pec4j.testkit.TestPki;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocumentVerifierTest {
    private static final byte[] INVOICE = ("<p:FatturaElettronica versione=\"FPR12\" xmlns:p=\"http://ivaservizi.agenziaentrate.gov.it/docs/xsd/fatture/v1.2\">"
            + "<FatturaElettronicaHeader/></p:FatturaElettronica>").getBytes(StandardCharsets.UTF_8); // no prolog, as some invoices
    private static final SignedDocuments DOCS = SignedDocuments.create();
    private static final TestPki PKI = TestPki.shared();
    static DocumentVerifier verifier;
    @TempDir
    static Path dir;

    @BeforeAll
    static void trust() throws IOException {
        Path ca = dir.resolve("ca.pem");
        PKI.writeTrustAnchorPem(ca);
        verifier = DocumentVerifier.create(TrustStore.builder().addPem(ca).build(), CryptoPolicy.DEFAULT,
                Clock.fixed(Instant.parse("2026-11-23T00:00:00Z"), ZoneOffset.UTC));
    }

    static Path write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    static List<String> codes(DocumentReport r) {
        return r.diagnostics().stream().map(d -> d.code().id()).toList();
    }

    @Test
    @DisplayName("DOC-P7M-05 a CAdES-BES p7m: signer, codice fiscale, binding, level, QC claim, trust and innermost content")
    void cadesBes() throws Exception {
        DocumentReport r = verifier.verify(write("fattura.xml.p7m", DOCS.cades(INVOICE)));
        assertThat(r.integrity()).isEqualTo(Integrity.VALID);
        assertThat(r.layers()).singleElement().satisfies(l -> {
            assertThat(l.format()).isEqualTo("cades");
            assertThat(l.encoding()).isEqualTo("der");
            assertThat(l.detached()).isFalse();
            DocumentSigner s = l.signers().get(0);
            assertThat(s.integrity()).isEqualTo(Integrity.VALID);
            assertThat(s.certificate().subject()).contains("CN=Mario Rossi");
            assertThat(s.codiceFiscale()).contains("RSSMRA80A01H501U");
            assertThat(s.signingCertificateBound()).isTrue();
            assertThat(s.level()).isEqualTo("BES");
            assertThat(s.qualifiedClaim()).isTrue();
            assertThat(s.trust()).isEqualTo(Trust.TRUSTED);
            assertThat(s.digestAlgorithm()).isEqualTo("SHA-256");
            assertThat(s.signingTime()).contains(Instant.parse("2024-03-15T09:15:30Z"));
            assertThat(s.certificateValidAtTime()).isTrue();
        });
        assertThat(r.content().orElseThrow().mediaType()).isEqualTo("application/xml");
        assertThat(r.content().orElseThrow().sha256()).isEqualTo(sha256(INVOICE));
        assertThat(r.content().orElseThrow().size()).isEqualTo(INVOICE.length);
        assertThat(r.diagnostics()).isEmpty();
    }

    @Test
    @DisplayName("DOC-P7M-01 DOC-P7M-04 base64, base64 without padding, double base64, PEM and BER are decoded, each non-DER encoding warned")
    void encodings() throws Exception {
        byte[] der = DOCS.cades(INVOICE);
        String b64 = new String(SignedDocuments.base64(der), StandardCharsets.US_ASCII);
        String noPadding = b64.replaceAll("=+\\s*$", "");
        byte[] doubled = SignedDocuments.base64(SignedDocuments.base64(der));
        for (Object[] c : new Object[][] {{"b64.p7m", b64.getBytes(StandardCharsets.US_ASCII), "base64"},
                {"nopad.p7m", noPadding.getBytes(StandardCharsets.US_ASCII), "base64"}, {"double.p7m", doubled, "base64-base64"},
                {"pem.p7m", SignedDocuments.pem(der), "pem"}, {"ber.p7m", DOCS.cadesBer(INVOICE), "ber"}}) {
            DocumentReport r = verifier.verify(write((String) c[0], (byte[]) c[1]));
            assertThat(r.integrity()).as((String) c[0]).isEqualTo(Integrity.VALID);
            assertThat(r.layers().get(0).encoding()).as((String) c[0]).isEqualTo(c[2]);
            assertThat(codes(r)).as((String) c[0]).contains("NON_DER_ENCODING");
            assertThat(r.content().orElseThrow().sha256()).isEqualTo(sha256(INVOICE));
        }
    }

    @Test
    @DisplayName("DOC-P7M-03 a nested p7m.p7m gives one layer per signature and the innermost content")
    void nested() throws Exception {
        byte[] twice = DOCS.cades(DOCS.cades(INVOICE));
        byte[] thrice = DOCS.cades(SignedDocuments.base64(DOCS.cades(DOCS.cades(INVOICE))));
        DocumentReport r = verifier.verify(write("fattura.xml.p7m.p7m", twice));
        assertThat(r.integrity()).isEqualTo(Integrity.VALID);
        assertThat(r.layers()).hasSize(2);
        assertThat(r.content().orElseThrow().sha256()).isEqualTo(sha256(INVOICE));
        DocumentReport r3 = verifier.verify(write("x.p7m.p7m.p7m", thrice));
        assertThat(r3.layers()).hasSize(1); // base64 inside a DER layer is content, not unwrapped silently
        assertThat(r3.content().orElseThrow().mediaType()).isEqualTo("text/plain");
    }

    @Test
    @DisplayName("DOC-P7S-01 a detached p7s verifies over its content and reports the content missing without it")
    void detached() throws Exception {
        Path content = write("istanza.xml", INVOICE);
        Path p7s = write("istanza.xml.p7s", DOCS.detached(INVOICE));
        DocumentReport ok = verifier.verifyDetached(p7s, content);
        assertThat(ok.integrity()).isEqualTo(Integrity.VALID);
        assertThat(ok.layers().get(0).detached()).isTrue();
        DocumentReport missing = verifier.verify(p7s);
        assertThat(missing.integrity()).isEqualTo(Integrity.NOT_VERIFIABLE);
        assertThat(codes(missing)).contains("DETACHED_CONTENT_MISSING");
        Path other = write("altro.xml", "<altro/>".getBytes(StandardCharsets.UTF_8));
        assertThat(verifier.verifyDetached(p7s, other).integrity()).isEqualTo(Integrity.INVALID);
    }

    @Test
    @DisplayName("DOC-P7M-02 DOC-P7M-04 tampered content, non-CMS bytes, unsigned files and trailing bytes each get their answer")
    void brokenOnes() throws Exception {
        byte[] der = DOCS.cades(INVOICE);
        int at = indexOf(der, "FatturaElettronicaHeader".getBytes(StandardCharsets.US_ASCII));
        byte[] tampered = der.clone();
        tampered[at] = 'f';
        DocumentReport t = verifier.verify(write("tampered.xml.p7m", tampered));
        assertThat(t.integrity()).isEqualTo(Integrity.INVALID);
        assertThat(codes(t)).contains("SIGNATURE_INVALID");
        DocumentReport notCms = verifier.verify(write("garbage.p7m", "questo non è un p7m".getBytes(StandardCharsets.UTF_8)));
        assertThat(notCms.integrity()).isEqualTo(Integrity.NOT_VERIFIABLE);
        assertThat(codes(notCms)).contains("NOT_CMS");
        DocumentReport plain = verifier.verify(write("lettera.pdf", "%PDF-1.7\n%%EOF\n".getBytes(StandardCharsets.US_ASCII)));
        assertThat(plain.integrity()).isEqualTo(Integrity.ABSENT);
        assertThat(plain.layers()).isEmpty();
        assertThat(plain.content().orElseThrow().mediaType()).isEqualTo("application/pdf");
        byte[] trailing = java.util.Arrays.copyOf(der, der.length + 4);
        trailing[der.length] = 'X';
        DocumentReport tr = verifier.verify(write("trailing.p7m", trailing));
        assertThat(tr.integrity()).isEqualTo(Integrity.VALID);
        assertThat(codes(tr)).contains("TRAILING_BYTES");
    }

    @Test
    @DisplayName("DOC-P7M-04 a p7m followed by a final CRLF verifies, the trailing bytes a warning, not a rejection")
    void trailingCrlf() throws Exception {
        byte[] der = DOCS.cades(INVOICE);
        byte[] crlf = java.util.Arrays.copyOf(der, der.length + 2);
        crlf[der.length] = '\r';
        crlf[der.length + 1] = '\n';
        DocumentReport r = verifier.verify(write("crlf.xml.p7m", crlf));
        assertThat(r.integrity()).isEqualTo(Integrity.VALID);
        assertThat(r.content().orElseThrow().sha256()).isEqualTo(sha256(INVOICE));
        assertThat(r.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo(DocumentCode.TRAILING_BYTES);
            assertThat(d.severity()).isEqualTo(io.github.pec4j.core.Severity.WARNING);
            assertThat(d.message()).startsWith("2 byte(s)");
        });
        DocumentReport clean = verifier.verify(write("clean.xml.p7m", der));
        assertThat(codes(clean)).doesNotContain("TRAILING_BYTES");
    }

    @Test
    @DisplayName("DOC-P7M-05 an untrusted signer, a SHA-1 digest and the default trust are reported")
    void trustAndAlgorithms() throws Exception {
        DocumentReport rogue = verifier.verify(write("rogue.p7m", DOCS.cades(INVOICE, PKI.otherCertificate(), PKI.otherKey())));
        assertThat(rogue.integrity()).isEqualTo(Integrity.VALID);
        DocumentSigner s = rogue.layers().get(0).signers().get(0);
        assertThat(s.trust()).isEqualTo(Trust.UNTRUSTED);
        assertThat(s.codiceFiscale()).isEmpty();
        assertThat(s.qualifiedClaim()).isFalse();
        DocumentReport sha1 = verifier.verify(write("sha1.p7m", DOCS.cadesSha1(INVOICE)));
        assertThat(sha1.integrity()).isEqualTo(Integrity.VALID);
        assertThat(codes(sha1)).contains("LEGACY_DIGEST");
        DocumentReport noTrust = DocumentVerifier.create(TrustStore.empty()).verify(write("a.p7m", DOCS.cades(INVOICE)));
        assertThat(noTrust.layers().get(0).signers().get(0).trust()).isEqualTo(Trust.UNKNOWN);
    }

    @Test
    @DisplayName("DOC-P7M-01 a large p7m verifies streaming through temporary files")
    void large() throws Exception {
        byte[] big = new byte[8 * 1024 * 1024];
        new java.util.Random(1).nextBytes(big);
        big[0] = '%';
        big[1] = 'P';
        big[2] = 'D';
        big[3] = 'F';
        big[4] = '-';
        java.util.Set<String> before = spoolFiles();
        DocumentReport r = verifier.verify(write("grande.pdf.p7m", DOCS.cadesBer(big)));
        assertThat(r.integrity()).isEqualTo(Integrity.VALID);
        assertThat(r.content().orElseThrow().mediaType()).isEqualTo("application/pdf");
        assertThat(r.content().orElseThrow().sha256()).isEqualTo(sha256(big));
        assertThat(leftOver(before)).isEmpty(); // every temporary layer file was deleted
    }

    /**
     * Layer files that appeared since {@code before} and are still there after a grace period: another
     * process verifying documents on this machine may hold its own for a moment, a leak stays.
     */
    private static java.util.Set<String> leftOver(java.util.Set<String> before) throws Exception {
        java.util.Set<String> extra = new java.util.HashSet<>(spoolFiles());
        extra.removeAll(before);
        for (int i = 0; i < 100 && !extra.isEmpty(); i++) {
            Thread.sleep(100);
            extra.retainAll(spoolFiles());
        }
        return extra;
    }

    private static java.util.Set<String> spoolFiles() throws IOException {
        try (var files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("pec4j-layer-") || n.startsWith("pec4j-b64-"))
                    .collect(java.util.stream.Collectors.toSet());
        }
    }

    @Test
    @DisplayName("DOC-P7M-01 the base64 FatturaPA p7m of the tampered Sogei envelope is decoded and its signature verifies")
    void corpusBase64P7m() throws Exception {
        String corpus = System.getProperty("pec4j.corpus.dir", "");
        org.junit.jupiter.api.Assumptions.assumeTrue(!corpus.isBlank());
        try (PecMessage m = PecParser.create().parse(Path.of(corpus, "tampered/sogei-2018-envelope-edited-base64-p7m.eml"))) {
            Attachment a = m.attachments().stream().filter(x -> x.name().endsWith(".p7m")).findFirst().orElseThrow();
            DocumentReport r = DocumentVerifier.create(TrustStore.empty()).verify(a); // straight from the parsed attachment
            assertThat(r.layers()).hasSize(1);
            assertThat(r.layers().get(0).encoding()).isEqualTo("base64");
            assertThat(r.integrity()).isEqualTo(Integrity.VALID);
            assertThat(r.content().orElseThrow().mediaType()).isEqualTo("application/xml");
        }
    }

    @Test
    @DisplayName("DOC-P7M-05 a signingCertificateV2 naming another certificate is a binding error; two signers are checked one by one")
    void bindingAndTwoSigners() throws Exception {
        org.bouncycastle.asn1.ASN1EncodableVector attrs = new org.bouncycastle.asn1.ASN1EncodableVector();
        byte[] wrongHash = MessageDigest.getInstance("SHA-256").digest(PKI.otherCertificate().getEncoded());
        attrs.add(new org.bouncycastle.asn1.cms.Attribute(org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers.id_aa_signingCertificateV2,
                new org.bouncycastle.asn1.DERSet(new org.bouncycastle.asn1.ess.SigningCertificateV2(
                        new org.bouncycastle.asn1.ess.ESSCertIDv2(wrongHash)))));
        org.bouncycastle.cms.CMSSignedDataGenerator gen = new org.bouncycastle.cms.CMSSignedDataGenerator();
        gen.addSignerInfoGenerator(new org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder(
                new org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder().build())
                .setSignedAttributeGenerator(new org.bouncycastle.cms.DefaultSignedAttributeTableGenerator(
                        new org.bouncycastle.asn1.cms.AttributeTable(attrs)))
                .build(new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA256withRSA").build(PKI.signerKey()),
                        PKI.signerCertificate()));
        gen.addSignerInfoGenerator(new org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder()
                .build("SHA256withRSA", PKI.providerKey(), PKI.providerCertificate()));
        gen.addCertificates(new org.bouncycastle.cert.jcajce.JcaCertStore(List.of(PKI.signerCertificate(), PKI.providerCertificate())));
        byte[] p7m = gen.generate(new org.bouncycastle.cms.CMSProcessableByteArray(INVOICE), true).getEncoded();
        DocumentReport r = verifier.verify(write("due-firme.p7m", p7m));
        assertThat(r.layers().get(0).signers()).hasSize(2);
        assertThat(codes(r)).contains("SIGNING_CERTIFICATE_MISMATCH");
        assertThat(r.integrity()).isEqualTo(Integrity.INVALID);
        assertThat(r.layers().get(0).signers()).extracting(DocumentSigner::integrity).containsExactlyInAnyOrder(Integrity.INVALID, Integrity.VALID);
    }

    @Test
    @DisplayName("DOC-TS-01 DOC-TS-02 a CAdES-T signature time-stamp counts only with a valid TSA signature, EKU and imprint")
    void cadesT() throws Exception {
        DocumentReport r = verifier.verify(write("cadest.xml.p7m", DOCS.cadesT(INVOICE)));
        assertThat(r.integrity()).isEqualTo(Integrity.VALID);
        DocumentSigner s = r.layers().get(0).signers().get(0);
        assertThat(s.level()).isEqualTo("T");
        assertThat(r.timestamps()).singleElement().satisfies(t -> {
            assertThat(t.kind()).isEqualTo("signature-timestamp");
            assertThat(t.valid()).isTrue();
            assertThat(t.genTime()).isEqualTo(Instant.parse("2024-03-15T09:15:30Z"));
            assertThat(t.tsa().orElseThrow().subject()).contains("CN=pec4j Test TSA");
            assertThat(t.trust()).isEqualTo(Trust.TRUSTED);
        });
        assertThat(r.content().orElseThrow().sha256()).isEqualTo(sha256(INVOICE));
    }

    @Test
    @DisplayName("DOC-M7M-01 an m7m (p7m + time-stamp response in MIME) is recognised, its imprint checked over the p7m bytes")
    void m7m() throws Exception {
        DocumentReport r = verifier.verify(write("fattura.m7m", DOCS.m7m(INVOICE)));
        assertThat(r.integrity()).isEqualTo(Integrity.VALID);
        assertThat(r.layers()).extracting(SignatureLayer::format).containsExactly("m7m", "cades");
        assertThat(r.timestamps()).singleElement().satisfies(t -> {
            assertThat(t.kind()).isEqualTo("m7m");
            assertThat(t.imprintValid()).isTrue();
            assertThat(t.valid()).isTrue();
        });
        assertThat(r.content().orElseThrow().sha256()).isEqualTo(sha256(INVOICE));
        // a time-stamp over other bytes: the imprint does not match
        String forged = new String(DOCS.m7m(INVOICE), StandardCharsets.US_ASCII);
        String otherTsr = java.util.Base64.getMimeEncoder().encodeToString(DOCS.timestampResponse(new byte[32]));
        int tsrStart = forged.indexOf("\r\n\r\n", forged.indexOf("application/timestamp-reply")) + 4;
        int tsrEnd = forged.indexOf("\r\n--", tsrStart);
        DocumentReport bad = verifier.verify(write("forged.m7m",
                (forged.substring(0, tsrStart) + otherTsr + forged.substring(tsrEnd)).getBytes(StandardCharsets.US_ASCII)));
        assertThat(bad.integrity()).isEqualTo(Integrity.INVALID);
        assertThat(bad.timestamps().get(0).imprintValid()).isFalse();
        assertThat(codes(bad)).contains("TIMESTAMP_INVALID");
        // two time-stamps: not an m7m
        String two = forged.replace("--" + "----=_m7m_boundary--", "------=_m7m_boundary\r\nContent-Type: application/timestamp-reply\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n" + otherTsr + "\r\n------=_m7m_boundary--");
        DocumentReport notM7m = verifier.verify(write("two.m7m", two.getBytes(StandardCharsets.US_ASCII)));
        assertThat(codes(notM7m)).contains("M7M_MALFORMED");
        assertThat(notM7m.integrity()).isNotEqualTo(Integrity.VALID);
    }

    @Test
    @DisplayName("DOC-TSD-01 an RFC 5544 tsd yields its content, every token is checked, and a p7m inside is unwrapped")
    void tsd() throws Exception {
        DocumentReport plain = verifier.verify(write("fattura.xml.tsd", DOCS.tsd(INVOICE, "fattura.xml", "application/xml")));
        assertThat(plain.integrity()).isEqualTo(Integrity.VALID);
        assertThat(plain.layers()).extracting(SignatureLayer::format).containsExactly("tsd");
        assertThat(plain.timestamps()).singleElement().satisfies(t -> assertThat(t.valid()).isTrue());
        assertThat(plain.content().orElseThrow().sha256()).isEqualTo(sha256(INVOICE));
        byte[] p7m = DOCS.cades(INVOICE);
        DocumentReport wrapped = verifier.verify(write("fattura.xml.p7m.tsd", DOCS.tsd(p7m, "fattura.xml.p7m", "application/pkcs7-mime")));
        assertThat(wrapped.integrity()).isEqualTo(Integrity.VALID);
        assertThat(wrapped.layers()).extracting(SignatureLayer::format).containsExactly("tsd", "cades");
        assertThat(wrapped.content().orElseThrow().sha256()).isEqualTo(sha256(INVOICE));
    }

    @Test
    @DisplayName("DOC-PADES-01 a PAdES signature is verified over its byte range; bytes appended after signing make coverage false")
    void pades() throws Exception {
        byte[] pdf = DOCS.pades();
        DocumentReport r = verifier.verify(write("istanza.pdf", pdf));
        assertThat(r.integrity()).isEqualTo(Integrity.VALID);
        assertThat(r.layers()).singleElement().satisfies(l -> {
            assertThat(l.format()).isEqualTo("pades");
            assertThat(l.coversWholeFile()).isTrue();
            assertThat(l.signers().get(0).certificate().subject()).contains("Mario Rossi");
            assertThat(l.signers().get(0).integrity()).isEqualTo(Integrity.VALID);
        });
        assertThat(r.content().orElseThrow().mediaType()).isEqualTo("application/pdf");
        assertThat(codes(r)).contains("PADES_INTEGRITY_ONLY").doesNotContain("PADES_NOT_WHOLE_FILE");
        byte[] appended = SignedDocumentsAccess.concat(pdf, "\n% an incremental update after signing\n%%EOF\n".getBytes(StandardCharsets.US_ASCII));
        DocumentReport later = verifier.verify(write("istanza-modificata.pdf", appended));
        assertThat(later.integrity()).isEqualTo(Integrity.VALID);
        assertThat(later.layers().get(0).coversWholeFile()).isFalse();
        assertThat(codes(later)).contains("PADES_NOT_WHOLE_FILE");
        byte[] tampered = pdf.clone();
        int at = indexOf(tampered, "MediaBox [0 0 595 842]".getBytes(StandardCharsets.US_ASCII));
        tampered[at + 15] = '6';
        assertThat(verifier.verify(write("istanza-alterata.pdf", tampered)).integrity()).isEqualTo(Integrity.INVALID);
    }

    @Test
    @DisplayName("DOC-XADES-01 an enveloped XML signature is checked for XML-DSig core integrity only, and says so")
    void xmlSignature() throws Exception {
        String segnatura = "<prot:SegnaturaInformatica xmlns:prot=\"http://www.agid.gov.it/protocollo/\" prot:versione=\"3.0.0\">"
                + "<prot:Oggetto>Richiesta di accesso agli atti</prot:Oggetto></prot:SegnaturaInformatica>";
        byte[] signed = DOCS.xmlSignature(segnatura);
        DocumentReport r = verifier.verify(write("segnatura.xml", signed));
        assertThat(r.integrity()).isEqualTo(Integrity.VALID);
        assertThat(r.layers()).singleElement().satisfies(l -> {
            assertThat(l.format()).isEqualTo("xmldsig");
            assertThat(l.signers().get(0).certificate().subject()).contains("Mario Rossi");
            assertThat(l.signers().get(0).trust()).isEqualTo(Trust.TRUSTED);
        });
        assertThat(codes(r)).contains("XMLDSIG_INTEGRITY_ONLY");
        byte[] tampered = new String(signed, StandardCharsets.UTF_8).replace("accesso agli atti", "accesso agli archivi")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(verifier.verify(write("segnatura-alterata.xml", tampered)).integrity()).isEqualTo(Integrity.INVALID);
        DocumentReport wrapped = verifier.verify(write("segnatura.xml.p7m", DOCS.cades(signed)));
        assertThat(wrapped.layers()).extracting(SignatureLayer::format).containsExactly("cades", "xmldsig");
        assertThat(verifier.verify(write("plain.xml", segnatura.getBytes(StandardCharsets.UTF_8))).integrity()).isEqualTo(Integrity.ABSENT);
        String hostile = "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><a>&x;</a>";
        DocumentReport xxe = verifier.verify(write("hostile.xml", hostile.getBytes(StandardCharsets.UTF_8)));
        assertThat(xxe.integrity()).isEqualTo(Integrity.ABSENT);
        assertThat(xxe.diagnostics().toString()).doesNotContain("root:");
    }

    @Test
    @DisplayName("DOC-P7M-02 SEC-EXC-01 cut, corrupted or hostile signed files give a typed answer, never an exception")
    void robustness() throws Exception {
        byte[] der = DOCS.cades(INVOICE);
        java.util.Random random = new java.util.Random(11);
        for (int i = 0; i < 60; i++) {
            byte[] b = java.util.Arrays.copyOf(der, 1 + random.nextInt(der.length));
            if (i % 2 == 0 && b.length > 10) {
                b[5 + random.nextInt(b.length - 5)] ^= (byte) (1 + random.nextInt(255));
            }
            DocumentReport r = verifier.verify(write("cut" + i + ".p7m", b));
            assertThat(r.integrity()).isIn(Integrity.VALID, Integrity.INVALID, Integrity.NOT_VERIFIABLE);
        }
        byte[] tsd = DOCS.tsd(INVOICE, "fattura.xml", "application/xml");
        int at = indexOf(tsd, "FatturaElettronicaHeader".getBytes(StandardCharsets.US_ASCII));
        tsd[at] = 'f';
        DocumentReport tampered = verifier.verify(write("alterata.tsd", tsd));
        assertThat(tampered.integrity()).isEqualTo(Integrity.INVALID);
        assertThat(tampered.timestamps().get(0).imprintValid()).isFalse();
        assertThat(verifier.verify(write("vuoto.p7m", new byte[0])).integrity()).isEqualTo(Integrity.NOT_VERIFIABLE);
        byte[] pdfNoSig = "%PDF-1.7\n1 0 obj << /ByteRange [0 10 5 99999] /Contents <zz> >> endobj\n%%EOF".getBytes(StandardCharsets.US_ASCII);
        DocumentReport brokenPdf = verifier.verify(write("rotto.pdf", pdfNoSig));
        assertThat(codes(brokenPdf)).contains("PADES_MALFORMED");
    }

    /** Byte helpers for tests. */
    static final class SignedDocumentsAccess {
        static byte[] concat(byte[] a, byte[] b) {
            byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, out, a.length, b.length);
            return out;
        }
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) continue outer;
            }
            return i;
        }
        return -1;
    }
}
