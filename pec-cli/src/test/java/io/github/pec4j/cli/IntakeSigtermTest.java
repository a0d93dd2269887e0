package io.github.pec4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pec4j.registry.ProtocolRegistry;
import io.github.pec4j.registry.SearchQuery;
import io.github.pec4j.registry.jdbc.JdbcRegistry;
import io.github.pec4j.registry.jdbc.JdbcRegistryConfig;
import io.github.pec4j.simulator.FileAttachment;
import io.github.pec4j.simulator.PecProviderSimulator;
import io.github.pec4j.simulator.SimulatorOptions;
import io.github.pec4j.testkit.Attachments;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** {@code pec intake} without {@code --once}, in a child JVM: it takes mail in until SIGTERM, then exits 0. */
class IntakeSigtermTest {
    private static final String BOX = "protocollo@pec.comune.demo.example.it";

    @Test
    @DisabledOnOs(OS.WINDOWS) // Process.destroy() is a SIGTERM on Unix only
    @DisplayName("intake runs until SIGTERM, finishes the message in hand, closes the register and exits 0")
    void untilSigterm(@TempDir Path dir) throws Exception {
        try (PecProviderSimulator pec = PecProviderSimulator.start(SimulatorOptions.defaults())) {
            pec.box(BOX, "pw").box("mario.rossi@pec.example.it", "x");
            Path ca = dir.resolve("ca.pem");
            pec.writeTrustAnchorPem(ca);
            Path aoo = Files.writeString(dir.resolve("aoo.yaml"), "amministrazione: c_demo\naoo: AOO_DEMO\nmailroom:\n  register: c_demo/AOO_DEMO/PG\n");
            String registry = JdbcRegistry.h2Url(dir.resolve("registry"));
            pec.deliverPec("mario.rossi@pec.example.it", BOX, "Prima istanza", FileAttachment.of("a.pdf", "application/pdf", Attachments.pdf()));

            List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-cp",
                    System.getProperty("java.class.path"), Main.class.getName(), "intake", "--json",
                    "--imap", "imap://" + BOX.replace("@", "%40") + ":pw@127.0.0.1:" + pec.imap().port() + "?starttls=none",
                    "--registry", registry, "--aoo", aoo.toString(), "--trust", ca.toString());
            Process child = new ProcessBuilder(cmd).redirectError(dir.resolve("err.txt").toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String l; (l = r.readLine()) != null; ) lines.add(l);
                } catch (java.io.IOException e) {
                    // the child ended
                }
            });
            reader.start();
            try {
                String first = lines.poll(90, TimeUnit.SECONDS);
                assertThat(first).as(Files.readString(dir.resolve("err.txt"))).contains("\"outcome\":\"registered\"", "Prima istanza");
                assertThat(child.isAlive()).as("still taking mail in").isTrue();
                child.destroy(); // SIGTERM
                assertThat(child.waitFor(90, TimeUnit.SECONDS)).isTrue();
                assertThat(child.exitValue()).as(Files.readString(dir.resolve("err.txt"))).isZero();
            } finally {
                child.destroyForcibly();
                reader.join(10_000);
            }
            assertThat(pec.messages(BOX)).isEmpty();
            try (ProtocolRegistry r = JdbcRegistry.open(registry, "", "", JdbcRegistryConfig.defaults(), Clock.systemUTC())) {
                assertThat(r.search(SearchQuery.all())).hasSize(1); // the register was closed cleanly: it opens again
            }
        }
    }
}
