package io.github.pec4j.formats;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pec4j.core.PecMessage;
import io.github.pec4j.core.PecParser;
import io.github.pec4j.testkit.AdmissionScenarios;
import io.github.pec4j.testkit.Attachments;
import io.github.pec4j.testkit.FixtureKind;
import io.github.pec4j.testkit.PecFixtures;
import io.github.pec4j.testkit.SignedDocuments;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Detached signatures are checked as the signature of what they sign: the {@code smime.p7s} of a sender's clear-signed
 * mail (SIG-SMIME-01), a {@code .p7s} beside its document (SIG-DETACHED-01).
 */
class DetachedSignaturesFormatTest {
    private final FormatChecker checker = FormatChecker.create(FormatPolicy.caluso());

    private List<FileReport> check(byte[] message) throws IOException {
        try (PecMessage m = PecParser.create().parse(message)) {
            return checker.check(m);
        }
    }

    @Test
    @Tag("SIG-SMIME-01")
    @DisplayName("SIG-SMIME-01 a PEC whose original its sender clear-signed: smime.p7s is an accepted signature, the PDF it signs is checked as any file")
    void acceptedSignature() throws IOException {
        List<FileReport> reports = check(AdmissionScenarios.create().citizenSmimeSigned());
        assertThat(reports).extracting(FileReport::path).containsExactly("richiesta.pdf", "smime.p7s");
        assertThat(reports.get(1).detectedType()).isEqualTo("application/pkcs7-signature");
        assertThat(reports.get(1).findings()).isEmpty();
        assertThat(FormatChecker.verdict(reports)).isEqualTo(Verdict.ACCEPT);
    }

    @Test
    @Tag("SIG-SMIME-01")
    @DisplayName("SIG-SMIME-01 an original changed after its sender signed it (the provider then certified the changed bytes): SIGNATURE_INVALID, rejected")
    void changedAfterSigning() throws IOException {
        String original = new String(AdmissionScenarios.smimeOriginal("m.rossi.privato@pec.example.it", "Richiesta"), StandardCharsets.UTF_8)
                .replace("allego la richiesta", "allego la rIchiesta");
        byte[] pec = PecFixtures.create().message(FixtureKind.POSTA_CERTIFICATA).from("m.rossi.privato@pec.example.it")
                .to(AdmissionScenarios.AOO_BOX).original(original.getBytes(StandardCharsets.UTF_8)).build();
        List<FileReport> reports = check(pec);
        assertThat(reports.get(1).findings()).extracting(Finding::code).containsExactly(FormatCode.SIGNATURE_INVALID);
        assertThat(reports.get(1).findings().get(0).english()).contains("invalid");
        assertThat(FormatChecker.verdict(reports)).isEqualTo(Verdict.REJECT);
    }

    @Test
    @Tag("SIG-SMIME-02")
    @DisplayName("SIG-SMIME-02 an original its sender signed in opaque form: the PDF inside is checked as an attachment, smime.p7m verified over it, accepted")
    void opaqueSignature() throws IOException {
        List<FileReport> reports = check(AdmissionScenarios.create().citizenSmimeOpaque());
        assertThat(reports).extracting(FileReport::path).containsExactly("richiesta.pdf", "smime.p7m");
        assertThat(reports.get(1).detectedType()).isEqualTo("application/pkcs7-mime");
        assertThat(reports.get(1).findings()).isEmpty();
        assertThat(reports.get(1).members()).as("what it signs is checked once, as the attachments").isEmpty();
        assertThat(FormatChecker.verdict(reports)).isEqualTo(Verdict.ACCEPT);
    }

    @Test
    @Tag("FMT-ENC-SMIME-01")
    @DisplayName("FMT-ENC-SMIME-01 an original its sender encrypted with S/MIME (enveloped-data): ENCRYPTED, rejected, never a broken signature")
    void encryptedOriginal() throws IOException {
        String headers = "From: m.rossi.privato@pec.example.it\r\nTo: " + AdmissionScenarios.AOO_BOX + "\r\nSubject: Riservata\r\n"
                + "Message-ID: <enc-1@client.example.it>\r\n";
        byte[] original = SignedDocuments.create().encryptedMail(headers, "Content-Type: text/plain\r\n\r\nSegreto.\r\n".getBytes(StandardCharsets.US_ASCII));
        byte[] pec = PecFixtures.create().message(FixtureKind.POSTA_CERTIFICATA).from("m.rossi.privato@pec.example.it")
                .to(AdmissionScenarios.AOO_BOX).original(original).build();
        List<FileReport> reports = check(pec);
        assertThat(reports).extracting(FileReport::path).containsExactly("smime.p7m");
        assertThat(reports.get(0).findings()).extracting(Finding::code).containsExactly(FormatCode.ENCRYPTED);
        assertThat(FormatChecker.verdict(reports)).isEqualTo(Verdict.REJECT);
    }

    @Test
    @Tag("SIG-SMIME-01")
    @DisplayName("SIG-SMIME-01 fail closed: an smime.p7s that is not CMS (garbage, or DER nested past the guard's depth) is not verifiable, rejected, never an exception")
    void hostileSignaturePart() throws IOException {
        byte[] deep = new byte[2 * 200];
        for (int i = 0; i < 200; i++) {
            deep[2 * i] = 0x30;
            deep[2 * i + 1] = (byte) 0x80; // 200 nested indefinite-length SEQUENCEs, never closed
        }
        for (byte[] signature : List.of("non una firma".getBytes(StandardCharsets.US_ASCII), deep)) {
            String mail = new String(AdmissionScenarios.smimeOriginal("m.rossi.privato@pec.example.it", "Richiesta"), StandardCharsets.ISO_8859_1);
            int start = mail.indexOf("\r\n\r\n", mail.indexOf("filename=\"smime.p7s\"")) + 4;
            int end = mail.indexOf("\r\n\r\n------=_smime_sig--", start);
            String hostile = mail.substring(0, start) + java.util.Base64.getMimeEncoder().encodeToString(signature) + mail.substring(end);
            byte[] pec = PecFixtures.create().message(FixtureKind.POSTA_CERTIFICATA).from("m.rossi.privato@pec.example.it")
                    .to(AdmissionScenarios.AOO_BOX).original(hostile.getBytes(StandardCharsets.ISO_8859_1)).build();
            List<FileReport> reports = check(pec);
            assertThat(reports.get(1).path()).isEqualTo("smime.p7s");
            assertThat(reports.get(1).findings()).extracting(Finding::code).containsExactly(FormatCode.SIGNATURE_INVALID);
            assertThat(reports.get(1).findings().get(0).english()).contains("not_verifiable");
            assertThat(FormatChecker.verdict(reports)).isEqualTo(Verdict.REJECT);
        }
    }

    private static byte[] pec(String name, byte[] document, String signatureName, byte[] signature) {
        return PecFixtures.create().message(FixtureKind.POSTA_CERTIFICATA).to(AdmissionScenarios.AOO_BOX).noAttachments()
                .attachment(name, "application/pdf", document).attachment(signatureName, "application/pkcs7-signature", signature).build();
    }

    @Test
    @Tag("SIG-DETACHED-01")
    @DisplayName("SIG-DETACHED-01 istanza.pdf with istanza.pdf.p7s over its bytes: the signature verifies, both files accepted")
    void besideItsDocument() throws IOException {
        List<FileReport> reports = check(AdmissionScenarios.create().citizenDetachedP7s());
        assertThat(reports).extracting(FileReport::path).containsExactly("istanza.pdf", "istanza.pdf.p7s");
        assertThat(reports.get(1).findings()).isEmpty();
        assertThat(FormatChecker.verdict(reports)).isEqualTo(Verdict.ACCEPT);
    }

    @Test
    @Tag("SIG-DETACHED-01")
    @DisplayName("SIG-DETACHED-01 a .p7s over other bytes than its document's: SIGNATURE_INVALID (invalid), rejected")
    void overOtherBytes() throws IOException {
        byte[] pdf = Attachments.pdf();
        byte[] other = java.util.Arrays.copyOf(pdf, pdf.length + 1);
        List<FileReport> reports = check(pec("istanza.pdf", pdf, "istanza.pdf.p7s", SignedDocuments.create().detached(other)));
        assertThat(reports.get(1).findings()).extracting(Finding::code).containsExactly(FormatCode.SIGNATURE_INVALID);
        assertThat(reports.get(1).findings().get(0).english()).contains("invalid").doesNotContain("not_verifiable");
        assertThat(FormatChecker.verdict(reports)).isEqualTo(Verdict.REJECT);
    }

    @Test
    @Tag("SIG-DETACHED-01")
    @DisplayName("SIG-DETACHED-01 a .p7s whose document is not in the message (named otherwise): not verifiable, as before")
    void withoutItsDocument() throws IOException {
        byte[] pdf = Attachments.pdf();
        List<FileReport> reports = check(pec("domanda.pdf", pdf, "istanza.pdf.p7s", SignedDocuments.create().detached(pdf)));
        assertThat(reports.get(1).findings()).extracting(Finding::code).containsExactly(FormatCode.SIGNATURE_INVALID);
        assertThat(reports.get(1).findings().get(0).english()).contains("not_verifiable");
    }
}
