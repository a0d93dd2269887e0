package io.github.pec4j.admission;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pec4j.admission.Evidence.Channel;
import io.github.pec4j.admission.Evidence.SignatureFact;
import io.github.pec4j.admission.Evidence.SignatureLevel;
import io.github.pec4j.core.Completeness;
import io.github.pec4j.core.Gap;
import io.github.pec4j.core.GapKind;
import io.github.pec4j.core.Location;
import io.github.pec4j.core.Severity;
import io.github.pec4j.directory.AddressOwner;
import io.github.pec4j.directory.DomicileDirectory;
import io.github.pec4j.directory.DomicileRegister;
import io.github.pec4j.directory.StaticDirectory;
import io.github.pec4j.formats.FileReport;
import io.github.pec4j.formats.Finding;
import io.github.pec4j.formats.FormatCode;
import io.github.pec4j.formats.Verdict;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every rule at both sides of each of its boundaries: a message built to reach the rule, received
 * on the day before (23:59:59 in Rome) and on the day itself (00:00 in Rome), and likewise around the
 * last day of a rule that ended. Each rule needs a scenario here, so a rule added to the data
 * without one fails the build.
 */
class RuleBoundariesTest {
    static final String AOO_BOX = "protocollo@pec.comune.esempio.it";
    static final String PA_PEC = "protocollo@pec.regione.esempio.it";
    static final String GESTORE_PEC = "protocollo@pec.gestore.example.it";
    static final String FIRM_PEC = "amministrazione@pec.edilrossi.example.it";
    static final String CITIZEN = "RSSMRA80A01H501U";
    static final String CITIZEN_PEC = "mario.rossi@pec.example.it";
    static final String NO_DOMICILE = "VRDNNA90C41F205Z";

    static final DomicileDirectory DIRECTORY = StaticDirectory.builder("test")
            .registers(DomicileRegister.IPA, DomicileRegister.INAD, DomicileRegister.INI_PEC)
            .owner(new AddressOwner.PublicAdministration(PA_PEC, "r_esempio", "Regione Esempio", AddressOwner.Level.AOO,
                    Optional.of("AOO_GIUNTA"), Optional.empty(), true, Optional.empty(), Optional.empty()))
            .owner(new AddressOwner.PublicAdministration(GESTORE_PEC, "gestore_x", "Gestore X S.p.A.", AddressOwner.Level.ENTE,
                    Optional.empty(), Optional.empty(), true, Optional.empty(), Optional.empty(), true))
            .owner(new AddressOwner.FirmOrProfessional(FIRM_PEC, "01234567890", "Edil Rossi srl"))
            .domicile(CITIZEN, CITIZEN_PEC)
            .build();

    static final AooConfig CONFIG = AooConfig.defaults().withMailboxes(AOO_BOX);

    /** A message that reaches a rule, received at a given instant, under a configuration. */
    record Scenario(AooConfig config, Function<Instant, Evidence> evidence, List<LocalDate> boundaries) {}

    static Evidence.Builder pec(String sender, Instant at) {
        return Evidence.builder(Channel.PEC, at).sender(sender).receivedOn(AOO_BOX).subject("Istanza");
    }

    static Evidence.Builder peo(String sender, Instant at) {
        return Evidence.builder(Channel.PEO, at).sender(sender).receivedOn(AOO_BOX).subject("Istanza");
    }

    static SignatureFact signature(SignatureLevel level, boolean valid, String taxCode) {
        return new SignatureFact("istanza.pdf.p7m", level, valid, true, Optional.of(taxCode), "Firmatario");
    }

    static FileReport file(FormatCode code) {
        Finding f = Finding.of(code, "allegato.docm", "test");
        return new FileReport("allegato.docm", "application/octet-stream", 10, f.severity() == Severity.ERROR ? Verdict.REJECT : Verdict.WARN,
                List.of(f), List.of());
    }

    static Evidence.SegnaturaFact segnatura(boolean sealValid, String... anomalies) {
        return new Evidence.SegnaturaFact("v3", sealValid, List.of(anomalies), "test", Optional.empty());
    }

    /** The scenarios, by rule id; boundaries empty: the rule's own first day and the day after its last. */
    static Map<String, Scenario> scenarios() {
        Map<String, Scenario> s = new LinkedHashMap<>();
        AooConfig strict = CONFIG.withUncertified(AooConfig.Handling.QUARANTINE, AooConfig.Handling.REJECT);
        put(s, "REG-RECEIPT-2001", CONFIG, at -> pec(PA_PEC, at).kind(Evidence.Kind.PEC_RECEIPT).build());
        put(s, "REG-RECEIPT", CONFIG, at -> pec(PA_PEC, at).kind(Evidence.Kind.INTEROP_CONFIRMATION).build());
        put(s, "REG-DUPLICATE", CONFIG, at -> pec(CITIZEN_PEC, at).duplicateOf("c_esempio/AOO/PG/1").build());
        put(s, "REG-EXCLUDED", CONFIG.withExclusions(List.of(new AooConfig.Exclusion("newsletter", List.of(), List.of("newsletter")))),
                at -> pec(CITIZEN_PEC, at).subject("La newsletter").build());
        put(s, "REG-40BIS-2011", CONFIG, at -> pec(PA_PEC, at).build());
        put(s, "REG-40BIS", CONFIG, at -> pec(PA_PEC, at).build());
        put(s, "REG-53", CONFIG, at -> peo("someone@example.org", at).build());
        put(s, "REG-MANUALE-QUARANTINE", strict, at -> peo("someone@example.org", at).build());
        put(s, "REG-MANUALE-REJECT", strict, at -> Evidence.builder(Channel.ANOMALIA, at).sender("someone@example.org").build());
        put(s, "REG-MANUALE-DENY", CONFIG.withSenders(List.of(), List.of("spam@example.org")), at -> pec("spam@example.org", at).build());
        put(s, "BEFORE-RULES", CONFIG, at -> peo("someone@example.org", at).build());
        put(s, "PRE-CAD", CONFIG, at -> peo("someone@example.org", at).build());
        put(s, "NOT-AN-ISTANZA", CONFIG, at -> pec(PA_PEC, at).kind(Evidence.Kind.PEC_RECEIPT).build());

        put(s, "A47-NOT-PA", CONFIG, at -> pec("someone@pec.example.org", at).build());
        put(s, "A47-GESTORE", CONFIG, at -> pec(GESTORE_PEC, at).build());
        put(s, "A47-A", CONFIG, at -> peo(PA_PEC, at).signature(signature(SignatureLevel.QUALIFIED, true, "VRDPLA70A01F205X")).build());
        put(s, "A47-B-2006", CONFIG, at -> pec(PA_PEC, at).segnatura(segnatura(false)).build());
        put(s, "A47-B", CONFIG, at -> pec(PA_PEC, at).segnatura(segnatura(false)).build());
        put(s, "A47-D", CONFIG, at -> pec(PA_PEC, at).build());
        put(s, "SERCQ-1-TER", CONFIG, at -> Evidence.builder(Channel.SERCQ, at).sender(PA_PEC).receivedOn(AOO_BOX).build());
        put(s, "SERCQ-EIDAS", CONFIG, at -> Evidence.builder(Channel.SERCQ, at).sender(PA_PEC).receivedOn(AOO_BOX).build());
        put(s, "A47-COOP", CONFIG, at -> Evidence.builder(Channel.COOPERAZIONE_APPLICATIVA, at).build());
        put(s, "A47-LINK", CONFIG, at -> Evidence.builder(Channel.LINK, at).sender(PA_PEC).build());
        put(s, "A47-FAX", CONFIG, at -> Evidence.builder(Channel.FAX, at).sender(PA_PEC).build());
        put(s, "A47-NONE", CONFIG, at -> peo(PA_PEC, at).build());

        put(s, "A65-A-2006", CONFIG, at -> peo("m@example.org", at).signature(signature(SignatureLevel.QUALIFIED, true, CITIZEN)).build());
        put(s, "A65-A", CONFIG, at -> peo("m@example.org", at).signature(signature(SignatureLevel.ADVANCED, true, CITIZEN)).build());
        put(s, "A65-A-20-1BIS", CONFIG, at -> peo("m@example.org", at).signature(signature(SignatureLevel.SIMPLE, false, CITIZEN)).build());
        put(s, "A65-A-OTHER-SIGNER", CONFIG, at -> peo("m@example.org", at).declarant(CITIZEN)
                .signature(signature(SignatureLevel.QUALIFIED, true, "BNCLCU75B02F205X")).build());
        put(s, "A65-B-2006", CONFIG, at -> portal("CIE", at));
        put(s, "A65-B-2016", CONFIG, at -> portal("SPID", at));
        put(s, "A65-B", CONFIG, at -> portal("CNS", at));
        put(s, "A65-B-BIS", CONFIG, at -> Evidence.builder(Channel.APP_IO, at).build());
        put(s, "A65-C-2006", CONFIG, at -> portal("SPID", at));
        put(s, "A38-C3", CONFIG, at -> peo("m@example.org", at).handwrittenWithIdentityDocument(true).build());
        put(s, "A65-C", CONFIG, at -> peo("m@example.org", at).handwrittenWithIdentityDocument(true).build());
        put(s, "A65-C-BIS-CECPAC", CONFIG, at -> pec("anna.verdi@postacertificata.gov.it", at).build());
        put(s, "A65-C-BIS-LEGACY", CONFIG, at -> pec(CITIZEN_PEC, at).declarant(CITIZEN).build());
        put(s, "A65-C-BIS-FIRM-2011", CONFIG, at -> pec(FIRM_PEC, at).build());
        put(s, "A65-C-BIS-REGISTERED", CONFIG, at -> pec(CITIZEN_PEC, at).declarant(CITIZEN).build());
        put(s, "A65-C-BIS-SPECIAL", CONFIG, at -> pec("anna.verdi@pec.example.it", at).declarant(NO_DOMICILE).build());
        put(s, "A65-C-BIS-OTHER", CONFIG, at -> pec("mario.private@pec.example.it", at).declarant(CITIZEN).build());
        put(s, "A65-C-BIS-UNCERTIFIED", CONFIG, at -> peo(CITIZEN_PEC, at).declarant(CITIZEN).build());
        put(s, "A65-C-BIS-TAX", CONFIG.withTaxSector(true), at -> pec(CITIZEN_PEC, at).declarant(CITIZEN).providerIdentityAttested(true).build());
        put(s, "A65-DL76-CONVERSIONE", CONFIG, at -> Evidence.builder(Channel.APP_IO, at).build());
        put(s, "A65-ELECTED", CONFIG, at -> peo("m@example.org", at).signature(signature(SignatureLevel.QUALIFIED, true, CITIZEN))
                .electedDomicile("studio.legale@pec.example.it").build());
        put(s, "A65-NONE", CONFIG, at -> peo("someone@example.org", at).build());
        // reached only through c-bis's directory questions, so from the c-bis wording of 2020
        put(s, "A65-UNDETERMINED", CONFIG, at -> pec("anna.verdi@pec.example.it", at).build(), LocalDate.of(2020, 7, 17));

        put(s, "RIC-OK-2001", CONFIG, at -> pec(CITIZEN_PEC, at).build());
        put(s, "RIC-OK", CONFIG, at -> pec(CITIZEN_PEC, at).build());
        put(s, "RIC-REFUSED", CONFIG, at -> peo("someone@example.org", at).file(file(FormatCode.MACRO)).build());
        put(s, "RIC-FORMAT", CONFIG, at -> pec(PA_PEC, at).file(file(FormatCode.MACRO)).build());
        put(s, "RIC-UNREADABLE", CONFIG, at -> pec(PA_PEC, at).file(file(FormatCode.UNREADABLE)).build());
        put(s, "RIC-SEG-SIGNATURE", CONFIG, at -> pec(PA_PEC, at).segnatura(segnatura(false, "001_ValidazioneFirma")).build());
        put(s, "RIC-SEG-IMPRONTA", CONFIG, at -> pec(PA_PEC, at).segnatura(segnatura(true, "002_AnomaliaImpronte")).build());
        put(s, "RIC-DOC-SIGNATURE", CONFIG, at -> pec(PA_PEC, at).file(file(FormatCode.SIGNATURE_INVALID)).build());
        put(s, "REG-INCOMPLETE", CONFIG, at -> pec(CITIZEN_PEC, at).completeness(CUT).build());
        put(s, "REG-SEG-UNREADABLE", CONFIG, at -> pec(PA_PEC, at).segnatura(unreadableSegnatura()).build());
        put(s, "RIC-INCOMPLETE", CONFIG, at -> pec(CITIZEN_PEC, at).completeness(CUT).build());
        put(s, "RIC-SEG-UNREADABLE", CONFIG, at -> pec(PA_PEC, at).segnatura(unreadableSegnatura()).build());
        put(s, "REG-KIND-CONFLICT", CONFIG, at -> pec(CITIZEN_PEC, at).completeness(RELABELLED).build());
        put(s, "RIC-KIND-CONFLICT", CONFIG, at -> pec(CITIZEN_PEC, at).completeness(RELABELLED).build());
        put(s, "RIC-MANUALE-REJECT", strict, at -> Evidence.builder(Channel.ANOMALIA, at).sender("someone@example.org").build());
        return s;
    }

    /** A message whose part count crossed the parser's limit: what follows is unread. */
    /** Headers that name another kind than the signed daticert. */
    static final Completeness RELABELLED = Completeness.of(List.of(new Gap(GapKind.KIND_CONFLICT, Location.part("/2"),
            "the headers say anomalia, the signed daticert.xml says posta-certificata: the kind is unknown")));

    static final Completeness CUT = Completeness.of(List.of(new Gap(GapKind.PART_COUNT, Location.part("/1"), "more than 2000 MIME parts")));

    static Evidence.SegnaturaFact unreadableSegnatura() {
        return new Evidence.SegnaturaFact(Evidence.SegnaturaFact.REFUSED, false, List.of(), "DOCTYPE refused", Optional.empty());
    }

    static Evidence portal(String method, Instant at) {
        return Evidence.builder(Channel.PORTAL, at).declarant(CITIZEN).portal(new Evidence.PortalAuthentication(method, CITIZEN)).build();
    }

    static void put(Map<String, Scenario> s, String id, AooConfig config, Function<Instant, Evidence> evidence, LocalDate... boundaries) {
        s.put(id, new Scenario(config, evidence, List.of(boundaries)));
    }

    /** The first instant of {@code day} in Rome. */
    static Instant startOf(LocalDate day) {
        return day.atStartOfDay(AdmissionEngine.ROME).toInstant();
    }

    /** The last second of {@code day} in Rome. */
    static Instant endOf(LocalDate day) {
        return day.atTime(LocalTime.of(23, 59, 59)).atZone(AdmissionEngine.ROME).toInstant();
    }

    static List<String> cited(AdmissionDecision d) {
        return Stream.of(d.registration().reasons(), d.istanza().reasons(), d.receivability().reasons()).flatMap(List::stream)
                .map(Reason::rule).toList();
    }

    static AdmissionDecision decide(Scenario s, Instant at) {
        return AdmissionEngine.create(s.config(), DIRECTORY).decide(s.evidence().apply(at));
    }

    /** The days a rule starts on: its own first day (unless it opens the book), or the scenario's. */
    static List<LocalDate> starts(Rule rule, Scenario s) {
        if (!s.boundaries().isEmpty()) return List.of();
        return rule.from().getYear() > 1900 ? List.of(rule.from()) : List.of();
    }

    @Test
    @DisplayName("every rule of the data has a scenario that reaches it, and every scenario names a rule of the data")
    void everyRuleHasAScenario() {
        assertThat(scenarios().keySet()).containsExactlyInAnyOrderElementsOf(RuleBook.standard().all().stream().map(Rule::id).toList());
        assertThat(AdmissionEngine.RULE_IDS).containsExactlyInAnyOrderElementsOf(scenarios().keySet());
    }

    @TestFactory
    @Tag("ADM-65-TIME-01")
    @DisplayName("ADM-65-TIME-01 each rule is cited from its first day (00:00 in Rome), not the day before (23:59:59), and not after its last day")
    Stream<DynamicTest> boundaries() {
        List<DynamicTest> tests = new ArrayList<>();
        Map<String, Scenario> scenarios = scenarios();
        for (Rule rule : RuleBook.standard().all()) {
            Scenario s = scenarios.get(rule.id());
            List<LocalDate> firstDays = new ArrayList<>(starts(rule, s));
            firstDays.addAll(s.boundaries().stream().filter(d -> !d.isAfter(rule.to().orElse(LocalDate.MAX))).filter(d -> !d.isBefore(rule.from()))
                    .toList());
            for (LocalDate day : firstDays) {
                tests.add(DynamicTest.dynamicTest(rule.id() + " from " + day, () -> {
                    assertThat(cited(decide(s, startOf(day)))).as(rule.id() + " on " + day).contains(rule.id());
                    assertThat(cited(decide(s, endOf(day.minusDays(1))))).as(rule.id() + " on " + day.minusDays(1)).doesNotContain(rule.id());
                }));
            }
            rule.to().ifPresent(last -> tests.add(DynamicTest.dynamicTest(rule.id() + " until " + last, () -> {
                assertThat(cited(decide(s, endOf(last)))).as(rule.id() + " on " + last).contains(rule.id());
                assertThat(cited(decide(s, startOf(last.plusDays(1))))).as(rule.id() + " on " + last.plusDays(1)).doesNotContain(rule.id());
            })));
        }
        return tests.stream();
    }

    /** Every boundary of the data, each with the day before, plus one day a year. */
    static TreeSet<LocalDate> probeDays() {
        TreeSet<LocalDate> days = new TreeSet<>();
        for (Rule r : RuleBook.standard().all()) {
            if (r.from().getYear() > 1900) days.addAll(List.of(r.from(), r.from().minusDays(1)));
            r.to().ifPresent(t -> days.addAll(List.of(t, t.plusDays(1))));
        }
        for (int year = 1999; year <= 2027; year++) days.add(LocalDate.of(year, 6, 1));
        return days;
    }

    @Test
    @DisplayName("no decision cites a rule outside its period: no rule applies before the act that introduced it took effect")
    void noRuleOutsideItsPeriod() {
        RuleBook book = RuleBook.standard();
        int decisions = 0;
        for (Scenario s : scenarios().values()) {
            for (LocalDate day : probeDays()) {
                for (Instant at : List.of(startOf(day), endOf(day))) {
                    AdmissionDecision d = decide(s, at);
                    for (String id : cited(d)) assertThat(book.rule(id).inForce(day)).as(id + " cited on " + day).isTrue();
                    decisions++;
                }
            }
        }
        assertThat(decisions).isGreaterThan(1000);
    }

    @Test
    @Tag("ADM-RIC-01")
    @Tag("RIC-FORMAT")
    @DisplayName("ADM-RIC-01 no Allegato 6 anomaly code before 2022-01-01, and never towards a citizen or a firm")
    void anomalyCodes() {
        for (Map.Entry<String, Scenario> e : scenarios().entrySet()) {
            for (LocalDate day : probeDays()) {
                AdmissionDecision d = decide(e.getValue(), startOf(day));
                if (day.isBefore(LocalDate.of(2022, 1, 1))) {
                    assertThat(d.receivability().anomaly()).as(e.getKey() + " on " + day).isEmpty();
                }
            }
        }
        Scenario citizen = scenarios().get("RIC-REFUSED");
        Scenario pa = scenarios().get("RIC-FORMAT");
        Instant after = startOf(LocalDate.of(2022, 1, 1));
        assertThat(decide(citizen, after).receivability().outcome()).isEqualTo("not-receivable");
        assertThat(decide(pa, after).receivability().outcome()).isEqualTo("000_Irricevibile");
        assertThat(decide(pa, endOf(LocalDate.of(2021, 12, 31))).receivability().outcome()).isEqualTo("not-receivable");
        Evidence firm = pec(FIRM_PEC, after).file(file(FormatCode.UNREADABLE)).build();
        assertThat(AdmissionEngine.create(CONFIG, DIRECTORY).decide(firm).receivability().anomaly()).isEmpty();
    }
}
