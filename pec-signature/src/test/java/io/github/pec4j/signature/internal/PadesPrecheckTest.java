package io.github.pec4j.signature.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pec4j.core.Attachment;
import io.github.pec4j.core.PecMessage;
import io.github.pec4j.core.PecParser;
import io.github.pec4j.signature.CryptoPolicy;
import io.github.pec4j.signature.DocumentReport;
import io.github.pec4j.signature.Integrity;
import io.github.pec4j.signature.TrustStore;
import io.github.pec4j.testkit.Attachments;
import io.github.pec4j.testkit.HostileFiles;
import io.github.pec4j.testkit.SignedDocuments;
import io.github.pec4j.testkit.TestPki;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streaming {@code /ByteRange} search before PAdES verification against the reference path (every
 * PDF read whole and searched by the regular expression): the same report on real, signed, hostile and
 * generated files; an unsigned PDF is never read whole, a signed one still is.
 */
@Tag("SIG-PADES-02")
class PadesPrecheckTest {
    private static final SignedDocuments DOCS = SignedDocuments.create();
    private static final int W = BcDocumentVerifier.SEARCH_WINDOW;
    private static final byte[] TOKEN = "/ByteRange".getBytes(StandardCharsets.US_ASCII);
    private static BcDocumentVerifier fast;
    private static BcDocumentVerifier reference;

    @TempDir
    static Path dir;
    private static int cases;

    @BeforeAll
    static void verifiers() throws IOException {
        Path ca = dir.resolve("ca.pem");
        TestPki.shared().writeTrustAnchorPem(ca);
        TrustStore trust = TrustStore.builder().addPem(ca).build();
        Clock clock = Clock.fixed(Instant.parse("2026-11-23T00:00:00Z"), ZoneOffset.UTC);
        fast = new BcDocumentVerifier(trust, CryptoPolicy.DEFAULT, clock, true);
        reference = new BcDocumentVerifier(trust, CryptoPolicy.DEFAULT, clock, false);
    }

    /** Both paths on {@code bytes}: the same report; read whole by the fast path exactly when {@code /ByteRange} is in it. */
    private static DocumentReport same(String name, byte[] bytes) throws IOException {
        Path file = Files.write(dir.resolve("d" + (cases++ % 4) + ".pdf"), bytes);
        long before = fast.pdfsReadWhole.get();
        DocumentReport r = fast.verify(file);
        assertThat(r).as(name).isEqualTo(reference.verify(file));
        boolean signedLooking = isPdf(bytes) && indexOf(bytes, TOKEN) >= 0;
        assertThat(fast.pdfsReadWhole.get() - before).as(name + ": read whole").isEqualTo(signedLooking ? 1 : 0);
        assertThat(BcDocumentVerifier.contains(file, TOKEN)).as(name + ": search").isEqualTo(indexOf(bytes, TOKEN) >= 0);
        return r;
    }

    private static boolean isPdf(byte[] b) {
        return b.length >= 5 && new String(b, 0, 5, StandardCharsets.ISO_8859_1).equals("%PDF-");
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        return new String(hay, StandardCharsets.ISO_8859_1).indexOf(new String(needle, StandardCharsets.ISO_8859_1));
    }

    private static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    @DisplayName("SIG-PADES-02 the testkit's PAdES, appended and tampered, and its unsigned PDFs and samples get the same report")
    void testkit() throws IOException {
        byte[] pades = DOCS.pades();
        assertThat(same("pades", pades).integrity()).isEqualTo(Integrity.VALID);
        same("pades appended", concat(pades, latin1("\n% update\n%%EOF\n")));
        byte[] tampered = pades.clone();
        tampered[indexOf(tampered, latin1("MediaBox [0 0 595 842]")) + 15] = '6';
        assertThat(same("pades tampered", tampered).integrity()).isEqualTo(Integrity.INVALID);
        assertThat(same("unsigned", HostileFiles.incrementallyUpdatedPdf()).integrity()).isEqualTo(Integrity.ABSENT);
        same("appended", HostileFiles.pdfWithAppended(new byte[] {'M', 'Z', 0}));
        List<Attachments.Sample> samples = new ArrayList<>(Attachments.allowed());
        samples.addAll(Attachments.violations());
        for (Attachments.Sample s : samples) {
            same(s.name(), s.content());
        }
    }

    @Test
    @DisplayName("SIG-PADES-02 every attachment of the shared corpus gets the same report from both paths")
    void corpus() throws IOException {
        String corpus = System.getProperty("pec4j.corpus.dir", "");
        Assumptions.assumeTrue(!corpus.isEmpty() && Files.isDirectory(Path.of(corpus)), "no shared corpus beside the checkout");
        List<Path> messages;
        try (Stream<Path> files = Files.walk(Path.of(corpus))) {
            messages = files.filter(f -> f.toString().endsWith(".eml")).sorted().toList();
        }
        assertThat(messages).isNotEmpty();
        for (Path m : messages) {
            try (PecMessage msg = PecParser.create().parse(m)) {
                for (Attachment a : msg.attachments()) {
                    try (InputStream in = a.openStream()) {
                        same(m.getFileName() + "/" + a.name(), in.readAllBytes());
                    }
                }
            }
        }
    }

    @Test
    @DisplayName("SIG-PADES-02 /ByteRange across every search-window edge, malformed, almost there; files of 0 to 5 bytes and over 1 MiB")
    void generated() throws IOException {
        for (String s : new String[] {"", "%", "%P", "%PD", "%PDF", "%PDF-", "%PDF-/ByteRange"}) {
            same("tiny " + s, latin1(s));
        }
        Random r = new Random(15);
        byte[] filler = new byte[3 * W];
        for (int i = 0; i < filler.length; i++) {
            filler[i] = (byte) (' ' + r.nextInt(90)); // printable, no '/'
        }
        String[] texts = {"/ByteRange [0 10 20 30]", "/ByteRange", "/ByteRange[0 1 2]", "/ByteRange [0 99999999 5 5]",
            "/ByteRang", "ByteRange [0 10 20 30]", "/Byterange [0 10 20 30]"};
        for (String text : texts) {
            for (int edge : new int[] {W, 2 * W}) {
                for (int k = -text.length() - 1; k <= 1; k++) {
                    byte[] b = Arrays.copyOf(filler, 2 * W + 100);
                    System.arraycopy(latin1("%PDF-1.7\n"), 0, b, 0, 9);
                    System.arraycopy(latin1(text), 0, b, edge + k, text.length());
                    same(text + " at " + (edge + k), b);
                }
            }
            same(text + " at the end", concat(latin1("%PDF-1.7\n"), latin1(text)));
            same(text + " only", latin1("%PDF-" + text));
        }
        for (int size : new int[] {W - 1, W, W + 1, (1 << 20) + 3}) {
            byte[] b = Arrays.copyOf(filler, size);
            System.arraycopy(latin1("%PDF-1.4\n"), 0, b, 0, 9);
            assertThat(same("unsigned of " + size + " bytes", b).integrity()).isEqualTo(Integrity.ABSENT);
        }
        byte[] malformed = latin1("%PDF-1.7\n1 0 obj << /ByteRange [0 10 5 99999] /Contents <zz> >> endobj\n%%EOF");
        assertThat(same("malformed", malformed).integrity()).isEqualTo(Integrity.NOT_VERIFIABLE);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
