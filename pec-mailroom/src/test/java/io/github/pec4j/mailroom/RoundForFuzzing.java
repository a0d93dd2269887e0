package io.github.pec4j.mailroom;

import io.github.pec4j.registry.IntakeEntry;
import io.github.pec4j.testkit.AdmissionScenarios;
import java.util.List;

/**
 * One mailroom round over a box and a register in memory, for {@code fuzz.MailroomRoundFuzzTest}: the box, the
 * SMTP double and the builder's test hooks belong to this package.
 */
public final class RoundForFuzzing {
    /** A citizen's genuine PEC (signed by the testkit's provider), which every round must register. */
    public static final byte[] GENUINE = AdmissionScenarios.create().citizenFromUnlistedPec();

    private RoundForFuzzing() {}

    /**
     * What a round left behind.
     *
     * @param entries the round's outcomes, one per message, in order
     * @param inbox the messages left in INBOX
     * @param registrations the registrations in the register
     */
    public record After(List<IntakeEntry> entries, int inbox, int registrations) {}

    /**
     * Delivers {@code messages} to a fresh box and takes them in with one round of a mailroom on the default
     * AOO configuration.
     *
     * @param messages the raw messages, in delivery order
     * @return what the round left behind
     * @throws Exception when the round fails as a whole (it must not, on a box and a register in memory)
     */
    public static After run(List<byte[]> messages) throws Exception {
        try (Harness h = new Harness(); Mailroom mailroom = h.builder().build()) {
            messages.forEach(h.mailbox::deliver);
            RoundReport round = mailroom.runOnce();
            return new After(round.messages(), h.mailbox.count(Folders.INBOX), h.registrations().size());
        }
    }
}
