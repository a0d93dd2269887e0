package io.github.pec4j.formats.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.pec4j.core.PecMessage;
import io.github.pec4j.core.PecParser;
import io.github.pec4j.formats.FileReport;
import io.github.pec4j.formats.FormatChecker;
import io.github.pec4j.formats.FormatPolicy;
import java.io.IOException;
import java.util.List;

/**
 * Fuzzes {@link FormatChecker#check(PecMessage)} on messages parsed from the fuzz bytes.
 *
 * <p>Contract: one {@link FileReport} per attachment (and the verdict of the set), or the documented
 * {@link IOException}; never an unchecked exception, whatever the message carries. Seeds: PEC envelopes
 * carrying each of the testkit's allowed and violating attachments, written by {@link FormatsFuzzSeeds}.
 */
class FormatCheckerMessageFuzzTest {
    private static final PecParser PARSER = PecParser.create();
    private static final FormatChecker CHECKER = FormatChecker.create(FormatPolicy.caluso());

    @FuzzTest(maxDuration = "10m")
    void check(byte[] input) throws IOException {
        if (input == null) {
            return;
        }
        try (PecMessage m = PARSER.parse(input)) {
            List<FileReport> reports = CHECKER.check(m);
            FormatChecker.verdict(reports);
            reports.toString();
        } catch (IOException documented) {
            // Documented; a finding only when unchecked.
        }
    }
}
