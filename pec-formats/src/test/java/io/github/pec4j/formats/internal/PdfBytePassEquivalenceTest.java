package io.github.pec4j.formats.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pec4j.core.Attachment;
import io.github.pec4j.core.PecMessage;
import io.github.pec4j.core.PecParser;
import io.github.pec4j.testkit.Attachments;
import io.github.pec4j.testkit.HostileFiles;
import io.github.pec4j.testkit.SignedDocuments;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The one-pass byte scan ({@link PdfBytePass}) against the reference it replaced ({@link
 * PdfBytePassReference}: a Latin-1 String per window, one {@code indexOf} per token, the PDF/A regular
 * expressions over the whole window): the same findings on real, hostile and generated files, including
 * every token placed across the window edges; and {@link PdfStreams} started where the byte pass saw the
 * first structure-stream mention gives the same verdict as started at byte 0.
 */
@Tag("FMT-PDFPASS-01")
class PdfBytePassEquivalenceTest {
    private static final int W = PdfBytePass.WINDOW;
    private static final int TAIL = PdfBytePass.TAIL;
    private static final int OVERLAP = PdfBytePass.OVERLAP;
    private static final String[] TOKENS = {"/JavaScript", "/JS", "/Launch", "/SubmitForm", "/ImportData", "/GoToE", "/XFA",
        "/Encrypt", "/ObjStm", "/XRef", "/EmbeddedFile", "/FileAttachment"};
    /** What may follow a token: nothing, ASCII and Latin-1 letters, digits, delimiters, a Latin-1 non-letter. */
    private static final String[] FOLLOWERS = {"", "A", "a", "\u00e9", "\u00aa", "0", "9", " ", "/", "(", "<", ">", "[", "#", "\u00d7", "\n"};

    @TempDir
    Path dir;
    private int cases;

    /** Both passes over {@code bytes}: same findings; the first structure offset is where those bytes first are. */
    private PdfBytePass same(String name, byte[] bytes) throws IOException {
        Path file = Files.write(dir.resolve("f" + (cases++ % 4) + ".pdf"), bytes);
        PdfBytePass fast = PdfBytePass.scan(file);
        PdfBytePass reference = PdfBytePassReference.scan(file);
        assertThat(fast.findings()).as(name).isEqualTo(reference.findings());
        long first = Math.min(indexOf(bytes, "/ObjStm"), indexOf(bytes, "/XRef"));
        assertThat(fast.firstStructureByte).as(name + ": first structure bytes").isEqualTo(first == Long.MAX_VALUE ? -1 : first);
        if (fast.structureBytes) {
            for (long[] limits : new long[][] {{64L << 20, 256L << 20}, {2_000, 3_000}, {100, 100_000}}) {
                assertThat(PdfStreams.tooExpansive(file, fast.firstStructureByte, limits[0], limits[1])).as(name + ": streams")
                        .isEqualTo(PdfStreams.tooExpansive(file, limits[0], limits[1]));
            }
        }
        return fast;
    }

    private static long indexOf(byte[] bytes, String token) {
        int at = new String(bytes, StandardCharsets.ISO_8859_1).indexOf(token);
        return at < 0 ? Long.MAX_VALUE : at;
    }

    private static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Random bytes but {@code /} and {@code p}, so only the placed tokens count; rotated by the seed. */
    private static final byte[] FILLER = filler(3 * W);

    private static byte[] filler(int size) {
        byte[] b = new byte[size];
        Random r = new Random(15);
        for (int i = 0; i < size; i++) {
            byte x;
            do {
                x = (byte) r.nextInt(256);
            } while (x == '/' || x == 'p');
            b[i] = x;
        }
        return b;
    }

    /** {@code size} filler bytes with {@code text} at {@code at}. */
    private static byte[] placed(int size, int at, String text, long seed) {
        int from = (int) Math.floorMod(seed * 7919, (long) (FILLER.length - size + 1));
        byte[] b = Arrays.copyOfRange(FILLER, from, from + size);
        byte[] t = latin1(text);
        System.arraycopy(t, 0, b, at, Math.min(t.length, size - at));
        return b;
    }

    @Test
    @DisplayName("FMT-PDFPASS-01 the byte pass equals the reference on every attachment and message of the shared corpus")
    void corpus() throws IOException {
        String corpus = System.getProperty("pec4j.corpus.dir", "");
        Assumptions.assumeTrue(!corpus.isEmpty() && Files.isDirectory(Path.of(corpus)), "no shared corpus beside the checkout");
        List<Path> messages;
        try (Stream<Path> files = Files.walk(Path.of(corpus))) {
            messages = files.filter(f -> f.toString().endsWith(".eml")).sorted().toList();
        }
        assertThat(messages).isNotEmpty();
        PecParser parser = PecParser.create();
        for (Path m : messages) {
            same(m.getFileName().toString(), Files.readAllBytes(m));
            try (PecMessage msg = parser.parse(m)) {
                for (Attachment a : msg.attachments()) {
                    try (InputStream in = a.openStream()) {
                        same(m.getFileName() + "/" + a.name(), in.readAllBytes());
                    }
                }
            }
        }
    }

    @Test
    @DisplayName("FMT-PDFPASS-01 the byte pass equals the reference on the testkit's samples, hostile files and a PAdES PDF")
    void testkit() throws IOException {
        List<Attachments.Sample> samples = new ArrayList<>(Attachments.allowed());
        samples.addAll(Attachments.violations());
        for (Attachments.Sample s : samples) {
            same(s.name(), s.content());
        }
        same("pdf with appended MZ", HostileFiles.pdfWithAppended(new byte[] {'M', 'Z', (byte) 0x90, 0}));
        same("incrementally updated", HostileFiles.incrementallyUpdatedPdf());
        same("pades", SignedDocuments.create().pades());
    }

    @Test
    @DisplayName("FMT-PDFPASS-01 the byte pass equals the reference on the structure scan's generated plain and hostile PDFs")
    void scanCases() throws IOException {
        int n = 0;
        for (Arguments a : PdfScanEquivalenceTest.generated().toList()) {
            same((String) a.get()[0], (byte[]) a.get()[1]);
            n++;
        }
        assertThat(n).isGreaterThan(20);
    }

    @Test
    @DisplayName("FMT-PDFPASS-01 tiny files, names followed by letters, digits and delimiters, in one window")
    void smallFiles() throws IOException {
        for (String s : new String[] {"", "/", "p", "/J", "/X", "pd", "/JS", "/XF", "pdf", "%PDF", "/JS/", "/XRe", "/XRef"}) {
            same("tiny " + s, latin1(s));
        }
        for (String token : TOKENS) {
            for (String follower : FOLLOWERS) {
                same(token + follower, latin1("%PDF-1.7\n<< " + token + follower + " >>"));
                same(token + follower + " at the end", latin1("%PDF-1.7\n" + token + follower));
            }
        }
        assertThat(same("/JSON", latin1("<< /JSON 1 >>")).active).isEmpty();
        assertThat(same("/JS(", latin1("<< /JS(x) >>")).active).containsExactly("/JS");
        assertThat(same("/JS at the end", latin1("<< /JS")).active).containsExactly("/JS");
        assertThat(same("/XRefStm", latin1("/XRefStm 12")).structureStreams).isFalse();
        assertThat(same("/XRefStm", latin1("/XRefStm 12")).structureBytes).isTrue();
        assertThat(same("/JavaScript\u00e9", latin1("/JavaScript\u00e9")).active).isEmpty();
        assertThat(same("/JavaScript\u00d7", latin1("/JavaScript\u00d7")).active).containsExactly("/JavaScript");
    }

    @Test
    @DisplayName("FMT-PDFPASS-01 every token placed across the window edges, in the tail and at the file's end")
    void windowEdges() throws IOException {
        int size = W + 1000;
        int[] edges = {W - TAIL, W - OVERLAP, W};
        long seed = 0;
        for (String token : TOKENS) {
            for (String follower : new String[] {"", "A", "\u00e9", " "}) {
                String text = token + follower;
                for (int edge : edges) {
                    for (int at : new int[] {edge - text.length() - 1, edge - token.length(), edge - token.length() + 1, edge - 1, edge}) {
                        same(text + " at " + at, placed(size, at, text, seed++));
                    }
                }
                same(text + " at the file's end", placed(size, size - text.length(), text, seed++));
            }
            // the second window's edges, with a letter after the token
            for (int at : new int[] {2 * W - TAIL - token.length(), 2 * W - TAIL - 1, 2 * W - OVERLAP}) {
                same(token + "A at " + at, placed(2 * W + 1000, at, token + "A", seed++));
            }
        }
    }

    @Test
    @DisplayName("FMT-PDFPASS-01 at the window edge: a token cut by it is seen whole; one ending at the tail's start is judged as the reference does")
    void edgeBehaviour() throws IOException {
        int size = W + 4096;
        // "/JS" cut by the edge of the first window's text: seen whole in the second window
        assertThat(same("cut /JS", placed(size, W - TAIL - 2, "/JS ", 1)).active).containsExactly("/JS");
        // "/JSON" well inside a window is no /JS
        assertThat(same("/JSON inside", placed(size, W / 2, "/JSON", 2)).active).isEmpty();
        // "/JSON" whose /JS ends where the first window's text ends: the reference calls it a name (its letter lies past the window)
        assertThat(same("/JSON at the tail", placed(size, W - TAIL - 3, "/JSON", 3)).active).containsExactly("/JS");
        // one byte later it is judged with its letter in the second window
        assertThat(same("/JSON past the tail", placed(size, W - TAIL - 2, "/JSON", 4)).active).isEmpty();
        assertThat(same("/Encrypt in the overlap", placed(size, W - 300, "/Encrypt ", 5)).encryptName).isTrue();
    }

    @Test
    @DisplayName("FMT-PDFPASS-01 PDF/A claims in attribute and element form, odd spacing, cut by the edge; the first window's claim wins")
    void pdfaClaims() throws IOException {
        String[] claims = {
            "<pdfaid:part>3</pdfaid:part><pdfaid:conformance>A</pdfaid:conformance>",
            "pdfaid:part=\"2\" pdfaid:conformance=\"B\"",
            "pdfaid:part='1' pdfaid:conformance='b'",
            "pdfaid:conformance=\"U\" pdfaid:part=\"2\"",
            "pdfaid:part=\"1\"",
            "pdfaid:conformance=\"A\"",
            "pdfaid:part = \"1\"",
            "pdfaid:part=\" \n\t 4\"",
            "pdfaid:part=>\"'>5",
            "pdfaid:pdfaid:part=3 pdfaid:conformance=>7 pdfaid:conformance=>u",
            "pdfaid:part=\"x\" pdfaid:part=\"2\"",
            "pdfaid:part=",
            "pdfaid:",
            "pdfaid:part>\u00e9",
        };
        for (String claim : claims) {
            same(claim, latin1("%PDF-1.7\n" + claim + "\n"));
            same(claim + " at the end", latin1(claim));
            for (int at : new int[] {W - TAIL - claim.length(), W - TAIL - claim.length() + 1, W - TAIL - 5, W - OVERLAP - 3, W - 4}) {
                same(claim + " at " + at, placed(W + 2000, at, claim, at));
            }
        }
        assertThat(same("element", latin1(claims[0])).pdfa).isEqualTo("PDF/A-3a");
        assertThat(same("conformance first", latin1(claims[3])).pdfa).isEqualTo("PDF/A-2u");
        assertThat(same("no conformance", latin1(claims[4])).pdfa).isEqualTo("PDF/A-1");
        assertThat(same("space before =", latin1(claims[6])).pdfa).isNull();
        assertThat(same("second candidate", latin1(claims[10])).pdfa).isEqualTo("PDF/A-2");
        // a claim in each of two windows: the first window's
        byte[] two = placed(2 * W + 100, 100, "pdfaid:part=\"1\"", 9);
        byte[] later = latin1("pdfaid:part=\"3\" pdfaid:conformance=\"B\"");
        System.arraycopy(later, 0, two, W + 500, later.length);
        assertThat(same("two windows", two).pdfa).isEqualTo("PDF/A-1");
        // the conformance only in the second window is not joined to the first window's part
        byte[] split = placed(2 * W + 100, 100, "pdfaid:part=\"2\"", 10);
        byte[] conf = latin1("pdfaid:conformance=\"B\"");
        System.arraycopy(conf, 0, split, W + 500, conf.length);
        assertThat(same("part and conformance in two windows", split).pdfa).isEqualTo("PDF/A-2");
    }

    @Test
    @DisplayName("FMT-PDFPASS-01 files of 1 to 3 MiB with tokens, followers and claims at random places, and files of a window's size")
    void randomLargeFiles() throws IOException {
        Random r = new Random(15);
        String[] extras = {"pdfaid:part=\"2\"", "pdfaid:conformance=\"b\"", "<pdfaid:part>1</pdfaid:part>"};
        for (int f = 0; f < 8; f++) {
            int size = W + r.nextInt(2 * W);
            byte[] b = new byte[size];
            r.nextBytes(b);
            for (int k = 0; k < 40; k++) {
                String text = r.nextInt(8) == 0 ? extras[r.nextInt(extras.length)]
                        : TOKENS[r.nextInt(TOKENS.length)] + FOLLOWERS[r.nextInt(FOLLOWERS.length)];
                // half of them near a window edge
                int at = r.nextBoolean() ? r.nextInt(size - 40) : Math.max(0, Math.min(size - 40, (1 + r.nextInt(2)) * W - r.nextInt(2 * OVERLAP)));
                byte[] t = latin1(text);
                System.arraycopy(t, 0, b, at, t.length);
            }
            same("random " + f, b);
        }
        for (int size : new int[] {W - 1, W, W + 1, 2 * W, 2 * W - TAIL}) {
            same("size " + size + " /JS at the end", placed(size, size - 3, "/JS", size));
            same("size " + size + " /JSON at the end", placed(size, size - 5, "/JSON", size));
        }
    }

    @Test
    @DisplayName("FMT-PDFPASS-01 streams: a bomb before the first /ObjStm is skipped and one after it is caught, from either start")
    void streamsFromFirstMention() throws IOException {
        byte[] bomb = deflate(new byte[4_000_000]);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(latin1("%PDF-1.5\n1 0 obj\n<< /Length " + bomb.length + " >>\nstream\n"));
        out.writeBytes(bomb);
        out.writeBytes(latin1("\nendstream\nendobj\n"));
        byte[] before = out.toByteArray();
        out.writeBytes(latin1("2 0 obj\n<< /Type /ObjStm /Length " + bomb.length + " >>\nstream\n"));
        out.writeBytes(bomb);
        out.writeBytes(latin1("\nendstream\nendobj\n%%EOF\n"));
        PdfBytePass p = same("bomb after /ObjStm", out.toByteArray());
        assertThat(p.firstStructureByte).isGreaterThan(before.length);
        Path file = Files.write(dir.resolve("bomb.pdf"), out.toByteArray());
        assertThat(PdfStreams.tooExpansive(file, p.firstStructureByte, 1_000_000, 10_000_000)).contains("expands beyond");
        byte[] decoy = Arrays.copyOf(before, before.length + 20);
        System.arraycopy(latin1("/XRef\n%%EOF\n"), 0, decoy, before.length, 12);
        assertThat(same("bomb before /XRef", decoy).firstStructureByte).isEqualTo(before.length);
    }

    private static byte[] deflate(byte[] data) {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        try (DeflaterOutputStream d = new DeflaterOutputStream(raw)) {
            d.write(data);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return raw.toByteArray();
    }
}
