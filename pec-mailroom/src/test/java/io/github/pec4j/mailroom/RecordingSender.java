package io.github.pec4j.mailroom;

import io.github.pec4j.mailroom.internal.MailSender;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** An SMTP server that records what it accepts, and can fail for a while or refuse for good. */
final class RecordingSender implements MailSender {
    final List<MimeMessage> sent = new ArrayList<>();
    private int failNext;
    private boolean refuse;
    int attempts;

    synchronized void failNext(int n) {
        failNext = n;
    }

    synchronized void refuseAll(boolean value) {
        refuse = value;
    }

    @Override
    public synchronized void send(MimeMessage message) throws IOException {
        attempts++;
        if (refuse) throw new Refused(550, "550 5.1.1 mailbox unavailable");
        if (failNext > 0) {
            failNext--;
            throw new IOException("421 4.3.2 service not available, try later");
        }
        try {
            // written out as SMTP would: the whole message (attachments streamed from the registry) must compose
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            message.writeTo(out);
            sent.add(new MimeMessage(null, new java.io.ByteArrayInputStream(out.toByteArray())));
        } catch (MessagingException e) {
            throw new IOException(e);
        }
    }

    synchronized List<MimeMessage> to(String address) throws MessagingException {
        List<MimeMessage> out = new ArrayList<>();
        for (MimeMessage m : sent) {
            if (m.getAllRecipients()[0].toString().equalsIgnoreCase(address)) out.add(m);
        }
        return out;
    }

    @Override
    public void close() {}
}
