package io.github.pec4j.simulator.internal;

import com.icegreen.greenmail.imap.ImapHostManager;
import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.mail.MovingMessage;
import com.icegreen.greenmail.smtp.SmtpManager;
import com.icegreen.greenmail.smtp.SmtpState;
import com.icegreen.greenmail.smtp.auth.AuthenticationState;
import com.icegreen.greenmail.smtp.auth.UsernameAuthentication;
import com.icegreen.greenmail.user.UserManager;
import jakarta.mail.MessagingException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.jspecify.annotations.Nullable;

/**
 * GreenMail's SMTP manager with the provider in place of GreenMail's own delivery: recipients are
 * checked by the provider, and a submitted message is handed over synchronously, so everything it
 * causes is done before the client reads {@code 250 OK}.
 */
final class PecSmtpManager extends SmtpManager {
    private volatile @Nullable SubmissionHandler handler;
    /** Accepted recipients in RCPT order: GreenMail keeps them in a hash set. Weak: a message dropped by RSET goes away. */
    private final Map<MovingMessage, List<String>> rcptOrder = Collections.synchronizedMap(new WeakHashMap<>());

    PecSmtpManager(ImapHostManager imapHostManager, UserManager userManager) {
        super(imapHostManager, userManager);
    }

    void handler(SubmissionHandler handler) {
        this.handler = handler;
    }

    /** The user each session authenticated as: GreenMail forgets it after the first message of a session. */
    private final Map<SmtpState, String> logins = Collections.synchronizedMap(new WeakHashMap<>());

    @Override
    public @Nullable String checkSender(SmtpState state, MailAddress sender) {
        AuthenticationState auth = state.getMessage().getAuthenticationState();
        if (auth instanceof UsernameAuthentication user) {
            logins.put(state, user.getUsername());
        }
        return handler().checkSender(logins.get(state), sender.getEmail());
    }

    @Override
    public @Nullable String checkRecipient(SmtpState state, MailAddress rcpt) {
        MovingMessage msg = state.getMessage();
        MailAddress from = msg.getReturnPath();
        String refusal = handler().checkRecipient(from == null ? "" : from.getEmail(), rcpt.getEmail());
        if (refusal == null) {
            rcptOrder.computeIfAbsent(msg, m -> new ArrayList<>()).add(rcpt.getEmail());
        }
        return refusal;
    }

    @Override
    public void send(SmtpState state) {
        MovingMessage msg = state.getMessage();
        MailAddress from = msg.getReturnPath();
        List<String> recipients = recipients(msg);
        handler().submit(from == null ? "" : from.getEmail(), recipients, submittedBytes(msg));
    }

    /** The accepted recipients in RCPT order, each once. */
    private List<String> recipients(MovingMessage msg) {
        List<String> ordered = new ArrayList<>(rcptOrder.getOrDefault(msg, List.of()));
        rcptOrder.remove(msg);
        for (MailAddress a : msg.getToAddresses()) {
            ordered.add(a.getEmail()); // normally already there; kept for safety
        }
        List<String> out = new ArrayList<>();
        for (String r : ordered) {
            if (out.stream().noneMatch(r::equalsIgnoreCase)) {
                out.add(r);
            }
        }
        return out;
    }

    private SubmissionHandler handler() {
        SubmissionHandler h = handler;
        if (h == null) {
            throw new IllegalStateException("no submission handler");
        }
        return h;
    }

    /** The bytes the client sent: GreenMail's parsed copy, without the two trace lines it prepends. */
    static byte[] submittedBytes(MovingMessage msg) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            msg.getMessage().writeTo(out);
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException("cannot read back a submitted message", e);
        }
        byte[] bytes = out.toByteArray();
        int start = skipLine(bytes, 0, "Return-Path:");
        if (start > 0) {
            start = Math.max(start, skipLine(bytes, start, "Received:"));
        }
        return Arrays.copyOfRange(bytes, start, bytes.length);
    }

    /** The offset after the CRLF ending the line at {@code from}, if that line starts with {@code name}; else {@code from}. */
    private static int skipLine(byte[] bytes, int from, String name) {
        byte[] prefix = name.getBytes(StandardCharsets.US_ASCII);
        if (bytes.length - from < prefix.length || !Arrays.equals(bytes, from, from + prefix.length, prefix, 0, prefix.length)) {
            return from;
        }
        for (int i = from; i < bytes.length - 1; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                return i + 2;
            }
        }
        return from;
    }
}
