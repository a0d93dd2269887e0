package io.github.pec4j.registry;

import java.util.Objects;
import java.util.Optional;

/**
 * A sender (incoming) or recipient (outgoing) of a registered document.
 *
 * @param name the name as registered (a person, a firm, an office)
 * @param address the e-mail or PEC address, if any
 * @param taxCode codice fiscale or partita IVA, if known
 * @param ipaCode codice IPA, when the correspondent is a public administration
 * @param perConoscenza a recipient in copy ("per conoscenza") rather than a primary one
 */
public record Correspondent(
        String name, Optional<String> address, Optional<String> taxCode, Optional<String> ipaCode, boolean perConoscenza) {
    /**
     * Creates the record: refuses null components.
     *
     * @param name the name as registered (a person, a firm, an office)
     * @param address the e-mail or PEC address, if any
     * @param taxCode codice fiscale or partita IVA, if known
     * @param ipaCode codice IPA, when the correspondent is a public administration
     * @param perConoscenza a recipient in copy ("per conoscenza") rather than a primary one
     */
    public Correspondent {
        Checks.text(name, "name");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(taxCode, "taxCode");
        Objects.requireNonNull(ipaCode, "ipaCode");
        address.ifPresent(a -> Checks.text(a, "address"));
        taxCode.ifPresent(t -> Checks.text(t, "taxCode"));
        ipaCode.ifPresent(c -> Checks.text(c, "ipaCode"));
    }

    /**
     * A correspondent known by name and address.
     *
     * @param name what is leased, e.g. {@code imap:protocollo@pec.comune.example.it}
     * @param address the e-mail or PEC address, if any
     * @return a correspondent known by name and address
     */
    public static Correspondent of(String name, String address) {
        return new Correspondent(name, Optional.of(address), Optional.empty(), Optional.empty(), false);
    }

    /**
     * A correspondent known by name only (e.g. paper mail without an address).
     *
     * @param name what is leased, e.g. {@code imap:protocollo@pec.comune.example.it}
     * @return the correspondent, with no codes
     */
    public static Correspondent named(String name) {
        return new Correspondent(name, Optional.empty(), Optional.empty(), Optional.empty(), false);
    }

    /**
     * The same correspondent with its codice fiscale.
     *
     * @param taxCode the codice fiscale or partita IVA
     * @return a copy with the tax code
     */
    public Correspondent withTaxCode(String taxCode) {
        return new Correspondent(name, address, Optional.of(taxCode), ipaCode, perConoscenza);
    }

    /**
     * The same correspondent with its IPA code.
     *
     * @param ipaCode the administration's code in IPA
     * @return a copy with the IPA code
     */
    public Correspondent withIpaCode(String ipaCode) {
        return new Correspondent(name, address, taxCode, Optional.of(ipaCode), perConoscenza);
    }

    /**
     * The same correspondent as a recipient in copy.
     *
     * @return the same correspondent as a recipient in copy
     */
    public Correspondent inCopy() {
        return new Correspondent(name, address, taxCode, ipaCode, true);
    }
}
