package io.github.pec4j.mailroom.internal;

import jakarta.mail.internet.MimeMessage;
import java.io.IOException;

/**
 * Hands a composed mail to an SMTP server (the institutional box's submission server, or the
 * ordinary server offices' notifications go through). {@code SmtpMailSender} is the real one.
 */
public interface MailSender extends AutoCloseable {

    /**
     * Submits the message as it is (its Message-ID is kept: the same on every attempt).
     *
     * @throws Refused the server refused it for good (a 5xx reply): retrying the same mail will not help
     * @throws IOException the server could not be reached or failed for now (a 4xx reply, a lost connection)
     */
    void send(MimeMessage message) throws IOException;

    @Override
    void close() throws IOException;

    /** A permanent refusal, with the server's own words (e.g. {@code 553 5.7.1 Sender address rejected}). */
    final class Refused extends IOException {
        private static final long serialVersionUID = 1L;
        private final int code;

        public Refused(int code, String serverReply) {
            super(serverReply);
            this.code = code;
        }

        /** The SMTP reply code. */
        public int code() {
            return code;
        }
    }
}
