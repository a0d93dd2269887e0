package io.github.pec4j.mailroom;

import java.util.Objects;
import java.util.Optional;

/**
 * A recipient as the pre-flight resolved it: the address the letter goes to and what is known of its owner.
 *
 * @param given the recipient as the operator gave it
 * @param address the address the letter is sent to
 * @param name the name registered as the correspondent
 * @param domicile whether the address is a digital domicile (a PEC), so that delivery is provable by receipts
 * @param ipaCode the administration's codice IPA, when the recipient is a public administration (it gets a segnatura)
 * @param codiceAoo the AOO's codice, when IPA publishes the address for an AOO
 * @param taxCode the codice fiscale, when known
 */
public record Addressee(Recipient given, String address, String name, boolean domicile, Optional<String> ipaCode,
        Optional<String> codiceAoo, Optional<String> taxCode) {

    /**
     * Checks the values.
     *
     * @param given the recipient as the operator gave it
     * @param address the address the letter is sent to
     * @param name the name registered as the correspondent
     * @param domicile whether the address is a digital domicile (a PEC), so that delivery is provable by receipts
     * @param ipaCode the administration's codice IPA, when the recipient is a public administration (it gets a
     *     segnatura)
     * @param codiceAoo the AOO's codice, when IPA publishes the address for an AOO
     * @param taxCode the codice fiscale, when known
     */
    public Addressee {
        Objects.requireNonNull(given, "given");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(ipaCode, "ipaCode");
        Objects.requireNonNull(codiceAoo, "codiceAoo");
        Objects.requireNonNull(taxCode, "taxCode");
    }

    /**
     * Whether the recipient is a public administration (interoperability: a segnatura goes with the letter).
     *
     * @return whether the recipient is a public administration (interoperability: a segnatura goes with the letter)
     */
    public boolean administration() {
        return ipaCode.isPresent();
    }
}
