package io.github.pec4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pec4j.testkit.ExpectedAttachment;
import io.github.pec4j.testkit.FixtureKind;
import io.github.pec4j.testkit.MessageBuilder;
import io.github.pec4j.testkit.PecFixtures;
import io.github.pec4j.testkit.Quirk;
import io.github.pec4j.testkit.ReceiptType;
import io.github.pec4j.testkit.SampleMailbox;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every kind and quirk the testkit builds parses to the right kind, daticert and attachments. */
class FixtureKitTest {
    private static final PecFixtures FIXTURES = PecFixtures.create();
    private final PecParser parser = PecParser.create();

    /** The provider signature verifies over exactly the range the parser recorded (CRLF-canonicalised). */
    static boolean signatureCoversRecordedRange(PecMessage m) throws Exception {
        byte[] signed = m.raw().read(m.signedLayout().signedContent().orElseThrow());
        String sigText = new String(m.raw().read(m.signedLayout().signature().orElseThrow()), StandardCharsets.US_ASCII);
        byte[] canonical = new String(signed, StandardCharsets.ISO_8859_1).replace("\r\n", "\n").replace("\n", "\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        CMSSignedData cms = new CMSSignedData(new CMSProcessableByteArray(canonical), Base64.getMimeDecoder().decode(sigText.trim()));
        SignerInformation si = cms.getSignerInfos().getSigners().iterator().next();
        return si.verify(new JcaSimpleSignerInfoVerifierBuilder().build(FIXTURES.pki().providerCertificate()));
    }

    @ParameterizedTest
    @EnumSource(FixtureKind.class)
    @DisplayName("PEC-KIND-01 PEC-KIND-02 PEC-KIND-03 PEC-KIND-04 every kind parses to its kind, daticert and attachments")
    void everyKind(FixtureKind kind) throws Exception {
        MessageBuilder b = FIXTURES.message(kind);
        try (PecMessage m = parser.parse(b.build())) {
            assertThat(m.kind().id()).isEqualTo(kind.tipo());
            assertThat(m.hasErrors()).as(m.diagnostics().toString()).isFalse();
            if (kind == FixtureKind.NON_PEC) {
                assertThat(m.signedLayout().form()).isEqualTo(SignedLayout.Form.NONE);
                assertAttachments(m, b.expectedAttachments());
                return;
            }
            assertThat(signatureCoversRecordedRange(m)).isTrue();
            assertThat(m.correlation().riferimentoMessageId()).contains(b.clientMessageId());
            if (kind == FixtureKind.ANOMALIA) {
                assertThat(m.daticert()).isEmpty();
                assertThat(m.sender()).contains("mario.rossi@example.org");
            } else {
                Daticert d = m.daticert().orElseThrow();
                assertThat(d.tipo().raw()).isEqualTo(kind.tipo());
                assertThat(d.identificativo()).isEqualTo(b.identificativo());
                assertThat(d.msgidNormalised()).contains(b.clientMessageId());
                assertThat(d.gestoreEmittente()).isEqualTo("Test PEC S.p.A.");
                assertThat(d.data().instant().orElseThrow().toInstant()).isEqualTo(FIXTURES.clock().instant());
                assertThat(m.correlation().identificativo()).contains(b.identificativo());
            }
            if (kind == FixtureKind.POSTA_CERTIFICATA || kind == FixtureKind.ANOMALIA || kind == FixtureKind.AVVENUTA_CONSEGNA) {
                assertAttachments(m, b.expectedAttachments());
            } else {
                assertThat(m.original()).isEmpty();
            }
            if (kind == FixtureKind.AVVENUTA_CONSEGNA || kind == FixtureKind.ERRORE_CONSEGNA) {
                assertThat(m.correlation().consegna()).contains(b.deliveredTo());
            }
            if (kind == FixtureKind.ERRORE_CONSEGNA) {
                assertThat(m.daticert().orElseThrow().erroreEsteso().flatMap(Daticert.ErroreEsteso::code)).contains("5.1.1");
            }
            if (kind == FixtureKind.RILEVAZIONE_VIRUS) {
                assertThat(m.virusRelated()).isTrue();
                assertThat(m.pecHeaders().mittente()).isPresent();
            }
        }
    }

    private static void assertAttachments(PecMessage m, List<ExpectedAttachment> expected) {
        assertThat(m.attachments()).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            Attachment a = m.attachments().get(i);
            assertThat(a.name()).isEqualTo(expected.get(i).name());
            assertThat(a.size()).isEqualTo(expected.get(i).size());
            assertThat(a.sha256()).isEqualTo(expected.get(i).sha256());
            assertThat(a.declaredType()).isEqualTo(expected.get(i).contentType());
        }
    }

    @Test
    @DisplayName("REC-TYPE-01 completa, breve, sintetica and Cc delivery receipts")
    void receiptTypes() {
        try (PecMessage m = parser.parse(FIXTURES.message(FixtureKind.AVVENUTA_CONSEGNA).receiptType(ReceiptType.SINTETICA).build())) {
            assertThat(m.original()).isEmpty();
            assertThat(m.diagnostics()).isEmpty();
            assertThat(m.daticert().orElseThrow().ricevuta().orElseThrow().raw()).isEqualTo("sintetica");
        }
        try (PecMessage m = parser.parse(FIXTURES.message(FixtureKind.AVVENUTA_CONSEGNA).cc("cc@pec.esempio.it")
                .deliveredTo("cc@pec.esempio.it").build())) {
            assertThat(m.original()).isEmpty();
            assertThat(m.diagnostics()).isEmpty();
        }
        try (PecMessage m = parser.parse(FIXTURES.message(FixtureKind.AVVENUTA_CONSEGNA).receiptType(ReceiptType.BREVE).build())) {
            assertThat(m.diagnostics(ParseCode.ATTACHMENT_REPLACED_BY_HASH)).hasSize(1);
        }
        try (PecMessage m = parser.parse(FIXTURES.message(FixtureKind.POSTA_CERTIFICATA).receiptType(ReceiptType.BREVE).build())) {
            assertThat(m.diagnostics()).isEmpty(); // the envelope always carries the complete original
            assertThat(m.pecHeaders().tipoRicevuta()).contains("breve");
        }
    }

    @ParameterizedTest
    @EnumSource(Quirk.class)
    @DisplayName("Every testkit quirk parses to the right kind without an exception, with the expected diagnostics")
    void everyQuirk(Quirk q) throws Exception {
        FixtureKind kind = q == Quirk.ANOMALIA_WRAPPING_PEC ? FixtureKind.ANOMALIA
                : q == Quirk.NONSTANDARD_HEADER_VALUES ? FixtureKind.ERRORE_CONSEGNA : FixtureKind.POSTA_CERTIFICATA;
        MessageBuilder b = FIXTURES.message(kind).quirk(q);
        try (PecMessage m = parser.parse(b.build())) {
            assertThat(m.kind().id()).isEqualTo(kind.tipo());
            switch (q) {
                case LOWERCASE_HEADER_NAMES, DOUBLE_SUBJECT_PREFIX, ZONA_WITH_COLON, DATICERT_LAST, RFC2231_FILENAMES, LF_LINE_ENDINGS -> {
                    assertThat(m.hasErrors()).isFalse();
                    assertThat(m.daticert()).isPresent();
                    assertThat(m.daticert().get().data().instant()).isPresent();
                    assertAttachments(m, b.expectedAttachments());
                    assertThat(signatureCoversRecordedRange(m)).isTrue();
                }
                case RENAMED_POSTACERT -> {
                    assertThat(m.diagnostics(ParseCode.PEC_POSTACERT_RENAMED)).hasSize(1);
                    assertAttachments(m, b.expectedAttachments());
                }
                case OPAQUE_SIGNATURE -> {
                    assertThat(m.signedLayout().form()).isEqualTo(SignedLayout.Form.OPAQUE);
                    assertThat(m.daticert()).isPresent();
                    assertAttachments(m, b.expectedAttachments());
                    assertThat(m.hasErrors()).isFalse();
                }
                case NESTED_PEC -> {
                    assertThat(m.nested()).singleElement().satisfies(n -> {
                        assertThat(n.kind()).isEqualTo(PecKind.POSTA_CERTIFICATA);
                        assertThat(n.daticert().orElseThrow().mittente()).isEqualTo("anna.bianchi@pec.ordine.esempio.it");
                        assertThat(n.attachments()).singleElement().satisfies(a -> assertThat(a.size()).isEqualTo(4096));
                        try {
                            assertThat(signatureCoversRecordedRange(n)).isTrue();
                        } catch (Exception e) {
                            throw new AssertionError(e);
                        }
                    });
                    assertThat(m.daticert().orElseThrow().mittente()).isEqualTo("protocollo@pec.comune.esempio.it");
                    assertThat(m.attachments()).extracting(Attachment::embeddedMessage).containsExactly(false, true);
                    assertThat(m.attachments().get(1).size()).isEqualTo(b.nestedEnvelope().length);
                }
                case MISSING_DATICERT -> assertThat(m.diagnostics(ParseCode.PEC_DATICERT_MISSING)).hasSize(1);
                case HOSTILE_DATICERT_XXE, HOSTILE_DATICERT_ENTITY_BOMB -> {
                    assertThat(m.diagnostics(ParseCode.PEC_DATICERT_DOCTYPE_REFUSED)).hasSize(1);
                    assertThat(m.toString()).doesNotContain("root:x:0");
                }
                case MISSING_ZONA -> {
                    assertThat(m.daticert().orElseThrow().data().instant()).isEmpty();
                    assertThat(m.diagnostics(ParseCode.PEC_DATICERT_ZONE_UNKNOWN)).hasSize(1);
                }
                case TRUNCATED_SIGNATURE -> {
                    assertThat(m.signedLayout().signature()).isPresent(); // verification (pec-signature) reports it
                    assertThat(m.daticert()).isPresent();
                }
                case UNSIGNED -> assertThat(m.diagnostics(ParseCode.PEC_NOT_SIGNED)).hasSize(1);
                case STRAY_TEXT_IN_DATICERT -> assertThat(m.diagnostics(ParseCode.PEC_DATICERT_STRAY_TEXT)).hasSize(1);
                case NONSTANDARD_HEADER_VALUES -> {
                    assertThat(m.diagnostics(ParseCode.PEC_HEADER_NONSTANDARD)).hasSize(2);
                    assertThat(m.pecHeaders().ricevuta()).contains("mancata-consegna");
                }
                case PATH_TRAVERSAL_FILENAME -> {
                    assertThat(m.diagnostics(ParseCode.ATTACHMENT_NAME_UNSAFE)).hasSize(2);
                    assertThat(m.attachments()).extracting(Attachment::safeName).doesNotContain("../../etc/passwd")
                            .allSatisfy(n -> assertThat(n).doesNotContain("/", "\\"));
                }
                case ANOMALIA_WRAPPING_PEC -> {
                    assertThat(m.innerKind()).contains(PecKind.POSTA_CERTIFICATA);
                    assertThat(m.nested()).singleElement().satisfies(n -> assertThat(n.daticert()).isPresent());
                    assertThat(m.hasErrors()).isFalse();
                }
            }
        }
    }

    @Test
    @DisplayName("SEC-EXC-01 the whole sample mailbox parses, hostile files included, without an exception")
    void sampleMailbox(@TempDir Path dir) throws Exception {
        for (Path f : SampleMailbox.generate(dir)) {
            try (PecMessage m = parser.parse(f)) {
                assertThat(m.raw().size()).isEqualTo(java.nio.file.Files.size(f));
                if (f.getFileName().toString().startsWith("hostile-")) {
                    assertThat(m.diagnostics()).as(f.toString()).isNotEmpty();
                }
            }
        }
    }
}
