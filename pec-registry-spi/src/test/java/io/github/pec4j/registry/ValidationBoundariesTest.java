package io.github.pec4j.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The limits the SPI's records enforce, each tried on both sides of its boundary. */
class ValidationBoundariesTest {
    private static final RegisterId PG = RegisterId.of("c_h501", "A1", "PG");

    private static RegistrationRequest.Builder paper(String oggetto) {
        return RegistrationRequest.incoming(PG, Channel.PAPER).correspondent(Correspondent.named("Anna Bianchi")).oggetto(oggetto)
                .classification(Classification.of("I.1")).operator(Actor.system("op"));
    }

    @Test
    @Tag("REG-FIELD-01")
    @DisplayName("REG-FIELD-01 an oggetto of 4000 characters registers, one of 4001 is refused")
    void oggettoLength() {
        assertThat(paper("o".repeat(4000)).build().oggetto()).hasSize(4000);
        assertThatThrownBy(() -> paper("o".repeat(4001)).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("oggetto longer than 4000 characters");
    }

    @Test
    @Tag("REG-FIELD-01")
    @DisplayName("REG-FIELD-01 a blank fascicolo is refused; paper needs no document, a telematic channel does")
    void fascicoloAndChannel() {
        assertThat(paper("o").fascicolo("2025-I.1-0001").build().fascicolo()).contains("2025-I.1-0001");
        assertThatThrownBy(() -> paper("o").fascicolo("  ").build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fascicolo is blank");
        assertThat(Channel.PAPER.telematic()).isFalse();
        for (Channel c : Channel.values()) {
            if (c != Channel.PAPER) {
                assertThat(c.telematic()).as("%s", c).isTrue();
            }
        }
    }

    @Test
    @Tag("REG-DUP-01")
    @DisplayName("REG-DUP-01 an idempotency key has 1 to 128 printable ASCII characters")
    void keyLength() {
        assertThat(IdempotencyKey.of("k".repeat(128)).value()).hasSize(128);
        assertThatThrownBy(() -> IdempotencyKey.of("k".repeat(129))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IdempotencyKey.of("chiave\u00e8")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IdempotencyKey.of("a\u007f")).isInstanceOf(IllegalArgumentException.class);
        assertThat(IdempotencyKey.of("~!")).hasToString("~!");
    }

    @Test
    @Tag("REG-NUM-03")
    @DisplayName("REG-NUM-03 register codes are 1-64 characters of [A-Za-z0-9_.-]")
    void codeLength() {
        String x = "x".repeat(64);
        assertThat(RegisterId.of(x, "A.1-b_2", "PG").amministrazione()).hasSize(64);
        assertThatThrownBy(() -> RegisterId.of(x + "x", "A1", "PG")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RegisterId.of("c_h501", "A/1", "PG")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RegisterId.of("c_h501", "A1", " ")).isInstanceOf(IllegalArgumentException.class);
    }
}
