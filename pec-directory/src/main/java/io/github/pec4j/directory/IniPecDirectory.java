package io.github.pec4j.directory;

import io.github.pec4j.directory.internal.Lookups;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The base of an INI-PEC adapter (CAD art. 6-bis: firms and professionals). INI-PEC has no open data
 * and no public API; integrators with access (PDND, or an InfoCamere agreement) implement the two
 * lookups against it and get the SPI's contract for free: any {@link IOException} or runtime failure
 * becomes an {@code UNKNOWN} answer (never {@code NOT_FOUND}, DIR-CHAIN-01), domiciles are filtered by
 * date, and answers are dated with the clock.
 *
 * <pre>{@code
 * class MyIniPec extends IniPecDirectory {
 *     MyIniPec(Clock clock) { super(clock); }
 *     protected Optional<AddressOwner> findOwner(String address) throws IOException { ... }
 *     protected List<Domicile> findDomiciles(String taxCode) throws IOException { ... }
 * }
 * }</pre>
 */
public abstract class IniPecDirectory implements DomicileDirectory {
    /** The default id of an INI-PEC adapter. */
    public static final String ID = "inipec";

    private final Clock clock;

    /**
     * An adapter whose answers are dated by {@code clock}.
     *
     * @param clock the clock that dates the answers
     */
    protected IniPecDirectory(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The owner of {@code address} (lower case) in INI-PEC, or empty if INI-PEC does not list it.
     *
     * @param address the PEC address to look up
     * @return the owner of {@code address} (lower case) in INI-PEC, or empty if INI-PEC does not list it
     * @throws IOException if INI-PEC cannot be asked; the answer is then {@code UNKNOWN}
     */
    protected abstract Optional<AddressOwner> findOwner(String address) throws IOException;

    /**
     * The domiciles INI-PEC lists for {@code taxCode} (upper case), current and past, with their dates
     * when known; empty if none. Use {@link #ID} (or {@link #id()}) as their source.
     *
     * @param taxCode a codice fiscale (16 characters for a person, 11 digits for a legal entity)
     * @return the domiciles INI-PEC lists for {@code taxCode} (upper case), current and past, with their dates when
     *     known; empty if none
     * @throws IOException if INI-PEC cannot be asked; the answer is then {@code UNKNOWN}
     */
    protected abstract List<Domicile> findDomiciles(String taxCode) throws IOException;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Set<Lookup> capabilities() {
        return EnumSet.of(Lookup.OWNER_BY_ADDRESS, Lookup.DOMICILES_BY_TAX_CODE);
    }

    @Override
    public Set<DomicileRegister> registers() {
        return EnumSet.of(DomicileRegister.INI_PEC);
    }

    @Override
    public final Answer<AddressOwner> ownerOf(String address, LocalDate at) {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(at, "at");
        try {
            Optional<AddressOwner> owner = findOwner(Lookups.normalize(address));
            return owner.map(o -> Answer.found(id(), clock.instant(), o)).orElseGet(() -> Answer.notFound(id(), clock.instant()));
        } catch (IOException e) {
            return Answer.unknown(id(), clock.instant(), Answer.REASON_UNAVAILABLE + ": " + Lookups.describe(e));
        } catch (RuntimeException e) {
            return Answer.unknown(id(), clock.instant(), Answer.REASON_FAILED + ": " + Lookups.describe(e));
        }
    }

    @Override
    public final Answer<List<Domicile>> domicilesOf(String taxCode, LocalDate at) {
        Objects.requireNonNull(taxCode, "taxCode");
        Objects.requireNonNull(at, "at");
        try {
            return Lookups.validOn(findDomiciles(Lookups.normalizeTaxCode(taxCode)), at, id(), clock.instant());
        } catch (IOException e) {
            return Answer.unknown(id(), clock.instant(), Answer.REASON_UNAVAILABLE + ": " + Lookups.describe(e));
        } catch (RuntimeException e) {
            return Answer.unknown(id(), clock.instant(), Answer.REASON_FAILED + ": " + Lookups.describe(e));
        }
    }
}
