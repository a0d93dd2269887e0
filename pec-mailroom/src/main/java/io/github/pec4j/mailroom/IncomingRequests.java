package io.github.pec4j.mailroom;

import io.github.pec4j.admission.Evidence;
import io.github.pec4j.admission.PecAdmission;
import io.github.pec4j.core.Attachment;
import io.github.pec4j.core.Daticert;
import io.github.pec4j.core.OriginalMessage;
import io.github.pec4j.core.PecKind;
import io.github.pec4j.core.PecMessage;
import io.github.pec4j.registry.Channel;
import io.github.pec4j.registry.Correspondent;
import io.github.pec4j.registry.DocumentRequest;
import io.github.pec4j.registry.IdempotencyKey;
import io.github.pec4j.registry.Impronta;
import io.github.pec4j.registry.RegisterId;
import io.github.pec4j.registry.RegistrationRequest;
import io.github.pec4j.registry.SenderReference;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The one mapping of a message taken in from an institutional box to what the register records: the
 * mailroom, the CLI and the demo all use it, so a message is registered the same way whoever takes it in.
 *
 * <ul>
 *   <li><b>correspondent</b>: the daticert {@code mittente} of a PEC; for ordinary mail (and the mail an
 *       anomalia wraps) the From address, with its display name;
 *   <li><b>oggetto</b>: the original subject, {@value #NO_SUBJECT} when blank;
 *   <li><b>sender's reference</b>: the sender's protocol number and date, from a segnatura the admission
 *       evidence read;
 *   <li><b>documents</b>: first the whole message as received ({@value #ENVELOPE_NAME}, {@code
 *       message/rfc822}: the envelope with its provider signature is the evidence), then each attachment with
 *       the impronta the parser computed while reading it, under its name as sent (unless blank or holding
 *       control characters: then its safe name);
 *   <li><b>channel</b>: {@link Channel#PEC} for PEC, {@link Channel#PEO} for ordinary mail and anomalie;
 *   <li><b>received-at</b>: the daticert time; for mail without a daticert, its Date header. Never the time
 *       of taking in: a retry must register the same facts, or the registry would see another message;
 *   <li><b>idempotency key</b>: {@link #intakeKey}.
 * </ul>
 *
 * <p>The builder is returned without classification, operator and assignments: the caller adds them (they
 * are the AOO's choices, and a retry may choose them differently without changing the fingerprint).
 */
public final class IncomingRequests {
    /** The primary document's file name: the whole message as received. */
    public static final String ENVELOPE_NAME = "messaggio.eml";
    /** The oggetto of a message without a subject. */
    public static final String NO_SUBJECT = "(senza oggetto)";
    /** The correspondent of a message whose sender cannot be read. */
    public static final String UNKNOWN_SENDER = "(mittente sconosciuto)";

    private IncomingRequests() {}

    /**
     * A request pre-filled from the message, without evidence (no sender's reference).
     *
     * @param register the protocol register incoming mail is registered in
     * @param mailbox the box
     * @param m the parsed message; its documents are read from it when the request is registered, so keep it open
     * @return a request pre-filled from the message, without evidence (no sender's reference)
     * @throws IOException when the message's bytes cannot be read for the key
     */
    public static RegistrationRequest.Builder builder(RegisterId register, String mailbox, PecMessage m) throws IOException {
        return builder(register, mailbox, m, Optional.empty());
    }

    /**
     * A request pre-filled from the message and the admission's evidence (for the sender's reference).
     *
     * @param register where to register
     * @param mailbox the institutional box the message was taken from (part of the key)
     * @param m the parsed message; its documents are read from it when the request is registered, so keep it open
     * @param evidence what {@link PecAdmission#evidence} found, if it was asked
     * @return a request pre-filled from the message and the admission's evidence (for the sender's reference)
     * @throws IOException when the message's bytes cannot be read for the key
     */
    public static RegistrationRequest.Builder builder(RegisterId register, String mailbox, PecMessage m, Optional<Evidence> evidence)
            throws IOException {
        Objects.requireNonNull(evidence, "evidence");
        RegistrationRequest.Builder b = RegistrationRequest.incoming(register, channel(m))
                .correspondent(correspondent(m))
                .oggetto(oggetto(m))
                .idempotencyKey(intakeKey(mailbox, m))
                .document(new DocumentRequest(ENVELOPE_NAME, "message/rfc822", m.raw()::open, Optional.empty()));
        evidence.flatMap(IncomingRequests::senderReference).ifPresent(b::senderReference);
        receivedAt(m).ifPresent(b::receivedAt);
        for (Attachment a : m.attachments()) {
            b.document(new DocumentRequest(documentName(a), a.declaredType().isBlank() ? "application/octet-stream" : a.declaredType(),
                    a::openStream, Optional.of(Impronta.ofHex(a.sha256()))));
        }
        return b;
    }

    /**
     * The message's idempotency key: {@link PecAdmission#intakeKey} (on the signed daticert facts, else the
     * Message-ID); for a message with no identifier at all, a key over its exact bytes ({@code raw:} and a
     * SHA-256 over the mailbox and the bytes' SHA-256), so the same bytes always get the same key.
     *
     * <p>A receipt is keyed apart: every receipt of one sent message carries the same daticert identificativo
     * and msgid, so its key also holds its kind, the recipient it is about and its own Message-ID (an
     * accettazione and the consegna that follows are two messages, the same consegna fetched twice is one).
     *
     * @param mailbox the box
     * @param m the parsed message; its documents are read from it when the request is registered, so keep it open
     * @return the message's idempotency key: {@link PecAdmission#intakeKey} (on the signed daticert facts, else the
     *     Message-ID); for a message with no identifier at all, a key over its exact bytes ({@code raw:} and a
     *     SHA-256 over the mailbox and the bytes' SHA-256), so the same bytes always get the same key
     * @throws IOException when the bytes cannot be read
     */
    public static IdempotencyKey intakeKey(String mailbox, PecMessage m) throws IOException {
        Optional<IdempotencyKey> key = knownKey(mailbox, m);
        return key.isPresent() ? key.get() : rawKey(mailbox, m.raw().sha256Hex());
    }

    /**
     * {@link #intakeKey} when the message has an identifier; empty when only its bytes can key it.
     *
     * @param mailbox the box
     * @param m the parsed message; its documents are read from it when the request is registered, so keep it open
     * @return the key, or empty when the message has no identifier
     */
    public static Optional<IdempotencyKey> knownKey(String mailbox, PecMessage m) {
        if (!m.kind().isReceipt()) return PecAdmission.intakeKey(mailbox, m);
        var c = m.correlation();
        Optional<String> about = c.identificativo().or(c::msgid).or(c::riferimentoMessageId);
        if (about.isEmpty() && c.messageId().isEmpty()) return Optional.empty();
        String what = m.kind().id() + "|" + about.orElse("") + "|" + c.consegna().orElse("");
        return Optional.of(IdempotencyKey.forMessage(mailbox, what, c.messageId().orElse("")));
    }

    /**
     * The key of a message without identifiers, from the SHA-256 (hex) of its bytes.
     *
     * @param mailbox the box
     * @param sha256Hex the SHA-256 of the message's bytes, in hexadecimal
     * @return the key of a message without identifiers, from the SHA-256 (hex) of its bytes
     */
    public static IdempotencyKey rawKey(String mailbox, String sha256Hex) {
        MessageDigest sha = Impronta.sha256Digest();
        String joined = mailbox.trim().toLowerCase(Locale.ROOT) + '\n' + sha256Hex.toLowerCase(Locale.ROOT);
        return IdempotencyKey.of("raw:" + HexFormat.of().formatHex(sha.digest(joined.getBytes(StandardCharsets.UTF_8))));
    }

    /**
     * {@link Channel#PEC} for PEC envelopes and receipts, {@link Channel#PEO} for ordinary mail and anomalie.
     *
     * @param m the parsed message; its documents are read from it when the request is registered, so keep it open
     * @return the registry channel of the message
     */
    public static Channel channel(PecMessage m) {
        return m.kind() == PecKind.NON_PEC || m.kind() == PecKind.ANOMALIA ? Channel.PEO : Channel.PEC;
    }

    /**
     * The sender as registered: daticert mittente; else From (with its display name); else {@value #UNKNOWN_SENDER}.
     *
     * @param m the parsed message; its documents are read from it when the request is registered, so keep it open
     * @return the sender as registered: daticert mittente; else From (with its display name); else {@value
     *     #UNKNOWN_SENDER}
     */
    public static Correspondent correspondent(PecMessage m) {
        Optional<String> certified = m.daticert().map(Daticert::mittente).map(String::trim).filter(s -> !s.isEmpty());
        if (certified.isPresent()) {
            String address = bareAddress(certified.get());
            return Correspondent.of(address, address);
        }
        Optional<String> header = m.original().flatMap(o -> o.headers().first("From")).or(() -> m.headers().first("From"));
        Optional<Correspondent> parsed = header.flatMap(IncomingRequests::fromHeader);
        if (parsed.isPresent()) return parsed.get();
        Optional<String> from = m.original().flatMap(OriginalMessage::from).or(m::sender).map(String::trim).filter(s -> !s.isEmpty());
        if (from.isEmpty()) return Correspondent.named(UNKNOWN_SENDER);
        String address = bareAddress(from.get());
        return address.isEmpty() ? Correspondent.named(UNKNOWN_SENDER) : Correspondent.of(address, address);
    }

    /** The first address of a From header, with its (decoded) display name. */
    private static Optional<Correspondent> fromHeader(String value) {
        try {
            InternetAddress[] all = InternetAddress.parseHeader(value, false);
            if (all.length == 0 || all[0].getAddress() == null || !all[0].getAddress().contains("@")) return Optional.empty();
            String address = all[0].getAddress().trim();
            String name = Optional.ofNullable(all[0].getPersonal()).map(String::strip)
                    .filter(n -> !n.isEmpty() && n.chars().noneMatch(Character::isISOControl)).orElse(address);
            return Optional.of(Correspondent.of(name, address));
        } catch (AddressException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The sender's address, lower case: daticert mittente, else the From address; empty when neither is readable.
     *
     * @param m the parsed message; its documents are read from it when the request is registered, so keep it open
     * @return the sender's address, lower case: daticert mittente, else the From address; empty when neither is
     *     readable
     */
    public static Optional<String> senderAddress(PecMessage m) {
        return correspondent(m).address().map(a -> a.toLowerCase(Locale.ROOT));
    }

    /**
     * The original subject, {@value #NO_SUBJECT} when blank; at most 4,000 characters.
     *
     * @param m the parsed message; its documents are read from it when the request is registered, so keep it open
     * @return the original subject, {@value #NO_SUBJECT} when blank; at most 4,000 characters
     */
    public static String oggetto(PecMessage m) {
        String s = m.originalSubject().or(m::subject).map(String::strip).filter(x -> !x.isEmpty()).orElse(NO_SUBJECT);
        return s.length() > 4000 ? s.substring(0, 4000) : s;
    }

    /**
     * The time of receipt: the daticert time, else the Date header.
     *
     * @param m the parsed message; its documents are read from it when the request is registered, so keep it open
     * @return the time of receipt: the daticert time, else the Date header
     */
    public static Optional<java.time.Instant> receivedAt(PecMessage m) {
        return m.daticert().flatMap(d -> d.data().instant()).map(t -> t.toInstant())
                .or(() -> m.original().flatMap(OriginalMessage::date).map(t -> t.toInstant()));
    }

    /**
     * The sender's protocol reference a segnatura gives ({@code c_h501/AOO1/PG/0000042 del 2025-03-14}), when the
     * evidence has a segnatura whose signature verified.
     *
     * @param e the evidence of the message
     * @return the sender's protocol reference a segnatura gives ({@code c_h501/AOO1/PG/0000042 del 2025-03-14}), when
     *     the evidence has a segnatura whose signature verified
     */
    public static Optional<SenderReference> senderReference(Evidence e) {
        return e.segnatura().filter(Evidence.SegnaturaFact::signatureValid).flatMap(Evidence.SegnaturaFact::senderIdentificatore)
                .flatMap(IncomingRequests::parseReference);
    }

    static Optional<SenderReference> parseReference(String reference) {
        int at = reference.lastIndexOf(" del ");
        if (at <= 0) return Optional.empty();
        try {
            return Optional.of(new SenderReference(reference.substring(0, at).strip(), LocalDate.parse(reference.substring(at + 5).strip())));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The name as sent, unless it is blank or holds control characters (a NUL): then the parser's safe name.
     *
     * @param a an attachment of the message
     * @return the name as sent, unless it is blank or holds control characters (a NUL): then the parser's safe name
     */
    public static String documentName(Attachment a) {
        boolean odd = a.name().isBlank() || a.name().chars().anyMatch(Character::isISOControl);
        return odd ? a.safeName() : a.name();
    }

    /**
     * The addresses a message was sent to: daticert destinatari, else To and Cc; lower case.
     *
     * @param m the parsed message; its documents are read from it when the request is registered, so keep it open
     * @return the addresses a message was sent to: daticert destinatari, else To and Cc; lower case
     */
    public static List<String> recipients(PecMessage m) {
        List<String> daticert = m.daticert().map(d -> d.destinatari().stream().map(x -> x.indirizzo()).toList()).orElse(List.of());
        List<String> all = !daticert.isEmpty() ? daticert
                : m.original().map(o -> java.util.stream.Stream.concat(o.to().stream(), o.cc().stream()).toList()).orElse(List.of());
        return all.stream().map(IncomingRequests::bareAddress).map(s -> s.toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty()).distinct().toList();
    }

    static String bareAddress(String address) {
        String s = address.trim();
        int lt = s.lastIndexOf('<');
        int gt = s.lastIndexOf('>');
        if (lt >= 0 && gt > lt) s = s.substring(lt + 1, gt);
        return s.trim();
    }
}
