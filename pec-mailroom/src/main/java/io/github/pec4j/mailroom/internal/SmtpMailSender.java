package io.github.pec4j.mailroom.internal;

import io.github.pec4j.mailroom.SmtpSettings;
import io.github.pec4j.mailroom.TransportSecurity;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Submits mail over SMTP (Angus Mail): SMTPS, STARTTLS or plain as the settings say, SMTP AUTH when
 * a user is set, the given trust material, host names verified. The connection is kept between mails
 * and re-made after a failure.
 *
 * <p>The message's Message-ID is kept: Jakarta Mail's {@code saveChanges()} would make a new one, so a
 * {@link KeepIdMimeMessage} is saved as it is, and any other message has its Message-ID put back after
 * saving (nothing re-saves it before it is written). A 5xx reply (to MAIL FROM, RCPT TO or DATA)
 * becomes {@link MailSender.Refused} with the server's words; a 4xx reply or a connection problem an
 * {@link IOException} to retry. Passwords are never logged.
 */
public final class SmtpMailSender implements MailSender {

    private static final Logger LOG = LoggerFactory.getLogger(SmtpMailSender.class);

    private final SmtpSettings settings;
    private final String protocol;
    private @Nullable Session session;
    private @Nullable Transport transport;

    public SmtpMailSender(SmtpSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.protocol = settings.security() == TransportSecurity.TLS ? "smtps" : "smtp";
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException the message has no recipient, or an unreadable recipient header
     */
    @Override
    public void send(MimeMessage message) throws IOException {
        Address[] recipients = recipients(message);
        saveKeepingId(message);
        Transport t = transport();
        try {
            t.sendMessage(message, recipients);
            LOG.debug("submitted {} to {}", messageId(message), where());
        } catch (MessagingException e) {
            drop();
            throw map(e, where());
        }
    }

    private static Address[] recipients(MimeMessage message) {
        try {
            Address[] all = message.getAllRecipients();
            if (all == null || all.length == 0) {
                throw new IllegalArgumentException("the message has no recipient");
            }
            return all;
        } catch (AddressException e) {
            throw new IllegalArgumentException("unreadable recipient: " + e.getMessage(), e);
        } catch (MessagingException e) {
            throw new IllegalArgumentException("unreadable recipients: " + e.getMessage(), e);
        }
    }

    /** Saves pending changes so the message can be written, with the Message-ID it had. */
    static void saveKeepingId(MimeMessage message) throws IOException {
        try {
            if (message instanceof KeepIdMimeMessage) {
                message.saveChanges();
                return;
            }
            String id = message.getMessageID();
            message.saveChanges();
            if (id != null) {
                message.setHeader("Message-ID", id);
            }
        } catch (MessagingException e) {
            throw new IOException("cannot prepare the message for sending: " + e.getMessage(), e);
        }
    }

    /** A 5xx reply is a refusal for good; a 4xx reply or anything else may pass on a later attempt. */
    static IOException map(MessagingException e, String where) {
        for (Exception x = e; x != null; x = x instanceof MessagingException ? ((MessagingException) x).getNextException() : null) {
            int code = replyCode(x);
            if (code >= 500) {
                return new Refused(code, String.valueOf(x.getMessage()).strip());
            }
            if (code >= 400) {
                return new IOException("temporary SMTP failure on " + where + ": " + String.valueOf(x.getMessage()).strip(), e);
            }
        }
        return new IOException("SMTP failure on " + where + ": " + e.getMessage(), e);
    }

    private static int replyCode(Exception x) {
        if (x instanceof SMTPSendFailedException) {
            return ((SMTPSendFailedException) x).getReturnCode();
        }
        if (x instanceof SMTPAddressFailedException) {
            return ((SMTPAddressFailedException) x).getReturnCode();
        }
        if (x instanceof SMTPSenderFailedException) {
            return ((SMTPSenderFailedException) x).getReturnCode();
        }
        return -1;
    }

    private Transport transport() throws IOException {
        Transport t = transport;
        if (t != null && t.isConnected()) {
            return t;
        }
        drop();
        String user = settings.user().orElse(null);
        char[] password = settings.password().get();
        try {
            t = session().getTransport(protocol);
            if (user == null) {
                t.connect(settings.host(), settings.port(), null, null);
            } else if (password.length == 0) {
                throw new IOException("no SMTP password for " + where()
                        + ": put it in the URL, in " + SmtpSettings.PASSWORD_ENV + " or give it with withPassword");
            } else {
                t.connect(settings.host(), settings.port(), user, new String(password));
            }
        } catch (MessagingException e) {
            throw new IOException("cannot connect to " + where() + ": " + e.getMessage(), e);
        } finally {
            Arrays.fill(password, '\0');
        }
        LOG.debug("connected to {}", where());
        transport = t;
        return t;
    }

    private Session session() throws IOException {
        Session s = session;
        if (s == null) {
            Properties props = new Properties();
            String p = "mail." + protocol + ".";
            props.put("mail.transport.protocol", protocol);
            props.put(p + "host", settings.host());
            props.put(p + "port", String.valueOf(settings.port()));
            props.put(p + "auth", String.valueOf(settings.user().isPresent()));
            props.put(p + "connectiontimeout", String.valueOf(settings.connectTimeout().toMillis()));
            props.put(p + "timeout", String.valueOf(settings.readTimeout().toMillis()));
            MailTls.configure(props, protocol, settings.security(),
                    MailTls.socketFactory(settings.trustCertificates(), settings.trustStore().orElse(null)));
            s = Session.getInstance(props);
            session = s;
        }
        return s;
    }

    private void drop() {
        Transport t = transport;
        transport = null;
        if (t != null) {
            try {
                t.close();
            } catch (MessagingException e) {
                LOG.debug("closing {}: {}", where(), e.getMessage());
            }
        }
    }

    private static String messageId(MimeMessage m) {
        try {
            return String.valueOf(m.getMessageID());
        } catch (MessagingException e) {
            return "?";
        }
    }

    private String where() {
        return protocol + "://" + settings.host() + ":" + settings.port();
    }

    @Override
    public void close() {
        drop();
    }
}
