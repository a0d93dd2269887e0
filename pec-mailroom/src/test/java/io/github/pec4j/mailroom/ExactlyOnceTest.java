package io.github.pec4j.mailroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pec4j.registry.IntakeEntry;
import io.github.pec4j.registry.IntakeEntry.Outcome;
import io.github.pec4j.registry.ProtocolRegistry;
import java.io.IOException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class ExactlyOnceTest {

    @Test
    @Tag("MRM-EXACT-01")
    @DisplayName("MRM-EXACT-01 a move that fails leaves the message in INBOX with its outcome committed; the next round moves it without registering again")
    void moveAfterCommit() throws Exception {
        try (Harness h = new Harness(); Mailroom mailroom = h.builder().office(Office.of("PROTOCOLLO", "Protocollo", "protocollo@comune.esempio.it")).build()) {
            h.mailbox.deliver(h.scenarios.citizenFromUnlistedPec());
            h.mailbox.failMoves(1);

            IntakeEntry first = Harness.only(mailroom.runOnce());

            assertThat(first.outcome()).isEqualTo(Outcome.REGISTERED);
            assertThat(h.mailbox.count(Folders.INBOX)).as("not moved").isOne();
            assertThat(h.registry.mailroom().orElseThrow().intake(Harness.BOX, first.key())).as("but committed").isPresent();

            IntakeEntry second = Harness.only(mailroom.runOnce());

            assertThat(second.outcome()).isEqualTo(Outcome.DUPLICATE);
            assertThat(second.registration()).isEqualTo(first.registration());
            assertThat(h.mailbox.count(Folders.INBOX)).isZero();
            assertThat(h.mailbox.count("pec4j/registered")).isOne();
            assertThat(h.registrations()).hasSize(1);
            assertThat(h.smtp.to("protocollo@comune.esempio.it")).as("notified once").hasSize(1);
        }
    }

    @Test
    @Tag("MRM-EXACT-02")
    @DisplayName("MRM-EXACT-02 registered but the journal not written (a crash in between): the restart registers nothing twice and notifies once")
    void crashBetweenRegistrationAndJournal() throws Exception {
        try (Harness h = new Harness()) {
            ProtocolRegistry crashing = Crashes.failing(h.registry, "recordIntakes", 1); // the group's journal (MRM-GROUP-01)
            h.mailbox.deliver(h.scenarios.citizenFromUnlistedPec());
            Office office = Office.of("PROTOCOLLO", "Protocollo", "protocollo@comune.esempio.it");
            Mailroom dying = h.builderOn(crashing).office(office).build();
            assertThatThrownBy(dying::runOnce).isInstanceOf(IOException.class).hasMessageContaining("crash before recordIntakes");
            assertThat(h.registrations()).as("the registration was committed").hasSize(1);
            assertThat(h.mailbox.count(Folders.INBOX)).as("the message stayed").isOne();
            h.clock.advance(java.time.Duration.ofSeconds(30)); // the dead node's lease runs out

            try (Mailroom restarted = h.builder().office(office).build()) {
                IntakeEntry e = Harness.only(restarted.runOnce());
                assertThat(e.outcome()).isEqualTo(Outcome.DUPLICATE);
                assertThat(h.registrations()).hasSize(1);
                assertThat(h.mailbox.count(Folders.INBOX)).isZero();
                assertThat(h.smtp.to("protocollo@comune.esempio.it")).hasSize(1);
                assertThat(restarted.runOnce().messages()).isEmpty();
                assertThat(h.smtp.to("protocollo@comune.esempio.it")).hasSize(1);
            }
        }
    }

    @Test
    @Tag("MRM-EXACT-02")
    @DisplayName("MRM-EXACT-02 journal committed, not moved, mail not yet queued (a crash before the move): the restart completes it once")
    void crashBeforeMove() throws Exception {
        try (Harness h = new Harness()) {
            Office office = Office.of("PROTOCOLLO", "Protocollo", "protocollo@comune.esempio.it");
            h.mailbox.deliver(h.scenarios.citizenFromUnlistedPec());
            h.mailbox.failMoves(1);
            h.smtp.failNext(1);
            try (Mailroom first = h.builder().office(office).build()) {
                assertThat(Harness.only(first.runOnce()).outcome()).isEqualTo(Outcome.REGISTERED);
            }
            assertThat(h.mailbox.count(Folders.INBOX)).isOne();
            assertThat(h.smtp.sent).as("the notification failed its first attempt").isEmpty();

            h.clock.advance(java.time.Duration.ofMinutes(2));
            try (Mailroom restarted = h.builder().office(office).build()) {
                assertThat(Harness.only(restarted.runOnce()).outcome()).isEqualTo(Outcome.DUPLICATE);
            }
            assertThat(h.registrations()).hasSize(1);
            assertThat(h.mailbox.count(Folders.INBOX)).isZero();
            assertThat(h.smtp.to("protocollo@comune.esempio.it")).hasSize(1);
        }
    }
}
