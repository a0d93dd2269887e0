package io.github.pec4j.formats;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pec4j.core.Attachment;
import io.github.pec4j.core.ParserLimits;
import io.github.pec4j.core.PecMessage;
import io.github.pec4j.core.PecParser;
import io.github.pec4j.core.content.ContentStores;
import io.github.pec4j.testkit.Attachments;
import io.github.pec4j.testkit.FixtureKind;
import io.github.pec4j.testkit.MessageBuilder;
import io.github.pec4j.testkit.PecFixtures;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An attachment the parser spooled to a file is checked in place (no copy): the reports are the ones of the same
 * attachments kept in memory, and the spool file is left as it was, for whoever reads the message next.
 */
class SpooledAttachmentTest {
    private static final FormatChecker CHECKER = FormatChecker.create(FormatPolicy.caluso());

    @TempDir
    Path spool;

    private static byte[] message() {
        MessageBuilder b = PecFixtures.create().message(FixtureKind.POSTA_CERTIFICATA);
        for (Attachments.Sample s : Attachments.allowed()) {
            b.attachment(s.name(), "application/octet-stream", s.content());
        }
        for (Attachments.Sample s : Attachments.violations()) {
            b.attachment(s.name(), "application/octet-stream", s.content());
        }
        return b.build();
    }

    private static String sha256(Attachment a) throws Exception {
        try (InputStream in = Files.newInputStream(a.content().spoolFile().orElseThrow())) {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
        }
    }

    @Test
    @Tag("FMT-SPOOL-01")
    @DisplayName("FMT-SPOOL-01 every testkit sample spooled to a file is checked in place, never copied: the same reports as in memory, the spool files untouched")
    void inPlace() throws Exception {
        byte[] message = message();
        List<FileReport> inMemory;
        try (PecMessage m = PecParser.create(ParserLimits.DEFAULTS, ContentStores.memory()).parse(message)) {
            assertThat(m.attachments()).allMatch(a -> a.content().spoolFile().isEmpty());
            inMemory = CHECKER.check(m);
        }
        try (PecMessage m = PecParser.create(ParserLimits.DEFAULTS, ContentStores.tempFiles(spool, 0)).parse(message)) {
            assertThat(m.attachments()).isNotEmpty().allMatch(a -> a.content().spoolFile().isPresent());
            List<FileReport> spooled;
            Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
            try (java.nio.file.WatchService watch = tmp.getFileSystem().newWatchService()) {
                tmp.register(watch, java.nio.file.StandardWatchEventKinds.ENTRY_CREATE);
                spooled = CHECKER.check(m);
                assertThat(copies(watch)).as("no attachment copied to a temporary file").isZero();
            }
            assertThat(spooled).isEqualTo(inMemory);
            for (Attachment a : m.attachments()) {
                assertThat(sha256(a)).as(a.name()).isEqualTo(a.sha256());
            }
        }
    }

    /** The attachment copies ({@code pec4j-check-*}) made in the watched folder. */
    private static long copies(java.nio.file.WatchService watch) throws InterruptedException {
        long n = 0;
        java.nio.file.WatchKey key;
        while ((key = watch.poll(200, java.util.concurrent.TimeUnit.MILLISECONDS)) != null) {
            for (java.nio.file.WatchEvent<?> e : key.pollEvents()) {
                if (String.valueOf(e.context()).startsWith("pec4j-check-")) {
                    n++;
                }
            }
            key.reset();
        }
        return n;
    }

    @Test
    @Tag("FMT-SPOOL-01")
    @DisplayName("FMT-SPOOL-01 a spool file gone before the check is that attachment's CHECK_FAILED rejection, not an exception")
    void spoolGone() throws IOException {
        try (PecMessage m = PecParser.create(ParserLimits.DEFAULTS, ContentStores.tempFiles(spool, 0)).parse(message())) {
            Attachment first = m.attachments().get(0);
            Files.delete(first.content().spoolFile().orElseThrow());
            List<FileReport> reports = CHECKER.check(m);
            assertThat(reports.get(0).verdict()).isEqualTo(Verdict.REJECT);
            assertThat(reports.get(0).allFindings()).extracting(f -> f.code().id()).contains("CHECK_FAILED");
            assertThat(reports.get(1).verdict()).isNotNull();
        }
    }
}
