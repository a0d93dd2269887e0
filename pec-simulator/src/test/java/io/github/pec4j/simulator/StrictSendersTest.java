package io.github.pec4j.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pec4j.core.PecKind;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** With strict senders, SMTP checks AUTH and MAIL FROM as a real provider's submission server does. */
class StrictSendersTest {
    static final String A = "protocollo@pec.comune.esempio.it";
    static final String B = "ragioneria@pec.comune.esempio.it";
    PecProviderSimulator sim;

    @BeforeEach
    void start() {
        sim = PecProviderSimulator.start(SimulatorOptions.defaults().withStrictSenders(true));
        sim.box(A, Wire.PASSWORD).box(B, Wire.PASSWORD);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private static String chain(Throwable t) {
        StringBuilder s = new StringBuilder();
        for (Exception e = (Exception) t; e != null; e = e instanceof MessagingException me ? me.getNextException() : null) {
            s.append(e.getMessage()).append('\n');
        }
        return s.toString();
    }

    @Test
    @DisplayName("the box itself, authenticated, submits; twice in one session too")
    void ownerSubmits() throws Exception {
        Properties p = new Properties();
        p.setProperty("mail.smtp.auth", "true");
        Session session = Session.getInstance(p);
        try (Transport t = session.getTransport("smtp")) {
            t.connect(sim.smtp().host(), sim.smtp().port(), A, Wire.PASSWORD);
            for (String subject : List.of("Uno", "Due")) {
                MimeMessage m = Wire.letter(A, List.of(B), List.of(), subject, "Testo");
                t.sendMessage(m, m.getAllRecipients());
            }
        }
        assertThat(Pec.kinds(sim.messages(A))).containsExactly(PecKind.ACCETTAZIONE, PecKind.AVVENUTA_CONSEGNA,
                PecKind.ACCETTAZIONE, PecKind.AVVENUTA_CONSEGNA);
    }

    @Test
    @DisplayName("MAIL FROM another box than the authenticated one: 553 5.7.1 not owned by user")
    void anotherBoxIsRefused() {
        assertThatThrownBy(() -> Wire.send(sim.smtp(), A, Wire.letter(B, List.of(A), List.of(), "Finta", "Testo")))
                .isInstanceOf(MessagingException.class)
                .satisfies(e -> assertThat(chain(e)).contains("553 5.7.1").contains("not owned by user"));
        assertThat(sim.submissions()).isEmpty();
    }

    @Test
    @DisplayName("no AUTH: 530 5.7.0 Authentication required")
    void unauthenticatedIsRefused() {
        Session session = Session.getInstance(new Properties());
        assertThatThrownBy(() -> {
            MimeMessage m = Wire.letter(A, List.of(B), List.of(), "Anonima", "Testo");
            try (Transport t = session.getTransport("smtp")) {
                t.connect(sim.smtp().host(), sim.smtp().port(), null, null);
                t.sendMessage(m, m.getAllRecipients());
            }
        }).isInstanceOf(MessagingException.class).satisfies(e -> assertThat(chain(e)).contains("530 5.7.0"));
        assertThat(sim.submissions()).isEmpty();
    }
}
