package io.github.pec4j.formats;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pec4j.core.GapKind;
import io.github.pec4j.core.PecMessage;
import io.github.pec4j.core.PecParser;
import io.github.pec4j.core.Severity;
import io.github.pec4j.testkit.FixtureKind;
import io.github.pec4j.testkit.HostileEnvelopes;
import io.github.pec4j.testkit.PecFixtures;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Fail closed: content the parser did not read is never accepted by the format check. */
class IncompleteMessageTest {
    private static final HostileEnvelopes HOSTILE = HostileEnvelopes.create();
    private final FormatChecker checker = FormatChecker.create(FormatPolicy.caluso());

    private List<FileReport> check(byte[] message, FormatChecker with) throws IOException {
        try (PecMessage m = PecParser.create().parse(message)) {
            return with.check(m);
        }
    }

    @Test
    @DisplayName("SEC-CLOSED-02 fattura.exe behind each limit: a MESSAGE_INCOMPLETE finding names the gap and the verdict is not ACCEPT")
    void hiddenBehindALimit() throws IOException {
        Map<GapKind, byte[]> cases = Map.of(
                GapKind.PART_COUNT, HOSTILE.exeAfterParts(2_100),
                GapKind.MIME_DEPTH, HOSTILE.exeNested(30),
                GapKind.HEADER_BYTES, HOSTILE.exeBehindJunkHeaders(290_000),
                GapKind.ENCODED_WORDS, HOSTILE.exeBehindEncodedWords(15_000));
        for (Map.Entry<GapKind, byte[]> c : cases.entrySet()) {
            List<FileReport> reports = check(c.getValue(), checker);
            assertThat(FormatChecker.verdict(reports)).as(c.getKey().name()).isNotEqualTo(Verdict.ACCEPT);
            assertThat(reports.stream().flatMap(r -> r.allFindings().stream()).filter(f -> f.code() == FormatCode.MESSAGE_INCOMPLETE))
                    .as(c.getKey().name()).singleElement()
                    .satisfies(f -> assertThat(f.english()).contains(c.getKey().name()));
        }
    }

    @Test
    @DisplayName("SEC-CLOSED-02 the same shapes below the limits are complete: no MESSAGE_INCOMPLETE, and fattura.exe is rejected")
    void belowTheLimits() throws IOException {
        List<FileReport> reports = check(HOSTILE.exeAfterParts(100), checker);
        assertThat(reports.stream().flatMap(r -> r.allFindings().stream())).noneMatch(f -> f.code() == FormatCode.MESSAGE_INCOMPLETE);
        assertThat(FormatChecker.verdict(reports)).isEqualTo(Verdict.REJECT);
        List<FileReport> ordinary = check(PecFixtures.create().message(FixtureKind.POSTA_CERTIFICATA).build(), checker);
        assertThat(ordinary.stream().flatMap(r -> r.allFindings().stream())).noneMatch(f -> f.code() == FormatCode.MESSAGE_INCOMPLETE);
    }

    @Test
    @DisplayName("SEC-CLOSED-02 a policy cannot lower MESSAGE_INCOMPLETE below WARNING, and may raise it to ERROR")
    void policyFloor() throws IOException {
        FormatChecker lenient = FormatChecker.create(FormatPolicy.caluso().withSeverity(FormatCode.MESSAGE_INCOMPLETE, Severity.INFO));
        assertThat(FormatChecker.verdict(check(HOSTILE.exeNested(30), lenient))).isEqualTo(Verdict.WARN);
        FormatChecker strict = FormatChecker.create(FormatPolicy.caluso().withSeverity(FormatCode.MESSAGE_INCOMPLETE, Severity.ERROR));
        assertThat(FormatChecker.verdict(check(HOSTILE.exeNested(30), strict))).isEqualTo(Verdict.REJECT);
    }
}
