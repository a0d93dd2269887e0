package io.github.pec4j.mailroom.internal;

import io.github.pec4j.registry.OutboxEntry;
import io.github.pec4j.registry.ProtocolId;
import io.github.pec4j.registry.ProtocolRegistry;
import io.github.pec4j.registry.Registration;
import io.github.pec4j.registry.RegistryException;
import io.github.pec4j.registry.StoredDocument;
import jakarta.activation.DataHandler;
import jakarta.activation.DataSource;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Properties;

/** Turns an outbox entry into the MIME message handed to SMTP: the same Message-ID on every attempt. */
final class MailComposer {
    private final ProtocolRegistry registry;
    private final Session session = Session.getInstance(new Properties());

    MailComposer(ProtocolRegistry registry) {
        this.registry = registry;
    }

    /**
     * The message for {@code e}; with attachments, the registration's documents are read from the registry
     * while the message is written.
     *
     * @throws MessagingException when an address or header cannot be written (a permanent failure)
     * @throws IOException when the registration cannot be read
     */
    MimeMessage compose(OutboxEntry e) throws MessagingException, IOException {
        MimeMessage m = new FixedIdMessage(session, e.messageId());
        m.setFrom(new InternetAddress(e.from(), true));
        m.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(e.to(), true));
        m.setSubject(e.subject(), "UTF-8");
        m.setSentDate(Date.from(e.createdAt()));
        // RFC 3834: an automatic message says so, so that no responder answers it
        m.setHeader("Auto-Submitted", e.kind() == OutboxEntry.Kind.REPLY ? "auto-replied" : "auto-generated");
        if (e.inReplyTo().isPresent()) {
            String id = angle(e.inReplyTo().get());
            m.setHeader("In-Reply-To", id);
            m.setHeader("References", id);
        }
        if (e.kind() == OutboxEntry.Kind.CONFERMA) {
            m.setContent(conferma(e));
        } else if (e.withAttachments() && e.registration().isPresent()) {
            m.setContent(withDocuments(e, e.registration().get()));
        } else {
            m.setText(e.body(), "UTF-8");
        }
        m.saveChanges();
        return m;
    }

    /** OUT-INTEROP-01: a short text and the conferma di ricezione (the entry's body) as {@code Conferma.xml}. */
    private static MimeMultipart conferma(OutboxEntry e) throws MessagingException {
        MimeMultipart mixed = new MimeMultipart("mixed");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("Conferma di ricezione del messaggio protocollato (" + e.registration().map(Object::toString).orElse("-")
                + "): dettagli nell'allegato Conferma.xml.\nMessaggio generato automaticamente dal sistema di protocollo.\n", "UTF-8");
        mixed.addBodyPart(text);
        MimeBodyPart xml = new MimeBodyPart();
        xml.setContent(e.body().getBytes(StandardCharsets.UTF_8), "application/xml");
        xml.setFileName("Conferma.xml");
        xml.setDisposition(MimeBodyPart.ATTACHMENT);
        mixed.addBodyPart(xml);
        return mixed;
    }

    private MimeMultipart withDocuments(OutboxEntry e, ProtocolId id) throws MessagingException, IOException {
        Registration r = registry.find(id).orElseThrow(() -> new RegistryException(RegistryException.Reason.NOT_FOUND, "no registration " + id));
        MimeMultipart mixed = new MimeMultipart("mixed");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(e.body(), "UTF-8");
        mixed.addBodyPart(text);
        for (StoredDocument d : r.documents()) {
            MimeBodyPart part = new MimeBodyPart();
            part.setDataHandler(new DataHandler(new DocumentSource(registry, id, d)));
            part.setFileName(d.fileName());
            part.setDisposition(MimeBodyPart.ATTACHMENT);
            mixed.addBodyPart(part);
        }
        return mixed;
    }

    private static String angle(String id) {
        String s = id.trim();
        return s.startsWith("<") ? s : "<" + s + ">";
    }

    /** A MimeMessage that keeps the Message-ID it was given (Jakarta Mail would make a new one on saveChanges). */
    private static final class FixedIdMessage extends MimeMessage {
        private final String id;

        FixedIdMessage(Session session, String id) {
            super(session);
            this.id = angle(id);
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", id);
        }
    }

    /** A registered document, streamed from the registry each time the message is written. */
    private record DocumentSource(ProtocolRegistry registry, ProtocolId id, StoredDocument document) implements DataSource {
        @Override
        public InputStream getInputStream() throws IOException {
            return registry.openDocument(id, document.index());
        }

        @Override
        public OutputStream getOutputStream() throws IOException {
            throw new IOException("read-only");
        }

        @Override
        public String getContentType() {
            return document.mediaType();
        }

        @Override
        public String getName() {
            return document.fileName();
        }
    }
}
