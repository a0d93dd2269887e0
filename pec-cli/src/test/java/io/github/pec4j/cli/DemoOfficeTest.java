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
    @DisplayName("MRM-EXACT-01 the morning's nine messages all leave INBOX, each in the outcome it deserves")
    void outcomes() {
        assertThat(facts.inboxBefore()).isEqualTo(9);
        assertThat(facts.inboxAfter()).isZero();
        assertThat(facts.outcomes()).isEqualTo(Map.of("registered", 3L, "duplicate", 1L, "quarantined", 2L, "receipt", 5L, "refused", 1L));
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
    @DisplayName("MRM-RCPT-01 the accettazione and the consegna of yesterday's letter are filed on it, byte-exact")
    void receipts() {
        assertThat(facts.receiptsFiled()).isEqualTo(2);
        assertThat(text).contains("Receipts filed on c_demo/AOO_DEMO/PG/2026/0000001", "accettazione  08:30  receipt kept",
                "consegna anna.verdi@pec.example.it  08:31  receipt kept");
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
