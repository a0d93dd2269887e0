package io.github.pec4j.receipts;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One recipient of a sent message.
 *
 * @param address the mailbox
 * @param esterno a non-PEC mailbox (no delivery receipt expected); known once the accettazione arrives
 * @param cc a Cc recipient
 * @param state where it stands, deadlines applied
 * @param since since when (the receipt's time, or the deadline that passed)
 * @param next what an operator should do, in plain words
 * @param detail the error reported ({@code errore}, {@code errore-esteso}), if any
 * @param smtpCode the SMTP-like code in {@code errore-esteso}, e.g. {@code 5.1.1}
 * @param deliveryExpectedBy 12 hours after acceptance, for certified recipients
 * @param finalNoticeBy 24 hours after acceptance, for certified recipients
 * @param history every receipt or notice about this recipient, in arrival order, late ones included
 */
public record RecipientStatus(
        String address,
        boolean esterno,
        boolean cc,
        DeliveryState state,
        Instant since,
        String next,
        Optional<String> detail,
        Optional<String> smtpCode,
        Optional<Instant> deliveryExpectedBy,
        Optional<Instant> finalNoticeBy,
        List<String> history) {

    /**
     * Creates the record: copies the lists and refuses null components.
     *
     * @param address the mailbox
     * @param esterno a non-PEC mailbox (no delivery receipt expected); known once the accettazione arrives
     * @param cc a Cc recipient
     * @param state where it stands, deadlines applied
     * @param since since when (the receipt's time, or the deadline that passed)
     * @param next what an operator should do, in plain words
     * @param detail the error reported ({@code errore}, {@code errore-esteso}), if any
     * @param smtpCode the SMTP-like code in {@code errore-esteso}, e.g. {@code 5.1.1}
     * @param deliveryExpectedBy 12 hours after acceptance, for certified recipients
     * @param finalNoticeBy 24 hours after acceptance, for certified recipients
     * @param history every receipt or notice about this recipient, in arrival order, late ones included
     */
    public RecipientStatus {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(next, "next");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(smtpCode, "smtpCode");
        Objects.requireNonNull(deliveryExpectedBy, "deliveryExpectedBy");
        Objects.requireNonNull(finalNoticeBy, "finalNoticeBy");
        history = List.copyOf(history);
    }

    /**
     * {@code certificato} or {@code esterno}.
     *
     * @return the recipient type daticert gives
     */
    public String type() {
        return esterno ? "esterno" : "certificato";
    }
}
