package io.github.pec4j.registry.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pec4j.registry.Actor;
import io.github.pec4j.registry.Assignment;
import io.github.pec4j.registry.AuditEntry;
import io.github.pec4j.registry.Capability;
import io.github.pec4j.registry.IdempotencyKey;
import io.github.pec4j.registry.IntakeEntry;
import io.github.pec4j.registry.MailboxLease;
import io.github.pec4j.registry.MailroomState;
import io.github.pec4j.registry.OutboxEntry;
import io.github.pec4j.registry.ProtocolRegistry;
import io.github.pec4j.registry.Registration;
import io.github.pec4j.registry.RegistryException;
import io.github.pec4j.registry.TransmissionEvent;
import io.github.pec4j.registry.tck.KitRequests;
import io.github.pec4j.registry.tck.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The memory registry's desk and mailroom state, beyond what the kit asks (the kit asserts the contract). */
class MemoryDeskAndMailroomTest {
    private final MutableClock clock = MutableClock.at("2026-01-10T08:00:00Z");
    private final ProtocolRegistry registry = MemoryRegistryProvider.create(clock);
    private final Actor anna = Actor.of("anna", "Anna Neri");

    @Test
    void declaresDeskAndMailroom() {
        assertThat(registry.capabilities()).contains(Capability.DESK, Capability.MAILROOM);
        assertThat(registry.mailroom()).isPresent();
    }

    @Test
    void takeInChargeThenRejectIsRefused() throws Exception {
        Registration r = registry.register(KitRequests.incoming(KitRequests.REGISTER, "Istanza")
                .assign(Assignment.competenza("UFF-TRIB")).build()).registration();
        assertThat(registry.desk("UFF-TRIB", 10)).extracting(Registration::id).containsExactly(r.id());
        clock.advance(Duration.ofMinutes(5));
        Registration taken = registry.takeInCharge(r.id(), "UFF-TRIB", anna);
        assertThat(taken.assignmentOf("UFF-TRIB").orElseThrow().presaInCarico())
                .contains(new Assignment.PresaInCarico(anna, Instant.parse("2026-01-10T08:05:00Z")));
        assertThat(registry.takeInCharge(r.id(), "UFF-TRIB", anna)).isEqualTo(taken);
        assertThat(registry.audit(r.id())).extracting(AuditEntry::action).containsOnlyOnce(AuditEntry.Action.TAKEN_IN_CHARGE);
        assertThat(registry.desk("UFF-TRIB", 10)).isEmpty();
        assertThatThrownBy(() -> registry.rejectAssignment(r.id(), "UFF-TRIB", "non nostro", "PROTOCOLLO", anna))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.reason()).isEqualTo(RegistryException.Reason.ALREADY_TAKEN));
    }

    @Test
    void findsSentMessageWithOrWithoutBrackets() throws Exception {
        Registration r = registry.register(KitRequests.outgoing(KitRequests.REGISTER, "Risposta").build()).registration();
        registry.recordTransmission(r.id(), TransmissionEvent.of(TransmissionEvent.Type.SENT, Optional.empty(), clock.instant())
                .withMsgid("<abc@pec.example.it>"), Optional.empty(), anna);
        assertThat(registry.findBySentMessageId("abc@pec.example.it")).contains(r.id());
        assertThat(registry.findBySentMessageId("<abc@pec.example.it>")).contains(r.id());
        assertThat(registry.findBySentMessageId("other@pec.example.it")).isEmpty();
    }

    @Test
    void mailroomState() throws Exception {
        MailroomState m = registry.mailroom().orElseThrow();
        IntakeEntry e = new IntakeEntry("box@pec.example.it", IdempotencyKey.of("k1"), Optional.empty(), "posta-certificata",
                Optional.empty(), Optional.empty(), IntakeEntry.Outcome.ERROR, Optional.empty(), List.of("x"), "errors", clock.instant(), 1);
        m.recordIntake(e);
        assertThat(m.intakes("box@pec.example.it", IntakeEntry.Outcome.ERROR, 0, 10)).containsExactly(e);
        OutboxEntry first = OutboxEntry.pending("n1", OutboxEntry.Kind.NOTIFICATION, "a@x.it", "b@x.it", Optional.empty(),
                Optional.empty(), "s", "b", false, Optional.empty(), "<m1@x.it>", clock.instant());
        assertThat(m.enqueue(first)).isEqualTo(first);
        OutboxEntry second = OutboxEntry.pending("n1", OutboxEntry.Kind.REPLY, "a@x.it", "c@x.it", Optional.empty(),
                Optional.empty(), "s2", "b2", false, Optional.empty(), "<m2@x.it>", clock.instant());
        assertThat(m.enqueue(second)).isEqualTo(first);
        assertThat(m.due(clock.instant(), 10)).containsExactly(first);
        OutboxEntry failed = m.markFailed("n1", "451", Optional.of(clock.instant().plusSeconds(60)));
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(m.due(clock.instant(), 10)).isEmpty();
        assertThat(m.markSent("n1", clock.instant()).state()).isEqualTo(OutboxEntry.State.SENT);

        MailboxLease a = m.acquire("imap:box", "node-a", Duration.ofSeconds(30)).orElseThrow();
        assertThat(m.acquire("imap:box", "node-b", Duration.ofSeconds(30))).isEmpty();
        assertThat(m.acquire("imap:box", "node-a", Duration.ofSeconds(30)).orElseThrow().token()).isEqualTo(a.token());
        clock.advance(Duration.ofSeconds(31));
        MailboxLease b = m.acquire("imap:box", "node-b", Duration.ofSeconds(30)).orElseThrow();
        assertThat(b.token()).isGreaterThan(a.token());
        m.release(a);
        assertThat(m.acquire("imap:box", "node-a", Duration.ofSeconds(30))).isEmpty();
        m.release(b);
        assertThat(m.acquire("imap:box", "node-a", Duration.ofSeconds(30)).orElseThrow().token()).isGreaterThan(b.token());
    }
}
