package io.github.pec4j.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pec4j.core.PecKind;
import io.github.pec4j.core.PecParser;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The README's simulator example, kept compiling and true. */
class ReadmeExampleTest {

    @Test
    void readmeExample() throws Exception {
        byte[] pdf = "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII);
        // --- README example start
        PecParser parser = PecParser.create();
        try (PecProviderSimulator pec = PecProviderSimulator.start(SimulatorOptions.defaults())) {
            pec.box("protocollo@pec.comune.esempio.it", "secret")
               .box("ufficio@pec.regione.esempio.it", "secret")
               .ordinaryBox("ufficio.tributi@comune.example.it", "secret")
               .behaviour("assente@pec.esempio.it", Behaviour.preavviso());

            // the code under test sends over pec.smtp() (or pec.smtps(), trusting pec.trustStore())
            Properties props = new Properties();
            props.setProperty("mail.smtp.auth", "true");
            Session session = Session.getInstance(props);
            MimeMessage letter = new MimeMessage(session);
            letter.setFrom("protocollo@pec.comune.esempio.it");
            letter.setRecipients(MimeMessage.RecipientType.TO, "ufficio@pec.regione.esempio.it, assente@pec.esempio.it");
            letter.setSubject("Trasmissione determina");
            letter.setText("In allegato la determina.");
            letter.saveChanges();
            try (Transport smtp = session.getTransport("smtp")) {
                smtp.connect(pec.smtp().host(), pec.smtp().port(), "protocollo@pec.comune.esempio.it", "secret");
                smtp.sendMessage(letter, letter.getAllRecipients());
            }

            // everything a submission causes is done when the send returns
            assertThat(pec.messages("protocollo@pec.comune.esempio.it")).extracting(m -> parser.parse(m).kind())
                    .containsExactly(PecKind.ACCETTAZIONE, PecKind.AVVENUTA_CONSEGNA);
            assertThat(pec.messages("ufficio@pec.regione.esempio.it")).hasSize(1);   // the signed envelope
            pec.advance(Duration.ofHours(12));                                    // assente@: preavviso
            assertThat(pec.messages("protocollo@pec.comune.esempio.it")).extracting(m -> parser.parse(m).kind())
                    .endsWith(PecKind.PREAVVISO_ERRORE_CONSEGNA);

            // a genuine PEC from another provider's user, read by the code under test over pec.imap()
            pec.deliverPec("mario.rossi@pec.example.it", "protocollo@pec.comune.esempio.it", "Istanza",
                    FileAttachment.of("istanza.pdf", "application/pdf", pdf));
        }
        // --- README example end
    }

    @Test
    void readmeShowsExactlyThisExample() throws Exception {
        Path readme = Path.of("..", "README.md");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(readme), "README not beside the module");
        String source = Files.readString(Path.of("src/test/java/io/github/pec4j/simulator/ReadmeExampleTest.java"));
        String snippet = source.substring(source.indexOf("// --- README example start") + "// --- README example start".length(),
                source.indexOf("// --- README example end"));
        String unindented = snippet.lines().map(l -> l.length() >= 8 ? l.substring(8) : l.strip())
                .filter(l -> !l.isBlank()).collect(java.util.stream.Collectors.joining("\n"));
        String readmeWithoutBlankLines = Files.readString(readme).lines().filter(l -> !l.isBlank())
                .collect(java.util.stream.Collectors.joining("\n"));
        assertThat(readmeWithoutBlankLines).contains(unindented);
    }
}
