package io.github.pec4j.segnatura.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.pec4j.segnatura.InteropMessages;
import io.github.pec4j.segnatura.SegnaturaException;
import io.github.pec4j.segnatura.SegnaturaReader;

/**
 * Fuzzes {@link SegnaturaReader#read(byte[])} and {@link InteropMessages#read(byte[])}.
 *
 * <p>Contract: the model read, or the documented {@link SegnaturaException} (hostile, malformed, too
 * large, not a segnatura); never another exception from JAXB or StAX. Seeds: sealed and unsealed
 * segnature of Circolare 2021, and legacy ones of Circolare 60/2013 and 28/2001, written by
 * {@code io.github.pec4j.segnatura.SegnaturaFuzzSeeds}.
 */
class SegnaturaReaderFuzzTest {
    private static final SegnaturaReader READER = SegnaturaReader.create();

    @FuzzTest(maxDuration = "10m")
    void read(byte[] input) {
        if (input == null) {
            return;
        }
        try {
            READER.read(input).toString();
        } catch (SegnaturaException documented) {
            // Refused: documented.
        }
        InteropMessages.detect(input);
        try {
            InteropMessages.read(input).toString();
        } catch (SegnaturaException documented) {
            // Refused: documented.
        }
    }
}
