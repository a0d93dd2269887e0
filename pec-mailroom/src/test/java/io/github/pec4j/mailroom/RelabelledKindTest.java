package io.github.pec4j.mailroom;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pec4j.registry.IntakeEntry;
import io.github.pec4j.registry.IntakeEntry.Outcome;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The kind of a PEC comes from headers outside the provider's signature; its daticert's {@code tipo} is inside it.
 * A copy whose headers were changed on the way (a relay, an attacker) keeps a valid signature: it must not be
 * registered as another kind, and must not take the genuine envelope's place. Found by fuzzing a mailroom round
 * ({@code MailroomRoundFuzzTest}, seed {@code crasher-relabelled-anomalia.txt}): a genuine PEC relabelled
 * {@code X-Trasporto: errore} was registered as an anomalia (art. 53 c.5), and the genuine copy after it quarantined
 * as a conflict.
 */
@Tag("SEC-CLOSED-10")
class RelabelledKindTest {

    @Test
    @DisplayName("SEC-CLOSED-10 a genuine PEC relabelled X-Trasporto: errore is quarantined for an operator; the genuine copy, before or after it, is registered once")
    void relabelledAnomalia() throws Exception {
        try (Harness h = new Harness(); Mailroom mailroom = h.builder().build()) {
            byte[] genuine = h.scenarios.citizenFromUnlistedPec();
            byte[] relabelled = relabel(genuine, "X-Trasporto: posta-certificata", "X-Trasporto: errore");
            h.mailbox.deliver(relabelled);
            h.mailbox.deliver(genuine);
            RoundReport first = mailroom.runOnce();
            h.mailbox.deliver(relabelled);
            RoundReport second = mailroom.runOnce();

            assertThat(first.messages()).extracting(IntakeEntry::outcome).containsExactly(Outcome.QUARANTINED, Outcome.REGISTERED);
            assertThat(first.messages().get(0).kind()).isEqualTo("anomalia");
            assertThat(String.join(" ", first.messages().get(0).reasons())).contains("anomalia", "posta-certificata");
            assertThat(first.messages().get(0).key()).isNotEqualTo(first.messages().get(1).key());
            assertThat(second.messages()).extracting(IntakeEntry::outcome).containsExactly(Outcome.QUARANTINED);
            assertThat(h.registrations()).hasSize(1);
            assertThat(h.mailbox.count(Folders.INBOX)).isZero();
        }
    }

    @Test
    @DisplayName("SEC-CLOSED-10 a genuine avvenuta-consegna relabelled X-Ricevuta: accettazione is quarantined, never filed; the genuine copy is taken as before")
    void relabelledReceipt() throws Exception {
        try (Harness h = new Harness(); Mailroom mailroom = h.builder().build()) {
            byte[] genuine = h.scenarios.receipt();
            byte[] relabelled = relabel(genuine, "X-Ricevuta: avvenuta-consegna", "X-Ricevuta: accettazione");
            h.mailbox.deliver(relabelled);
            h.mailbox.deliver(genuine);
            RoundReport round = mailroom.runOnce();

            assertThat(round.messages()).extracting(IntakeEntry::outcome).containsExactly(Outcome.QUARANTINED, Outcome.RECEIPT_UNMATCHED);
            assertThat(String.join(" ", round.messages().get(0).reasons())).contains("the headers say accettazione but the signed daticert says avvenuta-consegna");
            assertThat(round.messages()).extracting(IntakeEntry::kind).containsExactly("accettazione", "avvenuta-consegna");
            assertThat(h.registrations()).isEmpty();
        }
    }

    private static byte[] relabel(byte[] message, String header, String replacement) {
        String text = new String(message, StandardCharsets.ISO_8859_1);
        assertThat(text).contains(header);
        return text.replace(header, replacement).getBytes(StandardCharsets.ISO_8859_1);
    }
}
