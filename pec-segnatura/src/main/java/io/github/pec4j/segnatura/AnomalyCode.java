package io.github.pec4j.segnatura;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The anomaly codes of AgID LG 2021 Allegato 6 §3.1, raised by the receiving AOO. Prose and WSDL spell several of them
 * differently: {@link #normalise} accepts every spelling (on the numeric prefix), {@link #wsdlSpelling()} is what pec4j
 * emits (SEG-ANOM-01; {@code interfaces_SOAP/protocollo-mittente.wsdl} @7d9ce46).
 */
public enum AnomalyCode {
    /** 000: the message (or annulment) is not ricevibile; a reason is required. */
    IRRICEVIBILE("000", "000_Irricevibile", "000_Irricevibile", "000_Irricevibilita"),
    /** 001: the segnatura's signature fails validation. */
    VALIDAZIONE_FIRMA("001", "001_ValidazioneFirma", "001_ValidazioneFirma"),
    /** 002: a digest does not match its file. */
    ANOMALIA_IMPRONTA("002", "002_AnomaliaImpronta", "002_AnomaliaImpronte"),
    /** 003: a document or attachment cannot be read. */
    DOCUMENTO_ALLEGATI_NON_LEGGIBILI("003", "003_DocumentoAllegatiNonLeggibili", "003_DocumentoAllegatiNonLeggibili"),
    /** 004: a signed document fails signature validation (prose misspells it "Errorre"). */
    ERRORE_VALIDAZIONE_FIRMA("004", "004_DocumentoAllegatiErrorreValidazioneFirma", "004_DocumentoAllegatiErroreValidazioneFirma"),
    /** 005: a timestamp fails validation (the WSDL misspells it "Vaidazione"). */
    ERRORE_VALIDAZIONE_MARCA_TEMPORALE("005", "005_DocumentoAllegatiErroreValidazioneMarcaTemporale",
            "005_DocumentoAllegatiErroreVaidazioneMarcaTemporale"),
    /** 006: an electronic seal on a document fails validation. */
    ERRORE_VALIDAZIONE_SIGILLO("006", "006_DocumentoAllegatiErroreValidazioneSigillo", "006_DocumentoAllegatiErroreValidazioneSigillo"),
    /** 007: an annulment names an Identificatore the receiver does not know. */
    IDENTIFICATORE_NON_TROVATO("007", "007_ErroreIdentificatoreNonTrovato", "007_ErroreIdentificatoreNonTrovato");

    private final String code;
    private final String prose;
    private final String wsdl;
    private final String annulment;

    AnomalyCode(String code, String prose, String wsdl) {
        this(code, prose, wsdl, wsdl);
    }

    AnomalyCode(String code, String prose, String wsdl, String annulment) {
        this.code = code;
        this.prose = prose;
        this.wsdl = wsdl;
        this.annulment = annulment;
    }

    /**
     * The three digits, e.g. {@code 002}.
     *
     * @return the code's three digits, such as {@code 002}
     */
    public String code() {
        return code;
    }

    /**
     * The spelling to emit: the WSDL's, e.g. {@code 002_AnomaliaImpronte}.
     *
     * @return the code as the Allegato 6 WSDL spells it
     */
    public String wsdlSpelling() {
        return wsdl;
    }

    /**
     * The spelling to emit in an annulment context: {@code 000_Irricevibilita} for 000, the WSDL's otherwise.
     *
     * @return the spelling to emit in an annulment context: {@code 000_Irricevibilita} for 000, the WSDL's otherwise
     */
    public String annulmentSpelling() {
        return annulment;
    }

    /**
     * The spelling of the Allegato's prose, e.g. {@code 002_AnomaliaImpronta}.
     *
     * @return the code as the Allegato's prose spells it
     */
    public String proseSpelling() {
        return prose;
    }

    /**
     * Every known spelling.
     *
     * @return every known spelling
     */
    public List<String> spellings() {
        return List.of(prose, wsdl, annulment).stream().distinct().toList();
    }

    /**
     * The code whose three-digit prefix starts {@code text} (after blanks), whatever follows it: {@code 002},
     * {@code 002_AnomaliaImpronta}, {@code 002_AnomaliaImpronte} and {@code 002 - impronta errata} are all 002. Empty
     * when {@code text} does not start with one of the eight codes followed by a non-digit or the end.
     *
     * @param text an anomaly code as another AOO wrote it
     * @return the code whose three-digit prefix starts {@code text} (after blanks), whatever follows it: {@code 002},
     *     {@code 002_AnomaliaImpronta}, {@code 002_AnomaliaImpronte} and {@code 002 - impronta errata} are all 002
     */
    public static Optional<AnomalyCode> normalise(String text) {
        String t = Objects.requireNonNull(text, "text").strip();
        if (t.length() < 3 || (t.length() > 3 && Character.isDigit(t.charAt(3)))) {
            return Optional.empty();
        }
        String prefix = t.substring(0, 3);
        for (AnomalyCode a : values()) {
            if (a.code.equals(prefix)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
