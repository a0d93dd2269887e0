package io.github.pec4j.mailroom;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** An {@link IntakeNodeMain} in a JVM of its own (this JVM's class path), its standard output read line by line. */
final class IntakeNode implements AutoCloseable {
    private static final String EOF = "\u0000eof";

    final String name;
    private final Process process;
    private final Path stderr;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private IntakeNode(String name, Process process, Path stderr) {
        this.name = name;
        this.process = process;
        this.stderr = stderr;
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) lines.add(line);
            } catch (IOException e) {
                // the process died: EOF
            } finally {
                lines.add(EOF);
            }
        }, "node-stdout-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts a node; {@code args} are {@link IntakeNodeMain}'s {@code name=value} pairs. */
    static IntakeNode start(Path directory, String name, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Duser.timezone=" + System.getProperty("user.timezone"),
                "-cp", System.getProperty("java.class.path"), IntakeNodeMain.class.getName()));
        command.add("node=" + name);
        command.addAll(args);
        Path err = Files.createTempFile(directory, "node-" + name + "-", ".err");
        Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
        return new IntakeNode(name, p, err);
    }

    /** The next line, or null at the end of the output; fails the test after {@code timeout}. */
    String nextLine(Duration timeout) throws IOException, InterruptedException {
        String line = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (line == null) fail("no output from node " + name + " within " + timeout + "; its stderr:\n" + stderr());
        return line.equals(EOF) ? null : line;
    }

    /** The next line if one is there within {@code wait}; empty string when none came (the node is quiet). */
    String pollLine(Duration wait) throws InterruptedException {
        String line = lines.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        if (line == null) return "";
        return line.equals(EOF) ? null : line;
    }

    void expectReady() throws IOException, InterruptedException {
        String line = nextLine(Duration.ofSeconds(90));
        if (!"ready".equals(line)) fail("node " + name + " did not start: " + line + "; its stderr:\n" + stderr());
    }

    /** {@code kill -9}. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) fail("node " + name + " survived kill -9");
    }

    /** Closes its standard input: a node in {@code run} mode finishes the message in hand and exits. */
    void stop() throws IOException {
        process.getOutputStream().close();
    }

    int waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) fail("node " + name + " did not finish within " + timeout);
        return process.exitValue();
    }

    boolean alive() {
        return process.isAlive();
    }

    String stderr() throws IOException {
        return Files.readString(stderr, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
