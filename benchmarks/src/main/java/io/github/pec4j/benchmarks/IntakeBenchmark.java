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
import io.github.pec4j.registry.TransmissionEvent;
import io.github.pec4j.registry.RegistrationRequest;
import io.github.pec4j.registry.Registration;
import io.github.pec4j.registry.DocumentRequest;
import io.github.pec4j.registry.Correspondent;
import io.github.pec4j.registry.Channel;
import io.github.pec4j.registry.BatchResult;
import io.github.pec4j.registry.Impronta;
import io.github.pec4j.registry.ProtocolRegistry;
import io.github.pec4j.registry.RegisterId;
import io.github.pec4j.registry.jdbc.JdbcRegistry;
import io.github.pec4j.registry.jdbc.JdbcRegistryConfig;
import io.github.pec4j.signature.ProviderSignatureVerifier;
import io.github.pec4j.signature.TrustStore;
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
import java.util.concurrent.Callable;
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
 * The whole intake, per message, over the realistic {@link IntakeMix} (16 messages: envelopes with PDFs of 100 KB
 * to 1 MB, signed {@code .p7m}, receipts of every kind, an anomalia, ordinary mail) into a registry — embedded H2
 * (file) or PostgreSQL on 127.0.0.1:5432 (a throw-away schema) — with one worker (one box, one {@link Mailroom}) or
 * two (two boxes, two mailrooms on two threads, one registry).
 *
 * <p>Variants, each doing strictly more than the one before on the same messages, so that differences give each
 * stage's share: {@link #sha256} (the floor: SHA-256 of the bytes), {@link #parse}, {@link #parseVerify} (the provider signature),
 * {@link #admit} (provider signature, signed documents, formats, rules, decision; receipts: their signature), {@link #registerEach} (and
 * the registration of every message to register, one transaction each), {@link #registerGrouped} (the same with
 * {@code registerAll}: one transaction for the round, group commit; {@link #registerGroupedWorkers} on {@code workers}
 * threads at once), and {@link #intake} (the mailroom's round
 * over IMAP on loopback: fetch, journal, lease, receipts filed on their registrations, MOVE; {@link #intakeBacklog}
 * the same over four times the messages, as after an outage, so a round's fixed costs and the wait for the slower
 * of two mailrooms weigh less; {@link #intakeNoImap} the same rounds over boxes in memory: everything but the IMAP
 * transfer, in wall time too), beside {@link #fetch}
 * (IMAP alone: list and read every message with BODY.PEEK in 1 MiB partial fetches, as the mailroom does). The whole intake but the IMAP transfer is
 * {@code intake − fetch}.
 *
 * <p>Beside the wall time, {@link Cpu} counts the CPU time of the working threads (µs) and the messages of each
 * iteration: their ratio is the CPU per message, which holds on a loaded machine where wall time does not. JMH
 * runs the variants one after another in one JVM; {@code benchmarks/intake-vs-pgbench.sh} interleaves short runs.
 * Messages are made and delivered between invocations, outside the measured time.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar IntakeBenchmark -f 1 -wi 5 -w 2s -i 5 -r 3s -p store=h2
 * -p workers=1} (PostgreSQL on 127.0.0.1:5432 for {@code store=postgresql}); read {@code ·cpuUs / ·messages} (and {@code ·processCpuUs / ·messages}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class IntakeBenchmark {
    /** Two rounds of the mix per invocation: both to the one box, or one to each of two. */
    static final int BATCH = 2 * IntakeMix.SIZE;
    /** {@link #intakeBacklog}: eight rounds of the mix per invocation, a backlog the mailroom takes in groups in one round. */
    static final int BACKLOG = 8 * IntakeMix.SIZE;
    static final String POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final RegisterId REGISTER = RegisterId.of("c_esempio", "AOO_ESEMPIO", "PG");
    private static final String PASSWORD = "bench-pw";
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final String SIDE_BOX = "protocollo@pec.comune.esempio.it";

    @Param({"h2", "postgresql"})
    public String store;

    @Param({"1", "2"})
    public int workers;

    /** {@code testkit}: the testkit's mix (PDFs of 100 KB–1 MB, ≈ 340 KB a message); {@code issue}: issue 15's own mix (≈ 66 KB). */
    @Param({"testkit", "issue"})
    public String mixKind;

    /** {@code Mailroom.Builder.fetchAhead} of the mailrooms (MRM-PREFETCH-01; 0: each message fetched when its turn comes). */
    @Param({"2"})
    public int fetchAhead;

    /** The mailrooms' IMAP round trip, by a {@link DelayProxy} in front of the simulator (0: straight to it). */
    @Param({"0"})
    public int rttMs;

    private PecProviderSimulator sim;
    private DelayProxy proxy;
    private ProtocolRegistry registry;
    private Path dir;
    /** A connection of this JVM to the embedded register's database, to read H2's counters (store=h2). */
    private Connection h2Info;
    private String schema;
    private final List<String> boxes = new ArrayList<>();
    private final List<Mailroom> mailrooms = new ArrayList<>();
    private final List<MemoryBox> memoryBoxes = new ArrayList<>();
    private final List<Mailroom> memoryMailrooms = new ArrayList<>();
    private ExecutorService pool;
    private TrustStore trust;
    private PecParser parser;
    private PecParser digesting;
    private ProviderSignatureVerifier verifier;
    private PecAdmission admission;
    private AdmissionEngine engine;
    private AooConfig aoo;
    private List<IntakeMix.Item> batch = List.of();
    private IntakeMix mix;
    private long sequence;

    /**
     * CPU time of the threads doing the work (the benchmark thread, or the mailrooms' threads and their fetching
     * threads), in µs, and the
     * messages, per iteration: CPU per message = cpuUs / messages. Thread CPU holds when other processes load the
     * machine and wall time does not; it leaves out the simulator's server threads, H2's and PostgreSQL's own
     * threads, the JIT and the GC, and the parser's spooling thread (attachments past 256 KiB).
     * {@code processCpuUs} is the whole JVM's CPU over the same invocations: it counts those (and the embedded H2,
     * which runs on the caller's threads anyway), but also the simulator's threads in {@code intake} and
     * {@code fetch}; on a quiet machine it is the honest upper figure, {@code cpuUs} the lower.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Cpu {
        public long cpuUs;
        public long processCpuUs;
        public long messages;
        /** Stores of its pages the embedded H2 wrote to its file (store=h2; each is a commit's or a reservation's): noise-free. */
        public long h2Stores;
        private long storesAtStart = -1;
        private long processStart;

        void add(long cpuNs) {
            cpuUs += cpuNs / 1_000;
        }

        /** Process CPU from here to {@link #stop()}. */
        void start() {
            processStart = OS.getProcessCpuTime();
        }

        void stop() {
            processCpuUs += (OS.getProcessCpuTime() - processStart) / 1_000;
        }

        /** Runs {@code work} on this thread, counting its thread CPU and the process CPU meanwhile. */
        void onThisThread(Work work) throws Exception {
            start();
            long t0 = THREADS.getCurrentThreadCpuTime();
            work.run();
            add(THREADS.getCurrentThreadCpuTime() - t0);
            stop();
        }

        /**
         * Runs the tasks on threads of {@code pool}, all at once, counting their thread CPU, the mailrooms' fetching
         * threads' (MRM-PREFETCH-01: they read and spool the messages, SHA-256 included) and the process CPU; the sum
         * of their results.
         */
        int onThreads(ExecutorService pool, List<Callable<Integer>> tasks) throws Exception {
            start();
            long fetching = fetchingThreadsCpu();
            List<Future<long[]>> running = new ArrayList<>();
            for (Callable<Integer> task : tasks) {
                running.add(pool.submit(() -> {
                    long t0 = THREADS.getCurrentThreadCpuTime();
                    int result = task.call();
                    return new long[] {result, THREADS.getCurrentThreadCpuTime() - t0};
                }));
            }
            int total = 0;
            for (Future<long[]> f : running) {
                long[] done = f.get();
                total += (int) done[0];
                add(done[1]);
            }
            add(fetchingThreadsCpu() - fetching);
            stop();
            return total;
        }

        /** The CPU time of the mailrooms' fetching threads ({@code pec4j-fetch-<box>}), in ns. */
        private static long fetchingThreadsCpu() {
            long ns = 0;
            for (java.lang.management.ThreadInfo t : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
                if (t != null && t.getThreadName().startsWith("pec4j-fetch-")) ns += Math.max(0, THREADS.getThreadCpuTime(t.getThreadId()));
            }
            return ns;
        }

        /** H2's store count once the invocation's messages are delivered (the benchmark's own setup runs first). */
        @Setup(Level.Invocation)
        public void mark(IntakeBenchmark bench) throws SQLException {
            storesAtStart = bench.h2Stores();
        }

        @TearDown(Level.Invocation)
        public void count(BenchmarkParams params, IntakeBenchmark bench) throws SQLException {
            messages += params.getBenchmark().endsWith(".intakeBacklog") ? BACKLOG : BATCH;
            if (storesAtStart >= 0) h2Stores += bench.h2Stores() - storesAtStart;
        }
    }

    /** A benchmark's measured work. */
    @FunctionalInterface
    interface Work {
        void run() throws Exception;
    }

    @Setup(Level.Trial)
    public void setUp() throws IOException, ReflectiveOperationException, SQLException {
        sim = PecProviderSimulator.start();
        if (rttMs > 0) proxy = new DelayProxy(sim.imap().port(), rttMs);
        mix = new IntakeMix(mixKind);
        trust = TrustStore.builder().addCertificate(TestPki.shared().caCertificate()).build();
        registry = openRegistry();
        if (dir != null) h2Info = DriverManager.getConnection(JdbcRegistry.h2Url(dir.resolve("registry")), "", ""); // the same database, in this JVM
        for (int w = 0; w < workers; w++) {
            String box = w == 0 ? SIDE_BOX : "protocollo" + (w + 1) + "@pec.comune.esempio.it";
            sim.box(box, PASSWORD);
            boxes.add(box);
            mailrooms.add(Mailroom.builder(registry, REGISTER, AooConfig.defaults().withMailboxes(box)).imap(imap(box)).trust(trust)
                    .pollInterval(Duration.ofSeconds(1)).fetchAhead(fetchAhead).build());
            MemoryBox memory = new MemoryBox(box);
            memoryBoxes.add(memory);
            memoryMailrooms.add(MemoryBox.into(Mailroom.builder(registry, REGISTER, AooConfig.defaults().withMailboxes(box)), memory).trust(trust)
                    .fetchAhead(fetchAhead).build());
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
        int port = proxy != null ? proxy.port() : sim.imap().port();
        return ImapSettings.parse("imap://" + box.replace("@", "%40") + "@127.0.0.1:" + port + "?starttls=none")
                .withPassword(PASSWORD.toCharArray());
    }

    /**
     * Fills the boxes with a new round of the mix before each intake (the sent registrations its receipts are
     * about registered first), or makes a new round before each registering variant (new keys: nothing is a
     * duplicate); the other variants make one round and read it again. Outside the timing.
     */
    @Setup(Level.Invocation)
    public void deliver(BenchmarkParams params) throws IOException {
        deliverRound(params);
    }

    /** H2's own count of the stores of its pages written to the file so far ({@code info.FILE_WRITE}); -1 on PostgreSQL. */
    long h2Stores() throws SQLException {
        return h2Info == null ? -1 : Fixtures.h2Counter(h2Info, "info.FILE_WRITE");
    }

    private void deliverRound(BenchmarkParams params) throws IOException {
        String method = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
        boolean inbox = method.startsWith("intake") || method.equals("fetch");
        boolean inMemory = method.equals("intakeNoImap");
        boolean fresh = method.startsWith("intake") || method.startsWith("register");
        if (!fresh && !batch.isEmpty()) return;
        List<IntakeMix.Item> round = new ArrayList<>();
        int rounds = (method.equals("intakeBacklog") ? BACKLOG : BATCH) / IntakeMix.SIZE;
        for (int r = 0; r < rounds; r++) {
            String box = boxes.get(r % workers);
            for (IntakeMix.Item item : mix.round(++sequence, box)) {
                round.add(item);
                if (!inbox) continue;
                if (!item.sentMessageId().isEmpty()) sent(item.sentMessageId());
                if (inMemory) memoryBoxes.get(r % workers).deliver(item.raw());
                else sim.deliverRaw(box, item.raw());
            }
        }
        batch = round;
    }

    /** An outgoing registration sent with Message-ID {@code messageId}, for a receipt of the mix to be filed on. */
    private void sent(String messageId) throws IOException {
        Registration r = registry.register(RegistrationRequest.outgoing(REGISTER, Channel.PEC)
                .correspondent(Correspondent.of("Regione", "ufficio.tributi@pec.regione.esempio.it")).oggetto("Risposta " + messageId)
                .document(DocumentRequest.of("risposta.pdf", "application/pdf", Attachments.pdf())).classification(Classification.of("I.1"))
                .operator(Actor.system("bench")).build()).registration();
        registry.recordTransmission(r.id(), new TransmissionEvent(TransmissionEvent.Type.SENT, Optional.empty(), r.registeredAt(), Optional.empty(),
                Optional.of(messageId), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()), Optional.empty(), Actor.system("bench"));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException, SQLException {
        pool.shutdownNow();
        for (Mailroom m : mailrooms) m.close();
        for (Mailroom m : memoryMailrooms) m.close();
        if (h2Info != null) h2Info.close();
        registry.close();
        if (proxy != null) proxy.close();
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
        return runRounds(cpu, BATCH);
    }

    /** {@link #intake} of a backlog: four times the messages in the boxes when the mailrooms' rounds start. */
    @Benchmark
    @OperationsPerInvocation(BACKLOG)
    public int intakeBacklog(Cpu cpu) throws Exception {
        return runRounds(cpu, BACKLOG);
    }

    /**
     * {@link #intake} over boxes in memory ({@link MemoryBox}): the whole intake but the IMAP transfer, on the mailrooms'
     * threads, in wall time as in CPU time.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int intakeNoImap(Cpu cpu) throws Exception {
        return runRounds(cpu, BATCH, memoryMailrooms);
    }

    private int runRounds(Cpu cpu, int expected) throws Exception {
        return runRounds(cpu, expected, mailrooms);
    }

    /** One round of each mailroom, on its own thread, all at once; {@code expected} messages taken in all. */
    private int runRounds(Cpu cpu, int expected, List<Mailroom> rooms) throws Exception {
        List<Callable<Integer>> rounds = new ArrayList<>();
        for (Mailroom m : rooms) rounds.add(() -> m.runOnce().messages().size());
        int taken = cpu.onThreads(pool, rounds);
        if (taken != expected) throw new IllegalStateException("took " + taken + " of " + expected);
        return taken;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long fetch(Cpu cpu) throws MessagingException, IOException {
        cpu.start();
        long t0 = THREADS.getCurrentThreadCpuTime();
        Properties props = new Properties();
        props.put("mail.imap.peek", "true");
        props.put("mail.imap.partialfetch", "true");
        props.put("mail.imap.fetchsize", String.valueOf(1 << 20)); // as the mailroom reads (ImapMailbox.Options.defaults())
        long bytes = 0;
        for (String box : boxes) {
            Store s = Session.getInstance(props).getStore("imap");
            s.connect("127.0.0.1", proxy != null ? proxy.port() : sim.imap().port(), box, PASSWORD);
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
        cpu.stop();
        return bytes;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void sha256(Cpu cpu, Blackhole bh) throws Exception {
        cpu.onThisThread(() -> {
            for (IntakeMix.Item item : batch) bh.consume(Impronta.of(item.raw()));
        });
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void parse(Cpu cpu, Blackhole bh) throws Exception {
        cpu.onThisThread(() -> {
            for (IntakeMix.Item item : batch) {
                try (PecMessage m = parser.parse(item.raw())) {
                    bh.consume(m.kind());
                }
            }
        });
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void parseVerify(Cpu cpu, Blackhole bh) throws Exception {
        cpu.onThisThread(() -> {
            for (IntakeMix.Item item : batch) {
                try (PecMessage m = digesting.parse(item.raw())) {
                    bh.consume(verifier.verify(m));
                }
            }
        });
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void admit(Cpu cpu, Blackhole bh) throws Exception {
        cpu.onThisThread(() -> {
            for (IntakeMix.Item item : batch) {
                try (PecMessage m = digesting.parse(item.raw())) {
                    bh.consume(m.kind().isReceipt() ? verifier.verify(m) : decide(m));
                }
            }
        });
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void registerEach(Cpu cpu, Blackhole bh) throws Exception {
        cpu.onThisThread(() -> {
            for (IntakeMix.Item item : batch) {
                try (PecMessage m = digesting.parse(item.raw())) {
                    if (m.kind().isReceipt()) {
                        bh.consume(verifier.verify(m));
                        continue;
                    }
                    bh.consume(registry.register(request(m)));
                }
            }
        });
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void registerGrouped(Cpu cpu, Blackhole bh) throws Exception {
        cpu.onThisThread(() -> registerGroup(batch, bh));
    }

    /**
     * {@link #registerGrouped} on {@code workers} threads at once, each over its share of the round (one register:
     * their registrations take its counter in turn): the registrations of {@link #intake}'s workers without IMAP,
     * the journal and the filings, as {@code pgbench}'s two clients run the registry's statements.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void registerGroupedWorkers(Cpu cpu, Blackhole bh) throws Exception {
        List<Callable<Integer>> shares = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            List<IntakeMix.Item> share = new ArrayList<>();
            for (int i = w; i < batch.size(); i += workers) share.add(batch.get(i));
            shares.add(() -> {
                registerGroup(share, bh);
                return share.size();
            });
        }
        cpu.onThreads(pool, shares);
    }

    /** Parses and admits {@code items}, verifies the receipts, then registers the rest in one {@code registerAll}. */
    private void registerGroup(List<IntakeMix.Item> items, Blackhole bh) throws IOException {
        List<PecMessage> open = new ArrayList<>();
        try {
            List<RegistrationRequest> requests = new ArrayList<>();
            for (IntakeMix.Item item : items) {
                PecMessage m = digesting.parse(item.raw());
                open.add(m);
                if (m.kind().isReceipt()) {
                    bh.consume(verifier.verify(m));
                } else {
                    requests.add(request(m));
                }
            }
            for (BatchResult r : registry.registerAll(requests)) bh.consume(r.orThrow());
        } finally {
            for (PecMessage m : open) m.close();
        }
    }

    /** The admission's evidence and decision, then the request the mailroom would register. */
    private RegistrationRequest request(PecMessage m) throws IOException {
        Evidence e = admission.evidence(m, Optional.empty(), Optional.empty());
        engine.decide(e);
        return IncomingRequests.builder(REGISTER, SIDE_BOX, m, Optional.of(e)).classification(Classification.of("I.1"))
                .operator(Actor.system("bench")).build();
    }

    private AdmissionDecision decide(PecMessage m) throws IOException {
        return engine.decide(admission.evidence(m, Optional.empty(), Optional.empty()));
    }

}
