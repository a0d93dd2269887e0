package io.github.pec4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.pec4j.registry.ProtocolRegistry;
import io.github.pec4j.registry.SearchQuery;
import io.github.pec4j.registry.jdbc.JdbcRegistry;
import io.github.pec4j.registry.jdbc.JdbcRegistryConfig;
import io.github.pec4j.simulator.PecProviderSimulator;
import io.github.pec4j.testkit.Attachments;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pec send} against the PEC provider simulator on loopback, into an H2 register. */
class SendCommandTest {
    private static final String BOX = "protocollo@pec.comune.esempio.it";
    private static final String REGIONE = "protocollo@pec.regione.esempio.it";
    private static final String CITTADINO = "mario.rossi@example.org";

    @TempDir
    Path dir;

    private record Run(int status, String out, String err) {}

    private static Run pec(List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private List<String> send(PecProviderSimulator sim, String url, String... more) {
        List<String> args = new ArrayList<>(List.of("send", "--smtp", "smtp://" + BOX.replace("@", "%40") + ":secret@" + sim.smtp().host() + ":"
                + sim.smtp().port() + "?starttls=none", "--registry", url, "--register", "c_esempio/AOO_ESEMPIO/PG"));
        args.addAll(List.of(more));
        return args;
    }

    @Test
    @Tag("OUT-BOX-01")
    @Tag("OUT-PRE-02")
    @DisplayName("OUT-BOX-01 pec send registers once and submits one message to every recipient; a refused pre-flight exits 4 and uses no number")
    void sendsAndRefuses() throws Exception {
        Path primary = Files.write(dir.resolve("lettera.pdf"), Attachments.pdf());
        Path secondary = Files.write(dir.resolve("allegato.pdf"), Attachments.pdf());
        String url = JdbcRegistry.h2Url(dir.resolve("registry"));
        try (PecProviderSimulator sim = PecProviderSimulator.start()) {
            sim.box(BOX, "secret").box(REGIONE, "secret").ordinaryBox(CITTADINO, "x");

            Run refused = pec(send(sim, url, "--policy", "mogliano", "--to", REGIONE, "--to", "email:" + CITTADINO, "--subject", "Comunicazione",
                    "--primary", primary.toString()));
            assertThat(refused.status()).as(refused.err()).isEqualTo(Main.FAILED);
            assertThat(refused.err()).contains("no number used").contains("UNSIGNED_PRIMARY").contains("ORDINARY_ADDRESS");
            assertThat(sim.submissions()).isEmpty();

            Run sent = pec(send(sim, url, "--to", REGIONE, "--to", "email:" + CITTADINO, "--subject", "Comunicazione", "--primary",
                    primary.toString(), "--attach", secondary.toString(), "--office", "URBANISTICA", "--json"));
            assertThat(sent.status()).as(sent.err()).isEqualTo(Main.OK);
            JsonNode json = new ObjectMapper().readTree(sent.out());
            assertThat(json.get("state").asText()).isEqualTo("submitted");
            assertThat(json.get("protocol").asText()).as("the refused letter used no number").startsWith("c_esempio/AOO_ESEMPIO/PG/").endsWith("/0000001");
            assertThat(json.get("recipients")).hasSize(2);
            assertThat(json.get("recipients").get(1).get("state").asText()).contains("delivery not provable");
            assertThat(sim.submissions()).hasSize(1);
            assertThat("<" + sim.submissions().get(0).messageId().orElseThrow() + ">").isEqualTo(json.get("messageId").asText());
            assertThat(sim.submissions().get(0).recipients()).containsExactlyInAnyOrder(REGIONE, CITTADINO);
        }
        try (ProtocolRegistry registry = JdbcRegistry.open(url, "", "", JdbcRegistryConfig.defaults(), Clock.systemUTC())) {
            assertThat(registry.search(SearchQuery.all().page(0, SearchQuery.MAX_LIMIT))).hasSize(1);
        }
    }

    @Test
    @Tag("OUT-PRE-02")
    @DisplayName("OUT-PRE-02 pec send reads the outbound policy from the AOO file's mailroom.outbound; --policy overrides it")
    void policyFromTheAooFile() throws Exception {
        Path primary = Files.write(dir.resolve("lettera.pdf"), Attachments.pdf());
        Path aoo = Files.writeString(dir.resolve("aoo.yaml"), """
                amministrazione: c_esempio
                aoo: AOO_ESEMPIO
                mailroom:
                  box: %s
                  outbound:
                    base: mogliano
                """.formatted(BOX));
        String url = JdbcRegistry.h2Url(dir.resolve("registry"));
        try (PecProviderSimulator sim = PecProviderSimulator.start()) {
            sim.box(BOX, "secret").box(REGIONE, "secret").ordinaryBox(CITTADINO, "x");
            List<String> letter = List.of("--to", REGIONE, "--to", "email:" + CITTADINO, "--subject", "Comunicazione", "--primary",
                    primary.toString());

            Run refused = pec(withAoo(sim, url, aoo, letter));
            assertThat(refused.status()).as(refused.err()).isEqualTo(Main.FAILED);
            assertThat(refused.err()).contains("no number used").contains("UNSIGNED_PRIMARY").contains("ORDINARY_ADDRESS");
            assertThat(sim.submissions()).isEmpty();

            List<String> overridden = new ArrayList<>(withAoo(sim, url, aoo, letter));
            overridden.addAll(List.of("--policy", "default"));
            Run sent = pec(overridden);
            assertThat(sent.status()).as(sent.err()).isEqualTo(Main.OK);
            assertThat(sent.out()).contains("c_esempio/AOO_ESEMPIO/PG/").contains("/0000001");
            assertThat(sim.submissions()).hasSize(1);

            Path wrong = Files.writeString(dir.resolve("wrong.yaml"), "amministrazione: c_esempio\naoo: AOO_ESEMPIO\nmailroom:\n  outbound:\n"
                    + "    signedPrimary: ALWAYS\n");
            Run unreadable = pec(withAoo(sim, url, wrong, letter));
            assertThat(unreadable.status()).isEqualTo(Main.UNREADABLE);
            assertThat(unreadable.err()).contains("outbound.signedPrimary is NONE, WARN or REQUIRE");
        }
    }

    private static List<String> withAoo(PecProviderSimulator sim, String url, Path aoo, List<String> letter) {
        List<String> args = new ArrayList<>(List.of("send", "--smtp", "smtp://" + BOX.replace("@", "%40") + ":secret@" + sim.smtp().host() + ":"
                + sim.smtp().port() + "?starttls=none", "--registry", url, "--aoo", aoo.toString()));
        args.addAll(letter);
        return args;
    }

    @Test
    @Tag("CLI-SECRET-01")
    @DisplayName("CLI-SECRET-01 pec send over SMTPS trusts the server by --smtp-trust (PEM or key store), the password from a file")
    void smtpsTrust() throws Exception {
        Path primary = Files.write(dir.resolve("lettera.pdf"), Attachments.pdf());
        String url = JdbcRegistry.h2Url(dir.resolve("registry"));
        Path password = Files.writeString(dir.resolve("smtp-password"), "secret\n");
        try (PecProviderSimulator sim = PecProviderSimulator.start()) {
            sim.box(BOX, "secret").box(REGIONE, "secret");
            Path pem = dir.resolve("simulator-ca.pem");
            sim.writeTrustAnchorPem(pem);
            Path p12 = dir.resolve("simulator-ca.p12");
            try (var out = Files.newOutputStream(p12)) {
                sim.trustStore().store(out, "store-pw".toCharArray());
            }
            Path storePassword = Files.writeString(dir.resolve("store-password"), "store-pw");
            List<String> base = List.of("send", "--smtp", "smtps://" + BOX.replace("@", "%40") + "@" + sim.smtps().host() + ":"
                    + sim.smtps().port(), "--smtp-password-file", password.toString(), "--registry", url, "--register",
                    "c_esempio/AOO_ESEMPIO/PG", "--to", REGIONE, "--subject", "Comunicazione", "--primary", primary.toString());

            Run untrusted = pec(base);
            assertThat(untrusted.status()).as("the JVM's CAs do not know the simulator's").isEqualTo(Main.FAILED);
            assertThat(sim.submissions()).isEmpty();

            List<String> withPem = new ArrayList<>(base);
            withPem.addAll(List.of("--smtp-trust", pem.toString()));
            Run sent = pec(withPem);
            assertThat(sent.status()).as(sent.err()).isEqualTo(Main.OK);
            assertThat(sim.submissions()).hasSize(1);

            List<String> withStore = new ArrayList<>(base);
            withStore.addAll(List.of("--smtp-trust", p12.toString(), "--smtp-trust-password-file", storePassword.toString()));
            Run again = pec(withStore);
            assertThat(again.status()).as(again.err()).isEqualTo(Main.OK);
            assertThat(sim.submissions()).hasSize(2);
            assertThat(sent.out() + sent.err() + again.out() + again.err()).doesNotContain("secret").doesNotContain("store-pw");
        }
    }
}
