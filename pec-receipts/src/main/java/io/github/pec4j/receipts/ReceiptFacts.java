package io.github.pec4j.receipts;

import io.github.pec4j.core.Daticert;
import io.github.pec4j.core.PecKind;
import io.github.pec4j.core.PecMessage;
import io.github.pec4j.core.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the tracker needs from a receipt or notice: its kind, the keys that tie it to the sent
 * message, the recipient it is about, its time, and the error it reports.
 *
 * @param kind the receipt's kind (from {@code X-Ricevuta} and daticert {@code tipo}, never the Subject)
 * @param receiptId the receipt's own Message-ID, which makes handling it twice harmless
 * @param clientMessageId {@code X-Riferimento-Message-ID}
 * @param msgid daticert {@code msgid}, without angle brackets
 * @param identificativo daticert {@code identificativo} (the provider's id of the sent message)
 * @param recipient daticert {@code consegna}: the mailbox a delivery receipt or notice is about
 * @param time daticert {@code data}
 * @param errore daticert {@code errore} ({@code nessuno}, {@code no-dest}, {@code virus}…)
 * @param erroreEsteso daticert {@code errore-esteso}
 * @param destinatari the daticert recipients with their type ({@code certificato} or {@code esterno})
 * @param virus a virus was found
 * @param timeLimit the 24-hour notice ({@code … PER SUP. TEMPO MASSIMO}): a detail, not a kind
 */
public record ReceiptFacts(
        PecKind kind,
        Optional<String> receiptId,
        Optional<String> clientMessageId,
        Optional<String> msgid,
        Optional<String> identificativo,
        Optional<String> recipient,
        Instant time,
        Optional<String> errore,
        Optional<String> erroreEsteso,
        List<Destinatario> destinatari,
        boolean virus,
        boolean timeLimit) {

    /**
     * A recipient named in the daticert.
     *
     * @param address the mailbox, lower-cased
     * @param esterno a non-PEC mailbox: no delivery receipt will come for it
     */
    public record Destinatario(String address, boolean esterno) {
        /**
         * Creates the record, checking and normalising its components.
         *
         * @param address the mailbox, lower-cased
         * @param esterno a non-PEC mailbox: no delivery receipt will come for it
         */
        public Destinatario {
            address = Keys.address(address);
        }
    }

    private static final Pattern SMTP_CODE = Pattern.compile("\\b([245]\\.\\d{1,3}\\.\\d{1,3})\\b");

    /**
     * Creates the record: copies the lists and refuses null components.
     *
     * @param kind the receipt's kind (from {@code X-Ricevuta} and daticert {@code tipo}, never the Subject)
     * @param receiptId the receipt's own Message-ID, which makes handling it twice harmless
     * @param clientMessageId {@code X-Riferimento-Message-ID}
     * @param msgid daticert {@code msgid}, without angle brackets
     * @param identificativo daticert {@code identificativo} (the provider's id of the sent message)
     * @param recipient daticert {@code consegna}: the mailbox a delivery receipt or notice is about
     * @param time daticert {@code data}
     * @param errore daticert {@code errore} ({@code nessuno}, {@code no-dest}, {@code virus}…)
     * @param erroreEsteso daticert {@code errore-esteso}
     * @param destinatari the daticert recipients with their type ({@code certificato} or {@code esterno})
     * @param virus a virus was found
     * @param timeLimit the 24-hour notice ({@code … PER SUP. TEMPO MASSIMO}): a detail, not a kind
     */
    public ReceiptFacts {
        Objects.requireNonNull(kind, "kind");
        receiptId = receiptId.map(Keys::bare);
        clientMessageId = clientMessageId.map(Keys::bare);
        msgid = msgid.map(Keys::bare);
        identificativo = identificativo.map(Keys::bare);
        recipient = recipient.map(Keys::address);
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(errore, "errore");
        Objects.requireNonNull(erroreEsteso, "erroreEsteso");
        destinatari = List.copyOf(destinatari);
    }

    /**
     * The facts of a parsed receipt; {@code fallbackTime} when its daticert has no readable time.
     *
     * @param m the parsed message
     * @param fallbackTime its time when its daticert has no readable one
     * @return the facts of a parsed receipt; {@code fallbackTime} when its daticert has no readable time
     * @throws IllegalArgumentException when the message is not a receipt or notice
     */
    public static ReceiptFacts from(PecMessage m, Instant fallbackTime) {
        if (m.kind().family() != PecKind.Family.RECEIPT) {
            throw new IllegalArgumentException("not a receipt: " + m.kind().id());
        }
        Optional<Daticert> d = m.daticert();
        Instant time = d.flatMap(x -> x.data().instant()).map(t -> t.toInstant()).orElse(fallbackTime);
        List<Destinatario> destinatari = d.map(x -> x.destinatari().stream()
                .map(t -> new Destinatario(t.indirizzo(), t.tipo().known().filter(k -> k == Daticert.DestinatarioTipo.ESTERNO).isPresent()))
                .toList()).orElse(List.of());
        boolean timeLimit = m.subject().map(s -> s.toUpperCase(Locale.ROOT).contains("SUP. TEMPO MASSIMO")).orElse(false);
        return new ReceiptFacts(m.kind(), m.correlation().messageId(), m.correlation().riferimentoMessageId(),
                d.flatMap(Daticert::msgid), m.correlation().identificativo(), m.correlation().consegna(), time,
                d.map(x -> x.errore().raw()).filter(e -> !e.isBlank()),
                d.flatMap(Daticert::erroreEsteso).map(Daticert.ErroreEsteso::text), destinatari, m.virusRelated(), timeLimit);
    }

    /**
     * Why a parsed message must not be applied as a receipt: it is not a receipt or notice, or the
     * parser could not read it completely or correctly (any {@link Severity#ERROR} diagnostic: cut short,
     * a limit crossed, daticert missing, invalid or refused, signature part missing). Fail closed: what
     * was not read in full proves nothing about delivery.
     *
     * @param m the parsed message
     * @return the reason, or empty when its facts can be applied
     */
    public static Optional<String> unusable(PecMessage m) {
        if (m.kind().family() != PecKind.Family.RECEIPT) return Optional.of("not a receipt: " + m.kind().id());
        List<String> errors = m.diagnostics().stream().filter(x -> x.severity() == Severity.ERROR).map(x -> x.code().id()).distinct().toList();
        return errors.isEmpty() ? Optional.empty()
                : Optional.of("not applied: the " + m.kind().id() + " could not be read in full (" + String.join(", ", errors) + ")");
    }

    /**
     * The SMTP-like status code in {@code errore-esteso}, e.g. {@code 5.1.1}.
     *
     * @return the status code such as {@code 5.1.1}, or empty when there is none
     */
    public Optional<String> smtpCode() {
        return erroreEsteso.flatMap(ReceiptFacts::smtpCode);
    }

    /** The first SMTP-like status code in {@code text}, e.g. {@code 5.7.1}. */
    static Optional<String> smtpCode(String text) {
        Matcher x = SMTP_CODE.matcher(text);
        return x.find() ? Optional.of(x.group(1)) : Optional.empty();
    }
}
