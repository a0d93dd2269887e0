package io.github.pec4j.registry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * Identifies one taking-in of one message, so that registering it again returns the first
 * registration (no double registration; P.I.Tre {@code DPA_MAIL_ELABORATE}).
 *
 * @param value at most 128 printable ASCII characters
 */
public record IdempotencyKey(String value) {
    /**
     * Creates the record: refuses values out of range.
     *
     * @param value at most 128 printable ASCII characters
     */
    public IdempotencyKey {
        Checks.text(value, "value");
        if (value.length() > 128 || !value.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("an idempotency key is 1-128 printable ASCII characters");
        }
    }

    /**
     * A key from its text.
     *
     * @param value the key, at most a few hundred characters, never blank
     * @return the key
     */
    public static IdempotencyKey of(String value) {
        return new IdempotencyKey(value);
    }

    /**
     * The key of a PEC taken in from a mailbox: a SHA-256 over the mailbox address, the envelope's
     * Message-ID and its {@code X-Riferimento-Message-ID} (each trimmed of angle brackets, the
     * mailbox lower-cased), so the same message read twice, from any node, gets the same key.
     *
     * @param riferimentoMessageId empty when the message has none (ordinary mail)
     * @param mailbox the institutional box, lower-case address
     * @param messageId the message's Message-ID header, if any (for people, never for identity)
     * @return the key of a PEC taken in from a mailbox: a SHA-256 over the mailbox address, the envelope's Message-ID
     *     and its {@code X-Riferimento-Message-ID} (each trimmed of angle brackets, the mailbox lower-cased), so the
     *     same message read twice, from any node, gets the same key
     */
    public static IdempotencyKey forMessage(String mailbox, String messageId, String riferimentoMessageId) {
        return hashed("msg:", mailbox, messageId, riferimentoMessageId);
    }

    /**
     * The key of a message that only its unsigned headers identify (ordinary mail, an envelope without a readable
     * daticert): the same SHA-256 as {@link #forMessage}, in a namespace of its own ({@code hdr:}), so a message whose
     * headers claim a PEC's identifiers never takes the key of that PEC, which rests on its signed daticert.
     *
     * @param mailbox the institutional box, lower-case address
     * @param messageId the message's Message-ID header
     * @param riferimentoMessageId its {@code X-Riferimento-Message-ID}, empty when it has none
     * @return the key of a message identified by its unsigned headers
     */
    public static IdempotencyKey forUnsignedMessage(String mailbox, String messageId, String riferimentoMessageId) {
        return hashed("hdr:", mailbox, messageId, riferimentoMessageId);
    }

    private static IdempotencyKey hashed(String namespace, String mailbox, String messageId, String riferimentoMessageId) {
        Objects.requireNonNull(riferimentoMessageId, "riferimentoMessageId");
        String joined = Checks.text(mailbox, "mailbox").trim().toLowerCase(Locale.ROOT) + '\n'
                + bare(Checks.text(messageId, "messageId")) + '\n' + bare(riferimentoMessageId);
        MessageDigest sha = Impronta.sha256Digest();
        return new IdempotencyKey(namespace + HexFormat.of().formatHex(sha.digest(joined.getBytes(StandardCharsets.UTF_8))));
    }

    private static String bare(String id) {
        String s = id.trim();
        if (s.startsWith("<") && s.endsWith(">")) s = s.substring(1, s.length() - 1).trim();
        return s;
    }

    @Override
    public String toString() {
        return value;
    }
}
