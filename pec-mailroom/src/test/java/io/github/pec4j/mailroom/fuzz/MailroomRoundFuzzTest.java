package io.github.pec4j.mailroom.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.pec4j.mailroom.RoundForFuzzing;
import io.github.pec4j.registry.IntakeEntry;
import io.github.pec4j.registry.IntakeEntry.Outcome;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Fuzzes a whole mailroom round ({@code Mailroom.runOnce()}): up to three messages made of the fuzz bytes (split at
 * {@code \f\n}), then a genuine citizen's PEC, delivered to a box in memory and taken into a register in memory.
 *
 * <p>Contract (MRM-ISOL-01, SEC-CLOSED-08): the round returns; every message has its outcome and none is
 * {@code ERROR} (a defect kept for re-processing is a finding here, as the box and the register cannot fail); the
 * genuine PEC behind them is registered (or a duplicate, when the fuzz bytes are a copy of it); INBOX is empty; the
 * register holds exactly one registration per {@code REGISTERED} outcome. Seeds: the admission scenarios, alone and
 * in pairs, written by {@link MailroomFuzzSeeds}; {@code tools/fuzz.sh pec-mailroom MailroomRoundFuzzTest} runs a
 * campaign.
 */
class MailroomRoundFuzzTest {
    static final byte[] SEPARATOR = {'\f', '\n'};
    private static final int MAX_MESSAGES = 3;

    @FuzzTest(maxDuration = "10m")
    void round(byte[] input) throws Exception {
        if (input == null) {
            return;
        }
        List<byte[]> box = split(input);
        box.add(RoundForFuzzing.GENUINE);
        check(RoundForFuzzing.run(box), box.size());
    }

    private static void check(RoundForFuzzing.After after, int delivered) {
        List<IntakeEntry> entries = after.entries();
        require(entries.size() == delivered, delivered + " messages delivered, " + entries.size() + " outcomes");
        entries.forEach(e -> require(e.outcome() != Outcome.ERROR, "an ERROR outcome: " + e.reasons()));
        Outcome genuine = entries.get(entries.size() - 1).outcome();
        require(genuine == Outcome.REGISTERED || genuine == Outcome.DUPLICATE, "the genuine PEC came out " + genuine + "; the round: "
                + entries.stream().map(e -> e.outcome() + " " + e.reasons()).toList());
        require(after.inbox() == 0, after.inbox() + " message(s) left in INBOX");
        long registered = entries.stream().filter(e -> e.outcome() == Outcome.REGISTERED).count();
        require(after.registrations() == registered, registered + " REGISTERED outcomes, " + after.registrations() + " registrations");
    }

    private static void require(boolean holds, String what) {
        if (!holds) {
            throw new IllegalStateException(what);
        }
    }

    /** The fuzz bytes as up to {@value #MAX_MESSAGES} non-empty messages, split at {@code \f\n}. */
    static List<byte[]> split(byte[] input) {
        List<byte[]> out = new ArrayList<>();
        int from = 0;
        for (int i = 0; i + 1 < input.length && out.size() < MAX_MESSAGES - 1; i++) {
            if (input[i] == SEPARATOR[0] && input[i + 1] == SEPARATOR[1]) {
                addIfAny(out, Arrays.copyOfRange(input, from, i));
                from = i + 2;
                i++;
            }
        }
        addIfAny(out, Arrays.copyOfRange(input, from, input.length));
        return out;
    }

    private static void addIfAny(List<byte[]> out, byte[] message) {
        if (message.length > 0) {
            out.add(message);
        }
    }
}
