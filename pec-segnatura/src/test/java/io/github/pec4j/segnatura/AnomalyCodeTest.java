package io.github.pec4j.segnatura;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class AnomalyCodeTest {

    @ParameterizedTest
    @CsvSource({
        "000_Irricevibile, IRRICEVIBILE", "000_Irricevibilita, IRRICEVIBILE",
        "001_ValidazioneFirma, VALIDAZIONE_FIRMA",
        "002_AnomaliaImpronta, ANOMALIA_IMPRONTA", "002_AnomaliaImpronte, ANOMALIA_IMPRONTA",
        "003_DocumentoAllegatiNonLeggibili, DOCUMENTO_ALLEGATI_NON_LEGGIBILI",
        "004_DocumentoAllegatiErrorreValidazioneFirma, ERRORE_VALIDAZIONE_FIRMA",
        "004_DocumentoAllegatiErroreValidazioneFirma, ERRORE_VALIDAZIONE_FIRMA",
        "005_DocumentoAllegatiErroreValidazioneMarcaTemporale, ERRORE_VALIDAZIONE_MARCA_TEMPORALE",
        "005_DocumentoAllegatiErroreVaidazioneMarcaTemporale, ERRORE_VALIDAZIONE_MARCA_TEMPORALE",
        "006_DocumentoAllegatiErroreValidazioneSigillo, ERRORE_VALIDAZIONE_SIGILLO",
        "007_ErroreIdentificatoreNonTrovato, IDENTIFICATORE_NON_TROVATO",
        "'  002 - impronta errata', ANOMALIA_IMPRONTA", "003, DOCUMENTO_ALLEGATI_NON_LEGGIBILI"})
    @DisplayName("SEG-ANOM-01 every spelling of §4.4 (prose, WSDL, misspelt) normalises on its numeric prefix")
    void normalise(String spelling, AnomalyCode expected) {
        assertThat(AnomalyCode.normalise(spelling)).contains(expected);
        assertThat(expected.spellings()).allMatch(s -> AnomalyCode.normalise(s).orElseThrow() == expected);
    }

    @Test
    @DisplayName("SEG-ANOM-01 emission uses exactly the WSDL spelling; unknown prefixes are not codes")
    void wsdl() {
        assertThat(AnomalyCode.ANOMALIA_IMPRONTA.wsdlSpelling()).isEqualTo("002_AnomaliaImpronte");
        assertThat(AnomalyCode.ANOMALIA_IMPRONTA.proseSpelling()).isEqualTo("002_AnomaliaImpronta");
        assertThat(AnomalyCode.ERRORE_VALIDAZIONE_FIRMA.wsdlSpelling()).isEqualTo("004_DocumentoAllegatiErroreValidazioneFirma");
        assertThat(AnomalyCode.ERRORE_VALIDAZIONE_MARCA_TEMPORALE.wsdlSpelling()).isEqualTo("005_DocumentoAllegatiErroreVaidazioneMarcaTemporale");
        assertThat(AnomalyCode.IRRICEVIBILE.wsdlSpelling()).isEqualTo("000_Irricevibile");
        assertThat(AnomalyCode.IRRICEVIBILE.annulmentSpelling()).isEqualTo("000_Irricevibilita");
        assertThat(AnomalyCode.VALIDAZIONE_FIRMA.code()).isEqualTo("001");
        assertThat(AnomalyCode.normalise("008_Altro")).isEmpty();
        assertThat(AnomalyCode.normalise("0021_X")).isEmpty();
        assertThat(AnomalyCode.normalise("Impronta")).isEmpty();
        assertThat(AnomalyCode.normalise("")).isEmpty();
    }
}
