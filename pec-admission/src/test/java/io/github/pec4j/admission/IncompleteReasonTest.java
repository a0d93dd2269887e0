package io.github.pec4j.admission;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pec4j.admission.AdmissionDecision.RegistrationOutcome;
import io.github.pec4j.core.Completeness;
import io.github.pec4j.core.Gap;
import io.github.pec4j.core.GapKind;
import io.github.pec4j.core.Location;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The operator's reason for an incomplete message names at most five gaps, and says when there are more. */
class IncompleteReasonTest {

    private static Completeness gaps(int n) {
        return Completeness.of(IntStream.rangeClosed(1, n)
                .mapToObj(i -> new Gap(GapKind.PART_COUNT, Location.part("/" + i), "more than maxParts 2000"))
                .toList());
    }

    private static String reason(int gaps) {
        AdmissionDecision d = FailClosedEngineTest.ENGINE.decide(FailClosedEngineTest.pec().completeness(gaps(gaps)).build());
        assertThat(d.registration().outcome()).isEqualTo(RegistrationOutcome.NEEDS_OPERATOR);
        assertThat(d.registration().reasons().get(0).rule()).isEqualTo("REG-INCOMPLETE");
        return d.registration().reasons().get(0).message();
    }

    @Test
    @DisplayName("five gaps are all named, with no ellipsis")
    void five() {
        String m = reason(5);
        assertThat(m).contains("PART_COUNT at /1", "PART_COUNT at /5").doesNotContain("...");
    }

    @Test
    @DisplayName("seven gaps: the first five are named and '; ...' says there are more")
    void seven() {
        String m = reason(7);
        assertThat(m).contains("PART_COUNT at /5 (more than maxParts 2000); ...").doesNotContain("PART_COUNT at /6");
    }

    @Test
    @DisplayName("one gap: named, no ellipsis")
    void one() {
        assertThat(reason(1)).contains("PART_COUNT at /1 (more than maxParts 2000)").doesNotContain("...");
    }
}
