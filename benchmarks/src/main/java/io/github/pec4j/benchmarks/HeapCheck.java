package io.github.pec4j.benchmarks;

import io.github.pec4j.core.Attachment;
import io.github.pec4j.core.PecMessage;
import io.github.pec4j.core.PecParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The smallest heap each benchmark message parses in: each fixture is parsed in child JVMs with
 * decreasing {@code -Xmx} until one fails. Heap use that does not grow with the message size shows
 * as the same minimum for 10 KB and 43 MB.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar io.github.pec4j.benchmarks.HeapCheck}
 */
public final class HeapCheck {
    private static final List<Integer> HEAPS_MB = List.of(64, 32, 24, 16, 12, 10, 8, 6);

    private HeapCheck() {}

    /** Child JVM: parse one file, print its first attachment. */
    public static final class Probe {
        public static void main(String[] args) throws IOException {
            try (PecMessage m = PecParser.create().parse(Path.of(args[0]))) {
                Attachment a = m.attachments().get(0);
                System.out.println(m.kind().id() + " " + a.size() + " " + a.sha256());
            }
        }
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("pec4j-heap");
        try {
            System.out.printf("%-14s %12s %10s   %s%n", "message", "bytes", "min heap", "parsed");
            for (String name : List.of("receipt-10k", "envelope-1m", "envelope-30m")) {
                Path file = Fixtures.write(name, dir);
                Integer smallest = null;
                String result = "";
                for (int mb : HEAPS_MB) {
                    String r = probe(file, mb);
                    if (r == null) {
                        break;
                    }
                    smallest = mb;
                    result = r;
                }
                System.out.printf("%-14s %,12d %10s   %s%n", name, Files.size(file), smallest == null ? ">64m" : smallest + "m", result);
            }
        } finally {
            Fixtures.deleteTree(dir);
        }
    }

    private static String probe(Path file, int heapMb) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx" + heapMb + "m", "-cp", System.getProperty("java.class.path"),
                Probe.class.getName(), file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return null;
        }
        return p.exitValue() == 0 ? out : null;
    }
}
