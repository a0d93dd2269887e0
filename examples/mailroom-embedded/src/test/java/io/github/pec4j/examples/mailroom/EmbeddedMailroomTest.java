package io.github.pec4j.examples.mailroom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pec4j.mailroom.ImapSettings;
import io.github.pec4j.mailroom.RoundReport;
import io.github.pec4j.mailroom.SmtpSettings;
import io.github.pec4j.registry.IntakeEntry;
import io.github.pec4j.simulator.FileAttachment;
import io.github.pec4j.simulator.PecProviderSimulator;
import io.github.pec4j.testkit.Attachments;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded mailroom against the PEC provider simulator on loopback: a PEC registered, ordinary mail too, once. */
class EmbeddedMailroomTest {
    static final String BOX = "protocollo@pec.comune.esempio.it";

    @Test
    void takesTheBoxInOnceIntoTheEmbeddedRegister(@TempDir Path dir) throws Exception {
        try (PecProviderSimulator pec = PecProviderSimulator.start()) {
            pec.box(BOX, "secret").ordinaryBox("protocollo@comune.esempio.it", "x").ordinaryBox("lucia.bianchi@example.com", "x");
            pec.deliverPec("mario.rossi@pec.example.it", BOX, "Istanza di rimborso TARI 2025",
                    FileAttachment.of("istanza.pdf", "application/pdf", Attachments.pdf()));
            pec.deliverOrdinary("lucia.bianchi@example.com", BOX, "Segnalazione lampione guasto", "Via Roma 1.", Map.of());
            Path ca = dir.resolve("pec-ca.pem");
            pec.writeTrustAnchorPem(ca);
            String user = BOX.replace("@", "%40");
            ImapSettings imap = ImapSettings.parse("imap://" + user + "@" + pec.imap().host() + ":" + pec.imap().port() + "?starttls=none")
                    .withPassword("secret".toCharArray());
            SmtpSettings smtp = SmtpSettings.parse("smtp://" + user + "@" + pec.smtp().host() + ":" + pec.smtp().port() + "?starttls=none")
                    .withPassword("secret".toCharArray());

            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            RoundReport first = EmbeddedMailroom.run(imap, smtp, ca, dir.resolve("register"), pec.clock(), true,
                    new PrintStream(printed, true, StandardCharsets.UTF_8));
            // the PEC and the ordinary mail registered, then the accettazioni of the two notifications to the office
            assertEquals(List.of(IntakeEntry.Outcome.REGISTERED, IntakeEntry.Outcome.REGISTERED, IntakeEntry.Outcome.RECEIPT,
                    IntakeEntry.Outcome.RECEIPT), first.messages().stream().map(IntakeEntry::outcome).toList(), first::toString);
            String out = printed.toString(StandardCharsets.UTF_8);
            assertTrue(out.contains("REGISTERED c_esempio/AOO_CENTRALE/PG/") && out.contains("Istanza di rimborso TARI 2025"), out);
            assertTrue(pec.messages(BOX).isEmpty(), "INBOX emptied");

            RoundReport second = EmbeddedMailroom.run(imap, smtp, ca, dir.resolve("register"), pec.clock(), true,
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            assertTrue(second.messages().stream().noneMatch(e -> e.outcome() == IntakeEntry.Outcome.REGISTERED), second::toString);
        }
    }
}
