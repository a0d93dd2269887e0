package io.github.pec4j.directory.internal;

import io.github.pec4j.directory.AddressOwner.Level;
import io.github.pec4j.directory.AddressOwner.PublicAdministration;
import io.github.pec4j.directory.IpaSnapshot;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads the IPA open-data files of a folder into an {@link IpaIndex}: header-driven, both the current
 * layout ({@code Codice_IPA}, {@code Mail1}, {@code Tipo_Mail1} = {@code Pec}/{@code Altro}) and the
 * legacy one ({@code cod_amm}, {@code mail1}, {@code tipo_mail1} = {@code pec}/{@code altro}, the
 * literal {@code null} for absent values). Bad rows become warnings.
 */
public final class IpaLoader {
    /** A field longer than this is truncated and its row reported. */
    public static final int MAX_FIELD_CHARS = 8 * 1024;
    /** Mail columns per row: 5 in the enti file, 3 in the AOO and UO files. */
    private static final int MAX_MAILS = 5;
    private static final Pattern ISO_DATE = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2}).*");
    private static final Pattern ITALIAN_DATE = Pattern.compile("(\\d{1,2})/(\\d{1,2})/(\\d{4}).*");

    /** The three datasets, each with the file names accepted for it, in order of preference. */
    public enum Dataset {
        ENTI(Level.ENTE, "enti", "amministrazioni"),
        AOO(Level.AOO, "aree-organizzative-omogenee", "aoo"),
        UO(Level.UO, "unita-organizzative", "uo", "ou");

        private final Level level;
        private final List<String> fileNames;

        Dataset(Level level, String... stems) {
            this.level = level;
            List<String> names = new ArrayList<>();
            for (String stem : stems) {
                for (String extension : List.of(".csv", ".tsv", ".txt")) {
                    names.add(stem + extension);
                }
            }
            this.fileNames = List.copyOf(names);
        }

        /** The file names accepted, compared ignoring case. */
        public List<String> fileNames() {
            return fileNames;
        }
    }

    /** The outcome of a load. */
    public record Result(IpaSnapshot snapshot, IpaIndex index) {}

    private final Path dir;
    private final Warnings warnings = new Warnings();
    private final List<IpaSnapshot.ManifestEntry> manifest = new ArrayList<>();
    private final Map<String, String> canonical = new HashMap<>();
    private final Map<String, String[]> entiByCode = new HashMap<>();
    private final Map<String, Optional<LocalDate>> dates = new HashMap<>();
    private final IpaIndex.Builder index = new IpaIndex.Builder(200_000);
    private LocalDate latestUpdate = LocalDate.MIN;

    private IpaLoader(Path dir) {
        this.dir = dir;
    }

    /**
     * Loads the files of {@code dir}.
     *
     * @param date the snapshot's date; if empty, the latest {@code Data_aggiornamento} read, or else
     *     the day (in Italy) the newest file was last modified
     * @throws IOException if the folder cannot be listed or a file read, or holds no IPA file
     */
    public static Result load(Path dir, Optional<LocalDate> date) throws IOException {
        return new IpaLoader(dir).run(date);
    }

    private Result run(Optional<LocalDate> date) throws IOException {
        Map<Dataset, Path> files = find();
        if (files.isEmpty()) {
            throw new IOException("no IPA open-data file in " + dir + "; expected one of " + Dataset.ENTI.fileNames()
                    + ", " + Dataset.AOO.fileNames() + ", " + Dataset.UO.fileNames());
        }
        long newestModified = Long.MIN_VALUE;
        for (Dataset dataset : Dataset.values()) {
            Path file = files.get(dataset);
            if (file == null) {
                warnings.add(dir.toString(), 0, "no " + dataset.name() + " file; expected one of " + dataset.fileNames());
                continue;
            }
            read(dataset, file);
            newestModified = Math.max(newestModified, Files.getLastModifiedTime(file).toMillis());
        }
        LocalDate snapshotDate = date.orElseGet(() -> latestUpdate);
        if (snapshotDate.equals(LocalDate.MIN)) {
            snapshotDate = Instant.ofEpochMilli(newestModified).atZone(IpaSnapshot.ZONE).toLocalDate();
        }
        IpaIndex built = index.build();
        IpaSnapshot snapshot = new IpaSnapshot(snapshotDate, manifest, built.addresses(), warnings.count(), warnings.kept());
        return new Result(snapshot, built);
    }

    private Map<Dataset, Path> find() throws IOException {
        Map<String, Path> byLowerName = new HashMap<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path p : stream) {
                if (Files.isRegularFile(p)) {
                    byLowerName.put(p.getFileName().toString().toLowerCase(Locale.ROOT), p);
                }
            }
        }
        Map<Dataset, Path> found = new EnumMap<>(Dataset.class);
        for (Dataset dataset : Dataset.values()) {
            for (String name : dataset.fileNames()) {
                Path p = byLowerName.get(name);
                if (p == null) {
                    continue;
                }
                if (found.containsKey(dataset)) {
                    warnings.add(p.getFileName().toString(), 0, "ignored: " + found.get(dataset).getFileName() + " is read for " + dataset.name());
                } else {
                    found.put(dataset, p);
                }
            }
        }
        return found;
    }

    private void read(Dataset dataset, Path file) throws IOException {
        String name = file.getFileName().toString();
        MessageDigest sha256 = sha256();
        long rows = 0;
        try (InputStream raw = Files.newInputStream(file);
                DigestInputStream digesting = new DigestInputStream(raw, sha256);
                Reader reader = new InputStreamReader(digesting, StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPLACE)
                        .onUnmappableCharacter(CodingErrorAction.REPLACE))) {
            DelimitedReader csv = new DelimitedReader(reader, MAX_FIELD_CHARS);
            List<String> header = csv.next();
            if (header == null) {
                warnings.add(name, 1, "empty file");
            } else {
                Columns columns = new Columns(dataset, header);
                if (columns.code.isEmpty()) {
                    warnings.add(name, 1, "no Codice_IPA (or cod_amm) column; file skipped");
                } else {
                    for (List<String> row; (row = csv.next()) != null; ) {
                        rows++;
                        Optional<String> damage = csv.damage();
                        if (damage.isPresent()) {
                            warnings.add(name, csv.recordLine(), damage.get() + "; row skipped");
                        } else if (row.size() != header.size()) {
                            warnings.add(name, csv.recordLine(), row.size() + " fields where the header has " + header.size() + "; row skipped");
                        } else {
                            guardedRow(dataset, columns, row, name, csv.recordLine());
                        }
                    }
                }
            }
            digesting.transferTo(OutputStream.nullOutputStream());
        }
        manifest.add(new IpaSnapshot.ManifestEntry(name, HexFormat.of().formatHex(sha256.digest()), Files.size(file), rows));
    }

    /** A row our code fails on is a warning and is skipped, like any damaged row: one row never stops a load. */
    private void guardedRow(Dataset dataset, Columns c, List<String> row, String file, long line) {
        try {
            row(dataset, c, row, file, line);
        } catch (RuntimeException e) {
            warnings.add(file, line, "row not readable (" + e.getClass().getName() + "); row skipped");
        }
    }

    private void row(Dataset dataset, Columns c, List<String> row, String file, long line) {
        Optional<String> code = value(row, c.code);
        if (code.isEmpty()) {
            warnings.add(file, line, "no codice IPA; row skipped");
            return;
        }
        String ipaCode = canonical(code.get());
        String key = ipaCode.toLowerCase(Locale.ROOT);
        Optional<String> taxCode = value(row, c.taxCode).map(this::canonical);
        Optional<String> enteName = value(row, c.enteName).map(this::canonical);
        String[] ente = entiByCode.get(key);
        Optional<String> category = value(row, c.category);
        if (dataset == Dataset.ENTI) {
            entiByCode.put(key, new String[] {enteName.orElse(ipaCode), taxCode.orElse(null), category.orElse(null)});
        } else if (ente != null) {
            enteName = enteName.or(() -> Optional.of(ente[0]));
            taxCode = taxCode.or(() -> Optional.ofNullable(ente[1]));
            category = category.or(() -> Optional.ofNullable(ente[2]));
        }
        boolean publicServiceOperator = category.map(IpaLoader::isPublicServiceOperator).orElse(false);
        if (enteName.isEmpty()) {
            warnings.add(file, line, "no name for ente " + ipaCode + "; its code is used");
        }
        Optional<String> unitCode = Optional.empty();
        if (dataset != Dataset.ENTI) {
            unitCode = value(row, c.unitCode);
            if (unitCode.isEmpty()) {
                warnings.add(file, line, "no " + (dataset == Dataset.AOO ? "Codice_uni_aoo" : "Codice_uni_uo") + "; row skipped");
                return;
            }
        }
        Optional<LocalDate> updated = Optional.empty();
        Optional<String> rawDate = value(row, c.updated);
        if (rawDate.isPresent()) {
            updated = dates.computeIfAbsent(rawDate.get(), IpaLoader::date);
            if (updated.isEmpty()) {
                warnings.add(file, line, "unreadable Data_aggiornamento '" + rawDate.get() + "'");
            } else if (updated.get().isAfter(latestUpdate)) {
                latestUpdate = updated.get();
            }
        }
        Optional<String> unitName = value(row, c.unitName);
        for (int i = 0; i < MAX_MAILS; i++) {
            Optional<String> address = value(row, c.mail[i]);
            if (address.isEmpty()) {
                continue;
            }
            Optional<String> type = value(row, c.mailType[i]);
            boolean certified = type.map(t -> t.equalsIgnoreCase("pec")).orElse(false);
            if (type.isEmpty() || !(certified || type.get().equalsIgnoreCase("altro"))) {
                warnings.add(file, line, "mail " + (i + 1) + " has type '" + type.orElse("") + "', taken as not a PEC");
            }
            try {
                index.add(new PublicAdministration(address.get(), ipaCode, enteName.orElse(ipaCode), dataset.level, unitCode,
                        unitName, certified, updated, taxCode, publicServiceOperator));
            } catch (IllegalArgumentException e) {
                warnings.add(file, line, "mail " + (i + 1) + ": " + e.getMessage());
            }
        }
    }

    /** IPA's {@code Tipologia} for gestori (CAD art. 2 c.2 lett. b): listed in IPA, not administrations under art. 47. */
    static boolean isPublicServiceOperator(String category) {
        return category.trim().toLowerCase(Locale.ROOT).startsWith("gestori di pubblici servizi");
    }

    private String canonical(String s) {
        return canonical.computeIfAbsent(s, k -> k);
    }

    /** A field's value: absent when the column is missing, the field blank or the literal {@code null}. */
    private static Optional<String> value(List<String> row, OptionalInt column) {
        if (column.isEmpty()) {
            return Optional.empty();
        }
        String v = row.get(column.getAsInt());
        return v.isEmpty() || v.equalsIgnoreCase("null") ? Optional.empty() : Optional.of(v);
    }

    /** {@code yyyy-MM-dd} (with any time after it) or {@code dd/MM/yyyy}. */
    static Optional<LocalDate> date(String s) {
        try {
            Matcher iso = ISO_DATE.matcher(s);
            if (iso.matches()) {
                return Optional.of(LocalDate.of(Integer.parseInt(iso.group(1)), Integer.parseInt(iso.group(2)), Integer.parseInt(iso.group(3))));
            }
            Matcher it = ITALIAN_DATE.matcher(s);
            if (it.matches()) {
                return Optional.of(LocalDate.of(Integer.parseInt(it.group(3)), Integer.parseInt(it.group(2)), Integer.parseInt(it.group(1))));
            }
        } catch (DateTimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /** The columns a dataset reads, resolved by exact name ignoring case; the first alias present wins. */
    static final class Columns {
        final OptionalInt code;
        final OptionalInt enteName;
        final OptionalInt taxCode;
        final OptionalInt unitCode;
        final OptionalInt unitName;
        final OptionalInt updated;
        final OptionalInt category;
        final OptionalInt[] mail = new OptionalInt[MAX_MAILS];
        final OptionalInt[] mailType = new OptionalInt[MAX_MAILS];

        Columns(Dataset dataset, List<String> header) {
            Header h = new Header(header);
            code = h.index("Codice_IPA", "cod_amm");
            enteName = h.index("Denominazione_ente", "des_amm");
            taxCode = h.index("Codice_fiscale_ente", "Cf");
            updated = h.index("Data_aggiornamento");
            category = h.index("Tipologia", "tipologia_amm");
            switch (dataset) {
                case AOO -> {
                    unitCode = h.index("Codice_uni_aoo", "cod_aoo");
                    unitName = h.index("Denominazione_aoo", "des_aoo");
                }
                case UO -> {
                    unitCode = h.index("Codice_uni_uo", "cod_uni_ou", "cod_uni_uo");
                    unitName = h.index("Descrizione_uo", "des_ou", "des_uo");
                }
                default -> {
                    unitCode = OptionalInt.empty();
                    unitName = OptionalInt.empty();
                }
            }
            for (int i = 0; i < MAX_MAILS; i++) {
                mail[i] = h.index("Mail" + (i + 1));
                mailType[i] = h.index("Tipo_Mail" + (i + 1));
            }
        }
    }

    /** A header row: column names trimmed, a stray byte-order mark dropped, compared ignoring case. */
    public static final class Header {
        private final Map<String, Integer> positions = new HashMap<>();

        public Header(List<String> names) {
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i).replace("\uFEFF", "").strip().toLowerCase(Locale.ROOT);
                positions.putIfAbsent(name, i);
            }
        }

        /** The position of the first of {@code aliases} present, matched exactly (never by prefix). */
        public OptionalInt index(String... aliases) {
            for (String alias : aliases) {
                Integer p = positions.get(alias.toLowerCase(Locale.ROOT));
                if (p != null) {
                    return OptionalInt.of(p);
                }
            }
            return OptionalInt.empty();
        }
    }

    /** Counts every warning, keeps the first {@link IpaSnapshot#MAX_WARNINGS_KEPT}. */
    private static final class Warnings {
        private final List<IpaSnapshot.Warning> kept = new ArrayList<>();
        private long count;

        void add(String file, long line, String message) {
            count++;
            if (kept.size() < IpaSnapshot.MAX_WARNINGS_KEPT) {
                kept.add(new IpaSnapshot.Warning(file, line, message));
            }
        }

        long count() {
            return count;
        }

        List<IpaSnapshot.Warning> kept() {
            return kept;
        }
    }
}
