package io.github.pec4j.formats.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pec4j.core.Attachment;
import io.github.pec4j.core.PecMessage;
import io.github.pec4j.core.PecParser;
import io.github.pec4j.testkit.FixtureKind;
import io.github.pec4j.testkit.PecFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The format check's temporary copy of an attachment is written into the owner-only file made for it, not a new one. */
class TemporaryCopyTest {
    @TempDir
    Path dir;

    @Test
    @Tag("SEC-TMP-01")
    @DisplayName("SEC-TMP-01 an attachment copied for the format check keeps the owner-only permissions of its temporary file, and its bytes")
    void ownerOnlyCopy() throws IOException {
        byte[] letter = "%PDF-1.7\nistanza\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
        byte[] message = PecFixtures.create().message(FixtureKind.POSTA_CERTIFICATA).attachment("istanza.pdf", "application/pdf", letter).build();
        try (PecMessage m = PecParser.create().parse(message)) {
            Attachment a = m.attachments().get(0);
            Path tmp = Files.createTempFile(dir, "pec4j-check-", ".bin");
            Object inode = Files.readAttributes(tmp, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
            DefaultFormatChecker.write(a, tmp);
            assertThat(Files.readAllBytes(tmp)).isEqualTo(letter);
            assertThat(Files.readAttributes(tmp, java.nio.file.attribute.BasicFileAttributes.class).fileKey()).as("the same file").isEqualTo(inode);
            if (tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp))).isEqualTo("rw-------");
            }
        }
    }
}
