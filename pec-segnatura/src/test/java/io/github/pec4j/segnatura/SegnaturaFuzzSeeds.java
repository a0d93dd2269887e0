package io.github.pec4j.segnatura;

import io.github.pec4j.testkit.FuzzSeeds;
import io.github.pec4j.testkit.TestPki;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Writes the seed corpus of the segnatura fuzz tests ({@code fuzz.SegnaturaReaderFuzzTest},
 * {@code fuzz.SegnaturaVerifierFuzzTest}) once: run with {@code -Dpec4j.fuzz.writeSeeds=true
 * -Dtest=SegnaturaFuzzSeeds} and commit the files. In this package to reuse the test fixtures.
 */
class SegnaturaFuzzSeeds {

    static Map<String, byte[]> seeds() {
        TestPki pki = TestPki.shared();
        SegnaturaWriter testkitSeal = SegnaturaWriter.create(SealKey.of(pki.sealKey(), pki.sealCertificate())).withClock(Fixtures.CLOCK);
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        seeds.put("sealed-testkit.xml", testkitSeal.write(Fixtures.segnatura()));
        seeds.put("sealed-other-pki.xml", Fixtures.sealed());
        seeds.put("sealed-minimal.xml", testkitSeal.write(Fixtures.builder().build()));
        seeds.put("legacy-c60-2013.xml", LegacySamples.C60.getBytes(StandardCharsets.UTF_8));
        seeds.put("legacy-c28-2001.xml", LegacySamples.C28.getBytes(StandardCharsets.UTF_8));
        seeds.put("hostile-doctype.xml", ("<?xml version=\"1.0\"?><!DOCTYPE Segnatura [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<Segnatura xmlns=\"http://www.agid.gov.it/protocollo/\">&x;</Segnatura>").getBytes(StandardCharsets.UTF_8));
        return seeds;
    }

    @Test
    @EnabledIfSystemProperty(named = "pec4j.fuzz.writeSeeds", matches = "true")
    void writeSeeds() throws IOException {
        FuzzSeeds.write("io.github.pec4j.segnatura.fuzz", "SegnaturaReaderFuzzTest", "read", seeds());
        FuzzSeeds.write("io.github.pec4j.segnatura.fuzz", "SegnaturaVerifierFuzzTest", "verify", seeds());
    }
}
