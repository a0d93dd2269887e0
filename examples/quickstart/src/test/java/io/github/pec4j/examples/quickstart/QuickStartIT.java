package io.github.pec4j.examples.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Starts the packaged quick start in a child JVM, once on the class path and once on the module path,
 * with only the runtime dependencies Maven resolved through pec-bom (no test library): a consumer's
 * set of jars. The module-path run fails at start-up if any published module's {@code requires} names
 * a module that is not there.
 */
class QuickStartIT {
    static final String MAIN = "io.github.pec4j.examples.quickstart.QuickStart";
    static final String MODULE = "io.github.pec4j.examples.quickstart";
    /** Every published library module; pec-cli (an application) and pec-registry-tck (a test library) aside. */
    static final List<String> PUBLISHED = List.of("io.github.pec4j.admission", "io.github.pec4j.core", "io.github.pec4j.directory",
            "io.github.pec4j.formats", "io.github.pec4j.receipts", "io.github.pec4j.registry", "io.github.pec4j.registry.jdbc",
            "io.github.pec4j.registry.memory", "io.github.pec4j.segnatura", "io.github.pec4j.signature", "io.github.pec4j.testkit");

    record Run(int exit, String out, String err) {
        String describe() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    static String path() throws IOException {
        String runtime = Files.readString(Path.of(System.getProperty("quickstart.runtimePath")), StandardCharsets.UTF_8).strip();
        return System.getProperty("quickstart.jar") + File.pathSeparator + runtime;
    }

    static Run start(String name, List<String> launch) throws Exception {
        Path dir = Path.of(System.getProperty("quickstart.workDir"), name);
        if (Files.exists(dir)) { // a fresh register each run: the message must be registered, not found again
            try (var old = Files.walk(dir)) {
                for (Path p : old.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
            }
        }
        Files.createDirectories(dir);
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m"));
        command.addAll(launch);
        command.add(dir.resolve("work").toString());
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError(name + ": the quick start did not finish in 5 minutes");
        }
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    static void assertTheSteps(Run run) {
        assertEquals(0, run.exit(), run::describe);
        assertEquals("", run.err(), () -> "nothing on stderr\n" + run.describe());
        for (String step : List.of("parsed: posta-certificata, 2 attachment(s)", "provider signature: genuine", "formats: accept",
                "admission: register, receivable", "registered: c_esempio/AOO_CENTRALE/PG/", ", 3 document(s)",
                "memory registry: io.github.pec4j.registry.memory.",
                "receipt: accettazione matched")) {
            assertTrue(run.out().contains(step), () -> "missing \"" + step + "\"\n" + run.describe());
        }
        assertTrue(!run.out().contains("already registered"), run::describe);
    }

    @Test
    void runsOnTheClassPath() throws Exception {
        Run run = start("class-path", List.of("-cp", path(), MAIN));
        assertTheSteps(run);
        assertTrue(run.out().contains("module path: no (class path)"), run::describe);
    }

    @Test
    void runsOnTheModulePathWithEveryPublishedModule() throws Exception {
        // no --add-modules: pec-formats requires org.apache.commons.logging itself (PDFBox, an automatic module, cannot)
        Run run = start("module-path", List.of("--module-path", path(), "--module", MODULE + "/" + MAIN));
        assertTheSteps(run);
        assertTrue(run.out().contains("module path: " + MODULE), run::describe);
        assertTrue(run.out().contains("pec4j modules: " + PUBLISHED), run::describe);
    }
}
