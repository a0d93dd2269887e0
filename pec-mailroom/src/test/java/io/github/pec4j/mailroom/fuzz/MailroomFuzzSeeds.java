package io.github.pec4j.mailroom.fuzz;

import io.github.pec4j.testkit.AdmissionScenarios;
import io.github.pec4j.testkit.FixtureKind;
import io.github.pec4j.testkit.FuzzSeeds;
import io.github.pec4j.testkit.HostileEnvelopes;
import io.github.pec4j.testkit.PecFixtures;
import io.github.pec4j.testkit.Quirk;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Writes the seed corpus of {@link MailroomRoundFuzzTest} once: run with
 * {@code -Dpec4j.fuzz.writeSeeds=true -Dtest=MailroomFuzzSeeds} and commit the files.
 */
class MailroomFuzzSeeds {

    static Map<String, byte[]> seeds() {
        AdmissionScenarios s = AdmissionScenarios.create();
        PecFixtures f = PecFixtures.create();
        HostileEnvelopes hostile = HostileEnvelopes.create();
        byte[] ordinary = f.message(FixtureKind.NON_PEC).from("lucia.bianchi@example.com").to(AdmissionScenarios.AOO_BOX).build();
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        seeds.put("citizen-signed-p7m.eml", s.citizenSignedP7m());
        seeds.put("firm-from-ini-pec.eml", s.firmFromIniPec());
        seeds.put("receipt-then-ordinary.txt", joined(s.receipt(), ordinary));
        seeds.put("macro-then-anomalia.txt", joined(s.macroAttachment(), s.ordinaryViaAnomalia()));
        seeds.put("pa-then-unsigned-then-traversal.txt", joined(s.paOverPecOnly(),
                f.message(FixtureKind.POSTA_CERTIFICATA).to(AdmissionScenarios.AOO_BOX).quirk(Quirk.UNSIGNED).build(),
                f.message(FixtureKind.POSTA_CERTIFICATA).to(AdmissionScenarios.AOO_BOX).quirk(Quirk.PATH_TRAVERSAL_FILENAME).build()));
        seeds.put("deep-then-missing-daticert.txt", joined(hostile.exeNested(30),
                f.message(FixtureKind.POSTA_CERTIFICATA).to(AdmissionScenarios.AOO_BOX).quirk(Quirk.MISSING_DATICERT).build()));
        seeds.put("the-genuine-twice.txt", joined(s.citizenFromUnlistedPec(), s.citizenFromUnlistedPec()));
        seeds.put("citizen-smime-signed.eml", s.citizenSmimeSigned());
        seeds.put("citizen-smime-opaque.eml", s.citizenSmimeOpaque());
        return seeds;
    }

    private static byte[] joined(byte[]... messages) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < messages.length; i++) {
            if (i > 0) {
                out.writeBytes(MailroomRoundFuzzTest.SEPARATOR);
            }
            out.writeBytes(messages[i]);
        }
        return out.toByteArray();
    }

    @Test
    @EnabledIfSystemProperty(named = "pec4j.fuzz.writeSeeds", matches = "true")
    void writeSeeds() throws IOException {
        FuzzSeeds.write(MailroomRoundFuzzTest.class, "round", seeds());
    }
}
