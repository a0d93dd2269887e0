package io.github.pec4j.mailroom.internal;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.SharedFileInputStream;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Properties;
import java.util.SplittableRandom;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 30 MB message read byte-exact through {@link ImapMailbox#open(Mailbox.Ref)}.
 *
 * <p>Heap, by construction rather than by measurement: the message is written to a file while its
 * SHA-256 is computed, appended from that file (Angus streams a {@link SharedFileInputStream}), and read
 * back through a digest; neither the test nor the mailbox holds it. The mailbox holds one partial FETCH
 * at a time ({@code fetchSize}, 1 MiB by default), so its footprint does not grow with the message.
 * GreenMail, in the same JVM, keeps its own copy and serialises the whole message for every partial
 * FETCH; that is the server's cost, well inside the tests' 512 MB heap.
 */
class LargeMessageTest {

    private static final long SIZE = 30L * 1024 * 1024;

    @Test
    void thirtyMegabytesByteExact(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("big.eml");
        byte[] expected = writeMessage(file);
        long length = Files.size(file);
        assertThat(length).isGreaterThan(SIZE);

        try (TestServers servers = TestServers.imap()) {
            append(servers, file);
            try (ImapMailbox box = new ImapMailbox(TestServers.settings(servers.imapPort()), TestServers.USER,
                    ImapMailbox.Options.defaults())) {
                Mailbox.Ref ref = box.list("INBOX", 1).get(0);
                MessageDigest digest = MessageDigest.getInstance("SHA-256");
                long read = 0;
                try (InputStream in = box.open(ref)) {
                    byte[] buf = new byte[8192];
                    for (int n; (n = in.read(buf)) > 0; read += n) {
                        digest.update(buf, 0, n);
                    }
                }
                assertThat(read).isEqualTo(length);
                assertThat(digest.digest()).isEqualTo(expected);
                assertThat(servers.flags("INBOX", ref.uid()).getSystemFlags()).isEmpty();
            }
        }
    }

    /** Writes a message of just over 30 MB (a base64 attachment of seeded random bytes); returns its SHA-256. */
    private static byte[] writeMessage(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        SplittableRandom random = new SplittableRandom(20261202);
        Base64.Encoder base64 = Base64.getEncoder();
        try (OutputStream out = new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(file)), digest)) {
            out.write(("Message-ID: <big@test.example.it>\r\n"
                    + "From: mittente@pec.example.it\r\n"
                    + "To: " + TestServers.USER + "\r\n"
                    + "Subject: allegato grande\r\n"
                    + "MIME-Version: 1.0\r\n"
                    + "Content-Type: application/octet-stream; name=\"scansione.pdf\"\r\n"
                    + "Content-Transfer-Encoding: base64\r\n"
                    + "\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[57]; // 76 base64 characters a line
            byte[] crlf = {'\r', '\n'};
            for (long written = 0; written < SIZE; written += 78) {
                random.nextBytes(chunk);
                out.write(base64.encode(chunk));
                out.write(crlf);
            }
        }
        return digest.digest();
    }

    private static void append(TestServers servers, Path file) throws Exception {
        jakarta.mail.Store store = Session.getInstance(new Properties()).getStore("imap");
        store.connect("127.0.0.1", servers.imapPort(), TestServers.USER, TestServers.PASSWORD);
        try (SharedFileInputStream in = new SharedFileInputStream(file.toFile())) {
            IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
            inbox.appendMessages(new Message[] {new MimeMessage(null, in)});
            assertThat(inbox.getMessageCount()).isEqualTo(1);
        } finally {
            store.close();
        }
    }
}
