package io.github.pec4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.pec4j.core.PecMessage;
import io.github.pec4j.core.PecParser;
import io.github.pec4j.receipts.ReceiptFacts;
import io.github.pec4j.receipts.TransmissionRecorder;
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
import io.github.pec4j.testkit.FixtureKind;
import io.github.pec4j.testkit.MessageBuilder;
import io.github.pec4j.testkit.PecFixtures;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pec track --registry}: delivery per recipient read from an H2 file register, nothing handed over by hand (OUT-TRACK-01). */
class TrackRegistryTest {
    static final String ID = "20240315101525.letter@client.comune.esempio.it";
    static final String BOX = "protocollo@pec.comune.esempio.it";
    static final String A = "ufficio.tributi@pec.regione.esempio.it";
    static final String B = "protocollo@pec.provincia.esempio.it";
    static final String C = "segreteria@pec.scuola.esempio.it";
    /** The testkit dates its receipts 2024-03-15T10:15:30+01:00. */
    static final Instant ACCEPTED = Instant.parse("2024-03-15T09:15:30Z");
    static final PecFixtures F = PecFixtures.create();

    @TempDir
    static Path dir;
    static String url;
    static ProtocolId letter;
    static ProtocolId unsent;

    @BeforeAll
    static void register() throws Exception {
        try (ProtocolRegistry registry = JdbcRegistry.embedded(dir, Clock.fixed(ACCEPTED.minusSeconds(60), ZoneOffset.UTC))) {
            letter = outgoing(registry, A, B, C);
            for (String to : List.of(A, B, C)) {
                registry.recordTransmission(letter, TransmissionEvent.of(TransmissionEvent.Type.SENT, Optional.of(to), ACCEPTED.minusSeconds(5))
                        .withMsgid(ID), Optional.empty(), Actor.system("outbox"));
            }
            file(registry, receipt(FixtureKind.ACCETTAZIONE));
            file(registry, receipt(FixtureKind.AVVENUTA_CONSEGNA).deliveredTo(A));
            file(registry, receipt(FixtureKind.ERRORE_CONSEGNA).deliveredTo(B).errore("no-dest").erroreEsteso("5.1.1 - utente sconosciuto"));
            unsent = outgoing(registry, A);
        }
        url = JdbcRegistry.h2Url(dir.resolve("registry"));
    }

    static ProtocolId outgoing(ProtocolRegistry registry, String... to) throws Exception {
        RegistrationRequest.Builder b = RegistrationRequest.outgoing(RegisterId.of("c_esempio", "AOO", "PG"), Channel.PEC)
                .oggetto("Richiesta documentazione").classification(Classification.of("I.1")).operator(Actor.system("outbox"))
                .document(DocumentRequest.of("richiesta.pdf", "application/pdf", "%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII)));
        for (String address : to) b.correspondent(Correspondent.of(address, address));
        return registry.register(b.build()).registration().id();
    }

    static MessageBuilder receipt(FixtureKind kind) {
        return F.message(kind).from(BOX).to(A, B, C).clientMessageId(ID);
    }

    static void file(ProtocolRegistry registry, MessageBuilder b) throws Exception {
        try (PecMessage m = PecParser.create().parse(b.build())) {
            TransmissionRecorder.of(registry, Actor.system("mailroom")).receipt(letter, m, ReceiptFacts.from(m, Instant.EPOCH));
        }
    }

    record Run(int status, String out, String err) {
        List<JsonNode> lines() throws Exception {
            List<JsonNode> all = new ArrayList<>();
            for (String line : out.strip().split("\n")) {
                if (!line.isBlank()) all.add(new ObjectMapper().readTree(line));
            }
            return all;
        }
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static JsonNode recipient(JsonNode registration, String address) {
        for (JsonNode r : registration.get("recipients")) {
            if (r.get("address").asText().equals(address)) return r;
        }
        throw new AssertionError("no recipient " + address + " in " + registration);
    }

    @Test
    @Tag("OUT-TRACK-01")
    @DisplayName("OUT-TRACK-01 pec track --registry URL PROTOCOL --json: each recipient's state, times, errore and deadlines")
    void oneRegistration() throws Exception {
        Run r = run("track", "--registry", url, letter.toString(), "--at", "2024-03-15T12:00:00+01:00", "--json");
        assertThat(r.status()).as(r.err()).isZero();
        JsonNode o = r.lines().get(0);
        assertThat(r.lines()).hasSize(1);
        assertThat(o.get("protocol").asText()).isEqualTo(letter.toString());
        assertThat(o.get("overall").asText()).isEqualTo("red");
        assertThat(o.get("messages").get(0).get("messageId").asText()).isEqualTo(ID);
        assertThat(recipient(o, A).get("state").asText()).isEqualTo("delivered");
        JsonNode b = recipient(o, B);
        assertThat(b.get("state").asText()).isEqualTo("delivery-failed");
        assertThat(b.get("errore").asText()).contains("no-dest").contains("utente sconosciuto");
        assertThat(b.get("smtpCode").asText()).isEqualTo("5.1.1");
        JsonNode c = recipient(o, C);
        assertThat(c.get("state").asText()).isEqualTo("accepted");
        assertThat(c.get("acceptedAt").asText()).isEqualTo(ACCEPTED.toString());
        assertThat(c.get("deliveryExpectedBy").asText()).isEqualTo("2024-03-15T21:15:30Z");
        assertThat(c.get("finalNoticeBy").asText()).isEqualTo("2024-03-16T09:15:30Z");
    }

    @Test
    @Tag("OUT-TRACK-01")
    @DisplayName("OUT-TRACK-01 pec track --registry URL --overdue --at T: only the recipients past a deadline, with what to do next")
    void overdue() throws Exception {
        Run none = run("track", "--registry", url, "--overdue", "--at", "2024-03-15T20:00:00Z", "--json");
        assertThat(none.status()).isZero();
        assertThat(none.out()).isBlank();

        Run late = run("track", "--registry", url, "--overdue", "--at", "2024-03-15T21:15:30Z", "--json");
        assertThat(late.status()).as(late.err()).isZero();
        assertThat(late.lines()).singleElement().satisfies(o -> {
            assertThat(o.get("protocol").asText()).isEqualTo(letter.toString());
            assertThat(o.get("recipients")).hasSize(1);
            assertThat(recipient(o, C).get("state").asText()).isEqualTo("overdue");
            assertThat(recipient(o, C).get("next").asText()).contains("preavviso");
        });

        Run day = run("track", "--registry", url, "--overdue", "--at", "2024-03-16T09:15:30Z");
        assertThat(day.status()).isZero();
        assertThat(day.out()).contains(letter.toString()).contains(C).contains("timed-out").doesNotContain(A);
    }

    @Test
    @Tag("OUT-TRACK-01")
    @DisplayName("OUT-TRACK-01 pec track --registry URL: every outgoing registration, the one never sent shown as prepared")
    void everything() throws Exception {
        Run r = run("track", "--registry", url, "--at", "2024-03-15T12:00:00+01:00", "--json");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.lines()).extracting(o -> o.get("protocol").asText()).containsExactly(letter.toString(), unsent.toString());
        JsonNode notSent = r.lines().get(1);
        assertThat(recipient(notSent, A).get("state").asText()).isEqualTo("prepared");
        assertThat(recipient(notSent, A).get("messageId").isNull()).isTrue();

        Run text = run("track", "--registry", url, "--at", "2024-03-15T12:00:00+01:00");
        assertThat(text.status()).isZero();
        assertThat(text.out()).contains("=== " + letter).contains("delivery-failed").contains("no-dest").contains("sent      not yet");
    }

    @Test
    @DisplayName("pec track --registry: a missing register, an unknown registration and a bad protocol id are said plainly")
    void errors() {
        Run missing = run("track", "--registry", JdbcRegistry.h2Url(dir.resolve("nothing-here")), "--json");
        assertThat(missing.status()).isEqualTo(Main.UNREADABLE);
        assertThat(missing.err()).startsWith("pec track: the register cannot be read");
        assertThat(dir.resolve("nothing-here.mv.db")).doesNotExist();

        Run unknown = run("track", "--registry", url, "c_esempio/AOO/PG/2024/0000099");
        assertThat(unknown.status()).isEqualTo(Main.UNREADABLE);
        assertThat(unknown.err()).contains("no outgoing registration c_esempio/AOO/PG/2024/0000099");

        assertThat(run("track", "--registry", url, "not-a-protocol").status()).isEqualTo(Main.USAGE);
        assertThat(run("track", "--registry", "/tmp/x").status()).isEqualTo(Main.USAGE);
        assertThat(run("track", "--registry", url, "--at", "yesterday").status()).isEqualTo(Main.USAGE);
    }
}
