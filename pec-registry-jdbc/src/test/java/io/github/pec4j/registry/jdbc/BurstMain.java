package io.github.pec4j.registry.jdbc;

import io.github.pec4j.registry.Actor;
import io.github.pec4j.registry.Channel;
import io.github.pec4j.registry.Classification;
import io.github.pec4j.registry.Correspondent;
import io.github.pec4j.registry.DocumentRequest;
import io.github.pec4j.registry.IdempotencyKey;
import io.github.pec4j.registry.ProtocolRegistry;
import io.github.pec4j.registry.RegisterId;
import io.github.pec4j.registry.RegistrationRequest;
import io.github.pec4j.registry.RegistrationResult;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The child JVM of the crash and multi-process tests: opens a registry, waits for a line on standard
 * input, registers one request per key and prints {@code committed <key> <number> <duplicate>} after
 * each commit.
 *
 * <p>Arguments: {@code url user schema|- contentDir|- key...}; a key {@code prefix-from..to} stands
 * for {@code prefix-from} to {@code prefix-to}.
 */
public final class BurstMain {
    /** The register the bursts use. */
    static final RegisterId REGISTER = RegisterId.of("c_h501", "AOO_CRASH", "PG");
    /** The clock of every burst: numbers all fall in 2025. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-02T08:00:00Z"), ZoneOffset.UTC);

    private BurstMain() {}

    /** The request registered under {@code key}: a small document of its own and a generated one. */
    static RegistrationRequest request(String key) {
        return RegistrationRequest.incoming(REGISTER, Channel.PEC)
                .correspondent(Correspondent.of("Mittente " + key, key + "@pec.example.it"))
                .oggetto("Istanza " + key)
                .document(DocumentRequest.of("istanza-" + key + ".txt", "text/plain", ("contenuto di " + key).getBytes(StandardCharsets.UTF_8)))
                .classification(Classification.of("VI.3"))
                .operator(Actor.system("intake"))
                .idempotencyKey(IdempotencyKey.of(key))
                .generated((id, at) -> List.of(DocumentRequest.of("Segnatura.xml", "application/xml",
                        ("<Segnatura numero=\"" + id.formattedNumber() + "\"/>").getBytes(StandardCharsets.UTF_8))))
                .build();
    }

    static JdbcRegistryConfig config(String schema, String contentDir) {
        JdbcRegistryConfig config = JdbcRegistryConfig.defaults();
        if (!schema.equals("-")) config = config.withSchema(schema);
        if (!contentDir.equals("-")) config = config.withContentDirectory(Path.of(contentDir));
        return config;
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        try (ProtocolRegistry registry = JdbcRegistry.open(args[0], args[1], "", config(args[2], args[3]), CLOCK)) {
            out.println("ready");
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            for (int a = 4; a < args.length; a++) {
                for (String key : expand(args[a])) {
                    RegistrationResult result = registry.register(request(key));
                    out.println("committed " + key + " " + result.registration().id().number() + " " + result.duplicate());
                }
            }
        }
        out.println("done");
    }

    /** {@code burst-0..3} is burst-0, burst-1, burst-2, burst-3; anything else is itself. */
    static List<String> expand(String keys) {
        int dots = keys.indexOf("..");
        if (dots < 0) return List.of(keys);
        int dash = keys.lastIndexOf('-', dots);
        String prefix = keys.substring(0, dash + 1);
        int from = Integer.parseInt(keys.substring(dash + 1, dots));
        int to = Integer.parseInt(keys.substring(dots + 2));
        return java.util.stream.IntStream.rangeClosed(from, to).mapToObj(i -> prefix + i).toList();
    }
}
