package io.github.pec4j.mailroom.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pec4j.mailroom.ImapSettings;
import java.io.IOException;
import java.security.cert.CertificateException;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** IMAPS against GreenMail with a certificate from a test CA; host names are verified. */
class ImapsTest {

    private TestServers servers;

    @BeforeEach
    void start() {
        servers = TestServers.withTls();
    }

    @AfterEach
    void stop() {
        servers.close();
    }

    private ImapSettings imaps(String host) {
        return ImapSettings.parse("imaps://protocollo%40pec.comune.example.it@" + host + ":" + servers.imapsPort())
                .withPassword(TestServers.PASSWORD.toCharArray());
    }

    @Test
    @DisplayName("IMAPS trusting the test CA from a PEM file reads the message byte-exact")
    void trustedByPemFile() throws Exception {
        byte[] raw = TestServers.message("tls", "cifrato");
        servers.append("INBOX", raw);
        try (ImapMailbox box = new ImapMailbox(imaps("localhost").withTrustCertificates(List.of(TestTls.caPem())),
                TestServers.USER, TestServers.fastOptions())) {
            Mailbox.Ref ref = box.list("INBOX", 1).get(0);
            assertThat(TestServers.readAll(box.open(ref))).isEqualTo(raw);
        }
    }

    @Test
    void trustedByKeyStore() throws Exception {
        try (ImapMailbox box = new ImapMailbox(imaps("localhost").withTrustStore(TestTls.caStore()),
                TestServers.USER, TestServers.fastOptions())) {
            assertThat(box.list("INBOX", 1)).isEmpty();
        }
    }

    @Test
    @DisplayName("IMAPS without the test CA is refused: the JVM's trust store does not know it")
    void refusedWithoutTrustMaterial() {
        try (ImapMailbox box = new ImapMailbox(imaps("localhost"), TestServers.USER, TestServers.fastOptions())) {
            assertThatThrownBy(() -> box.list("INBOX", 1)).isInstanceOf(IOException.class)
                    .satisfies(e -> assertThat(TestTls.causes(e)).anyMatch(SSLHandshakeException.class::isInstance));
        }
    }

    @Test
    @DisplayName("a trusted certificate for another name is refused (host-name verification is on)")
    void refusedForAnotherHostName() throws Exception {
        // the certificate names localhost, not 127.0.0.1: the same server reached by address
        try (ImapMailbox box = new ImapMailbox(imaps("127.0.0.1").withTrustCertificates(List.of(TestTls.caPem())),
                TestServers.USER, TestServers.fastOptions())) {
            assertThatThrownBy(() -> box.list("INBOX", 1)).isInstanceOf(IOException.class)
                    .satisfies(e -> assertThat(TestTls.causes(e)).anyMatch(c -> c instanceof CertificateException
                            || c instanceof SSLHandshakeException && String.valueOf(c.getMessage()).contains("127.0.0.1")));
        }
    }

    private ImapSettings starttls(ImapProxy front, String mode) {
        return ImapSettings.parse("imap://protocollo%40pec.comune.example.it@localhost:" + front.port() + "?starttls=" + mode)
                .withPassword(TestServers.PASSWORD.toCharArray());
    }

    @Test
    @DisplayName("STARTTLS required (a proxy plays the STARTTLS server in front of GreenMail): upgraded before LOGIN, bytes exact")
    void starttlsRequired() throws Exception {
        byte[] raw = TestServers.message("starttls", "in chiaro, poi cifrato");
        servers.append("INBOX", raw);
        try (ImapProxy front = new ImapProxy(servers.imapPort()).offerStarttls(TestTls.serverContext());
                ImapMailbox box = new ImapMailbox(starttls(front, "required").withTrustCertificates(List.of(TestTls.caPem())),
                        TestServers.USER, TestServers.fastOptions())) {
            Mailbox.Ref ref = box.list("INBOX", 1).get(0);
            assertThat(TestServers.readAll(box.open(ref))).isEqualTo(raw);
            List<String> lines = front.clientLines();
            int upgrade = indexOf(lines, " STARTTLS");
            int login = indexOf(lines, " LOGIN ");
            assertThat(upgrade).isNotNegative();
            assertThat(login).isGreaterThan(upgrade);
        }
    }

    @Test
    @DisplayName("STARTTLS optional upgrades when the server offers it")
    void starttlsOptionalUpgradesWhenOffered() throws Exception {
        try (ImapProxy front = new ImapProxy(servers.imapPort()).offerStarttls(TestTls.serverContext());
                ImapMailbox box = new ImapMailbox(starttls(front, "optional").withTrustStore(TestTls.caStore()),
                        TestServers.USER, TestServers.fastOptions())) {
            assertThat(box.list("INBOX", 1)).isEmpty();
            assertThat(front.clientSent("STARTTLS")).isTrue();
        }
    }

    @Test
    @DisplayName("STARTTLS to a certificate not trusted is refused, and the password is never sent")
    void starttlsWithoutTrustIsRefused() throws Exception {
        try (ImapProxy front = new ImapProxy(servers.imapPort()).offerStarttls(TestTls.serverContext());
                ImapMailbox box = new ImapMailbox(starttls(front, "required"), TestServers.USER, TestServers.fastOptions())) {
            assertThatThrownBy(() -> box.list("INBOX", 1)).isInstanceOf(IOException.class)
                    .satisfies(e -> assertThat(TestTls.causes(e)).anyMatch(SSLHandshakeException.class::isInstance));
            assertThat(front.clientLines()).noneMatch(l -> l.contains(TestServers.PASSWORD));
        }
    }

    private static int indexOf(List<String> lines, String command) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).toUpperCase(Locale.ROOT).contains(command)) {
                return i;
            }
        }
        return -1;
    }
}
