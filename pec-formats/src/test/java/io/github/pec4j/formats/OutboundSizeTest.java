package io.github.pec4j.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class OutboundSizeTest {
    private static final long LIMIT = 30L * 1024 * 1024;

    @Test
    @DisplayName("FMT-SIZE-01 size × recipients over the limit is refused, and the refusal says what was measured")
    void sizeTimesRecipients() {
        OutboundSize one = OutboundSize.ofPayload(10L * 1024 * 1024, 1, LIMIT);
        assertThat(one.allowed()).isTrue();
        assertThat(one.finding()).isNull();

        OutboundSize four = OutboundSize.ofPayload(10L * 1024 * 1024, 4, LIMIT);
        assertThat(four.allowed()).isFalse();
        assertThat(four.totalBytes()).isEqualTo(40L * 1024 * 1024);
        Finding f = four.finding();
        assertThat(f.code()).isEqualTo(FormatCode.OUTBOUND_TOO_LARGE);
        assertThat(f.english()).contains("payload", "× 4 recipients");
        assertThat(f.italian()).contains("invio");

        OutboundSize envelope = OutboundSize.ofEnvelope(31L * 1024 * 1024, 1, LIMIT);
        assertThat(envelope.allowed()).isFalse();
        assertThat(envelope.finding().english()).contains("encoded envelope").doesNotContain("payload");
    }

    @Test
    @DisplayName("FMT-SIZE-01 a payload under the limit can still make an envelope over it: the estimate is 1.33–1.37×")
    void envelopeEstimate() {
        for (int n : new int[] {1, 57, 1000, 1 << 20, 23 * 1024 * 1024}) {
            byte[] data = new byte[n];
            long mime = Base64.getMimeEncoder().encode(data).length + 2L; // the encoder omits the last line break
            assertThat(OutboundSize.base64Envelope(n)).as("n=%d", n).isEqualTo(mime);
        }
        OutboundSize p = OutboundSize.ofPayload(23L * 1024 * 1024, 1, LIMIT);
        assertThat(p.allowed()).isTrue();
        double ratio = (double) p.estimatedEnvelopeBytes() / p.measuredBytes();
        assertThat(ratio).isBetween(1.33, 1.37);
        assertThat(OutboundSize.ofEnvelope(p.estimatedEnvelopeBytes(), 1, LIMIT).allowed()).isFalse();
        assertThatThrownBy(() -> OutboundSize.ofPayload(1, 0, LIMIT)).isInstanceOf(IllegalArgumentException.class);
        assertThat(OutboundSize.ofPayload(Long.MAX_VALUE / 2, 3, LIMIT).totalBytes()).isEqualTo(Long.MAX_VALUE);
    }
}
