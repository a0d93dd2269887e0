package io.github.pec4j.directory;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

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

    /** Writes the three files into {@code dir}. */
    public Written write(Path dir) throws IOException {
        Random random = new Random(42);
        List<String> addresses = new ArrayList<>();
        int[] pec = {0};
        long rows = 0;
        try (BufferedWriter w = writer(dir.resolve("enti.csv"), ENTI_HEADER)) {
            for (int e = 0; e < enti; e++) {
                StringBuilder row = new StringBuilder();
                row.append(e).append(",\"").append(ipaCode(e)).append("\", \"Comune di Località ").append(e)
                        .append(", \"\"Provincia\"\" ").append(e % 107).append("\",\"").append(taxCode(e))
                        .append("\",\"Comuni e loro Consorzi e Associazioni\",\"L6\",\"2430\",\"\",\"\",\"\",\"")
                        .append(e % 9000).append("\",\"\",\"MARIO\",\"ROSSI\",\"Sindaco\",\"0")
                        .append(58000 + e % 1000).append("\",\"H501\",\"00100\",\"Piazza del Municipio, 1\"");
                int mails = 1 + random.nextInt(5);
                for (int m = 0; m < 5; m++) {
                    if (m < mails) {
                        boolean certified = m == 0 || random.nextInt(3) > 0;
                        String address = (m == 0 ? "PROTOCOLLO" : "ufficio" + m) + "." + ipaCode(e) + "@" + (certified ? "PEC" : "mail") + ".Comune.it";
                        mail(row, address, certified, addresses, pec);
                    } else {
                        row.append(",\"\",\"\"");
                    }
                }
                row.append(",\"https://www.comune").append(e).append(".it\",\"\",\"\",\"\",\"\",\"").append(date(e)).append("\"");
                w.write(row.toString());
                w.write("\r\n");
                rows++;
            }
        }
        try (BufferedWriter w = writer(dir.resolve("aree-organizzative-omogenee.csv"), AOO_HEADER)) {
            for (int a = 0; a < aoo; a++) {
                int e = a % Math.max(1, enti);
                StringBuilder row = new StringBuilder();
                row.append(a).append(",\"").append(ipaCode(e)).append("\",\"Comune di Località ").append(e).append("\",\"")
                        .append(taxCode(e)).append("\",\"A").append(Integer.toString(a, 36).toUpperCase()).append("\",\"Protocollo\ngenerale ")
                        .append(a).append("\",\"2013-01-01\",\"\",\"\",\"\",\"\",\"058091\",\"H501\",\"00100\",\"Via Roma, 1\",\"\",\"\"");
                int mails = 1 + random.nextInt(3);
                for (int m = 0; m < 3; m++) {
                    if (m < mails) {
                        boolean certified = m == 0 || random.nextBoolean();
                        mail(row, "aoo" + a + "." + m + "@" + (certified ? "pec" : "mail") + ".Ente.IT", certified, addresses, pec);
                    } else {
                        row.append(",\"\",\"\"");
                    }
                }
                row.append(",\"\",\"\",\"").append(date(a)).append("\",\"aoo").append(a).append("\"");
                w.write(row.toString());
                w.write("\n");
                rows++;
            }
        }
        try (BufferedWriter w = writer(dir.resolve("unita-organizzative.csv"), UO_HEADER)) {
            for (int u = 0; u < uo; u++) {
                int e = u % Math.max(1, enti);
                StringBuilder row = new StringBuilder();
                row.append(u).append(",\"").append(ipaCode(e)).append("\",\"Comune di Località ").append(e).append("\",\"")
                        .append(taxCode(e)).append("\",\"A0\",\"U").append(Integer.toString(u, 36).toUpperCase())
                        .append("\",\"\",\"Ufficio ").append(u).append(", servizi\",\"2013-01-01\",\"\",\"\",\"\",\"\",\"058091\",\"H501\",\"00100\",\"Via Roma, 1\",\"\",\"\"");
                int mails = 1 + random.nextInt(3);
                for (int m = 0; m < 3; m++) {
                    if (m < mails) {
                        boolean certified = random.nextBoolean();
                        mail(row, "Uo" + u + "." + m + "@" + (certified ? "pec" : "mail") + ".ente.it", certified, addresses, pec);
                    } else {
                        row.append(",\"\",\"\"");
                    }
                }
                row.append(",\"\",\"").append(date(u)).append("\",\"\"");
                w.write(row.toString());
                w.write("\n");
                rows++;
            }
        }
        return new Written(List.copyOf(addresses), pec[0], rows);
    }

    private static void mail(StringBuilder row, String address, boolean certified, List<String> addresses, int[] pec) {
        row.append(",\"").append(address).append("\",\"").append(certified ? "Pec" : "Altro").append("\"");
        addresses.add(address);
        if (certified) {
            pec[0]++;
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
