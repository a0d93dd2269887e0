package io.github.pec4j.admission;

import static io.github.pec4j.testkit.AdmissionScenarios.AOO_BOX;
import static io.github.pec4j.testkit.AdmissionScenarios.CITIZEN_DOMICILE;
import static io.github.pec4j.testkit.AdmissionScenarios.CITIZEN_TAX_CODE;
import static io.github.pec4j.testkit.AdmissionScenarios.FIRM_DOMICILE;
import static io.github.pec4j.testkit.AdmissionScenarios.FIRM_TAX_CODE;
import static io.github.pec4j.testkit.AdmissionScenarios.PA_SENDER;
import static io.github.pec4j.testkit.AdmissionScenarios.UNLISTED_PEC;
import static io.github.pec4j.testkit.AdmissionScenarios.UNLISTED_TAX_CODE;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.pec4j.admission.AdmissionDecision.IstanzaOutcome;
import io.github.pec4j.admission.AdmissionDecision.RegistrationOutcome;
import io.github.pec4j.core.PecMessage;
import io.github.pec4j.core.PecParser;
import io.github.pec4j.directory.AddressOwner;
import io.github.pec4j.directory.DomicileDirectory;
import io.github.pec4j.directory.DomicileRegister;
import io.github.pec4j.directory.StaticDirectory;
import io.github.pec4j.registry.IdempotencyKey;
import io.github.pec4j.signature.TrustStore;
import io.github.pec4j.testkit.AdmissionScenarios;
import io.github.pec4j.testkit.TestPki;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The testkit's admissibility scenarios, end to end: PEC bytes → parser → signature, formats → engine. */
class AdmissionScenariosTest {
    static TrustStore trust;
    static final AooConfig AOO = AooConfig.defaults().withMailboxes(AOO_BOX);
    static final AdmissionScenarios SCENARIOS = AdmissionScenarios.create();

    @BeforeAll
    static void trustTheTestCa(@TempDir Path dir) throws IOException {
        Path ca = dir.resolve("ca.pem");
        TestPki.shared().writeTrustAnchorPem(ca);
        trust = TrustStore.builder().addPem(ca).build();
    }

    static DomicileDirectory directories() {
        return StaticDirectory.builder("test").registers(DomicileRegister.IPA, DomicileRegister.INAD, DomicileRegister.INI_PEC)
                .owner(new AddressOwner.PublicAdministration(PA_SENDER, "r_esempio", "Regione Esempio", AddressOwner.Level.AOO,
                        Optional.of("AOO_GIUNTA"), Optional.empty(), true, Optional.of(LocalDate.of(2024, 1, 2)), Optional.empty()))
                .owner(new AddressOwner.PublicAdministration(AOO_BOX, "c_esempio", "Comune di Esempio", AddressOwner.Level.AOO,
                        Optional.of("AOO_CENTRALE"), Optional.empty(), true, Optional.empty(), Optional.empty()))
                .owner(new AddressOwner.FirmOrProfessional(FIRM_DOMICILE, FIRM_TAX_CODE, "Edil Rossi srl"))
                .domicile(CITIZEN_TAX_CODE, CITIZEN_DOMICILE)
                .build();
    }

    static AdmissionDecision admit(byte[] message, IntakeHistory history, Optional<String> declarant) throws IOException {
        PecAdmission admission = PecAdmission.builder(AOO).trust(trust).directory(directories()).history(history).build();
        try (PecMessage m = PecParser.create().withSignedContentDigest().parse(message)) {
            return admission.admit(m, Optional.empty(), declarant);
        }
    }

    static AdmissionDecision admit(byte[] message) throws IOException {
        return admit(message, IntakeHistory.NONE, Optional.empty());
    }

    static List<String> rules(List<Reason> reasons) {
        return reasons.stream().map(Reason::rule).toList();
    }

    @Test
    @Tag("ADM-47-02")
    @DisplayName("ADM-47-02 a PA over PEC only: registered (40-bis), provenance by PEC (art. 47 lett. d), receivable")
    void paOverPec() throws IOException {
        AdmissionDecision d = admit(SCENARIOS.paOverPecOnly());
        assertThat(d.registration().outcome()).isEqualTo(RegistrationOutcome.REGISTER);
        assertThat(rules(d.registration().reasons())).containsExactly("REG-40BIS");
        assertThat(d.istanza().outcome()).isEqualTo(IstanzaOutcome.VALID);
        assertThat(d.istanza().article()).contains("art. 47");
        assertThat(d.istanza().letter()).contains("d");
        assertThat(d.receivability().receivable()).isTrue();
        assertThat(d.receivedAt()).isEqualTo(Instant.parse("2024-03-15T09:15:30Z"));
    }

    static byte[] segnatura(byte[] primary, java.security.PrivateKey key, java.security.cert.X509Certificate certificate) {
        io.github.pec4j.segnatura.Segnatura s = io.github.pec4j.segnatura.Segnatura.builder()
                .identificatore(io.github.pec4j.segnatura.Identificatore.of("r_esempio", "AOO_GIUNTA", "PG", 4711, LocalDate.of(2024, 3, 15)))
                .oggetto("Trasmissione delibera n. 12/2024")
                .classifica(io.github.pec4j.segnatura.Classifica.flat("Atti della Giunta", "I.6"))
                .mittente(io.github.pec4j.segnatura.Soggetto.Amministrazione.aoo("Regione Esempio", "r_esempio", "AOO_GIUNTA", PA_SENDER))
                .destinatario(io.github.pec4j.segnatura.Soggetto.Amministrazione.aoo("Comune di Esempio", "c_esempio", "AOO_CENTRALE", AOO_BOX))
                .documentoPrimario(io.github.pec4j.segnatura.Documento.of("delibera.pdf", "application/pdf", primary))
                .build();
        return io.github.pec4j.segnatura.SegnaturaWriter.create(io.github.pec4j.segnatura.SealKey.of(key, certificate)).write(s);
    }

    @Test
    @Tag("ADM-47-02")
    @Tag("SEG-RECV-01")
    @DisplayName("ADM-47-02 SEG-RECV-01 a PA with a sealed segnatura: provenance by lett. b; an altered file gives 002, a foreign seal 001")
    void paWithSegnatura() throws IOException {
        TestPki pki = TestPki.shared();
        byte[] pdf = io.github.pec4j.testkit.Attachments.pdf();
        byte[] xml = segnatura(pdf, pki.sealKey(), pki.sealCertificate());
        AdmissionDecision d = admit(SCENARIOS.paWithSegnatura(pdf, xml));
        assertThat(d.istanza().outcome()).isEqualTo(IstanzaOutcome.VALID);
        assertThat(d.istanza().letter()).contains("b");
        assertThat(d.istanza().lettersHolding()).containsExactly("b", "d");
        assertThat(d.receivability().receivable()).as(d.receivability().toString()).isTrue();
        assertThat(d.registration().outcome()).isEqualTo(RegistrationOutcome.REGISTER);

        byte[] altered = pdf.clone();
        altered[altered.length - 2] ^= 1;
        AdmissionDecision wrongImpronta = admit(SCENARIOS.paWithSegnatura(altered, xml));
        assertThat(wrongImpronta.receivability().outcome()).isEqualTo("002_AnomaliaImpronte");
        assertThat(wrongImpronta.istanza().letter()).as("lett. b asks for a segnatura; its failures are receivability's").contains("b");
        assertThat(wrongImpronta.registration().outcome()).isEqualTo(RegistrationOutcome.REGISTER);

        byte[] foreign = segnatura(pdf, pki.otherKey(), pki.otherCertificate());
        assertThat(admit(SCENARIOS.paWithSegnatura(pdf, foreign)).receivability().outcome()).isEqualTo("001_ValidazioneFirma");
    }

    @Test
    @Tag("ADM-REG-01")
    @Tag("SEG-MSG-01")
    @DisplayName("ADM-REG-01 SEG-MSG-01 an Allegato 6 ConfermaRicezione, whatever its file name, is receipt-only")
    void confermaRicezione() throws IOException {
        io.github.pec4j.segnatura.ConfermaRicezione conferma = new io.github.pec4j.segnatura.ConfermaRicezione(
                io.github.pec4j.segnatura.Identificatore.of("r_esempio", "AOO_GIUNTA", "PG", 99, LocalDate.of(2024, 3, 15)),
                io.github.pec4j.segnatura.MessaggioRicevuto.of(
                        io.github.pec4j.segnatura.Identificatore.of("c_esempio", "AOO_CENTRALE", "PG", 12, LocalDate.of(2024, 3, 14))));
        byte[] xml = io.github.pec4j.segnatura.InteropMessages.write(conferma);
        byte[] message = io.github.pec4j.testkit.PecFixtures.create().message(io.github.pec4j.testkit.FixtureKind.POSTA_CERTIFICATA)
                .from(PA_SENDER).to(AOO_BOX).subject("Conferma di ricezione").noAttachments()
                .attachment("risposta-regione.xml", "application/xml", xml).build();
        AdmissionDecision d = admit(message);
        assertThat(d.registration().outcome()).isEqualTo(RegistrationOutcome.RECEIPT_ONLY);
        assertThat(d.istanza().outcome()).isEqualTo(IstanzaOutcome.NOT_APPLICABLE);
    }

    @Test
    @Tag("ADM-65-A-01")
    @DisplayName("ADM-65-A-01 a citizen's istanza signed with a qualified signature: valid by lett. a")
    void signedP7m() throws IOException {
        AdmissionDecision d = admit(SCENARIOS.citizenSignedP7m());
        assertThat(d.istanza().outcome()).isEqualTo(IstanzaOutcome.VALID);
        assertThat(d.istanza().letter()).contains("a");
        assertThat(d.istanza().reasons()).extracting(Reason::citation).contains("CAD, art. 65, c. 1, lett. a; art. 20");
        assertThat(d.registration().outcome()).isEqualTo(RegistrationOutcome.REGISTER);
        assertThat(d.receivability().receivable()).isTrue();
    }

    @Test
    @Tag("ADM-65-C-BIS-01")
    @DisplayName("ADM-65-C-BIS-01 a citizen from the INAD domicile: valid by lett. c-bis (registered domicile)")
    void inadDomicile() throws IOException {
        AdmissionDecision d = admit(SCENARIOS.citizenFromDomicile(), IntakeHistory.NONE, Optional.of(CITIZEN_TAX_CODE));
        assertThat(d.istanza().letter()).contains("c-bis");
        assertThat(rules(d.istanza().reasons())).contains("A65-C-BIS-REGISTERED");
        assertThat(d.istanza().electedDomicile()).isEmpty();
    }

    @Test
    @Tag("ADM-65-C-BIS-02")
    @Tag("ADM-65-C-BIS-04")
    @DisplayName("ADM-65-C-BIS-02/04 a citizen from an unlisted PEC: special domicile after 17 July 2020, not valid before")
    void unlistedPec() throws IOException {
        AdmissionDecision after = admit(SCENARIOS.citizenFromUnlistedPec(), IntakeHistory.NONE, Optional.of(UNLISTED_TAX_CODE));
        assertThat(after.istanza().outcome()).isEqualTo(IstanzaOutcome.VALID);
        assertThat(after.istanza().letter()).contains("c-bis");
        assertThat(after.istanza().electedDomicile()).contains(UNLISTED_PEC);
        byte[] old = AdmissionScenarios.at(Instant.parse("2019-05-06T08:00:00Z")).citizenFromUnlistedPec();
        AdmissionDecision before = admit(old, IntakeHistory.NONE, Optional.of(UNLISTED_TAX_CODE));
        assertThat(before.receivedAt()).isEqualTo(Instant.parse("2019-05-06T08:00:00Z"));
        assertThat(before.istanza().outcome()).isEqualTo(IstanzaOutcome.NOT_VALID);
        assertThat(rules(before.istanza().reasons())).contains("A65-C-BIS-LEGACY", "A65-NONE");
        assertThat(before.registration().outcome()).isEqualTo(RegistrationOutcome.REGISTER);
    }

    @Test
    @Tag("ADM-65-C-BIS-01")
    @DisplayName("ADM-65-C-BIS-01 a firm from its INI-PEC domicile: valid by lett. c-bis")
    void firm() throws IOException {
        AdmissionDecision d = admit(SCENARIOS.firmFromIniPec());
        assertThat(d.istanza().letter()).contains("c-bis");
        assertThat(d.istanza().reasons()).extracting(Reason::message).anyMatch(m -> m.contains("INI-PEC"));
    }

    @Test
    @Tag("ADM-REG-03")
    @Tag("ADM-65-C-BIS-05")
    @DisplayName("ADM-REG-03 ordinary mail in an anomalia envelope: registered under art. 53 c.5 by default, never c-bis; quarantined if the manuale says so")
    void anomalia() throws IOException {
        AdmissionDecision d = admit(SCENARIOS.ordinaryViaAnomalia());
        assertThat(d.registration().outcome()).isEqualTo(RegistrationOutcome.REGISTER);
        assertThat(rules(d.registration().reasons())).containsExactly("REG-53");
        assertThat(d.istanza().outcome()).isEqualTo(IstanzaOutcome.NOT_VALID);
        assertThat(rules(d.istanza().reasons())).contains("A65-C-BIS-UNCERTIFIED");
        PecAdmission quarantine = PecAdmission.builder(AOO.withUncertified(AooConfig.Handling.QUARANTINE, AooConfig.Handling.QUARANTINE))
                .trust(trust).directory(directories()).build();
        try (PecMessage m = PecParser.create().parse(SCENARIOS.ordinaryViaAnomalia())) {
            assertThat(quarantine.admit(m).registration().outcome()).isEqualTo(RegistrationOutcome.EXCLUDED);
        }
    }

    @Test
    @Tag("ADM-REG-01")
    @DisplayName("ADM-REG-01 a delivery receipt: receipt-only")
    void receipt() throws IOException {
        AdmissionDecision d = admit(SCENARIOS.receipt());
        assertThat(d.registration().outcome()).isEqualTo(RegistrationOutcome.RECEIPT_ONLY);
        assertThat(d.istanza().outcome()).isEqualTo(IstanzaOutcome.NOT_APPLICABLE);
    }

    @Test
    @Tag("REG-DUP-01")
    @DisplayName("REG-DUP-01 a message already taken in: duplicate, naming the registration")
    void duplicate() throws IOException {
        byte[] message = SCENARIOS.paOverPecOnly();
        IdempotencyKey[] asked = new IdempotencyKey[1];
        AdmissionDecision d = admit(message, key -> {
            asked[0] = key;
            return Optional.of("c_esempio/AOO_CENTRALE/PG/2024/0000007");
        }, Optional.empty());
        assertThat(d.registration().outcome()).isEqualTo(RegistrationOutcome.DUPLICATE);
        assertThat(d.registration().existing()).contains("c_esempio/AOO_CENTRALE/PG/2024/0000007");
        try (PecMessage m = PecParser.create().parse(message)) {
            assertThat(asked[0]).isEqualTo(IdempotencyKey.forMessage(AOO_BOX, m.correlation().messageId().orElseThrow(),
                    m.correlation().riferimentoMessageId().orElseThrow()));
        }
    }

    @Test
    @Tag("ADM-RIC-01")
    @DisplayName("ADM-RIC-01 a macro-enabled attachment from a citizen: not receivable, with no Allegato 6 code (those answer an AOO), still registered")
    void macro() throws IOException {
        AdmissionDecision d = admit(SCENARIOS.macroAttachment());
        assertThat(d.receivability().outcome()).isEqualTo("not-receivable");
        assertThat(d.receivability().anomaly()).isEmpty();
        assertThat(d.receivability().reasons().get(0).message()).containsIgnoringCase("macro");
        assertThat(d.registration().outcome()).isEqualTo(RegistrationOutcome.REGISTER);
    }
}
