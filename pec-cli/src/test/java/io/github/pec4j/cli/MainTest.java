package io.github.pec4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.pec4j.testkit.FixtureKind;
import io.github.pec4j.testkit.PecFixtures;
import io.github.pec4j.testkit.SampleMailbox;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dir;
    static List<Path> mailbox;

    record Run(int status, String out, String err) {
        List<JsonNode> lines() throws Exception {
            List<JsonNode> nodes = new ArrayList<>();
            for (String l : out.split("\n")) {
                if (!l.isBlank()) {
                    nodes.add(JSON.readTree(l));
                }
            }
            return nodes;
        }
    }

    @BeforeAll
    static void mailbox() throws Exception {
        mailbox = SampleMailbox.generate(dir.resolve("mailbox"));
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Path file(String name) {
        return mailbox.stream().filter(p -> p.getFileName().toString().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(run().status()).isEqualTo(2);
        assertThat(run("inspect").status()).isEqualTo(2);
        assertThat(run("inspect", "--frobnicate", "x.eml").status()).isEqualTo(2);
        assertThat(run("bogus").err()).contains("unknown command", "usage: pec");
        assertThat(run("--help").status()).isZero();
        assertThat(run("--version").out()).startsWith("pec4j ");
    }

    @Test
    void missingFileExitsThreeAndTheOthersAreStillReported() throws Exception {
        String good = file("03-accettazione.eml").toString();
        Run r = run("inspect", "--json", dir.resolve("nope.eml").toString(), good, dir.toString());
        assertThat(r.status()).isEqualTo(3);
        List<JsonNode> lines = r.lines();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0).get("kind").asText()).isEqualTo("unreadable");
        assertThat(lines.get(0).get("diagnostics").get(0).get("message").asText()).isEqualTo("file not found");
        assertThat(lines.get(1).get("kind").asText()).isEqualTo("accettazione");
        assertThat(lines.get(2).get("kind").asText()).isEqualTo("unreadable");
        Run text = run("inspect", dir.resolve("nope.eml").toString(), good);
        assertThat(text.status()).isEqualTo(3);
        assertThat(text.err()).contains("nope.eml: file not found");
        assertThat(text.out()).contains("Kind              accettazione");
    }

    @Test
    void jsonHasExactlyTheDocumentedFields() throws Exception {
        Run r = run("inspect", "--json", file("07-errore-consegna.eml").toString(), file("01-posta-certificata.eml").toString(),
                file("10-non-pec.eml").toString());
        assertThat(r.status()).isZero();
        List<JsonNode> lines = r.lines();
        JsonNode e = lines.get(0);
        assertThat(e.get("file").asText()).endsWith("07-errore-consegna.eml");
        assertThat(e.get("kind").asText()).isEqualTo("errore-consegna");
        assertThat(fields(e)).containsAll(Set.of("file", "kind", "riferimentoMessageId", "daticert", "original", "diagnostics"));
        assertThat(fields(e.get("daticert"))).containsExactlyInAnyOrder("tipo", "errore", "mittente", "destinatari", "risposte",
                "oggetto", "gestoreEmittente", "data", "identificativo", "msgid", "ricevuta", "consegna", "erroreEsteso");
        assertThat(e.get("daticert").get("errore").asText()).isEqualTo("no-dest");
        assertThat(e.get("daticert").get("erroreEsteso").asText()).startsWith("5.1.1");
        assertThat(e.get("daticert").get("ricevuta").isNull()).isTrue();
        assertThat(e.get("daticert").get("data").asText()).isEqualTo("2024-03-15T10:15:30+01:00");
        assertThat(e.get("daticert").get("destinatari").get(0).has("indirizzo")).isTrue();
        assertThat(e.get("daticert").get("destinatari").get(0).get("tipo").asText()).isEqualTo("certificato");
        assertThat(e.get("original").isNull()).isTrue();
        JsonNode env = lines.get(1);
        assertThat(fields(env.get("original"))).containsExactlyInAnyOrder("subject", "from", "messageId", "attachments");
        assertThat(fields(env.get("original").get("attachments").get(0)))
                .containsExactlyInAnyOrder("name", "safeName", "size", "sha256", "declaredType");
        assertThat(env.get("riferimentoMessageId").asText()).isEqualTo(
                PecFixtures.create().message(FixtureKind.POSTA_CERTIFICATA).clientMessageId());
        assertThat(env.get("original").get("attachments").get(0).get("sha256").asText()).isEqualTo(
                PecFixtures.create().message(FixtureKind.POSTA_CERTIFICATA).expectedAttachments().get(0).sha256());
        JsonNode plain = lines.get(2);
        assertThat(plain.get("kind").asText()).isEqualTo("non-pec");
        assertThat(plain.get("daticert").isNull()).isTrue();
        assertThat(plain.get("riferimentoMessageId").isNull()).isTrue();
    }

    private static Set<String> fields(JsonNode n) {
        Set<String> s = new TreeSet<>();
        n.fieldNames().forEachRemaining(s::add);
        return s;
    }

    @Test
    @DisplayName("PEC-KIND-03 every sample of the mailbox yields one JSON line with the right kind")
    void wholeMailbox() throws Exception {
        Run r = run(args("inspect", "--json"));
        assertThat(r.status()).isZero();
        List<JsonNode> lines = r.lines();
        assertThat(lines).hasSize(mailbox.size());
        for (int i = 0; i < mailbox.size(); i++) {
            String name = mailbox.get(i).getFileName().toString();
            String kind = lines.get(i).get("kind").asText();
            for (FixtureKind k : FixtureKind.values()) {
                if (name.matches("\\d\\d-" + k.tipo() + "(-.*)?\\.eml")) {
                    assertThat(kind).as(name).isEqualTo(k.tipo());
                }
            }
        }
    }

    @Test
    @DisplayName("SEC-XXE-01 SEC-LIM-01 SEC-PATH-01 SEC-EXC-01 hostile files give diagnostics, no stack trace and no leaked content")
    void hostileFiles() throws Exception {
        for (boolean json : new boolean[] {true, false}) {
            List<String> a = new ArrayList<>(List.of("inspect"));
            if (json) a.add("--json");
            for (String n : List.of("hostile-truncated.eml", "hostile-deep-nesting.eml", "hostile-xxe-daticert.eml",
                    "hostile-entity-bomb-daticert.eml", "hostile-path-traversal.eml", "hostile-huge-header.eml")) {
                a.add(file(n).toString());
            }
            Run r = run(a.toArray(String[]::new));
            assertThat(r.status()).isZero();
            assertThat(r.out() + r.err()).doesNotContain("\tat ", "Exception in thread", "root:x:0", "lollollol");
            if (json) {
                List<JsonNode> lines = r.lines();
                assertThat(lines).hasSize(6).allSatisfy(l -> assertThat(l.get("diagnostics").size()).isPositive());
                assertThat(codes(lines.get(0))).contains("MESSAGE_TRUNCATED");
                assertThat(codes(lines.get(1))).contains("MIME_DEPTH_EXCEEDED");
                assertThat(codes(lines.get(2))).contains("PEC_DATICERT_DOCTYPE_REFUSED");
                assertThat(codes(lines.get(3))).contains("PEC_DATICERT_DOCTYPE_REFUSED");
                assertThat(codes(lines.get(4))).contains("ATTACHMENT_NAME_UNSAFE");
                assertThat(lines.get(4).get("original").get("attachments").findValuesAsText("safeName"))
                        .allSatisfy(s -> assertThat(s).doesNotContain("/", "\\"));
                assertThat(codes(lines.get(5))).contains("HEADER_LIMIT_EXCEEDED");
            }
        }
    }

    private static List<String> codes(JsonNode line) {
        return line.get("diagnostics").findValuesAsText("code");
    }

    private static String[] args(String... head) {
        List<String> a = new ArrayList<>(List.of(head));
        mailbox.forEach(p -> a.add(p.toString()));
        return a.toArray(String[]::new);
    }

    @Test
    void demoGeneratesAndInspects(@TempDir Path target) throws Exception {
        Run r = run("demo", "--samples", target.resolve("box").toString());
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("pec4j demo", "Summary", "01-posta-certificata.eml", "Kind              avvenuta-consegna",
                "anomalia/posta-certificata");
        try (var files = Files.list(target.resolve("box"))) {
            assertThat(files.filter(f -> f.toString().endsWith(".eml")).count()).isEqualTo(mailbox.size());
        }
        assertThat(r.out()).contains("genuine", "Trusted provider CA (test only)");
        assertThat(r.out()).containsPattern("forged-receipt-untrusted-signer.eml +avvenuta-consegna +valid-untrusted-signer")
                .containsPattern("forged-envelope-modified-after-signing.eml +posta-certificata +invalid")
                .containsPattern("forged-header-accettazione-daticert-errore.eml +accettazione +forgery-suspect");
        assertThat(run("generate-samples").status()).isEqualTo(2);
    }

    @Test
    @Tag("REG-DUP-01")
    @Tag("REG-HASH-01")
    @Tag("REG-DUP-02")
    @DisplayName("REG-DUP-01 REG-HASH-01 REG-DUP-02 the demo registers genuine envelopes once, with the impronta of the bytes received, and a different message under a taken key is a conflict")
    void demoRegisters(@TempDir Path target) throws Exception {
        Path box = target.resolve("box");
        Run r = run("demo", "--samples", box.toString());
        assertThat(r.status()).isZero();
        assertThat(r.out()).containsPattern("01-posta-certificata.eml +c_demo/AOO_DEMO/PG/\\d{4}/0000001 +registered, 2 document")
                .containsPattern("forged-receipt-untrusted-signer.eml +- +provider signature not genuine")
                .containsPattern("33-quirk-unsigned.eml +- +provider signature not genuine")
                .containsPattern("hostile-path-traversal.eml +- +idempotency conflict: c_demo/AOO_DEMO/PG/\\d{4}/0000001 holds this key")
                .contains("Taking the same mailbox in again: 0 registered, 14 already registered");
        Run again = run("demo", "--samples", box.toString());
        assertThat(again.out()).contains("First pass: 0 registered, 14 already registered, 1 idempotency conflicts")
                .contains("The register holds 14 registrations");
        try (var registry = io.github.pec4j.registry.jdbc.JdbcRegistry.embedded(box.resolve("registry"), java.time.Clock.systemUTC())) {
            var first = registry.search(io.github.pec4j.registry.SearchQuery.all().numbers(1, 1)).get(0);
            byte[] received = Files.readAllBytes(box.resolve("01-posta-certificata.eml"));
            assertThat(first.documents().get(0).impronta()).isEqualTo(io.github.pec4j.registry.Impronta.of(received));
            try (var in = registry.openDocument(first.id(), 0)) {
                assertThat(in.readAllBytes()).isEqualTo(received);
            }
            assertThat(first.receivedAt()).isPresent();
        }
    }

    @Test
    @DisplayName("SIG-TRUST-01 SIG-TRUST-03 inspect reports the provider signature; trusted is null without --trust")
    void signatureInJson(@TempDir Path tmp) throws Exception {
        Path ca = tmp.resolve("ca.pem");
        io.github.pec4j.testkit.TestPki.shared().writeTrustAnchorPem(ca);
        String acc = file("03-accettazione.eml").toString();
        JsonNode untrusted = run("inspect", "--json", acc).lines().get(0).get("signature");
        assertThat(untrusted.get("present").asBoolean()).isTrue();
        assertThat(untrusted.get("integrity").asText()).isEqualTo("valid");
        assertThat(untrusted.get("trusted").isNull()).isTrue();
        assertThat(untrusted.get("signer").asText()).contains("CN=Posta Certificata Test PEC");
        assertThat(untrusted.get("signingTime").asText()).isEqualTo("2024-03-15T09:15:30Z");
        assertThat(untrusted.get("digestAlgorithm").asText()).isEqualTo("SHA-256");
        Run trusted = run("inspect", "--json", "--trust", ca.toString(), acc, file("hostile-truncated.eml").toString(),
                file("10-non-pec.eml").toString());
        List<JsonNode> lines = trusted.lines();
        assertThat(lines.get(0).get("signature").get("trusted").asBoolean()).isTrue();
        assertThat(lines.get(0).get("signature").get("genuine").asBoolean()).isTrue();
        assertThat(lines.get(1).get("signature").get("integrity").asText()).isEqualTo("invalid");
        assertThat(lines.get(1).get("signature").get("genuine").asBoolean()).isFalse();
        assertThat(lines.get(2).get("signature").get("present").asBoolean()).isFalse();
        assertThat(lines.get(2).get("signature").get("integrity").asText()).isEqualTo("absent");
        Path other = tmp.resolve("other.pem");
        java.nio.file.Files.writeString(other, "-----BEGIN CERTIFICATE-----\n" + java.util.Base64.getMimeEncoder().encodeToString(
                io.github.pec4j.testkit.TestPki.shared().otherCertificate().getEncoded()) + "\n-----END CERTIFICATE-----\n");
        assertThat(run("inspect", "--json", "--trust", other.toString(), acc).lines().get(0).get("signature").get("trusted").asBoolean())
                .isFalse();
        assertThat(run("inspect", "--trust", tmp.resolve("missing.pem").toString(), acc).status()).isEqualTo(3);
        assertThat(run("inspect", "--trust").status()).isEqualTo(2);
        assertThat(run("inspect", "--trust", ca.toString(), acc).out()).contains("intact, trusted provider");
    }

    @Test
    @DisplayName("DOC-P7M-01 DOC-P7M-03 DOC-P7S-01 pec verify prints the layer tree of signed documents as JSON lines")
    void verifyDocuments(@TempDir Path tmp) throws Exception {
        io.github.pec4j.testkit.SignedDocuments docs = io.github.pec4j.testkit.SignedDocuments.create();
        byte[] xml = "<fattura/>".getBytes(StandardCharsets.UTF_8);
        Path nested = Files.write(tmp.resolve("fattura.xml.p7m.p7m"), io.github.pec4j.testkit.SignedDocuments.base64(docs.cades(docs.cades(xml))));
        Path content = Files.write(tmp.resolve("istanza.xml"), xml);
        Path p7s = Files.write(tmp.resolve("istanza.xml.p7s"), docs.detached(xml));
        Path plain = Files.write(tmp.resolve("lettera.txt"), "nessuna firma".getBytes(StandardCharsets.UTF_8));
        Path ca = tmp.resolve("ca.pem");
        io.github.pec4j.testkit.TestPki.shared().writeTrustAnchorPem(ca);
        Run r = run("verify", "--json", "--trust", ca.toString(), nested.toString(), p7s.toString(), plain.toString(),
                tmp.resolve("nope.p7m").toString());
        assertThat(r.status()).isEqualTo(3);
        List<JsonNode> lines = r.lines();
        assertThat(lines).hasSize(4);
        JsonNode n = lines.get(0);
        assertThat(fields(n)).containsAll(Set.of("file", "integrity", "layers", "timestamps", "content", "diagnostics"));
        assertThat(n.get("integrity").asText()).isEqualTo("valid");
        assertThat(n.get("layers")).hasSize(2);
        assertThat(n.get("layers").get(0).get("format").asText()).isEqualTo("cades");
        assertThat(n.get("layers").get(0).get("encoding").asText()).isEqualTo("base64");
        assertThat(n.get("layers").get(1).get("encoding").asText()).isEqualTo("der");
        JsonNode signer = n.get("layers").get(0).get("signers").get(0);
        assertThat(signer.get("subject").asText()).contains("Mario Rossi");
        assertThat(signer.get("integrity").asText()).isEqualTo("valid");
        assertThat(signer.get("trusted").asBoolean()).isTrue();
        assertThat(signer.get("signingTime").asText()).isEqualTo("2024-03-15T09:15:30Z");
        assertThat(signer.get("codiceFiscale").asText()).isEqualTo("RSSMRA80A01H501U");
        assertThat(n.get("content").get("mediaType").asText()).isEqualTo("application/xml");
        assertThat(n.get("content").get("size").asLong()).isEqualTo(xml.length);
        assertThat(lines.get(1).get("integrity").asText()).isEqualTo("valid"); // content found beside the .p7s
        assertThat(lines.get(1).get("layers").get(0).get("detached").asBoolean()).isTrue();
        assertThat(lines.get(2).get("integrity").asText()).isEqualTo("absent");
        assertThat(lines.get(3).get("integrity").asText()).isEqualTo("unreadable");
        assertThat(run("verify", "--json", p7s.toString(), "--content", plain.toString()).lines().get(0).get("integrity").asText())
                .isEqualTo("invalid");
        assertThat(run("verify").status()).isEqualTo(2);
        Path m7m = Files.write(tmp.resolve("fattura.m7m"), docs.m7m(xml));
        JsonNode stamped = run("verify", "--json", "--trust", ca.toString(), m7m.toString()).lines().get(0);
        assertThat(stamped.get("integrity").asText()).isEqualTo("valid");
        assertThat(stamped.get("layers").get(0).get("format").asText()).isEqualTo("m7m");
        assertThat(stamped.get("timestamps").get(0).get("genTime").asText()).isEqualTo("2024-03-15T09:15:30Z");
        assertThat(stamped.get("timestamps").get(0).get("imprintValid").asBoolean()).isTrue();
        Run text = run("verify", nested.toString());
        assertThat(text.out()).contains("Layer 1", "Layer 2", "codice fiscale", "RSSMRA80A01H501U");
        assertThat(text.out() + text.err()).doesNotContain("\tat ");
    }

    @Test
    @DisplayName("FMT-POLICY-01 pec check prints a verdict and findings per file, for messages and single files")
    void checkFormats(@TempDir Path tmp) throws Exception {
        Path exe = Files.write(tmp.resolve("fattura.pdf"), new byte[] {'M', 'Z', 0, 0});
        Path txt = Files.writeString(tmp.resolve("nota.txt"), "testo semplice");
        Path eml = file("01-posta-certificata.eml");
        Run r = run("check", "--json", exe.toString(), txt.toString(), eml.toString());
        assertThat(r.status()).isZero();
        List<JsonNode> lines = r.lines();
        assertThat(fields(lines.get(0))).containsAll(Set.of("file", "verdict", "detectedType", "findings"));
        assertThat(lines.get(0).get("verdict").asText()).isEqualTo("reject");
        assertThat(lines.get(0).get("findings").get(0).get("code").asText()).isEqualTo("EXECUTABLE");
        assertThat(fields(lines.get(0).get("findings").get(0))).containsAll(Set.of("code", "severity", "path", "message"));
        assertThat(lines.get(1).get("verdict").asText()).isEqualTo("accept");
        assertThat(lines.get(1).get("detectedType").asText()).isEqualTo("text/plain");
        assertThat(lines.get(2).get("detectedType").asText()).isEqualTo("message/rfc822");
        assertThat(lines.get(2).get("verdict").asText()).isIn("accept", "warn", "reject");
        assertThat(run("check").status()).isEqualTo(2);
        assertThat(run("check", "--policy").status()).isEqualTo(2);
        assertThat(run("check", exe.toString()).out()).contains("REJECT", "eseguibile", "executable");

        // an office's own YAML policy: only PDFs, and a wrong extension is only a warning
        Path yaml = Files.writeString(tmp.resolve("ufficio.yaml"), String.join("\n", "allowedTypes:", "  application/pdf: [pdf]",
                "maxFileBytes: 1000000", "maxTotalBytes: 1000000", "maxNameLength: 60", "maxArchiveDepth: 1", "maxArchiveEntries: 10",
                "maxExpansionRatio: 10", "maxExpandedBytes: 1000000", "severities: {EXTENSION_MISMATCH: WARNING}", ""));
        Path pdfAsTxt = Files.writeString(tmp.resolve("atto.txt"), "%PDF-1.4\n%%EOF\n");
        List<JsonNode> own = run("check", "--json", "--policy", yaml.toString(), txt.toString(), pdfAsTxt.toString()).lines();
        assertThat(own.get(0).get("findings").get(0).get("code").asText()).isEqualTo("TYPE_NOT_ALLOWED");
        assertThat(own.get(1).get("verdict").asText()).isEqualTo("warn");
        Files.writeString(yaml, Files.readString(yaml).replace("EXTENSION_MISMATCH", "EXECUTABLE"));
        Run refused = run("check", "--policy", yaml.toString(), txt.toString());
        assertThat(refused.status()).isEqualTo(3);
        assertThat(refused.err()).contains("EXECUTABLE is always an ERROR");
    }
}
