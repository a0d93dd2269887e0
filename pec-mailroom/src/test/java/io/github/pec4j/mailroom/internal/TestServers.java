package io.github.pec4j.mailroom.internal;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.imap.ImapHandler;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.server.ProtocolHandler;
import com.icegreen.greenmail.smtp.SmtpServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.github.pec4j.mailroom.ImapSettings;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Quota;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPMessage;
import org.eclipse.angus.mail.imap.IMAPStore;

/**
 * GreenMail on loopback with ephemeral ports and one user (the institutional box), plus an "admin"
 * IMAP connection straight to GreenMail to play the other side: append, flag, delete, read back.
 */
final class TestServers implements AutoCloseable {

    static final String USER = "protocollo@pec.comune.example.it";
    static final String PASSWORD = "s3cret-Imap-pw";

    final NoDelayGreenMail greenMail;
    private final Store admin;

    private TestServers(ServerSetup... setups) {
        greenMail = new NoDelayGreenMail(setups);
        greenMail.start();
        greenMail.setUser(USER, USER, PASSWORD);
        try {
            Properties props = new Properties();
            props.put("mail.imap.peek", "true");
            admin = Session.getInstance(props).getStore("imap");
            admin.connect("127.0.0.1", imapPort(), USER, PASSWORD);
        } catch (MessagingException e) {
            greenMail.stop();
            throw new IllegalStateException(e);
        }
    }

    /** IMAP (plain) and SMTP on loopback. */
    static TestServers imap() {
        return new TestServers(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP),
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    }

    /** IMAP, IMAPS, SMTP and SMTPS on loopback; TLS with {@link TestTls}'s certificate. */
    static TestServers withTls() {
        TestTls.shared();
        return new TestServers(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP),
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAPS),
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS));
    }

    int imapPort() {
        return greenMail.port(ServerSetup.PROTOCOL_IMAP);
    }

    int imapsPort() {
        return greenMail.port(ServerSetup.PROTOCOL_IMAPS);
    }

    /**
     * GreenMail whose servers turn Nagle's algorithm off, as mail servers (and the simulator, SIM-NODELAY-01) do:
     * GreenMail's responses come in several flushes, each waiting for the client's delayed ACK otherwise. Its
     * IMAP server class is final, so IMAP is served by a server of this class's own; {@code getImap()} is not
     * available, {@link #port} is.
     */
    static final class NoDelayGreenMail extends GreenMail {
        NoDelayGreenMail(ServerSetup[] setups) {
            super(setups);
        }

        @Override
        protected Map<String, AbstractServer> createServices(ServerSetup[] config, Managers mgr) {
            Map<String, AbstractServer> servers = new HashMap<>();
            for (ServerSetup setup : config) {
                boolean smtp = setup.getProtocol().startsWith(ServerSetup.PROTOCOL_SMTP);
                servers.put(setup.getProtocol(), smtp ? new Smtp(setup, mgr) : new Imap(setup, mgr));
            }
            return servers;
        }

        int port(String protocol) {
            return services.get(protocol).getPort();
        }

        private static Socket noDelay(Socket socket) {
            try {
                socket.setTcpNoDelay(true);
            } catch (SocketException e) {
                // the client is already gone
            }
            return socket;
        }

        private static final class Imap extends AbstractServer {
            Imap(ServerSetup setup, Managers managers) {
                super(setup, managers);
            }

            @Override
            protected ProtocolHandler createProtocolHandler(Socket socket) {
                return new ImapHandler(managers.getUserManager(), managers.getImapHostManager(), noDelay(socket));
            }
        }

        private static final class Smtp extends SmtpServer {
            Smtp(ServerSetup setup, Managers managers) {
                super(setup, managers);
            }

            @Override
            protected ProtocolHandler createProtocolHandler(Socket socket) {
                return super.createProtocolHandler(noDelay(socket));
            }
        }
    }

    /** Settings for the box on this port (GreenMail's, or a proxy's in front of it). */
    static ImapSettings settings(int port) {
        return ImapSettings.parse("imap://protocollo%40pec.comune.example.it@127.0.0.1:" + port + "?starttls=none")
                .withPassword(PASSWORD.toCharArray());
    }

    /** A mailbox that waits little between reconnections and polls often. */
    static ImapMailbox mailbox(int port) {
        return new ImapMailbox(settings(port), USER, fastOptions());
    }

    static ImapMailbox.Options fastOptions() {
        return new ImapMailbox.Options(64 * 1024, Duration.ofMillis(50), Duration.ofMillis(20),
                new Backoff(Duration.ofMillis(10), Duration.ofMillis(100), () -> 0.5,
                        d -> Thread.sleep(d.toMillis())));
    }

    /** A small message with CRLF lines, a folded header and 8-bit bytes: what comes back must be these bytes. */
    static byte[] message(String id, String body) {
        return ("Return-Path: <mittente@pec.example.it>\r\n"
                + "Message-ID: <" + id + "@test.example.it>\r\n"
                + "From: Mittente <mittente@pec.example.it>\r\n"
                + "To: " + USER + "\r\n"
                + "Subject: prova " + id + "\r\n"
                + "\ta folded subject line\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n"
                + "Content-Transfer-Encoding: 8bit\r\n"
                + "\r\n"
                + body + "\r\n"
                + "perché è così\r\n").getBytes(StandardCharsets.UTF_8);
    }

    void create(String folder) throws MessagingException {
        Folder f = admin.getFolder(folder);
        if (!f.exists()) {
            f.create(Folder.HOLDS_MESSAGES);
        }
    }

    /** Appends the bytes as they are; returns the new message's UID. */
    long append(String folder, byte[] raw) throws MessagingException {
        IMAPFolder f = (IMAPFolder) admin.getFolder(folder);
        MimeMessage m = new MimeMessage(null, new ByteArrayInputStream(raw));
        return f.appendUIDMessages(new Message[] {m})[0].uid;
    }

    List<Long> uids(String folder) throws MessagingException {
        IMAPFolder f = (IMAPFolder) admin.getFolder(folder);
        f.open(Folder.READ_ONLY);
        try {
            List<Long> uids = new ArrayList<>();
            for (Message m : f.getMessages()) {
                uids.add(f.getUID(m));
            }
            return uids;
        } finally {
            f.close(false);
        }
    }

    Flags flags(String folder, long uid) throws MessagingException {
        IMAPFolder f = (IMAPFolder) admin.getFolder(folder);
        f.open(Folder.READ_ONLY);
        try {
            return f.getMessageByUID(uid).getFlags();
        } finally {
            f.close(false);
        }
    }

    void flagDeleted(String folder, long uid) throws MessagingException {
        IMAPFolder f = (IMAPFolder) admin.getFolder(folder);
        f.open(Folder.READ_WRITE);
        try {
            f.getMessageByUID(uid).setFlag(Flags.Flag.DELETED, true);
        } finally {
            f.close(false);
        }
    }

    /** Deletes the message for good (flag and UID EXPUNGE), as another node moving it would. */
    void remove(String folder, long uid) throws MessagingException {
        IMAPFolder f = (IMAPFolder) admin.getFolder(folder);
        f.open(Folder.READ_WRITE);
        try {
            Message m = f.getMessageByUID(uid);
            m.setFlag(Flags.Flag.DELETED, true);
            f.expunge(new Message[] {m});
        } finally {
            f.close(false);
        }
    }

    void deleteFolder(String folder) throws MessagingException {
        admin.getFolder(folder).delete(true);
    }

    byte[] raw(String folder, long uid) throws MessagingException, IOException {
        IMAPFolder f = (IMAPFolder) admin.getFolder(folder);
        f.open(Folder.READ_ONLY);
        try (InputStream in = ((IMAPMessage) f.getMessageByUID(uid)).getMimeStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        } finally {
            f.close(false);
        }
    }

    void setStorageQuota(long limit) throws MessagingException {
        Quota q = new Quota("INBOX");
        q.setResourceLimit("STORAGE", limit);
        ((IMAPStore) admin).setQuota(q);
    }

    static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    @Override
    public void close() {
        try {
            admin.close();
        } catch (MessagingException e) {
            // the server stops anyway
        }
        greenMail.stop();
    }
}
