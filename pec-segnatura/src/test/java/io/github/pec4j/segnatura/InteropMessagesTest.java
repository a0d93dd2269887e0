package io.github.pec4j.segnatura;

import static io.github.pec4j.segnatura.Fixtures.bytes;
import static io.github.pec4j.segnatura.Fixtures.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class InteropMessagesTest {
    private static final Identificatore RICEVENTE = Identificatore.of("r_esemp", "aoo_giunta", "REG", 7, LocalDate.of(2025, 3, 15));
    private static final Identificatore MITTENTE = Fixtures.identificatore();

    private static byte[] validated(InteropMessage m) throws Exception {
        byte[] xml = InteropMessages.write(m);
        OfficialSchemas.validateIfPresent(OfficialSchemas::pecMessage, xml);
        return xml;
    }

    @Test
    @DisplayName("SEG-RECV-03 a ConfermaRicezione carries the receiver's and the sender's Identificatore and validates against pec_message.xsd")
    void conferma() throws Exception {
        ConfermaRicezione c = ConfermaRicezione.of(RICEVENTE, MITTENTE);
        byte[] xml = validated(c);
        assertThat(text(xml)).contains("<pec:ConfermaRicezione").contains("pec:versione=\"3.0.0\"").contains("pec:lang=\"it\"")
                .contains("<pec:MessaggioRicevuto><pec:Identificatore><prot:CodiceAmministrazione>c_x000");
        assertThat(InteropMessages.read(xml)).isEqualTo(c);
        ConfermaRicezione withPrima = new ConfermaRicezione(RICEVENTE, new MessaggioRicevuto(Optional.of(MITTENTE),
                Optional.of(Identificatore.of("c_y", "aoo", "PG", 3, LocalDate.of(2024, 5, 6))), Optional.empty()));
        assertThat(InteropMessages.read(validated(withPrima))).isEqualTo(withPrima);
        AggiornamentoConferma a = new AggiornamentoConferma(RICEVENTE, MessaggioRicevuto.described("messaggio senza segnatura"));
        assertThat(InteropMessages.read(validated(a))).isEqualTo(a);
    }

    @Test
    @DisplayName("SEG-ANOM-01 a NotificaEccezione is written with the WSDL spelling and read back from any spelling")
    void notificaEccezione() throws Exception {
        NotificaEccezione n = NotificaEccezione.of(MITTENTE, AnomalyCode.ANOMALIA_IMPRONTA, "allegato.txt");
        byte[] xml = validated(n);
        assertThat(text(xml)).contains("<pec:Motivo>002_AnomaliaImpronte: allegato.txt</pec:Motivo>");
        NotificaEccezione read = (NotificaEccezione) InteropMessages.read(xml);
        assertThat(read).isEqualTo(n);
        assertThat(read.anomalia()).contains(AnomalyCode.ANOMALIA_IMPRONTA);
        assertThat(read.info()).isEqualTo("allegato.txt");
        String prose = text(xml).replace("002_AnomaliaImpronte", "002_AnomaliaImpronta");
        assertThat(((NotificaEccezione) InteropMessages.read(bytes(prose))).anomalia()).contains(AnomalyCode.ANOMALIA_IMPRONTA);
        NotificaEccezione registered = new NotificaEccezione(Optional.of(RICEVENTE), MessaggioRicevuto.of(MITTENTE),
                AnomalyCode.IRRICEVIBILE.wsdlSpelling() + ": formato non ammesso");
        assertThat(InteropMessages.read(validated(registered))).isEqualTo(registered);
        assertThat(new NotificaEccezione(Optional.empty(), MessaggioRicevuto.of(MITTENTE), "motivo libero").anomalia()).isEmpty();
        assertThat(new NotificaEccezione(Optional.empty(), MessaggioRicevuto.of(MITTENTE), "motivo libero").info()).isEqualTo("motivo libero");
    }

    @Test
    @DisplayName("SEG-SEND-01 an AnnullamentoProtocollazione carries Identificatore, Motivo and Provvedimento; an unknown one is answered with 007")
    void annullamento() throws Exception {
        AnnullamentoProtocollazione a = new AnnullamentoProtocollazione(MITTENTE, "errore materiale", "Determina dirigenziale n. 12/2025");
        byte[] xml = validated(a);
        assertThat(InteropMessages.read(xml)).isEqualTo(a);
        assertThat(InteropMessages.detect(xml)).contains(InteropMessage.Kind.ANNULLAMENTO_PROTOCOLLAZIONE);
        NotificaEccezione unknown = NotificaEccezione.of(a.identificatore(), AnomalyCode.IDENTIFICATORE_NON_TROVATO, "");
        assertThat(text(validated(unknown))).contains("<pec:Motivo>007_ErroreIdentificatoreNonTrovato</pec:Motivo>");
        assertThat(AnomalyCode.IRRICEVIBILE.annulmentSpelling()).isEqualTo("000_Irricevibilita");
    }

    @Test
    @DisplayName("SEG-ID-01 a message whose Identificatore breaks the patterns is refused before emission; a segnatura goes through SegnaturaWriter")
    void refusedBeforeEmission() throws Exception {
        Identificatore bad = new Identificatore("c_x", "aoo", "PG", "42", LocalDate.of(2025, 1, 1), Optional.empty());
        assertThatThrownBy(() -> InteropMessages.write(ConfermaRicezione.of(RICEVENTE, bad))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NumeroRegistrazione '42'");
        byte[] sealed = Fixtures.sealed();
        ReceivedSegnatura r = SegnaturaReader.create().read(sealed);
        assertThatThrownBy(() -> InteropMessages.write(r)).isInstanceOf(IllegalArgumentException.class);
        assertThat(InteropMessages.read(sealed)).isEqualTo(r);
    }

    @Test
    @DisplayName("SEG-MSG-01 messages are recognised by root element and namespace, never by file name")
    void detect() throws Exception {
        assertThat(InteropMessages.detect(Fixtures.sealed())).contains(InteropMessage.Kind.SEGNATURA);
        assertThat(InteropMessages.detect(InteropMessages.write(ConfermaRicezione.of(RICEVENTE, MITTENTE))))
                .contains(InteropMessage.Kind.CONFERMA_RICEZIONE);
        assertThat(InteropMessages.detect(InteropMessages.write(new AggiornamentoConferma(RICEVENTE, MessaggioRicevuto.of(MITTENTE)))))
                .contains(InteropMessage.Kind.AGGIORNAMENTO_CONFERMA);
        assertThat(InteropMessages.detect(InteropMessages.write(NotificaEccezione.of(MITTENTE, AnomalyCode.VALIDAZIONE_FIRMA, ""))))
                .contains(InteropMessage.Kind.NOTIFICA_ECCEZIONE);
        assertThat(InteropMessages.detect(bytes("<SegnaturaInformatica xmlns=\"http://www.agid.gov.it/protocollo/pec/\"/>")))
                .contains(InteropMessage.Kind.SEGNATURA);
        assertThat(InteropMessages.detect(bytes(LegacySamples.C60))).contains(InteropMessage.Kind.SEGNATURA);
        assertThat(InteropMessages.detect(bytes("<ConfermaRicezione xmlns=\"http://www.digitPa.gov.it/protocollo/\"/>")))
                .contains(InteropMessage.Kind.CONFERMA_RICEZIONE);
        assertThat(InteropMessages.detect(bytes("<NotificaEccezione/>"))).contains(InteropMessage.Kind.NOTIFICA_ECCEZIONE);
        // wrong namespace, wrong case, another root: nothing, whatever the file would be called
        assertThat(InteropMessages.detect(bytes("<Segnatura xmlns=\"http://www.digitpa.gov.it/protocollo/\"/>"))).isEmpty();
        assertThat(InteropMessages.detect(bytes("<ConfermaRicezione xmlns=\"http://www.agid.gov.it/protocollo/\"/>"))).isEmpty();
        assertThat(InteropMessages.detect(bytes("<postacert tipo=\"posta-certificata\"/>"))).isEmpty();
        assertThat(InteropMessages.detect(bytes("Segnatura.xml"))).isEmpty();
        assertThat(InteropMessages.detect(new byte[0])).isEmpty();
    }

    @Test
    @DisplayName("SEG-LEGACY-01 legacy ConfermaRicezione, NotificaEccezione and AnnullamentoProtocollazione are read leniently")
    void legacyMessages() throws Exception {
        String id = "<Identificatore><CodiceAmministrazione>r_esemp</CodiceAmministrazione><CodiceAOO>aoo_giunta</CodiceAOO>"
                + "<CodiceRegistro>REG</CodiceRegistro><NumeroRegistrazione>0000007</NumeroRegistrazione>"
                + "<DataRegistrazione>2015-07-01</DataRegistrazione></Identificatore>";
        String ricevuto = "<MessaggioRicevuto>" + id.replace("r_esemp", "c_x000") + "</MessaggioRicevuto>";
        String ns = " xmlns=\"http://www.digitPa.gov.it/protocollo/\" versione=\"aaaa-mm-gg\"";
        byte[] conferma = bytes("<ConfermaRicezione" + ns + ">" + id + ricevuto + "</ConfermaRicezione>");
        OfficialSchemas.validateIfPresent(OfficialSchemas::circolare60, conferma);
        ConfermaRicezione c = (ConfermaRicezione) InteropMessages.read(conferma);
        assertThat(c.identificatore().codiceAmministrazione()).isEqualTo("r_esemp");
        assertThat(c.messaggioRicevuto().identificatore().orElseThrow().codiceAmministrazione()).isEqualTo("c_x000");
        NotificaEccezione n = (NotificaEccezione) InteropMessages.read(bytes("<!DOCTYPE NotificaEccezione SYSTEM \"Segnatura.dtd\">"
                + "<NotificaEccezione>" + ricevuto + "<Motivo>002_AnomaliaImpronta</Motivo></NotificaEccezione>"));
        assertThat(n.anomalia()).contains(AnomalyCode.ANOMALIA_IMPRONTA);
        AnnullamentoProtocollazione a = (AnnullamentoProtocollazione) InteropMessages.read(bytes("<AnnullamentoProtocollazione" + ns + ">"
                + id + "<Motivo>duplicato</Motivo><Provvedimento>prot. 99</Provvedimento></AnnullamentoProtocollazione>"));
        assertThat(a.provvedimento()).isEqualTo("prot. 99");
    }
}
