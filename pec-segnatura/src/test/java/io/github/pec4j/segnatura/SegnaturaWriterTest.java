package io.github.pec4j.segnatura;

import static io.github.pec4j.segnatura.Fixtures.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SegnaturaWriterTest {

    @Test
    @DisplayName("SEG-NS-01 a written segnatura is a v3 SegnaturaInformatica, versione 3.0.0, lang it, valid against XSD @7d9ce46")
    void validatesAgainstTheOfficialSchema() throws Exception {
        byte[] xml = Fixtures.sealed();
        String s = text(xml);
        assertThat(s).contains("<prot:SegnaturaInformatica").contains("xmlns:prot=\"http://www.agid.gov.it/protocollo/\"")
                .contains("prot:versione=\"3.0.0\"").contains("prot:lang=\"it\"");
        OfficialSchemas.validate(OfficialSchemas.segnatura(), xml);
    }

    @Test
    @DisplayName("SEG-ATTR-01 every emitted attribute of the segnatura is namespace-qualified")
    void qualifiedAttributes() {
        String s = text(Fixtures.writer().write(Fixtures.builder()
                .classifica(Classifica.path("Contratti", new Classifica.Livello("VI", Optional.of("Contratti")), Classifica.Livello.of("3")))
                .build()));
        assertThat(s).contains("prot:nomeFile=\"determina.pdf\"").contains("prot:mimeType=\"application/pdf\"")
                .contains("prot:algoritmo=\"SHA-256\"").contains("prot:descrizione=\"Contratti\"")
                .contains("prot:confermaRicezione=\"true\"").contains("prot:tipo=\"smtp\"");
        String content = s.substring(0, s.indexOf("<ds:Signature"));
        assertThat(content).doesNotContainPattern("\\s(versione|lang|nomeFile|mimeType|algoritmo|descrizione|tipo)=");
    }

    @Test
    @DisplayName("SEG-ID-01 numbers are zero-padded to seven digits and a register code outside [A-Za-z0-9_.-]{1,16} is refused before emission")
    void identificatore() throws Exception {
        assertThat(Fixtures.identificatore().numeroRegistrazione()).isEqualTo("0000042");
        assertThat(text(Fixtures.sealed())).contains("<prot:CodiceRegistro>PG</prot:CodiceRegistro>")
                .contains("<prot:NumeroRegistrazione>0000042</prot:NumeroRegistrazione>")
                .contains("<prot:DataRegistrazione>2025-03-14</prot:DataRegistrazione>")
                .contains("<prot:OraRegistrazione>10:15:30</prot:OraRegistrazione>");
        assertThatThrownBy(() -> Identificatore.of("c_x000", "aoo", "PG/2025", 1, LocalDate.of(2025, 1, 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CodiceRegistro");
        assertThatThrownBy(() -> Identificatore.of("c_x000", "aoo", "REGISTRO_TROPPO_LUNGO", 1, LocalDate.of(2025, 1, 2)))
                .isInstanceOf(IllegalArgumentException.class);
        Identificatore bad = new Identificatore("c_x000", "aoo", "PG 1", "1234", LocalDate.of(2025, 1, 2), Optional.empty());
        assertThatThrownBy(() -> Fixtures.writer().write(Fixtures.builder().identificatore(bad).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CodiceRegistro 'PG 1'")
                .hasMessageContaining("NumeroRegistrazione '1234'");
        Identificatore eightDigits = Identificatore.of("c_x000", "aoo", "A-1.b_2", 12_345_678, LocalDate.of(2025, 1, 2));
        OfficialSchemas.validateIfPresent(OfficialSchemas::segnatura, Fixtures.writer().write(Fixtures.builder().identificatore(eightDigits).build()));
    }

    @Test
    @DisplayName("SEG-DOC-01 a Classifica, one DocumentoPrimario and each document's nomeFile, mimeType and Impronta are required")
    void documents() throws Exception {
        String s = text(Fixtures.sealed());
        assertThat(s).contains("<prot:Classifica><prot:Denominazione>Contratti</prot:Denominazione><prot:CodiceFlat>VI.3.2</prot:CodiceFlat>")
                .containsOnlyOnce("<prot:DocumentoPrimario").containsOnlyOnce("<prot:Allegato ");
        assertThatThrownBy(() -> Segnatura.builder().build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("identificatore").hasMessageContaining("classifica").hasMessageContaining("documentoPrimario");
        Segnatura noClassifica = new Segnatura(Fixtures.identificatore(), Optional.empty(), "x", Optional.empty(), Optional.empty(),
                false, Optional.empty(), Fixtures.mittente(), java.util.List.of(Destinatario.of(Fixtures.destinatario())),
                Documento.of("a.pdf", "application/pdf", new byte[] {1}), java.util.List.of());
        assertThatThrownBy(() -> Fixtures.writer().write(noClassifica)).hasMessageContaining("Classifica is required");
        Documento blank = new Documento("", "", Optional.empty(), Optional.empty());
        assertThatThrownBy(() -> Fixtures.writer().write(Fixtures.builder().allegato(blank).build()))
                .hasMessageContaining("nomeFile is blank").hasMessageContaining("mimeType is blank")
                .hasMessageContaining("Impronta is required");
        Segnatura many = Fixtures.builder().allegato(Documento.of("b.xml", "application/xml", new byte[] {2}))
                .allegato(Documento.of("c.p7m", "application/pkcs7-mime", new byte[] {3})).build();
        OfficialSchemas.validateIfPresent(OfficialSchemas::segnatura, Fixtures.writer().write(many));
    }

    @Test
    @DisplayName("SEG-IMPR-01 the Impronta is emitted as base64 SHA-256 with prot:algoritmo=\"SHA-256\"; other algorithms are refused")
    void impronta() {
        String s = text(Fixtures.sealed());
        assertThat(s).contains("<prot:Impronta prot:algoritmo=\"SHA-256\">" + Impronta.sha256(Fixtures.PRIMARIO).base64() + "</prot:Impronta>");
        Documento sha512 = Documento.of("x.pdf", "application/pdf",
                Impronta.of(DigestAlgorithm.SHA_512, DigestAlgorithm.SHA_512.newDigest().digest(new byte[] {1})));
        assertThatThrownBy(() -> Fixtures.writer().write(Fixtures.builder().allegato(sha512).build()))
                .hasMessageContaining("must be SHA-256");
    }

    @Test
    @DisplayName("SEG-XSD-01 no IndirizzoPostale is written, and a 16-character codice fiscale never goes into PIVAoCF")
    void schemaTraps() throws Exception {
        Segnatura s = Fixtures.builder()
                .destinatario(new Destinatario(new Soggetto.PersonaGiuridica("Ditta Individuale Rossi Mario",
                        Optional.of("RSSMRA80A01H501U"), Optional.of("rossi@pec.example.it")), true, true))
                .destinatario(new Soggetto.PersonaGiuridica("Esempio S.r.l.", Optional.of("01234567890"), Optional.empty()))
                .destinatario(new Soggetto.PersonaFisica("Maria", "Bianchi", Optional.of("bncmra85t41h501x"), Optional.of("maria@pec.example.it")))
                .destinatario(new Soggetto.PersonaFisica("John", "Doe", Optional.of("not-a-cf"), Optional.empty()))
                .destinatario(new Soggetto.AmministrazioneEstera("Ville de Nice", Optional.of("Mairie"), Optional.of("mairie@nice.example.fr")))
                .build();
        byte[] xml = Fixtures.writer().write(s);
        String t = text(xml);
        assertThat(t).doesNotContain("IndirizzoPostale").doesNotContain("RSSMRA80A01H501U").doesNotContain("not-a-cf")
                .contains("<prot:PIVAoCF>01234567890</prot:PIVAoCF>").contains("<prot:CodiceFiscale>BNCMRA85T41H501X</prot:CodiceFiscale>")
                .contains("prot:perConoscenza=\"true\"");
        OfficialSchemas.validateIfPresent(OfficialSchemas::segnatura, xml);
    }
}
