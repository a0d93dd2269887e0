package io.github.pec4j.benchmarks;

import io.github.pec4j.admission.AdmissionDecision;
import io.github.pec4j.admission.AdmissionEngine;
import io.github.pec4j.admission.AooConfig;
import io.github.pec4j.admission.Evidence;
import io.github.pec4j.admission.PecAdmission;
import io.github.pec4j.core.PecMessage;
import io.github.pec4j.core.PecParser;
import io.github.pec4j.mailroom.ImapSettings;
import io.github.pec4j.mailroom.IncomingRequests;
import io.github.pec4j.mailroom.Mailroom;
import io.github.pec4j.registry.Actor;
import io.github.pec4j.registry.Classification;
import io.github.pec4j.registry.Impronta;
import io.github.pec4j.registry.ProtocolRegistry;
import io.github.pec4j.registry.RegisterId;
import io.github.pec4j.registry.RegistrationResult;
import io.github.pec4j.registry.jdbc.JdbcRegistry;
import io.github.pec4j.registry.jdbc.JdbcRegistryConfig;
import io.github.pec4j.signature.ProviderSignatureVerifier;
import io.github.pec4j.signature.TrustStore;
import io.github.pec4j.simulator.FileAttachment;
import io.github.pec4j.simulator.PecProviderSimulator;
import io.github.pec4j.testkit.Attachments;
import io.github.pec4j.testkit.TestPki;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.eclipse.angus.mail.imap.IMAPMessage;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Intake throughput, messages per second: {@link #intake} takes a batch of {@value #BATCH} genuine PEC envelopes
 * (a small PDF each, ≈ 10 KB) from the {@link PecProviderSimulator}'s IMAP box on loopback into a registry — embedded
 * H2 (file) or PostgreSQL on 127.0.0.1:5432 (a throw-away schema) — with one worker (one box, one {@link Mailroom})
 * or two (two boxes, two mailrooms on two threads, one registry and one register: the mailroom has one worker per
 * box). The same run measures, over messages of the same kind, what each stage adds, each variant doing strictly
 * more than the one before: {@link #sha256} (the floor), {@link #parse}, {@link #parseVerify} (the provider
 * signature), {@link #admit} (evidence: signed documents, formats, rules; decision), {@link #admitRegister} (the
 * registration in the same store), and {@link #fetch} (IMAP: list and read every message's bytes with BODY.PEEK,
 * nothing moved). The intake minus fetch minus admit-and-register is the journal, the lease and the MOVE.
 *
 * <p>Beside the wall time, {@link Cpu} counts the CPU time of the working threads (µs) and the messages of each
 * iteration: their ratio is the CPU per message, which holds on a loaded machine where wall time does not. Messages
 * are delivered between invocations, outside the measured time.
 *
 * <p>Run (the README's figures; PostgreSQL on 127.0.0.1:5432 for {@code store=postgresql}):
 * {@code java -jar benchmarks/target/benchmarks.jar IntakeBenchmark -f 1 -wi 5 -w 2s -i 3 -r 3s}; restrict the
 * stage variants with {@code -p store=h2 -p workers=1} (only {@code intake} and {@code admitRegister} depend on them).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class IntakeBenchmark {
    static final int BATCH = 40;
    static final String POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final RegisterId REGISTER = RegisterId.of("c_esempio", "AOO_ESEMPIO", "PG");
    private static final String PASSWORD = "bench-pw";
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final String SIDE_BOX = "archivio@pec.comune.esempio.it";

    @Param({"h2", "postgresql"})
    public String store;

    @Param({"1", "2"})
    public int workers;

    private PecProviderSimulator sim;
    private ProtocolRegistry registry;
    private Path dir;
    private String schema;
    private final List<String> boxes = new ArrayList<>();
    private final List<Mailroom> mailrooms = new ArrayList<>();
    private ExecutorService pool;
    private TrustStore trust;
    private PecParser parser;
    private PecParser digesting;
    private ProviderSignatureVerifier verifier;
    private PecAdmission admission;
    private AdmissionEngine engine;
    private AooConfig aoo;
    private List<byte[]> batch = List.of();
    private long sequence;

    /**
     * CPU time of the threads doing the work (the benchmark thread, or the mailrooms' threads), in µs, and the
     * messages, per iteration: CPU per message = cpuUs / messages. Thread CPU holds when other processes load the
     * machine and wall time does not; it leaves out the simulator's server threads, H2's and PostgreSQL's own
     * threads, the JIT and the GC.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Cpu {
        public long cpuUs;
        public long messages;

        void add(long cpuNs) {
            cpuUs += cpuNs / 1_000;
        }

        @TearDown(Level.Invocation)
        public void count() {
            messages += BATCH;
        }
    }

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        sim = PecProviderSimulator.start();
        sim.box(SIDE_BOX, PASSWORD);
        trust = TrustStore.builder().addCertificate(TestPki.shared().caCertificate()).build();
        registry = openRegistry();
        for (int w = 0; w < workers; w++) {
            String box = "protocollo" + (w == 0 ? "" : w + 1) + "@pec.comune.esempio.it";
            sim.box(box, PASSWORD);
            boxes.add(box);
            mailrooms.add(Mailroom.builder(registry, REGISTER, AooConfig.defaults().withMailboxes(box)).imap(imap(box)).trust(trust)
                    .pollInterval(Duration.ofSeconds(1)).build());
        }
        pool = Executors.newFixedThreadPool(workers);
        aoo = AooConfig.defaults().withMailboxes(SIDE_BOX);
        parser = PecParser.create();
        digesting = PecParser.create().withSignedContentDigest();
        verifier = ProviderSignatureVerifier.create(trust);
        admission = PecAdmission.builder(aoo).trust(trust).build();
        engine = AdmissionEngine.create(aoo, AdmissionEngine.NO_DIRECTORY);
    }

    private ProtocolRegistry openRegistry() throws IOException {
        if (store.equals("h2")) {
            dir = Files.createTempDirectory("pec4j-intake-bench");
            return JdbcRegistry.embedded(dir, Clock.systemUTC());
        }
        schema = "pec4j_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        return JdbcRegistry.open(POSTGRES_URL, "postgres", "", JdbcRegistryConfig.defaults().withSchema(schema), Clock.systemUTC());
    }

    private ImapSettings imap(String box) {
        return ImapSettings.parse("imap://" + box.replace("@", "%40") + "@127.0.0.1:" + sim.imap().port() + "?starttls=none")
                .withPassword(PASSWORD.toCharArray());
    }

    /**
     * Fills the boxes before each intake, or makes a fresh batch of the same kind before each admit-and-register
     * (outside the timing); the other variants deliver once and read the same messages again.
     */
    @Setup(Level.Invocation)
    public void deliver(BenchmarkParams params) {
        String method = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
        List<byte[]> fresh = new ArrayList<>(BATCH);
        boolean inbox = method.equals("intake") || method.equals("fetch");
        boolean fresh0 = method.equals("intake") || method.equals("admitRegister"); // new keys each time: nothing is a duplicate
        if (!fresh0 && sequence > 0) return; // the others read the same messages again
        for (int i = 0; i < BATCH; i++) {
            long n = ++sequence;
            String to = inbox ? boxes.get(i % boxes.size()) : SIDE_BOX;
            fresh.add(sim.deliverPec("cittadino" + (n % 50) + "@pec.example.it", to, "Istanza n. " + n,
                    FileAttachment.of("istanza-" + n + ".pdf", "application/pdf", Attachments.pdf())).raw());
        }
        batch = fresh;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException, SQLException {
        pool.shutdownNow();
        for (Mailroom m : mailrooms) m.close();
        registry.close();
        sim.close();
        if (schema != null) {
            try (Connection c = DriverManager.getConnection(POSTGRES_URL, "postgres", ""); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
        Fixtures.deleteTree(dir);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int intake(Cpu cpu) throws Exception {
        List<Future<long[]>> rounds = new ArrayList<>();
        for (Mailroom m : mailrooms) {
            rounds.add(pool.submit(() -> {
                long t0 = THREADS.getCurrentThreadCpuTime();
                int n = m.runOnce().messages().size();
                return new long[] {n, THREADS.getCurrentThreadCpuTime() - t0};
            }));
        }
        int taken = 0;
        for (Future<long[]> f : rounds) {
            taken += (int) f.get()[0];
            cpu.add(f.get()[1]);
        }
        if (taken != BATCH) throw new IllegalStateException("took " + taken + " of " + BATCH);
        return taken;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long fetch(Cpu cpu) throws MessagingException, IOException {
        long t0 = THREADS.getCurrentThreadCpuTime();
        Properties props = new Properties();
        props.put("mail.imap.peek", "true");
        long bytes = 0;
        for (String box : boxes) {
            Store s = Session.getInstance(props).getStore("imap");
            s.connect("127.0.0.1", sim.imap().port(), box, PASSWORD);
            try {
                Folder inbox = s.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                for (Message m : inbox.getMessages()) {
                    try (InputStream in = ((IMAPMessage) m).getMimeStream()) {
                        bytes += in.readAllBytes().length;
                    }
                }
                inbox.close(false);
            } finally {
                s.close();
            }
        }
        cpu.add(THREADS.getCurrentThreadCpuTime() - t0);
        return bytes;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void sha256(Cpu cpu, Blackhole bh) {
        long t0 = THREADS.getCurrentThreadCpuTime();
        for (byte[] raw : batch) bh.consume(Impronta.of(raw));
        cpu.add(THREADS.getCurrentThreadCpuTime() - t0);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void parse(Cpu cpu, Blackhole bh) {
        long t0 = THREADS.getCurrentThreadCpuTime();
        for (byte[] raw : batch) {
            try (PecMessage m = parser.parse(raw)) {
                bh.consume(m.kind());
            }
        }
        cpu.add(THREADS.getCurrentThreadCpuTime() - t0);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void parseVerify(Cpu cpu, Blackhole bh) throws IOException {
        long t0 = THREADS.getCurrentThreadCpuTime();
        for (byte[] raw : batch) {
            try (PecMessage m = digesting.parse(raw)) {
                bh.consume(verifier.verify(m));
            }
        }
        cpu.add(THREADS.getCurrentThreadCpuTime() - t0);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void admit(Cpu cpu, Blackhole bh) throws IOException {
        long t0 = THREADS.getCurrentThreadCpuTime();
        for (byte[] raw : batch) {
            try (PecMessage m = digesting.parse(raw)) {
                bh.consume(decide(m));
            }
        }
        cpu.add(THREADS.getCurrentThreadCpuTime() - t0);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void admitRegister(Cpu cpu, Blackhole bh) throws IOException {
        long t0 = THREADS.getCurrentThreadCpuTime();
        for (byte[] raw : batch) {
            try (PecMessage m = digesting.parse(raw)) {
                Evidence e = admission.evidence(m, Optional.empty(), Optional.empty());
                bh.consume(engine.decide(e));
                RegistrationResult r = registry.register(IncomingRequests.builder(REGISTER, SIDE_BOX, m, Optional.of(e))
                        .classification(Classification.of("I.1")).operator(Actor.system("bench")).build());
                bh.consume(r);
            }
        }
        cpu.add(THREADS.getCurrentThreadCpuTime() - t0);
    }

    private AdmissionDecision decide(PecMessage m) throws IOException {
        return engine.decide(admission.evidence(m, Optional.empty(), Optional.empty()));
    }

}
