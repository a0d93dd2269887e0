package io.github.pec4j.mailroom.internal;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;

/**
 * A MIME message whose {@code saveChanges()} keeps the Message-ID it was given (Jakarta Mail makes a
 * new one each time): the outbox composes a mail once, with its own Message-ID, and every submission
 * attempt must carry that same ID (MRM-NOTIF-02, MRM-ORD-02).
 */
public class KeepIdMimeMessage extends MimeMessage {

    /** An empty message to compose. */
    public KeepIdMimeMessage(Session session) {
        super(session);
    }

    /** A message parsed from its bytes (a composed mail read back from the outbox). */
    public KeepIdMimeMessage(Session session, InputStream in) throws MessagingException {
        super(session, in);
    }

    /** A copy of another message (its headers, Message-ID included, and content). */
    public KeepIdMimeMessage(MimeMessage source) throws MessagingException {
        super(source);
    }

    @Override
    protected void updateMessageID() throws MessagingException {
        if (getHeader("Message-ID") == null) {
            super.updateMessageID();
        }
    }

    /** Saves pending changes, keeping the Message-ID; an I/O-free convenience for tests and the outbox. */
    public KeepIdMimeMessage saved() throws MessagingException {
        saveChanges();
        return this;
    }
}
