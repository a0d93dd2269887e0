package io.github.pec4j.core.fuzz;

import io.github.pec4j.testkit.FuzzSeeds;
import io.github.pec4j.testkit.FixtureKind;
import io.github.pec4j.testkit.Hostile;
import io.github.pec4j.testkit.PecFixtures;
import io.github.pec4j.testkit.Quirk;
import io.github.pec4j.testkit.ReceiptType;
import io.github.pec4j.testkit.SampleMailbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Writes the seed corpus of the pec-core fuzz tests into {@code src/test/resources}, once: run with
 * {@code -Dpec4j.fuzz.writeSeeds=true -Dtest=CoreFuzzSeeds} and commit the files. Skipped otherwise.
 */
class CoreFuzzSeeds {
    /** Larger seeds slow every fuzzing execution; the limits they exercise have their own tests. */
    static final int MAX_SEED_BYTES = 48 * 1024;

    /** PEC messages of every kind, receipt variant and quirk, hostile ones, and anonymised corpus files. */
    static Map<String, byte[]> messages() throws IOException {
        PecFixtures f = PecFixtures.create();
        Map<String, byte[]> seeds = new LinkedHashMap<>(SampleMailbox.messages(f));
        for (FixtureKind k : FixtureKind.values()) {
            for (Quirk q : new Quirk[] {Quirk.OPAQUE_SIGNATURE, Quirk.LF_LINE_ENDINGS, Quirk.UNSIGNED}) {
                seeds.put(k.tipo() + "-" + q.name().toLowerCase(Locale.ROOT) + ".eml", f.message(k).quirk(q).build());
            }
        }
        seeds.put("avvenuta-consegna-breve-opaque.eml",
                f.message(FixtureKind.AVVENUTA_CONSEGNA).receiptType(ReceiptType.BREVE).quirk(Quirk.OPAQUE_SIGNATURE).build());
        seeds.put("hostile-nesting-40.eml", Hostile.deeplyNestedMultipart(40));
        seeds.put("citizen-smime-signed.eml", io.github.pec4j.testkit.AdmissionScenarios.create().citizenSmimeSigned());
        seeds.put("citizen-smime-opaque.eml", io.github.pec4j.testkit.AdmissionScenarios.create().citizenSmimeOpaque());
        seeds.put("hostile-header-4k.eml", Hostile.hugeHeader(4096));
        seeds.values().removeIf(b -> b.length > MAX_SEED_BYTES);
        return seeds;
    }

    @Test
    @EnabledIfSystemProperty(named = "pec4j.fuzz.writeSeeds", matches = "true")
    void writeSeeds() throws IOException {
        FuzzSeeds.write(PecParserFuzzTest.class, "parse", messages());
    }
}
