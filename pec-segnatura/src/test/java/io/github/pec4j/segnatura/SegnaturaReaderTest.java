package io.github.pec4j.segnatura;

import static io.github.pec4j.segnatura.Fixtures.bytes;
import static io.github.pec4j.segnatura.Fixtures.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pec4j.core.Diagnostic;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;

class SegnaturaReaderTest {
    private final SegnaturaReader reader = SegnaturaReader.create();

    private static List<String> codes(ReceivedSegnatura r) {
        return r.warnings().stream().map(Diagnostic::code).map(Object::toString).toList();
    }

    /** The sealed sample without its signature (reading does not verify it). */
    private static String unsigned() {
        String xml = text(Fixtures.sealed());
        return xml.substring(0, xml.indexOf("<ds:Signature")) + "</prot:SegnaturaInformatica>";
    }

    @Test
    @DisplayName("SEG-NS-01 SEG-LEGACY-01 a written v3 segnatura reads back into the same model, raw bytes kept")
    void roundTrip() throws Exception {
        byte[] xml = Fixtures.sealed();
        ReceivedSegnatura r = reader.read(xml);
        assertThat(r.format()).isEqualTo(SegnaturaFormat.V3);
        assertThat(r.signed()).isTrue();
        assertThat(r.warnings()).isEmpty();
        assertThat(r.segnatura()).isEqualTo(Fixtures.segnatura());
        assertThat(r.raw()).isEqualTo(xml);
        assertThat(r.kind()).isEqualTo(InteropMessage.Kind.SEGNATURA);
        Segnatura full = Fixtures.builder().primaRegistrazione(Identificatore.of("c_y", "aoo", "PG", 1, LocalDate.of(2024, 1, 2)))
                .fascicolo(new Fascicolo("Gara servizi", "2025/VI.3/7")).riservato(true)
                .riferimenti(Riferimento.of(Identificatore.of("r_esemp", "aoo_giunta", "REG", 99, LocalDate.of(2025, 2, 1)),
                        "Richiesta", Classifica.path("Affari generali", new Classifica.Livello("I", Optional.of("Amministrazione")),
                                Classifica.Livello.of("3"))))
                .destinatario(new Destinatario(new Soggetto.PersonaFisica("Maria", "Bianchi", Optional.of("BNCMRA85T41H501X"),
                        Optional.of("maria@pec.example.it")), false, true))
                .destinatario(new Soggetto.AmministrazioneEstera("Ville de Nice", Optional.empty(), Optional.of("mairie@nice.example.fr")))
                .destinatario(new Soggetto.Amministrazione("Comune", "c_z", Optional.of("aoo"), Optional.of("uo_1"), Optional.of("uo@pec.it")))
                .build();
        byte[] written = Fixtures.writer().write(full);
        OfficialSchemas.validateIfPresent(OfficialSchemas::segnatura, written);
        assertThat(reader.read(written).segnatura()).isEqualTo(full);
    }

    @Test
    @DisplayName("SEG-NS-01 SEG-MSG-01 a SegnaturaInformatica in the pec namespace reads too")
    void pecNamespace() throws Exception {
        String xml = unsigned().replace("<prot:SegnaturaInformatica xmlns:prot=\"http://www.agid.gov.it/protocollo/\"",
                "<pec:SegnaturaInformatica xmlns:pec=\"http://www.agid.gov.it/protocollo/pec/\" xmlns:prot=\"http://www.agid.gov.it/protocollo/\"")
                .replace("</prot:SegnaturaInformatica>", "</pec:SegnaturaInformatica>");
        ReceivedSegnatura r = reader.read(bytes(xml));
        assertThat(r.format()).isEqualTo(SegnaturaFormat.V3);
        assertThat(r.signed()).isFalse();
        assertThat(codes(r)).containsExactly("SEG_SIGNATURE_MISSING");
        assertThat(r.segnatura()).isEqualTo(Fixtures.segnatura());
    }

    @Test
    @DisplayName("SEG-ATTR-01 unqualified attributes from a non-conforming sender are read, with one warning naming them")
    void unqualifiedAttributes() throws Exception {
        String xml = unsigned().replaceAll("prot:(versione|lang|nomeFile|mimeType|algoritmo|descrizione|tipo|confermaRicezione|perConoscenza)=", "$1=");
        ReceivedSegnatura r = reader.read(bytes(xml));
        assertThat(r.segnatura()).isEqualTo(Fixtures.segnatura());
        assertThat(codes(r)).containsExactly("SEG_UNQUALIFIED_ATTRIBUTE", "SEG_SIGNATURE_MISSING");
        assertThat(r.warnings().get(0).message()).contains("algoritmo, confermaRicezione, lang, mimeType, nomeFile");
        assertThat(r.warnings().get(0).severity()).isEqualTo(io.github.pec4j.core.Severity.WARNING);
    }

    @Test
    @DisplayName("SEG-XSD-01 a received segnatura with a five-digit CAP and a codice fiscale in PIVAoCF is read with warnings")
    void schemaTrapsOnInput() throws Exception {
        String mittente = "<prot:Mittente><prot:PersonaGiuridica><prot:Denominazione>Ditta Rossi</prot:Denominazione>"
                + "<prot:PIVAoCF>RSSMRA80A01H501U</prot:PIVAoCF><prot:ContattiPersonaGiuridica><prot:IndirizzoPostale>"
                + "<prot:Toponimo><prot:dug>via</prot:dug><prot:duf>Roma</prot:duf></prot:Toponimo><prot:Civico>1</prot:Civico>"
                + "<prot:CAP>00184</prot:CAP><prot:Comune prot:CodiceISTAT=\"058091\">Roma</prot:Comune><prot:Nazione>Italia</prot:Nazione>"
                + "</prot:IndirizzoPostale><prot:IndirizzoTelematico>rossi@pec.example.it</prot:IndirizzoTelematico>"
                + "</prot:ContattiPersonaGiuridica></prot:PersonaGiuridica></prot:Mittente>";
        String xml = unsigned().replaceFirst("<prot:Mittente>.*?</prot:Mittente>", mittente);
        if (OfficialSchemas.dir().isPresent()) {
            assertThatThrownBy(() -> OfficialSchemas.validate(OfficialSchemas.segnatura(), bytes(xml))).isInstanceOf(SAXParseException.class);
        }
        ReceivedSegnatura r = reader.read(bytes(xml));
        assertThat(r.segnatura().mittente()).isEqualTo(new Soggetto.PersonaGiuridica("Ditta Rossi", Optional.of("RSSMRA80A01H501U"),
                Optional.of("rossi@pec.example.it")));
        assertThat(codes(r)).containsExactly("SEG_SCHEMA_PATTERN", "SEG_SCHEMA_PATTERN", "SEG_SIGNATURE_MISSING");
        assertThat(r.warnings().get(0).message()).contains("PIVAoCF");
        assertThat(r.warnings().get(1).message()).contains("CAP '00184'");
    }

    @Test
    @DisplayName("SEG-ID-01 a received NumeroRegistrazione of four digits or a bad register code is read with a warning")
    void identificatorePatternsOnInput() throws Exception {
        String xml = unsigned().replace("0000042", "1234").replace(">PG<", ">PG 2025<");
        ReceivedSegnatura r = reader.read(bytes(xml));
        assertThat(r.segnatura().identificatore().numeroRegistrazione()).isEqualTo("1234");
        assertThat(r.segnatura().identificatore().numero()).isEmpty();
        assertThat(codes(r)).containsExactly("SEG_SCHEMA_PATTERN", "SEG_SCHEMA_PATTERN", "SEG_SIGNATURE_MISSING");
        assertThat(Fixtures.identificatore().numero()).contains(42L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"SHA-256", "http://www.w3.org/2001/04/xmlenc#sha256", "sha256", "SHA256"})
    @DisplayName("SEG-IMPR-01 Impronta/@algoritmo is accepted as SHA-256 and as the XML-Enc URI")
    void sha256Names(String name) throws Exception {
        String xml = unsigned().replace("prot:algoritmo=\"SHA-256\"", "prot:algoritmo=\"" + name + "\"");
        ReceivedSegnatura r = reader.read(bytes(xml));
        assertThat(r.segnatura().documentoPrimario().impronta().orElseThrow().algorithm()).contains(DigestAlgorithm.SHA_256);
        assertThat(r.segnatura().documentoPrimario().impronta().orElseThrow().matches(Impronta.sha256(Fixtures.PRIMARIO).value())).isTrue();
        assertThat(codes(r)).containsExactly("SEG_SIGNATURE_MISSING");
    }

    @Test
    @DisplayName("SEG-IMPR-01 every SHA-2 name of Table 1 is recognised; an absent algoritmo is SHA-256; SHA-1 and HMAC are not")
    void otherSha2Names() throws Exception {
        assertThat(DigestAlgorithm.parse("SHA-224")).contains(DigestAlgorithm.SHA_224);
        assertThat(DigestAlgorithm.parse("http://www.w3.org/2001/04/xmldsig-more#sha224")).contains(DigestAlgorithm.SHA_224);
        assertThat(DigestAlgorithm.parse("SHA-384")).contains(DigestAlgorithm.SHA_384);
        assertThat(DigestAlgorithm.parse("http://www.w3.org/2001/04/xmldsig-more#sha384")).contains(DigestAlgorithm.SHA_384);
        assertThat(DigestAlgorithm.parse("sha-512")).contains(DigestAlgorithm.SHA_512);
        assertThat(DigestAlgorithm.parse("http://www.w3.org/2001/04/xmlenc#sha512")).contains(DigestAlgorithm.SHA_512);
        assertThat(DigestAlgorithm.parse("SHA-1")).isEmpty();
        assertThat(DigestAlgorithm.parse("http://www.w3.org/2001/04/xmldsig-more#hmac-sha256")).isEmpty();
        assertThat(DigestAlgorithm.parse("http://example.org/#sha256")).isEmpty();
        String noAlg = unsigned().replace(" prot:algoritmo=\"SHA-256\"", "");
        assertThat(reader.read(bytes(noAlg)).segnatura().documentoPrimario().impronta().orElseThrow().algorithm())
                .contains(DigestAlgorithm.SHA_256);
        byte[] d512 = DigestAlgorithm.SHA_512.newDigest().digest(Fixtures.PRIMARIO);
        String sha512 = unsigned().replace("prot:algoritmo=\"SHA-256\">" + Impronta.sha256(Fixtures.PRIMARIO).base64(),
                "prot:algoritmo=\"http://www.w3.org/2001/04/xmlenc#sha512\">" + java.util.Base64.getEncoder().encodeToString(d512));
        SegnaturaCheck c = SegnaturaVerifier.create(io.github.pec4j.signature.TrustStore.empty()).verify(bytes(sha512), Fixtures.files());
        assertThat(c.documents()).extracting(DocumentCheck::status).containsExactly(DocumentCheck.Status.MATCH, DocumentCheck.Status.MATCH);
        String md5 = unsigned().replace("prot:algoritmo=\"SHA-256\"", "prot:algoritmo=\"MD5\"");
        assertThat(codes(reader.read(bytes(md5)))).contains("SEG_IMPRONTA_MALFORMED");
    }

    @Test
    @DisplayName("SEG-LEGACY-01 a Circolare 60/2013 Segnatura (digitPa namespace, unqualified attributes) is read into the same model")
    void circolare60() throws Exception {
        byte[] pdf = bytes("%PDF legacy");
        byte[] xml = bytes(LegacySamples.C60.replace("IMPRONTA", Impronta.sha256(pdf).base64()));
        OfficialSchemas.validateIfPresent(OfficialSchemas::circolare60, xml);
        ReceivedSegnatura r = reader.read(xml);
        assertThat(r.format()).isEqualTo(SegnaturaFormat.C60_2013);
        assertThat(r.raw()).isEqualTo(xml);
        assertThat(codes(r)).containsExactly("SEG_LEGACY_FORMAT");
        assertLegacyModel(r.segnatura(), pdf);
    }

    @Test
    @DisplayName("SEG-LEGACY-01 a namespace-less Circolare 28/2001 Segnatura is read, its DOCTYPE's DTD not fetched")
    void circolare28() throws Exception {
        byte[] pdf = bytes("%PDF legacy");
        String text = LegacySamples.C28.replace("IMPRONTA", Impronta.sha256(pdf).base64());
        validateAgainstDtd(text);
        ReceivedSegnatura r = reader.read(bytes(text));
        assertThat(r.format()).isEqualTo(SegnaturaFormat.C28_2001);
        assertThat(codes(r)).containsExactly("SEG_LEGACY_FORMAT", "SEG_EXTERNAL_DTD_IGNORED");
        assertLegacyModel(r.segnatura(), pdf);
    }

    private static void assertLegacyModel(Segnatura s, byte[] pdf) {
        assertThat(s.identificatore()).isEqualTo(new Identificatore("c_x000", "aoo_prot", "PG", "0001234", LocalDate.of(2015, 6, 30),
                Optional.of(LocalTime.NOON)));
        assertThat(s.oggetto()).isEqualTo("Richiesta di parere");
        assertThat(s.classifica()).contains(new Classifica("Affari generali", Optional.empty(),
                List.of(new Classifica.Livello("I", Optional.of("Amministrazione")), Classifica.Livello.of("3"))));
        assertThat(s.mittente()).isEqualTo(new Soggetto.Amministrazione("Comune di Esempio", "c_x000", Optional.of("aoo_prot"),
                Optional.empty(), Optional.of("protocollo@pec.comune.esempio.it")));
        assertThat(s.destinatari()).containsExactly(
                new Destinatario(new Soggetto.Amministrazione("Regione Esempio", "r_esemp", Optional.of("aoo_giunta"), Optional.empty(),
                        Optional.of("giunta@pec.regione.esempio.it")), true, false),
                new Destinatario(new Soggetto.PersonaFisica("Mario", "Rossi", Optional.of("RSSMRA80A01H501U"),
                        Optional.of("mario.rossi@pec.example.it")), false, true));
        assertThat(s.documentoPrimario()).isEqualTo(new Documento("lettera.pdf", "application/pdf", Optional.of("Lettera"),
                Optional.of(Impronta.sha256(pdf))));
        assertThat(s.allegati()).containsExactly(new Documento("planimetria.pdf", "application/pdf", Optional.empty(), Optional.empty()));
    }

    /** The 28/2001 sample is valid against the circular's DTD, read from the local folder only. */
    private static void validateAgainstDtd(String xml) throws Exception {
        if (OfficialSchemas.dir().isEmpty()) {
            return;
        }
        Path dtd = OfficialSchemas.dir().get().resolve("previous/segnatura_circolare_28_2001.dtd");
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setValidating(true);
        var builder = f.newDocumentBuilder();
        builder.setEntityResolver((publicId, systemId) -> systemId.endsWith("Segnatura.dtd")
                ? new InputSource(java.nio.file.Files.newInputStream(dtd)) : new InputSource(new StringReader("")));
        builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler() {
            @Override
            public void error(SAXParseException e) throws SAXParseException {
                throw e;
            }
        });
        builder.parse(new ByteArrayInputStream(bytes(xml)));
    }

    @Test
    @DisplayName("SEC-SECRET-01 a CollocazioneTelematica password is not bound: it never reaches the model, warnings or reports")
    void collocazioneTelematicaSecret() throws Exception {
        String collocazione = "</prot:Impronta><prot:CollocazioneTelematica prot:timeToLive=\"60000\" prot:userId=\"utente\" "
                + "prot:password=\"s3greta!\"><prot:HostValue>https://docs.example.it</prot:HostValue>"
                + "<prot:PathValue>/d/42</prot:PathValue></prot:CollocazioneTelematica></prot:DocumentoPrimario>";
        String xml = unsigned().replaceFirst("</prot:Impronta></prot:DocumentoPrimario>", collocazione);
        OfficialSchemas.validateIfPresent(OfficialSchemas::segnatura, bytes(xml.replace("</prot:SegnaturaInformatica>", "")
                .concat(Fixtures.text(Fixtures.sealed()).substring(Fixtures.text(Fixtures.sealed()).indexOf("<ds:Signature")))));
        ReceivedSegnatura r = reader.read(bytes(xml));
        assertThat(r.segnatura()).isEqualTo(Fixtures.segnatura());
        assertThat(r.toString() + r.segnatura() + r.warnings()).doesNotContain("s3greta!");
        SegnaturaCheck c = SegnaturaVerifier.create(io.github.pec4j.signature.TrustStore.empty()).verify(bytes(xml), Fixtures.files());
        assertThat(c.toString()).doesNotContain("s3greta!");
    }

    @Test
    @DisplayName("SEC-EXC-01 what the model cannot do without is refused with a typed error, never an unchecked exception")
    void incomplete() {
        String noId = unsigned().replaceFirst("<prot:Identificatore>.*?</prot:Identificatore>", "");
        assertThatThrownBy(() -> reader.read(bytes(noId))).isInstanceOfSatisfying(SegnaturaException.class,
                e -> assertThat(e.code()).isEqualTo(SegnaturaCode.SEG_INCOMPLETE));
        String badDate = unsigned().replace("2025-03-14", "14 marzo");
        assertThatThrownBy(() -> reader.read(bytes(badDate))).isInstanceOfSatisfying(SegnaturaException.class,
                e -> assertThat(e.code()).isEqualTo(SegnaturaCode.SEG_INCOMPLETE));
        assertThatThrownBy(() -> reader.read(bytes("<prot:SegnaturaInformatica xmlns:prot=\"http://www.agid.gov.it/protocollo/\">")))
                .isInstanceOfSatisfying(SegnaturaException.class, e -> assertThat(e.code()).isEqualTo(SegnaturaCode.SEG_MALFORMED));
        assertThatThrownBy(() -> reader.read(bytes("<Segnatura xmlns=\"urn:other\"/>")))
                .isInstanceOfSatisfying(SegnaturaException.class, e -> assertThat(e.code()).isEqualTo(SegnaturaCode.SEG_NOT_RECOGNISED));
        assertThatThrownBy(() -> reader.read(InteropMessages.write(ConfermaRicezione.of(Fixtures.identificatore(), Fixtures.identificatore()))))
                .isInstanceOfSatisfying(SegnaturaException.class, e -> assertThat(e.code()).isEqualTo(SegnaturaCode.SEG_NOT_RECOGNISED));
        assertThatThrownBy(() -> reader.read(new byte[] {(byte) 0xff, 0, 1}))
                .isInstanceOfSatisfying(SegnaturaException.class, e -> assertThat(e.code()).isEqualTo(SegnaturaCode.SEG_MALFORMED));
    }
}
