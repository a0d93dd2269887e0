package io.github.pec4j.directory;

import io.github.pec4j.directory.internal.Lookups;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A fixed, in-memory table of owners and domiciles with validity dates: a test double for INI-PEC,
 * INAD or IPA, and a small directory for an integrator's own list (e.g. elected special domiciles).
 * {@link #unavailable} builds one that answers {@code UNKNOWN} to everything, to stand for a directory
 * that is down.
 *
 * <pre>{@code
 * StaticDirectory inipec = StaticDirectory.builder("inipec")
 *         .registers(DomicileRegister.INI_PEC)
 *         .owner(new AddressOwner.FirmOrProfessional("studio@pec.it", "RSSMRA80A01H501U", "Mario Rossi"))
 *         .domicile("RSSMRA80A01H501U", "studio@pec.it", Optional.of(LocalDate.of(2021, 1, 1)), Optional.empty())
 *         .build();
 * }</pre>
 */
public final class StaticDirectory implements DomicileDirectory {
    private final String id;
    private final Set<Lookup> capabilities;
    private final Set<DomicileRegister> registers;
    private final Clock clock;
    private final Optional<String> unavailable;
    private final Map<String, List<OwnerEntry>> owners;
    private final Map<String, List<Domicile>> domiciles;

    private record OwnerEntry(AddressOwner owner, Optional<LocalDate> since, Optional<LocalDate> until) {
        boolean validAt(LocalDate day) {
            return since.map(s -> !day.isBefore(s)).orElse(true) && until.map(u -> !u.isBefore(day)).orElse(true);
        }
    }

    private StaticDirectory(Builder b) {
        this.id = b.id;
        this.capabilities = Set.copyOf(b.capabilities);
        this.registers = Set.copyOf(b.registers);
        this.clock = b.clock;
        this.unavailable = b.unavailable;
        Map<String, List<OwnerEntry>> o = new HashMap<>();
        b.owners.forEach((k, v) -> o.put(k, List.copyOf(v)));
        this.owners = Map.copyOf(o);
        Map<String, List<Domicile>> d = new HashMap<>();
        b.domiciles.forEach((k, v) -> d.put(k, List.copyOf(v)));
        this.domiciles = Map.copyOf(d);
    }

    /**
     * Starts a table with this id.
     *
     * @param id the directory's id, the source of its answers
     * @return an empty builder
     */
    public static Builder builder(String id) {
        return new Builder(id);
    }

    /**
     * A directory that answers {@code UNKNOWN} with {@code reason} to every question, e.g. an INAD
     * adapter whose service is down: {@code unavailable("inad", Answer.REASON_UNAVAILABLE, DomicileRegister.INAD)}.
     *
     * @param reason why the answer is unknown (required then) or partial
     * @param id the directory's id, the source of its answers
     * @param registers the registers it stands for
     * @return a directory that never knows
     */
    public static StaticDirectory unavailable(String id, String reason, DomicileRegister... registers) {
        Builder b = builder(id).registers(registers);
        b.unavailable = Optional.of(Checks.text(reason, "reason"));
        return b.build();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Set<Lookup> capabilities() {
        return capabilities;
    }

    @Override
    public Set<DomicileRegister> registers() {
        return registers;
    }

    @Override
    public Answer<AddressOwner> ownerOf(String address, LocalDate at) {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(at, "at");
        Optional<Answer<AddressOwner>> refusal = refusal(Lookup.OWNER_BY_ADDRESS);
        if (refusal.isPresent()) {
            return refusal.get();
        }
        return owners.getOrDefault(Lookups.normalize(address), List.of()).stream()
                .filter(e -> e.validAt(at))
                .findFirst()
                .map(e -> Answer.found(id, clock.instant(), e.owner()))
                .orElseGet(() -> Answer.notFound(id, clock.instant()));
    }

    @Override
    public Answer<List<Domicile>> domicilesOf(String taxCode, LocalDate at) {
        Objects.requireNonNull(taxCode, "taxCode");
        Objects.requireNonNull(at, "at");
        Optional<Answer<List<Domicile>>> refusal = refusal(Lookup.DOMICILES_BY_TAX_CODE);
        if (refusal.isPresent()) {
            return refusal.get();
        }
        return Lookups.validOn(domiciles.getOrDefault(Lookups.normalizeTaxCode(taxCode), List.of()), at, id, clock.instant());
    }

    private <T> Optional<Answer<T>> refusal(Lookup lookup) {
        if (unavailable.isPresent()) {
            return Optional.of(Answer.unknown(id, clock.instant(), unavailable.get()));
        }
        if (!capabilities.contains(lookup)) {
            return Optional.of(Answer.notSupported(id, clock.instant()));
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "StaticDirectory[" + id + ", " + owners.size() + " addresses, " + domiciles.size() + " tax codes]";
    }

    /** Collects the table; not thread-safe. */
    public static final class Builder {
        private final String id;
        private Set<Lookup> capabilities = EnumSet.of(Lookup.OWNER_BY_ADDRESS, Lookup.DOMICILES_BY_TAX_CODE);
        private final Set<DomicileRegister> registers = EnumSet.noneOf(DomicileRegister.class);
        private Clock clock = Clock.systemUTC();
        private Optional<String> unavailable = Optional.empty();
        private final Map<String, List<OwnerEntry>> owners = new HashMap<>();
        private final Map<String, List<Domicile>> domiciles = new HashMap<>();

        private Builder(String id) {
            this.id = Checks.text(id, "id");
        }

        /**
         * The registers this table speaks for (none by default).
         *
         * @param registers the registers it stands for
         * @return the registers this table speaks for (none by default)
         */
        public Builder registers(DomicileRegister... registers) {
            for (DomicileRegister r : registers) {
                this.registers.add(Objects.requireNonNull(r, "register"));
            }
            return this;
        }

        /**
         * The questions it answers; default owner-by-address and domiciles-by-tax-code.
         *
         * @param lookups the questions answered
         * @return the questions it answers; default owner-by-address and domiciles-by-tax-code
         */
        public Builder capabilities(Lookup... lookups) {
            Set<Lookup> set = EnumSet.noneOf(Lookup.class);
            for (Lookup l : lookups) {
                set.add(Objects.requireNonNull(l, "lookup"));
            }
            this.capabilities = set;
            return this;
        }

        /**
         * The clock that dates the answers ({@link Answer#asOf()}); default the system UTC clock.
         *
         * @param clock the clock to use
         * @return the clock that dates the answers ({@link Answer#asOf()}); default the system UTC clock
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * An owner of its address, at any date.
         *
         * @param owner the owner to add
         * @return an owner of its address, at any date
         */
        public Builder owner(AddressOwner owner) {
            return owner(owner, Optional.empty(), Optional.empty());
        }

        /**
         * An owner of its address from {@code since} to {@code until} inclusive (empty: unbounded).
         * One address may have several owners over time.
         *
         * @param since the first day it is a domicile, when the directory says
         * @param until the last day it is a domicile (INAD's {@code usageInfo.dateEndValidity}), when it ends
         * @param owner the owner to add
         * @return an owner of its address from {@code since} to {@code until} inclusive (empty: unbounded)
         */
        public Builder owner(AddressOwner owner, Optional<LocalDate> since, Optional<LocalDate> until) {
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(since, "since");
            Objects.requireNonNull(until, "until");
            owners.computeIfAbsent(Lookups.normalize(owner.address()), k -> new ArrayList<>()).add(new OwnerEntry(owner, since, until));
            return this;
        }

        /**
         * A domicile of {@code taxCode} at any date, listed by this directory.
         *
         * @param taxCode a codice fiscale (16 characters for a person, 11 digits for a legal entity)
         * @param address the PEC address of the domicile
         * @return a domicile of {@code taxCode} at any date, listed by this directory
         */
        public Builder domicile(String taxCode, String address) {
            return domicile(taxCode, Domicile.of(address, id));
        }

        /**
         * A domicile of {@code taxCode} from {@code since} to {@code until} inclusive (empty: unbounded).
         *
         * @param taxCode a codice fiscale (16 characters for a person, 11 digits for a legal entity)
         * @param address the PEC address of the domicile
         * @param since the first day it is a domicile, when the directory says
         * @param until the last day it is a domicile (INAD's {@code usageInfo.dateEndValidity}), when it ends
         * @return a domicile of {@code taxCode} from {@code since} to {@code until} inclusive (empty: unbounded)
         */
        public Builder domicile(String taxCode, String address, Optional<LocalDate> since, Optional<LocalDate> until) {
            return domicile(taxCode, new Domicile(address, id, since, until, Optional.empty()));
        }

        /**
         * A domicile of {@code taxCode} as given (its source is kept).
         *
         * @param taxCode a codice fiscale (16 characters for a person, 11 digits for a legal entity)
         * @param domicile the domicile to add
         * @return a domicile of {@code taxCode} as given (its source is kept)
         */
        public Builder domicile(String taxCode, Domicile domicile) {
            Checks.text(taxCode, "taxCode");
            Objects.requireNonNull(domicile, "domicile");
            domiciles.computeIfAbsent(Lookups.normalizeTaxCode(taxCode), k -> new ArrayList<>()).add(domicile);
            return this;
        }

        /**
         * Builds the table.
         *
         * @return the directory
         */
        public StaticDirectory build() {
            return new StaticDirectory(this);
        }
    }
}
