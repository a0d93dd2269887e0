package io.github.pec4j.directory;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.IntPredicate;

/**
 * Writes a synthetic IPA open-data snapshot in the current layout ({@code enti.csv},
 * {@code aree-organizzative-omogenee.csv}, {@code unita-organizzative.csv}, with a BOM, quoted fields,
 * names with commas, mixed-case addresses, {@code Pec} and {@code Altro} mails). Deterministic for a
 * given size. Used by the tests and, through the test jar, by {@code IpaDirectoryBenchmark}.
 *
 * <p>{@link #realistic()} is about the size of the real dump: 23,000 enti, 25,000 AOO, 110,000 UO.
 */
public final class SyntheticIpa {
    private static final String ENTI_HEADER = "_id,Codice_IPA,Denominazione_ente,Codice_fiscale_ente,Tipologia,Codice_Categoria,"
            + "Codice_natura,Codice_ateco,Ente_in_liquidazione,Codice_MIUR,Codice_ISTAT,Acronimo,Nome_responsabile,"
            + "Cognome_responsabile,Titolo_responsabile,Codice_comune_ISTAT,Codice_catastale_comune,CAP,Indirizzo,"
            + "Mail1,Tipo_Mail1,Mail2,Tipo_Mail2,Mail3,Tipo_Mail3,Mail4,Tipo_Mail4,Mail5,Tipo_Mail5,Sito_istituzionale,"
            + "Url_facebook,Url_linkedin,Url_twitter,Url_youtube,Data_aggiornamento";
    private static final String AOO_HEADER = "_id,Codice_IPA,Denominazione_ente,Codice_fiscale_ente,Codice_uni_aoo,Denominazione_aoo,"
            + "Data_istituzione,Nome_responsabile,Cognome_responsabile,Mail_responsabile,Telefono_responsabile,"
            + "Codice_comune_ISTAT,Codice_catastale_comune,CAP,Indirizzo,Telefono,Fax,Mail1,Tipo_Mail1,Mail2,Tipo_Mail2,"
            + "Mail3,Tipo_Mail3,Protocollo_informatico,URI_Protocollo_informatico,Data_aggiornamento,cod_aoo";
    private static final String UO_HEADER = "_id,Codice_IPA,Denominazione_ente,Codice_fiscale_ente,Codice_uni_aoo,Codice_uni_uo,"
            + "Codice_uni_uo_padre,Descrizione_uo,Data_istituzione,Nome_responsabile,Cognome_responsabile,Mail_responsabile,"
            + "Telefono_responsabile,Codice_comune_ISTAT,Codice_catastale_comune,CAP,Indirizzo,Telefono,Fax,Mail1,Tipo_Mail1,"
            + "Mail2,Tipo_Mail2,Mail3,Tipo_Mail3,Url,Data_aggiornamento,Codice_fiscale_sfe";

    /** The latest {@code Data_aggiornamento} written: the snapshot's date when none is given. */
    public static final String LATEST_UPDATE = "2025-11-20";

    private final int enti;
    private final int aoo;
    private final int uo;
    private final List<String> addresses = new ArrayList<>();
    private int pecAddresses;

    /**
     * What was written.
     *
     * @param addresses every address written, as written (mixed case), each once
     * @param pecAddresses how many of them are typed {@code Pec}
     * @param rows data rows over the three files
     */
    public record Written(List<String> addresses, int pecAddresses, long rows) {}

    public SyntheticIpa(int enti, int aoo, int uo) {
        this.enti = enti;
        this.aoo = aoo;
        this.uo = uo;
    }

    public static SyntheticIpa realistic() {
        return new SyntheticIpa(23_000, 25_000, 110_000);
    }

    public static String ipaCode(int ente) {
        return "e_" + Integer.toString(ente, 36);
    }

    public static String taxCode(int ente) {
        return String.format("%011d", 80_000_000_000L + ente);
    }

    /** Writes the three files into {@code dir}; not thread-safe. */
    public Written write(Path dir) throws IOException {
        Random random = new Random(42);
        addresses.clear();
        pecAddresses = 0;
        long rows = 0;
        try (BufferedWriter w = writer(dir.resolve("enti.csv"), ENTI_HEADER)) {
            for (int e = 0; e < enti; e++) {
                StringBuilder row = new StringBuilder();
                row.append(e).append(",\"").append(ipaCode(e)).append("\", \"Comune di Località ").append(e)
                        .append(", \"\"Provincia\"\" ").append(e % 107).append("\",\"").append(taxCode(e))
                        .append("\",\"Comuni e loro Consorzi e Associazioni\",\"L6\",\"2430\",\"\",\"\",\"\",\"")
                        .append(e % 9000).append("\",\"\",\"MARIO\",\"ROSSI\",\"Sindaco\",\"0")
                        .append(58000 + e % 1000).append("\",\"H501\",\"00100\",\"Piazza del Municipio, 1\"");
                String code = ipaCode(e);
                mails(row, 5, 1 + random.nextInt(5), m -> m == 0 || random.nextInt(3) > 0,
                        (m, certified) -> (m == 0 ? "PROTOCOLLO" : "ufficio" + m) + "." + code + "@" + (certified ? "PEC" : "mail") + ".Comune.it");
                row.append(",\"https://www.comune").append(e).append(".it\",\"\",\"\",\"\",\"\",\"").append(date(e)).append("\"");
                w.write(row.toString());
                w.write("\r\n");
                rows++;
            }
        }
        try (BufferedWriter w = writer(dir.resolve("aree-organizzative-omogenee.csv"), AOO_HEADER)) {
            for (int a = 0; a < aoo; a++) {
                StringBuilder row = unit(a).append("\",\"A").append(Integer.toString(a, 36).toUpperCase()).append("\",\"Protocollo\ngenerale ")
                        .append(a).append("\",\"2013-01-01\",\"\",\"\",\"\",\"\",\"058091\",\"H501\",\"00100\",\"Via Roma, 1\",\"\",\"\"");
                int n = a;
                mails(row, 3, 1 + random.nextInt(3), m -> m == 0 || random.nextBoolean(),
                        (m, certified) -> "aoo" + n + "." + m + "@" + (certified ? "pec" : "mail") + ".Ente.IT");
                row.append(",\"\",\"\",\"").append(date(a)).append("\",\"aoo").append(a).append("\"");
                w.write(row.toString());
                w.write("\n");
                rows++;
            }
        }
        try (BufferedWriter w = writer(dir.resolve("unita-organizzative.csv"), UO_HEADER)) {
            for (int u = 0; u < uo; u++) {
                StringBuilder row = unit(u).append("\",\"A0\",\"U").append(Integer.toString(u, 36).toUpperCase())
                        .append("\",\"\",\"Ufficio ").append(u).append(", servizi\",\"2013-01-01\",\"\",\"\",\"\",\"\",\"058091\",\"H501\",\"00100\",\"Via Roma, 1\",\"\",\"\"");
                int n = u;
                mails(row, 3, 1 + random.nextInt(3), m -> random.nextBoolean(),
                        (m, certified) -> "Uo" + n + "." + m + "@" + (certified ? "pec" : "mail") + ".ente.it");
                row.append(",\"\",\"").append(date(u)).append("\",\"\"");
                w.write(row.toString());
                w.write("\n");
                rows++;
            }
        }
        return new Written(List.copyOf(addresses), pecAddresses, rows);
    }

    /** The first columns of the AOO or UO row {@code i}: its number, then its ente's code, name and codice fiscale. */
    private StringBuilder unit(int i) {
        int e = i % Math.max(1, enti);
        return new StringBuilder().append(i).append(",\"").append(ipaCode(e)).append("\",\"Comune di Località ").append(e)
                .append("\",\"").append(taxCode(e));
    }

    /** {@code slots} pairs of mail columns, the first {@code count} filled. */
    private void mails(StringBuilder row, int slots, int count, IntPredicate certified, BiFunction<Integer, Boolean, String> address) {
        for (int m = 0; m < slots; m++) {
            if (m >= count) {
                row.append(",\"\",\"\"");
                continue;
            }
            boolean pec = certified.test(m);
            String a = address.apply(m, pec);
            row.append(",\"").append(a).append("\",\"").append(pec ? "Pec" : "Altro").append("\"");
            addresses.add(a);
            if (pec) {
                pecAddresses++;
            }
        }
    }

    private static String date(int i) {
        return i == 0 ? LATEST_UPDATE : "2024-0" + (1 + i % 9) + "-1" + (i % 10);
    }

    private static BufferedWriter writer(Path file, String header) throws IOException {
        BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        w.write('\uFEFF');
        w.write(header);
        w.write("\r\n");
        return w;
    }
}
