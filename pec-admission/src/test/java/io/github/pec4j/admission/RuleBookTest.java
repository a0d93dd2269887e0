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
    @DisplayName("ADM-65-TIME-01 the c-bis wordings change on 2020-07-17: the new letters start that day, the old one ends the day before")
    void boundaries() {
        RuleBook book = RuleBook.standard();
        LocalDate change = LocalDate.of(2020, 7, 17);
        for (String id : new String[] {"A65-C-BIS-REGISTERED", "A65-C-BIS-SPECIAL", "A65-C-BIS-OTHER", "A65-B-BIS"}) {
            assertThat(book.rule(id).inForce(change)).as(id).isTrue();
            assertThat(book.rule(id).inForce(change.minusDays(1))).as(id).isFalse();
        }
        assertThat(book.rule("A65-C-BIS-LEGACY").inForce(change.minusDays(1))).isTrue();
        assertThat(book.rule("A65-C-BIS-LEGACY").inForce(change)).isFalse();
        assertThat(book.rule("A65-C-BIS-CECPAC").inForce(LocalDate.of(2015, 9, 17))).isTrue();
        assertThat(book.rule("A65-C-BIS-CECPAC").inForce(LocalDate.of(2015, 9, 18))).isFalse();
        assertThat(book.rule("REG-40BIS").inForce(LocalDate.of(2016, 9, 13))).isFalse();
        assertThat(book.rule("A47-FAX").inForce(LocalDate.of(2013, 6, 22))).isTrue();
    }

    @Test
    void twoDetails() {
        Reason r = RuleBook.standard().rule("A65-A-OTHER-SIGNER").reason("Luca Bianchi", "RSSMRA80A01H501U");
        assertThat(r.message()).isEqualTo("The valid signature is by Luca Bianchi, not by the declarant RSSMRA80A01H501U: letter a does not hold.");
        assertThat(r.messaggio()).contains("di Luca Bianchi, non del dichiarante RSSMRA80A01H501U");
    }
}
