package io.github.pec4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pec4j.testkit.AdmissionScenarios;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A sender's clear-signed mail: its {@code smime.p7s} carries the bytes it signs, every other attachment none. */
@Tag("SIG-SMIME-01")
class SmimeOriginalTest {
    private static final String FIRST_PART = "Content-Type: multipart/mixed; boundary=\"mixed-1\"";

    @Test
    @DisplayName("SIG-SMIME-01 the smime.p7s of an S/MIME-signed postacert.eml carries its first part, from its first header byte to the break before the boundary")
    void insideAnEnvelope() throws IOException {
        try (PecMessage m = PecParser.create().parse(AdmissionScenarios.create().citizenSmimeSigned())) {
            assertThat(m.kind()).isEqualTo(PecKind.POSTA_CERTIFICATA);
            assertSignedContent(m);
        }
    }

    @Test
    @DisplayName("SIG-SMIME-01 ordinary mail clear-signed by its sender: the same, at the top level")
    void ordinaryMail() throws IOException {
        try (PecMessage m = PecParser.create().parse(AdmissionScenarios.smimeOriginal("lucia.bianchi@example.com", "Segnalazione"))) {
            assertThat(m.kind()).isEqualTo(PecKind.NON_PEC);
            assertSignedContent(m);
        }
    }

    @Test
    @DisplayName("SIG-SMIME-02 a postacert.eml its sender signed in opaque form (smime.p7m) is read from inside: its text and files, its headers from outside")
    void opaqueInsideAnEnvelope() throws IOException {
        try (PecMessage m = PecParser.create().parse(AdmissionScenarios.create().citizenSmimeOpaque())) {
            assertThat(m.kind()).isEqualTo(PecKind.POSTA_CERTIFICATA);
            assertThat(m.completeness().complete()).isTrue();
            assertThat(m.attachments()).extracting(Attachment::name).containsExactly("richiesta.pdf", "smime.p7m");
            assertThat(m.attachments().get(0).content().readAllBytes()).isEqualTo(io.github.pec4j.testkit.Attachments.pdf());
            assertThat(m.attachments().get(0).signedContent()).isEmpty();
            assertThat(new String(m.attachments().get(1).signedContent().orElseThrow().readAllBytes(), StandardCharsets.UTF_8))
                    .startsWith(FIRST_PART).endsWith("--mixed-1--\r\n");
            OriginalMessage o = m.original().orElseThrow();
            assertThat(o.from()).contains(AdmissionScenarios.UNLISTED_PEC);
            assertThat(o.subject()).contains("Richiesta certificato firmata");
            assertThat(o.texts()).singleElement().satisfies(t -> assertThat(t.text()).contains("allego la richiesta firmata"));
            assertThat(m.diagnostics(ParseCode.PEC_OPAQUE_SIGNATURE)).singleElement()
                    .satisfies(d -> assertThat(d.location().mimePath()).isEqualTo(o.mimePath()));
        }
    }

    @Test
    @DisplayName("SIG-SMIME-02 fail closed: an opaque original that is not CMS is kept as its smime.p7m, unread, with an error, and the parse goes on")
    void opaqueOriginalNotCms() throws IOException {
        String original = "From: " + AdmissionScenarios.UNLISTED_PEC + "\r\nTo: " + AdmissionScenarios.AOO_BOX + "\r\nSubject: Opaca\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: application/pkcs7-mime; smime-type=signed-data; name=\"smime.p7m\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n" + java.util.Base64.getMimeEncoder().encodeToString("non CMS".getBytes(StandardCharsets.US_ASCII))
                + "\r\n";
        byte[] pec = io.github.pec4j.testkit.PecFixtures.create().message(io.github.pec4j.testkit.FixtureKind.POSTA_CERTIFICATA)
                .from(AdmissionScenarios.UNLISTED_PEC).to(AdmissionScenarios.AOO_BOX).original(original.getBytes(StandardCharsets.US_ASCII)).build();
        try (PecMessage m = PecParser.create().parse(pec)) {
            assertThat(m.kind()).isEqualTo(PecKind.POSTA_CERTIFICATA);
            assertThat(m.diagnostics(ParseCode.PEC_OPAQUE_UNREADABLE)).hasSize(1);
            assertThat(m.attachments()).singleElement().satisfies(a -> {
                assertThat(a.name()).isEqualTo("smime.p7m");
                assertThat(a.signedContent()).isEmpty();
                assertThat(a.content().readAllBytes()).isEqualTo("non CMS".getBytes(StandardCharsets.US_ASCII));
            });
            assertThat(m.original().orElseThrow().from()).contains(AdmissionScenarios.UNLISTED_PEC);
        }
    }

    @Test
    @DisplayName("SIG-SMIME-02 ordinary mail signed in opaque form: sender and Subject from its headers, outside the signature, as in clear-signed mail")
    void opaqueOrdinaryMail() throws IOException {
        String headers = "From: lucia.bianchi@example.com\r\nTo: protocollo@comune.example.it\r\nSubject: Segnalazione\r\nMessage-ID: <op@example.com>\r\n";
        byte[] body = "Content-Type: text/plain; charset=UTF-8\r\n\r\nSegnalo una buca.\r\n".getBytes(StandardCharsets.UTF_8);
        try (PecMessage m = PecParser.create().parse(io.github.pec4j.testkit.SignedDocuments.create().opaqueSignedMail(headers, body))) {
            OriginalMessage o = m.original().orElseThrow();
            assertThat(o.mimePath()).isEqualTo("/");
            assertThat(o.from()).contains("lucia.bianchi@example.com");
            assertThat(o.subject()).contains("Segnalazione");
            assertThat(o.texts()).singleElement().satisfies(t -> assertThat(t.text()).contains("Segnalo una buca."));
            assertThat(m.sender()).contains("lucia.bianchi@example.com");
            assertThat(m.attachments()).singleElement().satisfies(a -> {
                assertThat(a.name()).isEqualTo("smime.p7m");
                assertThat(a.signedContent().orElseThrow().readAllBytes()).isEqualTo(body);
            });
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertSignedContent(PecMessage m) throws IOException {
        assertThat(m.attachments()).extracting(Attachment::name).containsExactly("richiesta.pdf", "smime.p7s");
        assertThat(m.attachments().get(0).signedContent()).isEmpty();
        byte[] signed = m.attachments().get(1).signedContent().orElseThrow().readAllBytes();
        assertThat(m.attachments().get(1).signedContent().orElseThrow().sha256Hex()).as("hashed when asked")
                .isEqualTo(java.util.HexFormat.of().formatHex(sha256(signed)));
        assertThat(m.attachments().get(1).signedContent().orElseThrow().size()).isEqualTo(signed.length);
        String text = new String(signed, StandardCharsets.UTF_8);
        assertThat(text).startsWith(FIRST_PART).endsWith("--mixed-1--\r\n").doesNotContain("smime_sig");
        String whole = new String(m.raw().read(new ByteRange(0, m.raw().size())), StandardCharsets.UTF_8);
        assertThat(whole).contains(text + "\r\n------=_smime_sig\r\n");
    }
}
