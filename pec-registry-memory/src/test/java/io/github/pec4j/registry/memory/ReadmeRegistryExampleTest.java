package io.github.pec4j.registry.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pec4j.registry.Actor;
import io.github.pec4j.registry.AnnulmentRequest;
import io.github.pec4j.registry.Assignment;
import io.github.pec4j.registry.Change;
import io.github.pec4j.registry.Channel;
import io.github.pec4j.registry.Classification;
import io.github.pec4j.registry.Correspondent;
import io.github.pec4j.registry.DailyRegister;
import io.github.pec4j.registry.DocumentRequest;
import io.github.pec4j.registry.IdempotencyKey;
import io.github.pec4j.registry.ProtocolRegistries;
import io.github.pec4j.registry.ProtocolRegistry;
import io.github.pec4j.registry.RegisterId;
import io.github.pec4j.registry.Registration;
import io.github.pec4j.registry.RegistrationRequest;
import io.github.pec4j.registry.RegistrationResult;
import io.github.pec4j.registry.RegistryOptions;
import io.github.pec4j.registry.SearchQuery;
import io.github.pec4j.registry.tck.MutableClock;
import java.io.PrintStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's registry example, compiled and run; keep the two in step. */
class ReadmeRegistryExampleTest {
    @Test
    void readmeExample() throws Exception {
        MutableClock clock = MutableClock.at("2025-03-14T09:00:00Z");
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        byte[] pdfBytes = "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
        List<DailyRegister> conservation = new ArrayList<>();

        // README: registry
        RegisterId pg = RegisterId.of("c_h501", "AOO_CENTRALE", "PG");     // amministrazione, AOO, registro
        Actor intake = Actor.system("pec-intake");
        try (ProtocolRegistry registry = ProtocolRegistries.open("memory", RegistryOptions.defaults().withClock(clock))) {
            RegistrationResult result = registry.register(RegistrationRequest.incoming(pg, Channel.PEC)
                    .correspondent(Correspondent.of("Mario Rossi", "mario.rossi@pec.example.it"))
                    .oggetto("Richiesta di accesso agli atti")
                    .document(DocumentRequest.of("istanza.pdf", "application/pdf", pdfBytes))  // impronta computed and checked
                    .classification(Classification.of("VI.3"))
                    .idempotencyKey(IdempotencyKey.forMessage("protocollo@pec.comune.example.it", "<opec.1@pec>", "<m1@client>"))
                    .operator(intake)
                    .build());
            Registration r = result.registration();                      // result.duplicate(): taken in before
            out.println(r.id() + " " + r.documents().get(0).impronta()); // c_h501/AOO_CENTRALE/PG/2025/0000001 SHA-256:...
            registry.update(r.id(), intake, Change.assign(Assignment.competenza("UFF-TECNICO")));
            registry.annul(r.id(), new AnnulmentRequest("Det. RGD n. 12/2025", LocalDate.of(2025, 3, 14),
                    "registrato due volte", Actor.of("rgd.verdi", "Paolo Verdi")));
            out.println(registry.search(SearchQuery.all().text("accesso")).size());      // annulled, still there: 1
            clock.set("2025-03-15T07:00:00Z");                                            // the day has closed in Rome
            registry.publishDailyRegister(pg, LocalDate.of(2025, 3, 14), conservation::add);
        }
        // README: end

        assertThat(buffer.toString(StandardCharsets.UTF_8)).startsWith("c_h501/AOO_CENTRALE/PG/2025/0000001 SHA-256:");
        assertThat(buffer.toString(StandardCharsets.UTF_8)).endsWith("\n1\n");
        assertThat(conservation).singleElement().satisfies(d -> assertThat(d.entries()).hasSize(1));
        String readme = Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8);
        String test = Files.readString(Path.of("src/test/java/io/github/pec4j/registry/memory/ReadmeRegistryExampleTest.java"), StandardCharsets.UTF_8);
        String snippet = test.substring(test.indexOf("// README: registry\n") + "// README: registry\n".length(), test.indexOf("        // README: end"));
        assertThat(readme).as("README shows the example exactly").contains(snippet.stripTrailing().stripIndent());
    }
}
