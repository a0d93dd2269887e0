package io.github.pec4j.signature;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pec4j.core.Attachment;
import io.github.pec4j.core.ParserLimits;
import io.github.pec4j.core.PecMessage;
import io.github.pec4j.core.PecParser;
import io.github.pec4j.core.content.ContentStores;
import io.github.pec4j.testkit.FixtureKind;
import io.github.pec4j.testkit.PecFixtures;
import io.github.pec4j.testkit.SignedDocuments;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link DocumentVerifier#verifyAndExtract}: the innermost content lands in the target with owner-only permissions
 * (a document of a citizen is never made readable by other users, even briefly), no layer's temporary file is left
 * behind, and the caller's own file is never moved.
 */
class ExtractedContentTest {
    private static final byte[] LETTER = "<istanza>accesso agli atti</istanza>".getBytes(StandardCharsets.UTF_8);
    private static final SignedDocuments DOCS = SignedDocuments.create();
    private static final DocumentVerifier VERIFIER = DocumentVerifier.create(TrustStore.empty());

    @TempDir
    Path dir;

    /** The files in the temporary folder whose name starts with {@code prefix}. */
    private static long tempFiles(String prefix) throws IOException {
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix)).count();
        }
    }

    private static boolean posix(Path p) {
        return p.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    @Test
    @Tag("SEC-TMP-01")
    @DisplayName("SEC-TMP-01 a .p7m and a .p7m.p7m: the content is extracted into an owner-only target, and no layer's temporary file remains")
    void ownerOnlyAndNothingLeft() throws IOException {
        long before = tempFiles("pec4j-layer-");
        for (byte[] signed : java.util.List.of(DOCS.cades(LETTER), DOCS.cades(DOCS.cades(LETTER)))) {
            Path file = dir.resolve("istanza.xml.p7m");
            Files.write(file, signed);
            Path target = Files.createTempFile(dir, "content-", ".bin"); // owner-only on POSIX, as the format check makes it
            DocumentReport r = VERIFIER.verifyAndExtract(file, target);
            assertThat(r.layers()).isNotEmpty();
            assertThat(Files.readAllBytes(target)).isEqualTo(LETTER);
            if (posix(target)) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-------");
            }
            assertThat(Files.exists(file)).isTrue();
        }
        assertThat(tempFiles("pec4j-layer-")).isEqualTo(before);
    }

    @Test
    @Tag("SEC-TMP-01")
    @DisplayName("SEC-TMP-01 an attachment is verified from one temporary file that keeps its extension, deleted afterwards")
    void attachmentSpooledOnce() throws IOException {
        byte[] message = PecFixtures.create().message(FixtureKind.POSTA_CERTIFICATA)
                .attachment("istanza.xml.p7m", "application/pkcs7-mime", DOCS.cades(LETTER)).build();
        long before = tempFiles("pec4j-attachment-");
        try (PecMessage m = PecParser.create().parse(message)) {
            DocumentReport r = VERIFIER.verify(m.attachments().get(0));
            assertThat(r.layers()).as("read as a .p7m, by its extension").hasSize(1);
            assertThat(r.content()).isPresent();
        }
        assertThat(tempFiles("pec4j-attachment-")).isEqualTo(before);
    }

    @Test
    @Tag("SEC-TMP-01")
    @DisplayName("SEC-TMP-01 a PAdES PDF the parser spooled to a file is verified there: the same report as from a copy, and no copy made")
    void spooledPdfInPlace() throws IOException {
        byte[] message = PecFixtures.create().message(FixtureKind.POSTA_CERTIFICATA)
                .attachment("delibera.pdf", "application/pdf", DOCS.pades()).build();
        DocumentReport copied;
        try (PecMessage m = PecParser.create(ParserLimits.DEFAULTS,
                ContentStores.memory()).parse(message)) {
            copied = VERIFIER.verify(m.attachments().get(0));
        }
        long before = tempFiles("pec4j-attachment-");
        try (PecMessage m = PecParser.create(ParserLimits.DEFAULTS,
                ContentStores.tempFiles(dir, 0)).parse(message)) {
            Attachment a = m.attachments().get(0);
            Path watched = Path.of(System.getProperty("java.io.tmpdir"));
            try (java.nio.file.WatchService watch = watched.getFileSystem().newWatchService()) {
                watched.register(watch, java.nio.file.StandardWatchEventKinds.ENTRY_CREATE);
                DocumentReport inPlace = VERIFIER.verify(a);
                assertThat(inPlace.toString()).isEqualTo(copied.toString());
                assertThat(inPlace.layers()).as("the PAdES signature is read").isNotEmpty();
                java.nio.file.WatchKey key = watch.poll(200, java.util.concurrent.TimeUnit.MILLISECONDS);
                long copies = key == null ? 0 : key.pollEvents().stream().filter(e -> String.valueOf(e.context()).startsWith("pec4j-attachment-")).count();
                assertThat(copies).as("no copy of the spooled PDF").isZero();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            assertThat(Files.exists(a.content().spoolFile().orElseThrow())).as("the spool file is left").isTrue();
        }
        assertThat(tempFiles("pec4j-attachment-")).isEqualTo(before);
    }


    @Test
    @Tag("SEC-TMP-01")
    @DisplayName("SEC-TMP-01 an unsigned file is copied to the target, never moved: the caller's file stays where it was")
    void callersFileStays() throws IOException {
        Path file = dir.resolve("lettera.xml");
        Files.write(file, LETTER);
        Path target = dir.resolve("out.bin");
        VERIFIER.verifyAndExtract(file, target);
        assertThat(Files.readAllBytes(file)).isEqualTo(LETTER);
        if (Files.exists(target)) {
            assertThat(Files.readAllBytes(target)).isEqualTo(LETTER);
        }
    }
}
