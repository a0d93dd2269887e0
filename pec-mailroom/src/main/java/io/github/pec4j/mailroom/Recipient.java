package io.github.pec4j.mailroom;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A recipient of an outgoing letter, as the operator chose it: a PEC address, an administration by its
 * codice IPA, a person or firm by codice fiscale (both resolved through the directories to a digital
 * domicile before anything is registered), or an ordinary e-mail address (allowed only when the
 * {@link OutboundPolicy} allows it, with the warning that delivery will not be provable).
 *
 * @param kind how the recipient was given
 * @param value the address, the codice IPA or the codice fiscale, as given (trimmed)
 * @param name the name to register, when the operator gave one (else the directory's, else the address)
 * @param perConoscenza a recipient in copy ("per conoscenza")
 */
public record Recipient(Kind kind, String value, Optional<String> name, boolean perConoscenza) {

    /** How a recipient was given. */
    public enum Kind {
        /** A PEC address, taken as the recipient's digital domicile (checked against the directories when configured). */
        PEC,
        /** A public administration by its codice IPA: its PEC in IPA. */
        IPA,
        /** A codice fiscale: its digital domicile in INAD, INI-PEC or IPA. */
        CODICE_FISCALE,
        /** An ordinary e-mail address: delivery cannot be proved. */
        EMAIL
    }

    /**
     * Checks the value.
     *
     * @param kind how the recipient was given
     * @param value the address, the codice IPA or the codice fiscale, as given (trimmed)
     * @param name the name to register, when the operator gave one (else the directory's, else the address)
     * @param perConoscenza a recipient in copy ("per conoscenza")
     */
    public Recipient {
        Objects.requireNonNull(kind, "kind");
        value = Objects.requireNonNull(value, "value").trim();
        if (value.isEmpty()) throw new IllegalArgumentException("a recipient needs an address or a code");
        Objects.requireNonNull(name, "name");
        if (name.isPresent() && name.get().isBlank()) throw new IllegalArgumentException("a blank recipient name");
    }

    /**
     * A PEC address (the recipient's digital domicile).
     *
     * @param address the address the letter is sent to
     * @return a PEC address (the recipient's digital domicile)
     */
    public static Recipient pec(String address) {
        return new Recipient(Kind.PEC, address, Optional.empty(), false);
    }

    /**
     * A public administration by its codice IPA, e.g. {@code r_esempio}.
     *
     * @param code the administration's codice IPA, such as {@code r_esempio}
     * @return the recipient
     */
    public static Recipient ipa(String code) {
        return new Recipient(Kind.IPA, code, Optional.empty(), false);
    }

    /**
     * A person or a firm by codice fiscale (or partita IVA).
     *
     * @param cf the codice fiscale or partita IVA
     * @return a person or a firm by codice fiscale (or partita IVA)
     */
    public static Recipient codiceFiscale(String cf) {
        return new Recipient(Kind.CODICE_FISCALE, cf.trim().toUpperCase(Locale.ROOT), Optional.empty(), false);
    }

    /**
     * An ordinary e-mail address.
     *
     * @param address the address the letter is sent to
     * @return an ordinary e-mail address
     */
    public static Recipient email(String address) {
        return new Recipient(Kind.EMAIL, address, Optional.empty(), false);
    }

    /**
     * Parses the command line's form: {@code ipa:CODE}, {@code cf:CODICE}, {@code email:ADDRESS}, or a
     * bare address (a PEC).
     *
     * @param text the recipient as written on the command line
     * @return the recipient
     * @throws IllegalArgumentException for an empty value
     */
    public static Recipient parse(String text) {
        String t = Objects.requireNonNull(text, "text").trim();
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.startsWith("ipa:")) return ipa(t.substring(4));
        if (lower.startsWith("cf:")) return codiceFiscale(t.substring(3));
        if (lower.startsWith("email:")) return email(t.substring(6));
        if (lower.startsWith("pec:")) return pec(t.substring(4));
        return pec(t);
    }

    /**
     * The same recipient with the name to register.
     *
     * @param value the name to register
     * @return the same recipient with the name to register
     */
    public Recipient named(String value) {
        return new Recipient(kind, this.value, Optional.of(value), perConoscenza);
    }

    /**
     * The same recipient in copy.
     *
     * @return the same recipient in copy
     */
    public Recipient inCopy() {
        return new Recipient(kind, value, name, true);
    }

    /** {@code ipa:CODE}, {@code cf:CODE}, {@code email:ADDRESS} or the PEC address. */
    @Override
    public String toString() {
        return switch (kind) {
            case PEC -> value;
            case IPA -> "ipa:" + value;
            case CODICE_FISCALE -> "cf:" + value;
            case EMAIL -> "email:" + value;
        };
    }
}
