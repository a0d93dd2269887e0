package io.github.pec4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pec4j.testkit.FixtureKind;
import io.github.pec4j.testkit.Hostile;
import io.github.pec4j.testkit.HostileEnvelopes;
import io.github.pec4j.testkit.PecFixtures;
import io.github.pec4j.testkit.Quirk;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Fail closed: what the parser did not read is a typed fact on the message and on the part. */
class CompletenessTest {
    private static final HostileEnvelopes HOSTILE = HostileEnvelopes.create();
    private final PecParser parser = PecParser.create();

    private static boolean hasExe(PecMessage m) {
        return m.attachments().stream().anyMatch(a -> a.name().equals(HostileEnvelopes.EXE_NAME));
    }

    @Test
    @DisplayName("SEC-CLOSED-01 a well-formed signed envelope is complete, and so is each attachment")
    void completeEnvelope() {
        try (PecMessage m = parser.parse(PecFixtures.create().message(FixtureKind.POSTA_CERTIFICATA).quirk(Quirk.NESTED_PEC).build())) {
            assertThat(m.completeness()).isEqualTo(Completeness.COMPLETE);
            assertThat(m.complete()).isTrue();
            assertThat(m.attachments()).isNotEmpty().allMatch(Attachment::complete);
            assertThat(m.nested()).isNotEmpty().allMatch(PecMessage::complete);
        }
    }

    @Test
    @DisplayName("SEC-CLOSED-01 fattura.exe after 2,100 parts: the message reports PART_COUNT and does not show the file")
    void afterManyParts() {
        try (PecMessage m = parser.parse(HOSTILE.exeAfterParts(2_100))) {
            assertThat(m.kind()).isEqualTo(PecKind.POSTA_CERTIFICATA);
            assertThat(hasExe(m)).isFalse();
            assertThat(m.completeness().kinds()).containsExactly(GapKind.PART_COUNT);
            assertThat(m.completeness().gaps()).anySatisfy(g -> {
                assertThat(g.location().mimePath()).isEqualTo("/1/3/msg");
                assertThat(g.detail()).contains("maxParts 2000");
            });
        }
    }

    @Test
    @DisplayName("SEC-CLOSED-01 fattura.exe 30 MIME levels deep: the message reports MIME_DEPTH")
    void deep() {
        try (PecMessage m = parser.parse(HOSTILE.exeNested(30))) {
            assertThat(hasExe(m)).isFalse();
            assertThat(m.completeness().kinds()).containsExactly(GapKind.MIME_DEPTH);
            assertThat(m.completeness().gaps().get(0).detail()).contains("maxMimeDepth 24");
        }
    }

    @Test
    @DisplayName("SEC-CLOSED-01 fattura.exe behind 290 KB of junk headers in postacert.eml: HEADER_BYTES at the original")
    void junkHeaders() {
        try (PecMessage m = parser.parse(HOSTILE.exeBehindJunkHeaders(290_000))) {
            assertThat(hasExe(m)).isFalse();
            assertThat(m.completeness().kinds()).containsExactly(GapKind.HEADER_BYTES);
            assertThat(m.completeness().gaps().get(0).location().mimePath()).isEqualTo("/1/3/msg");
            assertThat(m.completeness().gaps().get(0).detail()).contains("maxHeaderBytes 262144");
        }
    }

    @Test
    @DisplayName("SEC-CLOSED-01 fattura.exe behind an encoded-word flood: ENCODED_WORDS at the original")
    void encodedWordFlood() {
        try (PecMessage m = parser.parse(HOSTILE.exeBehindEncodedWords(15_000))) {
            assertThat(hasExe(m)).isFalse();
            assertThat(m.completeness().kinds()).containsExactly(GapKind.ENCODED_WORDS);
            assertThat(m.completeness().gaps().get(0).location().mimePath()).isEqualTo("/1/3/msg");
        }
    }

    @Test
    @DisplayName("SEC-CLOSED-01 below every limit the same shapes are complete and fattura.exe is seen")
    void belowTheLimits() {
        for (byte[] bytes : new byte[][] {HOSTILE.exeAfterParts(100), HOSTILE.exeNested(5), HOSTILE.exeBehindJunkHeaders(10_000),
                HOSTILE.exeBehindEncodedWords(500)}) {
            try (PecMessage m = parser.parse(bytes)) {
                assertThat(m.completeness().gaps()).isEmpty();
                assertThat(hasExe(m)).isTrue();
            }
        }
    }

    @Test
    @DisplayName("SEC-CLOSED-01 a daticert refused for its DOCTYPE is DATICERT_REFUSED; an unreadable one DATICERT_UNREADABLE")
    void daticertRefused() {
        try (PecMessage m = parser.parse(PecFixtures.create().message(FixtureKind.POSTA_CERTIFICATA).quirk(Quirk.HOSTILE_DATICERT_XXE).build())) {
            assertThat(m.daticert()).isEmpty();
            assertThat(m.completeness().kinds()).containsExactly(GapKind.DATICERT_REFUSED);
        }
        byte[] ok = PecFixtures.create().message(FixtureKind.ACCETTAZIONE).build();
        String text = new String(ok, StandardCharsets.ISO_8859_1);
        // Swap the base64 daticert for one that is not XML at all (the signature no longer matters here).
        int start = text.indexOf("filename=\"daticert.xml\"\r\n\r\n") + "filename=\"daticert.xml\"\r\n\r\n".length();
        int end = text.indexOf("\r\n--", start);
        String broken = text.substring(0, start) + java.util.Base64.getEncoder().encodeToString("<postacert><dati></postacert>".getBytes(StandardCharsets.US_ASCII))
                + text.substring(end);
        try (PecMessage m = parser.parse(broken.getBytes(StandardCharsets.ISO_8859_1))) {
            assertThat(m.daticert()).isEmpty();
            assertThat(m.completeness().kinds()).containsExactly(GapKind.DATICERT_UNREADABLE);
        }
    }

    @Test
    @DisplayName("SEC-CLOSED-01 a truncated message: PART_TRUNCATED, and the cut attachment knows it is not complete")
    void truncated() {
        byte[] whole = PecFixtures.create().message(FixtureKind.NON_PEC).attachment("grande.pdf", "application/pdf", 20_000L).build();
        try (PecMessage m = parser.parse(Hostile.truncated(whole, whole.length - 3_000))) {
            assertThat(m.completeness().kinds()).contains(GapKind.PART_TRUNCATED);
            assertThat(m.attachments()).filteredOn(a -> a.name().equals("grande.pdf")).singleElement()
                    .satisfies(a -> assertThat(a.complete()).isFalse());
        }
    }

    @Test
    @DisplayName("SEC-CLOSED-01 invalid base64 is PART_UNREADABLE on the part; the other attachments stay complete")
    void invalidBase64() {
        String msg = "From: a@example.it\r\nSubject: x\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n"
                + "--b\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename=ok.pdf\r\n\r\n"
                + "JVBERi0xLjcK\r\n"
                + "--b\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename=bad.pdf\r\n\r\n"
                + "JVBE!!Ri0x*LjcK#\r\n--b--\r\n";
        try (PecMessage m = parser.parse(msg.getBytes(StandardCharsets.US_ASCII))) {
            assertThat(m.completeness().kinds()).containsExactly(GapKind.PART_UNREADABLE);
            assertThat(m.completeness().gaps().get(0).location().mimePath()).isEqualTo("/2");
            assertThat(m.attachments()).extracting(Attachment::name, Attachment::complete)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("ok.pdf", true), org.assertj.core.groups.Tuple.tuple("bad.pdf", false));
        }
    }

    @Test
    @DisplayName("SEC-CLOSED-01 a message over maxMessageBytes is MESSAGE_BYTES")
    void messageBytes() {
        byte[] whole = PecFixtures.create().message(FixtureKind.NON_PEC).attachment("grande.pdf", "application/pdf", 50_000L).build();
        PecParser small = PecParser.create(ParserLimits.DEFAULTS.withMaxMessageBytes(20_000), io.github.pec4j.core.content.ContentStores.memory());
        try (PecMessage m = small.parse(whole)) {
            assertThat(m.completeness().kinds()).contains(GapKind.MESSAGE_BYTES, GapKind.PART_TRUNCATED);
        }
    }

    @Test
    @DisplayName("SEC-CLOSED-01 a nested PEC beyond maxNestedMessages is NESTED_DEPTH; a nested message's gaps reach the outer one")
    void nested() {
        byte[] forwarded = PecFixtures.create().message(FixtureKind.POSTA_CERTIFICATA).quirk(Quirk.NESTED_PEC).build();
        ParserLimits none = new ParserLimits(256L << 20, 256 << 10, 2_000, 24, 2_000, 1 << 20, 1 << 20, 0, 200);
        try (PecMessage m = PecParser.create(none, io.github.pec4j.core.content.ContentStores.memory()).parse(forwarded)) {
            assertThat(m.completeness().kinds()).containsExactly(GapKind.NESTED_DEPTH);
        }
        // A forwarded envelope that itself hides content: the inner message and the outer one both say so.
        byte[] inner = HOSTILE.exeNested(30);
        String outer = "From: a@example.it\r\nSubject: inoltro\r\nContent-Type: multipart/mixed; boundary=o\r\n\r\n--o\r\n"
                + "Content-Type: message/rfc822; name=\"inoltro.eml\"\r\nContent-Disposition: attachment; filename=\"inoltro.eml\"\r\n\r\n";
        byte[] bytes = concat(outer.getBytes(StandardCharsets.US_ASCII), inner, "\r\n--o--\r\n".getBytes(StandardCharsets.US_ASCII));
        try (PecMessage m = parser.parse(bytes)) {
            assertThat(m.nested()).singleElement().satisfies(n -> assertThat(n.completeness().kinds()).containsExactly(GapKind.MIME_DEPTH));
            assertThat(m.completeness().kinds()).containsExactly(GapKind.MIME_DEPTH);
            assertThat(m.attachments()).filteredOn(Attachment::embeddedMessage).singleElement()
                    .satisfies(a -> assertThat(a.complete()).isFalse());
        }
    }

    @Test
    @DisplayName("SEC-NAME-01 name() keeps a trailing space and a NUL as sent, reports the oddity, safeName() cleans")
    void oddNames() {
        String msg = "From: a@example.it\r\nSubject: x\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n"
                + "--b\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename=\"fattura.pdf \"\r\n\r\n%PDF-1.7\r\n"
                + "--b\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename*=UTF-8''fattura.exe%00\r\n\r\nMZ\r\n"
                + "--b\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename=\"normale.pdf\"\r\n\r\n%PDF-1.7\r\n--b--\r\n";
        try (PecMessage m = parser.parse(msg.getBytes(StandardCharsets.US_ASCII))) {
            assertThat(m.attachments()).extracting(Attachment::name).containsExactly("fattura.pdf ", "fattura.exe\0", "normale.pdf");
            assertThat(m.attachments()).extracting(Attachment::safeName).containsExactly("fattura.pdf", "fattura.exe", "normale.pdf");
            assertThat(m.attachments().get(1).extension()).contains("exe");
            assertThat(m.diagnostics(ParseCode.ATTACHMENT_NAME_ODD)).extracting(d -> d.location().mimePath()).containsExactly("/1", "/2");
            assertThat(m.completeness().complete()).isTrue();
        }
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }
}
