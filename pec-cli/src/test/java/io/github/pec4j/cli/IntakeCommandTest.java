package io.github.pec4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.pec4j.registry.Actor;
import io.github.pec4j.registry.Channel;
import io.github.pec4j.registry.Classification;
import io.github.pec4j.registry.Correspondent;
import io.github.pec4j.registry.DocumentRequest;
import io.github.pec4j.registry.ProtocolId;
import io.github.pec4j.registry.ProtocolRegistry;
import io.github.pec4j.registry.RegisterId;
import io.github.pec4j.registry.RegistrationRequest;
import io.github.pec4j.registry.TransmissionEvent;
import io.github.pec4j.registry.jdbc.JdbcRegistry;
import io.github.pec4j.registry.jdbc.JdbcRegistryConfig;
import io.github.pec4j.simulator.DeliveredMessage;
import io.github.pec4j.simulator.FileAttachment;
import io.github.pec4j.simulator.PecProviderSimulator;
import io.github.pec4j.simulator.SimulatorOptions;
import io.github.pec4j.testkit.Attachments;
import io.github.pec4j.testkit.FixtureKind;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pec intake} against the PEC provider simulator on loopback, into an embedded H2 register. */
class IntakeCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BOX = "protocollo@pec.comune.demo.example.it";
    private static final String SECRET = "s3cr3t-imap";
    private static final String CITIZEN = "mario.rossi@pec.example.it";
    private static final String ORDINARY = "lucia.bianchi@example.com";
    private static final String LETTER = "lettera-1@protocollo.comune.demo.example.it";
    private static final String AOO = """
            amministrazione: c_demo
            aoo: AOO_DEMO
            mailboxes: [protocollo@pec.comune.demo.example.it]
            ordinaryMail: REJECT
            mailroom:
              register: c_demo/AOO_DEMO/PG
              box: protocollo@pec.comune.demo.example.it
              notification: {sender: protocollo@comune.demo.example.it}
              offices:
                - {code: TRIBUTI, name: Ufficio Tributi, email: tributi@comune.demo.example.it}
              routing:
                - {name: tributi, subjectKeywords: [TARI], competenza: [TRIBUTI]}
            """;

    @TempDir
    Path dir;
    PecProviderSimulator pec;
    String registry;
    Path trust;
    Path aoo;
    ProtocolId letter;

    record Run(int status, String out, String err) {
        List<JsonNode> lines() throws Exception {
            List<JsonNode> nodes = new ArrayList<>();
            for (String l : out.split("\n")) {
                if (!l.isBlank()) nodes.add(JSON.readTree(l));
            }
            return nodes;
        }
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @BeforeEach
    void provider() throws Exception {
        pec = PecProviderSimulator.start(SimulatorOptions.defaults());
        pec.box(BOX, SECRET).box(CITIZEN, "x").ordinaryBox(ORDINARY, "x").ordinaryBox("tributi@comune.demo.example.it", "x");
        trust = dir.resolve("test-ca.pem");
        pec.writeTrustAnchorPem(trust);
        aoo = Files.writeString(dir.resolve("aoo.yaml"), AOO);
        registry = JdbcRegistry.h2Url(dir.resolve("registry"));
        try (ProtocolRegistry r = JdbcRegistry.open(registry, "", "", JdbcRegistryConfig.defaults(), Clock.systemUTC())) {
            letter = r.register(RegistrationRequest.outgoing(RegisterId.of("c_demo", "AOO_DEMO", "PG"), Channel.PEC)
                    .correspondent(Correspondent.of("Mario Rossi", CITIZEN)).oggetto("Risposta")
                    .document(DocumentRequest.of("risposta.pdf", "application/pdf", Attachments.pdf()))
                    .classification(Classification.of("I.1")).operator(Actor.of("clerk", "clerk")).build()).registration().id();
            r.recordTransmission(letter, TransmissionEvent.of(TransmissionEvent.Type.SENT, Optional.empty(), Instant.parse("2024-03-14T15:00:00Z"))
                    .withMsgid("<" + LETTER + ">"), Optional.empty(), Actor.of("clerk", "clerk"));
        }
    }

    @AfterEach
    void stop() {
        pec.close();
    }

    String imap() {
        return "imap://" + BOX.replace("@", "%40") + ":" + SECRET + "@127.0.0.1:" + pec.imap().port() + "?starttls=none";
    }

    String smtp() {
        return "smtp://127.0.0.1:" + pec.smtp().port() + "?starttls=none";
    }

    Run intake(String... more) {
        boolean sub = more.length > 0 && !more[0].startsWith("-");
        List<String> args = new ArrayList<>(List.of("intake"));
        if (sub) args.add(more[0]);
        args.addAll(List.of("--imap", imap(), "--smtp", smtp(), "--registry", registry,
                "--aoo", aoo.toString(), "--trust", trust.toString()));
        args.addAll(List.of(more).subList(sub ? 1 : 0, more.length));
        return run(args.toArray(String[]::new));
    }

    static JsonNode about(List<JsonNode> lines, String subject) {
        return lines.stream().filter(l -> l.path("subject").asText().contains(subject)).findFirst()
                .orElseThrow(() -> new AssertionError("no message about " + subject + " in " + lines));
    }

    @Test
    @Tag("MRM-EXACT-01")
    @Tag("MRM-ORD-02")
    @Tag("MRM-NOTIF-02")
    @DisplayName("MRM-EXACT-01 intake --once --json: each message in its outcome and folder, INBOX empty, a second run registers nothing")
    void onceJson() throws Exception {
        DeliveredMessage tari = pec.deliverPec(CITIZEN, BOX, "Istanza rimborso TARI", FileAttachment.of("istanza.pdf", "application/pdf",
                Attachments.pdf()));
        pec.deliverOrdinary(ORDINARY, BOX, "Lampione guasto", "In via Garibaldi.", Map.of());
        pec.deliver(BOX, FixtureKind.AVVENUTA_CONSEGNA, b -> b.from(BOX).to(CITIZEN).deliveredTo(CITIZEN).clientMessageId(LETTER)
                .subject("Falsa").signedBy(pec.options().pki().otherCertificate(), pec.options().pki().otherKey()));
        pec.deliverReceipt(BOX, FixtureKind.ACCETTAZIONE, CITIZEN, LETTER, "Risposta");
        pec.deliverRaw(BOX, tari.raw());

        Run first = intake("--once", "--json");
        assertThat(first.status()).as(first.err()).isZero();
        assertThat(first.out() + first.err()).doesNotContain(SECRET);
        List<JsonNode> lines = first.lines();
        assertThat(lines).hasSize(6);
        for (JsonNode l : lines) assertThat(l.has("messageId") && l.has("kind") && l.has("protocol") && l.has("reasons")).isTrue();
        JsonNode registered = lines.get(0);
        assertThat(registered.path("outcome").asText()).isEqualTo("registered");
        assertThat(registered.path("kind").asText()).isEqualTo("posta-certificata");
        assertThat(registered.path("protocol").asText()).matches("c_demo/AOO_DEMO/PG/\\d{4}/0000002");
        assertThat(registered.path("folder").asText()).isEqualTo("pec4j/registered");
        assertThat(registered.path("reasons").toString()).contains("TRIBUTI");
        JsonNode refused = lines.get(1);
        assertThat(refused.path("subject").asText()).isEqualTo("Lampione guasto");
        assertThat(refused.path("outcome").asText()).isEqualTo("refused");
        assertThat(refused.path("folder").asText()).isEqualTo("pec4j/refused");
        assertThat(refused.path("protocol").isNull()).isTrue();
        assertThat(lines.get(2).path("outcome").asText()).isEqualTo("quarantined");
        assertThat(lines.get(2).path("folder").asText()).isEqualTo("pec4j/quarantine");
        assertThat(lines.get(3).path("outcome").asText()).isEqualTo("receipt");
        assertThat(lines.get(3).path("protocol").asText()).isEqualTo(letter.toString());
        assertThat(lines.get(4).path("outcome").asText()).isEqualTo("duplicate");
        assertThat(lines.get(4).path("protocol").asText()).isEqualTo(registered.path("protocol").asText());
        // the provider's accettazione of the reply the box sent to the ordinary mail arrives during the round
        assertThat(lines.get(5).path("kind").asText()).isEqualTo("accettazione");
        assertThat(lines.get(5).path("subject").asText()).isEqualTo("Re: Lampione guasto");
        assertThat(lines.get(5).path("outcome").asText()).as("a receipt of the mailroom's own reply is filed, never unmatched")
                .isEqualTo("receipt");
        assertThat(pec.messages(BOX)).isEmpty();
        assertThat(pec.messages(ORDINARY)).as("the reply").hasSize(1);
        assertThat(pec.messages("tributi@comune.demo.example.it")).as("the office's notification").hasSize(1);

        Run second = intake("--once", "--json");
        assertThat(second.status()).as(second.err()).isZero();
        assertThat(second.lines()).noneMatch(l -> l.path("outcome").asText().equals("registered"));
        assertThat(pec.messages(BOX)).isEmpty();
        assertThat(pec.messages(ORDINARY)).as("one reply, never two").hasSize(1);
        assertThat(pec.messages("tributi@comune.demo.example.it")).as("one notification, never two").hasSize(1);
        try (ProtocolRegistry r = JdbcRegistry.open(registry, "", "", JdbcRegistryConfig.defaults(), Clock.systemUTC())) {
            assertThat(r.search(io.github.pec4j.registry.SearchQuery.all())).hasSize(2);
        }
    }

    @Test
    @DisplayName("a wrong password exits 3, and is never printed")
    void wrongPassword() {
        Run wrong = run("intake", "--once", "--imap", imap().replace(SECRET, "wrong-password"), "--registry", registry, "--aoo", aoo.toString());
        assertThat(wrong.status()).isEqualTo(3);
        assertThat(wrong.err()).contains("cannot connect");
        assertThat(wrong.out() + wrong.err()).doesNotContain("wrong-password");
    }

    @Test
    @DisplayName("intake --once in text; usage errors exit 2; a missing configuration file exits 3")
    void textAndErrors() {
        pec.deliverPec(CITIZEN, BOX, "Istanza", FileAttachment.of("istanza.pdf", "application/pdf", Attachments.pdf()));
        Run text = intake("--once");
        assertThat(text.status()).as(text.err()).isZero();
        assertThat(text.out()).containsPattern("registered +c_demo/AOO_DEMO/PG/\\d{4}/0000002 +pec4j/registered +" + CITIZEN);
        assertThat(text.err()).contains(BOX + ": 1 message(s), 1 registered");

        assertThat(run("intake", "--once").status()).isEqualTo(2);
        assertThat(run("intake", "--imap", "ftp://x", "--once", "--registry", registry).status()).isEqualTo(2);
        assertThat(run("intake", "queue", "nowhere", "--imap", imap()).status()).isEqualTo(2);
        assertThat(run("intake", "--imap", imap(), "--registry", registry, "--aoo", dir.resolve("none.yaml").toString(), "--once").status())
                .isEqualTo(3);
    }

    @Test
    @Tag("MRM-ISOL-01")
    @DisplayName("queue quarantine lists what waits for an operator; reprocess KEY judges it again once the cause is fixed")
    void queueAndReprocess() throws Exception {
        pec.deliverPec(CITIZEN, BOX, "Istanza", FileAttachment.of("istanza.pdf", "application/pdf", Attachments.pdf()));
        List<String> untrusted = List.of("--imap", imap(), "--registry", registry, "--aoo", aoo.toString());
        List<String> once = new ArrayList<>(List.of("intake", "--once", "--json"));
        once.addAll(untrusted);
        Run first = run(once.toArray(String[]::new));
        assertThat(first.lines()).extracting(l -> l.path("outcome").asText()).containsExactly("quarantined"); // no trust: not genuine

        List<String> queue = new ArrayList<>(List.of("intake", "queue", "quarantine", "--json"));
        queue.addAll(untrusted);
        Run waiting = run(queue.toArray(String[]::new));
        assertThat(waiting.status()).as(waiting.err()).isZero();
        assertThat(waiting.lines()).hasSize(1);
        String key = waiting.lines().get(0).path("key").asText();
        assertThat(waiting.lines().get(0).path("folder").asText()).isEqualTo("pec4j/quarantine");

        Run again = intake("reprocess", key, "--json"); // now with --trust
        assertThat(again.status()).as(again.err()).isZero();
        assertThat(again.lines().get(0).path("outcome").asText()).isEqualTo("registered");
        assertThat(again.lines().get(0).path("folder").asText()).isEqualTo("pec4j/registered");
        assertThat(run(queue.toArray(String[]::new)).lines()).isEmpty();
        assertThat(pec.messages(BOX, "pec4j/registered")).hasSize(1);
        assertThat(intake("reprocess", "msg:nothing-like-this", "--json").status()).isEqualTo(4);
    }
}
