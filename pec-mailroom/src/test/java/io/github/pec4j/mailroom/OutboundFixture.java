package io.github.pec4j.mailroom;

import io.github.pec4j.directory.AddressOwner.Level;
import io.github.pec4j.directory.AddressOwner.PublicAdministration;
import io.github.pec4j.directory.IpaDirectory;
import io.github.pec4j.registry.Actor;
import io.github.pec4j.registry.Classification;
import io.github.pec4j.registry.SearchQuery;
import io.github.pec4j.simulator.PecProviderSimulator;
import io.github.pec4j.testkit.Attachments;
import io.github.pec4j.testkit.SignedDocuments;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** Letters, recipients and an {@link Outbound} over the simulator's SMTP server, for the outbound tests. */
final class OutboundFixture {
    static final String BOX = Harness.BOX;
    static final String REGIONE = "protocollo@pec.regione.esempio.it";
    static final String STUDIO = "studio.bianchi@pec.example.it";
    static final String CITTADINO = "mario.rossi@example.org";
    static final byte[] PDF = Attachments.pdf();
    static final byte[] SIGNED = SignedDocuments.create().cades(PDF);

    private OutboundFixture() {}

    /** IPA lists the Regione's AOO box. */
    static IpaDirectory ipa() {
        return IpaDirectory.of(LocalDate.of(2024, 3, 1), List.of(new PublicAdministration(REGIONE, "r_esempio", "Regione Esempio", Level.AOO,
                Optional.of("AOO_GIUNTA"), Optional.of("Giunta regionale"), true, Optional.empty(), Optional.of("80000000001"))));
    }

    /** SMTP submission as the institutional box, plain text on loopback. */
    static SmtpSettings smtp(PecProviderSimulator pec, String user) {
        return SmtpSettings.parse("smtp://" + user.replace("@", "%40") + "@" + pec.smtp().host() + ":" + pec.smtp().port() + "?starttls=none")
                .withPassword("secret".toCharArray());
    }

    /** IMAP as the institutional box. */
    static ImapSettings imap(PecProviderSimulator pec) {
        return ImapSettings.parse("imap://" + BOX.replace("@", "%40") + "@" + pec.imap().host() + ":" + pec.imap().port() + "?starttls=none")
                .withPassword("secret".toCharArray());
    }

    /** A letter with a signed primary and a PDF secondary to these recipients. */
    static OutboundRequest.Builder letter(Recipient... to) {
        OutboundRequest.Builder b = OutboundRequest.builder().subject("Convocazione conferenza dei servizi")
                .primary(OutboundDocument.of("convocazione.pdf.p7m", "application/pkcs7-mime", SIGNED))
                .attach(OutboundDocument.of("planimetria.pdf", "application/pdf", PDF))
                .office("URBANISTICA").classification(Classification.of("VI.3.2")).operator(Actor.of("m.rossi", "Mario Rossi"));
        for (Recipient r : to) b.to(r);
        return b;
    }

    static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** How many registrations the register holds. */
    static int registrations(Harness h) throws IOException {
        return h.registry.search(SearchQuery.all().page(0, SearchQuery.MAX_LIMIT)).size();
    }
}
