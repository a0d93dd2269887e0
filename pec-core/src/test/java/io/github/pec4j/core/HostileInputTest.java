package io.github.pec4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HostileInputTest {
    private final PecParser parser = PecParser.create();

    static String deepMultipart(int levels) {
        StringBuilder sb = new StringBuilder("From: x@example.it\r\nSubject: deep\r\n");
        for (int i = 0; i < levels; i++) {
            sb.append("Content-Type: multipart/mixed; boundary=\"b").append(i).append("\"\r\n\r\n--b").append(i).append("\r\n");
        }
        sb.append("Content-Type: text/plain\r\n\r\nfondo\r\n");
        for (int i = levels - 1; i >= 0; i--) {
            sb.append("--b").append(i).append("--\r\n");
        }
        return sb.toString();
    }

    @Test
    @DisplayName("SEC-LIM-01 10,000 nested multiparts are refused with a diagnostic, no stack overflow")
    void deepNesting() {
        byte[] bytes = deepMultipart(10_000).getBytes(StandardCharsets.US_ASCII);
        try (PecMessage m = parser.parse(bytes)) {
            assertThat(m.diagnostics(ParseCode.MIME_DEPTH_EXCEEDED)).hasSize(1);
            assertThat(m.kind()).isEqualTo(PecKind.NON_PEC);
            assertThat(m.raw().size()).isEqualTo(bytes.length);
        }
    }

    @Test
    @DisplayName("SEC-LIM-02 embedded messages nested beyond the depth limit stop with a diagnostic")
    void deepEmbeddedMessages() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 5_000; i++) {
            sb.append("Subject: livello ").append(i).append("\r\nContent-Type: message/rfc822\r\n\r\n");
        }
        sb.append("Subject: fondo\r\n\r\ntesto\r\n");
        try (PecMessage m = parser.parse(sb.toString().getBytes(StandardCharsets.US_ASCII))) {
            assertThat(m.diagnostics(ParseCode.MIME_DEPTH_EXCEEDED)).hasSize(1);
        }
    }

    @Test
    @DisplayName("SEC-LIM-01 the part count, header size and message size limits each give their diagnostic")
    void limits() {
        StringBuilder many = new StringBuilder("Content-Type: multipart/mixed; boundary=b\r\n\r\n");
        for (int i = 0; i < 3_000; i++) {
            many.append("--b\r\nContent-Type: text/plain\r\n\r\nparte ").append(i).append("\r\n");
        }
        many.append("--b--\r\n");
        try (PecMessage m = parser.parse(many.toString().getBytes(StandardCharsets.US_ASCII))) {
            assertThat(m.diagnostics(ParseCode.MIME_PART_LIMIT_EXCEEDED)).hasSize(1);
            assertThat(m.original().orElseThrow().texts()).hasSizeLessThan(2_000);
        }
        String hugeHeader = "Subject: " + "x".repeat(300_000) + "\r\nX-Trasporto: posta-certificata\r\n\r\nbody\r\n";
        try (PecMessage m = parser.parse(hugeHeader.getBytes(StandardCharsets.US_ASCII))) {
            assertThat(m.diagnostics(ParseCode.HEADER_LIMIT_EXCEEDED)).hasSize(1);
        }
        StringBuilder manyHeaders = new StringBuilder();
        for (int i = 0; i < 5_000; i++) {
            manyHeaders.append("Received: from h").append(i).append("\r\n");
        }
        manyHeaders.append("\r\nbody\r\n");
        try (PecMessage m = parser.parse(manyHeaders.toString().getBytes(StandardCharsets.US_ASCII))) {
            assertThat(m.diagnostics(ParseCode.HEADER_LIMIT_EXCEEDED)).hasSize(1);
            assertThat(m.headers().fields()).hasSize(ParserLimits.DEFAULTS.maxHeaderFields());
        }
        PecParser small = PecParser.create(ParserLimits.DEFAULTS.withMaxMessageBytes(10_000),
                io.github.pec4j.core.content.ContentStores.memory());
        byte[] big = Mime.bytes(Mime.envelope(Mime.envelopeHeaders(), Mime.DATICERT_ENVELOPE,
                Mime.original("a.pdf", new byte[50_000])));
        try (PecMessage m = small.parse(big)) {
            assertThat(m.diagnostics(ParseCode.MESSAGE_TOO_LARGE)).hasSize(1);
            assertThat(m.kind()).isEqualTo(PecKind.POSTA_CERTIFICATA);
        }
    }

    @Test
    @DisplayName("SEC-EXC-01 a truncated message is parsed as far as it goes with diagnostics, raw bytes kept")
    void truncated() {
        byte[] full = Mime.bytes(Mime.envelope(Mime.envelopeHeaders(), Mime.DATICERT_ENVELOPE,
                Mime.original("a.pdf", new byte[20_000])));
        byte[] cut = java.util.Arrays.copyOf(full, full.length / 2);
        try (PecMessage m = parser.parse(cut)) {
            assertThat(m.kind()).isEqualTo(PecKind.POSTA_CERTIFICATA);
            assertThat(m.daticert()).isPresent();
            assertThat(m.diagnostics(ParseCode.MESSAGE_TRUNCATED)).hasSize(1);
            assertThat(m.raw().size()).isEqualTo(cut.length);
        }
    }

    @Test
    @DisplayName("SEC-EXC-01 no unchecked exception escapes on cut, shuffled or garbage input (deterministic fuzz)")
    void fuzz() {
        byte[] seed = Mime.bytes(Mime.envelope(Mime.envelopeHeaders(), Mime.DATICERT_ENVELOPE,
                Mime.original("a.pdf", new byte[3_000])));
        Random random = new Random(42);
        for (int round = 0; round < 400; round++) {
            byte[] b = java.util.Arrays.copyOf(seed, 1 + random.nextInt(seed.length));
            int flips = random.nextInt(20);
            for (int i = 0; i < flips; i++) {
                int at = random.nextInt(b.length);
                b[at] = switch (random.nextInt(5)) {
                    case 0 -> '\n';
                    case 1 -> '-';
                    case 2 -> '=';
                    case 3 -> ':';
                    default -> (byte) random.nextInt(256);
                };
            }
            byte[] input = b;
            assertThatCode(() -> {
                try (PecMessage m = parser.parse(input)) {
                    assertThat(m.raw().size()).isEqualTo(input.length);
                }
                try (PecMessage m = parser.parse(new ByteArrayInputStream(input))) {
                    assertThat(m.kind()).isNotNull();
                }
            }).doesNotThrowAnyException();
        }
    }

    @Test
    @DisplayName("SEC-EXC-01 empty input, headers only and a body without headers are handled")
    void degenerate() {
        try (PecMessage m = parser.parse(new byte[0])) {
            assertThat(m.diagnostics(ParseCode.MESSAGE_EMPTY)).hasSize(1);
            assertThat(m.kind()).isEqualTo(PecKind.NON_PEC);
        }
        try (PecMessage m = parser.parse("X-Ricevuta: accettazione".getBytes(StandardCharsets.US_ASCII))) {
            assertThat(m.kind()).isEqualTo(PecKind.ACCETTAZIONE);
            assertThat(m.diagnostics(ParseCode.PEC_DATICERT_MISSING)).hasSize(1);
            assertThat(m.diagnostics(ParseCode.PEC_NOT_SIGNED)).hasSize(1);
        }
        try (PecMessage m = parser.parse("\r\n\r\njust a body".getBytes(StandardCharsets.US_ASCII))) {
            assertThat(m.kind()).isEqualTo(PecKind.NON_PEC);
        }
        String noBoundary = "Content-Type: multipart/mixed\r\n\r\n--x\r\nsomething\r\n";
        try (PecMessage m = parser.parse(noBoundary.getBytes(StandardCharsets.US_ASCII))) {
            assertThat(m.diagnostics(ParseCode.MIME_BOUNDARY_MISSING)).hasSize(1);
        }
    }

    @Test
    @DisplayName("Raw 8-bit headers read as UTF-8 when valid, else Windows-1252")
    void raw8bitHeaders() {
        byte[] utf8 = "Subject: perché\r\n\r\nx".getBytes(StandardCharsets.UTF_8);
        try (PecMessage m = parser.parse(utf8)) {
            assertThat(m.subject()).contains("perché");
        }
        byte[] cp1252 = "Subject: perch\u00e9 \u20ac\r\n\r\nx".getBytes(java.nio.charset.Charset.forName("windows-1252"));
        try (PecMessage m = parser.parse(cp1252)) {
            assertThat(m.subject()).contains("perché €");
            assertThat(m.diagnostics(ParseCode.HEADER_RAW_8BIT)).hasSize(1);
        }
    }

    @Test
    @DisplayName("Diagnostics are bounded by the limit")
    void boundedDiagnostics() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 1_000; i++) {
            sb.append("senza due punti ").append(i).append("\r\n");
        }
        sb.append("\r\nbody");
        try (PecMessage m = parser.parse(sb.toString().getBytes(StandardCharsets.US_ASCII))) {
            assertThat(m.diagnostics()).hasSizeLessThanOrEqualTo(ParserLimits.DEFAULTS.maxDiagnostics() + 1);
            assertThat(m.diagnostics(ParseCode.DIAGNOSTICS_LIMIT_EXCEEDED)).hasSize(1);
        }
    }

    @Test
    @DisplayName("Every spooled part is released on close, used or not, for good and broken input")
    void noSpoolLeaks(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        PecParser spoolAll = PecParser.create(ParserLimits.DEFAULTS, io.github.pec4j.core.content.ContentStores.tempFiles(dir, 0));
        byte[] good = Mime.bytes(Mime.envelope(Mime.envelopeHeaders(), Mime.DATICERT_ENVELOPE, Mime.original("a.pdf", new byte[5_000])));
        Random random = new Random(3);
        for (int i = 0; i < 50; i++) {
            byte[] input = i == 0 ? good : java.util.Arrays.copyOf(good, 1 + random.nextInt(good.length));
            try (PecMessage m = spoolAll.parse(input)) {
                m.attachments().forEach(a -> assertThat(a.size()).isNotNegative());
            }
            try (var files = java.nio.file.Files.list(dir)) {
                assertThat(files.count()).as("spool files left after message " + i).isZero();
            }
        }
    }
}
