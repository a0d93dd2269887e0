package io.github.pec4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pec4j.core.PecMessage;
import io.github.pec4j.core.PecParser;
import io.github.pec4j.testkit.FixtureKind;
import io.github.pec4j.testkit.PecFixtures;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The signed-content digest taken in ranges of the parser's buffer equals the digest of the lines one by one, with
 * every break as CRLF and the last one held back, whatever the breaks, the line lengths and the buffer refills.
 */
@Tag("SIG-INTEG-01")
class ContentTapTest {

    /** The digest as the lines give it, one at a time: the definition the ranges must keep. */
    private static final class LineByLine {
        final MessageDigest digest = sha256();
        boolean held;

        void accept(byte[] b, int off, int len) {
            if (held) digest.update(new byte[] {'\r', '\n'});
            held = false;
            int end = off + len;
            if (b[end - 1] == '\n') {
                int breakLen = end - 2 >= off && b[end - 2] == '\r' ? 2 : 1;
                digest.update(b, off, len - breakLen);
                held = true;
            } else {
                digest.update(b, off, len);
            }
        }
    }

    @Test
    @DisplayName("SIG-INTEG-01 ranges of the buffer digest as line by line: CRLF, LF, bare CR, empty lines, long lines, gaps, refills, another buffer")
    void rangesDigestAsLines() {
        Random random = new Random(20261203);
        for (int trial = 0; trial < 2_000; trial++) {
            byte[] buffer = new byte[64 + random.nextInt(512)];
            ContentTap tap = new ContentTap(sha256());
            LineByLine lines = new LineByLine();
            int at = 0;
            for (int n = random.nextInt(60); n > 0; n--) {
                byte[] piece = piece(random, buffer.length);
                at += random.nextInt(6) == 0 ? 1 + random.nextInt(3) : 0; // bytes the tap is not given: never digested
                if (at + piece.length > buffer.length || random.nextInt(8) == 0) {
                    tap.release(); // the parser refills: what the buffer held is moved or overwritten
                    Arrays.fill(buffer, (byte) 'x');
                    at = 0;
                } else if (random.nextInt(10) == 0) {
                    buffer = new byte[buffer.length]; // another array, the first left as it was: nothing released, nothing joined
                    Arrays.fill(buffer, (byte) 'y');
                }
                System.arraycopy(piece, 0, buffer, at, piece.length);
                tap.accept(buffer, at, piece.length);
                lines.accept(buffer, at, piece.length);
                at += piece.length;
            }
            assertThat(tap.finish()).as("trial %d", trial).isEqualTo(lines.digest.digest());
        }
    }

    @Test
    @DisplayName("SIG-INTEG-01 the parser's one-pass digest of a body with mixed breaks and lines longer than its buffer is the canonical one")
    void parserDigestOverRefills() throws Exception {
        StringBuilder body = new StringBuilder();
        Random random = new Random(7);
        for (int i = 0; i < 400; i++) {
            body.append("riga ").append(i).append(" ".repeat(random.nextInt(90)));
            body.append(switch (i % 5) { case 0 -> "\n"; case 1 -> "\r\n"; case 2 -> "\r\n\r\n"; case 3 -> "x".repeat(70_000) + "\r\n"; default -> "\n\n"; });
        }
        byte[] message = PecFixtures.create().message(FixtureKind.POSTA_CERTIFICATA).body(body.toString()).build();
        PecParser parser = PecParser.create().withSignedContentDigest();
        for (PecMessage m : new PecMessage[] {parser.parse(message), parser.parse(new ByteArrayInputStream(message))}) {
            try (m) {
                byte[] raw = m.raw().read(m.signedLayout().signedContent().orElseThrow());
                byte[] canonical = new String(raw, StandardCharsets.ISO_8859_1).replace("\r\n", "\n").replace("\n", "\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1);
                assertThat(m.signedLayout().signedContentDigest().orElseThrow().bytes()).isEqualTo(sha256().digest(canonical));
            }
        }
    }

    /** A line as the parser hands it out: text, then CRLF, LF, nothing (a part of a longer line) or a CR cut from its LF. */
    private static byte[] piece(Random random, int max) {
        int textLength = random.nextInt(4) == 0 ? 0 : random.nextInt(Math.max(1, max - 2));
        byte[] text = new byte[textLength];
        for (int i = 0; i < textLength; i++) text[i] = (byte) ('A' + random.nextInt(26));
        String end = switch (random.nextInt(5)) {
            case 0, 1 -> "\r\n";
            case 2 -> "\n";
            case 3 -> "\r";
            default -> textLength == 0 ? "\n" : "";
        };
        byte[] piece = Arrays.copyOf(text, textLength + end.length());
        System.arraycopy(end.getBytes(StandardCharsets.US_ASCII), 0, piece, textLength, end.length());
        return piece;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
