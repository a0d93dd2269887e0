package io.github.pec4j.signature.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pec4j.testkit.HostileCms;
import io.github.pec4j.testkit.SignedDocuments;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
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

    @Test
    @DisplayName("elements inside strings inside elements: refused past the budget of encapsulation levels and when too deep inside a string, read as a stream as in an array")
    void encapsulationBudget() throws IOException {
        for (int levels : List.of(Asn1Guard.MAX_ENCAPSULATION - 1, Asn1Guard.MAX_ENCAPSULATION + 1)) {
            byte[] der = {0x30, 0x00};
            for (int i = 0; i < levels; i++) {
                der = tlv(0x30, tlv(0x04, der)); // a SEQUENCE holding an OCTET STRING that holds the level below
            }
            var expected = levels > Asn1Guard.MAX_ENCAPSULATION ? "elements encapsulated more than" : null;
            for (var found : List.of(Asn1Guard.problem(der), Asn1Guard.problem(new ByteArrayInputStream(der), der.length))) {
                if (expected == null) {
                    assertThat(found).as("%d levels", levels).isEmpty();
                } else {
                    assertThat(found).as("%d levels", levels).hasValueSatisfying(p -> assertThat(p).contains(expected));
                }
            }
        }
        byte[] deepInString = HostileCms.nestedInsideOctetString(10_000);
        assertThat(Asn1Guard.problem(new ByteArrayInputStream(deepInString), deepInString.length))
                .hasValueSatisfying(p -> assertThat(p).contains("inside a string"));
    }

    /** One DER element: tag, definite length, content. */
    private static byte[] tlv(int tag, byte[] content) {
        int n = content.length;
        byte[] length = n < 0x80 ? new byte[] {(byte) n} : n < 0x100 ? new byte[] {(byte) 0x81, (byte) n}
                : new byte[] {(byte) 0x82, (byte) (n >> 8), (byte) n};
        byte[] out = new byte[1 + length.length + n];
        out[0] = (byte) tag;
        System.arraycopy(length, 0, out, 1, length.length);
        System.arraycopy(content, 0, out, 1 + length.length, n);
        return out;
    }

    @Test
    @DisplayName("a tag number in up to 4 octets is read past; a longer one is refused, in an array as in a stream")
    void highTagNumbers() throws IOException {
        byte[] fourOctets = {0x1F, (byte) 0x81, (byte) 0x81, (byte) 0x81, 0x01, 0x00};
        byte[] fourThenPastTheEnd = {0x1F, (byte) 0x81, (byte) 0x81, (byte) 0x81, 0x01, 0x05}; // the element after the tag is still checked
        byte[] fiveOctets = {0x1F, (byte) 0x81, (byte) 0x81, (byte) 0x81, (byte) 0x81, 0x01, (byte) 0xFF}; // and nothing after a refused tag is read
        assertThat(Asn1Guard.problem(fourOctets)).isEmpty();
        assertThat(Asn1Guard.problem(new ByteArrayInputStream(fourOctets), fourOctets.length)).isEmpty();
        assertThat(Asn1Guard.problem(fourThenPastTheEnd)).hasValueSatisfying(p -> assertThat(p).contains("runs past the end"));
        assertThat(Asn1Guard.problem(fiveOctets)).hasValueSatisfying(p -> assertThat(p).startsWith("a tag number longer than 4 octets"));
        assertThat(Asn1Guard.problem(new ByteArrayInputStream(fiveOctets), fiveOctets.length))
                .hasValueSatisfying(p -> assertThat(p).startsWith("a tag number longer than 4 octets"));
    }

    @Test
    @DisplayName("a stream that ends before the size it was given is truncated wherever it stops: in a header, in a string looked into, in one skipped")
    void streamEndingEarly() throws IOException {
        byte[] plainChunks = DOCS.cadesBer(new byte[20_000]); // content chunks starting with 0x00: skipped unread
        byte[] elementChunks = DOCS.cadesBer(DOCS.cades(new byte[20_000])); // the first chunk starts a SEQUENCE: read and scanned
        for (byte[] whole : List.of(plainChunks, elementChunks)) {
            assertThat(Asn1Guard.problem(new ByteArrayInputStream(whole), whole.length)).isEmpty();
            for (int cut = 1; cut < whole.length; cut += 97) {
                byte[] part = Arrays.copyOf(whole, cut);
                assertThat(Asn1Guard.problem(new ByteArrayInputStream(part), whole.length)).as("cut at %d", cut)
                        .hasValueSatisfying(p -> assertThat(p).startsWith("truncated"));
            }
        }
    }
}
