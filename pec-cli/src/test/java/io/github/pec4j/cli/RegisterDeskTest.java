package io.github.pec4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.pec4j.cli.internal.Registers;
import io.github.pec4j.registry.Actor;
import io.github.pec4j.registry.Assignment;
import io.github.pec4j.registry.Channel;
import io.github.pec4j.registry.Classification;
import io.github.pec4j.registry.Correspondent;
import io.github.pec4j.registry.DocumentRequest;
import io.github.pec4j.registry.ProtocolId;
import io.github.pec4j.registry.ProtocolRegistry;
import io.github.pec4j.registry.RegisterId;
import io.github.pec4j.registry.RegistrationRequest;
import io.github.pec4j.registry.memory.MemoryRegistryProvider;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code pec register take|reject|desk} over the in-memory registry (it has the desk), reached through
 * the CLI's registry seam: every command opens "the register at the URL", and gets this one.
 */
class RegisterDeskTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RegisterId PG = RegisterId.of("c_demo", "AOO_DEMO", "PG");
    private static final String URL = "jdbc:test:memory";

    ProtocolRegistry memory;
    Registers.Opener saved;
    ProtocolId first;
    ProtocolId second;

    record Run(int status, String out, String err) {}

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Run register(String... args) {
        List<String> all = new ArrayList<>(List.of("register"));
        all.addAll(List.of(args));
        all.addAll(List.of("--registry", URL));
        return run(all.toArray(String[]::new));
    }

    /** The registry, as the CLI's commands open and close it: closing the view leaves the registry open. */
    static ProtocolRegistry unclosable(ProtocolRegistry registry) {
        return (ProtocolRegistry) Proxy.newProxyInstance(ProtocolRegistry.class.getClassLoader(), new Class<?>[] {ProtocolRegistry.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close")) return null;
                    try {
                        return method.invoke(registry, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @BeforeEach
    void registry() throws Exception {
        memory = MemoryRegistryProvider.create(Clock.fixed(Instant.parse("2026-03-02T08:15:00Z"), ZoneOffset.UTC));
        saved = Registers.opener;
        Registers.opener = (url, clock) -> {
            assertThat(url).isEqualTo(URL);
            return unclosable(memory);
        };
        first = incoming("Richiesta di accesso agli atti", Assignment.competenza("UFF_TECNICO"));
        second = incoming("Segnalazione buca stradale", Assignment.competenza("UFF_TECNICO"));
    }

    @AfterEach
    void restore() throws Exception {
        Registers.opener = saved;
        memory.close();
    }

    ProtocolId incoming(String oggetto, Assignment assignment) throws Exception {
        return memory.register(RegistrationRequest.incoming(PG, Channel.PEC)
                .correspondent(Correspondent.of("Mario Rossi", "mario.rossi@pec.example.it")).oggetto(oggetto)
                .document(DocumentRequest.of("messaggio.eml", "message/rfc822", oggetto.getBytes(StandardCharsets.UTF_8)))
                .classification(Classification.of("I.1")).assign(assignment).operator(Actor.system("intake")).build()).registration().id();
    }

    @Test
    @Tag("MRM-DESK-01")
    @DisplayName("MRM-DESK-01 take: presa in carico recorded with who and when; the registration leaves the office's desk")
    void take() throws Exception {
        Run take = register("take", first.toString(), "UFF_TECNICO", "--operator", "g.verdi");
        assertThat(take.status()).as(take.err()).isZero();
        assertThat(take.err()).contains("taken in charge by UFF_TECNICO (g.verdi");
        JsonNode shown = JSON.readTree(register("show", first.toString(), "--json").out());
        JsonNode a = shown.path("assignments").get(0);
        assertThat(a.path("takenBy").asText()).isEqualTo("g.verdi");
        assertThat(a.path("takenAt").asText()).isEqualTo("2026-03-02T08:15:00Z");
        assertThat(shown.path("audit")).extracting(e -> e.path("action").asText()).contains("taken-in-charge");
        Run desk = register("desk", "UFF_TECNICO");
        assertThat(desk.out()).contains("1 waiting", second.toString()).doesNotContain(first.toString());
        assertThat(register("take", first.toString(), "UFF_TECNICO", "--operator", "g.verdi").status()).isZero(); // again: nothing changes
    }

    @Test
    @Tag("MRM-DESK-01")
    @DisplayName("MRM-DESK-01 reject: back to the protocol office with the reason; once taken it cannot be rejected")
    void reject() throws Exception {
        Run reject = register("reject", second.toString(), "UFF_TECNICO", "--reason", "non di competenza", "--to", "PROTOCOLLO",
                "--operator", "g.verdi");
        assertThat(reject.status()).as(reject.err()).isZero();
        JsonNode shown = JSON.readTree(register("show", second.toString(), "--json").out());
        assertThat(shown.path("assignments")).extracting(x -> x.path("office").asText()).containsExactly("PROTOCOLLO");
        JsonNode last = shown.path("audit").get(shown.path("audit").size() - 1);
        assertThat(last.path("action").asText()).isEqualTo("assignment-rejected");
        assertThat(last.path("after").asText()).contains("non di competenza");
        assertThat(register("desk", "PROTOCOLLO").out()).contains(second.toString());

        register("take", first.toString(), "UFF_TECNICO", "--operator", "g.verdi");
        Run taken = register("reject", first.toString(), "UFF_TECNICO", "--reason", "x", "--to", "PROTOCOLLO", "--operator", "g.verdi");
        assertThat(taken.status()).isEqualTo(4);
        assertThat(taken.err().lines()).hasSize(1);
        assertThat(taken.err()).startsWith("pec register reject: already taken in charge: ");
    }

    @Test
    @DisplayName("take by an office with no assignment, or on an unknown registration: exit 4, one line")
    void refusals() {
        Run notAssigned = register("take", first.toString(), "UFF_RAGIONERIA", "--operator", "g.verdi");
        assertThat(notAssigned.status()).isEqualTo(4);
        assertThat(notAssigned.err().lines()).hasSize(1);
        assertThat(notAssigned.err()).startsWith("pec register take: not assigned: ");
        Run unknown = register("take", "c_demo/AOO_DEMO/PG/2026/0000042", "UFF_TECNICO", "--operator", "g.verdi");
        assertThat(unknown.status()).isEqualTo(4);
        assertThat(unknown.err().lines()).hasSize(1);
        assertThat(register("reject", first.toString(), "UFF_TECNICO", "--reason", "x", "--operator", "g.verdi").status())
                .as("--to is required").isEqualTo(2);
    }
}
