package io.github.pec4j.simulator.internal;

import io.github.pec4j.testkit.ReceiptType;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.UnsupportedEncodingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The header fields of a submitted message that the provider uses. Whatever cannot be read is
 * absent: a hostile submission still gets its receipts.
 *
 * @param messageId Message-ID without angle brackets
 * @param subject the decoded Subject
 * @param to addresses of To
 * @param cc addresses of Cc
 * @param receiptType {@code X-TipoRicevuta}, completa when absent or unknown
 */
record SubmittedHeaders(Optional<String> messageId, Optional<String> subject, List<String> to, List<String> cc,
        ReceiptType receiptType) {

    static SubmittedHeaders parse(byte[] raw) {
        InternetHeaders h;
        try {
            h = new InternetHeaders(new ByteArrayInputStream(raw));
        } catch (MessagingException e) {
            return new SubmittedHeaders(Optional.empty(), Optional.empty(), List.of(), List.of(), ReceiptType.COMPLETA);
        }
        return new SubmittedHeaders(header(h, "Message-ID").map(SubmittedHeaders::stripBrackets), header(h, "Subject").map(SubmittedHeaders::decode),
                addresses(h, "To"), addresses(h, "Cc"), receiptType(header(h, "X-TipoRicevuta").orElse("")));
    }

    private static Optional<String> header(InternetHeaders h, String name) {
        @Nullable String v = h.getHeader(name, null);
        return v == null ? Optional.empty() : Optional.of(v.replaceAll("\r?\n[ \t]", " ").trim());
    }

    private static String stripBrackets(String id) {
        String s = id.trim();
        return s.startsWith("<") && s.endsWith(">") ? s.substring(1, s.length() - 1) : s;
    }

    private static String decode(String text) {
        try {
            return MimeUtility.decodeText(text);
        } catch (UnsupportedEncodingException e) {
            return text;
        }
    }

    private static List<String> addresses(InternetHeaders h, String name) {
        List<String> out = new ArrayList<>();
        String[] values = h.getHeader(name);
        if (values == null) {
            return out;
        }
        for (String v : values) {
            try {
                for (InternetAddress a : InternetAddress.parseHeader(v, false)) {
                    out.add(a.getAddress());
                }
            } catch (AddressException e) {
                // an unreadable field names nobody: the SMTP recipients still get the message
            }
        }
        return out;
    }

    private static ReceiptType receiptType(String value) {
        for (ReceiptType t : ReceiptType.values()) {
            if (t.value().equals(value.trim().toLowerCase(Locale.ROOT))) {
                return t;
            }
        }
        return ReceiptType.COMPLETA;
    }
}
