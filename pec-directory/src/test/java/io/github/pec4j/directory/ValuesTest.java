package io.github.pec4j.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ValuesTest {
    private static final Instant NOW = Instant.parse("2025-12-01T10:00:00Z");

    @Test
    @DisplayName("DIR-CHAIN-01 an answer carries outcome, source and date; UNKNOWN says why; a value exactly when FOUND")
    void answerInvariants() {
        Answer<String> found = Answer.found("ipa", NOW, "x");
        assertThat(found.outcome()).isEqualTo(Answer.Outcome.FOUND);
        assertThat(found.source()).isEqualTo("ipa");
        assertThat(found.asOf()).isEqualTo(NOW);
        assertThat(found.isPartial()).isFalse();
        assertThat(found.withReason("inad: timeout").isPartial()).isTrue();
        assertThat(found.map(String::length).value()).contains(1);

        Answer<String> unknown = Answer.unknown("inad", NOW, Answer.REASON_TIMEOUT);
        assertThat(unknown.reason()).contains("timeout");
        assertThat(unknown.map(String::length).isUnknown()).isTrue();
        assertThat(Answer.<String>notSupported("inad", NOW).reason()).contains(Answer.REASON_NOT_SUPPORTED);

        assertThatThrownBy(() -> new Answer<>(Answer.Outcome.UNKNOWN, Optional.empty(), "x", NOW, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Answer<>(Answer.Outcome.NOT_FOUND, Optional.of("v"), "x", NOW, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Answer<>(Answer.Outcome.FOUND, Optional.empty(), "x", NOW, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Answer.notFound(" ", NOW)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Answer.notFound("x", null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    @DisplayName("DIR-INAD-01 a domicile whose end of validity precedes the day is not a domicile that day")
    void domicileValidity() {
        Domicile d = new Domicile("Mario.Rossi@PEC.it", "inad", Optional.of(LocalDate.of(2023, 7, 6)), Optional.of(LocalDate.of(2024, 3, 10)),
                Optional.of("Avvocato"));
        assertThat(d.validAt(LocalDate.of(2023, 7, 5))).isFalse();
        assertThat(d.validAt(LocalDate.of(2023, 7, 6))).isTrue();
        assertThat(d.validAt(LocalDate.of(2024, 3, 10))).as("the last day counts").isTrue();
        assertThat(d.validAt(LocalDate.of(2024, 3, 11))).isFalse();
        assertThat(d.hasAddress(" mario.rossi@pec.IT ")).isTrue();
        assertThat(Domicile.of("a@pec.it", "x").validAt(LocalDate.MIN)).isTrue();
        assertThatThrownBy(() -> Domicile.of("not an address", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Domicile("a@pec.it", "x", Optional.of(LocalDate.of(2024, 1, 2)), Optional.of(LocalDate.of(2024, 1, 1)),
                Optional.empty())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("owners are a sealed set of kinds")
    void owners() {
        List<AddressOwner> owners = List.of(
                new AddressOwner.FirmOrProfessional("studio@pec.it", "RSSMRA80A01H501U", "Mario Rossi"),
                new AddressOwner.Person("mario@pec.it", "RSSMRA80A01H501U"));
        assertThat(owners).extracting(AddressOwner::kind)
                .containsExactly(AddressOwner.Kind.FIRM_OR_PROFESSIONAL, AddressOwner.Kind.PERSON);
        String described = owners.get(0) instanceof AddressOwner.FirmOrProfessional f ? f.name() : "";
        assertThat(described).isEqualTo("Mario Rossi");
    }
}
