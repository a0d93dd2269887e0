package io.github.pec4j.admission;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pec4j.admission.AdmissionDecision.IstanzaOutcome;
import io.github.pec4j.admission.AdmissionDecision.RegistrationOutcome;
import io.github.pec4j.admission.Evidence.Channel;
import io.github.pec4j.admission.Evidence.SignatureFact;
import io.github.pec4j.admission.Evidence.SignatureLevel;
import io.github.pec4j.core.Severity;
import io.github.pec4j.directory.AddressOwner;
import io.github.pec4j.directory.DomicileDirectory;
import io.github.pec4j.directory.DomicileRegister;
import io.github.pec4j.directory.StaticDirectory;
import io.github.pec4j.formats.FileReport;
import io.github.pec4j.formats.Finding;
import io.github.pec4j.formats.FormatCode;
import io.github.pec4j.formats.Verdict;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class AdmissionEngineTest {
    static final String AOO_BOX = "protocollo@pec.comune.esempio.it";
    static final String CITIZEN = "RSSMRA80A01H501U";
    static final String CITIZEN_PEC = "mario.rossi@pec.example.it";
    static final String PA_PEC = "protocollo@pec.regione.esempio.it";
    static final Instant AFTER_2020 = Instant.parse("2024-05-06T08:00:00Z");

    static final AddressOwner.PublicAdministration REGIONE = new AddressOwner.PublicAdministration(PA_PEC, "r_esempio", "Regione Esempio",
            AddressOwner.Level.AOO, Optional.of("AOO_GIUNTA"), Optional.of("Giunta"), true, Optional.of(LocalDate.of(2024, 1, 1)), Optional.empty());
    static final AddressOwner.PublicAdministration COMUNE = new AddressOwner.PublicAdministration(AOO_BOX, "c_esempio", "Comune di Esempio",
            AddressOwner.Level.AOO, Optional.of("AOO_CENTRALE"), Optional.empty(), true, Optional.empty(), Optional.empty());

    static DomicileDirectory directory() {
        return StaticDirectory.builder("test").registers(DomicileRegister.IPA, DomicileRegister.INAD, DomicileRegister.INI_PEC)
                .owner(REGIONE).owner(COMUNE)
                .owner(new AddressOwner.FirmOrProfessional("amministrazione@pec.edilrossi.example.it", "01234567890", "Edil Rossi srl"))
                .domicile(CITIZEN, CITIZEN_PEC)
                .domicile("BNCLCU75B02F205X", "luca.bianchi@pec.example.it")
                .build();
    }

    static AdmissionDecision decide(Evidence e) {
        return decide(AooConfig.defaults().withMailboxes(AOO_BOX), directory(), e);
    }

    static AdmissionDecision decide(AooConfig config, DomicileDirectory dir, Evidence e) {
        return AdmissionEngine.create(config, dir).decide(e);
    }

    static Evidence.Builder pec(String sender, Instant at) {
        return Evidence.builder(Channel.PEC, at).sender(sender).receivedOn(AOO_BOX).subject("Istanza");
    }

    static List<String> rules(List<Reason> reasons) {
        return reasons.stream().map(Reason::rule).toList();
    }

    @Nested
    class Registration {
        @Test
        @Tag("ADM-REG-01")
        @DisplayName("ADM-REG-01 a PEC receipt or an Allegato 6 confirmation gives receipt-only, no new number")
        void receipts() {
            for (Evidence.Kind k : List.of(Evidence.Kind.PEC_RECEIPT, Evidence.Kind.INTEROP_CONFIRMATION, Evidence.Kind.INTEROP_ANNULMENT)) {
                AdmissionDecision d = decide(pec(PA_PEC, AFTER_2020).kind(k).build());
                assertThat(d.registration().outcome()).isEqualTo(RegistrationOutcome.RECEIPT_ONLY);
                assertThat(d.registration().outcome().id()).isEqualTo("receipt-only");
                assertThat(d.istanza().outcome()).isEqualTo(IstanzaOutcome.NOT_APPLICABLE);
                assertThat(d.receivability().outcome()).isEqualTo("receivable");
            }
        }

        @Test
        @Tag("ADM-REG-02")
        @DisplayName("ADM-REG-02 a kind excluded by art. 53 c.5 (a newsletter, by subject or sender) is not registered")
        void excluded() {
            AooConfig config = AooConfig.defaults().withExclusions(List.of(
                    new AooConfig.Exclusion("newsletter", List.of("*@news.example.it"), List.of("\\bnewsletter\\b")),
                    new AooConfig.Exclusion("gazzetta ufficiale", List.of(), List.of("gazzetta ufficiale"))));
            AdmissionDecision bySubject = decide(config, directory(), pec("info@example.it", AFTER_2020).subject("La Newsletter di maggio").build());
            assertThat(bySubject.registration().outcome()).isEqualTo(RegistrationOutcome.EXCLUDED);
            assertThat(bySubject.registration().reasons().get(0).citation()).isEqualTo("DPR 445/2000, art. 53, c. 5");
            assertThat(bySubject.registration().reasons().get(0).message()).contains("newsletter");
            assertThat(decide(config, directory(), pec("redazione@news.example.it", AFTER_2020).build()).registration().outcome())
                    .isEqualTo(RegistrationOutcome.EXCLUDED);
            assertThat(decide(config, directory(), pec(CITIZEN_PEC, AFTER_2020).build()).registration().outcome())
                    .isEqualTo(RegistrationOutcome.REGISTER);
        }

        @Test
        @Tag("ADM-REG-03")
        @DisplayName("ADM-REG-03 PEC on the AOO's IPA domicile cites art. 40-bis; plain mail and anomalia cite art. 53 c.5")
        void citations() {
            AdmissionDecision pec = decide(pec(PA_PEC, AFTER_2020).build());
            assertThat(pec.registration().outcome()).isEqualTo(RegistrationOutcome.REGISTER);
            assertThat(pec.registration().reasons().get(0).citation()).isEqualTo("CAD (D.Lgs. 82/2005), art. 40-bis");
            // found through IPA, not the configuration
            AdmissionDecision viaIpa = decide(AooConfig.defaults(), directory(), pec(PA_PEC, AFTER_2020).build());
            assertThat(rules(viaIpa.registration().reasons())).containsExactly("REG-40BIS");
            for (Channel c : List.of(Channel.PEO, Channel.ANOMALIA)) {
                AdmissionDecision plain = decide(Evidence.builder(c, AFTER_2020).sender("someone@example.org").receivedOn(AOO_BOX).build());
                assertThat(plain.registration().outcome()).isEqualTo(RegistrationOutcome.REGISTER);
                assertThat(plain.registration().reasons().get(0).citation()).isEqualTo("DPR 445/2000, art. 53, c. 5");
            }
        }

        @Test
        @Tag("ADM-REG-03")
        @Tag("REG-40BIS-2011")
        @Tag("REG-40BIS")
        @DisplayName("ADM-REG-03 art. 40-bis exists from 2011-01-25 (D.Lgs. 235/2010), in its domicile wording from 2016-09-14; before, art. 53 c.5")
        void before40bis() {
            assertThat(rules(decide(pec(PA_PEC, Instant.parse("2011-01-24T22:59:59Z")).build()).registration().reasons()))
                    .containsExactly("REG-53");
            assertThat(rules(decide(pec(PA_PEC, Instant.parse("2011-01-24T23:00:00Z")).build()).registration().reasons()))
                    .containsExactly("REG-40BIS-2011");
            assertThat(rules(decide(pec(PA_PEC, Instant.parse("2016-09-13T21:59:59Z")).build()).registration().reasons()))
                    .containsExactly("REG-40BIS-2011");
            assertThat(rules(decide(pec(PA_PEC, Instant.parse("2016-09-13T22:00:00Z")).build()).registration().reasons()))
                    .containsExactly("REG-40BIS");
        }

        @Test
        @Tag("ADM-REG-03")
        @Tag("REG-40BIS")
        @DisplayName("ADM-REG-03 from 2016 art. 40-bis also covers a PEC coming from a registered domicile, not only one received on the AOO's")
        void fromDomicile() {
            // 2018: the firm's PEC is no valid istanza yet (pre-2020 c-bis), and the box it reached is not the AOO's
            Instant in2018 = Instant.parse("2018-05-02T08:00:00Z");
            AooConfig noBoxes = AooConfig.defaults();
            AdmissionDecision firm = decide(noBoxes, directory(), Evidence.builder(Channel.PEC, in2018).sender("amministrazione@pec.edilrossi.example.it")
                    .receivedOn("ufficio@comune.esempio.it").build());
            assertThat(firm.istanza().outcome()).isNotEqualTo(IstanzaOutcome.VALID);
            assertThat(rules(firm.registration().reasons())).containsExactly("REG-40BIS");
            assertThat(rules(decide(noBoxes, directory(), Evidence.builder(Channel.PEC, in2018).sender("nobody@pec.example.it")
                    .receivedOn("ufficio@comune.esempio.it").build()).registration().reasons())).containsExactly("REG-53");
            assertThat(rules(decide(noBoxes, directory(), Evidence.builder(Channel.PEO, in2018).sender("amministrazione@pec.edilrossi.example.it")
                    .receivedOn("ufficio@comune.esempio.it").build()).registration().reasons())).as("not certified").containsExactly("REG-53");
        }

        @Test
        @Tag("ADM-REG-04")
        @DisplayName("ADM-REG-04 a message not valid as an istanza and not receivable is still registered")
        void independent() {
            FileReport macro = new FileReport("delibera.docm", "application/vnd.ms-word.document.macroEnabled.12", 100, Verdict.REJECT,
                    List.of(Finding.of(FormatCode.MACRO, "delibera.docm", "vbaProject.bin")), List.of());
            AdmissionDecision d = decide(Evidence.builder(Channel.PEO, AFTER_2020).sender("x@example.org").file(macro).build());
            assertThat(d.istanza().outcome()).isEqualTo(IstanzaOutcome.NOT_VALID);
            assertThat(d.receivability().outcome()).as("a citizen gets no Allegato 6 code").isEqualTo("not-receivable");
            assertThat(rules(d.receivability().reasons())).containsExactly("RIC-REFUSED");
            assertThat(d.registration().outcome()).isEqualTo(RegistrationOutcome.REGISTER);
        }

        @Test
        @DisplayName("a duplicate returns the existing registration; the manuale may quarantine or reject uncertified mail, allow-listed senders excepted")
        void duplicatesAndManuale() {
            AdmissionDecision dup = decide(pec(CITIZEN_PEC, AFTER_2020).duplicateOf("c_esempio/AOO_CENTRALE/PG/2024/0000042").build());
            assertThat(dup.registration().outcome()).isEqualTo(RegistrationOutcome.DUPLICATE);
            assertThat(dup.registration().existing()).contains("c_esempio/AOO_CENTRALE/PG/2024/0000042");
            AooConfig strict = AooConfig.defaults().withUncertified(AooConfig.Handling.QUARANTINE, AooConfig.Handling.REJECT)
                    .withSenders(List.of("*@fornitore.example.it"), List.of("spam@example.org"));
            Evidence peo = Evidence.builder(Channel.PEO, AFTER_2020).sender("someone@example.org").build();
            assertThat(decide(strict, directory(), peo).registration().outcome()).isEqualTo(RegistrationOutcome.EXCLUDED);
            assertThat(rules(decide(strict, directory(), peo).registration().reasons())).containsExactly("REG-MANUALE-QUARANTINE");
            assertThat(decide(strict, directory(), peo).receivability().receivable()).isTrue();
            Evidence anomalia = Evidence.builder(Channel.ANOMALIA, AFTER_2020).sender("someone@example.org").build();
            assertThat(rules(decide(strict, directory(), anomalia).registration().reasons())).containsExactly("REG-MANUALE-REJECT");
            assertThat(decide(strict, directory(), anomalia).receivability().outcome()).isEqualTo("not-receivable");
            assertThat(rules(decide(strict, directory(), anomalia).receivability().reasons())).containsExactly("RIC-MANUALE-REJECT");
            Evidence allowed = Evidence.builder(Channel.PEO, AFTER_2020).sender("Ordini@Fornitore.example.it").build();
            assertThat(decide(strict, directory(), allowed).registration().outcome()).isEqualTo(RegistrationOutcome.REGISTER);
            assertThat(rules(decide(strict, directory(), pec("spam@example.org", AFTER_2020).build()).registration().reasons()))
                    .containsExactly("REG-MANUALE-DENY");
        }
    }

    @Nested
    class Article47 {
        @Test
        @Tag("ADM-47-01")
        @DisplayName("ADM-47-01 a sender IPA does not attribute to a PA is judged under art. 65")
        void notPa() {
            AdmissionDecision d = decide(pec(CITIZEN_PEC, AFTER_2020).build());
            assertThat(d.istanza().article()).contains("art. 65");
            assertThat(rules(d.istanza().reasons())).contains("A47-NOT-PA");
        }

        @Test
        @Tag("ADM-47-02")
        @Tag("A47-NONE")
        @DisplayName("ADM-47-02 PA provenance is verified by signature (a), segnatura (b) or PEC (d), naming the letter; never by fax; else letter c is an operator's call")
        void provenance() {
            AdmissionDecision byPec = decide(pec(PA_PEC, AFTER_2020).build());
            assertThat(byPec.istanza().outcome()).isEqualTo(IstanzaOutcome.VALID);
            assertThat(byPec.istanza().article()).contains("art. 47");
            assertThat(byPec.istanza().letter()).contains("d");
            assertThat(byPec.istanza().reasons().get(0).citation()).isEqualTo("CAD, art. 47, c. 2, lett. d; DPR 68/2005");
            AdmissionDecision withSegnatura = decide(pec(PA_PEC, AFTER_2020)
                    .segnatura(new Evidence.SegnaturaFact("v3", true, List.of(), "", Optional.empty())).build());
            assertThat(withSegnatura.istanza().letter()).contains("b");
            assertThat(withSegnatura.istanza().lettersHolding()).containsExactly("b", "d");
            AdmissionDecision signed = decide(pec(PA_PEC, AFTER_2020).signature(new SignatureFact("delibera.pdf.p7m", SignatureLevel.QUALIFIED,
                    true, true, Optional.of("VRDPLA70A01F205X"), "Paolo Verdi")).build());
            assertThat(signed.istanza().lettersHolding()).containsExactly("a", "d");
            AdmissionDecision peo = decide(Evidence.builder(Channel.PEO, AFTER_2020).sender(PA_PEC).build());
            assertThat(peo.istanza().outcome()).isEqualTo(IstanzaOutcome.NEEDS_OPERATOR);
            assertThat(rules(peo.istanza().reasons())).containsExactly("A47-NONE");
            assertThat(peo.istanza().reasons().get(0).citation()).isEqualTo("CAD, art. 47, c. 1 e c. 2, lett. c");
            assertThat(peo.istanza().operatorChecks()).singleElement().asString().contains("lett. c");
            assertThat(peo.registration().outcome()).isEqualTo(RegistrationOutcome.REGISTER);
            AdmissionDecision fax = decide(Evidence.builder(Channel.FAX, AFTER_2020).sender(PA_PEC)
                    .signature(new SignatureFact("x.pdf", SignatureLevel.QUALIFIED, true, true, Optional.empty(), "X")).build());
            assertThat(fax.istanza().outcome()).isEqualTo(IstanzaOutcome.NOT_VALID);
            assertThat(rules(fax.istanza().reasons())).containsExactly("A47-FAX");
        }
    }

    @Nested
    class Article65 {
        @Test
        @Tag("ADM-65-A-01")
        @DisplayName("ADM-65-A-01 a valid signature of the declarant on the primary is VALID(a); someone else's is not")
        void letterA() {
            SignatureFact own = new SignatureFact("istanza.pdf.p7m", SignatureLevel.QUALIFIED, true, true, Optional.of("TINIT-" + CITIZEN), "Mario Rossi");
            AdmissionDecision d = decide(Evidence.builder(Channel.PEO, AFTER_2020).sender("mario@example.org").declarant(CITIZEN).signature(own).build());
            assertThat(d.istanza().outcome()).isEqualTo(IstanzaOutcome.VALID);
            assertThat(d.istanza().letter()).contains("a");
            assertThat(d.istanza().reasons()).extracting(Reason::citation).contains("CAD, art. 65, c. 1, lett. a; art. 20");
            SignatureFact other = new SignatureFact("istanza.pdf.p7m", SignatureLevel.QUALIFIED, true, true, Optional.of("BNCLCU75B02F205X"), "Luca Bianchi");
            AdmissionDecision o = decide(Evidence.builder(Channel.PEO, AFTER_2020).sender("mario@example.org").declarant(CITIZEN).signature(other).build());
            assertThat(o.istanza().outcome()).isEqualTo(IstanzaOutcome.NOT_VALID);
            assertThat(rules(o.istanza().reasons())).contains("A65-A-OTHER-SIGNER", "A65-NONE");
            SignatureFact invalid = new SignatureFact("istanza.pdf.p7m", SignatureLevel.QUALIFIED, false, true, Optional.of(CITIZEN), "Mario Rossi");
            assertThat(decide(Evidence.builder(Channel.PEO, AFTER_2020).sender("m@example.org").signature(invalid).build()).istanza().outcome())
                    .isEqualTo(IstanzaOutcome.NOT_VALID);
            SignatureFact attachmentOnly = new SignatureFact("allegato.pdf.p7m", SignatureLevel.QUALIFIED, true, false, Optional.of(CITIZEN), "Mario Rossi");
            assertThat(decide(Evidence.builder(Channel.PEO, AFTER_2020).sender("m@example.org").signature(attachmentOnly).build()).istanza().outcome())
                    .isEqualTo(IstanzaOutcome.NOT_VALID);
        }

        @Test
        @DisplayName("with one istanza per message in the manuale, two signed documents call for an operator's check, validity unchanged")
        void singleIstanza() {
            SignatureFact one = new SignatureFact("istanza-1.pdf.p7m", SignatureLevel.QUALIFIED, true, true, Optional.of(CITIZEN), "Mario Rossi");
            SignatureFact two = new SignatureFact("istanza-2.pdf.p7m", SignatureLevel.QUALIFIED, true, false, Optional.of(CITIZEN), "Mario Rossi");
            Evidence e = Evidence.builder(Channel.PEO, AFTER_2020).sender("m@example.org").signature(one).signature(two).build();
            AooConfig single = new AooConfig("", "", List.of(), AooConfig.Handling.REGISTER, AooConfig.Handling.REGISTER, List.of(), List.of(),
                    List.of(), true, true);
            AdmissionDecision d = decide(single, directory(), e);
            assertThat(d.istanza().letter()).contains("a");
            assertThat(d.istanza().operatorChecks()).singleElement().asString().contains("one istanza per message");
            assertThat(decide(e).istanza().operatorChecks()).isEmpty();
        }

        @Test
        @Tag("ADM-65-B-01")
        @Tag("A65-B-BIS")
        @Tag("A65-DL76-CONVERSIONE")
        @DisplayName("ADM-65-B-01 SPID/CIE/CNS of the declarant is VALID(b); app IO exists from 2020-07-17 and decides alone from 2020-09-15")
        void letterB() {
            AdmissionDecision spid = decide(Evidence.builder(Channel.PORTAL, AFTER_2020).declarant(CITIZEN)
                    .portal(new Evidence.PortalAuthentication("SPID", CITIZEN)).build());
            assertThat(spid.istanza().letter()).contains("b");
            AdmissionDecision someoneElse = decide(Evidence.builder(Channel.PORTAL, AFTER_2020).declarant(CITIZEN)
                    .portal(new Evidence.PortalAuthentication("CIE", "BNCLCU75B02F205X")).build());
            assertThat(someoneElse.istanza().outcome()).isEqualTo(IstanzaOutcome.NOT_VALID);
            assertThat(decide(Evidence.builder(Channel.APP_IO, Instant.parse("2020-07-16T21:59:59Z")).build()).istanza().outcome())
                    .isEqualTo(IstanzaOutcome.NOT_VALID); // 23:59:59 on 16 July in Rome
            AdmissionDecision window = decide(Evidence.builder(Channel.APP_IO, Instant.parse("2020-07-16T22:00:00Z")).build()); // 00:00 on 17 July in Rome
            assertThat(window.istanza().outcome()).isEqualTo(IstanzaOutcome.NEEDS_OPERATOR);
            assertThat(rules(window.istanza().reasons())).contains("A65-B-BIS", "A65-DL76-CONVERSIONE");
            assertThat(decide(Evidence.builder(Channel.APP_IO, Instant.parse("2020-09-14T22:00:00Z")).build()).istanza().letter())
                    .contains("b-bis"); // 00:00 on 15 September in Rome
        }

        @Test
        @Tag("ADM-65-C-01")
        @DisplayName("ADM-65-C-01 a handwritten signature with an identity document is VALID(c)")
        void letterC() {
            AdmissionDecision d = decide(Evidence.builder(Channel.PEO, AFTER_2020).sender("m@example.org").handwrittenWithIdentityDocument(true).build());
            assertThat(d.istanza().letter()).contains("c");
            assertThat(d.istanza().reasons()).extracting(Reason::citation).contains("CAD, art. 65, c. 1, lett. c; DPR 445/2000, art. 38, c. 3");
        }

        @Test
        @Tag("ADM-65-C-BIS-01")
        @DisplayName("ADM-65-C-BIS-01 a PEC from the declarant's registered domicile (any case) is VALID(c-bis, registered)")
        void registeredDomicile() {
            AdmissionDecision d = decide(pec("Mario.Rossi@PEC.example.it", AFTER_2020).declarant(CITIZEN).build());
            assertThat(d.istanza().outcome()).isEqualTo(IstanzaOutcome.VALID);
            assertThat(d.istanza().letter()).contains("c-bis");
            assertThat(rules(d.istanza().reasons())).contains("A65-C-BIS-REGISTERED");
            assertThat(d.istanza().electedDomicile()).isEmpty();
            assertThat(d.registration().reasons()).extracting(Reason::rule).containsExactly("REG-40BIS");
            AdmissionDecision firm = decide(pec("amministrazione@pec.edilrossi.example.it", AFTER_2020).build());
            assertThat(firm.istanza().letter()).contains("c-bis");
            assertThat(firm.istanza().reasons()).extracting(Reason::message).anyMatch(m -> m.contains("INI-PEC"));
        }

        @Test
        @Tag("ADM-65-C-BIS-02")
        @DisplayName("ADM-65-C-BIS-02 a declarant with no registered domicile elects the sender address as special domicile")
        void specialDomicile() {
            AdmissionDecision d = decide(pec("anna.verdi@pec.example.it", AFTER_2020).declarant("VRDNNA90C41F205Z").build());
            assertThat(d.istanza().outcome()).isEqualTo(IstanzaOutcome.VALID);
            assertThat(d.istanza().letter()).contains("c-bis");
            assertThat(d.istanza().electedDomicile()).contains("anna.verdi@pec.example.it");
            assertThat(rules(d.istanza().reasons())).contains("A65-C-BIS-SPECIAL");
        }

        @Test
        @Tag("ADM-65-C-BIS-03")
        @DisplayName("ADM-65-C-BIS-03 a declarant with another registered domicile fails c-bis, the other letters still count")
        void otherDomicile() {
            AdmissionDecision d = decide(pec("mario.private@pec.example.it", AFTER_2020).declarant(CITIZEN).build());
            assertThat(d.istanza().outcome()).isEqualTo(IstanzaOutcome.NOT_VALID);
            assertThat(rules(d.istanza().reasons())).contains("A65-C-BIS-OTHER");
            AdmissionDecision withC = decide(pec("mario.private@pec.example.it", AFTER_2020).declarant(CITIZEN)
                    .handwrittenWithIdentityDocument(true).build());
            assertThat(withC.istanza().letter()).contains("c");
            assertThat(withC.istanza().lettersHolding()).containsExactly("c");
        }

        @Test
        @Tag("ADM-65-C-BIS-04")
        @Tag("ADM-65-TIME-01")
        @DisplayName("ADM-65-C-BIS-04 ADM-65-TIME-01 before 2020-07-17 c-bis needs the provider's identity attestation or a CEC-PAC box (sending until 2015-03-17)")
        void before2020() {
            Instant before = Instant.parse("2020-07-16T10:00:00Z");
            AdmissionDecision unlisted = decide(pec("anna.verdi@pec.example.it", before).declarant("VRDNNA90C41F205Z").build());
            assertThat(unlisted.istanza().outcome()).isEqualTo(IstanzaOutcome.NOT_VALID);
            assertThat(rules(unlisted.istanza().reasons())).contains("A65-C-BIS-LEGACY", "A65-NONE");
            AdmissionDecision window = decide(pec("anna.verdi@pec.example.it", Instant.parse("2020-07-17T10:00:00Z")).declarant("VRDNNA90C41F205Z").build());
            assertThat(window.istanza().outcome()).isEqualTo(IstanzaOutcome.NEEDS_OPERATOR);
            AdmissionDecision after = decide(pec("anna.verdi@pec.example.it", Instant.parse("2020-09-15T10:00:00Z")).declarant("VRDNNA90C41F205Z").build());
            assertThat(after.istanza().letter()).contains("c-bis");
            assertThat(decide(pec("anna.verdi@pec.example.it", before).providerIdentityAttested(true).build()).istanza().letter()).contains("c-bis");
            assertThat(decide(pec("anna.verdi@postacertificata.gov.it", Instant.parse("2015-03-17T10:00:00Z")).build()).istanza().letter())
                    .contains("c-bis");
            assertThat(decide(pec("anna.verdi@postacertificata.gov.it", Instant.parse("2015-03-18T10:00:00Z")).build()).istanza().outcome())
                    .isEqualTo(IstanzaOutcome.NOT_VALID);
            assertThat(decide(pec("anna.verdi@pec.example.it", Instant.parse("2010-06-01T10:00:00Z")).providerIdentityAttested(true).build())
                    .istanza().outcome()).isEqualTo(IstanzaOutcome.NOT_VALID); // c-bis did not exist yet
        }

        @Test
        @Tag("ADM-65-C-BIS-05")
        @DisplayName("ADM-65-C-BIS-05 an anomalia envelope or plain e-mail never satisfies c-bis")
        void uncertified() {
            for (Channel c : List.of(Channel.ANOMALIA, Channel.PEO, Channel.PEC_NOT_VERIFIED)) {
                AdmissionDecision d = decide(Evidence.builder(c, AFTER_2020).sender(CITIZEN_PEC).declarant(CITIZEN).build());
                assertThat(d.istanza().outcome()).as(c.name()).isEqualTo(IstanzaOutcome.NOT_VALID);
                assertThat(rules(d.istanza().reasons())).as(c.name()).contains("A65-C-BIS-UNCERTIFIED");
            }
        }

        @Test
        @Tag("ADM-65-NONE-01")
        @DisplayName("ADM-65-NONE-01 nothing holds: not valid; a directory down or an unknown codice fiscale: needs an operator")
        void none() {
            StaticDirectory down = StaticDirectory.unavailable("inad", "unavailable: HTTP 503", DomicileRegister.INAD);
            AdmissionDecision unknown = decide(AooConfig.defaults(), down, pec(CITIZEN_PEC, AFTER_2020).declarant(CITIZEN).build());
            assertThat(unknown.istanza().outcome()).isEqualTo(IstanzaOutcome.NEEDS_OPERATOR);
            assertThat(unknown.istanza().outcome().id()).isEqualTo("needs-operator");
            assertThat(unknown.istanza().operatorChecks()).singleElement().asString().contains("HTTP 503");
            assertThat(unknown.registration().outcome()).isEqualTo(RegistrationOutcome.REGISTER);
            AdmissionDecision noCf = decide(pec("anna.verdi@pec.example.it", AFTER_2020).build());
            assertThat(noCf.istanza().outcome()).isEqualTo(IstanzaOutcome.NEEDS_OPERATOR);
            assertThat(noCf.istanza().operatorChecks()).singleElement().asString().contains("codice fiscale");
            // a directory that is no authority for INAD and INI-PEC cannot say "no domicile"
            StaticDirectory ipaOnly = StaticDirectory.builder("ipa").registers(DomicileRegister.IPA).build();
            AdmissionDecision partial = decide(AooConfig.defaults(), ipaOnly, pec("anna.verdi@pec.example.it", AFTER_2020).declarant("VRDNNA90C41F205Z").build());
            assertThat(partial.istanza().outcome()).isEqualTo(IstanzaOutcome.NEEDS_OPERATOR);
            assertThat(partial.istanza().operatorChecks()).singleElement().asString().contains("INI_PEC").contains("INAD");
            AdmissionDecision peo = decide(Evidence.builder(Channel.PEO, AFTER_2020).sender("x@example.org").build());
            assertThat(peo.istanza().outcome()).isEqualTo(IstanzaOutcome.NOT_VALID);
            assertThat(peo.istanza().outcome().id()).isEqualTo("not-valid");
        }
    }

    @Nested
    class Routes {
        static final String GESTORE_PEC = "protocollo@pec.gestore.example.it";

        DomicileDirectory withGestore() {
            return StaticDirectory.builder("test").registers(DomicileRegister.IPA, DomicileRegister.INAD, DomicileRegister.INI_PEC)
                    .owner(REGIONE)
                    .owner(new AddressOwner.PublicAdministration(GESTORE_PEC, "gestore_x", "Gestore X S.p.A.", AddressOwner.Level.ENTE,
                            Optional.empty(), Optional.empty(), true, Optional.empty(), Optional.of("01234567891"), true))
                    .domicile(CITIZEN, CITIZEN_PEC).build();
        }

        @Test
        @Tag("ADM-47-01")
        @Tag("A47-GESTORE")
        @DisplayName("ADM-47-01 a gestore di pubblico servizio listed in IPA is not an administration: art. 65, c-bis from its IPA domicile")
        void gestore() {
            AdmissionDecision d = decide(AooConfig.defaults().withMailboxes(AOO_BOX), withGestore(), pec(GESTORE_PEC, AFTER_2020).build());
            assertThat(d.istanza().article()).contains("art. 65");
            assertThat(rules(d.istanza().reasons())).startsWith("A47-GESTORE").contains("A65-C-BIS-REGISTERED");
            assertThat(d.istanza().letter()).contains("c-bis");
            assertThat(d.istanza().reasons()).extracting(Reason::message).anyMatch(m -> m.contains("IPA"));
        }

        @Test
        @Tag("ADM-47-02")
        @Tag("A47-COOP")
        @Tag("A47-LINK")
        @DisplayName("ADM-47-02 cooperazione applicativa and documents made available by link are art. 47 c.1 channels: a or b verify them, else an operator")
        void channelsOfArticle47() {
            AdmissionDecision coop = decide(Evidence.builder(Channel.COOPERAZIONE_APPLICATIVA, AFTER_2020)
                    .segnatura(new Evidence.SegnaturaFact("v3", true, List.of(), "", Optional.empty())).build());
            assertThat(coop.istanza().article()).contains("art. 47");
            assertThat(coop.istanza().letter()).contains("b");
            assertThat(rules(coop.istanza().reasons())).containsExactly("A47-COOP", "A47-B");
            AdmissionDecision link = decide(Evidence.builder(Channel.LINK, AFTER_2020).sender(PA_PEC).build());
            assertThat(link.istanza().outcome()).isEqualTo(IstanzaOutcome.NEEDS_OPERATOR);
            assertThat(rules(link.istanza().reasons())).containsExactly("A47-LINK", "A47-NONE");
        }

        @Test
        @Tag("SERCQ-1-TER")
        @Tag("SERCQ-EIDAS")
        @DisplayName("SERCQ counts as PEC (art. 47 d, c-bis) only from CAD art. 1 c.1-ter (2018-01-27); before, an operator assesses it")
        void sercq() {
            AdmissionDecision now = decide(Evidence.builder(Channel.SERCQ, AFTER_2020).sender(PA_PEC).receivedOn(AOO_BOX).build());
            assertThat(now.istanza().letter()).contains("d");
            assertThat(rules(now.istanza().reasons())).containsExactly("A47-D", "SERCQ-1-TER");
            Instant in2017 = Instant.parse("2017-05-02T08:00:00Z");
            AdmissionDecision before = decide(Evidence.builder(Channel.SERCQ, in2017).sender(CITIZEN_PEC).declarant(CITIZEN).build());
            assertThat(before.istanza().outcome()).isEqualTo(IstanzaOutcome.NEEDS_OPERATOR);
            assertThat(rules(before.istanza().reasons())).contains("SERCQ-EIDAS");
            assertThat(rules(before.registration().reasons())).containsExactly("REG-53");
        }

        @Test
        @Tag("ADM-65-C-BIS-01")
        @Tag("A65-C-BIS-TAX")
        @DisplayName("ADM-65-C-BIS-01 an AOO in the tax sector: an istanza valid only by c-bis needs an operator; with a signature it stands")
        void taxSector() {
            AooConfig tax = AooConfig.defaults().withMailboxes(AOO_BOX).withTaxSector(true);
            AdmissionDecision onlyCBis = decide(tax, directory(), pec(CITIZEN_PEC, AFTER_2020).declarant(CITIZEN).build());
            assertThat(onlyCBis.istanza().outcome()).isEqualTo(IstanzaOutcome.NEEDS_OPERATOR);
            assertThat(rules(onlyCBis.istanza().reasons())).contains("A65-C-BIS-REGISTERED", "A65-C-BIS-TAX");
            assertThat(onlyCBis.istanza().operatorChecks()).singleElement().asString().contains("tax sector");
            AdmissionDecision signed = decide(tax, directory(), pec(CITIZEN_PEC, AFTER_2020).declarant(CITIZEN)
                    .signature(new SignatureFact("istanza.pdf.p7m", SignatureLevel.QUALIFIED, true, true, Optional.of(CITIZEN), "Mario Rossi")).build());
            assertThat(signed.istanza().lettersHolding()).containsExactly("a", "c-bis");
            assertThat(decide(pec(CITIZEN_PEC, AFTER_2020).declarant(CITIZEN).build()).istanza().outcome()).as("outside the tax sector")
                    .isEqualTo(IstanzaOutcome.VALID);
        }

        @Test
        @Tag("ADM-65-C-BIS-02")
        @Tag("A65-ELECTED")
        @DisplayName("ADM-65-C-BIS-02 an express election of a special domicile in a valid istanza is returned for replies, and prevails over the sender's")
        void expressElection() {
            SignatureFact own = new SignatureFact("istanza.pdf.p7m", SignatureLevel.QUALIFIED, true, true, Optional.of(CITIZEN), "Mario Rossi");
            AdmissionDecision signed = decide(Evidence.builder(Channel.PEO, AFTER_2020).sender("mario@example.org").declarant(CITIZEN)
                    .signature(own).electedDomicile("studio.legale@pec.example.it").build());
            assertThat(signed.istanza().letter()).contains("a");
            assertThat(signed.istanza().electedDomicile()).contains("studio.legale@pec.example.it");
            assertThat(rules(signed.istanza().reasons())).contains("A65-ELECTED");
            AdmissionDecision special = decide(pec("anna.verdi@pec.example.it", AFTER_2020).declarant("VRDNNA90C41F205Z")
                    .electedDomicile("studio.legale@pec.example.it").build());
            assertThat(special.istanza().electedDomicile()).contains("studio.legale@pec.example.it");
            AdmissionDecision invalid = decide(Evidence.builder(Channel.PEO, AFTER_2020).sender("x@example.org")
                    .electedDomicile("studio.legale@pec.example.it").build());
            assertThat(invalid.istanza().outcome()).isEqualTo(IstanzaOutcome.NOT_VALID);
            assertThat(invalid.istanza().electedDomicile()).isEmpty();
            assertThat(rules(invalid.istanza().reasons())).doesNotContain("A65-ELECTED");
            AdmissionDecision in2017 = decide(Evidence.builder(Channel.PEO, Instant.parse("2017-05-02T08:00:00Z")).sender("mario@example.org")
                    .declarant(CITIZEN).signature(own).electedDomicile("studio.legale@pec.example.it").build());
            assertThat(in2017.istanza().electedDomicile()).as("art. 3-bis c.4-quinquies not yet in force").isEmpty();
        }

        @Test
        @Tag("ADM-65-A-01")
        @Tag("A65-A-20-1BIS")
        @Tag("A65-A-2006")
        @DisplayName("ADM-65-A-01 an advanced signature counts only from 2018-01-27 (art. 20); another electronic signature goes to an operator (art. 20 c.1-bis)")
        void article20() {
            SignatureFact advanced = new SignatureFact("istanza.pdf.p7s", SignatureLevel.ADVANCED, true, true, Optional.of(CITIZEN), "Mario Rossi");
            assertThat(decide(Evidence.builder(Channel.PEO, AFTER_2020).sender("m@example.org").signature(advanced).build()).istanza().letter())
                    .contains("a");
            AdmissionDecision in2017 = decide(Evidence.builder(Channel.PEO, Instant.parse("2017-05-02T08:00:00Z")).sender("m@example.org")
                    .signature(advanced).build());
            assertThat(in2017.istanza().outcome()).isEqualTo(IstanzaOutcome.NOT_VALID);
            SignatureFact simple = new SignatureFact("istanza.pdf", SignatureLevel.SIMPLE, false, true, Optional.of(CITIZEN), "Mario Rossi");
            AdmissionDecision other = decide(Evidence.builder(Channel.PEO, AFTER_2020).sender("m@example.org").signature(simple).build());
            assertThat(other.istanza().outcome()).isEqualTo(IstanzaOutcome.NEEDS_OPERATOR);
            assertThat(other.istanza().operatorChecks()).singleElement().asString().contains("c.1-bis");
        }

        @Test
        @Tag("ADM-65-C-BIS-04")
        @Tag("A65-C-BIS-FIRM-2011")
        @DisplayName("ADM-65-C-BIS-04 a firm writing from its INI-PEC domicile before 2020-07-17 without attestation goes to an operator, not silently invalid")
        void firmBefore2020() {
            AdmissionDecision d = decide(pec("amministrazione@pec.edilrossi.example.it", Instant.parse("2019-03-01T08:00:00Z")).build());
            assertThat(d.istanza().outcome()).isEqualTo(IstanzaOutcome.NEEDS_OPERATOR);
            assertThat(rules(d.istanza().reasons())).contains("A65-C-BIS-LEGACY", "A65-C-BIS-FIRM-2011");
            AdmissionDecision citizen = decide(pec("anna.verdi@pec.example.it", Instant.parse("2019-03-01T08:00:00Z")).declarant("VRDNNA90C41F205Z").build());
            assertThat(citizen.istanza().outcome()).isEqualTo(IstanzaOutcome.NOT_VALID);
        }

        @Test
        @Tag("PRE-CAD")
        @Tag("BEFORE-RULES")
        @Tag("A38-C3")
        @DisplayName("before the CAD (2006-01-01) validity is an operator's but for DPR 445 art. 38 c.3; before DPR 445 (2001-03-07) no rule applies")
        void beforeTheCad() {
            AdmissionDecision pre = decide(pec(PA_PEC, Instant.parse("2004-05-03T08:00:00Z")).build());
            assertThat(pre.istanza().outcome()).isEqualTo(IstanzaOutcome.NEEDS_OPERATOR);
            assertThat(rules(pre.istanza().reasons())).containsExactly("PRE-CAD");
            AdmissionDecision paper = decide(Evidence.builder(Channel.PEO, Instant.parse("2004-05-03T08:00:00Z")).sender("m@example.org")
                    .handwrittenWithIdentityDocument(true).build());
            assertThat(paper.istanza().letter()).contains(AdmissionEngine.LETTER_38_C3);
            AdmissionDecision forged = decide(pec(PA_PEC, Instant.parse("1999-12-31T08:00:00Z")).build());
            assertThat(forged.registration().outcome()).isEqualTo(RegistrationOutcome.REGISTER);
            assertThat(forged.istanza().outcome()).isEqualTo(IstanzaOutcome.NEEDS_OPERATOR);
            assertThat(rules(forged.registration().reasons())).containsExactly("BEFORE-RULES");
            assertThat(forged.receivability().anomaly()).isEmpty();
            assertThat(forged.receivability().outcome()).isEqualTo(AdmissionDecision.ReceivabilityDecision.NEEDS_OPERATOR);
        }

        @Test
        @Tag("BEFORE-RULES")
        @DisplayName("BEFORE-RULES a forged date however far back (year 1012, before the rule's own 1900) is an operator's, never an exception (found by fuzzing a mailroom round)")
        void farBack() {
            for (String at : new String[] {"1012-03-10T08:00:00Z", "1899-12-31T23:00:00Z", "0001-01-01T00:00:00Z"}) {
                AdmissionDecision forged = decide(pec(PA_PEC, Instant.parse(at)).build());
                assertThat(rules(forged.registration().reasons())).as(at).containsExactly("BEFORE-RULES");
                assertThat(forged.istanza().outcome()).isEqualTo(IstanzaOutcome.NEEDS_OPERATOR);
                assertThat(forged.receivability().outcome()).isEqualTo(AdmissionDecision.ReceivabilityDecision.NEEDS_OPERATOR);
            }
        }
    }

    @Nested
    class Receivability {
        static FileReport file(String name, FormatCode code) {
            Finding f = Finding.of(code, name, "test");
            return new FileReport(name, "application/pdf", 10, f.severity() == Severity.ERROR ? Verdict.REJECT : Verdict.WARN, List.of(f), List.of());
        }

        @Test
        @Tag("ADM-RIC-01")
        @DisplayName("ADM-RIC-01 a refused format gives 000_Irricevibile with the reason, an unreadable file 003")
        void codes() {
            AdmissionDecision macro = decide(pec(PA_PEC, AFTER_2020).file(file("a.docm", FormatCode.MACRO)).build());
            assertThat(macro.receivability().outcome()).isEqualTo("000_Irricevibile");
            assertThat(macro.receivability().reasons().get(0).message()).contains("a.docm").contains("macros");
            assertThat(decide(pec(PA_PEC, AFTER_2020).file(file("b.pdf", FormatCode.UNREADABLE)).file(file("a.docm", FormatCode.MACRO)).build())
                    .receivability().outcome()).isEqualTo("003_DocumentoAllegatiNonLeggibili");
            assertThat(decide(pec(PA_PEC, AFTER_2020).file(file("c.pdf.p7m", FormatCode.SIGNATURE_INVALID)).build()).receivability().outcome())
                    .isEqualTo("004_DocumentoAllegatiErroreValidazioneFirma");
            assertThat(decide(pec(PA_PEC, AFTER_2020).file(file("d.pdf", FormatCode.PDF_EMBEDDED_FILE)).build()).receivability().receivable())
                    .isTrue();
        }

        @Test
        @Tag("SEG-RECV-01")
        @DisplayName("SEG-RECV-01 a segnatura whose signature fails gives 001, a wrong impronta 002")
        void segnatura() {
            assertThat(decide(pec(PA_PEC, AFTER_2020).segnatura(new Evidence.SegnaturaFact("v3", false, List.of("001_ValidazioneFirma"),
                    "signature does not verify", Optional.empty())).build()).receivability().outcome()).isEqualTo("001_ValidazioneFirma");
            AdmissionDecision d = decide(pec(PA_PEC, AFTER_2020).segnatura(new Evidence.SegnaturaFact("v3", true, List.of("002_AnomaliaImpronta"),
                    "delibera.pdf", Optional.empty())).build());
            assertThat(d.receivability().outcome()).isEqualTo("002_AnomaliaImpronte");
            assertThat(d.istanza().letter()).as("letter b asks for a segnatura, not a valid seal").contains("b");
            assertThat(d.registration().outcome()).isEqualTo(RegistrationOutcome.REGISTER);
        }
    }
}
