package io.github.pec4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * An opaque S/MIME body is unwrapped into its own copy, so the offsets of the tree inside it point into that copy,
 * not into the message's bytes: a forwarded message inside it must be read from there. Found by fuzzing
 * ({@code PecParserFuzzTest}, seed {@code crasher-opaque-nested-range.bin}): a nested PEC in opaque form threw
 * "bad range" out of the parser; at the top level the same mistake read a forwarded message's bytes from the
 * wrong place, silently.
 */
@Tag("SEC-CLOSED-08")
class OpaqueContentRangesTest {
    private static final String FORWARDED = Mime.crlf("""
            From: ufficio.tecnico@comune.altro.example.it
            To: mario.rossi@pec.example.it
            Subject: Parere tecnico
            Message-ID: <parere-7@comune.altro.example.it>

            Si trasmette il parere richiesto, favorevole con prescrizioni.
            """);

    private final PecParser parser = PecParser.create();
    private final List<PecMessage> parsed = new ArrayList<>();

    @AfterEach
    void close() {
        parsed.forEach(PecMessage::close);
    }

    @Test
    @DisplayName("PEC-MIME-04 an opaque envelope's original forwarding a message: the forwarded bytes are the clear form's")
    void forwardedInsideOpaqueEnvelope() {
        String clear = Mime.envelope(Mime.envelopeHeaders(), Mime.DATICERT_ENVELOPE, originalForwarding(FORWARDED));

        byte[] clearBytes = forwardedBytes(parse(clear));
        byte[] opaqueBytes = forwardedBytes(parse(opaque(clear)));

        assertThat(text(clearBytes)).startsWith("From: ufficio.tecnico@").contains("favorevole");
        assertThat(text(opaqueBytes)).isEqualTo(text(clearBytes));
    }

    @Test
    @DisplayName("PEC-MIME-04 ordinary mail signed in opaque form forwarding a message: the forwarded bytes are the unsigned form's")
    void forwardedInsideOpaqueOrdinaryMail() {
        String plain = originalForwarding(FORWARDED);
        String signed = Mime.crlf("""
                From: mario.rossi@example.com
                To: protocollo@pec.comune.example.it
                Subject: Inoltro parere
                MIME-Version: 1.0
                """) + opaqueBody(plain);

        byte[] plainBytes = forwardedBytes(parse(plain));
        byte[] signedBytes = forwardedBytes(parse(signed));

        assertThat(text(plainBytes)).contains("favorevole");
        assertThat(text(signedBytes)).isEqualTo(text(plainBytes));
    }

    @Test
    @DisplayName("PEC-MIME-04 a PEC forwarded in opaque form inside a PEC is read as its clear form is, never an exception")
    void nestedOpaqueEnvelope() {
        String inner = Mime.envelope(Mime.envelopeHeaders(), Mime.DATICERT_ENVELOPE, originalForwarding(FORWARDED));
        String clearOuter = Mime.envelope(Mime.envelopeHeaders(), Mime.DATICERT_ENVELOPE, originalForwarding(inner));
        String opaqueOuter = Mime.envelope(Mime.envelopeHeaders(), Mime.DATICERT_ENVELOPE, originalForwarding(opaque(inner)));

        PecMessage fromClear = nestedOf(parse(clearOuter));
        PecMessage fromOpaque = nestedOf(parse(opaqueOuter));

        assertThat(fromOpaque.signedLayout().form()).isEqualTo(SignedLayout.Form.OPAQUE);
        assertThat(fromOpaque.kind()).isEqualTo(fromClear.kind()).isEqualTo(PecKind.POSTA_CERTIFICATA);
        assertThat(text(forwardedBytes(fromOpaque))).isEqualTo(text(forwardedBytes(fromClear)));
    }

    /** An original message with a text part and {@code forwarded} as an inline message/rfc822 attachment. */
    private static String originalForwarding(String forwarded) {
        return Mime.crlf("""
                From: mario.rossi@pec.example.it
                To: protocollo@pec.comune.example.it
                Subject: Inoltro
                Message-ID: <opec1.20240315101530.1.1@pec.gestore.example.it>
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="orig"

                --orig
                Content-Type: text/plain; charset=UTF-8

                Si inoltra quanto ricevuto.
                --orig
                Content-Type: message/rfc822; name="inoltro.eml"
                Content-Disposition: attachment; filename="inoltro.eml"

                """) + forwarded + "\r\n--orig--\r\n";
    }

    /** The clear-signed envelope turned into the opaque form, its signed content inside a SignedData. */
    private static String opaque(String clear) {
        String headers = clear.substring(0, clear.indexOf("MIME-Version: 1.0\r\n"));
        String signedContent = clear.substring(clear.indexOf("--signed\r\n") + 10,
                clear.indexOf("\r\n--signed\r\nContent-Type: application/pkcs7"));
        return headers + "MIME-Version: 1.0\r\n" + opaqueBody(signedContent);
    }

    private static String opaqueBody(String content) {
        byte[] cms = ClassificationTest.signedData(content.getBytes(StandardCharsets.UTF_8), false);
        return "Content-Type: application/pkcs7-mime; smime-type=signed-data; name=\"smime.p7m\"\r\n"
                + "Content-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename=\"smime.p7m\"\r\n\r\n"
                + Mime.b64(cms) + "\r\n";
    }

    private PecMessage parse(String message) {
        PecMessage m = parser.parse(Mime.bytes(message));
        parsed.add(m);
        return m;
    }

    private static PecMessage nestedOf(PecMessage outer) {
        List<PecMessage> nested = outer.nested();
        assertThat(nested).as("nested PEC messages").hasSize(1);
        return nested.get(0);
    }

    /** The bytes of the one attachment named inoltro.eml, read through the message's own content. */
    private static byte[] forwardedBytes(PecMessage m) {
        Attachment a = m.attachments().stream().filter(x -> x.name().equals("inoltro.eml")).findFirst().orElseThrow();
        try (InputStream in = a.openStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
