package io.github.pec4j.mailroom;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pec4j.registry.ProtocolRegistry;
import io.github.pec4j.registry.Registration;
import io.github.pec4j.registry.SearchQuery;
import io.github.pec4j.registry.jdbc.JdbcRegistry;
import io.github.pec4j.registry.jdbc.JdbcRegistryConfig;
import io.github.pec4j.simulator.FileAttachment;
import io.github.pec4j.simulator.PecProviderSimulator;
import io.github.pec4j.testkit.Attachments;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of an intake process in a burst of mail, then a restart: every message registered exactly once, INBOX
 * empty, the folders consistent, each office notification sent once (by Message-ID: a kill between the SMTP server's
 * 250 and the outbox's commit can repeat a send, with the same Message-ID, for the recipient to fold).
 */
@Tag("MRM-EXACT-02")
class CrashRecoveryIT {
    static final String OFFICE = "protocollo@comune.esempio.it";
    private static final int BURST = 200;

    @Test
    @DisplayName("MRM-EXACT-02 kill -9 of the intake process in a burst of 200 messages, then a restart: each registered once, INBOX empty")
    void killAndRestart(@TempDir Path dir) throws Exception {
        String h2 = JdbcRegistry.h2Url(dir.resolve("registry"));
        try (PecProviderSimulator pec = PecProviderSimulator.start()) {
            pec.box(Harness.BOX, "secret").ordinaryBox(OFFICE, "x");
            for (int i = 0; i < BURST; i++) {
                pec.deliverPec("cittadino" + i + "@pec.example.it", Harness.BOX, "Istanza n. " + i,
                        FileAttachment.of("istanza.pdf", "application/pdf", Attachments.pdf()));
            }
            Process first = child(pec, h2);
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (count(pec, "pec4j/registered") < BURST / 3 && System.nanoTime() < deadline && first.isAlive()) {
                Thread.sleep(50);
            }
            first.destroyForcibly(); // SIGKILL: no shutdown hook, no lease given up
            first.waitFor(30, TimeUnit.SECONDS);
            int before = count(pec, "pec4j/registered");
            assertThat(before).as("killed mid-burst").isBetween(1, BURST - 1);

            Process second = child(pec, h2);
            deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (count(pec, "INBOX") > 0 && System.nanoTime() < deadline && second.isAlive()) Thread.sleep(100);
            Thread.sleep(1_000); // the last notifications
            second.destroyForcibly();
            second.waitFor(30, TimeUnit.SECONDS);

            assertThat(pec.messages(Harness.BOX)).as("INBOX empty").isEmpty();
            assertThat(pec.messages(Harness.BOX, "pec4j/registered")).hasSize(BURST);
            try (ProtocolRegistry registry = JdbcRegistry.open(h2, "", "", JdbcRegistryConfig.defaults(), Clock.systemUTC())) {
                List<Registration> all = registry.search(SearchQuery.all().page(0, SearchQuery.MAX_LIMIT));
                assertThat(all).hasSize(BURST);
                assertThat(all.stream().map(r -> r.oggetto()).distinct()).hasSize(BURST);
            }
            Set<String> ids = new HashSet<>();
            for (byte[] m : pec.messages(OFFICE)) ids.add(new MimeMessage(null, new ByteArrayInputStream(m)).getMessageID());
            assertThat(ids).as("one notification per registration").hasSize(BURST);
        }
    }

    /** The simulator's folder listing, read while the child works on the box (it may change under the read: read again). */
    private static int count(PecProviderSimulator pec, String folder) {
        for (int attempt = 0; ; attempt++) {
            try {
                return pec.messages(Harness.BOX, folder).size();
            } catch (java.util.ConcurrentModificationException busy) {
                if (attempt > 100) throw busy;
            }
        }
    }

    private static Process child(PecProviderSimulator pec, String h2) throws Exception {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String classpath = String.join(File.pathSeparator, Path.of("target", "test-classes").toAbsolutePath().toString(),
                Path.of("target", "classes").toAbsolutePath().toString(), cp);
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-cp", classpath,
                CrashChild.class.getName(), Integer.toString(pec.imap().port()), Integer.toString(pec.smtp().port()), h2)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }
}
