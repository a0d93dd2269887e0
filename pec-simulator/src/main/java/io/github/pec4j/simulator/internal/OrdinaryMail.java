package io.github.pec4j.simulator.internal;

import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/** A plain-text ordinary message (no PEC headers, no signature), CRLF throughout. */
final class OrdinaryMail {
    private static final DateTimeFormatter RFC5322 = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ENGLISH);

    private OrdinaryMail() {}

    static byte[] build(String from, String to, String subject, String body, Map<String, String> headers, String messageId,
            ZonedDateTime date) {
        StringBuilder m = new StringBuilder();
        m.append("Date: ").append(RFC5322.format(date)).append("\r\n");
        m.append("From: ").append(from).append("\r\n");
        m.append("To: ").append(to).append("\r\n");
        m.append("Subject: ").append(encode(subject)).append("\r\n");
        m.append("Message-ID: <").append(messageId).append(">\r\n");
        headers.forEach((name, value) -> m.append(checkedName(name)).append(": ").append(checkedValue(name, value)).append("\r\n"));
        m.append("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n");
        String text = body.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n");
        m.append(text);
        if (!text.endsWith("\r\n")) {
            m.append("\r\n");
        }
        return m.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String encode(String text) {
        try {
            return MimeUtility.encodeText(text, "UTF-8", "Q");
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException("UTF-8 is required of every Java platform", e);
        }
    }

    private static String checkedName(String name) {
        if (!name.matches("[!-9;-~]+")) {
            throw new IllegalArgumentException("not a header field name: " + name);
        }
        return name;
    }

    private static String checkedValue(String name, String value) {
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("header " + name + " must be one line (use deliverRaw for anything else)");
        }
        return value;
    }
}
