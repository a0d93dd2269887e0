package io.github.pec4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClassificationTest {
    private final PecParser parser = PecParser.create();

    private static String receiptHeaders(String ricevutaHeader, String subject) {
        return "From: posta-certificata@pec.gestore.example.it\nTo: mario.rossi@pec.example.it\nSubject: " + subject
                + "\nMessage-ID: <r1@pec.gestore.example.it>\nX-Riferimento-Message-ID: <client-1@host.example.it>\n"
                + ricevutaHeader + "\n";
    }

    private static String daticert(String tipo) {
        return Mime.DATICERT_ENVELOPE.replace("tipo=\"posta-certificata\"", "tipo=\"" + tipo + "\"");
    }

    private PecMessage receipt(String header, String subject, String tipo) {
        return parser.parse(Mime.bytes(Mime.envelope(receiptHeaders(header, subject), daticert(tipo), null)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "accettazione, ACCETTAZIONE: x",
        "non-accettazione, AVVISO DI NON ACCETTAZIONE: x",
        "presa-in-carico, PRESA IN CARICO: x",
        "avvenuta-consegna, CONSEGNA: x",
        "errore-consegna, AVVISO DI MANCATA CONSEGNA: x",
        "preavviso-errore-consegna, AVVISO DI MANCATA CONSEGNA PER SUP. TEMPO MASSIMO: x",
        "rilevazione-virus, PROBLEMA DI SICUREZZA: x"})
    @DisplayName("PEC-KIND-03 each X-Ricevuta value classifies as its receipt kind")
    void receipts(String tipo, String subject) {
        try (PecMessage m = receipt("X-Ricevuta: " + tipo, subject, tipo)) {
            assertThat(m.kind().id()).isEqualTo(tipo);
            assertThat(m.kind().isReceipt()).isTrue();
            assertThat(m.diagnostics()).noneMatch(d -> d.severity() != Severity.INFO);
        }
    }

    @Test
    @DisplayName("PEC-KIND-05 header names and values match in any case, after unfolding and trimming")
    void caseInsensitive() {
        try (PecMessage m = receipt("x-RICEVUTA:\n   Avvenuta-Consegna  ", "CONSEGNA: x", "avvenuta-consegna")) {
            assertThat(m.kind()).isEqualTo(PecKind.AVVENUTA_CONSEGNA);
        }
        String headers = Mime.envelopeHeaders().replace("X-Trasporto: posta-certificata", "X-TRASPORTO: Posta-Certificata")
                .replace("X-TipoRicevuta", "X-Tiporicevuta");
        try (PecMessage m = parser.parse(Mime.bytes(Mime.envelope(headers, Mime.DATICERT_ENVELOPE, Mime.original("a.pdf", new byte[1]))))) {
            assertThat(m.kind()).isEqualTo(PecKind.POSTA_CERTIFICATA);
            assertThat(m.pecHeaders().tipoRicevuta()).contains("completa");
            assertThat(m.diagnostics(ParseCode.PEC_HEADER_NONSTANDARD)).isEmpty();
        }
    }

    @Test
    @DisplayName("PEC-KIND-06 non-standard values are kept raw with a warning and parsing continues")
    void nonStandard() {
        try (PecMessage m = receipt("X-Ricevuta: mancata-consegna\nX-Tipo-Ricevuta: normale", "AVVISO DI MANCATA CONSEGNA: x",
                "errore-consegna")) {
            assertThat(m.kind()).isEqualTo(PecKind.ERRORE_CONSEGNA);
            assertThat(m.pecHeaders().ricevuta()).contains("mancata-consegna");
            assertThat(m.diagnostics(ParseCode.PEC_HEADER_NONSTANDARD)).hasSize(2);
            assertThat(m.daticert()).isPresent();
        }
        try (PecMessage m = receipt("X-Ricevuta: qualcosa\nX-TipoRicevuta: complet", "x", "accettazione")) {
            assertThat(m.kind()).isEqualTo(PecKind.ACCETTAZIONE); // from the signed daticert
            assertThat(m.diagnostics(ParseCode.PEC_HEADER_NONSTANDARD)).hasSize(2);
        }
    }

    @Test
    @DisplayName("PEC-KIND-07 virus notices are flagged by X-VerificaSicurezza or errore=virus; absence is not malformed")
    void virus() {
        try (PecMessage m = receipt("X-Ricevuta: non-accettazione\nX-VerificaSicurezza: errore",
                "AVVISO DI NON ACCETTAZIONE PER VIRUS: x", "non-accettazione")) {
            assertThat(m.virusRelated()).isTrue();
        }
        try (PecMessage m = parser.parse(Mime.bytes(Mime.envelope(receiptHeaders("X-Ricevuta: errore-consegna", "AVVISO DI MANCATA CONSEGNA PER VIRUS: x"),
                daticert("errore-consegna").replace("errore=\"nessuno\"", "errore=\"virus\""), null)))) {
            assertThat(m.virusRelated()).isTrue();
            assertThat(m.diagnostics()).noneMatch(d -> d.severity() == Severity.ERROR);
        }
        try (PecMessage m = receipt("X-Ricevuta: errore-consegna", "AVVISO DI MANCATA CONSEGNA: x", "errore-consegna")) {
            assertThat(m.virusRelated()).isFalse();
            assertThat(m.hasErrors()).isFalse();
        }
    }

    @Test
    @DisplayName("PEC-KIND-02 PEC-KIND-08 PEC-KIND-09 an anomalia wrapping a PEC envelope reports both kinds, the inner daticert and no error for its own")
    void anomaliaWrappingPec() {
        String inner = Mime.envelope(Mime.envelopeHeaders(), Mime.DATICERT_ENVELOPE, Mime.original("a.pdf", new byte[] {1, 2}));
        String outerHeaders = """
                From: posta-certificata@pec.gestore.example.it
                To: protocollo@pec.comune.example.it
                Subject: ANOMALIA MESSAGGIO: POSTA CERTIFICATA: R: Re: pratica
                Message-ID: <anomalia-1@pec.gestore.example.it>
                X-Trasporto: errore
                """;
        try (PecMessage m = parser.parse(Mime.bytes(Mime.envelope(outerHeaders, null, inner)))) {
            assertThat(m.kind()).isEqualTo(PecKind.ANOMALIA);
            assertThat(m.innerKind()).contains(PecKind.POSTA_CERTIFICATA);
            assertThat(m.daticert()).isEmpty();
            assertThat(m.hasErrors()).isFalse();
            assertThat(m.nested()).singleElement().satisfies(n -> {
                assertThat(n.kind()).isEqualTo(PecKind.POSTA_CERTIFICATA);
                assertThat(n.daticert().orElseThrow().mittente()).isEqualTo("mario.rossi@pec.example.it");
                assertThat(n.attachments()).singleElement().satisfies(a -> assertThat(a.size()).isEqualTo(2));
                assertThat(n.signedLayout().signedContent()).isPresent();
            });
        }
        // and an anomalia that does carry a daticert of its own is accepted too
        try (PecMessage m = parser.parse(Mime.bytes(Mime.envelope(outerHeaders, Mime.DATICERT_ENVELOPE, Mime.original("a.pdf", new byte[1]))))) {
            assertThat(m.kind()).isEqualTo(PecKind.ANOMALIA);
            assertThat(m.daticert()).isPresent();
            assertThat(m.innerKind()).isEmpty();
        }
    }

    @Test
    @DisplayName("PEC-SUBJ-01 Subject prefixes match longest first and a contradicting prefix only warns")
    void subjectPrefixes() {
        try (PecMessage m = receipt("X-Ricevuta: non-accettazione", "AVVISO DI NON ACCETTAZIONE: x", "non-accettazione")) {
            assertThat(m.diagnostics(ParseCode.PEC_SUBJECT_MISMATCH)).isEmpty();
        }
        try (PecMessage m = receipt("X-Ricevuta: errore-consegna", "=?UTF-8?Q?AVVISO_DI_MANCATA_CONSEGNA=3A_x?=", "errore-consegna")) {
            assertThat(m.diagnostics(ParseCode.PEC_SUBJECT_MISMATCH)).isEmpty();
        }
        try (PecMessage m = receipt("X-Ricevuta: accettazione", "CONSEGNA: x", "accettazione")) {
            assertThat(m.kind()).isEqualTo(PecKind.ACCETTAZIONE);
            assertThat(m.diagnostics(ParseCode.PEC_SUBJECT_MISMATCH)).singleElement()
                    .satisfies(d -> assertThat(d.severity()).isEqualTo(Severity.WARNING));
        }
    }

    @Test
    @DisplayName("REC-TIME-02 errore-consegna with the time-out prefix stays final; only tipo separates it from the preavviso")
    void timeoutPrefix() {
        try (PecMessage m = receipt("X-Ricevuta: errore-consegna", "AVVISO DI MANCATA CONSEGNA PER SUP. TEMPO MASSIMO: x", "errore-consegna")) {
            assertThat(m.kind()).isEqualTo(PecKind.ERRORE_CONSEGNA);
            assertThat(m.diagnostics(ParseCode.PEC_SUBJECT_MISMATCH)).isEmpty();
        }
    }

    @Test
    @DisplayName("PEC-SUBJ-02 the original subject falls back from daticert to postacert to one stripped prefix")
    void originalSubjectFallback() {
        String noOggetto = Mime.DATICERT_ENVELOPE.replaceAll("<oggetto>.*</oggetto>", "");
        String headers = Mime.envelopeHeaders().replace("Subject: POSTA CERTIFICATA: Richiesta di accesso agli atti",
                "Subject: POSTA CERTIFICATA: POSTA CERTIFICATA: EXAMPLE");
        try (PecMessage m = parser.parse(Mime.bytes(Mime.envelope(headers, noOggetto, null)))) {
            assertThat(m.originalSubject()).contains("POSTA CERTIFICATA: EXAMPLE");
        }
        try (PecMessage m = parser.parse(Mime.bytes(Mime.envelope(headers, noOggetto, Mime.original("a.pdf", new byte[1]))))) {
            assertThat(m.originalSubject()).contains("Richiesta di accesso agli atti €");
        }
    }

    @Test
    @DisplayName("PEC-HDR-01 the sender comes from daticert; 'Per conto di' is a flagged fallback")
    void sender() {
        String headers = Mime.envelopeHeaders().replace("Per conto di: mario.rossi@pec.example.it", "Per conto di: altro@pec.example.it");
        try (PecMessage m = parser.parse(Mime.bytes(Mime.envelope(headers, Mime.DATICERT_ENVELOPE, null)))) {
            assertThat(m.sender()).contains("mario.rossi@pec.example.it");
            assertThat(m.diagnostics(ParseCode.PEC_SENDER_FROM_HEADER)).isEmpty();
        }
        try (PecMessage m = parser.parse(Mime.bytes(Mime.envelope(headers, null, null)))) {
            assertThat(m.sender()).contains("altro@pec.example.it");
            assertThat(m.diagnostics(ParseCode.PEC_SENDER_FROM_HEADER)).hasSize(1);
        }
    }

    @Test
    @DisplayName("PEC-MIME-01 a PEC forwarded inside the original is a nested message and never replaces the outer parts")
    void nestedPec() {
        String forwarded = Mime.envelope(Mime.envelopeHeaders().replace("client-1", "client-2"),
                Mime.DATICERT_ENVELOPE.replace("client-1", "client-2").replace("mario.rossi", "luigi.verdi"),
                Mime.original("interna.pdf", new byte[] {9, 9, 9}));
        String original = Mime.crlf("""
                From: anna.bianchi@pec.example.it
                Subject: I: pratica
                Content-Type: multipart/mixed; boundary=fw

                --fw
                Content-Type: text/plain

                Inoltro la PEC ricevuta.
                --fw
                Content-Type: message/rfc822; name="inoltrata.eml"
                Content-Disposition: attachment; filename="inoltrata.eml"

                """) + forwarded + "\r\n--fw--\r\n";
        try (PecMessage m = parser.parse(Mime.bytes(Mime.envelope(Mime.envelopeHeaders(), Mime.DATICERT_ENVELOPE, original)))) {
            assertThat(m.daticert().orElseThrow().mittente()).isEqualTo("mario.rossi@pec.example.it");
            assertThat(m.correlation().msgid()).contains("client-1@host.example.it");
            assertThat(m.attachments()).singleElement().satisfies(a -> {
                assertThat(a.embeddedMessage()).isTrue();
                assertThat(a.name()).isEqualTo("inoltrata.eml");
                assertThat(a.size()).isEqualTo(forwarded.length());
            });
            assertThat(m.nested()).singleElement().satisfies(n -> {
                assertThat(n.kind()).isEqualTo(PecKind.POSTA_CERTIFICATA);
                assertThat(n.daticert().orElseThrow().mittente()).isEqualTo("luigi.verdi@pec.example.it");
                assertThat(n.correlation().msgid()).contains("client-2@host.example.it");
                assertThat(n.raw().size()).isEqualTo(forwarded.length());
            });
        }
    }

    // ---- opaque S/MIME: a minimal SignedData built by hand (no signer: structure only)

    private static byte[] der(int tag, byte[]... contents) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] c : contents) body.writeBytes(c);
        byte[] b = body.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        if (b.length < 128) {
            out.write(b.length);
        } else if (b.length < 65536) {
            out.write(0x82);
            out.write(b.length >> 8);
            out.write(b.length);
        } else {
            out.write(0x83);
            out.write(b.length >> 16);
            out.write(b.length >> 8);
            out.write(b.length);
        }
        out.writeBytes(b);
        return out.toByteArray();
    }

    static byte[] signedData(byte[] content, boolean berChunks) {
        byte[] oidSigned = {0x06, 0x09, 0x2A, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xF7, 0x0D, 0x01, 0x07, 0x02};
        byte[] oidData = {0x06, 0x09, 0x2A, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xF7, 0x0D, 0x01, 0x07, 0x01};
        byte[] econtent;
        if (berChunks) {
            ByteArrayOutputStream chunks = new ByteArrayOutputStream();
            chunks.write(0x24);
            chunks.write(0x80);
            for (int i = 0; i < content.length; i += 1000) {
                chunks.writeBytes(der(0x04, java.util.Arrays.copyOfRange(content, i, Math.min(content.length, i + 1000))));
            }
            chunks.write(0);
            chunks.write(0);
            econtent = chunks.toByteArray();
        } else {
            econtent = der(0x04, content);
        }
        byte[] encap = der(0x30, oidData, der(0xA0, econtent));
        byte[] sd = der(0x30, new byte[] {0x02, 0x01, 0x01}, der(0x31), encap, der(0x31));
        return der(0x30, oidSigned, der(0xA0, sd));
    }

    @Test
    @DisplayName("PEC-MIME-04 an opaque smime.p7m envelope is unwrapped and parsed like the clear-signed one (DER and BER)")
    void opaque() {
        String clear = Mime.envelope(Mime.envelopeHeaders(), Mime.DATICERT_ENVELOPE, Mime.original("a.pdf", new byte[] {7, 7}));
        String inner = clear.substring(clear.indexOf("--signed\r\n") + 10, clear.indexOf("\r\n--signed\r\nContent-Type: application/pkcs7"));
        for (boolean ber : new boolean[] {false, true}) {
            byte[] cms = signedData(inner.getBytes(StandardCharsets.UTF_8), ber);
            String opaque = Mime.crlf(Mime.envelopeHeaders()) + "MIME-Version: 1.0\r\n"
                    + "Content-Type: application/x-pkcs7-mime; smime-type=signed-data; name=\"smime.p7m\"\r\n"
                    + "Content-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename=\"smime.p7m\"\r\n\r\n"
                    + Mime.b64(cms) + "\r\n";
            try (PecMessage m = parser.parse(Mime.bytes(opaque))) {
                assertThat(m.kind()).isEqualTo(PecKind.POSTA_CERTIFICATA);
                assertThat(m.signedLayout().form()).isEqualTo(SignedLayout.Form.OPAQUE);
                assertThat(m.daticert().orElseThrow().identificativo()).isEqualTo("opec1.20240315101530.1.1@pec.gestore.example.it");
                assertThat(m.attachments()).singleElement().satisfies(a -> assertThat(a.size()).isEqualTo(2));
                assertThat(m.diagnostics(ParseCode.PEC_OPAQUE_SIGNATURE)).hasSize(1);
                assertThat(m.hasErrors()).isFalse();
            }
        }
        String garbage = Mime.crlf(Mime.envelopeHeaders()) + "Content-Type: application/pkcs7-mime; smime-type=signed-data\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n" + Mime.b64("not a cms") + "\r\n";
        try (PecMessage m = parser.parse(Mime.bytes(garbage))) {
            assertThat(m.kind()).isEqualTo(PecKind.POSTA_CERTIFICATA);
            assertThat(m.diagnostics(ParseCode.PEC_OPAQUE_UNREADABLE)).hasSize(1);
        }
    }

    @Test
    @DisplayName("REC-CORR-04 inside postacert Message-ID is the identificativo and X-Riferimento-Message-ID the client id")
    void correlationKeys() {
        try (PecMessage m = parser.parse(Mime.bytes(Mime.envelope(Mime.envelopeHeaders(), Mime.DATICERT_ENVELOPE,
                Mime.original("a.pdf", new byte[1]))))) {
            CorrelationKeys k = m.correlation();
            assertThat(k.riferimentoMessageId()).contains("client-1@host.example.it");
            assertThat(k.msgid()).contains("client-1@host.example.it");
            assertThat(k.identificativo()).contains("opec1.20240315101530.1.1@pec.gestore.example.it");
            assertThat(k.clientMessageId()).contains("client-1@host.example.it");
            OriginalMessage o = m.original().orElseThrow();
            assertThat(o.messageId()).isEqualTo(k.identificativo());
            assertThat(o.riferimentoMessageId()).isEqualTo(k.riferimentoMessageId());
        }
    }

    @Test
    @DisplayName("PEC-REM-01 REM evidence and headers are recognised by content, kept raw, and a daticert beside them is still read")
    void remEvidence() {
        String evidence = "<?xml version=\"1.0\"?><ev:SubmissionAcceptance xmlns:ev=\"http://uri.etsi.org/19522/v1#\">"
                + "<ev:EventCode>http://uri.etsi.org/19522/Event/SubmissionAcceptance</ev:EventCode></ev:SubmissionAcceptance>";
        String headers = "From: posta-certificata@pec.gestore.example.it\nSubject: ACCETTAZIONE: x\nX-Ricevuta: accettazione\n"
                + "REM-UAMessageIdentifier: <ua-1@client.example.it>\nREM-Section-Type: rem_message/evidence\nX-REM-Event: SubmissionAcceptance\n";
        String env = Mime.envelope(headers, daticert("accettazione"), null).replace("--mixed--",
                "--mixed\r\nContent-Type: application/xml; name=\"SubmissionAcceptance.xml\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                        + Mime.b64(evidence) + "\r\n--mixed--");
        try (PecMessage m = parser.parse(Mime.bytes(env))) {
            assertThat(m.kind()).isEqualTo(PecKind.ACCETTAZIONE);
            assertThat(m.daticert()).isPresent();
            RemInfo rem = m.rem().orElseThrow();
            assertThat(rem.headers()).extracting(Headers.Field::name)
                    .containsExactly("REM-UAMessageIdentifier", "REM-Section-Type", "X-REM-Event");
            assertThat(rem.evidenceParts()).containsExactly("/1/3");
            assertThat(rem.uaMessageIdentifier()).contains("ua-1@client.example.it");
            assertThat(m.correlation().riferimentoMessageId()).contains("ua-1@client.example.it");
        }
        try (PecMessage m = parser.parse(Mime.bytes(Mime.envelope(Mime.envelopeHeaders(), Mime.DATICERT_ENVELOPE, null)))) {
            assertThat(m.rem()).isEmpty();
        }
    }

    @Test
    @DisplayName("PEC-MIME-02 a postacert.eml sent base64-encoded (non-standard) is decoded and parsed as the original")
    void base64Postacert() {
        String original = Mime.original("a.pdf", new byte[] {4, 5, 6});
        String env = Mime.envelope(Mime.envelopeHeaders(), Mime.DATICERT_ENVELOPE, "PLACEHOLDER\r\n")
                .replace("Content-Type: message/rfc822; name=\"postacert.eml\"\r\n",
                        "Content-Type: message/rfc822; name=\"postacert.eml\"\r\nContent-Transfer-Encoding: base64\r\n")
                .replace("PLACEHOLDER", Mime.b64(original));
        try (PecMessage m = parser.parse(Mime.bytes(env))) {
            assertThat(m.original().orElseThrow().subject()).contains("Richiesta di accesso agli atti €");
            assertThat(m.attachments()).singleElement().satisfies(a -> assertThat(a.size()).isEqualTo(3));
            assertThat(m.hasErrors()).isFalse();
        }
    }

    @Test
    @DisplayName("SEC-LIM-02 PEC messages nested beyond the limit stop with a diagnostic")
    void nestedLimit() {
        String inner = Mime.envelope(Mime.envelopeHeaders(), Mime.DATICERT_ENVELOPE, Mime.original("a.pdf", new byte[] {1}));
        for (int i = 0; i < 5; i++) {
            String original = Mime.crlf("""
                    From: a@pec.example.it
                    Subject: inoltro
                    Content-Type: multipart/mixed; boundary=fw%d

                    --fw%d
                    Content-Type: message/rfc822; name="inoltro.eml"

                    """.formatted(i, i)) + inner + "\r\n--fw" + i + "--\r\n";
            inner = Mime.envelope(Mime.envelopeHeaders(), Mime.DATICERT_ENVELOPE, "INNER\r\n")
                    .replace("boundary=\"signed\"", "boundary=\"signed" + i + "\"").replace("--signed", "--signed" + i)
                    .replace("boundary=\"mixed\"", "boundary=\"mixed" + i + "\"").replace("--mixed", "--mixed" + i)
                    .replace("INNER\r\n", original);
        }
        try (PecMessage m = parser.parse(Mime.bytes(inner))) {
            int depth = 0;
            PecMessage cur = m;
            while (!cur.nested().isEmpty()) {
                cur = cur.nested().get(0);
                depth++;
            }
            assertThat(depth).isEqualTo(ParserLimits.DEFAULTS.maxNestedMessages());
            assertThat(cur.diagnostics(ParseCode.PEC_NESTED_LIMIT_EXCEEDED)).hasSize(1);
        }
    }
}
