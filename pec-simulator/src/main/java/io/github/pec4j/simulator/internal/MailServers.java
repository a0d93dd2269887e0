package io.github.pec4j.simulator.internal;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.imap.AuthorizationException;
import com.icegreen.greenmail.imap.ImapHostManager;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.github.pec4j.simulator.Endpoint;
import jakarta.mail.Flags;
import jakarta.mail.MessagingException;
import jakarta.mail.Quota;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.net.ssl.SSLContext;

/**
 * GreenMail on loopback, ephemeral ports: IMAP, IMAPS, SMTP, SMTPS. Boxes are GreenMail users whose
 * login is their address; messages are stored and read back byte for byte.
 */
public final class MailServers implements AutoCloseable {
    private static final String HOST = "127.0.0.1";
    private static final String INBOX = "INBOX";
    private static final String[] PROTOCOLS = {
        ServerSetup.PROTOCOL_IMAP, ServerSetup.PROTOCOL_IMAPS, ServerSetup.PROTOCOL_SMTP, ServerSetup.PROTOCOL_SMTPS};

    private final SimServers.SimManagers managers = new SimServers.SimManagers();
    private final Mail greenMail;
    private final Session session = Session.getInstance(new Properties());

    public MailServers(SSLContext tls) {
        ServerSetup[] setups = new ServerSetup[PROTOCOLS.length];
        for (int i = 0; i < setups.length; i++) {
            setups[i] = new ServerSetup(0, HOST, PROTOCOLS[i]);
        }
        this.greenMail = new Mail(setups, managers, tls);
    }

    /** Starts the servers; {@code handler} takes every SMTP submission. */
    public void start(SubmissionHandler handler) {
        managers.pecSmtpManager().handler(handler);
        greenMail.start();
    }

    @Override
    public void close() {
        greenMail.stop();
    }

    /** The endpoint of {@code protocol} ({@code imap}, {@code imaps}, {@code smtp}, {@code smtps}). */
    public Endpoint endpoint(String protocol) {
        return new Endpoint(HOST, greenMail.server(protocol).getPort());
    }

    /** Creates a box (or changes its password). */
    public void createUser(String address, String password) {
        greenMail.setUser(address, address, password);
    }

    /** True when a box with this address exists. */
    public boolean exists(String address) {
        return managers.getUserManager().getUserByEmail(address) != null;
    }

    /** Stores a message into {@code folder} (created if missing), dated {@code at}. */
    public void store(String address, String folder, byte[] raw, Instant at) {
        try {
            MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(raw));
            folder(address, folder, true).appendMessage(message, new Flags(), Date.from(at));
        } catch (MessagingException e) {
            throw new IllegalArgumentException("cannot store a message for " + address, e);
        }
    }

    /** The messages of a folder, in UID order; empty if the folder does not exist. */
    public List<byte[]> messages(String address, String folder) {
        List<byte[]> out = new ArrayList<>();
        MailFolder f = folder(address, folder, false);
        if (f == null) {
            return out;
        }
        // A snapshot first (toArray copies without iterating): an IMAP client may move or expunge meanwhile.
        for (Object m : f.getMessages().toArray()) {
            out.add(bytes(((StoredMessage) m).getMimeMessage()));
        }
        return out;
    }

    /** The box's folders, by full IMAP name ({@code INBOX}, {@code Archivio.2024}, ...). */
    public List<String> folders(String address) {
        GreenMailUser user = user(address);
        List<String> names = new ArrayList<>();
        try {
            for (MailFolder f : imap().listMailboxes(user, "*")) {
                names.add(f.getFullName());
            }
        } catch (FolderException e) {
            throw new IllegalStateException("cannot list folders of " + address, e);
        }
        String root = rootName(user);
        return names.stream().map(n -> n.startsWith(root) ? n.substring(root.length()) : n).sorted().toList();
    }

    /** The bytes stored in every folder of the box. */
    public long usage(String address) {
        long total = 0;
        for (String folder : folders(address)) {
            for (byte[] m : messages(address, folder)) {
                total += m.length;
            }
        }
        return total;
    }

    /** Sets an IMAP QUOTA on the box's INBOX (STORAGE, in KiB), as {@code SETQUOTA} would. */
    public void setQuota(String address, long kib) {
        Quota quota = new Quota(INBOX);
        quota.setResourceLimit("STORAGE", kib);
        imap().getStore().setQuota(quota, user(address).getQualifiedMailboxName());
    }

    /** The UIDVALIDITY of a folder. */
    public long uidValidity(String address, String folder) {
        MailFolder f = folder(address, folder, false);
        if (f == null) {
            throw new IllegalArgumentException("no folder " + folder + " in " + address);
        }
        return f.getUidValidity();
    }

    /**
     * Re-creates a folder with the same messages and flags but a new UIDVALIDITY (and new UIDs), as a
     * server whose index was rebuilt. GreenMail takes UIDVALIDITY from the wall clock in seconds, so
     * this may wait up to a second for it to change.
     */
    public long resetUidValidity(String address, String folder) {
        GreenMailUser user = user(address);
        MailFolder old = folder(address, folder, false);
        if (old == null) {
            throw new IllegalArgumentException("no folder " + folder + " in " + address);
        }
        long before = old.getUidValidity();
        List<StoredMessage> kept = List.copyOf(old.getMessages());
        waitForNextSecond(before);
        MailFolder fresh = recreate(user, folder, old);
        for (StoredMessage m : kept) {
            Flags flags = m.getFlags();
            flags.remove(Flags.Flag.RECENT);
            fresh.appendMessage(m.getMimeMessage(), flags, m.getReceivedDate());
        }
        return fresh.getUidValidity();
    }

    private MailFolder recreate(GreenMailUser user, String folder, MailFolder old) {
        try {
            MailFolder parent = imap().getFolder(user, parentName(folder));
            if (!imap().getStore().getChildren(old).isEmpty()) {
                throw new IllegalArgumentException("folder " + folder + " has subfolders; its UIDVALIDITY cannot be reset");
            }
            old.deleteAllMessages();
            old.signalDeletion();
            imap().getStore().deleteMailbox(old);
            return imap().getStore().createMailbox(parent, leafName(folder), true);
        } catch (FolderException e) {
            throw new IllegalStateException("cannot re-create " + folder, e);
        }
    }

    private static void waitForNextSecond(long uidValidity) {
        while (System.currentTimeMillis() / 1000L <= uidValidity) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a new UIDVALIDITY", e);
            }
        }
    }

    private static String parentName(String folder) {
        int dot = folder.lastIndexOf('.');
        return dot < 0 ? "" : folder.substring(0, dot);
    }

    private static String leafName(String folder) {
        return folder.substring(folder.lastIndexOf('.') + 1);
    }

    private String rootName(GreenMailUser user) {
        String inbox = imap().getFolder(user, INBOX).getFullName();
        return inbox.substring(0, inbox.length() - INBOX.length());
    }

    private MailFolder folder(String address, String folder, boolean create) {
        GreenMailUser user = user(address);
        MailFolder f = imap().getFolder(user, folder);
        if (f != null || !create) {
            return f;
        }
        try {
            return imap().createMailbox(user, folder);
        } catch (FolderException | AuthorizationException e) {
            throw new IllegalArgumentException("cannot create folder " + folder + " in " + address, e);
        }
    }

    private GreenMailUser user(String address) {
        GreenMailUser user = managers.getUserManager().getUserByEmail(address);
        if (user == null) {
            throw new IllegalArgumentException("no box " + address);
        }
        return user;
    }

    private ImapHostManager imap() {
        return managers.getImapHostManager();
    }

    private static byte[] bytes(MimeMessage message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            message.writeTo(out);
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException("cannot read back a stored message", e);
        }
        return out.toByteArray();
    }

    /** GreenMail with the simulator's managers and servers. */
    private static final class Mail extends GreenMail {
        private final SSLContext tls;

        Mail(ServerSetup[] setups, Managers managers, SSLContext tls) {
            super(setups);
            this.tls = tls;
            this.managers = managers;
        }

        @Override
        protected Map<String, AbstractServer> createServices(ServerSetup[] config, Managers mgr) {
            Map<String, AbstractServer> servers = new HashMap<>();
            if (tls == null) {
                return servers; // called by GreenMail's constructor, before this class is set up; start() calls again
            }
            for (ServerSetup setup : config) {
                boolean smtp = setup.getProtocol().startsWith(ServerSetup.PROTOCOL_SMTP);
                servers.put(setup.getProtocol(), smtp ? new SimServers.Smtp(setup, mgr, tls) : new SimServers.Imap(setup, mgr, tls));
            }
            return servers;
        }

        AbstractServer server(String protocol) {
            AbstractServer s = services.get(protocol);
            if (s == null) {
                throw new IllegalStateException("no " + protocol + " server running");
            }
            return s;
        }
    }
}
