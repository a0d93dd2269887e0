package io.github.pec4j.benchmarks;

import io.github.pec4j.directory.AddressOwner;
import io.github.pec4j.directory.Answer;
import io.github.pec4j.directory.IpaDirectory;
import io.github.pec4j.directory.SyntheticIpa;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The IPA snapshot at the size of the real dump ({@link SyntheticIpa#realistic()}: 23,000 enti,
 * 25,000 AOO, 110,000 UO, one to five mails each — about 158,000 rows and 320,000 addresses, written
 * once per trial in the current CSV layout):
 * <ul>
 *   <li>{@link #load}: {@link IpaDirectory#load} of the three files (parse, SHA-256 manifest, index),
 *       against {@link #loadBaseline}, reading the same bytes from the files;</li>
 *   <li>{@link #lookup}: {@link IpaDirectory#ownerOf} of an address as written (mixed case: trimmed and
 *       lower-cased, then found, then wrapped in an {@link Answer}), against {@link #lookupBaseline},
 *       a plain {@code HashMap.get} of the same keys in a map of all addresses, and
 *       {@link #lookupBaselineLowerCase}, the same after lower-casing the key (the least a
 *       case-insensitive lookup costs).</li>
 * </ul>
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar IpaDirectoryBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class IpaDirectoryBenchmark {
    private static final LocalDate DAY = LocalDate.of(2025, 12, 1);
    private static final int KEYS = 4096;

    private Path dir;
    private List<Path> files;
    private IpaDirectory ipa;
    private Map<String, String> plain;
    private Map<String, String> lowerCase;
    private String[] keys;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("pec4j-ipa-bench");
        SyntheticIpa.Written written = SyntheticIpa.realistic().write(dir);
        try (Stream<Path> list = Files.list(dir)) {
            files = list.sorted().toList();
        }
        ipa = IpaDirectory.load(dir);
        plain = new HashMap<>();
        lowerCase = new HashMap<>();
        for (String address : written.addresses()) {
            plain.put(address, address);
            lowerCase.put(address.toLowerCase(Locale.ROOT), address);
        }
        List<String> shuffled = new ArrayList<>(written.addresses());
        Collections.shuffle(shuffled, new Random(7));
        keys = shuffled.subList(0, KEYS).toArray(String[]::new);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private String nextKey() {
        return keys[next++ & (KEYS - 1)];
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public void loadBaseline(Blackhole bh) throws IOException {
        for (Path f : files) {
            bh.consume(Files.readAllBytes(f));
        }
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public IpaDirectory load() throws IOException {
        return IpaDirectory.load(dir);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public String lookupBaseline() {
        return plain.get(nextKey());
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public String lookupBaselineLowerCase() {
        return lowerCase.get(nextKey().toLowerCase(Locale.ROOT));
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public Answer<AddressOwner> lookup() {
        return ipa.ownerOf(nextKey(), DAY);
    }
}
