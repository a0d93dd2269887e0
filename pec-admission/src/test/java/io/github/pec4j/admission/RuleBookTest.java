package io.github.pec4j.admission;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RuleBookTest {
    static Stream<Rule> rules() {
        return RuleBook.standard().all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    @DisplayName("every rule cites its article in Italian, says what it decides in Italian and English, and is in force exactly in its period")
    void ruleData(Rule rule) {
        assertThat(rule.citation()).isNotBlank();
        assertThat(rule.italian()).isNotBlank().isNotEqualTo(rule.english());
        assertThat(rule.english()).isNotBlank();
        assertThat(rule.italian().split("%s", -1).length).as("same placeholders in both languages").isEqualTo(rule.english().split("%s", -1).length);
        assertThat(rule.inForce(rule.from())).isTrue();
        assertThat(rule.inForce(rule.from().minusDays(1))).isFalse();
        rule.to().ifPresentOrElse(to -> {
            assertThat(to).isAfterOrEqualTo(rule.from());
            assertThat(rule.inForce(to)).isTrue();
            assertThat(rule.inForce(to.plusDays(1))).isFalse();
        }, () -> assertThat(rule.inForce(LocalDate.of(2100, 1, 1))).isTrue());
        Reason r = rule.reason("X", "Y");
        assertThat(r.rule()).isEqualTo(rule.id());
        assertThat(r.citation()).isEqualTo(rule.citation());
        assertThat(r.inForce()).startsWith(rule.from().toString());
    }

    @Test
    @Tag("ADM-65-TIME-01")
    @DisplayName("ADM-65-TIME-01 the periods the official texts give: DPR 445 from 2001-03-07, the CAD from 2006-01-01, 40-bis from 2011-01-25, "
            + "the fax exclusion from 2013-08-21, CEC-PAC sending until 2015-03-17, the 2021 guidelines from 2022-01-01")
    void periods() {
        RuleBook book = RuleBook.standard();
        assertThat(book.rule("REG-53").from()).isEqualTo(LocalDate.of(2001, 3, 7));
        for (String id : new String[] {"A47-NOT-PA", "A47-A", "A47-B-2006", "A47-D", "A47-NONE", "A65-A-2006", "A65-B-2006", "A65-NONE"}) {
            assertThat(book.rule(id).from()).as(id).isEqualTo(LocalDate.of(2006, 1, 1));
        }
        assertThat(book.rule("REG-40BIS-2011").period()).isEqualTo("2011-01-25/2016-09-13");
        assertThat(book.rule("A47-FAX").from()).isEqualTo(LocalDate.of(2013, 8, 21));
        assertThat(book.rule("A65-C-BIS-CECPAC").period()).isEqualTo("2011-01-25/2015-03-17");
        assertThat(book.rule("A65-B-2016").period()).isEqualTo("2016-09-14/2020-07-16");
        assertThat(book.rule("A65-A").from()).as("advanced signatures through art. 20, D.Lgs. 217/2017").isEqualTo(LocalDate.of(2018, 1, 27));
        assertThat(book.rule("A65-C").from()).isEqualTo(LocalDate.of(2016, 9, 14));
        assertThat(book.rule("A38-C3").period()).isEqualTo("2001-03-07/2016-09-13");
        for (String id : new String[] {"RIC-OK", "RIC-FORMAT", "RIC-UNREADABLE", "RIC-SEG-SIGNATURE", "RIC-SEG-IMPRONTA", "RIC-DOC-SIGNATURE", "REG-RECEIPT"}) {
            assertThat(book.rule(id).from()).as(id).isEqualTo(LocalDate.of(2022, 1, 1));
        }
        assertThat(book.rule("A65-DL76-CONVERSIONE").period()).isEqualTo("2020-07-17/2020-09-14");
    }

    @Test
    @DisplayName("a rule whose wording changed is several rules that meet without gap or overlap")
    void wordingsMeet() {
        RuleBook book = RuleBook.standard();
        String[][] chains = {{"REG-RECEIPT-2001", "REG-RECEIPT"}, {"REG-40BIS-2011", "REG-40BIS"}, {"A47-B-2006", "A47-B"},
            {"A65-A-2006", "A65-A"}, {"A65-B-2006", "A65-B-2016", "A65-B"}, {"A38-C3", "A65-C"}, {"A65-C-BIS-LEGACY", "A65-C-BIS-REGISTERED"},
            {"RIC-OK-2001", "RIC-OK"}, {"BEFORE-RULES", "PRE-CAD"}, {"SERCQ-EIDAS", "SERCQ-1-TER"}};
        for (String[] chain : chains) {
            for (int i = 1; i < chain.length; i++) {
                assertThat(book.rule(chain[i - 1]).to()).as(chain[i - 1]).contains(book.rule(chain[i]).from().minusDays(1));
            }
        }
    }

    @Test
    @DisplayName("every rule names the act its period comes from")
    void sources() {
        for (Rule r : RuleBook.standard().all()) assertThat(r.source()).as(r.id()).isNotBlank();
        assertThat(RuleBook.standard().rule("A47-FAX").source()).contains("L. 98/2013");
        assertThat(RuleBook.standard().rule("A65-C-BIS-SPECIAL").italian()).contains("per gli atti e le comunicazioni a cui è riferita l'istanza o la dichiarazione");
        assertThat(RuleBook.standard().rule("A65-NONE").citation()).contains("L. 241/1990, art. 6").contains("c. 1-ter");
        assertThat(RuleBook.standard().rule("A47-NONE").citation()).doesNotContain("1-bis");
    }

    @Test
    void twoDetails() {
        Reason r = RuleBook.standard().rule("A65-A-OTHER-SIGNER").reason("Luca Bianchi", "RSSMRA80A01H501U");
        assertThat(r.message()).isEqualTo("The valid signature is by Luca Bianchi, not by the declarant RSSMRA80A01H501U: letter a does not hold.");
        assertThat(r.messaggio()).contains("di Luca Bianchi, non del dichiarante RSSMRA80A01H501U");
    }
}
