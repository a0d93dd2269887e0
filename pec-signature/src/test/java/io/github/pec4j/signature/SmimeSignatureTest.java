package io.github.pec4j.signature;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pec4j.core.Attachment;
import io.github.pec4j.core.PecMessage;
import io.github.pec4j.core.PecParser;
import io.github.pec4j.testkit.AdmissionScenarios;
import io.github.pec4j.testkit.TestPki;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A sender's S/MIME signature ({@code smime.p7s} of a clear-signed mail) is verified over the part it signs: alone, a
 * detached signature is never verifiable, and a PEC whose original a mail client signed was refused as "a document
 * whose signature cannot be verified".
 */
@Tag("SIG-SMIME-01")
class SmimeSignatureTest {
    private static final String FROM = "lucia.bianchi@example.com";

    private static DocumentVerifier verifier;

    @BeforeAll
    static void trust() {
        verifier = DocumentVerifier.create(TrustStore.builder().addCertificate(TestPki.shared().caCertificate()).build());
    }

    @Test
    @DisplayName("SIG-SMIME-01 the smime.p7s of a clear-signed mail verifies over its first part: valid, trusted, the sender's certificate")
    void verifiesOverTheSignedPart() throws IOException {
        DocumentReport r = verify(AdmissionScenarios.smimeOriginal(FROM, "Segnalazione"));
        assertThat(r.integrity()).isEqualTo(Integrity.VALID);
        assertThat(r.layers()).singleElement().satisfies(l -> {
            assertThat(l.detached()).isTrue();
            assertThat(l.signers()).singleElement().satisfies(s -> assertThat(s.trust()).isEqualTo(Trust.TRUSTED));
        });
    }

    @Test
    @DisplayName("SIG-SMIME-01 a signed part changed after signing (one letter of its text) is invalid, not unverifiable")
    void changedAfterSigning() throws IOException {
        String mail = new String(AdmissionScenarios.smimeOriginal(FROM, "Segnalazione"), StandardCharsets.UTF_8);
        DocumentReport r = verify(mail.replace("allego la richiesta", "allego la rIchiesta").getBytes(StandardCharsets.UTF_8));
        assertThat(r.integrity()).isEqualTo(Integrity.INVALID);
    }

    @Test
    @DisplayName("SIG-SMIME-01 a copy stored with bare LF line breaks verifies in canonical form (CRLF), as RFC 8551 signs it")
    void bareLineFeeds() throws IOException {
        String mail = new String(AdmissionScenarios.smimeOriginal(FROM, "Segnalazione"), StandardCharsets.UTF_8);
        assertThat(verify(mail.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8)).integrity()).isEqualTo(Integrity.VALID);
    }

    @Test
    @Tag("SIG-DETACHED-01")
    @DisplayName("SIG-DETACHED-01 verifyDetached(signature, document) over two attachments: valid over its document, invalid over another, the document never rewritten")
    void detachedOverAnAttachment() throws IOException {
        byte[] pec = io.github.pec4j.testkit.AdmissionScenarios.create().citizenDetachedP7s();
        try (PecMessage m = PecParser.create().parse(pec)) {
            Attachment pdf = m.attachments().get(0);
            Attachment p7s = m.attachments().get(1);
            assertThat(p7s.signsByName(pdf)).isTrue();
            assertThat(pdf.signsByName(p7s)).isFalse();
            DocumentReport r = verifier.verifyDetached(p7s, pdf);
            assertThat(r.integrity()).isEqualTo(Integrity.VALID);
            assertThat(r.layers()).singleElement().satisfies(l -> assertThat(l.detached()).isTrue());
            assertThat(verifier.verify(p7s).integrity()).as("alone").isEqualTo(Integrity.NOT_VERIFIABLE);
        }
        // signed with CRLF, sent with LF: for a mail that is one message (canonical form); for a document, other bytes
        String lf = new String(io.github.pec4j.testkit.SignedDocuments.create().detached("riga uno\r\nriga due\r\n".getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.ISO_8859_1);
        byte[] text = io.github.pec4j.testkit.PecFixtures.create().message(io.github.pec4j.testkit.FixtureKind.POSTA_CERTIFICATA).noAttachments()
                .attachment("nota.txt", "application/octet-stream", "riga uno\nriga due\n".getBytes(StandardCharsets.UTF_8))
                .attachment("nota.txt.p7s", "application/pkcs7-signature", lf.getBytes(StandardCharsets.ISO_8859_1)).build();
        try (PecMessage m = PecParser.create().parse(text)) {
            assertThat(verifier.verifyDetached(m.attachments().get(1), m.attachments().get(0)).integrity())
                    .as("a document's bytes are the file: never rewritten to CRLF to make a signature hold").isEqualTo(Integrity.INVALID);
        }
    }

    @Test
    @Tag("SIG-DETACHED-01")
    @DisplayName("SIG-DETACHED-01 a large document the parser spooled to a file is verified where it lies, and a changed byte in it is caught")
    void spooledDocument() throws IOException {
        byte[] big = new byte[300_000];
        new java.util.Random(7).nextBytes(big);
        byte[] p7s = io.github.pec4j.testkit.SignedDocuments.create().detached(big);
        byte[] changed = big.clone();
        changed[150_000] ^= 1;
        for (byte[] sent : List.of(big, changed)) {
            byte[] pec = io.github.pec4j.testkit.PecFixtures.create().message(io.github.pec4j.testkit.FixtureKind.POSTA_CERTIFICATA).noAttachments()
                    .attachment("dati.bin", "application/octet-stream", sent).attachment("dati.bin.p7s", "application/pkcs7-signature", p7s).build();
            try (PecMessage m = PecParser.create().parse(pec)) {
                assertThat(m.attachments().get(0).content().spoolFile()).as("spooled").isPresent();
                assertThat(verifier.verifyDetached(m.attachments().get(1), m.attachments().get(0)).integrity())
                        .isEqualTo(sent == big ? Integrity.VALID : Integrity.INVALID);
            }
        }
    }

    private static DocumentReport verify(byte[] mail) throws IOException {
        try (PecMessage m = PecParser.create().parse(mail)) {
            Attachment p7s = m.attachments().stream().filter(a -> a.name().equals("smime.p7s")).findFirst().orElseThrow();
            return verifier.verify(p7s);
        }
    }
}
