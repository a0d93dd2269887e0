package io.github.pec4j.benchmarks;

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
import io.github.pec4j.registry.jdbc.JdbcRegistry;
import io.github.pec4j.registry.jdbc.JdbcRegistryConfig;
import io.github.pec4j.registry.memory.MemoryRegistryProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Comparator;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Registrations per second of the reference registries — in memory, embedded H2 (file), PostgreSQL
 * on 127.0.0.1:5432 (database {@code test}, a throw-away schema) — with one thread and with eight,
 * each registration an incoming PEC with a 2 KB primary document, a fresh idempotency key and the
 * full transaction (number, record, document content, impronta check, audit). The baseline, measured
 * in the same run, is {@link #baselineRequest}: building the same request, SHA-256 of the document
 * included, which every registration costs before any store is touched. The in-memory registry keeps
 * every document on the heap, hence the large heap of the fork.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar RegistryBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx8g"})
public class RegistryBenchmark {
    static final String POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final RegisterId REGISTER = RegisterId.of("c_h501", "AOO_CENTRALE", "PG");
    private static final Actor INTAKE = Actor.system("bench");

    @Param({"memory", "h2", "postgresql"})
    public String store;

    private ProtocolRegistry registry;
    private Path dir;
    private String schema;
    private final AtomicLong sequence = new AtomicLong();
    private byte[] document;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        byte[] text = "Richiesta di accesso agli atti ai sensi della legge 241/1990. ".repeat(40).getBytes(StandardCharsets.UTF_8);
        document = new byte[2048];
        System.arraycopy(text, 0, document, 0, document.length);
        switch (store) {
            case "memory" -> registry = MemoryRegistryProvider.create(Clock.systemUTC());
            case "h2" -> {
                dir = Files.createTempDirectory("pec4j-registry-bench");
                registry = JdbcRegistry.embedded(dir, Clock.systemUTC());
            }
            case "postgresql" -> {
                schema = "pec4j_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
                registry = JdbcRegistry.open(POSTGRES_URL, "postgres", "", JdbcRegistryConfig.defaults().withSchema(schema), Clock.systemUTC());
            }
            default -> throw new IllegalArgumentException(store);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException, SQLException {
        registry.close();
        if (schema != null) {
            try (Connection c = DriverManager.getConnection(POSTGRES_URL, "postgres", ""); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
    }

    private RegistrationRequest next() {
        long n = sequence.incrementAndGet();
        return RegistrationRequest.incoming(REGISTER, Channel.PEC)
                .correspondent(Correspondent.of("Mario Rossi", "mario.rossi@pec.example.it"))
                .oggetto("Richiesta di accesso agli atti n. " + n)
                .document(DocumentRequest.of("istanza-" + n + ".pdf", "application/pdf", distinct(n)))
                .classification(Classification.of("VI.3"))
                .idempotencyKey(IdempotencyKey.of("bench-" + n))
                .operator(INTAKE)
                .build();
    }

    /** Each registration's document differs (its number in the first bytes), so no store can deduplicate it away. */
    private byte[] distinct(long n) {
        byte[] copy = document.clone();
        for (int i = 0; i < 8; i++) copy[i] = (byte) (n >>> (8 * i));
        return copy;
    }

    @Benchmark
    @Threads(1)
    public RegistrationRequest baselineRequest() {
        return next();
    }

    @Benchmark
    @Threads(1)
    public RegistrationResult register1Thread() throws IOException {
        return registry.register(next());
    }

    @Benchmark
    @Threads(8)
    public RegistrationResult register8Threads() throws IOException {
        return registry.register(next());
    }
}
