package io.github.pec4j.directory;

import io.github.pec4j.directory.AddressOwner.PublicAdministration;
import io.github.pec4j.directory.internal.IpaIndex;
import io.github.pec4j.directory.internal.IpaLoader;
import io.github.pec4j.directory.internal.Lookups;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The IPA (CAD art. 6-ter) from an offline snapshot of its open data: which public administration owns
 * an address, and the PEC domiciles of an ente by its codice fiscale.
 *
 * <h2>Files</h2>
 * {@link #load(Path)} reads, from one folder, the three datasets of {@code https://indicepa.gov.it/ipa-dati/}
 * (file names compared ignoring case; the first present in each list is read, the others ignored with a
 * warning):
 * <ul>
 *   <li>enti: {@code enti.csv}, {@code enti.tsv}, {@code enti.txt}, legacy {@code amministrazioni.txt}
 *       (also {@code .csv}/{@code .tsv});</li>
 *   <li>AOO: {@code aree-organizzative-omogenee.csv} (or {@code .tsv}, {@code .txt}), legacy {@code aoo.txt};</li>
 *   <li>UO: {@code unita-organizzative.csv} (or {@code .tsv}, {@code .txt}), {@code uo.*}, legacy {@code ou.txt}.</li>
 * </ul>
 * At least one must be present. Files are UTF-8, comma-, semicolon- or tab-separated (detected on the
 * header line), with or without a byte-order mark ({@code ?bom=True} dumps). Columns are found by
 * name, ignoring case, in the current layout ({@code Codice_IPA}, {@code Denominazione_ente},
 * {@code Codice_fiscale_ente}, {@code Codice_uni_aoo}, {@code Codice_uni_uo}, {@code MailN},
 * {@code Tipo_MailN} = {@code Pec}/{@code Altro}, {@code Data_aggiornamento}) or the legacy one
 * ({@code cod_amm}, {@code des_amm}, {@code Cf}, {@code cod_aoo}, {@code cod_uni_ou}, {@code mailN},
 * {@code tipo_mailN} = {@code pec}/{@code altro}, {@code null} for absent values) — DIR-IPA-01. Other
 * columns are ignored; in particular {@code Codice_ISTAT} is never taken for {@code Codice_comune_ISTAT}
 * (names match exactly, never by prefix). Bad rows become counted warnings in the {@link #snapshot()}.
 *
 * <h2>Answers</h2>
 * Lookups ignore case and answer from memory in microseconds. Their {@link Answer#asOf()} is the
 * snapshot's date ({@link IpaSnapshot#asOf()}), so rules can report a stale snapshot (DIR-IPA-03); the
 * date asked about is not used, since the snapshot only knows its own day. {@link #reload(Path)}
 * replaces the index atomically: lookups running meanwhile see the old index or the new one, never a
 * mixture.
 */
public final class IpaDirectory implements DomicileDirectory {
    /** The id of this directory and the source of its answers. */
    public static final String ID = "ipa";

    /** A snapshot with its index and its answers' date, swapped in as one. */
    private record Loaded(IpaSnapshot snapshot, IpaIndex index, Instant asOf) {
        Loaded(IpaSnapshot snapshot, IpaIndex index) {
            this(snapshot, index, snapshot.asOf());
        }
    }

    private volatile Loaded loaded;

    private IpaDirectory(Loaded loaded) {
        this.loaded = loaded;
    }

    /**
     * Loads the snapshot in {@code dir}, dated by its latest {@code Data_aggiornamento} (or, if no row
     * has one, by the newest file's modification day in Italy).
     *
     * @param dir the directory holding the IPA open-data files
     * @return the directory over the loaded snapshot
     * @throws IOException if the folder cannot be read or holds none of the expected files
     */
    public static IpaDirectory load(Path dir) throws IOException {
        return new IpaDirectory(read(dir, Optional.empty()));
    }

    /**
     * Loads the snapshot in {@code dir}, dated {@code snapshotDate} (the day it was downloaded).
     *
     * @param dir the directory holding the IPA open-data files
     * @param snapshotDate the day the files were downloaded
     * @return the directory over the loaded snapshot
     * @throws IOException when the files cannot be read or are not an IPA snapshot
     */
    public static IpaDirectory load(Path dir, LocalDate snapshotDate) throws IOException {
        return new IpaDirectory(read(dir, Optional.of(snapshotDate)));
    }

    /**
     * An in-memory snapshot of {@code entries}, dated {@code snapshotDate}, with an empty manifest: for tests.
     *
     * @param snapshotDate the day the snapshot stands for
     * @param entries the administrations it lists
     * @return an in-memory snapshot of {@code entries}, dated {@code snapshotDate}, with an empty manifest: for tests
     */
    public static IpaDirectory of(LocalDate snapshotDate, Collection<PublicAdministration> entries) {
        Objects.requireNonNull(snapshotDate, "snapshotDate");
        IpaIndex index = IpaIndex.of(List.copyOf(entries));
        return new IpaDirectory(new Loaded(new IpaSnapshot(snapshotDate, List.of(), index.addresses(), 0, List.of()), index));
    }

    /**
     * Loads {@code dir} and, once it is fully indexed, swaps it in for the current snapshot. If loading
     * fails, the current snapshot stays.
     *
     * @param dir the directory holding the new IPA open-data files
     * @return the new snapshot
     * @throws IOException when the files cannot be read or are not an IPA snapshot
     */
    public IpaSnapshot reload(Path dir) throws IOException {
        return swap(read(dir, Optional.empty()));
    }

    /**
     * {@link #reload(Path)} with an explicit snapshot date.
     *
     * @param dir the directory holding the new IPA open-data files
     * @param snapshotDate the day the files were downloaded
     * @return the snapshot now in use
     * @throws IOException when the files cannot be read or are not an IPA snapshot
     */
    public IpaSnapshot reload(Path dir, LocalDate snapshotDate) throws IOException {
        return swap(read(dir, Optional.of(snapshotDate)));
    }

    private IpaSnapshot swap(Loaded next) {
        loaded = next;
        return next.snapshot();
    }

    private static Loaded read(Path dir, Optional<LocalDate> date) throws IOException {
        Objects.requireNonNull(dir, "dir");
        IpaLoader.Result r = IpaLoader.load(dir, date);
        return new Loaded(r.snapshot(), r.index());
    }

    /**
     * The snapshot currently answering: date, manifest, warnings.
     *
     * @return the snapshot currently answering: date, manifest, warnings
     */
    public IpaSnapshot snapshot() {
        return loaded.snapshot();
    }

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
        return EnumSet.of(DomicileRegister.IPA);
    }

    /**
     * Every IPA entry of {@code address} (ignoring case), best first: PEC before other mail, then AOO,
     * ENTE, UO. The same PEC is often published for an ente and its AOO.
     *
     * @param address the PEC address to look up, compared without regard to case
     * @return every IPA entry of {@code address} (ignoring case), best first: PEC before other mail, then AOO, ENTE,
     *     UO
     */
    public List<PublicAdministration> ownersOf(String address) {
        return loaded.index().owners(Lookups.normalize(Objects.requireNonNull(address, "address")));
    }

    /**
     * The PEC addresses IPA publishes for the ente whose codice IPA is {@code ipaCode} (ignoring case),
     * at every level, best first (ente and AOO before UO); empty when IPA lists none. An outgoing letter
     * addressed by codice IPA goes to the first.
     *
     * @param ipaCode the codice IPA of the ente ({@code Codice_IPA}, legacy {@code cod_amm})
     * @return the PEC addresses IPA publishes for the ente whose codice IPA is {@code ipaCode} (ignoring case), at
     *     every level, best first (ente and AOO before UO); empty when IPA lists none
     */
    public List<PublicAdministration> certifiedOfCode(String ipaCode) {
        return loaded.index().certifiedOfCode(Objects.requireNonNull(ipaCode, "ipaCode").trim().toLowerCase(Locale.ROOT));
    }

    /** The first of {@link #ownersOf(String)}: {@code FOUND}, or {@code NOT_FOUND} if IPA does not list it. */
    @Override
    public Answer<AddressOwner> ownerOf(String address, LocalDate at) {
        Objects.requireNonNull(at, "at");
        Loaded current = loaded;
        List<PublicAdministration> owners = current.index().owners(Lookups.normalize(Objects.requireNonNull(address, "address")));
        return owners.isEmpty() ? Answer.notFound(ID, current.asOf()) : Answer.found(ID, current.asOf(), owners.get(0));
    }

    /**
     * The PEC addresses IPA publishes for the ente whose codice fiscale is {@code taxCode} (at every
     * level, each address once, best first), as domiciles without dates.
     */
    @Override
    public Answer<List<Domicile>> domicilesOf(String taxCode, LocalDate at) {
        Objects.requireNonNull(at, "at");
        Loaded current = loaded;
        Map<String, Domicile> domiciles = new LinkedHashMap<>();
        for (PublicAdministration pa : current.index().certifiedOf(Lookups.normalizeTaxCode(Objects.requireNonNull(taxCode, "taxCode")))) {
            domiciles.putIfAbsent(Lookups.normalize(pa.address()), Domicile.of(pa.address(), ID));
        }
        return Lookups.validOn(domiciles.values(), at, ID, current.asOf());
    }

    @Override
    public String toString() {
        IpaSnapshot s = snapshot();
        return "IpaDirectory[" + s.date() + ", " + s.addresses() + " addresses, " + s.warningCount() + " warnings]";
    }
}
