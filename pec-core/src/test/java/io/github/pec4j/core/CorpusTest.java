package io.github.pec4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shared corpus (real Aruba and Sogei messages, tampered and anonymised ones), read from
 * {@code ../shared/corpus} through the {@code pec4j.corpus.dir} property the "corpus" Maven profile
 * sets. Expected values were written by reading each file.
 */
@Tag("corpus")
class CorpusTest {
    private static Path corpus;
    private final PecParser parser = PecParser.create();

    @BeforeAll
    static void locate() {
        String dir = System.getProperty("pec4j.corpus.dir", "");
        Assumptions.assumeTrue(!dir.isBlank() && Files.isDirectory(Path.of(dir)), "shared corpus not available");
        corpus = Path.of(dir);
    }

    /** What each corpus file must parse to. */
    record Expected(String file, PecKind kind, String tipo, String mittente, String identificativo, String msgid,
            String data, String ricevuta, String consegna, String errore, String erroreCode, String originalSubject,
            int attachments, List<ParseCode> errors) {}

    static Stream<Expected> expectations() {
        return Stream.of(
                new Expected("real/aruba-2014-envelope-completa.eml", PecKind.POSTA_CERTIFICATA, "posta-certificata",
                        "thinkstudio@pec.it", "opec275.20141107165200.03048.08.1.17@pec.aruba.it",
                        "NEOEQO$8B558E13C0664DE7004C1EFB790D1A09@pec.it", "2014-11-07T15:52:00Z", "completa", null, "nessuno", null,
                        "Re: archetipo", 0, List.of()),
                new Expected("real/aruba-2014-envelope.eml", PecKind.POSTA_CERTIFICATA, "posta-certificata",
                        "thinkstudio@pec.it", "opec275.20141127151216.06559.08.1.17@pec.aruba.it",
                        "1417097534.920250892639160.712427135196036-openerp-private@master", "2014-11-27T14:12:16Z", "completa",
                        null, "nessuno", null, "Re: test", 0, List.of()),
                new Expected("real/aruba-2014-accettazione.eml", PecKind.ACCETTAZIONE, "accettazione", "l.battistini@pec.it",
                        "opec275.20141114182632.23219.07.1.48@pec.aruba.it",
                        "1415985992.182905912399292.346704098667155-openerp-private@elbati-Vostro-3550", "2014-11-14T17:26:32Z",
                        null, null, "nessuno", null, "test private", 0, List.of()),
                new Expected("real/aruba-2014-consegna-completa.eml", PecKind.AVVENUTA_CONSEGNA, "avvenuta-consegna",
                        "l.battistini@pec.it", "opec275.20141114182632.23219.07.1.48@pec.aruba.it",
                        "1415985992.182905912399292.346704098667155-openerp-private@elbati-Vostro-3550", "2014-11-14T17:26:32Z",
                        "completa", "thinkstudio@pec.it", "nessuno", null, "test private", 0, List.of()),
                new Expected("real/aruba-2018-accettazione.eml", PecKind.ACCETTAZIONE, "accettazione", "l.battistini@pec.it",
                        "opec288.20181113163926.01838.310.1.63@pec.aruba.it",
                        "1542123565.921546936035156.464602125997431-openerp-8-fatturapa.attachment.out@elbati-Vostro-3550",
                        "2018-11-13T15:39:26Z", null, null, "nessuno", null, "IT03339130126_00009.xml", 0, List.of()),
                new Expected("real/aruba-2018-consegna-completa.eml", PecKind.AVVENUTA_CONSEGNA, "avvenuta-consegna",
                        "l.battistini@pec.it", "opec288.20181113163926.01838.310.1.63@pec.aruba.it",
                        "1542123565.921546936035156.464602125997431-openerp-8-fatturapa.attachment.out@elbati-Vostro-3550",
                        "2018-11-13T15:39:27Z", "completa", "l.battistini@pec.it", "nessuno", null, "IT03339130126_00009.xml", 1,
                        List.of()),
                new Expected("real/sogei-2018-envelope-breve.eml", PecKind.POSTA_CERTIFICATA, "posta-certificata",
                        "sdi03@pec.fatturapa.it", "opec288.20181208122618.17535.2665.1.3@pcert.sogei.it",
                        "4163125586355393.1544268377979@pec.fatturapa.it", "2018-12-08T11:26:18Z", "breve", null, "nessuno", null,
                        "Invio File 7339338 (SIMULAZIONE)", 2, List.of()),
                new Expected("real/sogei-2018-envelope-sdi-notice.eml", PecKind.POSTA_CERTIFICATA, "posta-certificata",
                        "sdi03@pec.fatturapa.it", "opec288.20181113164732.05177.8374.1.1@pcert.sogei.it",
                        "5168561142842364.1542124052746@pec.fatturapa.it", "2018-11-13T15:47:32Z", "breve", null, "nessuno", null,
                        "Ricevuta di consegna 6782414 (SIMULAZIONE)", 1, List.of()),
                new Expected("tampered/sogei-2018-envelope-edited-base64-p7m.eml", PecKind.POSTA_CERTIFICATA, "posta-certificata",
                        "sdi03@pec.fatturapa.it", "opec288.20181208122618.17535.2665.1.3@pcert.sogei.it",
                        "4163125586355393.1544268377979@pec.fatturapa.it", "2018-12-08T11:26:18Z", "breve", null, "nessuno", null,
                        "Invio File 7339338 (SIMULAZIONE)", 2, List.of()),
                new Expected("tampered/sogei-2018-envelope-edited-broken-xml.eml", PecKind.POSTA_CERTIFICATA, "posta-certificata",
                        "sdi03@pec.fatturapa.it", "opec288.20181208122618.17535.2665.1.3@pcert.sogei.it",
                        "4163125586355393.1544268377979@pec.fatturapa.it", "2018-12-08T11:26:18Z", "breve", null, "nessuno", null,
                        "Invio File 7339338 (SIMULAZIONE)", 2, List.of()),
                new Expected("tampered/sogei-2018-envelope-daticert-removed.eml", PecKind.POSTA_CERTIFICATA, null, null, null,
                        null, null, null, null, null, null, "Notifica di mancata consegna 141107829", 1,
                        List.of(ParseCode.PEC_DATICERT_MISSING)),
                new Expected("anonymised/anon-2021-consegna-sha256.eml", PecKind.AVVENUTA_CONSEGNA, "avvenuta-consegna",
                        "example.example.com", "CZPXCJRZKQDRVYXFAZYUIAWNACDAAHEVAEXAKN@example.com",
                        "CZPXCJRZKQDRVYXFAZYUIAWNACDAAHEVAEXAKN@example.com", "2021-05-13T12:35:30Z", "completa",
                        "example.example.com", "nessuno", null, "HVQQWBNRWGHAFVPBSKAPGQAWCWSWTLMDBNFKGHCGRTYIUTUJATPVANVYLKOOWWECM", 2,
                        List.of()),
                new Expected("anonymised/anon-2021-envelope-double-prefix.eml", PecKind.POSTA_CERTIFICATA, "posta-certificata",
                        "no-reply@example.com", "CZPXCJRZKQDRVYXFAZYUIAWNACDAAHEVAEXAKN@example.com",
                        "CZPXCJRZKQDRVYXFAZYUIAWNACDAAHEVAEXAKN@example.com", "2021-05-14T10:02:08Z", "completa", null, "nessuno",
                        null, "POSTA CERTIFICATA: SUBJECT", 0, List.of()),
                new Expected("anonymised/anon-accettazione.eml", PecKind.ACCETTAZIONE, "accettazione", "sender@fakepec.it",
                        "opec210312.20241115182038.288127.606.1.53@fakepec.it", "SN05IE$951DEC16C1CFD3E4FD8FF1B1D24A99AE@fakepec.it",
                        "2024-11-15T17:20:38Z", null, null, "nessuno", null, "Test PEC", 0, List.of()),
                new Expected("anonymised/anon-errore-consegna.eml", PecKind.ERRORE_CONSEGNA, "errore-consegna", "sender@fakepec.it",
                        "opec210312.20241115182038.288127.606.1.53@fakepec.it", "SN05IE$951DEC16C1CFD3E4FD8FF1B1D24A99AE@fakepec.it",
                        "2024-11-15T17:21:03Z", null, "rec@fakepec.it", "no-dest", "5.1.1", "Test PEC", 0, List.of()),
                new Expected("anonymised/fakepec-2024-accettazione-truncated-sig.eml", PecKind.ACCETTAZIONE, "accettazione",
                        "sender@fakepec.it", "opec210312.20241115182038.288127.606.1.53@fakepec.it",
                        "SN05IE$951DEC16C1CFD3E4FD8FF1B1D24A99AE@fakepec.it", "2024-11-15T17:20:38Z", null, null, "nessuno", null,
                        "Test PEC", 0, List.of(ParseCode.MESSAGE_TRUNCATED, ParseCode.PEC_SIGNATURE_PART_MISSING)),
                new Expected("anonymised/fakepec-2024-errore-consegna-truncated-sig.eml", PecKind.ERRORE_CONSEGNA, "errore-consegna",
                        "sender@fakepec.it", "opec210312.20241115182038.288127.606.1.53@fakepec.it",
                        "SN05IE$951DEC16C1CFD3E4FD8FF1B1D24A99AE@fakepec.it", "2024-11-15T17:21:03Z", null, "rec@fakepec.it",
                        "no-dest", "5.1.1", "Test PEC", 0,
                        List.of(ParseCode.MESSAGE_TRUNCATED, ParseCode.PEC_SIGNATURE_PART_MISSING)),
                new Expected("anonymised/plain-dsn-failure.eml", PecKind.NON_PEC, null, null, null, null, null, null, null, null,
                        null, "Delivery Status Notification (Failure)", 4, List.of()),
                new Expected("anonymised/plain-simple-mail.eml", PecKind.NON_PEC, null, null, null, null, null, null, null, null,
                        null, "Test - Simple Mail", 1, List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expectations")
    @DisplayName("PEC-KIND-01 PEC-KIND-03 PEC-KIND-04 DC-ZONE-01 DC-MSGID-01 DC-ERR-02 each corpus file parses to its expected values")
    void corpusFile(Expected e) throws IOException {
        try (PecMessage m = parser.parse(corpus.resolve(e.file()))) {
            check(e, m);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expectations")
    @DisplayName("SIG-INTEG-01 the same values come out after conversion to LF line endings")
    void corpusFileWithLf(Expected e) throws IOException {
        byte[] lf = new String(Files.readAllBytes(corpus.resolve(e.file())), StandardCharsets.ISO_8859_1)
                .replace("\r\n", "\n").getBytes(StandardCharsets.ISO_8859_1);
        try (PecMessage m = parser.parse(lf)) {
            check(e, m);
        }
    }

    private static void check(Expected e, PecMessage m) {
        assertThat(m.kind()).isEqualTo(e.kind());
        List<DiagnosticCode> errors = m.diagnostics().stream().filter(d -> d.severity() == Severity.ERROR)
                .map(Diagnostic::code).toList();
        assertThat(errors).containsExactlyInAnyOrderElementsOf(e.errors());
        assertThat(m.originalSubject()).contains(e.originalSubject());
        assertThat(m.attachments()).hasSize(e.attachments());
        if (e.tipo() == null) {
            assertThat(m.daticert()).isEmpty();
            return;
        }
        Daticert d = m.daticert().orElseThrow();
        assertThat(d.tipo().raw()).isEqualTo(e.tipo());
        assertThat(d.mittente()).isEqualTo(e.mittente());
        assertThat(d.identificativo()).isEqualTo(e.identificativo());
        assertThat(d.msgidNormalised()).contains(e.msgid());
        assertThat(d.data().instant().orElseThrow().toInstant()).hasToString(e.data());
        assertThat(d.ricevuta().map(OpenValue::raw)).isEqualTo(Optional.ofNullable(e.ricevuta()));
        assertThat(d.consegna()).isEqualTo(Optional.ofNullable(e.consegna()));
        assertThat(d.errore().raw()).isEqualTo(e.errore());
        assertThat(d.erroreEsteso().flatMap(Daticert.ErroreEsteso::code)).isEqualTo(Optional.ofNullable(e.erroreCode()));
        assertThat(m.correlation().identificativo()).contains(e.identificativo());
        assertThat(m.correlation().msgid()).contains(e.msgid());
        assertThat(m.sender()).contains(e.mittente());
    }

    @Test
    @DisplayName("SEC-EXC-01 every corpus file parses without an exception, with raw bytes kept")
    void everyFileParses() throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(corpus)) {
            s.filter(p -> p.toString().endsWith(".eml")).forEach(files::add);
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(19);
        for (Path f : files) {
            byte[] bytes = Files.readAllBytes(f);
            assertThatCode(() -> {
                try (PecMessage m = parser.parse(f)) {
                    assertThat(m.raw().size()).isEqualTo(bytes.length);
                }
            }).as(f.toString()).doesNotThrowAnyException();
        }
        assertThat(expectations().map(Expected::file)).containsExactlyInAnyOrderElementsOf(
                files.stream().map(p -> corpus.relativize(p).toString().replace('\\', '/')).toList());
    }

    @Test
    @DisplayName("REC-CORR-01 the three correlation keys agree within each real accettazione/consegna pair")
    void correlationPairs() throws IOException {
        String[][] pairs = {{"real/aruba-2014-accettazione.eml", "real/aruba-2014-consegna-completa.eml"},
                {"real/aruba-2018-accettazione.eml", "real/aruba-2018-consegna-completa.eml"}};
        for (String[] pair : pairs) {
            try (PecMessage acc = parser.parse(corpus.resolve(pair[0])); PecMessage con = parser.parse(corpus.resolve(pair[1]))) {
                assertThat(acc.correlation().riferimentoMessageId()).isPresent().isEqualTo(con.correlation().riferimentoMessageId());
                assertThat(acc.correlation().msgid()).isEqualTo(acc.correlation().riferimentoMessageId());
                assertThat(con.correlation().msgid()).isEqualTo(con.correlation().riferimentoMessageId());
                assertThat(acc.correlation().identificativo()).isPresent().isEqualTo(con.correlation().identificativo());
                assertThat(acc.correlation().messageId()).isNotEqualTo(con.correlation().messageId());
                // inside the consegna's postacert, Message-ID is the identificativo (REC-CORR-04)
                assertThat(con.original().flatMap(OriginalMessage::messageId)).isEqualTo(con.correlation().identificativo());
            }
        }
    }

    @Test
    @DisplayName("PEC-KIND-05 PEC-KIND-06 X-Tiporicevuta spelling is read; the truncated inner 'complet' is a warning")
    void headerQuirks() throws IOException {
        try (PecMessage m = parser.parse(corpus.resolve("real/aruba-2014-envelope-completa.eml"))) {
            assertThat(m.headers().field("X-TipoRicevuta").orElseThrow().name()).isEqualTo("X-Tiporicevuta");
            assertThat(m.pecHeaders().tipoRicevuta()).contains("completa");
        }
        try (PecMessage m = parser.parse(corpus.resolve("anonymised/anon-2021-consegna-sha256.eml"))) {
            assertThat(m.diagnostics(ParseCode.PEC_HEADER_NONSTANDARD)).singleElement()
                    .satisfies(d -> assertThat(d.message()).contains("complet"));
        }
    }

    @Test
    @DisplayName("DC-CROSS-01 the anonymised errore-consegna's stray text and mismatches are warnings")
    void anonymisedQuirks() throws IOException {
        try (PecMessage m = parser.parse(corpus.resolve("anonymised/fakepec-2024-errore-consegna-truncated-sig.eml"))) {
            assertThat(m.diagnostics(ParseCode.PEC_DATICERT_STRAY_TEXT)).hasSize(1);
            assertThat(m.diagnostics(ParseCode.PEC_CROSS_CHECK)).isNotEmpty()
                    .allMatch(d -> d.severity() == Severity.WARNING);
        }
    }

    @Test
    @DisplayName("PEC-MIME-02 the real inline postacert.eml is the original, not body text")
    void inlinePostacert() throws IOException {
        try (PecMessage m = parser.parse(corpus.resolve("real/sogei-2018-envelope-breve.eml"))) {
            OriginalMessage o = m.original().orElseThrow();
            assertThat(o.mimePath()).isEqualTo("/1/3/msg");
            assertThat(o.attachments()).extracting(Attachment::name)
                    .containsExactly("IT02652600210_00007_MT_002.xml", "IT02652600210_00007.xml");
            assertThat(o.attachments()).allSatisfy(a -> assertThat(a.sha256()).hasSize(64));
            assertThat(m.signedLayout().signedContent()).isPresent();
            assertThat(m.signedLayout().micalg()).contains("sha1");
        }
    }

    @Test
    @DisplayName("SIG-INTEG-01 SIG-INTEG-02 the one-pass digest of every real message equals its signed messageDigest; tampered ones differ")
    void onePassDigestOnRealMessages() throws Exception {
        PecParser digesting = PecParser.create().withSignedContentDigest();
        try (Stream<Path> s = Files.list(corpus.resolve("real"))) {
            for (Path f : s.sorted().toList()) {
                try (PecMessage m = digesting.parse(f)) {
                    ContentDigest d = m.signedLayout().signedContentDigest().orElseThrow();
                    assertThat(d.algorithm()).as(f.toString()).isEqualTo("SHA-1"); // micalg=sha1 in every real sample
                    assertThat(d.bytes()).as(f.toString()).isEqualTo(SignedDigestTest.signedMessageDigest(m));
                }
            }
        }
        try (Stream<Path> s = Files.list(corpus.resolve("tampered"))) {
            for (Path f : s.sorted().toList()) {
                try (PecMessage m = digesting.parse(f)) {
                    assertThat(m.signedLayout().signedContentDigest().orElseThrow().bytes()).as(f.toString())
                            .isNotEqualTo(SignedDigestTest.signedMessageDigest(m));
                }
            }
        }
    }
}
