package io.github.pec4j.admission;

import static io.github.pec4j.testkit.AdmissionScenarios.AOO_BOX;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.pec4j.admission.AdmissionDecision.RegistrationOutcome;
import io.github.pec4j.core.PecMessage;
import io.github.pec4j.core.PecParser;
import io.github.pec4j.signature.TrustStore;
import io.github.pec4j.testkit.AdmissionScenarios;
import io.github.pec4j.testkit.FixtureKind;
import io.github.pec4j.testkit.PecFixtures;
import io.github.pec4j.testkit.SignedDocuments;
import io.github.pec4j.testkit.TestPki;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A PEC whose original the sender's mail client signed with S/MIME: the {@code smime.p7s} is the mail's signature,
 * verified over what it signs. It was verified alone, as a document, and the PEC refused as "a document whose
 * signature cannot be verified".
 */
@Tag("SIG-SMIME-01")
class SmimeOriginalAdmissionTest {
    private static final String SENDER = "m.rossi.privato@pec.example.it";
    private final PecAdmission admission = PecAdmission.builder(AooConfig.defaults().withMailboxes(AOO_BOX))
            .trust(TrustStore.builder().addCertificate(TestPki.shared().caCertificate()).build()).build();

    private AdmissionDecision admit(byte[] message) throws IOException {
        try (PecMessage m = PecParser.create().withSignedContentDigest().parse(message)) {
            return admission.admit(m);
        }
    }

    /** The message's evidence holds one signature, valid, on {@code file}, covering the primary document or not. */
    private void assertOneValidSignature(byte[] message, String file, boolean coversPrimary) throws IOException {
        try (PecMessage m = PecParser.create().withSignedContentDigest().parse(message)) {
            Evidence e = admission.evidence(m, java.util.Optional.empty(), java.util.Optional.empty());
            assertThat(e.signatures()).singleElement().satisfies(s -> {
                assertThat(s.file()).isEqualTo(file);
                assertThat(s.valid()).isTrue();
                assertThat(s.coversPrimary()).isEqualTo(coversPrimary);
            });
        }
    }

    @Test
    @DisplayName("SIG-SMIME-01 a PEC whose original is clear-signed by its sender is receivable and registered like the same PEC unsigned")
    void receivable() throws IOException {
        AdmissionDecision signed = admit(AdmissionScenarios.create().citizenSmimeSigned());
        AdmissionDecision unsigned = admit(AdmissionScenarios.create().citizenFromUnlistedPec());
        assertThat(signed.receivability().receivable()).as(signed.receivability().toString()).isTrue();
        assertThat(signed.registration().outcome()).isEqualTo(RegistrationOutcome.REGISTER);
        assertThat(signed.registration().reasons()).extracting(Reason::rule)
                .containsExactlyElementsOf(unsigned.registration().reasons().stream().map(Reason::rule).toList());
    }

    @Test
    @DisplayName("SIG-SMIME-02 a PEC whose original its sender signed in opaque form (smime.p7m) is receivable and registered like the same PEC unsigned")
    void opaqueReceivable() throws IOException {
        AdmissionDecision opaque = admit(AdmissionScenarios.create().citizenSmimeOpaque());
        AdmissionDecision unsigned = admit(AdmissionScenarios.create().citizenFromUnlistedPec());
        assertThat(opaque.receivability().receivable()).as(opaque.receivability().toString()).isTrue();
        assertThat(opaque.registration().reasons()).extracting(Reason::rule)
                .containsExactlyElementsOf(unsigned.registration().reasons().stream().map(Reason::rule).toList());
        assertOneValidSignature(AdmissionScenarios.create().citizenSmimeOpaque(), "smime.p7m", false);
    }

    @Test
    @DisplayName("SIG-SMIME-01 the sender's S/MIME signature is evidence about the mail, never the signature of its primary document")
    void notThePrimarysSignature() throws IOException {
        assertOneValidSignature(AdmissionScenarios.create().citizenSmimeSigned(), "smime.p7s", false);
    }

    @Test
    @DisplayName("SIG-SMIME-01 a signed mail of text alone: its smime.p7s, the only attachment, is still not the primary document")
    void textAlone() throws IOException {
        byte[] body = "Content-Type: text/plain; charset=UTF-8\r\n\r\nChiedo il certificato di residenza.\r\n".getBytes(StandardCharsets.UTF_8);
        byte[] original = SignedDocuments.create().clearSignedMail("From: " + SENDER + "\r\nTo: " + AOO_BOX + "\r\nSubject: Richiesta\r\n"
                + "Message-ID: <smime-text@client.example.it>\r\n", body);
        byte[] pec = PecFixtures.create().message(FixtureKind.POSTA_CERTIFICATA).from(SENDER).to(AOO_BOX).original(original).build();
        assertOneValidSignature(pec, "smime.p7s", false);
    }

    @Test
    @Tag("SIG-DETACHED-01")
    @DisplayName("SIG-DETACHED-01 istanza.pdf with its detached istanza.pdf.p7s: receivable, and the qualified signature covers the primary document, like a .p7m")
    void detachedSignatureOfThePrimary() throws IOException {
        AdmissionDecision detached = admit(AdmissionScenarios.create().citizenDetachedP7s());
        AdmissionDecision enveloping = admit(AdmissionScenarios.create().citizenSignedP7m());
        assertThat(detached.receivability().receivable()).as(detached.receivability().toString()).isTrue();
        assertThat(detached.istanza().outcome()).isEqualTo(enveloping.istanza().outcome());
        assertThat(detached.istanza().reasons()).extracting(Reason::rule)
                .containsExactlyElementsOf(enveloping.istanza().reasons().stream().map(Reason::rule).toList());
        assertOneValidSignature(AdmissionScenarios.create().citizenDetachedP7s(), "istanza.pdf.p7s", true);
    }

    @Test
    @Tag("FMT-ENC-SMIME-01")
    @DisplayName("FMT-ENC-SMIME-01 an original its sender encrypted with S/MIME is not receivable, and the reason says encrypted")
    void encryptedOriginal() throws IOException {
        byte[] original = SignedDocuments.create().encryptedMail("From: " + SENDER + "\r\nTo: " + AOO_BOX + "\r\nSubject: Riservata\r\n",
                "Content-Type: text/plain\r\n\r\nSegreto.\r\n".getBytes(StandardCharsets.US_ASCII));
        AdmissionDecision d = admit(PecFixtures.create().message(FixtureKind.POSTA_CERTIFICATA).from(SENDER).to(AOO_BOX).original(original).build());
        assertThat(d.receivability().receivable()).isFalse();
        assertThat(d.receivability().reasons().toString()).contains("encrypted").doesNotContain("signature");
    }

    @Test
    @DisplayName("SIG-SMIME-01 an original changed after its sender signed it is not receivable: its signature is invalid")
    void changedAfterSigning() throws IOException {
        String original = new String(AdmissionScenarios.smimeOriginal(SENDER, "Richiesta"), StandardCharsets.UTF_8)
                .replace("allego la richiesta", "allego la rIchiesta");
        byte[] pec = PecFixtures.create().message(FixtureKind.POSTA_CERTIFICATA).from(SENDER).to(AOO_BOX)
                .original(original.getBytes(StandardCharsets.UTF_8)).build();
        AdmissionDecision d = admit(pec);
        assertThat(d.receivability().receivable()).isFalse();
        assertThat(d.receivability().reasons().toString()).contains("smime.p7s");
    }
}
