package io.github.pec4j.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class StaticDirectoryTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-12-01T10:00:00Z"), ZoneOffset.UTC);
    private static final String CF = "RSSMRA80A01H501U";

    private static StaticDirectory inipec() {
        return StaticDirectory.builder("inipec")
                .registers(DomicileRegister.INI_PEC)
                .clock(CLOCK)
                .owner(new AddressOwner.FirmOrProfessional("studio@pec.it", CF, "Mario Rossi"),
                        Optional.of(LocalDate.of(2021, 1, 1)), Optional.of(LocalDate.of(2023, 12, 31)))
                .owner(new AddressOwner.FirmOrProfessional("studio@pec.it", "01234567890", "Studio Associato"),
                        Optional.of(LocalDate.of(2024, 1, 1)), Optional.empty())
                .domicile(CF, "studio@pec.it", Optional.of(LocalDate.of(2021, 1, 1)), Optional.of(LocalDate.of(2023, 12, 31)))
                .domicile(CF, "mario.rossi@pec.it")
                .build();
    }

    @Test
    @DisplayName("owners and domiciles answer by date, ignoring case, dated by the clock")
    void byDate() {
        StaticDirectory d = inipec();
        Answer<AddressOwner> old = d.ownerOf("STUDIO@pec.it", LocalDate.of(2022, 5, 5));
        assertThat(((AddressOwner.FirmOrProfessional) old.value().orElseThrow()).name()).isEqualTo("Mario Rossi");
        assertThat(old.source()).isEqualTo("inipec");
        assertThat(old.asOf()).isEqualTo(CLOCK.instant());
        assertThat(((AddressOwner.FirmOrProfessional) d.ownerOf("studio@pec.it", LocalDate.of(2025, 1, 1)).value().orElseThrow()).taxCode())
                .isEqualTo("01234567890");
        assertThat(d.ownerOf("studio@pec.it", LocalDate.of(2020, 1, 1)).isNotFound()).isTrue();

        assertThat(d.domicilesOf(CF.toLowerCase(java.util.Locale.ROOT), LocalDate.of(2022, 1, 1)).value().orElseThrow()).hasSize(2);
        assertThat(d.domicilesOf(CF, LocalDate.of(2024, 1, 1)).value().orElseThrow()).extracting(Domicile::address)
                .containsExactly("mario.rossi@pec.it");
        assertThat(d.domicilesOf("BNCLRA85B41F205X", LocalDate.of(2024, 1, 1)).isNotFound()).isTrue();
    }

    @Test
    @DisplayName("the derived verify: true, false, not found")
    void derivedVerify() {
        StaticDirectory d = inipec();
        assertThat(d.verify(CF, "Studio@PEC.it", LocalDate.of(2022, 1, 1)).value()).contains(true);
        assertThat(d.verify(CF, "studio@pec.it", LocalDate.of(2024, 6, 1)).value()).contains(false);
        assertThat(d.verify("BNCLRA85B41F205X", "studio@pec.it", LocalDate.of(2024, 6, 1)).isNotFound()).isTrue();
        Map<String, Answer<List<Domicile>>> all = d.domicilesOfAll(List.of(CF, "BNCLRA85B41F205X", CF), LocalDate.of(2024, 6, 1));
        assertThat(all).containsOnlyKeys(CF, "BNCLRA85B41F205X");
    }

    @Test
    @DisplayName("DIR-CHAIN-01 questions outside its capabilities, or an unavailable table, are UNKNOWN, never NOT_FOUND")
    void unknowns() {
        StaticDirectory ownersOnly = StaticDirectory.builder("x").clock(CLOCK).capabilities(Lookup.OWNER_BY_ADDRESS).build();
        Answer<List<Domicile>> a = ownersOnly.domicilesOf(CF, LocalDate.of(2024, 1, 1));
        assertThat(a.isUnknown()).isTrue();
        assertThat(a.reason()).contains(Answer.REASON_NOT_SUPPORTED);

        StaticDirectory down = StaticDirectory.unavailable("inad", Answer.REASON_UNAVAILABLE + ": HTTP 503", DomicileRegister.INAD);
        assertThat(down.domicilesOf(CF, LocalDate.of(2024, 1, 1)).reason()).contains("unavailable: HTTP 503");
        assertThat(down.ownerOf("a@pec.it", LocalDate.of(2024, 1, 1)).isUnknown()).isTrue();
        assertThat(down.verify(CF, "a@pec.it", LocalDate.of(2024, 1, 1)).isUnknown()).isTrue();
        assertThat(down.registers()).containsExactly(DomicileRegister.INAD);
    }

    @Test
    @DisplayName("DIR-CHAIN-01 an INI-PEC adapter's failures are UNKNOWN; an empty result is NOT_FOUND")
    void iniPecAdapter() {
        IniPecDirectory failing = new IniPecDirectory(CLOCK) {
            @Override
            protected Optional<AddressOwner> findOwner(String address) throws IOException {
                throw new IOException("connection reset");
            }

            @Override
            protected List<Domicile> findDomiciles(String taxCode) {
                throw new IllegalStateException("bug");
            }
        };
        assertThat(failing.ownerOf("a@pec.it", LocalDate.of(2024, 1, 1)).reason()).hasValueSatisfying(r -> assertThat(r)
                .startsWith(Answer.REASON_UNAVAILABLE).contains("connection reset"));
        assertThat(failing.domicilesOf(CF, LocalDate.of(2024, 1, 1)).reason()).hasValueSatisfying(r -> assertThat(r)
                .startsWith(Answer.REASON_FAILED));

        IniPecDirectory empty = new IniPecDirectory(CLOCK) {
            @Override
            protected Optional<AddressOwner> findOwner(String address) {
                return address.equals("studio@pec.it") ? Optional.of(new AddressOwner.FirmOrProfessional("studio@pec.it", CF, "Mario Rossi"))
                        : Optional.empty();
            }

            @Override
            protected List<Domicile> findDomiciles(String taxCode) {
                return List.of(new Domicile("old@pec.it", ID, Optional.empty(), Optional.of(LocalDate.of(2020, 1, 1)), Optional.empty()));
            }
        };
        assertThat(empty.ownerOf("STUDIO@PEC.IT", LocalDate.of(2024, 1, 1)).isFound()).isTrue();
        assertThat(empty.ownerOf("x@pec.it", LocalDate.of(2024, 1, 1)).isNotFound()).isTrue();
        assertThat(empty.domicilesOf(CF, LocalDate.of(2024, 1, 1)).isNotFound()).as("only a past domicile").isTrue();
        assertThat(empty.registers()).containsExactly(DomicileRegister.INI_PEC);
        assertThat(empty.id()).isEqualTo("inipec");
    }
}
