package io.github.pec4j.mailroom;

import static io.github.pec4j.mailroom.OutboundFixture.STUDIO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pec4j.registry.OutboxEntry;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The request's own checks, the command line's recipient forms, and each kind of outbox entry sent by its one sender (OutboxRoute). */
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

    @Test
    @DisplayName("the outbound side never sends the mailroom's mail: a due conferma from the box waits for the mailroom, which sends it once")
    void outboundLeavesMailroomMailAlone() throws Exception {
        try (Harness h = new Harness()) {
            OutboxEntry conferma = OutboxEntry.pending("conferma:test", OutboxEntry.Kind.CONFERMA, Harness.BOX, STUDIO, Optional.empty(),
                    Optional.empty(), "Conferma di ricezione", "<ConfermaRicezione/>", false, Optional.empty(), "<conferma.test@pec.comune.esempio.it>",
                    h.clock.instant());
            h.registry.mailroom().orElseThrow().enqueue(conferma);
            try (Outbound outbound = Outbound.builder(h.registry, Harness.REGISTER, Harness.BOX).mailSender(h.smtp).clock(h.clock).build()) {
                assertThat(outbound.resume()).isEmpty();
            }
            assertThat(h.smtp.attempts).isZero();
            try (Mailroom mailroom = h.builder().build()) {
                mailroom.runOnce();
                mailroom.runOnce();
            }
            assertThat(h.smtp.to(STUDIO)).hasSize(1);
            assertThat(h.registry.mailroom().orElseThrow().outboxEntry("conferma:test").orElseThrow().state()).isEqualTo(OutboxEntry.State.SENT);
        }
    }
}
