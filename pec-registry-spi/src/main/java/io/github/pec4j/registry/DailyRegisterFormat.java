package io.github.pec4j.registry;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The daily register export every registry produces, so the same registrations give the same bytes
 * whatever the implementation: UTF-8 CSV (RFC 4180 quoting, CRLF), one header line, one line per
 * registration in number order; times in Europe/Rome with their offset.
 *
 * <p>Columns: {@code numero, anno, data_registrazione, direzione, canale, corrispondenti, oggetto,
 * classificazione, fascicolo, impronte, protocollo_mittente, data_ricezione, annullato,
 * annullamento, emergenza}.
 */
public final class DailyRegisterFormat {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
    private static final String HEADER = "numero,anno,data_registrazione,direzione,canale,corrispondenti,oggetto,"
            + "classificazione,fascicolo,impronte,protocollo_mittente,data_ricezione,annullato,annullamento,emergenza";

    private DailyRegisterFormat() {}

    /**
     * The export of {@code registrations}, which must all belong to {@code register} and {@code day}.
     *
     * @param register the register that assigned the number
     * @param day the Europe/Rome day
     * @param registrations the day's registrations, in number order
     * @return the export of {@code registrations}, which must all belong to {@code register} and {@code day}
     */
    public static byte[] render(RegisterId register, LocalDate day, List<Registration> registrations) {
        StringBuilder out = new StringBuilder(256 + registrations.size() * 256);
        out.append("# registro giornaliero di protocollo,").append(csv(register.toString())).append(',').append(day).append("\r\n");
        out.append(HEADER).append("\r\n");
        registrations.stream().sorted(Comparator.comparingLong(r -> r.id().number())).forEach(r -> {
            if (!r.id().register().equals(register) || !r.registrationDate().equals(day)) {
                throw new IllegalArgumentException(r.id() + " does not belong to " + register + " on " + day);
            }
            out.append(r.id().formattedNumber()).append(',')
                    .append(r.id().year()).append(',')
                    .append(time(r.registeredAt())).append(',')
                    .append(r.direction()).append(',')
                    .append(r.channel()).append(',')
                    .append(csv(r.correspondents().stream().map(DailyRegisterFormat::correspondent).collect(Collectors.joining("; ")))).append(',')
                    .append(csv(r.oggetto())).append(',')
                    .append(csv(r.classification().code())).append(',')
                    .append(csv(r.fascicolo().orElse(""))).append(',')
                    .append(csv(r.documents().stream().map(d -> d.fileName() + " SHA-256:" + d.impronta().base64()).collect(Collectors.joining("; ")))).append(',')
                    .append(csv(r.senderReference().map(s -> s.number() + " del " + s.date()).orElse(""))).append(',')
                    .append(r.receivedAt().map(DailyRegisterFormat::time).orElse("")).append(',')
                    .append(r.annulled() ? "si" : "no").append(',')
                    .append(csv(r.annulment().map(a -> time(a.annulledAt()) + " " + a.request().provvedimento() + " del "
                            + a.request().provvedimentoDate() + ": " + a.request().reason() + " (" + a.request().operator().id() + ")").orElse(""))).append(',')
                    .append(csv(r.emergency().map(e -> e.emergencyRegisterId() + "/" + e.emergencyNumber() + " " + time(e.emergencyRegisteredAt())).orElse("")))
                    .append("\r\n");
        });
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String correspondent(Correspondent c) {
        return c.name() + c.address().map(a -> " <" + a + ">").orElse("") + (c.perConoscenza() ? " (cc)" : "");
    }

    private static String time(Instant instant) {
        return TIME.format(instant.atZone(Registration.ROME).toOffsetDateTime());
    }

    private static String csv(String value) {
        if (value.isEmpty()) return "";
        boolean quote = value.chars().anyMatch(c -> c == ',' || c == '"' || c == '\r' || c == '\n' || c == '#');
        // Spreadsheet formula injection: a leading =, +, - or @ is neutralised by quoting with a leading apostrophe.
        String v = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return quote || v != value ? '"' + v.replace("\"", "\"\"") + '"' : v;
    }
}
