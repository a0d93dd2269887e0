package io.github.pec4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.pec4j.cli.internal.FileFailure;
import io.github.pec4j.testkit.FixtureKind;
import io.github.pec4j.testkit.HostileCms;
import io.github.pec4j.testkit.PecFixtures;
import io.github.pec4j.testkit.SignedDocuments;
import io.github.pec4j.testkit.TestPki;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * A batch mixing good files with every {@link HostileCms} file, as an attachment of a signed PEC, as
 * the provider signature of one, and bare: every file is reported, nothing reaches stderr, and a
 * defect on one file (simulated through {@link FileFailure#probe}) is that file's error entry.
 */
@Isolated // replaces System.err and the probe
class BatchFailureTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] TEXT = "<a>contenuto</a>".getBytes(StandardCharsets.UTF_8);
    @TempDir
    static Path dir;
    static String ca;
    static List<String> messages = new ArrayList<>();
    static List<String> hostileMessages = new ArrayList<>();
    static List<String> bare = new ArrayList<>();
    static String goodP7m;

    @BeforeAll
    static void files() throws Exception {
        Path caFile = dir.resolve("ca.pem");
        TestPki.shared().writeTrustAnchorPem(caFile);
        ca = caFile.toString();
        PecFixtures fx = PecFixtures.create();
        byte[] good = fx.message(FixtureKind.POSTA_CERTIFICATA).build();
        messages.add(write("good-1.eml", good));
        for (Map.Entry<String, byte[]> e : HostileCms.all().entrySet()) {
            byte[] attached = fx.message(FixtureKind.POSTA_CERTIFICATA).attachment("documento-" + e.getKey() + ".pdf.p7m",
                    "application/pkcs7-mime", e.getValue()).build();
            hostileMessages.add(write("attached-" + e.getKey() + ".eml", attached));
            hostileMessages.add(write("signature-" + e.getKey() + ".eml", HostileCms.withProviderSignature(good, e.getValue())));
            bare.add(write(e.getKey() + ".p7m", e.getValue()));
        }
        messages.addAll(hostileMessages);
        messages.add(write("good-2.eml", good));
        goodP7m = write("good.txt.p7m", SignedDocuments.create().cades(TEXT));
    }

    @AfterEach
    void resetProbe() {
        FileFailure.probe = file -> {};
    }

    static String write(String name, byte[] bytes) throws Exception {
        return Files.write(dir.resolve(name), bytes).toString();
    }

    record Run(int status, String out, String err, String systemErr) {
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

    /** Runs the CLI with System.err captured too, so a library printing there is seen. */
    static Run run(List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ByteArrayOutputStream system = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(system, true, StandardCharsets.UTF_8));
        try {
            int status = Main.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
                    system.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(original);
        }
    }

    static List<String> args(String command, List<String> options, List<String> files) {
        List<String> a = new ArrayList<>();
        a.add(command);
        a.addAll(options);
        a.addAll(files);
        return a;
    }

    static List<String> plus(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    static void everyFileReported(Run r, List<String> files, String field) throws Exception {
        assertThat(r.systemErr()).as("System.err").isEmpty();
        assertThat(r.err()).as("stderr").doesNotContain("internal error").doesNotContain("Exception");
        List<JsonNode> lines = r.lines();
        assertThat(lines).extracting(l -> l.path("file").asText()).containsExactlyElementsOf(files);
        assertThat(lines).allSatisfy(l -> assertThat(l.path(field).asText()).as(l.path("file").asText()).isNotEqualTo("error"));
        assertThat(r.out()).doesNotContain("\tat ");
    }

    @Test
    @DisplayName("SEC-EXC-01 pec inspect --json reports every file of a batch with hostile CMS, the hostile signatures not genuine")
    void inspect() throws Exception {
        Run r = run(args("inspect", List.of("--json", "--trust", ca), messages));
        assertThat(r.status()).as(r.err()).isZero();
        everyFileReported(r, messages, "kind");
        for (JsonNode l : r.lines()) {
            if (l.path("file").asText().contains("signature-")) {
                assertThat(l.path("signature").path("verdict").asText()).as(l.path("file").asText()).isEqualTo("not-verifiable");
            }
        }
    }

    @Test
    @DisplayName("SEC-EXC-01 pec verify --json and pec check --json report every bare hostile p7m, none valid, none accepted")
    void verifyAndCheckBare() throws Exception {
        List<String> files = plus(plus(List.of(goodP7m), bare), List.of(goodP7m));
        Run v = run(args("verify", List.of("--json"), files));
        assertThat(v.status()).as(v.err()).isZero();
        everyFileReported(v, files, "integrity");
        List<JsonNode> lines = v.lines();
        assertThat(lines.get(0).path("integrity").asText()).isEqualTo("valid");
        assertThat(lines.subList(1, lines.size() - 1)).allSatisfy(l -> assertThat(l.path("integrity").asText()).isNotEqualTo("valid"));
        Run c = run(args("check", List.of("--json"), files));
        assertThat(c.status()).as(c.err()).isZero();
        everyFileReported(c, files, "verdict");
        List<JsonNode> checked = c.lines();
        assertThat(checked.subList(1, checked.size() - 1)).allSatisfy(l -> assertThat(l.path("verdict").asText()).isNotEqualTo("accept"));
    }

    @Test
    @DisplayName("SEC-EXC-01 pec check and pec admit --json report every message of a batch with hostile CMS attachments and signatures")
    void checkAndAdmitMessages() throws Exception {
        Run c = run(args("check", List.of("--json"), messages));
        assertThat(c.status()).as(c.err()).isZero();
        everyFileReported(c, messages, "verdict");
        for (JsonNode l : c.lines()) {
            if (l.path("file").asText().contains("attached-")) {
                assertThat(l.path("verdict").asText()).as(l.path("file").asText()).isNotEqualTo("accept");
            }
        }
        Run a = run(args("admit", List.of("--json", "--trust", ca), messages));
        assertThat(a.status()).as(a.err()).isZero();
        everyFileReported(a, messages, "kind");
        assertThat(a.lines()).allSatisfy(l -> assertThat(l.path("registration").path("outcome").asText()).isNotBlank());
    }

    @Test
    @DisplayName("SEC-EXC-01 a defect on one file is its error entry (class, short message, no stack trace) and the batch goes on, exit 4")
    void defectOnOneFile() throws Exception {
        String victim = hostileMessages.get(0);
        FileFailure.probe = file -> {
            if (file.equals(victim) || file.equals(bare.get(0))) {
                throw new NullPointerException("secret content of the file");
            }
        };
        List<String> batch = List.of(messages.get(0), victim, messages.get(messages.size() - 1));
        for (String command : List.of("inspect", "check", "admit")) {
            Run r = run(args(command, List.of("--json", "--trust", ca).subList(0, command.equals("check") ? 1 : 3), batch));
            assertThat(r.status()).as(command).isEqualTo(Main.FAILED);
            List<JsonNode> lines = r.lines();
            assertThat(lines).extracting(l -> l.path("file").asText()).as(command).containsExactlyElementsOf(batch);
            JsonNode failed = lines.get(1);
            assertThat(failed.path(command.equals("check") ? "verdict" : "kind").asText()).isEqualTo("error");
            assertThat(failed.path("error").path("exception").asText()).isEqualTo("java.lang.NullPointerException");
            assertThat(failed.path("error").path("message").asText()).isEqualTo(FileFailure.MESSAGE);
            assertThat(r.out() + r.err()).doesNotContain("secret content").doesNotContain("\tat ");
            assertThat(lines.get(2).path("error").isMissingNode()).isTrue();
        }
        List<String> p7m = List.of(goodP7m, bare.get(0), goodP7m);
        Run v = run(args("verify", List.of("--json"), p7m));
        assertThat(v.status()).isEqualTo(Main.FAILED);
        assertThat(v.lines()).extracting(l -> l.path("integrity").asText()).containsExactly("valid", "error", "valid");
        Run text = run(args("inspect", List.of("--trust", ca), batch));
        assertThat(text.status()).isEqualTo(Main.FAILED);
        assertThat(text.err()).contains("pec inspect: " + victim + ": error: ").contains("java.lang.NullPointerException")
                .doesNotContain("secret content");
        assertThat(text.out()).contains("=== " + batch.get(0)).contains("=== " + batch.get(2)).doesNotContain("=== " + victim);
    }
}
