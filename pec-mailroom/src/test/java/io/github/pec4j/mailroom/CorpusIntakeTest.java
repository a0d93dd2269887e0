package io.github.pec4j.mailroom;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pec4j.admission.AooConfig;
import io.github.pec4j.registry.IntakeEntry;
import io.github.pec4j.registry.IntakeEntry.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The shared corpus (read in place, never copied) through the mailroom, with ordinary mail refused. */
@Tag("corpus")
class CorpusIntakeTest {

    @Test
    @Tag("MRM-ISOL-01")
    @Tag("MRM-ORD-02")
    @DisplayName("MRM-ISOL-01 every corpus message ends in an outcome and a folder, nothing stays in INBOX; only the human sender is answered")
    void corpus() throws Exception {
        String dir = System.getProperty("pec4j.corpus.dir", "");
        Assumptions.assumeTrue(!dir.isBlank() && Files.isDirectory(Path.of(dir)), "shared corpus not available");
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(Path.of(dir))) {
            for (Path p : all.filter(f -> f.toString().endsWith(".eml")).toList()) files.put(Path.of(dir).relativize(p).toString(), Files.readAllBytes(p));
        }
        AooConfig reject = AooConfig.defaults().withMailboxes(Harness.BOX).withUncertified(AooConfig.Handling.REJECT, AooConfig.Handling.QUARANTINE);
        try (Harness h = new Harness(); Mailroom mailroom = h.builder(reject).build()) {
            files.values().forEach(h.mailbox::deliver);

            List<IntakeEntry> done = mailroom.runOnce().messages();

            assertThat(done).hasSize(files.size());
            assertThat(h.mailbox.count(Folders.INBOX)).isZero();
            Map<String, Outcome> byFile = new TreeMap<>();
            int i = 0;
            for (String name : files.keySet()) byFile.put(name, done.get(i++).outcome());
            // the real providers are not in the test trust store: their envelopes are quarantined, their receipts too
            assertThat(byFile).containsEntry("real/aruba-2014-envelope.eml", Outcome.QUARANTINED)
                    .containsEntry("real/aruba-2014-accettazione.eml", Outcome.QUARANTINED)
                    .containsEntry("anonymised/plain-simple-mail.eml", Outcome.REFUSED)
                    .containsEntry("anonymised/plain-dsn-failure.eml", Outcome.REFUSED);
            assertThat(byFile.values()).doesNotContain(Outcome.REGISTERED, Outcome.ERROR);
            assertThat(h.smtp.sent).as("the DSN (Auto-Submitted, mailer-daemon) is never answered").hasSize(1);
            assertThat(h.smtp.to("test@tozzi.app")).hasSize(1);
        }
    }
}
