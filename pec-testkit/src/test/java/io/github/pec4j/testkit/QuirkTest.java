package io.github.pec4j.testkit;

import static io.github.pec4j.testkit.Messages.count;
import static io.github.pec4j.testkit.Messages.daticert;
import static io.github.pec4j.testkit.Messages.headers;
import static io.github.pec4j.testkit.Messages.parseXml;
import static io.github.pec4j.testkit.Messages.split;
import static io.github.pec4j.testkit.Messages.text;
import static io.github.pec4j.testkit.Messages.verifies;
import static io.github.pec4j.testkit.Messages.xpath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each quirk changes what it says and nothing else: the provider signature still holds where there is one. */
class QuirkTest {
    private static final PecFixtures FIXTURES = PecFixtures.create();
    private static final Set<Quirk> NOT_DETACHED = EnumSet.of(Quirk.UNSIGNED, Quirk.OPAQUE_SIGNATURE, Quirk.TRUNCATED_SIGNATURE);

    private static FixtureKind kindFor(Quirk q) {
        return switch (q) {
            case ANOMALIA_WRAPPING_PEC -> FixtureKind.ANOMALIA;
            case NONSTANDARD_HEADER_VALUES -> FixtureKind.ERRORE_CONSEGNA;
            default -> FixtureKind.POSTA_CERTIFICATA;
        };
    }

    private static MessageBuilder envelope(Quirk q) {
        return FIXTURES.message(kindFor(q)).quirk(q);
    }

    @ParameterizedTest
    @EnumSource(Quirk.class)
    void everyQuirkIsDeterministicAndStillSignedWhereItShouldBe(Quirk q) throws Exception {
        byte[] msg = envelope(q).build();
        assertThat(msg).isEqualTo(envelope(q).build());
        assertThat(msg).isNotEqualTo(FIXTURES.message(kindFor(q)).build());
        if (NOT_DETACHED.contains(q)) {
            return;
        }
        Messages.Signed parts = split(msg);
        byte[] content = q == Quirk.LF_LINE_ENDINGS ? parts.canonical() : parts.content();
        assertThat(verifies(content, parts.signature(), FIXTURES.pki().providerCertificate())).as(q.name()).isTrue();
    }

    @Test
    void lowercaseHeaderNames() {
        String h = headers(FIXTURES.message(FixtureKind.POSTA_CERTIFICATA).quirk(Quirk.LOWERCASE_HEADER_NAMES).build());
        assertThat(h).contains("\r\nX-Tiporicevuta: completa\r\n", "\r\nx-trasporto: Posta-Certificata\r\n", "\r\nX-riferimento-message-id: <")
                .doesNotContain("X-TipoRicevuta", "X-Trasporto");
        String s = text(FIXTURES.message(FixtureKind.POSTA_CERTIFICATA).quirk(Quirk.LOWERCASE_HEADER_NAMES).build());
        assertThat(s.substring(s.indexOf("postacert.eml"))).contains("X-TipoRicevuta: completa"); // the original keeps its spelling
        assertThat(headers(FIXTURES.message(FixtureKind.ACCETTAZIONE).quirk(Quirk.LOWERCASE_HEADER_NAMES).build()))
                .contains("\r\nx-RICEVUTA: ACCETTAZIONE\r\n");
    }

    @Test
    void doubleSubjectPrefixAndNoOggetto() throws Exception {
        byte[] msg = FIXTURES.message(FixtureKind.POSTA_CERTIFICATA).quirk(Quirk.DOUBLE_SUBJECT_PREFIX).build();
        assertThat(headers(msg)).contains("\r\nSubject: POSTA CERTIFICATA: POSTA CERTIFICATA: Richiesta documentazione");
        assertThat(xpath(parseXml(daticert(msg)), "count(/postacert/intestazione/oggetto)")).isEqualTo("0");
    }

    @Test
    void renamedPostacert() {
        String s = text(FIXTURES.message(FixtureKind.POSTA_CERTIFICATA).subject("Offerta").quirk(Quirk.RENAMED_POSTACERT).build());
        assertThat(s).doesNotContain("postacert.eml").contains("Content-Type: message/rfc822; name=\"Offerta.eml\"",
                "Content-Disposition: inline; filename=\"Offerta.eml\"");
    }

    @Test
    void opaqueSignatureEncapsulatesTheSignedContent() throws Exception {
        String s = text(FIXTURES.message(FixtureKind.POSTA_CERTIFICATA).quirk(Quirk.OPAQUE_SIGNATURE).build());
        assertThat(s).contains("\r\nContent-Type: application/pkcs7-mime; smime-type=signed-data; name=\"smime.p7m\"\r\n")
                .doesNotContain("multipart/signed", "smime.p7s");
        String b64 = s.substring(s.indexOf("\r\n\r\n", s.indexOf("smime.p7m\"\r\n")) + 4).trim();
        CMSSignedData cms = new CMSSignedData(new ByteArrayInputStream(Base64.getMimeDecoder().decode(b64)));
        byte[] content = (byte[]) cms.getSignedContent().getContent();
        assertThat(text(content)).startsWith("Content-Type: multipart/mixed").contains("daticert.xml", "postacert.eml");
        // the encapsulated content is exactly what the detached form signs
        assertThat(content).isEqualTo(split(FIXTURES.message(FixtureKind.POSTA_CERTIFICATA).build()).content());
        SignerInformation si = cms.getSignerInfos().getSigners().iterator().next();
        assertThat(si.verify(new JcaSimpleSignerInfoVerifierBuilder().build(FIXTURES.pki().providerCertificate()))).isTrue();
    }

    @Test
    void nestedPec() throws Exception {
        MessageBuilder b = FIXTURES.message(FixtureKind.POSTA_CERTIFICATA).quirk(Quirk.NESTED_PEC);
        byte[] msg = b.build();
        String s = text(msg);
        assertThat(count(s, "X-Trasporto: posta-certificata")).isEqualTo(2);
        assertThat(count(s, "Content-Type: application/xml; name=\"daticert.xml\"")).isEqualTo(2);
        byte[] inner = b.nestedEnvelope();
        assertThat(s).contains("Content-Type: message/rfc822; name=\"PEC inoltrata.eml\"\r\nContent-Disposition: attachment;")
                .contains(text(inner));
        Messages.Signed innerParts = split(inner);
        assertThat(verifies(innerParts.content(), innerParts.signature(), FIXTURES.pki().providerCertificate())).isTrue();
        // the outer daticert is the outer one
        assertThat(xpath(parseXml(daticert(msg)), "/postacert/dati/identificativo")).isEqualTo(b.identificativo());
    }

    @Test
    void missingDaticert() {
        assertThat(text(FIXTURES.message(FixtureKind.POSTA_CERTIFICATA).quirk(Quirk.MISSING_DATICERT).build()))
                .doesNotContain("daticert.xml").contains("postacert.eml");
        assertThat(text(FIXTURES.message(FixtureKind.ACCETTAZIONE).quirk(Quirk.MISSING_DATICERT).build())).doesNotContain("daticert.xml");
    }

    @Test
    void hostileDaticerts() {
        String xxe = daticert(FIXTURES.message(FixtureKind.POSTA_CERTIFICATA).quirk(Quirk.HOSTILE_DATICERT_XXE).build());
        assertThat(xxe).contains("<!DOCTYPE postacert [", "<!ENTITY xxe SYSTEM \"file:///etc/passwd\">", "<oggetto>&xxe;</oggetto>");
        assertThatThrownBy(() -> parseXml(xxe)).hasMessageContaining("DOCTYPE");
        String bomb = daticert(FIXTURES.message(FixtureKind.POSTA_CERTIFICATA).quirk(Quirk.HOSTILE_DATICERT_ENTITY_BOMB).build());
        assertThat(bomb).contains("<!ENTITY lol \"lol\">", "<!ENTITY lol9 \"&lol8;&lol8;", "<oggetto>&lol9;</oggetto>");
        assertThat(bomb.length()).isLessThan(4096);
    }

    @Test
    void zonaVariants() throws Exception {
        assertThat(FIXTURES.message(FixtureKind.POSTA_CERTIFICATA).quirk(Quirk.ZONA_WITH_COLON).daticert()).contains("<data zona=\"+01:00\">");
        String missing = FIXTURES.message(FixtureKind.POSTA_CERTIFICATA).quirk(Quirk.MISSING_ZONA).daticert();
        assertThat(missing).contains("<data>").doesNotContain("zona");
        assertThat(xpath(parseXml(missing), "/postacert/dati/data/ora")).isEqualTo("10:15:30");
    }

    @Test
    void lfLineEndingsStillVerifyAfterCanonicalisation() throws Exception {
        byte[] lf = FIXTURES.message(FixtureKind.POSTA_CERTIFICATA).quirk(Quirk.LF_LINE_ENDINGS).build();
        assertThat(text(lf)).doesNotContain("\r");
        byte[] crlf = FIXTURES.message(FixtureKind.POSTA_CERTIFICATA).build();
        assertThat(text(lf)).isEqualTo(text(crlf).replace("\r\n", "\n"));
        Messages.Signed parts = split(lf);
        assertThat(verifies(parts.canonical(), parts.signature(), FIXTURES.pki().providerCertificate())).isTrue();
        assertThat(verifies(parts.content(), parts.signature(), FIXTURES.pki().providerCertificate())).isFalse();
    }

    @Test
    void rfc2231AndRfc2047FileNames() {
        MessageBuilder b = FIXTURES.message(FixtureKind.POSTA_CERTIFICATA).quirk(Quirk.RFC2231_FILENAMES);
        String s = text(b.build());
        String name = "Richiesta_città_è_perché.pdf";
        assertThat(b.expectedAttachments().get(0).name()).isEqualTo(name);
        assertThat(s).contains("filename*=UTF-8''Richiesta_citt%C3%A0_%C3%A8_perch%C3%A9.pdf",
                "name=\"=?UTF-8?B?" + Base64.getEncoder().encodeToString(name.getBytes(StandardCharsets.UTF_8)) + "?=\"");
    }

    @Test
    void truncatedSignature() {
        byte[] msg = FIXTURES.message(FixtureKind.POSTA_CERTIFICATA).quirk(Quirk.TRUNCATED_SIGNATURE).build();
        assertThat(msg.length).isLessThan(FIXTURES.message(FixtureKind.POSTA_CERTIFICATA).build().length);
        Messages.Signed parts = split(msg);
        assertThat(parts.content()).isEqualTo(split(FIXTURES.message(FixtureKind.POSTA_CERTIFICATA).build()).content());
        assertThatThrownBy(() -> new CMSSignedData(parts.signature())).isInstanceOf(Exception.class);
    }

    @Test
    void unsigned() {
        byte[] msg = FIXTURES.message(FixtureKind.POSTA_CERTIFICATA).quirk(Quirk.UNSIGNED).build();
        assertThat(headers(msg)).contains("X-Trasporto: posta-certificata", "Content-Type: multipart/mixed");
        assertThat(text(msg)).doesNotContain("multipart/signed", "smime.p7", "pkcs7").contains("daticert.xml", "postacert.eml");
    }

    @Test
    void daticertLast() {
        String s = text(FIXTURES.message(FixtureKind.POSTA_CERTIFICATA).quirk(Quirk.DATICERT_LAST).build());
        assertThat(s.indexOf("name=\"daticert.xml\"")).isGreaterThan(s.indexOf("name=\"postacert.eml\""));
    }

    @Test
    void strayTextInDaticert() throws Exception {
        String d = daticert(FIXTURES.message(FixtureKind.POSTA_CERTIFICATA).quirk(Quirk.STRAY_TEXT_IN_DATICERT).build());
        assertThat(d).contains("</risposte>a\n    <oggetto>");
        assertThat(xpath(parseXml(d), "/postacert/intestazione/oggetto")).startsWith("Richiesta documentazione");
    }

    @Test
    void nonstandardHeaderValues() throws Exception {
        byte[] msg = FIXTURES.message(FixtureKind.ERRORE_CONSEGNA).quirk(Quirk.NONSTANDARD_HEADER_VALUES).build();
        assertThat(headers(msg)).contains("\r\nX-Ricevuta: mancata-consegna\r\n", "\r\nX-Tipo-Ricevuta: normale")
                .doesNotContain("X-Ricevuta: errore-consegna");
        assertThat(xpath(parseXml(daticert(msg)), "/postacert/@tipo")).isEqualTo("errore-consegna");
    }

    @Test
    void pathTraversalFileNames() {
        MessageBuilder b = FIXTURES.message(FixtureKind.POSTA_CERTIFICATA).quirk(Quirk.PATH_TRAVERSAL_FILENAME);
        assertThat(b.expectedAttachments()).extracting(ExpectedAttachment::name)
                .contains("../../etc/passwd", "C:\\Windows\\evil.exe");
        assertThat(text(b.build())).contains("filename=\"../../etc/passwd\"", "filename=\"C:\\\\Windows\\\\evil.exe\"");
    }

    @Test
    void anomaliaWrappingPec() throws Exception {
        byte[] msg = FIXTURES.message(FixtureKind.ANOMALIA).quirk(Quirk.ANOMALIA_WRAPPING_PEC).build();
        String s = text(msg);
        assertThat(headers(msg)).contains("X-Trasporto: errore", "Subject: ANOMALIA MESSAGGIO: ");
        assertThat(count(s, "Content-Type: application/xml; name=\"daticert.xml\"")).isEqualTo(1); // only the inner envelope's
        String inner = s.substring(s.indexOf("filename=\"postacert.eml\"\r\n\r\n") + "filename=\"postacert.eml\"\r\n\r\n".length());
        assertThat(inner).contains("X-Trasporto: posta-certificata", "Subject: POSTA CERTIFICATA: ");
        assertThat(xpath(parseXml(daticert(msg)), "/postacert/@tipo")).isEqualTo("posta-certificata");
        assertThat(s.indexOf("name=\"daticert.xml\"")).isGreaterThan(s.indexOf("postacert.eml"));
    }
}
