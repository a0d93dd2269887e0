package io.github.pec4j.formats.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pec4j.core.ParserLimits;
import io.github.pec4j.core.PecMessage;
import io.github.pec4j.core.PecParser;
import io.github.pec4j.core.content.ContentStores;
import io.github.pec4j.formats.FileReport;
import io.github.pec4j.formats.Finding;
import io.github.pec4j.formats.FormatChecker;
import io.github.pec4j.formats.FormatPolicy;
import io.github.pec4j.testkit.Attachments;
import io.github.pec4j.testkit.FixtureKind;
import io.github.pec4j.testkit.HostileFiles;
import io.github.pec4j.testkit.MessageBuilder;
import io.github.pec4j.testkit.PecFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Content the parser kept in memory is checked there (FMT-MEM-01): the same reports as from a file, without a temporary copy for a PDF. */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class InMemoryCheckTest {
    private static final FormatChecker CHECKER = FormatChecker.create(FormatPolicy.caluso());
    private static final byte[] MZ = {'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0, 4, 0};

    @TempDir
    Path dir;

    /** Every PDF the format tests know: generated ones, the testkit's, hostile tails, a ZIP before a forged %%EOF, a pseudo-PDF of noise. */
    private static List<Map.Entry<String, byte[]>> pdfs() {
        List<Map.Entry<String, byte[]>> pdfs = new ArrayList<>();
        PdfScanEquivalenceTest.generated().forEach(a -> pdfs.add(Map.entry("generated " + a.get()[0], (byte[]) a.get()[1])));
        for (Attachments.Sample s : Attachments.allowed()) {
            if (new String(s.content(), 0, Math.min(5, s.content().length), StandardCharsets.ISO_8859_1).equals("%PDF-")) {
                pdfs.add(Map.entry(s.name(), s.content()));
            }
        }
        for (Attachments.Sample s : Attachments.violations()) {
            if (new String(s.content(), 0, Math.min(5, s.content().length), StandardCharsets.ISO_8859_1).equals("%PDF-")) {
                pdfs.add(Map.entry(s.name(), s.content()));
            }
        }
        byte[] zip = HostileFiles.zip(Map.of("fattura.exe", MZ));
        pdfs.add(Map.entry("ZIP after %%EOF", HostileFiles.pdfWithAppended(zip)));
        pdfs.add(Map.entry("ZIP before a forged %%EOF", concat(HostileFiles.pdfWithAppended(zip), "\n%%EOF\n".getBytes(StandardCharsets.US_ASCII))));
        pdfs.add(Map.entry("executable after %%EOF", HostileFiles.pdfWithAppended(MZ)));
        pdfs.add(Map.entry("junk after %%EOF", HostileFiles.pdfWithAppended("rumore".getBytes(StandardCharsets.US_ASCII))));
        pdfs.add(Map.entry("incremental update", HostileFiles.incrementallyUpdatedPdf()));
        byte[] noise = new byte[2345];
        new Random(7).nextBytes(noise);
        System.arraycopy("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII), 0, noise, 0, 9);
        pdfs.add(Map.entry("noise after a PDF header", noise));
        return pdfs;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static byte[] message(List<Map.Entry<String, byte[]>> attachments) {
        MessageBuilder b = PecFixtures.create().message(FixtureKind.POSTA_CERTIFICATA);
        int i = 0;
        for (Map.Entry<String, byte[]> a : attachments) {
            b.attachment("allegato-" + i++ + ".pdf", "application/pdf", a.getValue());
        }
        return b.build();
    }

    @Test
    @Tag("FMT-MEM-01")
    @DisplayName("FMT-MEM-01 every PDF kept in memory gets the report it gets from a spool file, and no temporary copy is made for it")
    void pdfsInMemory() throws Exception {
        List<Map.Entry<String, byte[]>> pdfs = pdfs();
        assertThat(pdfs).hasSizeGreaterThan(30);
        byte[] message = message(pdfs);
        List<FileReport> spooled;
        try (PecMessage m = PecParser.create(ParserLimits.DEFAULTS, ContentStores.tempFiles(dir, 0)).parse(message)) {
            assertThat(m.attachments()).allMatch(a -> a.content().spoolFile().isPresent());
            spooled = CHECKER.check(m);
        }
        try (PecMessage m = PecParser.create(ParserLimits.DEFAULTS, ContentStores.memory()).parse(message)) {
            assertThat(m.attachments()).hasSize(pdfs.size()).allMatch(a -> a.content().spoolFile().isEmpty());
            List<FileReport> inMemory;
            try (WatchService watch = watchTemporaryFolder()) {
                inMemory = CHECKER.check(m);
                // one copy: the ZIP whose directory ends the PDF before a forged %%EOF is opened as a ZIP, from a file
                assertThat(copies(watch)).as("no PDF copied to a temporary file but the one holding a hidden ZIP").isEqualTo(1);
            }
            for (int i = 0; i < pdfs.size(); i++) {
                assertThat(describe(inMemory.get(i))).as(pdfs.get(i).getKey()).isEqualTo(describe(spooled.get(i)));
            }
        }
    }

    /** One {@code pec4j-check-} copy made while {@code watch} looked, and gone since. */
    private static void assertOneCopyDeleted(WatchService watch) throws Exception {
        List<String> made = copiesMade(watch, "pec4j-check-");
        assertThat(made).hasSize(1);
        assertThat(Path.of(System.getProperty("java.io.tmpdir")).resolve(made.get(0))).doesNotExist();
    }

    @Test
    @Tag("FMT-MEM-01")
    @DisplayName("FMT-MEM-01 a ZIP kept in memory is copied once for the checks that need a file, and the copy is deleted")
    void archiveCopiedOnce() throws Exception {
        byte[] zip = HostileFiles.zip(Map.of("leggimi.txt", "testo".getBytes(StandardCharsets.UTF_8)));
        byte[] message = PecFixtures.create().message(FixtureKind.POSTA_CERTIFICATA).attachment("atti.zip", "application/zip", zip).build();
        try (PecMessage m = PecParser.create(ParserLimits.DEFAULTS, ContentStores.memory()).parse(message);
                WatchService watch = watchTemporaryFolder()) {
            List<FileReport> reports = CHECKER.check(m);
            assertThat(reports.get(0).members()).extracting(FileReport::path).contains("atti.zip/leggimi.txt");
            assertOneCopyDeleted(watch);
        }
    }

    @Test
    @Tag("FMT-MEM-01")
    @DisplayName("FMT-MEM-01 an attached message kept in memory is parsed there and its PDFs checked there: the reports of the same message from a file, no copy")
    void attachedMessageInMemory() throws Exception {
        byte[] pdf = Attachments.pdf();
        byte[] inner = PecFixtures.create().message(FixtureKind.POSTA_CERTIFICATA).attachment("istanza.pdf", "application/pdf", pdf)
                .attachment("avviso.pdf", "application/pdf", HostileFiles.pdfWithAppended(MZ)).build();
        byte[] outer = PecFixtures.create().message(FixtureKind.POSTA_CERTIFICATA).attachment("inoltro.eml", "message/rfc822", inner).build();
        List<FileReport> spooled;
        try (PecMessage m = PecParser.create(ParserLimits.DEFAULTS, ContentStores.tempFiles(dir, 0)).parse(outer)) {
            spooled = CHECKER.check(m);
        }
        try (PecMessage m = PecParser.create(ParserLimits.DEFAULTS, ContentStores.memory()).parse(outer); WatchService watch = watchTemporaryFolder()) {
            List<FileReport> inMemory = CHECKER.check(m);
            assertThat(copiesMade(watch, "pec4j-check-", "pec4j-member-")).as("no copy of the message nor of its attachments").isEmpty();
            FileReport message = inMemory.stream().filter(r -> r.path().equals("inoltro.eml")).findFirst().orElseThrow();
            assertThat(message.members()).extracting(FileReport::path).contains("inoltro.eml/istanza.pdf", "inoltro.eml/avviso.pdf");
            assertThat(message.allFindings()).extracting(f -> f.code().id()).contains("PDF_TRAILING_DATA", "EXECUTABLE");
            for (int i = 0; i < inMemory.size(); i++) {
                assertThat(describe(inMemory.get(i))).isEqualTo(describe(spooled.get(i)));
            }
        }
    }

    @Test
    @Tag("FMT-MEM-01")
    @DisplayName("FMT-MEM-01 past a limit in memory: a PDF bomb kept in memory is refused as from a file, before PDFBox sees it")
    void bombInMemory() throws Exception {
        byte[] message = PecFixtures.create().message(FixtureKind.POSTA_CERTIFICATA)
                .attachment("bomba.pdf", "application/pdf", HostileFiles.flatePdf("/Type /ObjStm /N 1 /First 4")).build();
        try (PecMessage m = PecParser.create(ParserLimits.DEFAULTS, ContentStores.memory()).parse(message)) {
            FileReport r = CHECKER.check(m).stream().filter(f -> f.path().equals("bomba.pdf")).findFirst().orElseThrow();
            assertThat(m.attachments().get(0).content().spoolFile()).isEmpty();
            assertThat(r.verdict()).isEqualTo(io.github.pec4j.formats.Verdict.REJECT);
            assertThat(r.findings()).anySatisfy(f -> assertThat(f.code().id()).isEqualTo("ARCHIVE_BOMB"));
        }
    }

    @Test
    @Tag("FMT-MEM-01")
    @DisplayName("FMT-MEM-01 a dependency failing on content in memory: a ZIP with a broken directory is unreadable, its copy deleted, the next attachment still checked")
    void brokenArchiveInMemory() throws Exception {
        byte[] message = PecFixtures.create().message(FixtureKind.POSTA_CERTIFICATA)
                .attachment("atti.zip", "application/zip", HostileFiles.zipWithBrokenCentralDirectory())
                .attachment("istanza.pdf", "application/pdf", Attachments.pdf()).build();
        try (PecMessage m = PecParser.create(ParserLimits.DEFAULTS, ContentStores.memory()).parse(message);
                WatchService watch = watchTemporaryFolder()) {
            List<FileReport> reports = CHECKER.check(m);
            FileReport zip = reports.stream().filter(f -> f.path().equals("atti.zip")).findFirst().orElseThrow();
            assertThat(zip.verdict()).isNotEqualTo(io.github.pec4j.formats.Verdict.ACCEPT);
            assertThat(reports).extracting(FileReport::path).contains("istanza.pdf");
            assertOneCopyDeleted(watch);
        }
    }

    @Test
    @Tag("SEC-TMP-01")
    @DisplayName("SEC-TMP-01 bytes in memory written to a file for a check go into an owner-only temporary file, once, listed for deletion")
    void ownerOnlyCopy() throws IOException {
        byte[] bytes = "PK testo".getBytes(StandardCharsets.US_ASCII);
        Source source = Source.of(bytes);
        List<Path> temps = new ArrayList<>();
        Path file = source.file(temps);
        try {
            assertThat(temps).containsExactly(file);
            assertThat(Files.readAllBytes(file)).isEqualTo(bytes);
            assertThat(source.file(temps)).isEqualTo(file);
            assertThat(temps).hasSize(1);
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    @Tag("FMT-MEM-01")
    @DisplayName("FMT-MEM-01 bytes in memory read as a file's: the same size, the same whole content, the same reads at every position and past the end")
    void readsAsAFile() throws IOException {
        byte[] bytes = new byte[5000];
        new Random(3).nextBytes(bytes);
        Path file = Files.write(dir.resolve("f.bin"), bytes);
        Source memory = Source.of(bytes);
        Source disk = Source.of(file);
        assertThat(memory.size()).isEqualTo(disk.size());
        assertThat(memory.whole()).isEqualTo(disk.whole());
        assertThat(memory.readAll()).isEqualTo(disk.readAll()).isEqualTo(bytes);
        assertThat(memory.head(100)).isEqualTo(disk.head(100)).hasSize(100);
        assertThat(memory.head(9000)).isEqualTo(disk.head(9000)).hasSize(5000);
        try (java.nio.channels.SeekableByteChannel m = memory.open(); java.nio.channels.SeekableByteChannel d = disk.open()) {
            for (long at : new long[] {0, 1, 4095, 4999, 5000, 6000}) {
                java.nio.ByteBuffer a = java.nio.ByteBuffer.allocate(97);
                java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(97);
                assertThat(m.position(at).read(a)).as("at %d", at).isEqualTo(d.position(at).read(b));
                assertThat(a.flip()).isEqualTo(b.flip());
            }
        }
    }

    private static WatchService watchTemporaryFolder() throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        WatchService watch = tmp.getFileSystem().newWatchService();
        tmp.register(watch, StandardWatchEventKinds.ENTRY_CREATE);
        return watch;
    }

    private static long copies(WatchService watch) throws InterruptedException {
        return copiesMade(watch, "pec4j-check-").size();
    }

    /** The names of the files made in the watched folder whose names start with one of {@code prefixes}. */
    private static List<String> copiesMade(WatchService watch, String... prefixes) throws InterruptedException {
        List<String> made = new ArrayList<>();
        WatchKey key;
        while ((key = watch.poll(200, TimeUnit.MILLISECONDS)) != null) {
            for (WatchEvent<?> e : key.pollEvents()) {
                String name = String.valueOf(e.context());
                if (java.util.Arrays.stream(prefixes).anyMatch(name::startsWith)) {
                    made.add(name);
                }
            }
            key.reset();
        }
        return made;
    }

    /** Every finding of the report and its members, with severity and text, in order. */
    private static List<String> describe(FileReport r) {
        List<String> out = new ArrayList<>();
        out.add(r.path() + " " + r.detectedType() + " " + r.size() + " " + r.verdict());
        for (Finding f : r.findings()) {
            out.add(f.code() + " " + f.severity() + " " + f.path() + " " + f.english());
        }
        for (FileReport m : r.members()) {
            out.addAll(describe(m));
        }
        return out;
    }
}
