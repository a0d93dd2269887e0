package io.github.pec4j.benchmarks;

import io.github.pec4j.core.PecKind;
import io.github.pec4j.core.PecMessage;
import io.github.pec4j.core.PecParser;
import io.github.pec4j.receipts.DeliveryState;
import io.github.pec4j.receipts.DeliveryStatus;
import io.github.pec4j.receipts.DeliveryTracker;
import io.github.pec4j.receipts.ReceiptFacts;
import io.github.pec4j.receipts.SentMessage;
import io.github.pec4j.testkit.FixtureKind;
import io.github.pec4j.testkit.MessageBuilder;
import io.github.pec4j.testkit.PecFixtures;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Delivery tracking at the size of the acceptance criterion: 10,000 outgoing messages with 3
 * recipients each and all their receipts correlate in under a second of CPU on one core. One
 * thread; every operation is a whole batch, in milliseconds.
 *
 * <ul>
 *   <li>{@link #correlate}: a fresh {@link DeliveryTracker}, {@code track} of 10,000 {@link SentMessage}s
 *       (3 recipients each), {@code accept} of their 40,000 receipts (per message one accettazione
 *       and three avvenuta-consegna, shuffled, so a consegna often comes before its accettazione),
 *       then {@code status} of every message. The {@link ReceiptFacts} are built in setup with
 *       realistic keys (client Message-IDs, identificativi, receipt Message-IDs, PA addresses).</li>
 *   <li>{@link #baselineHashMap}: the same-run baseline, the least any correlation costs: putting the
 *       40,000 receipt Message-IDs into a fresh {@code HashMap} and getting each back.</li>
 *   <li>{@link #parseAndCorrelate}: the cost of reading real receipts: 1,000 receipts written by the
 *       testkit (250 messages × 4, signed, each consegna carrying the original with its attachment),
 *       each parsed with {@link PecParser} and turned into {@link ReceiptFacts#from}, then accepted;
 *       against {@link #correlateParsed}, the same 1,000 receipts' facts, precomputed.</li>
 * </ul>
 *
 * <p>Build and run from the repository root (copy the jar first if another build may overwrite it):
 *
 * <pre>
 * ./mvnw -q -B install -DskipTests -pl benchmarks -am
 * java -jar benchmarks/target/benchmarks.jar ReceiptsBenchmark -f 1 -wi 3 -i 5
 * taskset -c 0 java -jar benchmarks/target/benchmarks.jar ReceiptsBenchmark -f 1 -wi 3 -i 5   # one core, GC included
 * </pre>
 *
 * <p>Measured on a 2-core VM (OpenJDK 17), pinned to one core with {@code taskset -c 0}, GC included:
 * {@code correlate} 51 ms per batch (≈ 1.3 µs per receipt, 53 MB allocated), 39 × the baseline's
 * 1.3 ms; the second batch in a fresh JVM (single shot) 0.24–0.35 s. Parsing dominates real input:
 * {@code parseAndCorrelate} 36 ms per 1,000 receipts (≈ 36 µs and 147 KB each) against 0.27 ms for
 * {@code correlateParsed}, so 40,000 receipts read from their bytes would take about 1.4 s on one core.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class ReceiptsBenchmark {
    static final int MESSAGES = 10_000;
    static final int PARSED_MESSAGES = 250;
    static final Instant START = Instant.parse("2024-03-15T08:00:00Z");
    /** When the statuses are read: every receipt is in, no deadline has passed for a delivered recipient. */
    static final Instant NOW = START.plus(Duration.ofHours(6));

    /** 10,000 sent messages and their 40,000 receipts as facts. */
    @State(Scope.Benchmark)
    public static class Batch {
        List<SentMessage> sent;
        List<ReceiptFacts> receipts;
        String[] messageIds;
        String[] receiptIds;

        @Setup(Level.Trial)
        public void setUp() {
            Random random = new Random(20240315);
            List<String> addresses = addresses(random);
            sent = new ArrayList<>(MESSAGES);
            receipts = new ArrayList<>(4 * MESSAGES);
            for (int i = 0; i < MESSAGES; i++) {
                Instant at = START.plusSeconds(2L * i);
                String stamp = String.format(Locale.ROOT, "%tY%<tm%<td%<tH%<tM%<tS", at.atZone(ZoneId.of("Europe/Rome")));
                String messageId = stamp + "." + Long.toHexString(random.nextLong() >>> 4) + "@client.protocollo.comune.esempio.it";
                String identificativo = "opec21." + stamp + "." + (10_000 + i) + ".67.1.8@pec.aruba.it";
                Set<String> recipients = new HashSet<>();
                while (recipients.size() < 3) recipients.add(addresses.get(random.nextInt(addresses.size())));
                List<String> to = List.copyOf(recipients);
                sent.add(SentMessage.of("<" + messageId + ">", at, to.toArray(String[]::new)));
                List<ReceiptFacts.Destinatario> destinatari = to.stream().map(a -> new ReceiptFacts.Destinatario(a, false)).toList();
                receipts.add(facts(PecKind.ACCETTAZIONE, identificativo.replace("@", ".09@"), messageId, identificativo, Optional.empty(),
                        at.plusSeconds(1), destinatari));
                for (int r = 0; r < 3; r++) {
                    receipts.add(facts(PecKind.AVVENUTA_CONSEGNA, identificativo.replace("@", ".10." + r + "@"), messageId, identificativo,
                            Optional.of(to.get(r)), at.plusSeconds(3 + random.nextInt(600)), destinatari));
                }
            }
            Collections.shuffle(receipts, random);
            messageIds = sent.stream().map(SentMessage::messageId).toArray(String[]::new);
            receiptIds = receipts.stream().map(r -> r.receiptId().orElseThrow()).toArray(String[]::new);
            check(correlate(sent, receipts), messageIds);
        }
    }

    /** 250 sent messages and their 1,000 receipts, as the testkit writes them (bytes) and as facts. */
    @State(Scope.Benchmark)
    public static class Parsed {
        List<SentMessage> sent;
        List<byte[]> bytes;
        List<ReceiptFacts> receipts;
        String[] messageIds;
        PecParser parser;

        @Setup(Level.Trial)
        public void setUp() {
            Random random = new Random(68);
            List<String> addresses = addresses(random);
            parser = PecParser.create();
            sent = new ArrayList<>(PARSED_MESSAGES);
            bytes = new ArrayList<>(4 * PARSED_MESSAGES);
            int next = 0;
            for (int i = 0; i < PARSED_MESSAGES; i++) {
                Instant at = START.plusSeconds(60L * i);
                PecFixtures fixtures = PecFixtures.create().withClock(Clock.fixed(at.plusSeconds(1), ZoneId.of("Europe/Rome")));
                String messageId = "bench." + i + "." + Long.toHexString(random.nextLong() >>> 4) + "@client.protocollo.comune.esempio.it";
                // the testkit numbers a consegna's Message-ID by its recipient's hash modulo 1000: keep them apart within a message
                List<String> to = new ArrayList<>();
                Set<Integer> buckets = new HashSet<>();
                while (to.size() < 3) {
                    String a = addresses.get(next++);
                    if (buckets.add(Math.abs(a.hashCode() % 1000))) to.add(a);
                }
                sent.add(SentMessage.of(messageId, at, to.toArray(String[]::new)));
                String identificativo = "opec21.bench." + i + ".67.1.8@" + fixtures.domain();
                MessageBuilder accettazione = fixtures.message(FixtureKind.ACCETTAZIONE);
                bytes.add(receipt(accettazione, messageId, identificativo, to).build());
                for (String recipient : to) {
                    bytes.add(receipt(fixtures.message(FixtureKind.AVVENUTA_CONSEGNA), messageId, identificativo, to).deliveredTo(recipient).build());
                }
            }
            Collections.shuffle(bytes, random);
            receipts = new ArrayList<>(bytes.size());
            for (byte[] b : bytes) {
                try (PecMessage m = parser.parse(b)) {
                    receipts.add(ReceiptFacts.from(m, Instant.EPOCH));
                }
            }
            messageIds = sent.stream().map(SentMessage::messageId).toArray(String[]::new);
            check(correlate(sent, receipts), messageIds);
        }

        private static MessageBuilder receipt(MessageBuilder b, String messageId, String identificativo, List<String> to) {
            return b.from("protocollo@pec.comune.esempio.it").to(to.toArray(String[]::new)).clientMessageId(messageId)
                    .identificativo(identificativo);
        }
    }

    /** 2,000 distinct PA mailboxes, in the shapes IPA lists. */
    static List<String> addresses(Random random) {
        String[] boxes = {"protocollo", "protocollo.generale", "comune", "segreteria", "ufficio.tributi", "anagrafe", "urp", "suap"};
        String[] kinds = {"comune", "provincia", "regione", "asl", "scuola", "unione", "consorzio"};
        Set<String> out = new HashSet<>();
        while (out.size() < 2_000) {
            String box = boxes[random.nextInt(boxes.length)];
            String kind = kinds[random.nextInt(kinds.length)];
            out.add(box + "@pec." + kind + ".ente" + random.nextInt(8_000) + ".it");
        }
        List<String> list = new ArrayList<>(out);
        Collections.sort(list);
        Collections.shuffle(list, random);
        return list;
    }

    static ReceiptFacts facts(PecKind kind, String receiptId, String messageId, String identificativo, Optional<String> recipient,
            Instant time, List<ReceiptFacts.Destinatario> destinatari) {
        return new ReceiptFacts(kind, Optional.of("<" + receiptId + ">"), Optional.of("<" + messageId + ">"), Optional.of("<" + messageId + ">"),
                Optional.of(identificativo), recipient, time, Optional.of("nessuno"), Optional.empty(), destinatari, false, false);
    }

    /** Track every message, accept every receipt, read every status. */
    static DeliveryTracker correlate(List<SentMessage> sent, List<ReceiptFacts> receipts) {
        DeliveryTracker tracker = DeliveryTracker.create();
        for (SentMessage s : sent) tracker.track(s);
        for (ReceiptFacts r : receipts) tracker.accept(r);
        return tracker;
    }

    /** The setup's proof that the batch measures what it says: nothing unmatched or duplicate, every message green. */
    static void check(DeliveryTracker tracker, String[] messageIds) {
        if (tracker.size() != messageIds.length || !tracker.unmatched().isEmpty()) {
            throw new IllegalStateException("tracked " + tracker.size() + ", unmatched " + tracker.unmatched().size());
        }
        statuses(tracker, messageIds, status -> {});
    }

    /** Reads every status; all must be green (every recipient delivered). */
    static int statuses(DeliveryTracker tracker, String[] messageIds, Consumer<DeliveryStatus> sink) {
        int green = 0;
        for (String id : messageIds) {
            DeliveryStatus s = tracker.status(id, NOW).orElseThrow();
            if (s.overall() == DeliveryState.Light.GREEN) green++;
            sink.accept(s);
        }
        if (green != messageIds.length) throw new IllegalStateException(green + " of " + messageIds.length + " green");
        return green;
    }

    /** 10,000 messages × 3 recipients: track, accept the 40,000 receipts, read every status. */
    @Benchmark
    public int correlate(Batch batch, Blackhole bh) {
        return statuses(correlate(batch.sent, batch.receipts), batch.messageIds, bh::consume);
    }

    /** The baseline: the 40,000 receipt Message-IDs put into a fresh HashMap and got back. */
    @Benchmark
    public int baselineHashMap(Batch batch) {
        Map<String, String> map = new HashMap<>();
        for (String id : batch.receiptIds) map.put(id, id);
        int found = 0;
        for (String id : batch.receiptIds) {
            if (map.get(id) != null) found++;
        }
        return found;
    }

    /** 250 messages: parse their 1,000 receipts, read the facts, accept them, read every status. */
    @Benchmark
    public int parseAndCorrelate(Parsed parsed, Blackhole bh) {
        DeliveryTracker tracker = DeliveryTracker.create();
        for (SentMessage s : parsed.sent) tracker.track(s);
        for (byte[] b : parsed.bytes) {
            try (PecMessage m = parsed.parser.parse(b)) {
                tracker.accept(ReceiptFacts.from(m, Instant.EPOCH));
            }
        }
        return statuses(tracker, parsed.messageIds, bh::consume);
    }

    /** The same 250 messages and 1,000 receipts, their facts precomputed: correlation alone. */
    @Benchmark
    public int correlateParsed(Parsed parsed, Blackhole bh) {
        return statuses(correlate(parsed.sent, parsed.receipts), parsed.messageIds, bh::consume);
    }
}
