package io.github.pec4j.directory.internal;

import io.github.pec4j.directory.AddressOwner.Level;
import io.github.pec4j.directory.AddressOwner.PublicAdministration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The immutable IPA index: lower-case address to its entries, upper-case codice fiscale of the ente to
 * its PEC entries. Entries of one address are sorted by preference: PEC first, then AOO, ENTE, UO, then
 * codice IPA and unit code.
 */
public final class IpaIndex {
    /** The order of the entries of one address; the first is the owner reported. */
    public static final Comparator<PublicAdministration> PREFERENCE = Comparator
            .comparing((PublicAdministration p) -> !p.certified())
            .thenComparingInt(p -> rank(p.level()))
            .thenComparing(PublicAdministration::ipaCode)
            .thenComparing(p -> p.unitCode().orElse(""));

    private final Map<String, List<PublicAdministration>> byAddress;
    private final Map<String, List<PublicAdministration>> byTaxCode;
    private final Map<String, List<PublicAdministration>> byIpaCode;

    private IpaIndex(Map<String, List<PublicAdministration>> byAddress, Map<String, List<PublicAdministration>> byTaxCode,
            Map<String, List<PublicAdministration>> byIpaCode) {
        this.byIpaCode = byIpaCode;
        this.byAddress = byAddress;
        this.byTaxCode = byTaxCode;
    }

    private static int rank(Level level) {
        return switch (level) {
            case AOO -> 0;
            case ENTE -> 1;
            case UO -> 2;
        };
    }

    public static IpaIndex of(Iterable<PublicAdministration> entries) {
        Builder b = new Builder(16);
        entries.forEach(b::add);
        return b.build();
    }

    /** The entries of an address (already normalised), best first; empty if unknown. */
    public List<PublicAdministration> owners(String normalizedAddress) {
        return byAddress.getOrDefault(normalizedAddress, List.of());
    }

    /** The PEC entries of an ente by its codice fiscale (already normalised), best first. */
    public List<PublicAdministration> certifiedOf(String normalizedTaxCode) {
        return byTaxCode.getOrDefault(normalizedTaxCode, List.of());
    }

    /** The PEC entries of an ente by its codice IPA (lower case), best first. */
    public List<PublicAdministration> certifiedOfCode(String lowerCaseIpaCode) {
        return byIpaCode.getOrDefault(lowerCaseIpaCode, List.of());
    }

    /** How many distinct addresses. */
    public int addresses() {
        return byAddress.size();
    }

    /** Collects entries; {@link #build()} sorts, removes exact duplicates and freezes. Not thread-safe. */
    public static final class Builder {
        private final Map<String, List<PublicAdministration>> byAddress;
        private final Map<String, List<PublicAdministration>> byTaxCode = new HashMap<>();
        private final Map<String, List<PublicAdministration>> byIpaCode = new HashMap<>();

        public Builder(int expectedAddresses) {
            this.byAddress = new HashMap<>(Math.max(16, expectedAddresses * 4 / 3 + 1));
        }

        public void add(PublicAdministration entry) {
            byAddress.computeIfAbsent(Lookups.normalize(entry.address()), k -> new ArrayList<>(1)).add(entry);
            if (entry.certified() && entry.taxCode().isPresent()) {
                byTaxCode.computeIfAbsent(Lookups.normalizeTaxCode(entry.taxCode().get()), k -> new ArrayList<>(2)).add(entry);
            }
            if (entry.certified()) {
                byIpaCode.computeIfAbsent(entry.ipaCode().toLowerCase(Locale.ROOT), k -> new ArrayList<>(2)).add(entry);
            }
        }

        public IpaIndex build() {
            return new IpaIndex(freeze(byAddress), freeze(byTaxCode), freeze(byIpaCode));
        }

        private static Map<String, List<PublicAdministration>> freeze(Map<String, List<PublicAdministration>> map) {
            map.replaceAll((k, list) -> list.size() == 1 ? List.of(list.get(0)) : list.stream().distinct().sorted(PREFERENCE).toList());
            return map;
        }
    }
}
