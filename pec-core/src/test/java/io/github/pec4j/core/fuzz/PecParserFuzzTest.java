package io.github.pec4j.core.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.pec4j.core.Attachment;
import io.github.pec4j.core.ParseCode;
import io.github.pec4j.core.PecMessage;
import io.github.pec4j.core.PecParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Fuzzes {@link PecParser#parse(byte[])}, plain and {@link PecParser#withSignedContentDigest()}.
 *
 * <p>Contract: any bytes give a {@link PecMessage} (what was odd is in its diagnostics), whose model
 * can be read to the end, attachments included; the only exception is the documented
 * {@link UncheckedIOException} of a failing content store. Any other throwable is a finding, and so is a
 * {@link ParseCode#PARSE_FAILED} result: the parser turns a defect of its own into that typed, incomplete
 * result (SEC-CLOSED-08), which keeps a caller safe but is still a defect for the campaign to find.
 * Seeds: {@code PecParserFuzzTestInputs/parse/}, written by {@link CoreFuzzSeeds}; the build replays
 * them, {@code tools/fuzz.sh pec-core PecParserFuzzTest} runs a campaign.
 */
class PecParserFuzzTest {
    private static final PecParser PLAIN = PecParser.create();
    private static final PecParser DIGEST = PecParser.create().withSignedContentDigest();

    @FuzzTest(maxDuration = "10m")
    void parse(byte[] input) throws IOException {
        if (input == null) {
            return;
        }
        // One parse per input (half the cost of both): the length's parity picks the variant.
        readAll(input.length % 2 == 0 ? PLAIN : DIGEST, input);
    }

    private static void readAll(PecParser parser, byte[] input) throws IOException {
        try (PecMessage m = parser.parse(input)) {
            if (!m.diagnostics(ParseCode.PARSE_FAILED).isEmpty()) {
                throw new IllegalStateException("a defect of the parser: " + m.diagnostics(ParseCode.PARSE_FAILED));
            }
            walk(m);
        } catch (UncheckedIOException documented) {
            // The content store failed: the documented exception, not a parser failure.
        }
    }

    // Everything a caller may read: a lazy accessor that throws is as much a finding as the parser.
    private static void walk(PecMessage m) throws IOException {
        m.toString();
        m.hasErrors();
        m.daticert().ifPresent(Object::toString);
        m.correlation().toString();
        m.signedLayout().toString();
        for (Attachment a : m.attachments()) {
            a.extension();
            try (InputStream in = a.openStream()) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
        }
        for (PecMessage nested : m.nested()) {
            walk(nested);
        }
    }
}
