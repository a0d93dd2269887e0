package io.github.pec4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pec4j.core.content.ContentSink;
import io.github.pec4j.core.content.ContentStore;
import io.github.pec4j.core.content.ContentStores;
import io.github.pec4j.core.content.StoredContent;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * SEC-CLOSED-08: bad content never makes the parser throw. A defect met inside the parse (here: an unchecked
 * exception out of the content store, the one place a test can put one at will) is a typed result: kind
 * {@code non-pec}, {@link ParseCode#PARSE_FAILED} (ERROR), an incomplete message with a
 * {@link GapKind#PARSE_FAILED} gap, and the raw bytes kept. Only the store's documented I/O failure is thrown.
 */
class ParserDefectTest {
    private static final byte[] LARGE = new byte[200 * 1024];

    static {
        Arrays.fill(LARGE, (byte) 'x');
    }

    @Test
    @DisplayName("SEC-CLOSED-08 a defect in the MIME pass is a PARSE_FAILED result that keeps the raw bytes, from bytes and from a stream")
    void defectInMimePass() throws IOException {
        byte[] message = Mime.bytes(Mime.crlf("""
                From: mario.rossi@example.com
                To: protocollo@pec.comune.example.it
                Subject: Istanza
                Message-ID: <istanza-1@example.com>
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="b"

                --b
                Content-Type: application/pdf; name="a.pdf"
                Content-Transfer-Encoding: base64

                """) + Mime.b64(LARGE) + "\r\n--b--\r\n");
        PecParser parser = PecParser.create(ParserLimits.DEFAULTS, failingAt(1));

        try (PecMessage m = parser.parse(message)) {
            assertFailedKeepingBytes(m, message);
        }
        try (PecMessage m = parser.parse(new ByteArrayInputStream(message))) {
            assertFailedKeepingBytes(m, message);
        }
    }

    @Test
    @DisplayName("SEC-CLOSED-08 a defect while assembling an envelope (its encoded postacert parsed) is a PARSE_FAILED result, never an exception")
    void defectInAssembly() throws IOException {
        String original = Mime.original("grande.pdf", LARGE);
        String clear = Mime.envelope(Mime.envelopeHeaders(), Mime.DATICERT_ENVELOPE, original);
        byte[] message = Mime.bytes(clear.replace(
                "Content-Type: message/rfc822; name=\"postacert.eml\"\r\nContent-Disposition: inline; filename=\"postacert.eml\"\r\n\r\n"
                        + original,
                "Content-Type: message/rfc822; name=\"postacert.eml\"\r\nContent-Transfer-Encoding: base64\r\n"
                        + "Content-Disposition: inline; filename=\"postacert.eml\"\r\n\r\n" + Mime.b64(original) + "\r\n"));
        try (PecMessage whole = PecParser.create().parse(message)) {
            assertThat(whole.kind()).as("the envelope itself parses").isEqualTo(PecKind.POSTA_CERTIFICATA);
            assertThat(whole.attachments()).extracting(Attachment::name).containsExactly("grande.pdf");
        }

        // the first sink holds the decoded postacert.eml (MIME pass); the second, its PDF (assembly)
        try (PecMessage m = PecParser.create(ParserLimits.DEFAULTS, failingAt(2)).parse(message)) {
            assertFailedKeepingBytes(m, message);
        }
    }

    @Test
    @DisplayName("SEC-CLOSED-08 the content store's I/O failure is still thrown, as documented")
    void storeFailureIsThrown() {
        byte[] message = Mime.bytes(Mime.crlf("""
                From: mario.rossi@example.com
                Subject: Istanza
                Content-Type: application/pdf
                Content-Transfer-Encoding: base64

                """) + Mime.b64(LARGE) + "\r\n");
        ContentStore full = hint -> {
            throw new IOException("disk full");
        };
        assertThatThrownBy(() -> PecParser.create(ParserLimits.DEFAULTS, full).parse(message))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("disk full");
    }

    private static void assertFailedKeepingBytes(PecMessage m, byte[] message) throws IOException {
        assertThat(m.kind()).isEqualTo(PecKind.NON_PEC);
        assertThat(m.diagnostics(ParseCode.PARSE_FAILED)).singleElement()
                .satisfies(d -> assertThat(d.severity()).isEqualTo(Severity.ERROR))
                .satisfies(d -> assertThat(d.message()).contains("a defect of the store"));
        assertThat(m.hasErrors()).isTrue();
        assertThat(m.complete()).isFalse();
        assertThat(m.completeness().gaps()).extracting(Gap::kind).contains(GapKind.PARSE_FAILED);
        assertThat(m.attachments()).isEmpty();
        try (InputStream in = m.raw().open()) {
            assertThat(in.readAllBytes()).isEqualTo(message);
        }
    }

    /** A memory store whose {@code n}-th sink fails with an unchecked exception that is not an I/O error. */
    private static ContentStore failingAt(int n) {
        ContentStore memory = ContentStores.memory();
        AtomicInteger sinks = new AtomicInteger();
        return hint -> {
            ContentSink sink = memory.newSink(hint);
            return sinks.incrementAndGet() < n ? sink : new ContentSink() {
                @Override
                public void write(byte[] b, int off, int len) {
                    throw new IllegalStateException("a defect of the store");
                }

                @Override
                public StoredContent complete() throws IOException {
                    return sink.complete();
                }

                @Override
                public void abort() {
                    sink.abort();
                }
            };
        };
    }
}
