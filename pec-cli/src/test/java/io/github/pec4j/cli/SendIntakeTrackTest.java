package io.github.pec4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.pec4j.registry.ProtocolRegistry;
import io.github.pec4j.registry.Registration;
import io.github.pec4j.registry.SearchQuery;
import io.github.pec4j.registry.jdbc.JdbcRegistry;
import io.github.pec4j.registry.jdbc.JdbcRegistryConfig;
import io.github.pec4j.simulator.Behaviour;
import io.github.pec4j.simulator.PecProviderSimulator;
import io.github.pec4j.simulator.SimulatorOptions;
import io.github.pec4j.simulator.Submission;
import io.github.pec4j.testkit.Attachments;
import jakarta.mail.BodyPart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The issue's acceptance on the PEC provider simulator, through the command line only: {@code pec send} registers once and
 * submits one message to every recipient, {@code pec intake --once} takes the provider's receipts in (and one appended
 * again), and {@code pec track --registry … --json} shows each recipient's state read from the register.
 */
class SendIntakeTrackTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BOX = "protocollo@pec.comune.esempio.it";
    private static final String REGIONE = "protocollo@pec.regione.esempio.it";
    private static final String STUDIO = "studio.bianchi@pec.example.it";
    private static final String CITTADINO = "mario.rossi@example.org";
    private static final String SECRET = "secret";
    private static final String AOO = """
            amministrazione: c_esempio
            aoo: AOO_ESEMPIO
            mailboxes: [protocollo@pec.comune.esempio.it]
            mailroom:
              register: c_esempio/AOO_ESEMPIO/PG
              box: protocollo@pec.comune.esempio.it
            """;

    @TempDir
    Path dir;

    private record Run(int status, String out, String err) {
        List<JsonNode> lines() throws Exception {
            List<JsonNode> nodes = new ArrayList<>();
            for (String l : out.split("\n")) {
                if (!l.isBlank()) nodes.add(JSON.readTree(l));
            }
            return nodes;
        }
    }

    private static Run pec(List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static JsonNode recipient(JsonNode registration, String address) {
        for (JsonNode r : registration.get("recipients")) {
            if (r.get("address").asText().equals(address)) return r;
        }
        throw new AssertionError("no recipient " + address + " in " + registration);
    }

    @Test
    @Tag("OUT-BOX-01")
    @Tag("OUT-TRACK-01")
    @DisplayName("OUT-BOX-01 pec send registers once and submits primary and secondary to every recipient; pec intake files the receipts; pec track --json shows each recipient")
    void sendIntakeTrack() throws Exception {
        Path primary = Files.write(dir.resolve("lettera.pdf"), Attachments.pdf());
        Path secondary = Files.write(dir.resolve("planimetria.pdf"), Attachments.pdf());
        Path aoo = Files.writeString(dir.resolve("aoo.yaml"), AOO);
        Path trust = dir.resolve("test-ca.pem");
        String url = JdbcRegistry.h2Url(dir.resolve("registry"));
        // the provider's time is the wall clock, as pec send's and pec track's are
        try (PecProviderSimulator sim = PecProviderSimulator.start(SimulatorOptions.defaults().withClock(Clock.systemUTC()))) {
            sim.box(BOX, SECRET).box(REGIONE, "x").box(STUDIO, "x").ordinaryBox(CITTADINO, "x");
            sim.behaviour(STUDIO, Behaviour.erroreConsegna("5.1.1 - Test PEC S.p.A. - utente sconosciuto"));
            sim.writeTrustAnchorPem(trust);
            String host = "127.0.0.1:";

            Run sent = pec(List.of("send", "--smtp", "smtp://" + BOX.replace("@", "%40") + ":" + SECRET + "@" + host + sim.smtp().port()
                    + "?starttls=none", "--registry", url, "--aoo", aoo.toString(), "--to", REGIONE, "--to", STUDIO, "--to", "email:" + CITTADINO,
                    "--subject", "Convocazione", "--primary", primary.toString(), "--attach", secondary.toString(), "--json"));
            assertThat(sent.status()).as(sent.err()).isEqualTo(Main.OK);
            JsonNode letter = JSON.readTree(sent.out());
            assertThat(letter.get("state").asText()).isEqualTo("submitted");
            String protocol = letter.get("protocol").asText();
            assertThat(protocol).matches("c_esempio/AOO_ESEMPIO/PG/\\d{4}/0000001");

            List<Submission> submissions = sim.submissions();
            assertThat(submissions).as("one message for every recipient").hasSize(1);
            assertThat(submissions.get(0).sender()).isEqualTo(BOX);
            assertThat(submissions.get(0).recipients()).containsExactlyInAnyOrder(REGIONE, STUDIO, CITTADINO);
            assertThat("<" + submissions.get(0).messageId().orElseThrow() + ">").isEqualTo(letter.get("messageId").asText());
            assertThat(attachmentNames(submissions.get(0).raw())).containsExactly("lettera.pdf", "planimetria.pdf");

            // the provider's receipts are in the box; one of them arrives a second time, appended as raw bytes
            List<byte[]> inbox = sim.messages(BOX);
            assertThat(inbox).as("accettazione, consegna, errore di consegna").hasSize(3);
            sim.deliverRaw(BOX, inbox.get(1));

            Run intake = pec(List.of("intake", "--once", "--json", "--imap", "imap://" + BOX.replace("@", "%40") + ":" + SECRET + "@" + host
                    + sim.imap().port() + "?starttls=none", "--registry", url, "--aoo", aoo.toString(), "--trust", trust.toString()));
            assertThat(intake.status()).as(intake.err()).isZero();
            List<JsonNode> taken = intake.lines();
            assertThat(taken).hasSize(4);
            assertThat(taken).allSatisfy(l -> {
                assertThat(l.path("outcome").asText()).as(l.toString()).isIn("receipt", "duplicate");
                assertThat(l.path("protocol").asText()).isEqualTo(protocol);
            });
            assertThat(sim.messages(BOX)).as("INBOX empty").isEmpty();

            Run track = pec(List.of("track", "--registry", url, protocol, "--json"));
            assertThat(track.status()).as(track.err()).isZero();
            assertThat(track.lines()).hasSize(1);
            JsonNode o = track.lines().get(0);
            assertThat(o.get("protocol").asText()).isEqualTo(protocol);
            assertThat(o.get("overall").asText()).as("one recipient failed").isEqualTo("red");
            assertThat(o.get("messages")).hasSize(1);
            assertThat(o.get("messages").get(0).get("messageId").asText()).isEqualTo(letter.get("messageId").asText().replaceAll("[<>]", ""));
            JsonNode regione = recipient(o, REGIONE);
            assertThat(regione.get("state").asText()).isEqualTo("delivered");
            assertThat(regione.get("acceptedAt").isNull()).isFalse();
            JsonNode studio = recipient(o, STUDIO);
            assertThat(studio.get("state").asText()).isEqualTo("delivery-failed");
            assertThat(studio.get("errore").asText()).contains("utente sconosciuto");
            assertThat(studio.get("smtpCode").asText()).isEqualTo("5.1.1");
            JsonNode cittadino = recipient(o, CITTADINO);
            assertThat(cittadino.get("type").asText()).as("no consegna comes from an ordinary address").isEqualTo("esterno");
            assertThat(cittadino.get("deliveryExpectedBy").isNull()).isTrue();
        }
        try (ProtocolRegistry registry = JdbcRegistry.open(url, "", "", JdbcRegistryConfig.defaults(), Clock.systemUTC())) {
            List<Registration> all = registry.search(SearchQuery.all().page(0, SearchQuery.MAX_LIMIT));
            assertThat(all).as("registered once; receipts are filed, never registered").hasSize(1);
        }
    }

    private static List<String> attachmentNames(byte[] raw) throws Exception {
        MimeMessage m = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
        MimeMultipart mixed = (MimeMultipart) m.getContent();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < mixed.getCount(); i++) {
            BodyPart p = mixed.getBodyPart(i);
            if (p.getFileName() != null) names.add(p.getFileName());
        }
        return names;
    }
}
