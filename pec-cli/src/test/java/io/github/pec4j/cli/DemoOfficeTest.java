package io.github.pec4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pec4j.cli.internal.DemoOffice;
import io.github.pec4j.registry.jdbc.JdbcRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pec demo}: the office at work, run once through the real intake on the simulator; its facts asserted. */
class DemoOfficeTest {
    static final String REGION = "protocollo@pec.regione.demo.example.it";
    static final String FIRM = "amministrazione@pec.edilrossi.example.it";
    static final String STUDIO = "studio.neri@pec.example.it";
    @TempDir
    static Path dir;
    static DemoOffice.Facts facts;
    static String text;

    @BeforeAll
    static void runTheDemo() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        facts = DemoOffice.run(dir, new PrintStream(out, true, StandardCharsets.UTF_8));
        text = out.toString(StandardCharsets.UTF_8);
    }

    @Test
    @Tag("MRM-EXACT-01")
    @DisplayName("MRM-EXACT-01 the morning's eleven messages all leave INBOX, each in the outcome it deserves")
    void outcomes() {
        assertThat(facts.inboxBefore()).isEqualTo(11);
        assertThat(facts.inboxAfter()).isZero();
        assertThat(facts.outcomes()).isEqualTo(Map.of("registered", 3L, "duplicate", 1L, "quarantined", 2L, "receipt", 7L, "refused", 1L));
        // the region's segnatura asks for a conferma di ricezione (OUT-INTEROP-01): sent once, its two receipts come back
        assertThat(text).contains("Conferma di ricezione: protocollo n. 0000003 del 16/03/2026");
        assertThat(text).contains("c_demo/AOO_DEMO/PG/2026/0000002", "c_demo/AOO_DEMO/PG/2026/0000004")
                .doesNotContain("c_demo/AOO_DEMO/PG/2026/0000005");
    }

    @Test
    @DisplayName("numbers and offices: the TARI istanza to TRIBUTI, the region's delibera to SEGRETERIA, the works to TECNICO and SEGRETERIA")
    void offices() {
        assertThat(text).contains("\"Istanza di rimborso TARI 2025\", 2 document(s): messaggio.eml, istanza.pdf.p7m\n    assigned to TRIBUTI per competenza")
                .contains("messaggio.eml, delibera.pdf, Segnatura.xml\n    assigned to SEGRETERIA per competenza")
                .contains("assigned to TECNICO per competenza, SEGRETERIA per conoscenza");
    }

    @Test
    @Tag("MRM-ORD-01")
    @DisplayName("MRM-ORD-01 ordinary mail gets the configured reply, once, from the institutional box")
    void reply() {
        assertThat(facts.replies()).isEqualTo(1);
        assertThat(text).contains("From: protocollo@pec.comune.demo.example.it   To: lucia.bianchi@example.com",
                "Subject: Re: Segnalazione lampione guasto", "| Messaggio rifiutato dal sistema.");
    }

    @Test
    @DisplayName("the forged receipt and the macro-laden form are quarantined, with their reasons")
    void quarantine() {
        assertThat(text).contains("not genuine: the provider signature of this avvenuta-consegna does not verify")
                .contains("modulo.docm: The document contains macros");
    }

    @Test
    @Tag("MRM-RCPT-01")
    @DisplayName("MRM-RCPT-01 the accettazione, the two consegne and the errore di consegna of the letter are filed on it, byte-exact")
    void receipts() {
        assertThat(facts.receiptsFiled()).isEqualTo(4);
        assertThat(text).contains("Receipts filed on c_demo/AOO_DEMO/PG/2026/0000001", "accettazione  08:01  receipt kept",
                "consegna " + REGION + "  08:01  receipt kept", "consegna " + FIRM + "  08:01  receipt kept",
                "errore-consegna " + STUDIO + "  08:01  receipt kept");
    }

    @Test
    @Tag("OUT-BOX-01")
    @Tag("OUT-PRE-02")
    @DisplayName("OUT-BOX-01 the letter leaves through the real Outbound: the unsigned try uses no number, the signed one is number 1, submitted once")
    void letterSentOnce() {
        DemoOffice.LetterFacts letter = facts.letter();
        assertThat(letter.refusedWithoutNumber()).isTrue();
        assertThat(letter.protocol()).hasToString("c_demo/AOO_DEMO/PG/2026/0000001");
        assertThat(letter.submissions()).as("the provider received it once").isEqualTo(1);
        assertThat(letter.events().get("*")).containsExactly("ACCETTAZIONE");
        assertThat(text).contains("convocazione.pdf: the primary document is not digitally signed [UNSIGNED_PRIMARY]",
                "the sealed segnatura", "message-id  " + letter.messageId());
    }

    @Test
    @Tag("OUT-TRACK-01")
    @DisplayName("OUT-TRACK-01 per recipient in the register: CONSEGNA for the region and the firm (green), ERRORE_CONSEGNA for the studio (red); the forged consegna changes nothing")
    void lightsTurn() {
        DemoOffice.LetterFacts letter = facts.letter();
        assertThat(letter.events().get(REGION)).containsExactly("SENT", "CONSEGNA");
        assertThat(letter.events().get(FIRM)).containsExactly("SENT", "CONSEGNA");
        assertThat(letter.events().get(STUDIO)).containsExactly("SENT", "ERRORE_CONSEGNA");
        assertThat(letter.lights()).isEqualTo(Map.of(REGION, "green", FIRM, "green", STUDIO, "red"));
        assertThat(text).contains("errore-consegna    " + STUDIO, "[red] delivery-failed", "utente sconosciuto",
                "not delivered (no-dest - 5.1.1 - Gestore di prova - utente sconosciuto: la casella " + STUDIO
                        + " non esiste): check the address (IPA, INAD, INI-PEC) and send again, or use another channel");
    }

    @Test
    @Tag("OUT-TRACK-01")
    @DisplayName("OUT-TRACK-01 the board the demo prints after the round is what `pec track --registry` prints from the register it leaves")
    void boardIsTrackOutput() {
        String command = text.lines().filter(l -> l.contains("pec.jar track --registry ")).findFirst().orElseThrow();
        String[] args = command.substring(command.indexOf("track --registry ")).split(" ");
        MainTest.Run track = MainTest.run(args);
        assertThat(track.status()).as(track.err()).isZero();
        assertThat(track.out()).contains("=== c_demo/AOO_DEMO/PG/2026/0000001", "delivery-failed");
        assertThat(text).contains(track.out().stripTrailing());
    }

    @Test
    @Tag("MRM-NOTIF-01")
    @DisplayName("MRM-NOTIF-01 each assigned office is notified once, without attachments; TRIBUTI's desk holds its istanza")
    void notificationsAndDesk() {
        assertThat(facts.notifications()).isEqualTo(Map.of("PROTOCOLLO", 0, "SEGRETERIA", 2, "TECNICO", 1, "TRIBUTI", 1));
        assertThat(facts.notificationAttachments()).isZero();
        assertThat(text).contains("| I documenti non sono allegati a questo messaggio");
        assertThat(facts.desk()).isEqualTo(1);
        MainTest.Run desk = MainTest.run("register", "desk", "TRIBUTI", "--registry", JdbcRegistry.h2Url(dir.resolve("registry").resolve("registry")));
        assertThat(desk.status()).as(desk.err()).isZero();
        assertThat(desk.out()).contains("Desk of TRIBUTI: 1 waiting", "c_demo/AOO_DEMO/PG/2026/0000002");
    }

    @Test
    @DisplayName("the README's sample of the demo's output is true: every line of it is a line of the output")
    void readmeSample() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.exists(ReadmeConfigTest.README), "README not beside the module");
        String sample = ReadmeConfigTest.block("## Two commands", "text");
        java.util.List<String> lines = text.lines().toList();
        java.util.List<String> shown = sample.lines().filter(l -> !l.equals("…")).toList();
        assertThat(shown).hasSizeGreaterThan(30);
        assertThat(lines).containsAll(shown);
    }
}
