package io.github.pec4j.mailroom.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pec4j.mailroom.SmtpSettings;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Properties;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SmtpMailSenderTest {

    private static final String REJECTION = "553 5.7.1 Sender address rejected: not owned by user";

    private TestServers servers;

    @BeforeEach
    void start() {
        servers = TestServers.withTls();
    }

    @AfterEach
    void stop() {
        servers.close();
    }

    private static MimeMessage notification(String id) throws Exception {
        MimeMessage m = new MimeMessage(Session.getInstance(new Properties()));
        m.setFrom(new InternetAddress(TestServers.USER));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress("ufficio.tributi@comune.example.it"));
        m.setSubject("Protocollo n. 42 del 02/12/2026");
        m.setText("Vi è stata assegnata la registrazione n. 42.", "UTF-8");
        m.setHeader("Message-ID", id);
        return m;
    }

    private SmtpSettings plain(int port) {
        return SmtpSettings.parse("smtp://127.0.0.1:" + port + "?starttls=none");
    }

    @Test
    @DisplayName("the Message-ID given is the one the server receives, on every attempt")
    void keepsTheMessageId() throws Exception {
        MimeMessage m = notification("<notifica-42@protocollo.comune.example.it>");
        try (SmtpMailSender sender = new SmtpMailSender(plain(servers.greenMail.getSmtp().getPort()))) {
            sender.send(m);
            sender.send(m);
        }
        MimeMessage[] received = servers.greenMail.getReceivedMessages();
        assertThat(received).hasSize(2);
        for (MimeMessage r : received) {
            assertThat(r.getMessageID()).isEqualTo("<notifica-42@protocollo.comune.example.it>");
        }
    }

    @Test
    void keepIdMimeMessageKeepsItsIdThroughSaveChanges() throws Exception {
        KeepIdMimeMessage m = new KeepIdMimeMessage(Session.getInstance(new Properties()));
        m.setText("x");
        m.setHeader("Message-ID", "<fixed@pec4j.example>");
        m.saveChanges();
        assertThat(m.getMessageID()).isEqualTo("<fixed@pec4j.example>");
        KeepIdMimeMessage fresh = new KeepIdMimeMessage(Session.getInstance(new Properties()));
        fresh.setText("y");
        assertThat(fresh.saved().getMessageID()).isNotBlank();
    }

    @Test
    @DisplayName("SMTP AUTH with the box's login, over SMTPS trusting the test CA")
    void authOverSmtps() throws Exception {
        SmtpSettings s = SmtpSettings.parse("smtps://protocollo%40pec.comune.example.it@localhost:"
                + servers.greenMail.getSmtps().getPort()).withPassword(TestServers.PASSWORD.toCharArray())
                .withTrustCertificates(List.of(TestTls.caPem()));
        try (SmtpMailSender sender = new SmtpMailSender(s)) {
            sender.send(notification("<smtps-1@pec4j.example>"));
        }
        assertThat(servers.greenMail.getReceivedMessages()).singleElement()
                .satisfies(r -> assertThat(r.getMessageID()).isEqualTo("<smtps-1@pec4j.example>"));
    }

    @Test
    @DisplayName("SMTPS without the test CA in the trust material is refused (the JVM's trust store does not know it)")
    void smtpsWithoutTrustIsRefused() {
        SmtpSettings s = SmtpSettings.parse("smtps://localhost:" + servers.greenMail.getSmtps().getPort());
        try (SmtpMailSender sender = new SmtpMailSender(s)) {
            assertThatThrownBy(() -> sender.send(notification("<x@y>"))).isInstanceOf(IOException.class)
                    .isNotInstanceOf(MailSender.Refused.class)
                    .satisfies(e -> assertThat(TestTls.causes(e)).anyMatch(SSLHandshakeException.class::isInstance));
        }
        assertThat(servers.greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    @DisplayName("starttls=required is refused by a server without STARTTLS (GreenMail's SMTP has none)")
    void starttlsRequiredAgainstAPlainServer() {
        SmtpSettings s = SmtpSettings.parse("smtp://127.0.0.1:" + servers.greenMail.getSmtp().getPort() + "?starttls=required");
        try (SmtpMailSender sender = new SmtpMailSender(s)) {
            assertThatThrownBy(() -> sender.send(notification("<x@y>"))).isInstanceOf(IOException.class)
                    .hasMessageContaining("STARTTLS");
        }
        assertThat(servers.greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    @DisplayName("a 553 to MAIL FROM is Refused(553, the server's words)")
    void permanentRefusal() throws Exception {
        try (FakeSmtpServer fake = new FakeSmtpServer().reply("MAIL", REJECTION);
                SmtpMailSender sender = new SmtpMailSender(plain(fake.port()))) {
            assertThatThrownBy(() -> sender.send(notification("<x@y>")))
                    .isInstanceOfSatisfying(MailSender.Refused.class, r -> {
                        assertThat(r.code()).isEqualTo(553);
                        assertThat(r.getMessage()).isEqualTo(REJECTION);
                    });
        }
    }

    @Test
    void aRecipientRefusedForGoodIsRefused() throws Exception {
        try (FakeSmtpServer fake = new FakeSmtpServer().reply("RCPT", "550 5.1.1 User unknown");
                SmtpMailSender sender = new SmtpMailSender(plain(fake.port()))) {
            assertThatThrownBy(() -> sender.send(notification("<x@y>")))
                    .isInstanceOfSatisfying(MailSender.Refused.class, r -> assertThat(r.code()).isEqualTo(550));
        }
    }

    @Test
    @DisplayName("a 4xx reply is an IOException to retry, not a refusal")
    void temporaryFailure() throws Exception {
        try (FakeSmtpServer fake = new FakeSmtpServer().reply("MAIL", "451 4.3.0 Try again later");
                SmtpMailSender sender = new SmtpMailSender(plain(fake.port()))) {
            assertThatThrownBy(() -> sender.send(notification("<x@y>"))).isInstanceOf(IOException.class)
                    .isNotInstanceOf(MailSender.Refused.class).hasMessageContaining("451");
            fake.reply("MAIL", "250 2.1.0 ok");
            sender.send(notification("<x@y>")); // the next attempt reconnects and passes
        }
    }

    @Test
    void noServerIsAnIoException() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        try (SmtpMailSender sender = new SmtpMailSender(plain(port))) {
            assertThatThrownBy(() -> sender.send(notification("<x@y>"))).isInstanceOf(IOException.class)
                    .isNotInstanceOf(MailSender.Refused.class);
        }
    }

    @Test
    void aMessageWithoutRecipientsIsACallerMistake() throws Exception {
        MimeMessage m = new MimeMessage(Session.getInstance(new Properties()));
        m.setText("x");
        try (SmtpMailSender sender = new SmtpMailSender(plain(servers.greenMail.getSmtp().getPort()))) {
            assertThatThrownBy(() -> sender.send(m)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    @DisplayName("STARTTLS required: the session is upgraded before MAIL FROM, trusting the test CA")
    void starttlsRequired() throws Exception {
        try (FakeSmtpServer fake = new FakeSmtpServer().offerStarttls(TestTls.serverContext());
                SmtpMailSender sender = new SmtpMailSender(SmtpSettings.parse("smtp://localhost:" + fake.port() + "?starttls=required")
                        .withTrustCertificates(List.of(TestTls.caPem())))) {
            sender.send(notification("<tls@pec4j.example>"));
            assertThat(fake.commands()).contains("STARTTLS");
            assertThat(fake.commands()).anyMatch(c -> c.startsWith("[tls] MAIL FROM"));
            assertThat(fake.commands()).noneMatch(c -> c.startsWith("MAIL FROM"));
        }
    }

    @Test
    void starttlsToAnUntrustedCertificateIsRefused() throws Exception {
        try (FakeSmtpServer fake = new FakeSmtpServer().offerStarttls(TestTls.serverContext());
                SmtpMailSender sender = new SmtpMailSender(SmtpSettings.parse("smtp://localhost:" + fake.port() + "?starttls=required"))) {
            assertThatThrownBy(() -> sender.send(notification("<x@y>"))).isInstanceOf(IOException.class)
                    .isNotInstanceOf(MailSender.Refused.class)
                    .satisfies(e -> assertThat(TestTls.causes(e)).anyMatch(SSLHandshakeException.class::isInstance));
            assertThat(fake.commands()).noneMatch(c -> c.contains("MAIL FROM"));
        }
    }
}
