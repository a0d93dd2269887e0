package io.github.pec4j.segnatura;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The identity of a registration ({@code IdentificatoreType}, DPR 445/2000 art. 55). The constructor checks only for
 * presence, so that received values breaking the patterns can still be read (with a warning); {@link #of} and the
 * writer enforce them (SEG-ID-01).
 *
 * @param codiceAmministrazione codice IPA of the administration
 * @param codiceAoo codice IPA of the AOO
 * @param codiceRegistro the register's code, {@code [A-Za-z0-9_.-]{1,16}} when conforming
 * @param numeroRegistrazione the protocol number, seven or more digits when conforming ({@code 0001234})
 * @param dataRegistrazione the registration date
 * @param oraRegistrazione the registration time, when stated
 */
public record Identificatore(String codiceAmministrazione, String codiceAoo, String codiceRegistro,
        String numeroRegistrazione, LocalDate dataRegistrazione, Optional<LocalTime> oraRegistrazione) {

    private static final Pattern REGISTRO = Pattern.compile("[A-Za-z0-9_.\\-]{1,16}");
    private static final Pattern NUMERO = Pattern.compile("[0-9]{7,}");

    /**
     * Checks for presence.
     *
     * @param codiceAmministrazione codice IPA of the administration
     * @param codiceAoo codice IPA of the AOO
     * @param codiceRegistro the register's code, {@code [A-Za-z0-9_.-]{1,16}} when conforming
     * @param numeroRegistrazione the protocol number, seven or more digits when conforming ({@code 0001234})
     * @param dataRegistrazione the registration date
     * @param oraRegistrazione the registration time, when stated
     */
    public Identificatore {
        Objects.requireNonNull(codiceAmministrazione, "codiceAmministrazione");
        Objects.requireNonNull(codiceAoo, "codiceAoo");
        Objects.requireNonNull(codiceRegistro, "codiceRegistro");
        Objects.requireNonNull(numeroRegistrazione, "numeroRegistrazione");
        Objects.requireNonNull(dataRegistrazione, "dataRegistrazione");
        Objects.requireNonNull(oraRegistrazione, "oraRegistrazione");
    }

    /**
     * A conforming identificatore: {@code numero} is zero-padded to seven digits.
     *
     * @param codiceAmministrazione codice IPA of the administration
     * @param codiceAoo codice IPA of the AOO
     * @param codiceRegistro the register's code, {@code [A-Za-z0-9_.-]{1,16}} when conforming
     * @param dataRegistrazione the registration date
     * @param numero the protocol number, from 1
     * @return a conforming identificatore: {@code numero} is zero-padded to seven digits
     * @throws IllegalArgumentException when a code is blank, the register code breaks {@code [A-Za-z0-9_.-]{1,16}}
     *     or the number is not positive
     */
    public static Identificatore of(String codiceAmministrazione, String codiceAoo, String codiceRegistro, long numero,
            LocalDate dataRegistrazione) {
        if (numero < 1) {
            throw new IllegalArgumentException("protocol numbers start at 1: " + numero);
        }
        String digits = Long.toString(numero);
        Identificatore id = new Identificatore(codiceAmministrazione, codiceAoo, codiceRegistro,
                "0".repeat(Math.max(0, 7 - digits.length())) + digits, dataRegistrazione, Optional.empty());
        List<String> problems = id.violations();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return id;
    }

    /**
     * This identificatore with a registration time.
     *
     * @param ora the time of registration
     * @return this identificatore with a registration time
     */
    public Identificatore withOra(LocalTime ora) {
        return new Identificatore(codiceAmministrazione, codiceAoo, codiceRegistro, numeroRegistrazione, dataRegistrazione,
                Optional.of(ora));
    }

    /**
     * The number without leading zeros, when it is all digits.
     *
     * @return the number without leading zeros, when it is all digits
     */
    public Optional<Long> numero() {
        return NUMERO.matcher(numeroRegistrazione).matches() && numeroRegistrazione.length() <= 18
                ? Optional.of(Long.parseLong(numeroRegistrazione)) : Optional.empty();
    }

    /**
     * What breaks {@code IdentificatoreType}: blank IPA codes, the register-code and number patterns; empty when conforming.
     *
     * @return what breaks {@code IdentificatoreType}: blank IPA codes, the register-code and number patterns; empty
     *     when conforming
     */
    public List<String> violations() {
        List<String> out = new ArrayList<>();
        if (codiceAmministrazione.isBlank()) {
            out.add("CodiceAmministrazione is blank");
        }
        if (codiceAoo.isBlank()) {
            out.add("CodiceAOO is blank");
        }
        if (!REGISTRO.matcher(codiceRegistro).matches()) {
            out.add("CodiceRegistro '" + codiceRegistro + "' does not match [A-Za-z0-9_.-]{1,16}");
        }
        if (!NUMERO.matcher(numeroRegistrazione).matches()) {
            out.add("NumeroRegistrazione '" + numeroRegistrazione + "' is not seven or more digits");
        }
        return out;
    }

    /** {@code amministrazione/aoo/registro/numero/data}. */
    @Override
    public String toString() {
        return codiceAmministrazione + "/" + codiceAoo + "/" + codiceRegistro + "/" + numeroRegistrazione + "/" + dataRegistrazione;
    }

    /**
     * A one-line reference for reports and registers, e.g. {@code c_h501/AOO1/PG/0000042 del 2025-03-14}.
     *
     * @return the reference, with codes, number and date
     */
    public String reference() {
        return codiceAmministrazione + "/" + codiceAoo + "/" + codiceRegistro + "/" + numeroRegistrazione + " del " + dataRegistrazione;
    }
}
