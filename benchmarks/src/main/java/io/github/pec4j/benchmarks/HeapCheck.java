package io.github.pec4j.benchmarks;

import io.github.pec4j.core.Attachment;
import io.github.pec4j.core.PecMessage;
import io.github.pec4j.core.PecParser;
import io.github.pec4j.testkit.ExpectedAttachment;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Shows that parsing runs in a heap that does not grow with the message size: each benchmark
 * fixture is written to a temporary file, then parsed by {@link PecParser#parse(Path)} in a child
 * JVM (same {@code java.home} and class path) with a small fixed heap: {@code -Xmx16m} for the
 * receipt and the 1 MiB envelope, {@code -Xmx32m} for the 30 MiB envelope (about 41 MB on disk).
 * Each line prints OK when the child parsed the message and reported the attachment size and
 * SHA-256 the testkit put in, with the peak heap the child used; the exit status is 1 if any check
 * failed. With {@code --search}, also finds the smallest {@code -Xmx} (in the steps 32, 24, 16, 12,
 * 10, 8, 6 MB) each fixture parses in.
 *
 * <p>Run from the repository root, after {@code ./mvnw -q -B install -DskipTests}:
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.github.pec4j.benchmarks.HeapCheck [--search]
 * </pre>
 */
public final class HeapCheck {
    private static final List<Integer> SEARCH_MB = List.of(32, 24, 16, 12, 10, 8, 6);

    private HeapCheck() {}

    /** Child JVM: parse one file, print the kind, attachment count, first attachment and peak heap. */
    public static final class Probe {
        private Probe() {}

        public static void main(String[] args) throws IOException {
            StringBuilder out = new StringBuilder();
            try (PecMessage m = PecParser.create().parse(Path.of(args[0]))) {
                out.append(m.kind().id()).append(' ').append(m.attachments().size());
                for (Attachment a : m.attachments()) {
                    out.append(' ').append(a.name()).append(' ').append(a.size()).append(' ').append(a.sha256());
                }
            }
            long peak = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    peak += pool.getPeakUsage().getUsed();
                }
            }
            System.out.println(out + " peakHeap=" + peak);
        }
    }

    private record Check(String fixture, int heapMb) {}

    public static void main(String[] args) throws Exception {
        boolean search = List.of(args).contains("--search");
        List<Check> checks = List.of(new Check("receipt-10k", 16), new Check("envelope-1m", 16), new Check("envelope-30m", 32));
        Path dir = Files.createTempDirectory("pec4j-heap");
        // The children spool here: a child that runs out of heap cannot delete its spool file.
        Path spool = Files.createDirectory(dir.resolve("spool"));
        boolean allOk = true;
        try {
            System.out.printf("%-13s %12s %6s  %-6s %10s  %s%n", "fixture", "bytes", "-Xmx", "result", "peak heap", "attachment (size sha256)");
            for (Check c : checks) {
                Path file = Fixtures.write(c.fixture(), dir);
                List<ExpectedAttachment> expected = Fixtures.expected(c.fixture());
                Result r = probe(file, c.heapMb(), spool);
                boolean ok = r.ok() && r.matches(expected);
                allOk &= ok;
                System.out.printf("%-13s %,12d %5dm  %-6s %9.1fM  %s%n", c.fixture(), Files.size(file), c.heapMb(),
                        ok ? "OK" : "FAILED", r.peakHeap() / 1048576.0, ok ? r.attachmentText() : r.output());
                if (search) {
                    Integer smallest = null;
                    for (int mb : SEARCH_MB) {
                        Result s = probe(file, mb, spool);
                        if (!s.ok() || !s.matches(expected)) {
                            break;
                        }
                        smallest = mb;
                    }
                    System.out.printf("%-13s smallest -Xmx that parses it: %s%n", "",
                            smallest == null ? "> " + SEARCH_MB.get(0) + "m" : smallest + "m");
                }
                Files.delete(file);
            }
        } finally {
            Fixtures.deleteTree(dir);
        }
        if (!allOk) {
            System.exit(1);
        }
    }

    private record Result(boolean ok, String output, List<String> fields, long peakHeap) {
        boolean matches(List<ExpectedAttachment> expected) {
            if (fields.size() < 2 || Integer.parseInt(fields.get(1)) != expected.size()) {
                return false;
            }
            for (int i = 0; i < expected.size(); i++) {
                ExpectedAttachment e = expected.get(i);
                int at = 2 + 3 * i;
                if (fields.size() < at + 3 || !fields.get(at).equals(e.name())
                        || Long.parseLong(fields.get(at + 1)) != e.size() || !fields.get(at + 2).equals(e.sha256())) {
                    return false;
                }
            }
            return true;
        }

        String attachmentText() {
            return fields.size() <= 2 ? "(no attachments, kind " + fields.get(0) + ")" : String.join(" ", fields.subList(2, fields.size()));
        }
    }

    private static Result probe(Path file, int heapMb, Path tmpDir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx" + heapMb + "m", "-Djava.io.tmpdir=" + tmpDir,
                "-cp", System.getProperty("java.class.path"), Probe.class.getName(), file.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(false, "timed out", List.of(), 0);
        }
        String last = out.isEmpty() ? "" : out.lines().reduce((a, b) -> b).orElse("");
        List<String> fields = new ArrayList<>(List.of(last.split(" ")));
        long peak = 0;
        if (!fields.isEmpty() && fields.get(fields.size() - 1).startsWith("peakHeap=")) {
            peak = Long.parseLong(fields.remove(fields.size() - 1).substring("peakHeap=".length()));
        }
        boolean ok = p.exitValue() == 0 && peak > 0;
        return new Result(ok, ok ? last : out.lines().limit(3).reduce((a, b) -> a + " | " + b).orElse(""), fields, peak);
    }
}
