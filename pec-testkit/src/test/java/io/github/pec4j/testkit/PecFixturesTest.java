package io.github.pec4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PecFixturesTest {
    private static final PecFixtures FIXTURES = PecFixtures.create();

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    /** The first body part of multipart/signed, exactly as RFC 1847 delimits it, and the decoded signature. */
    static byte[][] split(byte[] message) {
        String s = text(message);
        Matcher m = Pattern.compile("boundary=\"([^\"]+)\"").matcher(s);
        assertThat(m.find()).isTrue();
        String delimiter = "--" + m.group(1);
        String eol = s.contains("\r\n") ? "\r\n" : "\n";
        int start = s.indexOf(delimiter + eol) + delimiter.length() + eol.length();
        int end = s.indexOf(eol + delimiter + eol, start);
        String signed = s.substring(start, end);
        String rest = s.substring(end + eol.length() + delimiter.length() + eol.length());
        String sigBody = rest.substring(rest.indexOf(eol + eol) + 2 * eol.length(), rest.indexOf(eol + delimiter + "--"));
        return new byte[][] {signed.getBytes(StandardCharsets.ISO_8859_1), Base64.getMimeDecoder().decode(sigBody.trim())};
    }

    static boolean verifies(byte[] content, byte[] signature, X509Certificate expectedSigner) throws Exception {
        CMSSignedData cms = new CMSSignedData(new CMSProcessableByteArray(content), signature);
        Collection<SignerInformation> signers = cms.getSignerInfos().getSigners();
        assertThat(signers).hasSize(1);
        SignerInformation si = signers.iterator().next();
        try {
            return si.verify(new JcaSimpleSignerInfoVerifierBuilder().build(expectedSigner));
        } catch (org.bouncycastle.cms.CMSSignerDigestMismatchException e) {
            return false;
        }
    }

    @ParameterizedTest
    @EnumSource(FixtureKind.class)
    void everyKindBuildsWithTheRealLayoutAndAValidSignature(FixtureKind kind) throws Exception {
        byte[] msg = FIXTURES.message(kind).build();
        String s = text(msg);
        if (kind == FixtureKind.NON_PEC) {
            assertThat(s).doesNotContain("X-Trasporto", "X-Ricevuta", "multipart/signed");
            return;
        }
        assertThat(s).contains("Content-Type: multipart/signed; protocol=\"application/pkcs7-signature\"; micalg=\"sha-256\"");
        assertThat(s).contains("Subject: " + kind.subjectPrefix());
        assertThat(s).contains(kind.isReceipt() ? "X-Ricevuta: " + kind.tipo() : "X-Trasporto: ");
        byte[][] parts = split(msg);
        assertThat(text(parts[0])).startsWith("Content-Type: multipart/mixed");
        assertThat(verifies(parts[0], parts[1], FIXTURES.pki().providerCertificate())).isTrue();
        boolean hasDaticert = kind != FixtureKind.ANOMALIA;
        assertThat(s.contains("name=\"daticert.xml\"")).isEqualTo(hasDaticert);
        boolean hasOriginal = kind == FixtureKind.POSTA_CERTIFICATA || kind == FixtureKind.ANOMALIA || kind == FixtureKind.AVVENUTA_CONSEGNA;
        assertThat(s.contains("name=\"postacert.eml\"")).isEqualTo(hasOriginal);
    }

    @Test
    void tamperingBreaksTheSignatureAndARogueSignerIsNotTheProvider() throws Exception {
        byte[][] parts = split(FIXTURES.message(FixtureKind.ACCETTAZIONE).build());
        byte[] tampered = parts[0].clone();
        tampered[tampered.length / 2] ^= 1;
        assertThat(verifies(tampered, parts[1], FIXTURES.pki().providerCertificate())).isFalse();
        byte[][] rogue = split(FIXTURES.withPki(TestPki.generate(99)).message(FixtureKind.ACCETTAZIONE).build());
        assertThat(verifies(rogue[0], rogue[1], TestPki.generate(99).providerCertificate())).isTrue();
        assertThat(TestPki.generate(99).providerCertificate()).isNotEqualTo(FIXTURES.pki().providerCertificate());
        assertThat(FIXTURES.pki().providerCertificate().getIssuerX500Principal())
                .isEqualTo(FIXTURES.pki().caCertificate().getSubjectX500Principal());
        FIXTURES.pki().providerCertificate().verify(FIXTURES.pki().caCertificate().getPublicKey());
    }

    @Test
    void sameInputsGiveTheSameBytes() {
        for (FixtureKind k : FixtureKind.values()) {
            assertThat(FIXTURES.message(k).build()).isEqualTo(PecFixtures.create().message(k).build());
        }
        assertThat(TestPki.generate(5).providerCertificate()).isEqualTo(TestPki.generate(5).providerCertificate());
    }

    @Test
    void daticertCarriesTheSettings() {
        MessageBuilder b = FIXTURES.message(FixtureKind.ERRORE_CONSEGNA).to("a@pec.esempio.it", "b@pec.esempio.it")
                .esterno("c@example.org").deliveredTo("b@pec.esempio.it").clientMessageId("<id-1@client>");
        String d = b.daticert();
        assertThat(d).contains("<postacert tipo=\"errore-consegna\" errore=\"no-dest\">", "<consegna>b@pec.esempio.it</consegna>",
                "<destinatari tipo=\"esterno\">c@example.org</destinatari>", "<msgid>&lt;id-1@client&gt;</msgid>",
                "<data zona=\"+0100\">", "<giorno>15/03/2024</giorno>", "<ora>10:15:30</ora>", "<errore-esteso>5.1.1 - Test PEC S.p.A.");
        assertThat(b.clientMessageId()).isEqualTo("id-1@client");
        String summer = FIXTURES.withClock(Clock.fixed(Instant.parse("2024-07-01T08:00:00Z"), ZoneOffset.UTC))
                .message(FixtureKind.ACCETTAZIONE).daticert();
        assertThat(summer).contains("<data zona=\"+0200\">", "<ora>10:00:00</ora>", "<giorno>01/07/2024</giorno>");
    }

    @Test
    void quirksChangeWhatTheySay() throws Exception {
        assertThat(text(FIXTURES.message(FixtureKind.POSTA_CERTIFICATA).quirk(Quirk.LOWERCASE_HEADER_NAMES).build()))
                .contains("X-Tiporicevuta: completa", "x-trasporto: Posta-Certificata");
        assertThat(text(FIXTURES.message(FixtureKind.POSTA_CERTIFICATA).quirk(Quirk.DOUBLE_SUBJECT_PREFIX).build()))
                .contains("Subject: POSTA CERTIFICATA: POSTA CERTIFICATA: ");
        assertThat(FIXTURES.message(FixtureKind.POSTA_CERTIFICATA).quirk(Quirk.DOUBLE_SUBJECT_PREFIX).daticert()).doesNotContain("<oggetto>");
        assertThat(text(FIXTURES.message(FixtureKind.POSTA_CERTIFICATA).quirk(Quirk.RENAMED_POSTACERT).build()))
                .doesNotContain("postacert.eml").contains("message/rfc822; name=\"Richiesta documentazione");
        assertThat(text(FIXTURES.message(FixtureKind.POSTA_CERTIFICATA).quirk(Quirk.MISSING_DATICERT).build())).doesNotContain("daticert.xml");
        assertThat(FIXTURES.message(FixtureKind.POSTA_CERTIFICATA).quirk(Quirk.HOSTILE_DATICERT_XXE).daticert())
                .contains("<!ENTITY xxe SYSTEM \"file:///etc/passwd\">", "&xxe;");
        assertThat(FIXTURES.message(FixtureKind.POSTA_CERTIFICATA).quirk(Quirk.HOSTILE_DATICERT_ENTITY_BOMB).daticert()).contains("&lol9;");
        assertThat(FIXTURES.message(FixtureKind.POSTA_CERTIFICATA).quirk(Quirk.ZONA_WITH_COLON).daticert()).contains("zona=\"+01:00\"");
        assertThat(FIXTURES.message(FixtureKind.POSTA_CERTIFICATA).quirk(Quirk.MISSING_ZONA).daticert()).contains("<data>");
        assertThat(FIXTURES.message(FixtureKind.POSTA_CERTIFICATA).quirk(Quirk.STRAY_TEXT_IN_DATICERT).daticert()).contains("</risposte>a");
        assertThat(text(FIXTURES.message(FixtureKind.ERRORE_CONSEGNA).quirk(Quirk.NONSTANDARD_HEADER_VALUES).build()))
                .contains("X-Ricevuta: mancata-consegna", "X-Tipo-Ricevuta: normale");
        assertThat(text(FIXTURES.message(FixtureKind.POSTA_CERTIFICATA).quirk(Quirk.RFC2231_FILENAMES).build()))
                .contains("filename*=UTF-8''Richiesta_citt%C3%A0_%C3%A8_perch%C3%A9.pdf", "name=\"=?UTF-8?B?");
        assertThat(text(FIXTURES.message(FixtureKind.POSTA_CERTIFICATA).quirk(Quirk.PATH_TRAVERSAL_FILENAME).build()))
                .contains("filename=\"../../etc/passwd\"");
        assertThat(text(FIXTURES.message(FixtureKind.POSTA_CERTIFICATA).quirk(Quirk.UNSIGNED).build()))
                .doesNotContain("multipart/signed", "smime.p7s").contains("X-Trasporto: posta-certificata");
        String nested = text(FIXTURES.message(FixtureKind.POSTA_CERTIFICATA).quirk(Quirk.NESTED_PEC).build());
        assertThat(nested.split("X-Trasporto: posta-certificata", -1)).hasSize(3);
        String wrapping = text(FIXTURES.message(FixtureKind.ANOMALIA).quirk(Quirk.ANOMALIA_WRAPPING_PEC).build());
        assertThat(wrapping).contains("X-Trasporto: errore", "X-Trasporto: posta-certificata", "name=\"daticert.xml\"");
        byte[] truncated = FIXTURES.message(FixtureKind.POSTA_CERTIFICATA).quirk(Quirk.TRUNCATED_SIGNATURE).build();
        assertThat(truncated.length).isLessThan(FIXTURES.message(FixtureKind.POSTA_CERTIFICATA).build().length);
        String last = text(FIXTURES.message(FixtureKind.POSTA_CERTIFICATA).quirk(Quirk.DATICERT_LAST).build());
        assertThat(last.indexOf("daticert.xml")).isGreaterThan(last.indexOf("postacert.eml"));
    }

    @Test
    void lfLineEndingsStillVerifyAfterCanonicalisation() throws Exception {
        byte[] lf = FIXTURES.message(FixtureKind.POSTA_CERTIFICATA).quirk(Quirk.LF_LINE_ENDINGS).build();
        assertThat(text(lf)).doesNotContain("\r\n");
        byte[][] parts = split(lf);
        byte[] crlf = text(parts[0]).replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        assertThat(verifies(crlf, parts[1], FIXTURES.pki().providerCertificate())).isTrue();
        assertThat(verifies(parts[0], parts[1], FIXTURES.pki().providerCertificate())).isFalse();
    }

    @Test
    void opaqueSignatureEncapsulatesTheSignedContent() throws Exception {
        String s = text(FIXTURES.message(FixtureKind.POSTA_CERTIFICATA).quirk(Quirk.OPAQUE_SIGNATURE).build());
        assertThat(s).contains("Content-Type: application/pkcs7-mime; smime-type=signed-data; name=\"smime.p7m\"");
        String b64 = s.substring(s.indexOf("\r\n\r\n", s.indexOf("smime.p7m\"\r\n")) + 4).trim();
        CMSSignedData cms = new CMSSignedData(new ByteArrayInputStream(Base64.getMimeDecoder().decode(b64)));
        byte[] content = (byte[]) cms.getSignedContent().getContent();
        assertThat(text(content)).startsWith("Content-Type: multipart/mixed").contains("daticert.xml", "postacert.eml");
        SignerInformation si = cms.getSignerInfos().getSigners().iterator().next();
        assertThat(si.verify(new JcaSimpleSignerInfoVerifierBuilder().build(FIXTURES.pki().providerCertificate()))).isTrue();
    }

    @Test
    void expectedAttachmentsMatchTheBytesWritten() throws Exception {
        MessageBuilder b = FIXTURES.message(FixtureKind.POSTA_CERTIFICATA).attachment("a.txt", "text/plain", "ciao".getBytes(StandardCharsets.UTF_8));
        assertThat(b.expectedAttachments()).singleElement().satisfies(a -> {
            assertThat(a.size()).isEqualTo(4);
            assertThat(a.sha256()).isEqualTo(HexFormat.of().formatHex(sha256("ciao".getBytes(StandardCharsets.UTF_8))));
        });
        assertThat(text(b.build())).contains(Base64.getEncoder().encodeToString("ciao".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void largeAttachmentsStreamToAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("big.eml");
        MessageBuilder b = FIXTURES.message(FixtureKind.POSTA_CERTIFICATA).attachment("grande.pdf", "application/pdf", 30L * 1024 * 1024);
        b.writeTo(file);
        assertThat(Files.size(file)).isGreaterThan(40L * 1024 * 1024);
        assertThat(b.expectedAttachments().get(0).size()).isEqualTo(30L * 1024 * 1024);
    }

    @Test
    void sampleMailboxHasEveryKindQuirkAndHostileFile(@TempDir Path dir) throws Exception {
        var files = SampleMailbox.generate(dir);
        var names = files.stream().map(p -> p.getFileName().toString()).toList();
        for (FixtureKind k : FixtureKind.values()) {
            assertThat(names).anyMatch(n -> n.endsWith("-" + k.tipo() + ".eml"));
        }
        assertThat(names).contains("hostile-truncated.eml", "hostile-deep-nesting.eml", "hostile-xxe-daticert.eml",
                "hostile-entity-bomb-daticert.eml", "hostile-path-traversal.eml");
        assertThat(names.stream().filter(n -> n.contains("-quirk-"))).hasSize(Quirk.values().length - 3);
        assertThat(Files.readAllBytes(dir.resolve("hostile-deep-nesting.eml"))).isEqualTo(Hostile.deeplyNestedMultipart(3_000));
    }

    private static byte[] sha256(byte[] b) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(b);
    }
}
