package io.github.pec4j.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pec4j.core.PecMessage;
import io.github.pec4j.testkit.TestPki;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Same clock, same PKI, same actions: the same identificativi and the same bytes. */
class DeterminismTest {
    static final String A = "protocollo@pec.comune.esempio.it";
    static final String B = "ufficio@pec.regione.esempio.it";

    /** One scripted run; returns every message of both boxes. */
    static List<byte[]> run(SimulatorOptions options) throws Exception {
        try (PecProviderSimulator sim = PecProviderSimulator.start(options)) {
            sim.box(A, Wire.PASSWORD).box(B, Wire.PASSWORD);
            sim.behaviour(B, Behaviour.delay(Duration.ofHours(13)));
            // a fixed Message-ID: the client's own one would be random
            var letter = Wire.letter(A, List.of(B), List.of(), "Deterministico", "Testo");
            letter.setHeader("Message-ID", "<fisso.1@client.comune.esempio.it>");
            letter.setHeader("Date", "Fri, 15 Mar 2024 10:15:29 +0100");
            Wire.send(sim.smtp(), A, letter);
            sim.deliverPec("mario.rossi@pec.example.it", A, "In arrivo");
            sim.advance(Duration.ofHours(13));
            List<byte[]> all = new ArrayList<>(sim.messages(A));
            all.addAll(sim.messages(B));
            return all;
        }
    }

    static List<String> identificativi(List<byte[]> messages) {
        return messages.stream().map(Pec::parse).map(PecMessage::correlation).map(c -> c.identificativo().orElse("-")).toList();
    }

    @Test
    @DisplayName("two runs with the same clock and PKI give the same daticert identificativi and the same bytes")
    void sameRunSameBytes() throws Exception {
        List<byte[]> first = run(SimulatorOptions.defaults());
        List<byte[]> second = run(SimulatorOptions.defaults());
        assertThat(identificativi(first)).hasSize(5).doesNotContain("-").isEqualTo(identificativi(second));
        assertThat(first).hasSameSizeAs(second);
        for (int i = 0; i < first.size(); i++) {
            assertThat(first.get(i)).as("message %d", i).isEqualTo(second.get(i));
        }
    }

    @Test
    @DisplayName("another PKI signs differently but numbers the same way")
    void anotherPki() throws Exception {
        List<byte[]> shared = run(SimulatorOptions.defaults());
        List<byte[]> other = run(SimulatorOptions.defaults().withPki(TestPki.generate(7)));
        assertThat(identificativi(other)).isEqualTo(identificativi(shared));
        assertThat(other.get(0)).isNotEqualTo(shared.get(0));
    }
}
