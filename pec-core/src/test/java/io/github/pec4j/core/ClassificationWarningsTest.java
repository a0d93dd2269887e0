package io.github.pec4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The classification's warnings are part of its answer: an operator reads them to know why a kind
 * was taken from the daticert, or why a message with PEC parts is ordinary mail (PIT left each of
 * these diagnostics removable without a failing test).
 */
class ClassificationWarningsTest {
    private final PecParser parser = PecParser.create();

    private PecMessage parse(String headers, String daticert) {
        return parser.parse(Mime.bytes(Mime.envelope(headers, daticert, Mime.original("a.pdf", new byte[] {1, 2, 3}))));
    }

    @Test
    @DisplayName("PEC-KIND-06 a non-standard X-Trasporto is kept raw with a warning; the kind comes from the signed daticert")
    void nonStandardTrasporto() {
        String headers = Mime.envelopeHeaders().replace("X-Trasporto: posta-certificata", "X-Trasporto: posta-certificata-v2");
        try (PecMessage m = parse(headers, Mime.DATICERT_ENVELOPE)) {
            assertThat(m.kind()).isEqualTo(PecKind.POSTA_CERTIFICATA);
            assertThat(m.diagnostics(ParseCode.PEC_HEADER_NONSTANDARD)).singleElement().satisfies(d -> {
                assertThat(d.message()).contains("X-Trasporto 'posta-certificata-v2'");
                assertThat(d.location().mimePath()).isEqualTo("/");
            });
        }
    }

    @Test
    @DisplayName("PEC-KIND-06 non-standard PEC headers with neither a daticert nor a Subject prefix: ordinary mail, with the reason")
    void kindUnknown() {
        String headers = Mime.envelopeHeaders().replace("X-Trasporto: posta-certificata", "X-Trasporto: boh")
                .replace("Subject: POSTA CERTIFICATA: Richiesta di accesso agli atti", "Subject: Richiesta di accesso agli atti");
        try (PecMessage m = parse(headers, null)) {
            assertThat(m.kind()).isEqualTo(PecKind.NON_PEC);
            assertThat(m.diagnostics(ParseCode.PEC_KIND_UNKNOWN)).hasSize(1);
        }
    }

    @Test
    @DisplayName("PEC-KIND-10 the headers say posta-certificata, the signed daticert says accettazione: the headers classify, the kind is unknown (an error and a gap)")
    void kindMismatch() {
        String daticert = Mime.DATICERT_ENVELOPE.replace("tipo=\"posta-certificata\"", "tipo=\"accettazione\"");
        try (PecMessage m = parse(Mime.envelopeHeaders(), daticert)) {
            assertThat(m.kind()).isEqualTo(PecKind.POSTA_CERTIFICATA);
            assertThat(m.diagnostics(ParseCode.PEC_KIND_MISMATCH)).singleElement()
                    .satisfies(d -> assertThat(d.message()).contains("daticert tipo is accettazione"))
                    .satisfies(d -> assertThat(d.severity()).isEqualTo(Severity.ERROR));
            assertThat(m.completeness().gaps()).singleElement().satisfies(g -> assertThat(g.kind()).isEqualTo(GapKind.KIND_CONFLICT));
        }
        try (PecMessage m = parse(Mime.envelopeHeaders(), Mime.DATICERT_ENVELOPE)) {
            assertThat(m.diagnostics(ParseCode.PEC_KIND_MISMATCH)).isEmpty();
            assertThat(m.completeness().complete()).isTrue();
        }
    }

    @Test
    @DisplayName("PEC-KIND-10 an envelope relabelled X-Trasporto: errore keeps its signed daticert tipo posta-certificata: classified anomalia, the kind is unknown")
    void anomaliaLabelOnACertifiedEnvelope() {
        String headers = Mime.envelopeHeaders().replace("X-Trasporto: posta-certificata", "X-Trasporto: errore");
        try (PecMessage m = parse(headers, Mime.DATICERT_ENVELOPE)) {
            assertThat(m.kind()).isEqualTo(PecKind.ANOMALIA);
            assertThat(m.diagnostics(ParseCode.PEC_KIND_MISMATCH)).singleElement()
                    .satisfies(d -> assertThat(d.message()).contains("headers say anomalia but daticert tipo is posta-certificata"));
            assertThat(m.completeness().complete()).isFalse();
            assertThat(m.completeness().gaps()).extracting(Gap::kind).containsExactly(GapKind.KIND_CONFLICT);
        }
    }

    @Test
    @DisplayName("PEC-KIND-09 a busta di anomalia without a daticert of its own, or with one stating no known tipo, is complete")
    void anomaliaWithoutTipo() {
        String headers = Mime.envelopeHeaders().replace("X-Trasporto: posta-certificata", "X-Trasporto: errore");
        try (PecMessage m = parse(headers, null)) {
            assertThat(m.kind()).isEqualTo(PecKind.ANOMALIA);
            assertThat(m.completeness().complete()).isTrue();
        }
        String unknownTipo = Mime.DATICERT_ENVELOPE.replace("tipo=\"posta-certificata\"", "tipo=\"anomalia\"");
        try (PecMessage m = parse(headers, unknownTipo)) {
            assertThat(m.diagnostics(ParseCode.PEC_KIND_MISMATCH)).isEmpty();
            assertThat(m.completeness().complete()).isTrue();
        }
    }

    @Test
    @DisplayName("a daticert.xml without X-Trasporto or X-Ricevuta is ordinary mail, and the cross-check says so")
    void daticertWithoutPecHeaders() {
        String headers = Mime.envelopeHeaders().replace("X-Trasporto: posta-certificata\n", "");
        try (PecMessage m = parse(headers, Mime.DATICERT_ENVELOPE)) {
            assertThat(m.kind()).isEqualTo(PecKind.NON_PEC);
            assertThat(m.diagnostics(ParseCode.PEC_CROSS_CHECK))
                    .anySatisfy(d -> assertThat(d.message()).contains("without X-Trasporto or X-Ricevuta"));
        }
    }
}
