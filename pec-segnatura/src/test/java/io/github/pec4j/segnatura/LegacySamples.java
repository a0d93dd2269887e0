package io.github.pec4j.segnatura;

/**
 * Legacy segnature written for these tests from the Circolare 60/2013 XSD and the 28/2001 DTD in
 * {@code agid-protocollo-xsd/previous/} (the tests validate them against those); {@code IMPRONTA} is replaced by a
 * digest.
 */
final class LegacySamples {
    private LegacySamples() {}

    /** The body shared by both formats; Impronta is allowed only after CollocazioneTelematica. */
    private static final String BODY = """
              <Intestazione>
                <Identificatore>
                  <CodiceAmministrazione>c_x000</CodiceAmministrazione>
                  <CodiceAOO>aoo_prot</CodiceAOO>
                  <CodiceRegistro>PG</CodiceRegistro>
                  <NumeroRegistrazione>0001234</NumeroRegistrazione>
                  <DataRegistrazione>2015-06-30</DataRegistrazione>
                </Identificatore>
                <OraRegistrazione tempo="locale">12:00:00</OraRegistrazione>
                <Origine>
                  <IndirizzoTelematico tipo="smtp">protocollo@pec.comune.esempio.it</IndirizzoTelematico>
                  <Mittente>
                    <Amministrazione>
                      <Denominazione>Comune di Esempio</Denominazione>
                      <CodiceAmministrazione>c_x000</CodiceAmministrazione>
                      <IndirizzoPostale><Denominazione>Piazza del Municipio 1, 00100 Esempio</Denominazione></IndirizzoPostale>
                    </Amministrazione>
                    <AOO><Denominazione>Protocollo generale</Denominazione><CodiceAOO>aoo_prot</CodiceAOO></AOO>
                  </Mittente>
                </Origine>
                <Destinazione confermaRicezione="si">
                  <IndirizzoTelematico>giunta@pec.regione.esempio.it</IndirizzoTelematico>
                  <Destinatario>
                    <Amministrazione>
                      <Denominazione>Regione Esempio</Denominazione>
                      <CodiceAmministrazione>r_esemp</CodiceAmministrazione>
                      <IndirizzoPostale><Denominazione>Via Roma 1, 00100 Esempio</Denominazione></IndirizzoPostale>
                    </Amministrazione>
                    <AOO><Denominazione>Giunta</Denominazione><CodiceAOO>aoo_giunta</CodiceAOO></AOO>
                  </Destinatario>
                </Destinazione>
                <PerConoscenza>
                  <IndirizzoTelematico>mario.rossi@pec.example.it</IndirizzoTelematico>
                  <Destinatario>
                    <Persona><Nome>Mario</Nome><Cognome>Rossi</Cognome><CodiceFiscale>RSSMRA80A01H501U</CodiceFiscale></Persona>
                  </Destinatario>
                </PerConoscenza>
                <Oggetto>Richiesta di parere</Oggetto>
                <Classifica><Denominazione>Affari generali</Denominazione><Livello nome="Amministrazione">I</Livello><Livello>3</Livello></Classifica>
              </Intestazione>
              <Descrizione>
                <Documento nome="lettera.pdf" tipoMIME="application/pdf">
                  <CollocazioneTelematica>lettera.pdf</CollocazioneTelematica>
                  <Impronta algoritmo="SHA-256" codifica="base64">IMPRONTA</Impronta>
                  <TitoloDocumento>Lettera</TitoloDocumento>
                </Documento>
                <Allegati>
                  <Documento nome="planimetria.pdf" tipoMIME="application/pdf" tipoRiferimento="cartaceo"/>
                </Allegati>
              </Descrizione>
            </Segnatura>
            """;

    /** Circolare 60/2013: the digitPa namespace (capital P), unqualified attributes. */
    static final String C60 = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Segnatura xmlns="http://www.digitPa.gov.it/protocollo/" versione="aaaa-mm-gg">
            """ + BODY;

    /** Circolare 28/2001: no namespace, a DOCTYPE naming the external DTD (never fetched). */
    static final String C28 = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE Segnatura SYSTEM "Segnatura.dtd">
            <Segnatura versione="aaaa-mm-gg" xml:lang="it">
            """ + BODY;
}
