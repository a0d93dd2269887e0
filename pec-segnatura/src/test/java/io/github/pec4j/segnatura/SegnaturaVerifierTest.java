package io.github.pec4j.segnatura;

import static io.github.pec4j.segnatura.Fixtures.bytes;
import static io.github.pec4j.segnatura.Fixtures.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.pec4j.core.Diagnostic;
import io.github.pec4j.signature.TrustStore;
import io.github.pec4j.testkit.TestPki;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SegnaturaVerifierTest {
    private final SegnaturaVerifier verifier = SegnaturaVerifier.create(TrustStore.builder().addCertificate(Fixtures.pki().ca()).build())
            .withClock(Fixtures.CLOCK);

    private static List<String> codes(SegnaturaCheck c) {
        return c.diagnostics().stream().map(Diagnostic::code).map(Object::toString).toList();
    }

    @Test
    @DisplayName("SEG-RECV-01 SEG-SIGN-01 round trip: written, read and verified with the right files, no anomaly")
    void roundTrip() {
        byte[] xml = Fixtures.sealed();
        SegnaturaCheck c = verifier.verify(xml, Fixtures.files());
        assertThat(c.anomalies()).isEmpty();
        assertThat(c.passed()).isTrue();
        assertThat(c.signatureValid()).isTrue();
        assertThat(c.signature()).isEqualTo(SignatureStatus.VALID);
        assertThat(c.signer()).contains(Fixtures.pki().seal().certificate());
        assertThat(c.signingTime()).contains(Fixtures.NOW);
        assertThat(c.format()).contains(SegnaturaFormat.V3);
        assertThat(c.segnatura()).contains(Fixtures.segnatura());
        assertThat(c.documents()).extracting(DocumentCheck::status).containsExactly(DocumentCheck.Status.MATCH, DocumentCheck.Status.MATCH);
        assertThat(c.documents().get(0).primario()).isTrue();
        assertThat(c.missingFiles()).isEmpty();
        assertThat(c.received().orElseThrow().raw()).isEqualTo(xml);
        assertThat(c.diagnostics()).isEmpty();
    }

    @Test
    @DisplayName("SEG-RECV-01 a changed file is 002_AnomaliaImpronte, the signature still valid")
    void changedFile() {
        Map<String, byte[]> files = new LinkedHashMap<>(Fixtures.files());
        files.put("allegato.txt", bytes("allegato tecnico (modificato)"));
        SegnaturaCheck c = verifier.verify(Fixtures.sealed(), files);
        assertThat(c.anomalies()).containsExactly(AnomalyCode.ANOMALIA_IMPRONTA);
        assertThat(c.signatureValid()).isTrue();
        assertThat(c.documents()).extracting(DocumentCheck::status).containsExactly(DocumentCheck.Status.MATCH, DocumentCheck.Status.MISMATCH);
        assertThat(codes(c)).containsExactly("SEG_IMPRONTA_MISMATCH");
        assertThat(c.diagnostics().get(0).message()).startsWith("002_AnomaliaImpronte");
    }

    @Test
    @DisplayName("SEG-RECV-01 a missing file is 002 and listed; an extra file is only a warning")
    void missingAndExtraFiles() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("determina.pdf", Fixtures.PRIMARIO);
        files.put("corpo-del-messaggio.txt", bytes("the mail body is never part of the protocol message"));
        SegnaturaCheck c = verifier.verify(Fixtures.sealed(), files);
        assertThat(c.anomalies()).containsExactly(AnomalyCode.ANOMALIA_IMPRONTA);
        assertThat(c.missingFiles()).containsExactly("allegato.txt");
        assertThat(c.undeclaredFiles()).containsExactly("corpo-del-messaggio.txt");
        assertThat(codes(c)).containsExactly("SEG_FILE_MISSING", "SEG_FILE_NOT_DECLARED");
    }

    @Test
    @DisplayName("SEG-RECV-01 a tampered segnatura (one byte of the Oggetto) is 001_ValidazioneFirma")
    void tamperedXml() {
        String xml = text(Fixtures.sealed()).replace("affidamento servizi", "affidamento servizj");
        SegnaturaCheck c = verifier.verify(bytes(xml), Fixtures.files());
        assertThat(c.anomalies()).containsExactly(AnomalyCode.VALIDAZIONE_FIRMA);
        assertThat(c.signature()).isEqualTo(SignatureStatus.INVALID);
        assertThat(c.segnatura().orElseThrow().oggetto()).endsWith("servizj");
        assertThat(c.diagnostics().get(0).message()).contains("digest of reference ''");
    }

    @Test
    @DisplayName("SEG-RECV-01 a tampered impronta together with its file is still caught by the signature (001)")
    void tamperedImprontaAndFile() {
        byte[] other = bytes("un altro allegato");
        String xml = text(Fixtures.sealed()).replace(Impronta.sha256(Fixtures.ALLEGATO).base64(), Impronta.sha256(other).base64());
        Map<String, byte[]> files = new LinkedHashMap<>(Fixtures.files());
        files.put("allegato.txt", other);
        SegnaturaCheck c = verifier.verify(bytes(xml), files);
        assertThat(c.anomalies()).containsExactly(AnomalyCode.VALIDAZIONE_FIRMA);
        assertThat(c.documents()).extracting(DocumentCheck::status).containsOnly(DocumentCheck.Status.MATCH);
    }

    @Test
    @DisplayName("SEG-RECV-01 a segnatura sealed by an untrusted key is 001, its integrity intact")
    void untrustedKey() {
        byte[] rogue = SegnaturaWriter.create(Fixtures.pki().rogue()).withClock(Fixtures.CLOCK).write(Fixtures.segnatura());
        SegnaturaCheck c = verifier.verify(rogue, Fixtures.files());
        assertThat(c.signature()).isEqualTo(SignatureStatus.UNTRUSTED);
        assertThat(c.anomalies()).containsExactly(AnomalyCode.VALIDAZIONE_FIRMA);
        assertThat(codes(c)).containsExactly("SEG_SIGNATURE_UNTRUSTED");
        // the testkit's rogue RSA signer: RSA-SHA256, equally untrusted
        TestPki testkit = TestPki.shared();
        byte[] rsa = SegnaturaWriter.create(SealKey.of(testkit.otherKey(), testkit.otherCertificate())).write(Fixtures.segnatura());
        assertThat(text(rsa)).contains("xmldsig-more#rsa-sha256");
        SegnaturaCheck r = verifier.verify(rsa, Fixtures.files());
        assertThat(r.signature()).isEqualTo(SignatureStatus.UNTRUSTED);
        assertThat(r.anomalies()).containsExactly(AnomalyCode.VALIDAZIONE_FIRMA);
        // trusted once its certificate is listed
        SegnaturaCheck trusted = SegnaturaVerifier.verify(rsa, List.of(ReceivedFile.of("determina.pdf", Fixtures.PRIMARIO),
                ReceivedFile.of("allegato.txt", Fixtures.ALLEGATO)), TrustStore.builder().addCertificate(testkit.otherCertificate()).build());
        assertThat(trusted.signature()).isEqualTo(SignatureStatus.VALID);
        assertThat(trusted.passed()).isTrue();
    }

    @Test
    @DisplayName("SEG-RECV-01 with no trust source nothing is trusted (001); an expired seal certificate is not trusted either")
    void noTrust() {
        SegnaturaCheck c = SegnaturaVerifier.create(TrustStore.empty()).verify(Fixtures.sealed(), Fixtures.files());
        assertThat(c.signature()).isEqualTo(SignatureStatus.UNTRUSTED);
        assertThat(c.anomalies()).containsExactly(AnomalyCode.VALIDAZIONE_FIRMA);
        SegnaturaCheck later = verifier.withClock(Clock.fixed(Instant.parse("2041-01-01T00:00:00Z"), ZoneOffset.UTC))
                .verify(Fixtures.sealed(), Fixtures.files());
        assertThat(later.signature()).isEqualTo(SignatureStatus.UNTRUSTED);
    }

    @Test
    @DisplayName("SEG-RECV-01 SEG-SIGN-01 a v3 segnatura without ds:Signature, or with its signature moved or duplicated, is 001")
    void missingOrMovedSignature() {
        String xml = text(Fixtures.sealed());
        String signature = xml.substring(xml.indexOf("<ds:Signature"), xml.indexOf("</ds:Signature>") + "</ds:Signature>".length());
        String unsigned = xml.replace(signature, "");
        SegnaturaCheck none = verifier.verify(bytes(unsigned), Fixtures.files());
        assertThat(none.signature()).isEqualTo(SignatureStatus.MISSING);
        assertThat(none.anomalies()).containsExactly(AnomalyCode.VALIDAZIONE_FIRMA);
        String moved = unsigned.replace("<prot:Descrizione>", signature + "<prot:Descrizione>");
        assertThat(verifier.verify(bytes(moved), Fixtures.files()).signature()).isEqualTo(SignatureStatus.INVALID);
        String twice = xml.replace("</prot:SegnaturaInformatica>", signature + "</prot:SegnaturaInformatica>");
        assertThat(verifier.verify(bytes(twice), Fixtures.files()).anomalies()).containsExactly(AnomalyCode.VALIDAZIONE_FIRMA);
    }

    @Test
    @DisplayName("SEG-RECV-01 the signed properties must be signed and match the KeyInfo certificate: a stripped XAdES is 001")
    void notXades() {
        String xml = text(Fixtures.sealed());
        String digest = xml.substring(xml.indexOf("<xades:CertDigest>"), xml.indexOf("</xades:CertDigest>"));
        int at = digest.indexOf("<ds:DigestValue>") + "<ds:DigestValue>".length();
        String changed = digest.substring(0, at) + (digest.charAt(at) == 'A' ? 'B' : 'A') + digest.substring(at + 1);
        String wrongCert = xml.replace(digest, changed);
        SegnaturaCheck c = verifier.verify(bytes(wrongCert), Fixtures.files());
        assertThat(c.signature()).isEqualTo(SignatureStatus.INVALID);
        String noProps = xml.replace("xades:SignedProperties", "xades:Other");
        assertThat(verifier.verify(bytes(noProps), Fixtures.files()).signature()).isEqualTo(SignatureStatus.INVALID);
    }

    @Test
    @DisplayName("SEG-RECV-01 a reference to anything outside the document is never resolved")
    void externalReference() {
        String xml = text(Fixtures.sealed()).replace("URI=\"#segnatura-signed-properties\"", "URI=\"http://127.0.0.1:9/props\"");
        SegnaturaCheck c = verifier.verify(bytes(xml), Fixtures.files());
        assertThat(c.signature()).isEqualTo(SignatureStatus.INVALID);
        assertThat(c.anomalies()).containsExactly(AnomalyCode.VALIDAZIONE_FIRMA);
    }

    @Test
    @DisplayName("SEG-RECV-02 a file that cannot be read is 003_DocumentoAllegatiNonLeggibili")
    void unreadableFile() {
        List<ReceivedFile> files = List.of(ReceivedFile.of("determina.pdf", Fixtures.PRIMARIO),
                ReceivedFile.of("allegato.txt", () -> {
                    throw new IOException("spool file vanished");
                }));
        SegnaturaCheck c = verifier.verify(Fixtures.sealed(), files);
        assertThat(c.anomalies()).containsExactly(AnomalyCode.DOCUMENTO_ALLEGATI_NON_LEGGIBILI);
        assertThat(c.documents().get(1).status()).isEqualTo(DocumentCheck.Status.UNREADABLE);
    }

    @Test
    @DisplayName("SEG-RECV-01 files may come as precomputed digests; an unreadable segnatura is 001 with its reason")
    void digestsAndUnreadableSegnatura() {
        List<ReceivedFile> files = List.of(
                ReceivedFile.ofDigest("determina.pdf", DigestAlgorithm.SHA_256, Impronta.sha256(Fixtures.PRIMARIO).value()),
                ReceivedFile.ofDigest("allegato.txt", DigestAlgorithm.SHA_512, new byte[64]));
        SegnaturaCheck c = verifier.verify(Fixtures.sealed(), files);
        assertThat(c.documents()).extracting(DocumentCheck::status).containsExactly(DocumentCheck.Status.MATCH, DocumentCheck.Status.UNREADABLE);
        SegnaturaCheck garbage = verifier.verify(bytes("<html><body>not a segnatura</body></html>"), files);
        assertThat(garbage.received()).isEmpty();
        assertThat(garbage.anomalies()).containsExactly(AnomalyCode.VALIDAZIONE_FIRMA);
        assertThat(codes(garbage)).startsWith("SEG_NOT_RECOGNISED");
    }

    @Test
    @DisplayName("SEG-LEGACY-01 a 60/2013 segnatura has no signature (no 001 for it) and its impronte are still checked")
    void legacy() {
        byte[] pdf = bytes("%PDF legacy");
        String xml = LegacySamples.C60.replace("IMPRONTA", Impronta.sha256(pdf).base64());
        SegnaturaCheck ok = verifier.verify(bytes(xml), Map.of("lettera.pdf", pdf));
        assertThat(ok.format()).contains(SegnaturaFormat.C60_2013);
        assertThat(ok.signature()).isEqualTo(SignatureStatus.MISSING);
        assertThat(ok.anomalies()).isEmpty();
        assertThat(ok.documents()).extracting(DocumentCheck::status).containsExactly(DocumentCheck.Status.MATCH, DocumentCheck.Status.NO_IMPRONTA);
        assertThat(verifier.verify(bytes(xml), Map.of("lettera.pdf", bytes("other"))).anomalies())
                .containsExactly(AnomalyCode.ANOMALIA_IMPRONTA);
    }
}
