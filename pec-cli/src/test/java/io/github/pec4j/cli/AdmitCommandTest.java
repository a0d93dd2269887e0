package io.github.pec4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.pec4j.testkit.AdmissionScenarios;
import io.github.pec4j.testkit.TestPki;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pec admit}: the three outcomes per file, as text and as one JSON object per line. */
class AdmitCommandTest {
    @TempDir
    static Path dir;
    static Path ca;
    static Path ipa;
    static Path aoo;
    static Path paPec;
    static Path anomalia;
    static Path receipt;
    static Path macro;
    static Path unlisted;

    record Run(int status, String out, String err) {}

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @BeforeAll
    static void files() throws Exception {
        ca = dir.resolve("ca.pem");
        TestPki.shared().writeTrustAnchorPem(ca);
        ipa = Files.createDirectories(dir.resolve("ipa"));
        Files.writeString(ipa.resolve("aree-organizzative-omogenee.csv"), "\uFEFFCodice_IPA,Denominazione_ente,Codice_fiscale_ente,Codice_uni_aoo,"
                + "Denominazione_aoo,Mail1,Tipo_Mail1,Data_aggiornamento\n"
                + "r_esempio,Regione Esempio,80000000001,AOO_GIUNTA,Giunta regionale," + AdmissionScenarios.PA_SENDER.toUpperCase() + ",Pec,2024-01-02\n"
                + "c_esempio,Comune di Esempio,80000000002,AOO_CENTRALE,Protocollo generale," + AdmissionScenarios.AOO_BOX + ",Pec,2024-01-02\n");
        aoo = dir.resolve("aoo.json");
        Files.writeString(aoo, "{\"amministrazione\": \"c_esempio\", \"aoo\": \"AOO_CENTRALE\", \"mailboxes\": [\"" + AdmissionScenarios.AOO_BOX + "\"]}");
        AdmissionScenarios s = AdmissionScenarios.create();
        paPec = write("pa-pec.eml", s.paOverPecOnly());
        anomalia = write("anomalia.eml", s.ordinaryViaAnomalia());
        receipt = write("consegna.eml", s.receipt());
        macro = write("macro.eml", s.macroAttachment());
        unlisted = write("unlisted.eml", s.citizenFromUnlistedPec());
    }

    static Path write(String name, byte[] bytes) throws Exception {
        return Files.write(dir.resolve(name), bytes);
    }

    static List<JsonNode> json(Run r) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : r.out().split("\n")) {
            if (!line.isBlank()) lines.add(new ObjectMapper().readTree(line));
        }
        return lines;
    }

    @Test
    @Tag("ADM-REG-03")
    @Tag("ADM-47-02")
    @DisplayName("ADM-REG-03 ADM-47-02 --json: one object per file with registration, istanza and receivability, each with outcome and cited reasons")
    void jsonLines() throws Exception {
        Run r = run("admit", "--json", "--ipa", ipa.toString(), "--trust", ca.toString(), "--aoo", aoo.toString(),
                paPec.toString(), anomalia.toString(), receipt.toString(), macro.toString());
        assertThat(r.status()).as(r.err()).isZero();
        List<JsonNode> lines = json(r);
        assertThat(lines).hasSize(4);
        JsonNode pa = lines.get(0);
        assertThat(pa.path("file").asText()).isEqualTo(paPec.toString());
        assertThat(pa.path("registration").path("outcome").asText()).isEqualTo("register");
        assertThat(pa.path("registration").path("reasons").get(0).path("citation").asText()).isEqualTo("CAD (D.Lgs. 82/2005), art. 40-bis");
        assertThat(pa.path("istanza").path("outcome").asText()).isEqualTo("valid");
        assertThat(pa.path("istanza").path("letter").asText()).isEqualTo("d");
        assertThat(pa.path("istanza").path("reasons").get(0).path("rule").asText()).isEqualTo("A47-D");
        assertThat(pa.path("istanza").path("reasons").get(0).path("message").asText()).contains("posta elettronica certificata");
        assertThat(pa.path("receivability").path("outcome").asText()).isEqualTo("receivable");
        JsonNode an = lines.get(1);
        assertThat(an.path("registration").path("outcome").asText()).isEqualTo("register");
        assertThat(an.path("registration").path("reasons").get(0).path("citation").asText()).isEqualTo("DPR 445/2000, art. 53, c. 5");
        assertThat(an.path("istanza").path("outcome").asText()).isEqualTo("not-valid");
        assertThat(lines.get(2).path("registration").path("outcome").asText()).isEqualTo("receipt-only");
        // a citizen's macro: refused, with no Allegato 6 code (those answer another AOO)
        assertThat(lines.get(3).path("receivability").path("outcome").asText()).isEqualTo("not-receivable");
        assertThat(lines.get(3).path("receivability").path("reasons").get(0).path("message").asText()).containsIgnoringCase("macro");
        for (JsonNode line : lines) {
            for (String part : List.of("registration", "istanza", "receivability")) {
                assertThat(line.path(part).path("reasons")).as(part).isNotEmpty();
                line.path(part).path("reasons").forEach(reason -> assertThat(reason.path("rule").asText()).isNotBlank());
            }
        }
    }

    @Test
    @Tag("ADM-65-TIME-01")
    @Tag("ADM-65-C-BIS-02")
    @DisplayName("ADM-65-TIME-01 --at sets the time of receipt: an unlisted PEC is a special domicile after 17 July 2020, not before")
    void at() throws Exception {
        Run after = run("admit", "--json", "--trust", ca.toString(), "--declarant", "VRDNNA90C41F205Z", "--ipa", ipa.toString(),
                "--at", "2020-07-17T00:00:00+02:00", unlisted.toString());
        JsonNode a = json(after).get(0);
        // IPA alone does not say whether a citizen has a domicile: an operator confirms
        assertThat(a.path("istanza").path("outcome").asText()).isEqualTo("needs-operator");
        assertThat(a.path("receivedAt").asText()).isEqualTo("2020-07-16T22:00:00Z");
        Run before = run("admit", "--json", "--trust", ca.toString(), "--ipa", ipa.toString(), "--at", "2020-07-16T23:59:59+02:00",
                unlisted.toString());
        JsonNode b = json(before).get(0);
        assertThat(b.path("istanza").path("outcome").asText()).isEqualTo("not-valid");
        assertThat(b.path("istanza").path("reasons").findValuesAsText("rule")).contains("A65-C-BIS-LEGACY");
    }

    @Test
    @DisplayName("text output names the outcomes with their citations in Italian and English; usage and unreadable files have their exit codes")
    void textAndErrors() {
        Run r = run("admit", "--ipa", ipa.toString(), "--trust", ca.toString(), paPec.toString());
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("registration   register", "[REG-40BIS] CAD (D.Lgs. 82/2005), art. 40-bis",
                "istanza        valid (art. 47, lett. d)", "receivability  receivable", "Provenienza verificata");
        assertThat(run("admit").status()).isEqualTo(2);
        assertThat(run("admit", "--at", "yesterday", paPec.toString()).status()).isEqualTo(2);
        assertThat(run("admit", "--bogus", paPec.toString()).status()).isEqualTo(2);
        Run missing = run("admit", dir.resolve("nope.eml").toString());
        assertThat(missing.status()).isEqualTo(3);
        assertThat(missing.err()).contains("file not found");
        assertThat(run("admit", "--aoo", dir.resolve("nope.json").toString(), paPec.toString()).status()).isEqualTo(3);
    }
}
