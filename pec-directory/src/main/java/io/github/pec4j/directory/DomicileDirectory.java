package io.github.pec4j.directory;

import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A directory of digital domiciles: who owns a PEC address, which domiciles a codice fiscale has, as
 * of a date.
 *
 * <p>A directory that cannot answer a kind of question (see {@link #capabilities()}) returns
 * {@link Answer.Outcome#UNKNOWN} with {@link Answer#REASON_NOT_SUPPORTED} for it, never
 * {@code NOT_FOUND}. Failures (network, timeouts, malformed data) are {@code UNKNOWN} answers too; the
 * lookups do not throw for them. Implementations are safe for concurrent use.
 *
 * <p>The SPI grows only by {@code default} methods.
 */
public interface DomicileDirectory {
    /**
     * A stable id, the {@link Answer#source()} of this directory's answers (e.g. {@code ipa}, {@code inad}).
     *
     * @return the directory's id
     */
    String id();

    /**
     * The questions this directory can answer.
     *
     * @return the questions this directory can answer
     */
    Set<Lookup> capabilities();

    /**
     * The registers this directory speaks for: when it answers {@code NOT_FOUND} to
     * {@link #domicilesOf}, those registers have no domicile for the codice fiscale. Empty by default
     * (a directory that is no authority for any register).
     *
     * @return the registers this directory speaks for: when it answers {@code NOT_FOUND} to {@link #domicilesOf},
     *     those registers have no domicile for the codice fiscale
     */
    default Set<DomicileRegister> registers() {
        return Set.of();
    }

    /**
     * Who owns {@code address} (compared ignoring case) on {@code at}.
     *
     * @param address an e-mail address
     * @param at the day the question is about (for a message, the day it was received)
     * @return who owns {@code address} (compared ignoring case) on {@code at}
     */
    Answer<AddressOwner> ownerOf(String address, LocalDate at);

    /**
     * The domiciles of {@code taxCode} valid on {@code at}: {@code NOT_FOUND} when this directory is
     * sure there are none, never an empty {@code FOUND} list.
     *
     * @param taxCode a codice fiscale (16 characters for a person, 11 digits for a legal entity)
     * @param at the day the question is about
     * @return the domiciles of {@code taxCode} valid on {@code at}: {@code NOT_FOUND} when this directory is sure
     *     there are none, never an empty {@code FOUND} list
     */
    Answer<List<Domicile>> domicilesOf(String taxCode, LocalDate at);

    /**
     * Whether {@code address} is a domicile of {@code taxCode} on {@code at} (CAD art. 65 c.1 c-bis).
     * {@code FOUND(true)}: it is; {@code FOUND(false)}: it is not; {@code NOT_FOUND}: the directory
     * knows no domicile at all of the codice fiscale on that day (a directory that cannot tell the two
     * apart, such as INAD's verify operation, may answer {@code FOUND(false)} then); {@code UNKNOWN}:
     * cannot tell. A directory with {@link Lookup#VERIFY_AT_DATE} records the server's check time as
     * {@link Answer#asOf()}.
     *
     * <p>The default derives the answer from {@link #domicilesOf}; a partial answer that does not
     * contain the address is {@code UNKNOWN}, since a missing provider might have listed it.
     *
     * @param taxCode a codice fiscale (16 characters for a person, 11 digits for a legal entity)
     * @param address the PEC address to check, compared without regard to case
     * @param at the day the question is about (for a message, the day it was received)
     * @return {@code FOUND(true)} or {@code FOUND(false)} when the directory knows, else {@code UNKNOWN}
     */
    default Answer<Boolean> verify(String taxCode, String address, LocalDate at) {
        Objects.requireNonNull(address, "address");
        Answer<List<Domicile>> domiciles = domicilesOf(taxCode, at);
        if (!domiciles.isFound()) {
            return domiciles.map(list -> Boolean.FALSE);
        }
        boolean listed = domiciles.value().orElseThrow().stream()
                .anyMatch(d -> d.hasAddress(address) && d.validAt(at));
        if (!listed && domiciles.isPartial()) {
            return Answer.unknown(domiciles.source(), domiciles.asOf(), domiciles.reason().orElseThrow());
        }
        return domiciles.map(list -> listed);
    }

    /**
     * {@link #domicilesOf} for many codici fiscali. The default asks one by one; a directory with
     * {@link Lookup#BATCH} uses its asynchronous bulk operation.
     *
     * @param at the day the question is about (for a message, the day it was received)
     * @param taxCodes the codici fiscali to look up
     * @return one answer per distinct codice fiscale, in the order given
     */
    default Map<String, Answer<List<Domicile>>> domicilesOfAll(Collection<String> taxCodes, LocalDate at) {
        Map<String, Answer<List<Domicile>>> answers = new LinkedHashMap<>();
        for (String taxCode : taxCodes) {
            answers.computeIfAbsent(taxCode, cf -> domicilesOf(cf, at));
        }
        return answers;
    }
}
