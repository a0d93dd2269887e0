package io.github.pec4j.admission.fuzz;

import io.github.pec4j.testkit.FuzzSeeds;
import io.github.pec4j.segnatura.Classifica;
import io.github.pec4j.segnatura.Documento;
import io.github.pec4j.segnatura.Identificatore;
import io.github.pec4j.segnatura.SealKey;
import io.github.pec4j.segnatura.Segnatura;
import io.github.pec4j.segnatura.SegnaturaWriter;
import io.github.pec4j.segnatura.Soggetto;
import io.github.pec4j.testkit.AdmissionScenarios;
import io.github.pec4j.testkit.Attachments;
import io.github.pec4j.testkit.FixtureKind;
import io.github.pec4j.testkit.PecFixtures;
import io.github.pec4j.testkit.Quirk;
import io.github.pec4j.testkit.TestPki;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Writes the seed corpus of {@link PecAdmissionFuzzTest} once: run with
 * {@code -Dpec4j.fuzz.writeSeeds=true -Dtest=AdmissionFuzzSeeds} and commit the files.
 */
class AdmissionFuzzSeeds {

    static Map<String, byte[]> scenarios() {
        AdmissionScenarios s = AdmissionScenarios.create();
        PecFixtures f = PecFixtures.create();
        TestPki pki = TestPki.shared();
        byte[] pdf = Attachments.pdf();
        Segnatura segnatura = Segnatura.builder()
                .identificatore(Identificatore.of("r_esempio", "AOO_GIUNTA", "PG", 4711, LocalDate.of(2024, 3, 15)))
                .oggetto("Trasmissione delibera n. 12/2024").classifica(Classifica.flat("Atti della Giunta", "I.6"))
                .mittente(Soggetto.Amministrazione.aoo("Regione Esempio", "r_esempio", "AOO_GIUNTA", AdmissionScenarios.PA_SENDER))
                .destinatario(Soggetto.Amministrazione.aoo("Comune di Esempio", "c_esempio", "AOO_CENTRALE", AdmissionScenarios.AOO_BOX))
                .documentoPrimario(Documento.of("delibera.pdf", "application/pdf", pdf)).build();
        byte[] xml = SegnaturaWriter.create(SealKey.of(pki.sealKey(), pki.sealCertificate())).write(segnatura);
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        seeds.put("pa-over-pec-only.eml", s.paOverPecOnly());
        seeds.put("pa-with-segnatura.eml", s.paWithSegnatura(pdf, xml));
        seeds.put("citizen-signed-p7m.eml", s.citizenSignedP7m());
        seeds.put("citizen-from-domicile.eml", s.citizenFromDomicile());
        seeds.put("citizen-from-unlisted-pec.eml", s.citizenFromUnlistedPec());
        seeds.put("citizen-smime-signed.eml", s.citizenSmimeSigned());
        seeds.put("citizen-smime-opaque.eml", s.citizenSmimeOpaque());
        seeds.put("citizen-detached-p7s.eml", s.citizenDetachedP7s());
        seeds.put("firm-from-ini-pec.eml", s.firmFromIniPec());
        seeds.put("ordinary-via-anomalia.eml", s.ordinaryViaAnomalia());
        seeds.put("receipt.eml", s.receipt());
        seeds.put("macro-attachment.eml", s.macroAttachment());
        seeds.put("envelope-missing-daticert.eml", f.message(FixtureKind.POSTA_CERTIFICATA).to(AdmissionScenarios.AOO_BOX)
                .quirk(Quirk.MISSING_DATICERT).build());
        seeds.put("envelope-unsigned.eml", f.message(FixtureKind.POSTA_CERTIFICATA).to(AdmissionScenarios.AOO_BOX)
                .quirk(Quirk.UNSIGNED).build());
        seeds.put("envelope-path-traversal.eml", f.message(FixtureKind.POSTA_CERTIFICATA).to(AdmissionScenarios.AOO_BOX)
                .quirk(Quirk.PATH_TRAVERSAL_FILENAME).build());
        return seeds;
    }

    @Test
    @EnabledIfSystemProperty(named = "pec4j.fuzz.writeSeeds", matches = "true")
    void writeSeeds() throws IOException {
        FuzzSeeds.write(PecAdmissionFuzzTest.class, "admit", scenarios());
    }

}
