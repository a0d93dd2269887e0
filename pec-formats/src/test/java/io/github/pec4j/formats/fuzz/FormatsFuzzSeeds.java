package io.github.pec4j.formats.fuzz;

import io.github.pec4j.testkit.FuzzSeeds;
import io.github.pec4j.testkit.Attachments;
import io.github.pec4j.testkit.FixtureKind;
import io.github.pec4j.testkit.PecFixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Writes the seed corpus of the pec-formats fuzz tests, once: run with
 * {@code -Dpec4j.fuzz.writeSeeds=true -Dtest=FormatsFuzzSeeds} and commit the files.
 */
class FormatsFuzzSeeds {
    /** Larger seeds slow every execution; the size limits have their own tests. */
    static final int MAX_SEED_BYTES = 48 * 1024;

    static List<Attachments.Sample> samples() {
        List<Attachments.Sample> all = new ArrayList<>(Attachments.allowed());
        all.addAll(Attachments.violations());
        all.removeIf(s -> s.content().length > MAX_SEED_BYTES);
        return all;
    }

    /** {@code <name>\n<content>} for every sample, as {@link FormatCheckerFileFuzzTest} reads it. */
    static Map<String, byte[]> files() {
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        int n = 0;
        for (Attachments.Sample s : samples()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes((s.name() + "\n").getBytes(StandardCharsets.UTF_8));
            out.writeBytes(s.content());
            seeds.put(String.format("%02d-%s-%s", n++, s.verdict(), s.name()), out.toByteArray());
        }
        return seeds;
    }

    /** A PEC envelope carrying each sample. */
    static Map<String, byte[]> messages() {
        PecFixtures f = PecFixtures.create();
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        int n = 0;
        for (Attachments.Sample s : samples()) {
            byte[] m = f.message(FixtureKind.POSTA_CERTIFICATA).noAttachments()
                    .attachment(s.name(), "application/octet-stream", s.content()).build();
            if (m.length <= MAX_SEED_BYTES) {
                seeds.put(String.format("%02d-%s-%s.eml", n++, s.verdict(), s.name()), m);
            }
        }
        seeds.put("citizen-smime-signed.eml", io.github.pec4j.testkit.AdmissionScenarios.create().citizenSmimeSigned());
        seeds.put("citizen-smime-opaque.eml", io.github.pec4j.testkit.AdmissionScenarios.create().citizenSmimeOpaque());
        seeds.put("citizen-detached-p7s.eml", io.github.pec4j.testkit.AdmissionScenarios.create().citizenDetachedP7s());
        return seeds;
    }

    @Test
    @EnabledIfSystemProperty(named = "pec4j.fuzz.writeSeeds", matches = "true")
    void writeSeeds() throws IOException {
        FuzzSeeds.write(FormatCheckerFileFuzzTest.class, "check", files());
        FuzzSeeds.write(FormatCheckerMessageFuzzTest.class, "check", messages());
    }
}
