package io.github.pec4j.receipts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The path {@link DeliveryBoard} takes for an event type it does not know, such as a provider's refusal at submission. */
class RefusalTest {
    static final String ID = "refused@client.comune.esempio.it";
    static final String A = "a@pec.esempio.it";
    static final String B = "b@pec.esempio.it";
    static final Instant T = Instant.parse("2026-03-02T09:00:00Z");

    static RecipientStatus of(DeliveryStatus s, String address) {
        return s.recipients().stream().filter(r -> r.address().equals(address)).findFirst().orElseThrow();
    }

    @Test
    @Tag("OUT-TRACK-01")
    @DisplayName("OUT-TRACK-01 a refusal naming a recipient fails that recipient with the provider's words; the others stand")
    void oneRecipient() {
        DeliveryTracker t = DeliveryTracker.create();
        t.track(SentMessage.of(ID, T, A, B));
        assertThat(t.refuse(ID, Optional.of("B@PEC.esempio.it"), T.plusSeconds(1), "submission-refused", "550 5.1.1 mailbox unknown")).isTrue();
        DeliveryStatus s = t.status(ID, T.plus(Duration.ofHours(30))).orElseThrow();
        assertThat(of(s, B).state()).isEqualTo(DeliveryState.NOT_ACCEPTED);
        assertThat(of(s, B).detail()).contains("550 5.1.1 mailbox unknown");
        assertThat(of(s, B).smtpCode()).contains("5.1.1");
        assertThat(of(s, B).next()).contains("550 5.1.1 mailbox unknown");
        assertThat(of(s, B).history()).singleElement().satisfies(h -> assertThat(h).startsWith("submission-refused"));
        assertThat(of(s, A).state()).isEqualTo(DeliveryState.SUBMITTED);
        assertThat(s.overall()).isEqualTo(DeliveryState.Light.RED);
    }

    @Test
    @Tag("OUT-TRACK-01")
    @DisplayName("OUT-TRACK-01 a refusal naming no recipient fails them all with the words kept; a delivered recipient stays delivered")
    void everyRecipient() {
        DeliveryTracker t = DeliveryTracker.create();
        t.track(SentMessage.of(ID, T, A, B));
        String words = "553 5.7.1 Sender address rejected: not owned by user";
        t.refuse(ID, Optional.empty(), T.plusSeconds(1), "submission-refused", words);
        DeliveryStatus s = t.status(ID, T.plusSeconds(2)).orElseThrow();
        assertThat(s.recipients()).allSatisfy(r -> {
            assertThat(r.state()).isEqualTo(DeliveryState.NOT_ACCEPTED);
            assertThat(r.detail()).contains(words);
            assertThat(r.smtpCode()).contains("5.7.1");
        });
        assertThat(t.refuse("unknown@x", Optional.empty(), T, "x", "")).isFalse();
    }
}
