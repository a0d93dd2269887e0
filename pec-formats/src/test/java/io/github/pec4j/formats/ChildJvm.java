package io.github.pec4j.formats;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Starts a second JVM with a chosen class or module path, as an integrator would, and collects what it prints. */
final class ChildJvm {
    /**
     * Jars and directories only the tests use: kept off the child's paths so it sees what an integrator
     * ships (slf4j-nop stays: it stands for the integrator's own SLF4J backend).
     */
    private static final List<String> TEST_ONLY = List.of("test-classes", "junit", "opentest4j", "apiguardian", "assertj", "byte-buddy",
            "pec-testkit", "surefire");

    private ChildJvm() {}

    /** What the child printed and how it ended. */
    record Result(int exit, String out, String err) {}

    /** The runtime path of pec-formats as the build resolved it: this module's classes and its non-test dependencies. */
    static List<Path> runtimePath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator)).filter(e -> !e.isBlank())
                .filter(e -> TEST_ONLY.stream().noneMatch(e::contains)).map(Path::of).toList();
    }

    static String join(List<Path> path) {
        return String.join(File.pathSeparator, path.stream().map(Path::toString).toList());
    }

    static Result run(List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx128m");
        cmd.addAll(args);
        Path errFile = java.nio.file.Files.createTempFile("pec4j-child-", ".err");
        try {
            Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new File(nullDevice())))
                    .redirectError(errFile.toFile()).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("child JVM did not finish");
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), java.nio.file.Files.readString(errFile));
        } finally {
            java.nio.file.Files.deleteIfExists(errFile);
        }
    }

    private static String nullDevice() {
        return File.separatorChar == '\\' ? "NUL" : "/dev/null";
    }
}
