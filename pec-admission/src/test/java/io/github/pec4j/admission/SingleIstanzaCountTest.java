package io.github.pec4j.admission;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pec4j.admission.AdmissionDecision.IstanzaOutcome;
import io.github.pec4j.admission.Evidence.Channel;
import io.github.pec4j.admission.Evidence.SignatureFact;
import io.github.pec4j.admission.Evidence.SignatureLevel;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The manuale's "one istanza per message" counts signed documents, not signatures: the operator's
 * check starts at the second distinct signed file (PIT left the {@code > 1} boundary alive).
 */
class SingleIstanzaCountTest {
    private static final Instant AT = Instant.parse("2024-05-06T08:00:00Z");
    private static final String CITIZEN = AdmissionEngineTest.CITIZEN;
    private static final AooConfig SINGLE = new AooConfig("", "", List.of(), AooConfig.Handling.REGISTER, AooConfig.Handling.REGISTER,
            List.of(), List.of(), List.of(), true, true);

    private static SignatureFact signed(String file, boolean primary, String signer) {
        return new SignatureFact(file, SignatureLevel.QUALIFIED, true, primary, Optional.of(CITIZEN), signer);
    }

    private static AdmissionDecision decide(SignatureFact... signatures) {
        Evidence.Builder b = Evidence.builder(Channel.PEO, AT).sender("m@example.org").declarant(CITIZEN);
        for (SignatureFact s : signatures) {
            b.signature(s);
        }
        return AdmissionEngine.create(SINGLE, AdmissionEngineTest.directory()).decide(b.build());
    }

    @Test
    @DisplayName("one signed document is one istanza: VALID(a) and no operator's check")
    void oneDocument() {
        AdmissionDecision d = decide(signed("istanza.pdf.p7m", true, "Mario Rossi"));
        assertThat(d.istanza().outcome()).isEqualTo(IstanzaOutcome.VALID);
        assertThat(d.istanza().letter()).contains("a");
        assertThat(d.istanza().operatorChecks()).isEmpty();
    }

    @Test
    @DisplayName("two signatures on the same document are still one istanza")
    void twoSignaturesOneDocument() {
        AdmissionDecision d = decide(signed("istanza.pdf.p7m", true, "Mario Rossi"), signed("istanza.pdf.p7m", true, "Mario Rossi"));
        assertThat(d.istanza().operatorChecks()).isEmpty();
    }

    @Test
    @DisplayName("three signed documents: one check that names the count, validity unchanged")
    void threeDocuments() {
        AdmissionDecision d = decide(signed("istanza-1.pdf.p7m", true, "Mario Rossi"), signed("istanza-2.pdf.p7m", false, "Mario Rossi"),
                signed("allegato.pdf.p7m", false, "Mario Rossi"));
        assertThat(d.istanza().outcome()).isEqualTo(IstanzaOutcome.VALID);
        assertThat(d.istanza().operatorChecks()).singleElement().asString()
                .contains("one istanza per message").contains("3 signed documents");
    }
}
