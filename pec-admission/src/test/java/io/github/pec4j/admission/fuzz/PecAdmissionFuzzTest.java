package io.github.pec4j.admission.fuzz;

import static io.github.pec4j.testkit.AdmissionScenarios.AOO_BOX;
import static io.github.pec4j.testkit.AdmissionScenarios.CITIZEN_DOMICILE;
import static io.github.pec4j.testkit.AdmissionScenarios.CITIZEN_TAX_CODE;
import static io.github.pec4j.testkit.AdmissionScenarios.FIRM_DOMICILE;
import static io.github.pec4j.testkit.AdmissionScenarios.FIRM_TAX_CODE;
import static io.github.pec4j.testkit.AdmissionScenarios.PA_SENDER;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.pec4j.admission.AdmissionDecision;
import io.github.pec4j.admission.AooConfig;
import io.github.pec4j.admission.IntakeHistory;
import io.github.pec4j.admission.PecAdmission;
import io.github.pec4j.core.PecMessage;
import io.github.pec4j.core.PecParser;
import io.github.pec4j.directory.AddressOwner;
import io.github.pec4j.directory.DomicileDirectory;
import io.github.pec4j.directory.DomicileRegister;
import io.github.pec4j.directory.StaticDirectory;
import io.github.pec4j.registry.memory.MemoryRegistryProvider;
import io.github.pec4j.signature.TrustStore;
import io.github.pec4j.testkit.PecFixtures;
import io.github.pec4j.testkit.TestPki;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Fuzzes the whole admission, {@link PecAdmission#admit(PecMessage, Optional, Optional)} and
 * {@link PecAdmission#intakeKey}, on messages parsed from the fuzz bytes: provider signature, format
 * check, document signatures, segnatura, directory look-ups, intake history from a memory registry.
 *
 * <p>Contract: an {@link AdmissionDecision}, or the documented {@link IOException}; no unchecked
 * exception from any stage. Seeds: the testkit's admissibility scenarios, written by
 * {@link AdmissionFuzzSeeds}.
 */
class PecAdmissionFuzzTest {
    private static final PecParser PARSER = PecParser.create().withSignedContentDigest();
    private static final PecAdmission ADMISSION = PecAdmission.builder(AooConfig.defaults().withMailboxes(AOO_BOX))
            .trust(trust()).directory(directory()).clock(PecFixtures.DEFAULT_CLOCK)
            .history(IntakeHistory.of(MemoryRegistryProvider.create(PecFixtures.DEFAULT_CLOCK))).build();

    @FuzzTest(maxDuration = "10m")
    void admit(byte[] input) throws IOException {
        if (input == null) {
            return;
        }
        try (PecMessage m = PARSER.parse(input)) {
            PecAdmission.intakeKey(AOO_BOX, m).ifPresent(Object::toString);
            ADMISSION.admit(m, Optional.empty(), Optional.of(CITIZEN_TAX_CODE)).toString();
        } catch (IOException documented) {
            // Documented; a finding only when unchecked.
        }
    }

    /** The directory of the scenarios: a region and the AOO in IPA, a firm in INI-PEC, a citizen in INAD. */
    static DomicileDirectory directory() {
        return StaticDirectory.builder("fuzz").registers(DomicileRegister.IPA, DomicileRegister.INAD, DomicileRegister.INI_PEC)
                .owner(new AddressOwner.PublicAdministration(PA_SENDER, "r_esempio", "Regione Esempio", AddressOwner.Level.AOO,
                        Optional.of("AOO_GIUNTA"), Optional.empty(), true, Optional.of(LocalDate.of(2024, 1, 2)), Optional.empty()))
                .owner(new AddressOwner.PublicAdministration(AOO_BOX, "c_esempio", "Comune di Esempio", AddressOwner.Level.AOO,
                        Optional.of("AOO_CENTRALE"), Optional.empty(), true, Optional.empty(), Optional.empty()))
                .owner(new AddressOwner.FirmOrProfessional(FIRM_DOMICILE, FIRM_TAX_CODE, "Edil Rossi srl"))
                .domicile(CITIZEN_TAX_CODE, CITIZEN_DOMICILE)
                .build();
    }

    private static TrustStore trust() {
        return TrustStore.builder().addCertificate(TestPki.shared().caCertificate()).build();
    }
}
