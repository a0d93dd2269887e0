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
        /** The message was handed to the provider. */
        SENT,
        /** The provider accepted the message (ricevuta di accettazione). */
        ACCETTAZIONE,
        /** The provider refused the message (avviso di non accettazione). */
        NON_ACCETTAZIONE,
        /** The recipient's provider took the message in charge (ricevuta di presa in carico). */
        PRESA_IN_CARICO,
        /** The message was delivered (ricevuta di avvenuta consegna). */
        CONSEGNA,
        /** The message was not delivered (avviso di mancata consegna). */
        ERRORE_CONSEGNA,
        /** Delivery has not happened within 12 hours (preavviso di mancata consegna). */
        PREAVVISO_ERRORE_CONSEGNA,
        /** A virus was found (avviso di rilevazione virus informatico). */
        RILEVAZIONE_VIRUS,
        /** The recipient AOO confirmed receipt (conferma di ricezione). */
        CONFERMA_RICEZIONE,
        /** The recipient AOO reported an anomaly (notifica di eccezione). */
        NOTIFICA_ECCEZIONE,
        /** The recipient AOO updated its confirmation (aggiornamento di conferma). */
        AGGIORNAMENTO_CONFERMA,
        /** The recipient AOO annulled its registration (annullamento di protocollazione). */
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

    /**
     * Creates the record: refuses null components.
     *
     * @param type what happened
     * @param recipient the recipient it concerns; empty for events about the whole message (sent, accettazione,
     *     non-accettazione)
     * @param occurredAt when it happened, as the issuer stated it (e.g. daticert data/ora)
     * @param identificativo the provider's identifier of the receipt (daticert {@code identificativo}), which also
     *     makes recording idempotent
     * @param msgid the sent message's identifier as the receipt quotes it (daticert {@code msgid})
     * @param errore daticert {@code errore}, e.g. {@code no-dest}
     * @param erroreEsteso daticert {@code errore-esteso}, e.g. {@code 5.1.1 - utente sconosciuto}
     * @param recipientProtocol the recipient's protocol reference, from a conferma ricezione
     * @param note free text (e.g. the anomaly of a notifica eccezione)
     */
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

    /**
     * An event with only its type, recipient and time; add the rest with the {@code with} methods.
     *
     * @param type what happened
     * @param recipient the recipient it concerns; empty for events about the whole message (sent, accettazione,
     *     non-accettazione)
     * @param occurredAt when it happened, as the issuer stated it (e.g. daticert data/ora)
     * @return an event with only its type, recipient and time; add the rest with the {@code with} methods
     */
    public static TransmissionEvent of(Type type, Optional<String> recipient, Instant occurredAt) {
        return new TransmissionEvent(type, recipient, occurredAt, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * The same event with the provider's identificativo.
     *
     * @param value the identificativo from daticert
     * @return a copy with it
     */
    public TransmissionEvent withIdentificativo(String value) {
        return new TransmissionEvent(type, recipient, occurredAt, Optional.of(value), msgid, errore, erroreEsteso, recipientProtocol, note);
    }

    /**
     * The same event with the daticert msgid.
     *
     * @param value the msgid
     * @return a copy with it
     */
    public TransmissionEvent withMsgid(String value) {
        return new TransmissionEvent(type, recipient, occurredAt, identificativo, Optional.of(value), errore, erroreEsteso, recipientProtocol, note);
    }

    /**
     * The same event with the provider's error.
     *
     * @param errore the daticert {@code errore} value
     * @param erroreEsteso the daticert {@code errore-esteso} text
     * @return a copy with them
     */
    public TransmissionEvent withErrore(String errore, String erroreEsteso) {
        return new TransmissionEvent(type, recipient, occurredAt, identificativo, msgid, Optional.of(errore),
                Optional.ofNullable(erroreEsteso), recipientProtocol, note);
    }

    /**
     * The same event with the recipient AOO's protocol reference.
     *
     * @param value the recipient's protocol reference
     * @return a copy with it
     */
    public TransmissionEvent withRecipientProtocol(String value) {
        return new TransmissionEvent(type, recipient, occurredAt, identificativo, msgid, errore, erroreEsteso, Optional.of(value), note);
    }

    /**
     * The same event with a note for the operator.
     *
     * @param value the note
     * @return a copy with it
     */
    public TransmissionEvent withNote(String value) {
        return new TransmissionEvent(type, recipient, occurredAt, identificativo, msgid, errore, erroreEsteso, recipientProtocol, Optional.of(value));
    }

    /** The same event with its identity fields only: recording it twice records it once. */
    boolean sameIdentity(TransmissionEvent other) {
        return identificativo.isPresent() && type == other.type && recipient.equals(other.recipient)
                && identificativo.equals(other.identificativo);
    }

    /**
     * A Message-ID without surrounding blanks and angle brackets, for comparing identifiers as receipts quote them.
     *
     * @param messageId the message's Message-ID header, if any (for people, never for identity)
     * @return a Message-ID without surrounding blanks and angle brackets, for comparing identifiers as receipts quote
     *     them
     */
    public static String bareMessageId(String messageId) {
        String s = Checks.text(messageId, "messageId").trim();
        if (s.startsWith("<") && s.endsWith(">")) s = s.substring(1, s.length() - 1).trim();
        return s;
    }
}
