package io.github.pec4j.admission;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pec4j.admission.AdmissionDecision.RegistrationOutcome;
import io.github.pec4j.admission.Evidence.Channel;
import io.github.pec4j.core.Completeness;
import io.github.pec4j.core.Gap;
import io.github.pec4j.core.GapKind;
import io.github.pec4j.core.Location;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The engine's fail-closed paths, from evidence alone. */
class FailClosedEngineTest {
    static final String AOO_BOX = "protocollo@pec.comune.esempio.it";
    static final Instant AT = Instant.parse("2024-05-06T08:00:00Z");
    static final Completeness DEEP = Completeness.of(List.of(new Gap(GapKind.MIME_DEPTH, Location.part("/1/3/msg/1"),
            "nested deeper than maxMimeDepth 24; not parsed")));
    static final AdmissionEngine ENGINE = AdmissionEngine.create(AooConfig.defaults().withMailboxes(AOO_BOX), AdmissionEngine.NO_DIRECTORY);

    static Evidence.Builder pec() {
        return Evidence.builder(Channel.PEC, AT).sender("mario.rossi@pec.example.it").receivedOn(AOO_BOX).subject("Istanza");
    }

    @Test
    @DisplayName("SEC-CLOSED-03 certified PEC on the AOO domicile: complete is registered and receivable; incomplete needs an operator")
    void incompleteNeedsOperator() {
        AdmissionDecision complete = ENGINE.decide(pec().build());
        assertThat(complete.registration().outcome()).isEqualTo(RegistrationOutcome.REGISTER);
        assertThat(complete.receivability().receivable()).isTrue();

        AdmissionDecision d = ENGINE.decide(pec().completeness(DEEP).build());
        assertThat(d.registration().outcome()).isEqualTo(RegistrationOutcome.NEEDS_OPERATOR);
        assertThat(d.registration().outcome().id()).isEqualTo("needs-operator");
        assertThat(d.registration().reasons().get(0).message()).contains("MIME_DEPTH at /1/3/msg/1", "maxMimeDepth 24");
        assertThat(d.receivability().needsOperator()).isTrue();
        assertThat(d.receivability().receivable()).isFalse();
        assertThat(d.receivability().anomaly()).isEmpty();
        assertThat(d.receivability().outcome()).isEqualTo("needs-operator");
    }

    @Test
    @DisplayName("SEC-CLOSED-03 an incomplete message whose key was registered before is not a silent duplicate: the operator sees the registration")
    void incompleteDuplicate() {
        AdmissionDecision d = ENGINE.decide(pec().completeness(DEEP).duplicateOf("c_esempio/AOO/2024/0000007").build());
        assertThat(d.registration().outcome()).isEqualTo(RegistrationOutcome.NEEDS_OPERATOR);
        assertThat(d.registration().existing()).contains("c_esempio/AOO/2024/0000007");
        assertThat(d.registration().reasons()).extracting(Reason::rule).containsExactly("REG-INCOMPLETE", "REG-DUPLICATE");
    }

    @Test
    @DisplayName("SEC-CLOSED-03 a format refusal still gives its anomaly code; incompleteness never turns it receivable")
    void anomalyWins() {
        Evidence e = pec().completeness(DEEP).segnatura(new Evidence.SegnaturaFact("v3", true, List.of("002_AnomaliaImpronte"), "x.pdf: mismatch",
                Optional.empty())).build();
        assertThat(ENGINE.decide(e).receivability().outcome()).isEqualTo("002_AnomaliaImpronte");
    }

    @Test
    @DisplayName("SEC-CLOSED-04 a segnatura refused or unreadable: 000_Irricevibile (RIC-SEG-UNREADABLE) and an operator registers")
    void refusedSegnatura() {
        for (String format : List.of(Evidence.SegnaturaFact.REFUSED, Evidence.SegnaturaFact.UNREADABLE)) {
            Evidence e = pec().segnatura(new Evidence.SegnaturaFact(format, false, List.of("000_Irricevibile"), "Segnatura.xml: refused",
                    Optional.empty())).build();
            AdmissionDecision d = ENGINE.decide(e);
            assertThat(d.receivability().outcome()).as(format).isEqualTo("000_Irricevibile");
            assertThat(d.receivability().reasons()).extracting(Reason::rule).containsExactly("RIC-SEG-UNREADABLE");
            assertThat(d.registration().outcome()).isEqualTo(RegistrationOutcome.NEEDS_OPERATOR);
        }
    }

    @Test
    @DisplayName("SEC-CLOSED-03 a PEC receipt is still receipt-only when incomplete (receipts are never registered)")
    void receipt() {
        AdmissionDecision d = ENGINE.decide(pec().kind(Evidence.Kind.PEC_RECEIPT).completeness(DEEP).build());
        assertThat(d.registration().outcome()).isEqualTo(RegistrationOutcome.RECEIPT_ONLY);
    }
}
