package io.github.pec4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.pec4j.registry.Actor;
import io.github.pec4j.registry.AnnulmentRequest;
import io.github.pec4j.registry.Assignment;
import io.github.pec4j.registry.Channel;
import io.github.pec4j.registry.Classification;
import io.github.pec4j.registry.Correspondent;
import io.github.pec4j.registry.DocumentRequest;
import io.github.pec4j.registry.Impronta;
import io.github.pec4j.registry.ProtocolId;
import io.github.pec4j.registry.ProtocolRegistry;
import io.github.pec4j.registry.RegisterId;
import io.github.pec4j.registry.RegistrationRequest;
import io.github.pec4j.registry.TransmissionEvent;
import io.github.pec4j.registry.jdbc.JdbcRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pec register …} over an embedded H2 register the test fills through the registry API. */
class RegisterCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RegisterId PG = RegisterId.of("c_demo", "AOO_DEMO", "PG");
    private static final Actor CLERK = Actor.of("m.bianchi", "Maria Bianchi");
    private static final byte[] ENVELOPE = "From: mario.rossi@pec.example.it\r\nSubject: accesso\r\n\r\nenvelope\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PDF = "%PDF-1.7 domanda di accesso agli atti".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;
    String url;
    ProtocolId accesso;
    ProtocolId conferenza;
    ProtocolId risposta;
    ProtocolId annullata;

    record Run(int status, String out, String err, byte[] bytes) {
        List<JsonNode> lines() throws Exception {
            List<JsonNode> nodes = new ArrayList<>();
            for (String l : out.split("\n")) {
                if (!l.isBlank()) nodes.add(JSON.readTree(l));
            }
            return nodes;
        }

        List<String> protocols() throws Exception {
            return lines().stream().map(n -> n.path("protocol").asText()).toList();
        }
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), out.toByteArray());
    }

    /** {@code pec register SUB ARGS --registry URL}. */
    Run register(String sub, String... args) {
        List<String> all = new ArrayList<>(List.of("register", sub));
        all.addAll(List.of(args));
        all.add("--registry");
        all.add(url);
        return run(all.toArray(String[]::new));
    }

    @BeforeEach
    void register() throws Exception {
        url = JdbcRegistry.h2Url(dir.resolve("registry"));
        Clock march = Clock.fixed(Instant.parse("2026-03-02T08:15:00Z"), ZoneOffset.UTC);
        try (ProtocolRegistry registry = JdbcRegistry.open(url, "", "", io.github.pec4j.registry.jdbc.JdbcRegistryConfig.defaults(), march)) {
            accesso = registry.register(RegistrationRequest.incoming(PG, Channel.PEC)
                    .correspondent(Correspondent.of("Mario Rossi", "mario.rossi@pec.example.it"))
                    .oggetto("Richiesta di accesso agli atti")
                    .document(DocumentRequest.of("messaggio.eml", "message/rfc822", ENVELOPE))
                    .document(DocumentRequest.of("domanda.pdf", "application/pdf", PDF))
                    .assign(Assignment.competenza("UFF_TECNICO")).classification(Classification.of("I.1")).operator(CLERK).build()).registration().id();
            conferenza = registry.register(RegistrationRequest.incoming(PG, Channel.PEC)
                    .correspondent(Correspondent.of("Comune di Altrove", "protocollo@pec.comune.altrove.example.it").withIpaCode("c_alt"))
                    .oggetto("Convocazione conferenza di servizi")
                    .document(DocumentRequest.of("messaggio.eml", "message/rfc822", "conferenza".getBytes(StandardCharsets.US_ASCII)))
                    .assign(Assignment.competenza("UFF_SEGRETERIA")).assign(Assignment.conoscenza("UFF_TECNICO"))
                    .classification(Classification.of("I.1")).operator(CLERK).build()).registration().id();
            risposta = registry.register(RegistrationRequest.outgoing(PG, Channel.PEC)
                    .correspondent(Correspondent.of("Edilizia Srl", "edilizia@pec.example.it"))
                    .oggetto("Risposta alla richiesta di accesso")
                    .document(DocumentRequest.of("risposta.pdf", "application/pdf", "%PDF risposta".getBytes(StandardCharsets.US_ASCII)))
                    .classification(Classification.of("I.1")).operator(CLERK).build()).registration().id();
            registry.recordTransmission(risposta, TransmissionEvent.of(TransmissionEvent.Type.SENT, Optional.empty(),
                    Instant.parse("2026-03-02T08:20:00Z")).withMsgid("<risposta-1@comune.demo.example.it>"), Optional.empty(), CLERK);
            annullata = registry.register(RegistrationRequest.incoming(PG, Channel.PEO)
                    .correspondent(Correspondent.of("Spam", "offerte@example.com")).oggetto("Offerta imperdibile")
                    .document(DocumentRequest.of("messaggio.eml", "message/rfc822", "spam".getBytes(StandardCharsets.US_ASCII)))
                    .classification(Classification.of("I.1")).operator(CLERK).build()).registration().id();
            registry.annul(annullata, new AnnulmentRequest("Det. RGD n. 1/2026", LocalDate.of(2026, 3, 2), "registrata per errore", CLERK));
        }
    }

    @Test
    @DisplayName("search --json prints one object per registration with protocol, time, direction, subject, correspondent, documents, assignments and transmissions")
    void searchJson() throws Exception {
        Run r = register("search", "--json");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.protocols()).containsExactly("c_demo/AOO_DEMO/PG/2026/0000001", "c_demo/AOO_DEMO/PG/2026/0000002",
                "c_demo/AOO_DEMO/PG/2026/0000003", "c_demo/AOO_DEMO/PG/2026/0000004");
        JsonNode first = r.lines().get(0);
        assertThat(first.path("registeredAt").asText()).isEqualTo("2026-03-02T08:15:00Z");
        assertThat(first.path("direction").asText()).isEqualTo("incoming");
        assertThat(first.path("subject").asText()).isEqualTo("Richiesta di accesso agli atti");
        assertThat(first.path("correspondent").path("address").asText()).isEqualTo("mario.rossi@pec.example.it");
        assertThat(first.path("documents")).hasSize(2);
        assertThat(first.path("documents").get(1).path("name").asText()).isEqualTo("domanda.pdf");
        assertThat(first.path("documents").get(1).path("size").asLong()).isEqualTo(PDF.length);
        assertThat(first.path("documents").get(1).path("sha256").asText()).isEqualTo(Impronta.of(PDF).hex());
        assertThat(first.path("assignments").get(0).path("office").asText()).isEqualTo("UFF_TECNICO");
        assertThat(first.path("assignments").get(0).path("kind").asText()).isEqualTo("competenza");
        assertThat(first.path("assignments").get(0).path("takenBy").isNull()).isTrue();
        JsonNode sent = r.lines().get(2).path("transmissions");
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).path("type").asText()).isEqualTo("sent");
        assertThat(sent.get(0).path("msgid").asText()).isEqualTo("<risposta-1@comune.demo.example.it>");
        assertThat(r.lines().get(3).path("annulled").asBoolean()).isTrue();
    }

    @Test
    @DisplayName("search filters as the RICERCA screen: year, number, dates, direction, annulled, office, PEC sent, text")
    void searchFilters() throws Exception {
        assertThat(register("search", "--json", "--direction", "out").protocols()).containsExactly(risposta.toString());
        assertThat(register("search", "--json", "--direction", "in", "--annulled", "exclude").protocols())
                .containsExactly(accesso.toString(), conferenza.toString());
        assertThat(register("search", "--json", "--annulled", "only").protocols()).containsExactly(annullata.toString());
        assertThat(register("search", "--json", "--office", "UFF_TECNICO").protocols()).containsExactly(accesso.toString(), conferenza.toString());
        assertThat(register("search", "--json", "--pec").protocols()).containsExactly(risposta.toString());
        assertThat(register("search", "--json", "--text", "ROSSI").protocols()).containsExactly(accesso.toString());
        assertThat(register("search", "--json", "--year", "2026", "--number", "2").protocols()).containsExactly(conferenza.toString());
        assertThat(register("search", "--json", "--year", "2025").protocols()).isEmpty();
        assertThat(register("search", "--json", "--from", "2026-03-02", "--to", "2026-03-02").protocols()).hasSize(4);
        assertThat(register("search", "--json", "--from", "2026-03-03").protocols()).isEmpty();
        assertThat(register("search", "--json", "--limit", "2", "--offset", "1").protocols()).containsExactly(conferenza.toString(), risposta.toString());
        Run text = register("search", "--office", "UFF_SEGRETERIA");
        assertThat(text.status()).isZero();
        assertThat(text.out()).contains("c_demo/AOO_DEMO/PG/2026/0000002", "2026-03-02 09:15", "Convocazione conferenza di servizi",
                "UFF_SEGRETERIA").doesNotContain("0000001");
    }

    @Test
    @DisplayName("show prints everything about a registration, its audit trail included; an unknown one exits 4 in one line")
    void show() throws Exception {
        Run json = register("show", annullata.toString(), "--json");
        assertThat(json.status()).as(json.err()).isZero();
        JsonNode s = json.lines().get(0);
        assertThat(s.path("annulment").asText()).contains("Det. RGD n. 1/2026", "registrata per errore");
        assertThat(s.path("audit")).extracting(a -> a.path("action").asText()).containsExactly("registered", "annulled");
        assertThat(s.path("audit").get(0).path("actor").asText()).isEqualTo("m.bianchi");
        Run text = register("show", risposta.toString());
        assertThat(text.out()).contains("=== c_demo/AOO_DEMO/PG/2026/0000003", "outgoing over pec", "Edilizia Srl", "risposta.pdf",
                "sent", "audit trail", "transmission-recorded");
        Run missing = register("show", "c_demo/AOO_DEMO/PG/2026/0000099");
        assertThat(missing.status()).isEqualTo(4);
        assertThat(missing.err().strip()).isEqualTo("pec register show: no registration c_demo/AOO_DEMO/PG/2026/0000099");
        assertThat(register("show", "42").status()).isEqualTo(2);
    }

    @Test
    @DisplayName("open writes a document's bytes, by index or by name, to a file or to standard output")
    void open() throws Exception {
        Path out = dir.resolve("domanda.pdf");
        Run byIndex = register("open", accesso.toString(), "1", "--out", out.toString());
        assertThat(byIndex.status()).as(byIndex.err()).isZero();
        assertThat(Files.readAllBytes(out)).isEqualTo(PDF);
        Run byName = register("open", accesso.toString(), "messaggio.eml");
        assertThat(byName.status()).as(byName.err()).isZero();
        assertThat(byName.bytes()).isEqualTo(ENVELOPE);
        Run unknown = register("open", accesso.toString(), "nessuno.pdf");
        assertThat(unknown.status()).isEqualTo(4);
        assertThat(unknown.err()).contains("has no document named 'nessuno.pdf'");
        assertThat(register("open", accesso.toString(), "7").status()).isEqualTo(4);
    }

    @Test
    @DisplayName("open refuses bytes that do not match the impronta: exit 4, and no file left behind")
    void openChecksTheImpronta() throws Exception {
        byte[] forged = PDF.clone();
        forged[0] ^= 1;
        try (Connection c = DriverManager.getConnection(url); PreparedStatement ps = c.prepareStatement(
                "UPDATE pec4j_content_part SET part_data = ? WHERE chunk_key = (SELECT chunk_key FROM pec4j_content WHERE sha256 = ?)")) {
            ps.setBytes(1, forged);
            ps.setString(2, Impronta.of(PDF).hex());
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        Path target = dir.resolve("out").resolve("domanda.pdf");
        Files.createDirectories(target.getParent());
        Run r = register("open", accesso.toString(), "domanda.pdf", "--out", target.toString());
        assertThat(r.status()).isEqualTo(4);
        assertThat(r.err()).contains("do not match the registered impronta", Impronta.of(PDF).hex(), "nothing written");
        try (Stream<Path> left = Files.list(target.getParent())) {
            assertThat(left).isEmpty();
        }
        Run toStdout = register("open", accesso.toString(), "1");
        assertThat(toStdout.status()).isEqualTo(4);
        assertThat(toStdout.bytes()).isEmpty();
    }

    @Test
    @DisplayName("assign adds an audited assignment per competenza or per conoscenza; desk lists what waits, oldest first")
    void assignAndDesk() throws Exception {
        assertThat(register("assign", risposta.toString(), "UFF_TECNICO").status()).isEqualTo(2); // --operator is required
        Run assign = register("assign", risposta.toString(), "UFF_TECNICO", "--conoscenza", "--operator", "m.bianchi");
        assertThat(assign.status()).as(assign.err()).isZero();
        JsonNode shown = register("show", risposta.toString(), "--json").lines().get(0);
        assertThat(shown.path("assignments").get(0).path("kind").asText()).isEqualTo("conoscenza");
        assertThat(shown.path("audit").get(shown.path("audit").size() - 1).path("action").asText()).isEqualTo("assigned");
        Run desk = register("desk", "UFF_TECNICO", "--json");
        assertThat(desk.status()).as(desk.err()).isZero();
        assertThat(desk.protocols()).containsExactly(accesso.toString(), conferenza.toString(), risposta.toString());
        Run text = register("desk", "UFF_SEGRETERIA");
        assertThat(text.out()).contains("Desk of UFF_SEGRETERIA: 1 waiting", conferenza.toString());
        assertThat(register("assign", annullata.toString(), "UFF_TECNICO", "--operator", "m.bianchi").status()).isEqualTo(4);
    }

    @Test
    @DisplayName("usage errors exit 2; an unreachable register exits 3; passwords in the URL are never printed")
    void errors() {
        assertThat(run("register").status()).isEqualTo(2);
        assertThat(run("register", "frobnicate").status()).isEqualTo(2);
        assertThat(register("search", "--direction", "sideways").status()).isEqualTo(2);
        assertThat(register("search", "--annulled", "maybe").err()).contains("--annulled is one of [include, exclude, only]");
        assertThat(register("search", "--from", "yesterday").status()).isEqualTo(2);
        assertThat(register("take", accesso.toString()).status()).isEqualTo(2);
        assertThat(run("register", "search", "--registry", "postgres://x").status()).isEqualTo(2);
        Run down = run("register", "search", "--registry", "jdbc:postgresql://127.0.0.1:1/none?user=u&password=s3cr3t");
        assertThat(down.status()).isEqualTo(3);
        assertThat(down.err()).contains("cannot reach the register").doesNotContain("s3cr3t");
    }

    @Test
    @org.junit.jupiter.api.Tag("MRM-DESK-01")
    @DisplayName("MRM-DESK-01 take and reject over the JDBC register: presa in carico recorded, rifiuto back to the protocol office")
    void takeAndRejectOverJdbc() throws Exception {
        Run take = register("take", accesso.toString(), "UFF_TECNICO", "--operator", "g.verdi");
        assertThat(take.status()).as(take.err()).isZero();
        JsonNode a = register("show", accesso.toString(), "--json").lines().get(0).path("assignments").get(0);
        assertThat(a.path("takenBy").asText()).isEqualTo("g.verdi");
        assertThat(a.path("takenAt").isNull()).isFalse();
        Run reject = register("reject", conferenza.toString(), "UFF_TECNICO", "--reason", "non di competenza", "--to", "PROTOCOLLO",
                "--operator", "g.verdi");
        assertThat(reject.status()).as(reject.err()).isZero();
        assertThat(register("desk", "UFF_TECNICO", "--json").protocols()).isEmpty();
        assertThat(register("desk", "PROTOCOLLO", "--json").protocols()).containsExactly(conferenza.toString());
        Run again = register("reject", accesso.toString(), "UFF_TECNICO", "--reason", "x", "--to", "PROTOCOLLO", "--operator", "g.verdi");
        assertThat(again.status()).isEqualTo(4);
        assertThat(again.err()).startsWith("pec register reject: already taken in charge: ");
    }
}
