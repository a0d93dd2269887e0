package io.github.pec4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pec4j.core.content.ContentStores;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MimeStructureTest {
    private final PecParser parser = PecParser.create();

    private static byte[] pdf(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        b[0] = '%';
        b[1] = 'P';
        b[2] = 'D';
        b[3] = 'F';
        return b;
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    private String envelope(byte[] attachment) {
        return Mime.envelope(Mime.envelopeHeaders(), Mime.DATICERT_ENVELOPE, Mime.original("domanda.pdf", attachment));
    }

    @Test
    @DisplayName("PEC-KIND-01 an envelope is parsed with daticert, original and attachment hashed")
    void envelopeBasics() throws Exception {
        byte[] att = pdf(200_000, 1);
        try (PecMessage m = parser.parse(Mime.bytes(envelope(att)))) {
            assertThat(m.kind()).isEqualTo(PecKind.POSTA_CERTIFICATA);
            assertThat(m.hasErrors()).isFalse();
            OriginalMessage o = m.original().orElseThrow();
            assertThat(o.mimePath()).isEqualTo("/1/3/msg");
            assertThat(o.subject()).contains("Richiesta di accesso agli atti €");
            assertThat(o.from()).contains("mario.rossi@pec.example.it");
            assertThat(o.messageId()).contains("opec1.20240315101530.1.1@pec.gestore.example.it");
            assertThat(o.riferimentoMessageId()).contains("client-1@host.example.it");
            assertThat(o.date().orElseThrow().toInstant()).hasToString("2024-03-15T09:15:29Z");
            assertThat(o.texts()).singleElement().satisfies(t -> assertThat(t.text()).contains("Città di prova"));
            Attachment a = o.attachments().get(0);
            assertThat(a.name()).isEqualTo("domanda.pdf");
            assertThat(a.safeName()).isEqualTo("domanda.pdf");
            assertThat(a.declaredType()).isEqualTo("application/pdf");
            assertThat(a.size()).isEqualTo(att.length);
            assertThat(a.sha256()).isEqualTo(sha256(att));
            assertThat(a.content().readAllBytes()).isEqualTo(att);
            assertThat(m.sender()).contains("mario.rossi@pec.example.it");
            assertThat(m.originalSubject()).contains("Richiesta di accesso agli atti");
        }
    }

    @Test
    @DisplayName("SEC-RAW-01 the signed range covers exactly the first body part, and raw bytes are unchanged")
    void signedRangeAndRaw(@TempDir Path dir) throws Exception {
        String text = envelope(pdf(5000, 2));
        byte[] bytes = Mime.bytes(text);
        Path file = dir.resolve("m.eml");
        Files.write(file, bytes);
        for (PecMessage m : new PecMessage[] {parser.parse(file), parser.parse(bytes), parser.parse(new ByteArrayInputStream(bytes))}) {
            try (m) {
                SignedLayout l = m.signedLayout();
                assertThat(l.form()).isEqualTo(SignedLayout.Form.MULTIPART_SIGNED);
                assertThat(l.micalg()).contains("sha-256");
                String signed = new String(m.raw().read(l.signedContent().orElseThrow()), StandardCharsets.UTF_8);
                int start = text.indexOf("--signed\r\n") + "--signed\r\n".length();
                int end = text.indexOf("\r\n--signed\r\nContent-Type: application/pkcs7-signature");
                assertThat(signed).isEqualTo(text.substring(start, end));
                assertThat(signed).startsWith("Content-Type: multipart/mixed").endsWith("--mixed--\r\n");
                assertThat(m.raw().size()).isEqualTo(bytes.length);
                try (var in = m.raw().open()) {
                    assertThat(in.readAllBytes()).isEqualTo(bytes);
                }
            }
        }
    }

    @Test
    @DisplayName("SIG-INTEG-01 LF line endings parse the same; the signed range ends before the LF of the boundary")
    void lfLineEndings() throws Exception {
        byte[] att = pdf(10_000, 3);
        String text = envelope(att).replace("\r\n", "\n");
        try (PecMessage m = parser.parse(text.getBytes(StandardCharsets.UTF_8))) {
            assertThat(m.kind()).isEqualTo(PecKind.POSTA_CERTIFICATA);
            assertThat(m.daticert()).isPresent();
            assertThat(m.attachments().get(0).sha256()).isEqualTo(sha256(att));
            String signed = new String(m.raw().read(m.signedLayout().signedContent().orElseThrow()), StandardCharsets.UTF_8);
            assertThat(signed).endsWith("--mixed--\n").doesNotContain("--signed");
        }
    }

    @Test
    @DisplayName("PEC-MIME-02 daticert and postacert are found by type and decoded name, in any order, inline or not")
    void partsByTypeAndName() {
        String text = envelope(pdf(100, 4))
                .replace("name=\"daticert.xml\"", "name=\"=?UTF-8?B?REFUSUNFUlQuWE1M?=\"")
                .replace("filename=\"daticert.xml\"", "filename*=UTF-8''DatiCert.xml")
                .replace("application/xml", "text/xml");
        try (PecMessage m = parser.parse(Mime.bytes(text))) {
            assertThat(m.daticert()).isPresent();
            assertThat(m.original()).isPresent();
        }
    }

    @Test
    @DisplayName("PEC-MIME-03 a renamed postacert is taken when it is the only message/rfc822 child")
    void renamedPostacert() {
        String text = envelope(pdf(100, 5)).replace("postacert.eml", "Richiesta.eml");
        try (PecMessage m = parser.parse(Mime.bytes(text))) {
            assertThat(m.original()).isPresent();
            assertThat(m.diagnostics(ParseCode.PEC_POSTACERT_RENAMED)).hasSize(1);
            assertThat(m.diagnostics(ParseCode.PEC_POSTACERT_RENAMED).get(0).severity()).isEqualTo(Severity.INFO);
        }
    }

    @Test
    @DisplayName("PEC-MIME-06 an envelope without postacert gives kind, daticert and an error, no exception")
    void missingPostacert() {
        try (PecMessage m = parser.parse(Mime.bytes(Mime.envelope(Mime.envelopeHeaders(), Mime.DATICERT_ENVELOPE, null)))) {
            assertThat(m.kind()).isEqualTo(PecKind.POSTA_CERTIFICATA);
            assertThat(m.daticert()).isPresent();
            assertThat(m.original()).isEmpty();
            assertThat(m.diagnostics(ParseCode.PEC_POSTACERT_MISSING)).singleElement()
                    .satisfies(d -> assertThat(d.severity()).isEqualTo(Severity.ERROR));
        }
    }

    @Test
    @DisplayName("PEC-MIME-05 editing only the human-readable text leaves the result unchanged")
    void textPartIgnored() {
        String a = envelope(pdf(100, 6));
        String b = a.replace("Messaggio di posta certificata.", "Il giorno 01/01/1999 alle ore 00:00 il messaggio "
                + "\"Altro\" proveniente da \"altro@example.org\" ed indirizzato a x@example.org");
        try (PecMessage ma = parser.parse(Mime.bytes(a)); PecMessage mb = parser.parse(Mime.bytes(b))) {
            assertThat(mb.kind()).isEqualTo(ma.kind());
            assertThat(mb.daticert()).isEqualTo(ma.daticert());
            assertThat(mb.sender()).isEqualTo(ma.sender());
            assertThat(mb.correlation()).isEqualTo(ma.correlation());
            assertThat(mb.originalSubject()).isEqualTo(ma.originalSubject());
        }
    }

    @Test
    @DisplayName("FMT-NAME-01 attachment names decode from RFC 2231 and RFC 2047 and are NFC-normalised")
    void fileNames() throws Exception {
        String nfd = "pratica_citta\u0300.pdf";
        String text = envelope(pdf(100, 7))
                .replace("filename=\"domanda.pdf\"",
                        "filename*0*=UTF-8''" + java.net.URLEncoder.encode(nfd.substring(0, 8), StandardCharsets.UTF_8)
                                + ";\r\n filename*1*=" + java.net.URLEncoder.encode(nfd.substring(8), StandardCharsets.UTF_8).replace("+", "%20"))
                .replace("; name=\"domanda.pdf\"", "; name=\"=?ISO-8859-1?Q?vecchio_nome.pdf?=\"");
        try (PecMessage m = parser.parse(Mime.bytes(text))) {
            assertThat(m.attachments().get(0).name()).isEqualTo("pratica_città.pdf");
        }
        try (PecMessage m = parser.parse(Mime.bytes(envelope(pdf(100, 7)).replace("domanda.pdf", "=?ISO-8859-1?Q?perch=E9.pdf?=")))) {
            assertThat(m.attachments().get(0).name()).isEqualTo("perché.pdf");
        }
    }

    @Test
    @DisplayName("SEC-PATH-01 path-traversal and absolute names are reported and never used as paths")
    void pathTraversal() {
        for (String hostile : new String[] {"../../etc/passwd", "C:\\Windows\\evil.exe", "/etc/shadow", "..\\..\\boot.ini"}) {
            String text = envelope(pdf(100, 8)).replace("domanda.pdf", hostile.replace("\\", "\\\\"));
            try (PecMessage m = parser.parse(Mime.bytes(text))) {
                Attachment a = m.attachments().get(0);
                assertThat(a.name()).isEqualTo(hostile);
                assertThat(a.safeName()).doesNotContain("/", "\\", "..", ":").isNotBlank();
                assertThat(m.diagnostics(ParseCode.ATTACHMENT_NAME_UNSAFE)).hasSize(1);
            }
        }
    }

    @Test
    @DisplayName("Safe names are unique, free of reserved names and control characters")
    void safeNamesUnique() {
        String orig = Mime.original("CON.pdf", new byte[] {1});
        String two = orig.replace("--orig--", "--orig\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename=\"con.pdf\"\r\n\r\nAQ==\r\n"
                + "--orig\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\nAQ==\r\n--orig--");
        try (PecMessage m = parser.parse(Mime.bytes(Mime.envelope(Mime.envelopeHeaders(), Mime.DATICERT_ENVELOPE, two)))) {
            assertThat(m.attachments()).extracting(Attachment::safeName).containsExactly("_CON.pdf", "_con-2.pdf", "attachment-1");
        }
    }

    @Test
    @DisplayName("Quoted-printable, 8bit and base64 with stray characters decode; bad base64 is a warning")
    void transferEncodings() throws Exception {
        String original = Mime.crlf("""
                From: a@example.it
                Subject: t
                Content-Type: multipart/mixed; boundary=b

                --b
                Content-Type: text/plain; charset=iso-8859-1
                Content-Transfer-Encoding: quoted-printable

                perch=E9 una riga molto lunga che va a capo con un soft line break =
                qui.
                --b
                Content-Type: application/octet-stream; name=x.bin
                Content-Transfer-Encoding: base64

                AQID BA*U=
                --b--
                """);
        try (PecMessage m = parser.parse(Mime.bytes(Mime.envelope(Mime.envelopeHeaders(), Mime.DATICERT_ENVELOPE, original)))) {
            OriginalMessage o = m.original().orElseThrow();
            assertThat(o.texts().get(0).text()).isEqualTo("perché una riga molto lunga che va a capo con un soft line break qui.");
            assertThat(o.attachments().get(0).content().readAllBytes()).containsExactly(1, 2, 3, 4, 5);
            assertThat(m.diagnostics(ParseCode.MIME_BASE64_INVALID)).hasSize(1);
        }
    }

    @Test
    @DisplayName("PEC-KIND-04 ordinary mail is non-pec; its attachments are still read")
    void plainMail() throws Exception {
        String plain = Mime.original("lettera.pdf", pdf(1000, 9));
        try (PecMessage m = parser.parse(Mime.bytes(plain))) {
            assertThat(m.kind()).isEqualTo(PecKind.NON_PEC);
            assertThat(m.signedLayout().form()).isEqualTo(SignedLayout.Form.NONE);
            assertThat(m.hasErrors()).isFalse();
            assertThat(m.original().orElseThrow().mimePath()).isEqualTo("/");
            assertThat(m.attachments()).hasSize(1);
            assertThat(m.sender()).contains("mario.rossi@pec.example.it");
        }
    }

    @Test
    @DisplayName("SEC-HEAP-01 large attachments are spooled to files, not kept in memory, and released on close")
    void spooling(@TempDir Path dir) throws Exception {
        byte[] att = pdf(300_000, 10);
        PecParser spooling = PecParser.create(ParserLimits.DEFAULTS, ContentStores.tempFiles(dir, 1024));
        Attachment a;
        try (PecMessage m = spooling.parse(Mime.bytes(envelope(att)))) {
            a = m.attachments().get(0);
            assertThat(a.sha256()).isEqualTo(sha256(att));
            try (var files = Files.list(dir)) {
                assertThat(files.count()).isEqualTo(1); // only the attachment; small parts stay in memory
            }
            assertThat(a.content().readAllBytes()).isEqualTo(att);
        }
        try (var files = Files.list(dir)) {
            assertThat(files.count()).isZero();
        }
    }

    @Test
    @DisplayName("Stream input keeps the raw bytes until close")
    void streamInputSpoolsRaw() throws IOException {
        byte[] bytes = Mime.bytes(envelope(pdf(2_000_000, 11)));
        RawMessage raw;
        try (PecMessage m = parser.parse(new ByteArrayInputStream(bytes))) {
            raw = m.raw();
            assertThat(m.raw().size()).isEqualTo(bytes.length);
            assertThat(m.raw().read(new ByteRange(0, 200))).isEqualTo(java.util.Arrays.copyOf(bytes, 200));
            assertThat(m.raw().file()).isEmpty();
        }
        // the raw spool (a temporary file past 1 MiB) is deleted on close
        org.assertj.core.api.Assertions.assertThatThrownBy(raw::open).isInstanceOf(java.nio.file.NoSuchFileException.class);
    }
}
