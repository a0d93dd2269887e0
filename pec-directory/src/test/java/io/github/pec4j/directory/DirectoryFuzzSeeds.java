package io.github.pec4j.directory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes the seed corpora of the directory fuzz tests ({@code fuzz.IpaSnapshotFuzzTest},
 * {@code fuzz.InadResponseFuzzTest}) once: run with {@code -Dpec4j.fuzz.writeSeeds=true
 * -Dtest=DirectoryFuzzSeeds} and commit the files. In this package to reuse {@link SyntheticIpa}.
 */
class DirectoryFuzzSeeds {
    private static final String CF = "RSSMRA80A01H501U";

    /** Synthetic snapshots of a few rows, the three files joined by form-feed lines. */
    static Map<String, byte[]> snapshots(Path tmp) throws IOException {
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        int[][] sizes = {{3, 3, 3}, {1, 0, 0}, {6, 2, 8}};
        for (int[] s : sizes) {
            Path dir = Files.createDirectories(tmp.resolve(s[0] + "-" + s[1] + "-" + s[2]));
            new SyntheticIpa(s[0], s[1], s[2]).write(dir);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            String[] files = {"enti.csv", "aree-organizzative-omogenee.csv", "unita-organizzative.csv"};
            for (int i = 0; i < files.length; i++) {
                if (i > 0) {
                    out.writeBytes(new byte[] {'\f', '\n'});
                }
                out.writeBytes(Files.readAllBytes(dir.resolve(files[i])));
            }
            seeds.put("synthetic-" + s[0] + "-" + s[1] + "-" + s[2] + ".csv", out.toByteArray());
        }
        seeds.put("legacy-enti-tab.txt", ("cod_amm\tdes_amm\tCf\tmail1\ttipo_mail1\n"
                + "c_x000\tComune di Esempio\t80000000000\tprotocollo@pec.comune.esempio.it\tpec\n").getBytes(StandardCharsets.UTF_8));
        return seeds;
    }

    /** INAD bodies: an extract, a verify outcome, an error problem, a batch state. */
    static Map<String, byte[]> inadBodies() {
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        seeds.put("extract.json", ("{\"codiceFiscale\":\"" + CF + "\",\"since\":\"2025-12-01T09:00:00Z\",\"digitalAddress\":["
                + "{\"digitalAddress\":\"old@pec.it\",\"usageInfo\":{\"motivation\":\"CESSAZIONE_VOLONTARIA\","
                + "\"dateEndValidity\":\"2024-03-01T10:00:00Z\"}},"
                + "{\"digitalAddress\":\"studio@pec.it\",\"practicedProfession\":\"Avvocato\"}]}").getBytes(StandardCharsets.UTF_8));
        seeds.put("verify-true.json", "{\"outcome\":true,\"dateTimeCheck\":\"2025-12-01T09:15:00Z\"}".getBytes(StandardCharsets.UTF_8));
        seeds.put("verify-false-offset.json", "{\"outcome\":false,\"dateTimeCheck\":\"2025-12-01T11:15:00+01:00\"}"
                .getBytes(StandardCharsets.UTF_8));
        seeds.put("problem.json", "{\"status\":404,\"title\":\"Not Found\",\"detail\":\"codice fiscale non presente\"}"
                .getBytes(StandardCharsets.UTF_8));
        seeds.put("state.json", "{\"state\":\"DISPONIBILE\",\"id\":\"b-1\"}".getBytes(StandardCharsets.UTF_8));
        return seeds;
    }

    static void write(String testClass, String method, Map<String, byte[]> seeds) throws IOException {
        Path dir = Path.of("src/test/resources/io/github/pec4j/directory/fuzz", testClass + "Inputs", method);
        Files.createDirectories(dir);
        try (Stream<Path> old = Files.list(dir)) {
            for (Path p : old.toList()) {
                Files.delete(p);
            }
        }
        for (Map.Entry<String, byte[]> e : seeds.entrySet()) {
            Files.write(dir.resolve(e.getKey()), e.getValue());
        }
    }

    @Test
    @EnabledIfSystemProperty(named = "pec4j.fuzz.writeSeeds", matches = "true")
    void writeSeeds(@TempDir Path tmp) throws IOException {
        write("IpaSnapshotFuzzTest", "load", snapshots(tmp));
        write("InadResponseFuzzTest", "read", inadBodies());
    }
}
