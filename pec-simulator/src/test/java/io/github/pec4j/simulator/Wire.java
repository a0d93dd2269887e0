package io.github.pec4j.simulator;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** Jakarta Mail over the simulator's real sockets: what a client of the simulator does. */
final class Wire {
    static final String PASSWORD = "segreta";

    private Wire() {}

    /** A message as a client builds it, with its Message-ID and boundaries fixed by saveChanges. */
    static MimeMessage letter(String from, List<String> to, List<String> cc, String subject, String text) throws MessagingException {
        MimeMessage m = new MimeMessage(Session.getInstance(new Properties()));
        m.setFrom(new InternetAddress(from));
        for (String t : to) {
            m.addRecipient(Message.RecipientType.TO, new InternetAddress(t));
        }
        for (String c : cc) {
            m.addRecipient(Message.RecipientType.CC, new InternetAddress(c));
        }
        m.setSubject(subject, "UTF-8");
        m.setText(text, "UTF-8");
        m.setHeader("X-TipoRicevuta", "completa");
        m.saveChanges();
        return m;
    }

    static byte[] bytes(Message m) throws MessagingException, IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.writeTo(out);
        return out.toByteArray();
    }

    /** Sends over plain SMTP with AUTH as {@code login}; returns the bytes sent. */
    static byte[] send(Endpoint smtp, String login, MimeMessage m) throws MessagingException, IOException {
        Properties p = new Properties();
        p.setProperty("mail.smtp.auth", "true");
        p.setProperty("mail.smtp.connectiontimeout", "10000");
        p.setProperty("mail.smtp.timeout", "30000");
        return send(Session.getInstance(p), "smtp", smtp, login, m);
    }

    static byte[] send(Session session, String protocol, Endpoint smtp, String login, MimeMessage m) throws MessagingException, IOException {
        byte[] sent = bytes(m);
        try (Transport t = session.getTransport(protocol)) {
            t.connect(smtp.host(), smtp.port(), login, PASSWORD);
            t.sendMessage(m, m.getAllRecipients());
        }
        return sent;
    }

    /** Every message of a folder over plain IMAP, byte for byte. */
    static List<byte[]> fetch(Endpoint imap, String login, String folder) throws MessagingException, IOException {
        Properties p = new Properties();
        p.setProperty("mail.imap.connectiontimeout", "10000");
        p.setProperty("mail.imap.timeout", "30000");
        return fetch(Session.getInstance(p), "imap", imap, login, folder);
    }

    static List<byte[]> fetch(Session session, String protocol, Endpoint imap, String login, String folder) throws MessagingException, IOException {
        List<byte[]> out = new ArrayList<>();
        try (Store store = session.getStore(protocol)) {
            store.connect(imap.host(), imap.port(), login, PASSWORD);
            Folder f = store.getFolder(folder);
            f.open(Folder.READ_ONLY);
            for (Message m : f.getMessages()) {
                out.add(bytes(m));
            }
            f.close(false);
        }
        return out;
    }

    /** The raw bytes of the {@code postacert.eml} part of a PEC message, as Jakarta Mail reads the MIME tree. */
    static byte[] postacert(byte[] envelope) throws MessagingException, IOException {
        MimeMessage m = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(envelope));
        Part found = find(m, "postacert.eml");
        if (found == null) {
            throw new AssertionError("no postacert.eml");
        }
        try (InputStream in = ((jakarta.mail.internet.MimeBodyPart) found).getRawInputStream()) {
            return in.readAllBytes();
        }
    }

    private static Part find(Part part, String fileName) throws MessagingException, IOException {
        if (fileName.equals(part.getFileName())) {
            return part;
        }
        if (part.isMimeType("multipart/*")) {
            MimeMultipart mp = (MimeMultipart) part.getContent();
            for (int i = 0; i < mp.getCount(); i++) {
                Part hit = find(mp.getBodyPart(i), fileName);
                if (hit != null) {
                    return hit;
                }
            }
        }
        return null;
    }
}
