package io.github.pec4j.benchmarks;

import io.github.pec4j.registry.Actor;
import io.github.pec4j.registry.BatchResult;
import io.github.pec4j.registry.Channel;
import io.github.pec4j.registry.Classification;
import io.github.pec4j.registry.Correspondent;
import io.github.pec4j.registry.DocumentRequest;
import io.github.pec4j.registry.IdempotencyKey;
import io.github.pec4j.registry.ProtocolRegistry;
import io.github.pec4j.registry.RegisterId;
import io.github.pec4j.registry.RegistrationRequest;
import io.github.pec4j.registry.jdbc.JdbcRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * What the embedded H2 register writes to its file per registration, counted by H2 itself ({@code info.FILE_WRITE}:
 * stores of its copy-on-write pages; {@code info.FILE_WRITE_BYTES}). Unlike CPU time these counts do not move with
 * the machine's load, so two builds compare exactly. The registrations are made as the mailroom makes them: groups
 * of 16 through {@code registerAll}, each with a correspondent, a classification and one document of 2–4 KB.
 *
 * <p>Run from the repository root, after {@code ./mvnw -q -B install -DskipTests} (or with another build's jar):
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.github.pec4j.benchmarks.H2Writes [groups, default 20]
 * </pre>
 *
 * <p>2026-12-03, before and after schema 5 (H2 reserving identities 1,024 at a time instead of 32,
 * REG-H2-OPT-03; this class compiled against e2fe247's jar, then this build's): 0.125 → 0.063 stores and 10,074 → 8,102
 * bytes written per registration; that is one store per group instead of two (the second was H2 reserving 32 more
 * audit identities).
 */
public final class H2Writes {
    private static final int GROUP = 16;
    private static final RegisterId REGISTER = RegisterId.of("c_bench", "AOO_BENCH", "PG");

    private H2Writes() {}

    public static void main(String[] args) throws IOException, SQLException {
        int groups = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        Path dir = Files.createTempDirectory("pec4j-h2-writes");
        try {
            Random random = new Random(1);
            try (ProtocolRegistry registry = JdbcRegistry.embedded(dir, Clock.systemUTC())) {
                register(registry, 2, random); // the schema and the first pages, outside the count
                long[] before = counts(dir);
                register(registry, groups, random);
                long[] after = counts(dir);
                double n = (double) groups * GROUP;
                System.out.printf(Locale.ROOT, "%d registrations in groups of %d: %.3f stores, %.0f bytes written per registration%n",
                        (int) n, GROUP, (after[0] - before[0]) / n, (after[1] - before[1]) / n);
            }
        } finally {
            Fixtures.deleteTree(dir);
        }
    }

    private static void register(ProtocolRegistry registry, int groups, Random random) throws IOException {
        for (int g = 0; g < groups; g++) {
            List<RegistrationRequest> requests = new ArrayList<>();
            for (int i = 0; i < GROUP; i++) {
                byte[] document = new byte[2000 + random.nextInt(2000)];
                random.nextBytes(document);
                requests.add(RegistrationRequest.incoming(REGISTER, Channel.PEC).oggetto("Istanza " + g + "/" + i)
                        .correspondent(Correspondent.of("Mario Rossi", "mario" + i + "@pec.example.it"))
                        .classification(Classification.of("1.2")).operator(Actor.system("mailroom"))
                        .idempotencyKey(IdempotencyKey.of("h2-writes-" + random.nextLong()))
                        .document(DocumentRequest.of("istanza.bin", "application/octet-stream", document)).build());
            }
            for (BatchResult r : registry.registerAll(requests)) r.orThrow();
        }
    }

    /** H2's own counters of the database the registry has open (a second connection in this JVM shares it). */
    private static long[] counts(Path dir) throws SQLException {
        try (Connection c = DriverManager.getConnection(JdbcRegistry.h2Url(dir.resolve("registry")), "", "")) {
            return new long[] {Fixtures.h2Counter(c, "info.FILE_WRITE"), Fixtures.h2Counter(c, "info.FILE_WRITE_BYTES")};
        }
    }
}
