package io.github.pec4j.mailroom;

import static io.github.pec4j.mailroom.OutboundFixture.STUDIO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pec4j.registry.OutboxEntry;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The request's own checks, the command line's recipient forms, and the inbound mailroom leaving letters alone. */
class OutboundRequestTest {

    @Test
    @DisplayName("a letter without subject, primary, recipient, classification and operator is refused naming all five")
    void everyMissingItemAtOnce() {
        assertThatThrownBy(() -> OutboundRequest.builder().build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("subject").hasMessageContaining("primary document").hasMessageContaining("recipient")
                .hasMessageContaining("classification").hasMessageContaining("operator");
    }

    @Test
    @DisplayName("recipients on the command line: ipa:CODE, cf:CODICE, email:ADDRESS, or a PEC address")
    void parsesRecipients() {
        assertThat(Recipient.parse("ipa:r_esempio")).isEqualTo(Recipient.ipa("r_esempio"));
        assertThat(Recipient.parse("CF:rssmra80a01h501u")).isEqualTo(Recipient.codiceFiscale("RSSMRA80A01H501U"));
        assertThat(Recipient.parse("email:mario@example.org").kind()).isEqualTo(Recipient.Kind.EMAIL);
        assertThat(Recipient.parse(" " + STUDIO + " ")).isEqualTo(Recipient.pec(STUDIO));
        assertThatThrownBy(() -> Recipient.parse("ipa:")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("the inbound mailroom never composes or sends a letter waiting in the outbox: only Outbound sends it, from its stored bytes")
    void mailroomLeavesLettersAlone() throws Exception {
        try (Harness h = new Harness()) {
            h.smtp.failNext(1);
            OutboundResult waiting;
            try (Outbound outbound = Outbound.builder(h.registry, Harness.REGISTER, Harness.BOX).mailSender(h.smtp).clock(h.clock).build()) {
                waiting = outbound.send(OutboundFixture.letter(Recipient.pec(STUDIO)).build());
            }
            assertThat(waiting.state()).isEqualTo(OutboundResult.State.REGISTERED);
            h.clock.advance(Duration.ofHours(1));
            try (Mailroom mailroom = h.builder().build()) {
                mailroom.runOnce();
            }
            assertThat(h.smtp.sent).isEmpty();
            assertThat(h.registry.mailroom().orElseThrow().outbox(waiting.protocol().orElseThrow())).extracting(OutboxEntry::state)
                    .containsExactly(OutboxEntry.State.PENDING);
        }
    }
}
