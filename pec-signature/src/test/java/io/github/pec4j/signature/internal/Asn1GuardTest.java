package io.github.pec4j.signature.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pec4j.testkit.HostileCms;
import io.github.pec4j.testkit.SignedDocuments;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class Asn1GuardTest {
    private static final SignedDocuments DOCS = SignedDocuments.create();
    private static final byte[] CONTENT = "contenuto firmato".getBytes(StandardCharsets.UTF_8);

    @Test
    @DisplayName("real CMS passes: DER, BER indefinite lengths, CAdES-T with its time-stamp, nested layers, trailing bytes")
    void realCmsPasses() {
        assertThat(Asn1Guard.problem(DOCS.cades(CONTENT))).isEmpty();
        assertThat(Asn1Guard.problem(DOCS.cadesBer(CONTENT))).isEmpty();
        assertThat(Asn1Guard.problem(DOCS.cadesT(CONTENT))).isEmpty();
        byte[] nested = CONTENT;
        for (int i = 0; i < 8; i++) {
            nested = DOCS.cades(nested);
        }
        assertThat(Asn1Guard.problem(nested)).isEmpty();
        byte[] withCrlf = java.util.Arrays.copyOf(DOCS.cades(CONTENT), DOCS.cades(CONTENT).length + 2);
        assertThat(Asn1Guard.problem(withCrlf)).isEmpty();
    }

    @Test
    @DisplayName("deep nesting is refused before any parser sees it: definite, indefinite, and inside an OCTET STRING")
    void depth() {
        assertThat(Asn1Guard.problem(HostileCms.nestedSets(10_000))).hasValueSatisfying(p -> assertThat(p).startsWith("nested deeper"));
        assertThat(Asn1Guard.problem(HostileCms.nestedIndefinite(10_000))).hasValueSatisfying(p -> assertThat(p).startsWith("nested deeper"));
        assertThat(Asn1Guard.problem(HostileCms.nestedInsideOctetString(10_000))).hasValueSatisfying(p -> assertThat(p).contains("inside a string"));
        assertThat(Asn1Guard.problem(HostileCms.nestedSets(Asn1Guard.MAX_DEPTH - 4))).isEmpty();
    }

    @Test
    @DisplayName("lengths past the end, unclosed or misplaced indefinite lengths and truncations are refused")
    void framing() {
        assertThat(Asn1Guard.problem(HostileCms.hugeLength())).hasValueSatisfying(p -> assertThat(p).contains("runs past the end"));
        assertThat(Asn1Guard.problem(HostileCms.hugeInnerLength())).hasValueSatisfying(p -> assertThat(p).contains("runs past the end"));
        assertThat(Asn1Guard.problem(HostileCms.unclosedIndefinite())).hasValueSatisfying(p -> assertThat(p).startsWith("truncated"));
        assertThat(Asn1Guard.problem(HostileCms.indefinitePrimitive())).hasValueSatisfying(p -> assertThat(p).contains("primitive"));
        assertThat(Asn1Guard.problem(HostileCms.endOfContentsInDefinite())).hasValueSatisfying(p -> assertThat(p).contains("end-of-contents"));
        assertThat(Asn1Guard.problem(new byte[0])).isPresent();
        for (byte[] cut : HostileCms.truncations(DOCS.cades(CONTENT))) {
            assertThat(Asn1Guard.problem(cut)).as("cut at %d", cut.length).isPresent();
        }
    }
}
