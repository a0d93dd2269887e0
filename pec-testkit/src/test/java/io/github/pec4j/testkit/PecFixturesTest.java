package io.github.pec4j.testkit;

import static io.github.pec4j.testkit.Messages.daticert;
import static io.github.pec4j.testkit.Messages.headers;
import static io.github.pec4j.testkit.Messages.parseXml;
import static io.github.pec4j.testkit.Messages.split;
import static io.github.pec4j.testkit.Messages.text;
import static io.github.pec4j.testkit.Messages.verifies;
import static io.github.pec4j.testkit.Messages.xpath;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Document;

/** Every kind builds with the providers' layout, signed over the right bytes, deterministically. */
class PecFixturesTest {
    static final PecFixtures FIXTURES = PecFixtures.create();

    @ParameterizedTest
    @EnumSource(FixtureKind.class)
    void everyKindBuildsWithTheRealLayoutAndAValidSignature(FixtureKind kind) throws Exception {
        MessageBuilder b = FIXTURES.message(kind);
        byte[] msg = b.build();
        String s = text(msg);
        assertThat(s).doesNotContain("\n\n").contains("\r\n"); // CRLF throughout
        assertThat(s.replace("\r\n", "")).doesNotContain("\r", "\n");
        if (kind == FixtureKind.NON_PEC) {
            assertThat(s).doesNotContain("X-Trasporto", "X-Ricevuta", "multipart/signed", "daticert", "pkcs7");
            return;
        }
        String h = headers(msg);
        assertThat(h).contains("\r\nDate: Fri, 15 Mar 2024 10:15:30 +0100\r\n", "\r\nSubject: " + kind.subjectPrefix(),
                "\r\nX-Riferimento-Message-ID: <" + b.clientMessageId() + ">\r\n", "\r\nMIME-Version: 1.0\r\n",
                "\r\nContent-Type: multipart/signed; protocol=\"application/pkcs7-signature\"; micalg=\"sha-256\";");
        assertThat(s).contains("\r\n\r\nThis is an S/MIME signed message\r\n",
                "Content-Type: application/pkcs7-signature; name=\"smime.p7s\"\r\nContent-Transfer-Encoding: base64\r\n"
                        + "Content-Disposition: attachment; filename=\"smime.p7s\"\r\n");
        if (kind.isReceipt()) {
            assertThat(h).contains("\r\nX-Ricevuta: " + kind.tipo() + "\r\n", "\r\nFrom: posta-certificata@pec.testpec.it\r\n",
                    "\r\nTo: protocollo@pec.comune.esempio.it\r\n").doesNotContain("X-Trasporto", "Message-ID: <" + b.identificativo() + ">");
        } else {
            assertThat(h).contains("\r\nX-Trasporto: " + (kind == FixtureKind.ANOMALIA ? "errore" : "posta-certificata") + "\r\n",
                    "\r\nMessage-ID: <" + b.identificativo() + ">\r\n", "\r\nReply-To: " + (kind == FixtureKind.ANOMALIA
                            ? "mario.rossi@example.org" : "protocollo@pec.comune.esempio.it") + "\r\n",
                    "\r\nFrom: \"Per conto di: ");
        }

        Messages.Signed parts = split(msg);
        assertThat(text(parts.content())).startsWith("Content-Type: multipart/mixed").endsWith("--\r\n");
        assertThat(verifies(parts.content(), parts.signature(), FIXTURES.pki().providerCertificate())).isTrue();
        assertThat(s.contains("name=\"daticert.xml\"")).isEqualTo(kind != FixtureKind.ANOMALIA);
        boolean hasOriginal = kind == FixtureKind.POSTA_CERTIFICATA || kind == FixtureKind.ANOMALIA || kind == FixtureKind.AVVENUTA_CONSEGNA;
        assertThat(s.contains("Content-Type: message/rfc822; name=\"postacert.eml\"\r\nContent-Disposition: inline; filename=\"postacert.eml\""))
                .isEqualTo(hasOriginal);
        // text, then daticert, then postacert
        int text = s.indexOf("Content-Type: multipart/alternative");
        assertThat(text).isPositive();
        if (kind != FixtureKind.ANOMALIA) {
            assertThat(s.indexOf("daticert.xml")).isGreaterThan(text);
        }
        if (hasOriginal && kind != FixtureKind.ANOMALIA) {
            assertThat(s.indexOf("postacert.eml")).isGreaterThan(s.indexOf("daticert.xml"));
        }
    }

    @ParameterizedTest
    @EnumSource(value = FixtureKind.class, names = {"NON_PEC", "ANOMALIA"}, mode = EnumSource.Mode.EXCLUDE)
    void daticertIsWellFormedAndCarriesTheExpectedFields(FixtureKind kind) throws Exception {
        MessageBuilder b = FIXTURES.message(kind).cc("ragioneria@pec.comune.esempio.it").esterno("cittadino@example.org");
        String x = daticert(b.build());
        assertThat(x).isEqualTo(b.daticert()).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<postacert tipo=\"")
                .doesNotContain("DOCTYPE");
        Document d = parseXml(x);
        assertThat(xpath(d, "/postacert/@tipo")).isEqualTo(kind.tipo());
        assertThat(xpath(d, "/postacert/intestazione/mittente")).isEqualTo("protocollo@pec.comune.esempio.it");
        assertThat(xpath(d, "/postacert/intestazione/risposte")).isEqualTo("protocollo@pec.comune.esempio.it");
        assertThat(xpath(d, "/postacert/intestazione/destinatari[1]")).isEqualTo("ufficio.tributi@pec.regione.esempio.it");
        assertThat(xpath(d, "/postacert/intestazione/destinatari[2]")).isEqualTo("ragioneria@pec.comune.esempio.it");
        assertThat(xpath(d, "/postacert/intestazione/destinatari[2]/@tipo")).isEqualTo("certificato");
        assertThat(xpath(d, "/postacert/intestazione/destinatari[3]/@tipo")).isEqualTo("esterno");
        assertThat(xpath(d, "/postacert/intestazione/oggetto")).isEqualTo("Richiesta documentazione pratica n. 2024/0123 - Comune di Esempio");
        assertThat(xpath(d, "/postacert/dati/gestore-emittente")).isEqualTo("Test PEC S.p.A.");
        assertThat(xpath(d, "/postacert/dati/data/@zona")).isEqualTo("+0100");
        assertThat(xpath(d, "/postacert/dati/data/giorno")).isEqualTo("15/03/2024");
        assertThat(xpath(d, "/postacert/dati/data/ora")).isEqualTo("10:15:30");
        assertThat(xpath(d, "/postacert/dati/identificativo")).isEqualTo(b.identificativo()).doesNotContain("<");
        assertThat(xpath(d, "/postacert/dati/msgid")).isEqualTo("<" + b.clientMessageId() + ">");
        boolean ricevuta = kind == FixtureKind.POSTA_CERTIFICATA || kind == FixtureKind.AVVENUTA_CONSEGNA;
        assertThat(xpath(d, "/postacert/dati/ricevuta/@tipo")).isEqualTo(ricevuta ? "completa" : "");
        boolean consegna = kind == FixtureKind.AVVENUTA_CONSEGNA || kind == FixtureKind.ERRORE_CONSEGNA
                || kind == FixtureKind.PREAVVISO_ERRORE_CONSEGNA;
        assertThat(xpath(d, "/postacert/dati/consegna")).isEqualTo(consegna ? "ufficio.tributi@pec.regione.esempio.it" : "");
        assertThat(xpath(d, "count(/postacert/dati/ricezione)")).isEqualTo(kind == FixtureKind.PRESA_IN_CARICO ? "1" : "0");
        boolean failure = kind == FixtureKind.ERRORE_CONSEGNA || kind == FixtureKind.PREAVVISO_ERRORE_CONSEGNA
                || kind == FixtureKind.NON_ACCETTAZIONE || kind == FixtureKind.RILEVAZIONE_VIRUS;
        assertThat(xpath(d, "/postacert/dati/errore-esteso")).matches(failure ? "\\d\\.\\d\\.\\d - Test PEC S\\.p\\.A\\. - .+" : "");
        assertThat(xpath(d, "/postacert/@errore")).isEqualTo(switch (kind) {
            case ERRORE_CONSEGNA -> "no-dest";
            case NON_ACCETTAZIONE, PREAVVISO_ERRORE_CONSEGNA -> "altro";
            case RILEVAZIONE_VIRUS -> "virus";
            default -> "nessuno";
        });
    }

    @Test
    void settingsReachDaticertAndHeaders() throws Exception {
        MessageBuilder b = FIXTURES.message(FixtureKind.ERRORE_CONSEGNA).from("sindaco@pec.comune.esempio.it")
                .to("a@pec.esempio.it", "b@pec.esempio.it").esterno("c@example.org").deliveredTo("b@pec.esempio.it")
                .clientMessageId("<id-1@client>").identificativo("opec99.1@pec.testpec.it").errore("no-dominio")
                .erroreEsteso("5.1.2 - Test PEC S.p.A. - dominio non valido").subject("Verbale & allegati: è pronto");
        byte[] msg = b.build();
        Document d = parseXml(daticert(msg));
        assertThat(xpath(d, "/postacert/@errore")).isEqualTo("no-dominio");
        assertThat(xpath(d, "/postacert/dati/errore-esteso")).isEqualTo("5.1.2 - Test PEC S.p.A. - dominio non valido");
        assertThat(xpath(d, "/postacert/dati/consegna")).isEqualTo("b@pec.esempio.it");
        assertThat(xpath(d, "/postacert/dati/msgid")).isEqualTo("<id-1@client>");
        assertThat(xpath(d, "/postacert/dati/identificativo")).isEqualTo("opec99.1@pec.testpec.it");
        assertThat(xpath(d, "/postacert/intestazione/oggetto")).isEqualTo("Verbale & allegati: è pronto");
        assertThat(b.daticert()).contains("<oggetto>Verbale &amp; allegati: è pronto</oggetto>");
        assertThat(xpath(d, "/postacert/intestazione/mittente")).isEqualTo("sindaco@pec.comune.esempio.it");
        assertThat(headers(msg)).contains("\r\nTo: sindaco@pec.comune.esempio.it\r\n", "X-Riferimento-Message-ID: <id-1@client>",
                "Subject: =?UTF-8?B?");
        assertThat(b.clientMessageId()).isEqualTo("id-1@client");
        assertThat(b.identificativo()).isEqualTo("opec99.1@pec.testpec.it");
        assertThat(b.deliveredTo()).isEqualTo("b@pec.esempio.it");

        assertThat(parseXml(FIXTURES.message(FixtureKind.ACCETTAZIONE).oggetto("Altro oggetto").daticert()).getElementsByTagName("oggetto")
                .item(0).getTextContent()).isEqualTo("Altro oggetto");
    }

    @ParameterizedTest
    @EnumSource(value = FixtureKind.class, names = {"POSTA_CERTIFICATA", "ANOMALIA", "AVVENUTA_CONSEGNA"})
    void aGivenOriginalIsCarriedByteForByteUnderTheSignature(FixtureKind kind) throws Exception {
        byte[] original = ("From: a@pec.esempio.it\r\nTo: b@pec.esempio.it\r\nSubject: prova\r\nMessage-ID: <x1@client>\r\n\r\n"
                + "testo esatto, spazi finali   \r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] message = FIXTURES.message(kind).original(original).clientMessageId("x1@client").build();
        String text = text(message);
        String part = "filename=\"postacert.eml\"\r\n\r\n";
        int start = text.indexOf(part) + part.length();
        assertThat(text.substring(start, start + original.length)).isEqualTo(new String(original, StandardCharsets.US_ASCII));
        assertThat(text.substring(start + original.length)).startsWith("\r\n--");
        Messages.Signed parts = split(message);
        assertThat(verifies(parts.content(), parts.signature(), FIXTURES.pki().providerCertificate())).isTrue();
    }

    @Test
    void zonaFollowsRomeAtTheClockInstant() throws Exception {
        String summer = FIXTURES.withClock(Clock.fixed(Instant.parse("2024-07-01T08:00:00Z"), ZoneOffset.UTC))
                .message(FixtureKind.ACCETTAZIONE).daticert();
        assertThat(summer).contains("<data zona=\"+0200\">", "<ora>10:00:00</ora>", "<giorno>01/07/2024</giorno>");
        byte[] msg = FIXTURES.withClock(Clock.fixed(Instant.parse("2024-07-01T08:00:00Z"), ZoneOffset.UTC))
                .message(FixtureKind.POSTA_CERTIFICATA).build();
        assertThat(headers(msg)).contains("Date: Mon, 1 Jul 2024 10:00:00 +0200");
    }

    @Test
    void defaultIdsLookLikeAProvidersAndAreStable() {
        MessageBuilder b = FIXTURES.message(FixtureKind.POSTA_CERTIFICATA);
        assertThat(b.identificativo()).matches("opec21\\.20240315101530\\.\\d+\\.67\\.1\\.8@pec\\.testpec\\.it");
        assertThat(b.clientMessageId()).matches("20240315101530\\.[0-9a-f]+@client\\.pec\\.comune\\.esempio\\.it");
        assertThat(FIXTURES.message(FixtureKind.ACCETTAZIONE).identificativo()).isEqualTo(b.identificativo());
        assertThat(FIXTURES.message(FixtureKind.ACCETTAZIONE).subject("Altro").identificativo()).isNotEqualTo(b.identificativo());
    }

    @Test
    void theProviderCanBeChanged() {
        PecFixtures other = FIXTURES.withProvider("Altro Gestore S.p.A.", "pec.altro.example");
        MessageBuilder b = other.message(FixtureKind.ACCETTAZIONE);
        String s = text(b.build());
        assertThat(s).contains("From: posta-certificata@pec.altro.example");
        assertThat(b.identificativo()).endsWith("@pec.altro.example");
        assertThat(b.daticert()).contains("<gestore-emittente>Altro Gestore S.p.A.</gestore-emittente>");
    }

    @Test
    void sameInputsGiveTheSameBytes() {
        for (FixtureKind k : FixtureKind.values()) {
            MessageBuilder b = FIXTURES.message(k);
            assertThat(b.build()).isEqualTo(b.build()).isEqualTo(PecFixtures.create().message(k).build());
        }
        // the shared PKI is the seed-2005 PKI, regenerated identically
        assertThat(PecFixtures.create().withPki(TestPki.generate(2005)).message(FixtureKind.POSTA_CERTIFICATA).build())
                .isEqualTo(FIXTURES.message(FixtureKind.POSTA_CERTIFICATA).build());
    }

    @Test
    void tamperingBreaksTheSignature() throws Exception {
        Messages.Signed parts = split(FIXTURES.message(FixtureKind.ACCETTAZIONE).build());
        byte[] tampered = parts.content().clone();
        tampered[tampered.length / 2] ^= 1;
        assertThat(verifies(tampered, parts.signature(), FIXTURES.pki().providerCertificate())).isFalse();
    }

    @Test
    void aRogueSignerCanForgeAReceipt() throws Exception {
        TestPki pki = FIXTURES.pki();
        byte[] forged = FIXTURES.message(FixtureKind.AVVENUTA_CONSEGNA).signedBy(pki.otherCertificate(), pki.otherKey()).build();
        Messages.Signed parts = split(forged);
        assertThat(verifies(parts.content(), parts.signature(), pki.otherCertificate())).isTrue();
        org.bouncycastle.cms.CMSSignedData cms = new org.bouncycastle.cms.CMSSignedData(
                new org.bouncycastle.cms.CMSProcessableByteArray(parts.content()), parts.signature());
        assertThat(cms.getCertificates().getMatches(null)).hasSize(1);
        assertThat(text(forged)).contains("X-Ricevuta: avvenuta-consegna");
    }

    @Test
    void theSignatureCarriesTheChainAndTheSigningTime() throws Exception {
        Messages.Signed parts = split(FIXTURES.message(FixtureKind.POSTA_CERTIFICATA).build());
        org.bouncycastle.cms.CMSSignedData cms = new org.bouncycastle.cms.CMSSignedData(
                new org.bouncycastle.cms.CMSProcessableByteArray(parts.content()), parts.signature());
        assertThat(cms.getCertificates().getMatches(null)).hasSize(2);
        org.bouncycastle.cms.SignerInformation si = cms.getSignerInfos().getSigners().iterator().next();
        assertThat(si.getDigestAlgOID()).isEqualTo("2.16.840.1.101.3.4.2.1"); // SHA-256
        org.bouncycastle.asn1.cms.Attribute t = si.getSignedAttributes().get(org.bouncycastle.asn1.cms.CMSAttributes.signingTime);
        assertThat(org.bouncycastle.asn1.cms.Time.getInstance(t.getAttrValues().getObjectAt(0)).getDate().toInstant())
                .isEqualTo(Instant.parse("2024-03-15T09:15:30Z"));
    }

    @Test
    void expectedAttachmentsMatchTheBytesWritten() throws Exception {
        MessageBuilder b = FIXTURES.message(FixtureKind.POSTA_CERTIFICATA).attachment("a.txt", "text/plain", "ciao".getBytes(StandardCharsets.UTF_8))
                .attachment("b.pdf", "application/pdf", 1000L);
        assertThat(b.expectedAttachments()).hasSize(2);
        ExpectedAttachment a = b.expectedAttachments().get(0);
        assertThat(a).isEqualTo(new ExpectedAttachment("a.txt", "text/plain", 4, hex("ciao".getBytes(StandardCharsets.UTF_8))));
        String s = text(b.build());
        assertThat(s).contains("Content-Disposition: attachment; filename=\"a.txt\"\r\n\r\n"
                + Base64.getEncoder().encodeToString("ciao".getBytes(StandardCharsets.UTF_8)) + "\r\n");
        // the generated one decodes to its declared size and hash
        int start = s.indexOf("\r\n\r\n", s.indexOf("filename=\"b.pdf\"")) + 4;
        byte[] decoded = Base64.getMimeDecoder().decode(s.substring(start, s.indexOf("\r\n--", start)));
        assertThat(decoded).hasSize(1000).startsWith("%PDF-".getBytes(StandardCharsets.US_ASCII));
        assertThat(hex(decoded)).isEqualTo(b.expectedAttachments().get(1).sha256());
        assertThat(FIXTURES.message(FixtureKind.POSTA_CERTIFICATA).expectedAttachments()).singleElement()
                .satisfies(e -> assertThat(e.contentType()).isEqualTo("application/pdf"));
        assertThat(FIXTURES.message(FixtureKind.POSTA_CERTIFICATA).noAttachments().expectedAttachments()).isEmpty();
    }

    @Test
    void theOriginalIsRewrittenLikeAProviderDoes() {
        MessageBuilder b = FIXTURES.message(FixtureKind.POSTA_CERTIFICATA).cc("ragioneria@pec.comune.esempio.it");
        String s = text(b.build());
        String original = s.substring(s.indexOf("filename=\"postacert.eml\"\r\n\r\n"));
        assertThat(original).contains("\r\nMessage-ID: <" + b.identificativo() + ">\r\n",
                "\r\nX-Riferimento-Message-ID: <" + b.clientMessageId() + ">\r\n", "\r\nCc: ragioneria@pec.comune.esempio.it\r\n",
                "Content-Type: text/plain; charset=\"UTF-8\"", "Citt=C3=A0", "Content-Disposition: attachment; filename=\"Richiesta_documentazione.pdf\"");
        assertThat(headers(b.build())).contains("\r\nCc: ragioneria@pec.comune.esempio.it\r\n");
        String human = s.substring(s.indexOf("multipart/alternative"), s.indexOf("daticert.xml"));
        assertThat(human).contains("charset=\"iso-8859-1\"", "quoted-printable", "=E8", "text/html");
    }

    @Test
    void receiptVariantsCarryWhatTheyShould() {
        MessageBuilder completa = FIXTURES.message(FixtureKind.AVVENUTA_CONSEGNA);
        assertThat(text(completa.build())).contains("name=\"postacert.eml\"", "filename=\"Richiesta_documentazione.pdf\"",
                "X-TipoRicevuta: completa");
        assertThat(completa.daticert()).contains("<ricevuta tipo=\"completa\"/>");

        MessageBuilder breve = FIXTURES.message(FixtureKind.AVVENUTA_CONSEGNA).receiptType(ReceiptType.BREVE);
        String sb = text(breve.build());
        assertThat(sb).contains("name=\"postacert.eml\"", "SHA-256 " + breve.expectedAttachments().get(0).sha256())
                .doesNotContain("filename=\"Richiesta_documentazione.pdf\"");
        assertThat(breve.daticert()).contains("<ricevuta tipo=\"breve\"/>");

        MessageBuilder sintetica = FIXTURES.message(FixtureKind.AVVENUTA_CONSEGNA).receiptType(ReceiptType.SINTETICA);
        assertThat(text(sintetica.build())).doesNotContain("postacert.eml", "message/rfc822").contains("daticert.xml");
        assertThat(sintetica.daticert()).contains("<ricevuta tipo=\"sintetica\"/>");

        MessageBuilder cc = FIXTURES.message(FixtureKind.AVVENUTA_CONSEGNA).cc("ragioneria@pec.comune.esempio.it")
                .deliveredTo("ragioneria@pec.comune.esempio.it");
        assertThat(text(cc.build())).doesNotContain("postacert.eml").contains("daticert.xml");
        assertThat(cc.daticert()).contains("<consegna>ragioneria@pec.comune.esempio.it</consegna>", "<ricevuta tipo=\"completa\"/>");

        assertThat(headers(FIXTURES.message(FixtureKind.POSTA_CERTIFICATA).receiptType(ReceiptType.BREVE).build()))
                .contains("X-TipoRicevuta: breve");
        assertThat(ReceiptType.SINTETICA.value()).isEqualTo("sintetica");
    }

    @Test
    void virusNotices() {
        String nonAcc = headers(FIXTURES.message(FixtureKind.NON_ACCETTAZIONE).virus().build());
        assertThat(nonAcc).contains("Subject: AVVISO DI NON ACCETTAZIONE PER VIRUS: ", "X-VerificaSicurezza: errore",
                "X-Ricevuta: non-accettazione");
        String err = headers(FIXTURES.message(FixtureKind.ERRORE_CONSEGNA).virus().build());
        assertThat(err).contains("Subject: AVVISO DI MANCATA CONSEGNA PER VIRUS: ", "X-VerificaSicurezza: errore");
        assertThat(FIXTURES.message(FixtureKind.ERRORE_CONSEGNA).virus().daticert()).contains("errore=\"virus\"", "<errore-esteso>5.5.1");
        String rv = headers(FIXTURES.message(FixtureKind.RILEVAZIONE_VIRUS).build());
        assertThat(rv).contains("Subject: PROBLEMA DI SICUREZZA: ", "X-Mittente: protocollo@pec.comune.esempio.it");
        assertThat(headers(FIXTURES.message(FixtureKind.ERRORE_CONSEGNA).build())).doesNotContain("X-VerificaSicurezza");
        assertThat(headers(FIXTURES.message(FixtureKind.PREAVVISO_ERRORE_CONSEGNA).build()))
                .contains("Subject: AVVISO DI MANCATA CONSEGNA PER SUP. TEMPO MASSIMO: ");
    }

    @Test
    void anomaliaWrapsTheUncertifiedOriginalWithoutDaticert() {
        MessageBuilder b = FIXTURES.message(FixtureKind.ANOMALIA);
        String s = text(b.build());
        assertThat(headers(b.build())).contains("Subject: ANOMALIA MESSAGGIO: ", "X-Trasporto: errore",
                "From: \"Per conto di: mario.rossi@example.org\" <posta-certificata@pec.testpec.it>");
        assertThat(s).doesNotContain("daticert.xml").contains("name=\"postacert.eml\"");
        String original = s.substring(s.indexOf("filename=\"postacert.eml\""));
        assertThat(original).contains("Message-ID: <" + b.clientMessageId() + ">").doesNotContain("X-Riferimento-Message-ID");
    }

    @Test
    void nonPecIsAnOrdinaryMail() {
        String s = text(FIXTURES.message(FixtureKind.NON_PEC).build());
        assertThat(s).contains("From: \"Mario Rossi\" <protocollo@pec.comune.esempio.it>", "Content-Type: text/plain; charset=\"UTF-8\"")
                .doesNotContain("POSTA CERTIFICATA", "posta-certificata@", "X-Riferimento-Message-ID");
        assertThat(FixtureKind.NON_PEC.tipo()).isEqualTo("non-pec");
        assertThat(FixtureKind.PREAVVISO_ERRORE_CONSEGNA.tipo()).isEqualTo("preavviso-errore-consegna");
    }

    static String hex(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }
}
