package io.github.pec4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.TimeZone;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DaticertTest {
    private final PecParser parser = PecParser.create();

    private PecMessage parseWith(String daticert) {
        return parser.parse(Mime.bytes(Mime.envelope(Mime.envelopeHeaders(), daticert,
                Mime.original("domanda.pdf", new byte[] {'%', 'P', 'D', 'F'}))));
    }

    private static String withTipo(String tipo) {
        return Mime.DATICERT_ENVELOPE.replace("tipo=\"posta-certificata\"", "tipo=\"" + tipo + "\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"accettazione", "non-accettazione", "presa-in-carico", "avvenuta-consegna", "posta-certificata",
            "errore-consegna", "preavviso-errore-consegna", "rilevazione-virus"})
    @DisplayName("DC-TIPO-01 each DTD tipo maps to its kind")
    void everyDtdTipoMaps(String tipo) {
        try (PecMessage m = parseWith(withTipo(tipo))) {
            Daticert d = m.daticert().orElseThrow();
            assertThat(d.tipo().known()).contains(PecKind.fromId(tipo).orElseThrow());
            assertThat(d.tipo().known().get().id()).isEqualTo(tipo);
            assertThat(m.diagnostics(ParseCode.PEC_DATICERT_NONSTANDARD)).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"errore", "non-pec", "mancata-consegna"})
    @DisplayName("DC-TIPO-01 unknown tipo is kept raw with a warning")
    void unknownTipoKeptRaw(String tipo) {
        try (PecMessage m = parseWith(withTipo(tipo))) {
            Daticert d = m.daticert().orElseThrow();
            assertThat(d.tipo().isKnown()).isFalse();
            assertThat(d.tipo().raw()).isEqualTo(tipo);
            assertThat(m.diagnostics(ParseCode.PEC_DATICERT_NONSTANDARD)).hasSize(1);
            assertThat(m.kind()).isEqualTo(PecKind.POSTA_CERTIFICATA); // headers decide
        }
    }

    @Test
    @DisplayName("DC-ERR-01 missing errore reads as nessuno; DTD values are typed; others kept raw")
    void erroreValues() {
        try (PecMessage m = parseWith(Mime.DATICERT_ENVELOPE.replace(" errore=\"nessuno\"", ""))) {
            assertThat(m.daticert().orElseThrow().errore().known()).contains(Daticert.Errore.NESSUNO);
        }
        for (Daticert.Errore e : Daticert.Errore.values()) {
            try (PecMessage m = parseWith(Mime.DATICERT_ENVELOPE.replace("errore=\"nessuno\"", "errore=\"" + e.id() + "\""))) {
                assertThat(m.daticert().orElseThrow().errore().known()).contains(e);
            }
        }
        try (PecMessage m = parseWith(Mime.DATICERT_ENVELOPE.replace("errore=\"nessuno\"", "errore=\"quota\""))) {
            OpenValue<Daticert.Errore> v = m.daticert().orElseThrow().errore();
            assertThat(v.isKnown()).isFalse();
            assertThat(v.raw()).isEqualTo("quota");
            assertThat(m.diagnostics(ParseCode.PEC_DATICERT_NONSTANDARD)).isNotEmpty();
        }
    }

    @Test
    @DisplayName("DC-ERR-02 the leading status code is extracted from errore-esteso, any separator")
    void erroreEstesoCode() {
        assertThat(Daticert.ErroreEsteso.parse("5.1.1 - FAKE Pec S.p.A. - indirizzo non valido").code()).contains("5.1.1");
        assertThat(Daticert.ErroreEsteso.parse("5.5.1, Aruba Pec S.p.A., presenza di un virus nel messaggio").code()).contains("5.5.1");
        assertThat(Daticert.ErroreEsteso.parse("  4.4.7 timeout").code()).contains("4.4.7");
        assertThat(Daticert.ErroreEsteso.parse("9.999.999 codice sconosciuto").code()).contains("9.999.999");
        assertThat(Daticert.ErroreEsteso.parse("indirizzo non valido").code()).isEmpty();
        String xml = withTipo("errore-consegna").replace("<ricevuta tipo=\"completa\"/>",
                "<consegna>protocollo@pec.comune.example.it</consegna><errore-esteso>5.1.1 - Gestore - indirizzo non valido</errore-esteso>");
        try (PecMessage m = parseWith(xml)) {
            Daticert.ErroreEsteso ee = m.daticert().orElseThrow().erroreEsteso().orElseThrow();
            assertThat(ee.code()).contains("5.1.1");
            assertThat(ee.text()).isEqualTo("5.1.1 - Gestore - indirizzo non valido");
        }
    }

    @Test
    @DisplayName("DC-ZONE-01 giorno, ora and zona combine into one instant; +hhmm and +hh:mm, winter and summer")
    void zoneCombines() {
        DaticertDate winter = DaticertDate.parse("13/11/2018", "16:39:27", java.util.Optional.of("+0100"));
        assertThat(winter.instant()).contains(OffsetDateTime.of(2018, 11, 13, 16, 39, 27, 0, ZoneOffset.ofHours(1)));
        assertThat(winter.instant().orElseThrow().toInstant()).hasToString("2018-11-13T15:39:27Z");
        DaticertDate summer = DaticertDate.parse("14/05/2021", "12:02:08", java.util.Optional.of("+02:00"));
        assertThat(summer.instant().orElseThrow().toInstant()).hasToString("2021-05-14T10:02:08Z");
        assertThat(summer.zona()).contains("+02:00");
        assertThat(summer.giorno()).isEqualTo("14/05/2021");
    }

    @Test
    @DisplayName("DC-ZONE-02 without a readable zona only the local time is known, whatever the JVM zone")
    void missingZoneNeverUsesJvmZone() {
        TimeZone saved = TimeZone.getDefault();
        try {
            for (String zone : List.of("UTC", "Asia/Tokyo", "America/Los_Angeles")) {
                TimeZone.setDefault(TimeZone.getTimeZone(zone));
                try (PecMessage m = parseWith(Mime.DATICERT_ENVELOPE.replace(" zona=\"+0100\"", ""))) {
                    DaticertDate d = m.daticert().orElseThrow().data();
                    assertThat(d.instant()).isEmpty();
                    assertThat(d.local()).hasValueSatisfying(l -> assertThat(l).hasToString("2024-03-15T10:15:30"));
                    assertThat(m.diagnostics(ParseCode.PEC_DATICERT_ZONE_UNKNOWN)).hasSize(1);
                }
                try (PecMessage m = parseWith(Mime.DATICERT_ENVELOPE.replace("zona=\"+0100\"", "zona=\"CET\""))) {
                    assertThat(m.daticert().orElseThrow().data().instant()).isEmpty();
                    assertThat(m.daticert().orElseThrow().data().zona()).contains("CET");
                }
            }
        } finally {
            TimeZone.setDefault(saved);
        }
    }

    @Test
    @DisplayName("DC-MSGID-01 msgid is unescaped, kept raw, compared without brackets, and may be absent")
    void msgid() {
        try (PecMessage m = parseWith(Mime.DATICERT_ENVELOPE)) {
            Daticert d = m.daticert().orElseThrow();
            assertThat(d.msgid()).contains("<client-1@host.example.it>");
            assertThat(d.msgidNormalised()).contains("client-1@host.example.it");
            assertThat(m.correlation().msgid()).contains("client-1@host.example.it");
        }
        try (PecMessage m = parseWith(Mime.DATICERT_ENVELOPE.replaceAll("<msgid>.*</msgid>", ""))) {
            assertThat(m.daticert().orElseThrow().msgid()).isEmpty();
            assertThat(m.diagnostics().stream().filter(x -> x.severity() == Severity.ERROR)).isEmpty();
        }
    }

    @Test
    @DisplayName("DC-FIELD-01 identificativo is opaque; destinatari keep order, duplicates and tipo")
    void destinatariOrder() {
        String xml = Mime.DATICERT_ENVELOPE.replace("<risposte>",
                "<destinatari tipo=\"certificato\">protocollo@pec.comune.example.it</destinatari>\n<risposte>")
                .replace("opec1.20240315101530.1.1@pec.gestore.example.it", "8F3A2B1C0D9E.posta-certificata@postecert.it");
        try (PecMessage m = parseWith(xml)) {
            Daticert d = m.daticert().orElseThrow();
            assertThat(d.identificativo()).isEqualTo("8F3A2B1C0D9E.posta-certificata@postecert.it");
            assertThat(d.destinatari()).extracting(Daticert.Destinatario::indirizzo).containsExactly(
                    "protocollo@pec.comune.example.it", "ufficio@example.org", "protocollo@pec.comune.example.it");
            assertThat(d.destinatari()).extracting(x -> x.tipo().raw()).containsExactly("certificato", "esterno", "certificato");
        }
    }

    @Test
    @DisplayName("DC-FIELD-02 any subset of the optional elements is accepted")
    void optionalSubset() {
        String xml = Mime.DATICERT_ENVELOPE.replaceAll("<oggetto>.*</oggetto>", "").replaceAll("<msgid>.*</msgid>", "")
                .replace("<ricevuta tipo=\"completa\"/>", "");
        try (PecMessage m = parseWith(xml)) {
            Daticert d = m.daticert().orElseThrow();
            assertThat(d.oggetto()).isEmpty();
            assertThat(d.ricevuta()).isEmpty();
            assertThat(d.consegna()).isEmpty();
            assertThat(d.erroreEsteso()).isEmpty();
            assertThat(d.ricezione()).isEmpty();
            assertThat(m.hasErrors()).isFalse();
        }
    }

    @Test
    @DisplayName("DC-DTD-01 any element order, destinatari and ricevuta defaults, many ricezione, +hh:mm")
    void lenientDtd() {
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <postacert tipo="presa-in-carico">
                  <dati>
                    <ricezione>a@pec.example.it</ricezione>
                    <identificativo>id-1</identificativo>
                    <data zona="+01:00"><ora>08:00:00</ora><giorno>02/01/2025</giorno></data>
                    <ricezione>b@pec.example.it</ricezione>
                    <gestore-emittente>G</gestore-emittente>
                    <ricevuta/>
                  </dati>
                  <intestazione>
                    <risposte>m@pec.example.it</risposte>
                    <destinatari>a@pec.example.it</destinatari>
                    <mittente>m@pec.example.it</mittente>
                  </intestazione>
                </postacert>
                """;
        try (PecMessage m = parseWith(xml)) {
            Daticert d = m.daticert().orElseThrow();
            assertThat(d.ricezione()).containsExactly("a@pec.example.it", "b@pec.example.it");
            assertThat(d.destinatari().get(0).tipo().known()).contains(Daticert.DestinatarioTipo.CERTIFICATO);
            assertThat(d.ricevuta().orElseThrow().known()).contains(Daticert.RicevutaTipo.COMPLETA);
            assertThat(d.data().instant().orElseThrow().toInstant()).hasToString("2025-01-02T07:00:00Z");
            assertThat(d.mittente()).isEqualTo("m@pec.example.it");
            assertThat(m.diagnostics(ParseCode.PEC_DATICERT_DEFAULT_APPLIED)).hasSize(2);
        }
    }

    @Test
    @DisplayName("DC-ENC-01 the XML declaration decides the encoding: entities, accents and non-BMP characters decode exactly")
    void encoding() {
        String oggetto = "Pratica n° 12 – città & co. 😀 €";
        String xml = Mime.DATICERT_ENVELOPE.replace("Richiesta di accesso agli atti",
                "Pratica n° 12 &#8211; città &amp; co. &#x1F600; €");
        try (PecMessage m = parseWith(xml)) {
            assertThat(m.daticert().orElseThrow().oggetto()).contains(oggetto);
        }
        // ISO-8859-1 declared in the XML, whatever the MIME part says
        String latin = Mime.DATICERT_ENVELOPE.replace("UTF-8", "ISO-8859-1").replace("Richiesta di accesso agli atti", "perché");
        byte[] latinBytes = latin.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        String env = Mime.envelope(Mime.envelopeHeaders(), "PLACEHOLDER", null);
        String b64 = Mime.b64(latinBytes);
        try (PecMessage m = parser.parse(Mime.bytes(env.replace(Mime.b64("PLACEHOLDER"), b64)))) {
            assertThat(m.daticert().orElseThrow().oggetto()).contains("perché");
        }
    }

    @Test
    @DisplayName("DC-MISS-01 a message without daticert, or with a broken one, is classified from headers without throwing")
    void missingOrBroken() {
        try (PecMessage m = parser.parse(Mime.bytes(Mime.envelope(Mime.envelopeHeaders(), null,
                Mime.original("a.pdf", new byte[] {1}))))) {
            assertThat(m.kind()).isEqualTo(PecKind.POSTA_CERTIFICATA);
            assertThat(m.daticert()).isEmpty();
            assertThat(m.diagnostics(ParseCode.PEC_DATICERT_MISSING)).hasSize(1);
        }
        try (PecMessage m = parseWith(Mime.DATICERT_ENVELOPE.replace("</intestazione>", "</intestaz"))) {
            assertThat(m.kind()).isEqualTo(PecKind.POSTA_CERTIFICATA);
            assertThat(m.daticert()).isEmpty();
            assertThat(m.diagnostics(ParseCode.PEC_DATICERT_INVALID)).hasSize(1);
            assertThat(m.original()).isPresent();
        }
    }

    @Test
    @DisplayName("DC-CROSS-01 stray text and field mismatches are warnings, never failures")
    void strayTextAndMismatches() {
        String xml = Mime.DATICERT_ENVELOPE.replace("</risposte>", "</risposte>a")
                .replace("<msgid>&lt;client-1@host.example.it&gt;</msgid>", "<msgid>&lt;other@host.example.it&gt;</msgid>")
                .replace("<mittente>mario.rossi@pec.example.it</mittente>", "<mittente>example.example.com</mittente>");
        try (PecMessage m = parseWith(xml)) {
            assertThat(m.daticert()).isPresent();
            assertThat(m.diagnostics(ParseCode.PEC_DATICERT_STRAY_TEXT)).hasSize(1);
            assertThat(m.diagnostics(ParseCode.PEC_CROSS_CHECK)).hasSize(2);
            assertThat(m.diagnostics()).allMatch(d -> d.severity() != Severity.ERROR);
        }
    }

    @Test
    @DisplayName("SEC-XXE-01 a DOCTYPE with an external entity is refused and the file is never read")
    void xxeRefused() {
        String xml = Mime.DATICERT_ENVELOPE.replace("<postacert ",
                "<!DOCTYPE postacert [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n<postacert ")
                .replace("Richiesta di accesso agli atti", "&xxe;");
        try (PecMessage m = parseWith(xml)) {
            assertThat(m.daticert()).isEmpty();
            assertThat(m.diagnostics(ParseCode.PEC_DATICERT_DOCTYPE_REFUSED)).hasSize(1);
            assertThat(m.toString()).doesNotContain("root:");
            assertThat(m.kind()).isEqualTo(PecKind.POSTA_CERTIFICATA);
        }
        String param = Mime.DATICERT_ENVELOPE.replace("<postacert ",
                "<!DOCTYPE postacert SYSTEM \"http://127.0.0.1:9/daticert.dtd\">\n<postacert ");
        try (PecMessage m = parseWith(param)) {
            assertThat(m.daticert()).isEmpty();
            assertThat(m.diagnostics(ParseCode.PEC_DATICERT_DOCTYPE_REFUSED)).hasSize(1);
        }
    }

    @Test
    @DisplayName("SEC-XXE-02 an entity-expansion bomb is refused by its DOCTYPE; oversized XML is refused")
    void entityBombAndSize() {
        StringBuilder bomb = new StringBuilder("<!DOCTYPE postacert [<!ENTITY a \"aaaaaaaaaa\">");
        for (int i = 1; i < 10; i++) {
            bomb.append("<!ENTITY ").append((char) ('a' + i)).append(" \"")
                    .append(("&" + (char) ('a' + i - 1) + ";").repeat(10)).append("\">");
        }
        bomb.append("]>\n<postacert ");
        try (PecMessage m = parseWith(Mime.DATICERT_ENVELOPE.replace("<postacert ", bomb)
                .replace("Richiesta di accesso agli atti", "&j;"))) {
            assertThat(m.daticert()).isEmpty();
            assertThat(m.diagnostics(ParseCode.PEC_DATICERT_DOCTYPE_REFUSED)).hasSize(1);
        }
        String big = Mime.DATICERT_ENVELOPE.replace("Richiesta di accesso agli atti", "x".repeat(2 * 1024 * 1024));
        try (PecMessage m = parseWith(big)) {
            assertThat(m.daticert()).isEmpty();
            assertThat(m.diagnostics(ParseCode.PEC_DATICERT_TOO_LARGE)).hasSize(1);
        }
    }

    @Test
    @DisplayName("SEC-NET-01 SEC-XXE-01 a DOCTYPE naming a loopback URL is refused without any connection")
    void noNetwork() throws Exception {
        try (java.net.ServerSocket server = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(300);
            String url = "http://127.0.0.1:" + server.getLocalPort() + "/x.dtd";
            String xml = Mime.DATICERT_ENVELOPE.replace("<postacert ",
                    "<!DOCTYPE postacert [<!ENTITY % p SYSTEM \"" + url + "\"> %p;]>\n<postacert ");
            try (PecMessage m = parseWith(xml)) {
                assertThat(m.diagnostics(ParseCode.PEC_DATICERT_DOCTYPE_REFUSED)).hasSize(1);
            }
            org.assertj.core.api.Assertions.assertThatThrownBy(server::accept).isInstanceOf(java.net.SocketTimeoutException.class);
        }
    }

    @Test
    @DisplayName("REC-TYPE-01 REC-TYPE-02 a sintetica or Cc consegna without postacert parses cleanly; breve attachments are flagged")
    void receiptTypes() {
        String consegna = withTipo("avvenuta-consegna").replace("<ricevuta tipo=\"completa\"/>",
                "<ricevuta tipo=\"sintetica\"/><consegna>protocollo@pec.comune.example.it</consegna>");
        String headers = "From: posta-certificata@pec.gestore.example.it\nSubject: CONSEGNA: x\nX-Ricevuta: avvenuta-consegna\n"
                + "X-Riferimento-Message-ID: <client-1@host.example.it>\n";
        try (PecMessage m = parser.parse(Mime.bytes(Mime.envelope(headers, consegna, null)))) {
            assertThat(m.kind()).isEqualTo(PecKind.AVVENUTA_CONSEGNA);
            assertThat(m.original()).isEmpty();
            assertThat(m.diagnostics()).isEmpty();
        }
        try (PecMessage m = parser.parse(Mime.bytes(Mime.envelope(headers, consegna.replace("sintetica", "completa"), null)))) {
            assertThat(m.diagnostics()).isEmpty();
        }
        try (PecMessage m = parser.parse(Mime.bytes(Mime.envelope(headers, consegna.replace("sintetica", "breve"),
                Mime.original("hash.txt", new byte[] {1, 2}))))) {
            assertThat(m.diagnostics(ParseCode.ATTACHMENT_REPLACED_BY_HASH)).hasSize(1);
            assertThat(m.attachments()).hasSize(1);
        }
    }

    @Test
    @DisplayName("the date read directly equals the STRICT formatters' reading: every day and month 00-32/00-13 of leap and common years, hours, seconds, odd forms")
    void dateFastPathEqualsFormatters() {
        java.time.format.DateTimeFormatter giorno = java.time.format.DateTimeFormatter.ofPattern("dd/MM/uuuu")
                .withResolverStyle(java.time.format.ResolverStyle.STRICT);
        java.time.format.DateTimeFormatter ora = java.time.format.DateTimeFormatter.ofPattern("HH:mm[:ss]")
                .withResolverStyle(java.time.format.ResolverStyle.STRICT);
        List<String> days = new java.util.ArrayList<>();
        for (String year : List.of("2024", "2023", "1900", "2000", "0000", "9999")) {
            for (int m = 0; m <= 13; m++) {
                for (int d = 0; d <= 32; d++) {
                    days.add(String.format(java.util.Locale.ROOT, "%02d/%02d/%s", d, m, year));
                }
            }
        }
        days.addAll(List.of(" 01/02/2026 ", "1/02/2026", "01-02-2026", "01/02/26", "01/02/+2026", "٠١/٠٢/٢٠٢٦", "01/02/20261", "", "aa/bb/cccc"));
        List<String> times = List.of("00:00:00", "23:59:59", "24:00:00", "23:60:00", "23:59:60", "12:30", "12:30:", "7:30:00", " 12:30:00",
                "12.30.00", "12:30:00.5", "1a:30:00", "99:99");
        for (String g : days) {
            for (String o : times) {
                java.util.Optional<java.time.LocalDateTime> expected;
                try {
                    expected = java.util.Optional.of(java.time.LocalDateTime.of(java.time.LocalDate.parse(g.trim(), giorno),
                            java.time.LocalTime.parse(o.trim(), ora)));
                } catch (java.time.format.DateTimeParseException e) {
                    expected = java.util.Optional.empty();
                }
                assertThat(DaticertDate.parse(g, o, java.util.Optional.empty()).local()).as(g + " " + o).isEqualTo(expected);
            }
        }
    }
}
