package io.github.pec4j.registry;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Something that happened to a registered document on its way to a recipient: a PEC receipt, an
 * AgID interoperability message, or the send itself.
 *
 * @param type what happened
 * @param recipient the recipient it concerns; empty for events about the whole message (sent,
 *     accettazione, non-accettazione)
 * @param occurredAt when it happened, as the issuer stated it (e.g. daticert data/ora)
 * @param identificativo the provider's identifier of the receipt (daticert {@code identificativo}),
 *     which also makes recording idempotent
 * @param msgid the sent message's identifier as the receipt quotes it (daticert {@code msgid})
 * @param errore daticert {@code errore}, e.g. {@code no-dest}
 * @param erroreEsteso daticert {@code errore-esteso}, e.g. {@code 5.1.1 - utente sconosciuto}
 * @param recipientProtocol the recipient's protocol reference, from a conferma ricezione
 * @param note free text (e.g. the anomaly of a notifica eccezione)
 */
public record TransmissionEvent(
        Type type,
        Optional<String> recipient,
        Instant occurredAt,
        Optional<String> identificativo,
        Optional<String> msgid,
        Optional<String> errore,
        Optional<String> erroreEsteso,
        Optional<String> recipientProtocol,
        Optional<String> note) {

    /** The events of PEC (DPR 68/2005, DM 2/11/2005) and of AgID interoperability (LG 2021 All. 6). */
    public enum Type {
        SENT,
        ACCETTAZIONE,
        NON_ACCETTAZIONE,
        PRESA_IN_CARICO,
        CONSEGNA,
        ERRORE_CONSEGNA,
        PREAVVISO_ERRORE_CONSEGNA,
        RILEVAZIONE_VIRUS,
        CONFERMA_RICEZIONE,
        NOTIFICA_ECCEZIONE,
        AGGIORNAMENTO_CONFERMA,
        ANNULLAMENTO,
        /**
         * A deadline of DPR 68/2005 art. 12 passed for a recipient without a delivery receipt (12 hours after
         * acceptance: overdue; 24 hours: timed out), as reported once by an overdue watch; its {@code identificativo}
         * names the deadline, so recording it twice records it once. Not a receipt: it changes no delivery state.
         */
        DEADLINE_PASSED,
        /**
         * The provider's SMTP server refused the submission for good (OUT-REFUSE-01), e.g. {@code 553 5.7.1
         * Sender address rejected: not owned by user}; its words are in {@link TransmissionEvent#note()}.
         */
        SUBMISSION_REFUSED
    }

    public TransmissionEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(identificativo, "identificativo");
        Objects.requireNonNull(msgid, "msgid");
        Objects.requireNonNull(errore, "errore");
        Objects.requireNonNull(erroreEsteso, "erroreEsteso");
        Objects.requireNonNull(recipientProtocol, "recipientProtocol");
        Objects.requireNonNull(note, "note");
        recipient.ifPresent(r -> Checks.text(r, "recipient"));
        identificativo.ifPresent(i -> Checks.text(i, "identificativo"));
    }

    /** An event with only its type, recipient and time; add the rest with the {@code with} methods. */
    public static TransmissionEvent of(Type type, Optional<String> recipient, Instant occurredAt) {
        return new TransmissionEvent(type, recipient, occurredAt, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    public TransmissionEvent withIdentificativo(String value) {
        return new TransmissionEvent(type, recipient, occurredAt, Optional.of(value), msgid, errore, erroreEsteso, recipientProtocol, note);
    }

    public TransmissionEvent withMsgid(String value) {
        return new TransmissionEvent(type, recipient, occurredAt, identificativo, Optional.of(value), errore, erroreEsteso, recipientProtocol, note);
    }

    public TransmissionEvent withErrore(String errore, String erroreEsteso) {
        return new TransmissionEvent(type, recipient, occurredAt, identificativo, msgid, Optional.of(errore),
                Optional.ofNullable(erroreEsteso), recipientProtocol, note);
    }

    public TransmissionEvent withRecipientProtocol(String value) {
        return new TransmissionEvent(type, recipient, occurredAt, identificativo, msgid, errore, erroreEsteso, Optional.of(value), note);
    }

    public TransmissionEvent withNote(String value) {
        return new TransmissionEvent(type, recipient, occurredAt, identificativo, msgid, errore, erroreEsteso, recipientProtocol, Optional.of(value));
    }

    /** The same event with its identity fields only: recording it twice records it once. */
    boolean sameIdentity(TransmissionEvent other) {
        return identificativo.isPresent() && type == other.type && recipient.equals(other.recipient)
                && identificativo.equals(other.identificativo);
    }

    /** A Message-ID without surrounding blanks and angle brackets, for comparing identifiers as receipts quote them. */
    public static String bareMessageId(String messageId) {
        String s = Checks.text(messageId, "messageId").trim();
        if (s.startsWith("<") && s.endsWith(">")) s = s.substring(1, s.length() - 1).trim();
        return s;
    }
}
