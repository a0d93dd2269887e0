package io.github.pec4j.mailroom;

import static io.github.pec4j.mailroom.OutboundFixture.BOX;
import static io.github.pec4j.mailroom.OutboundFixture.REGIONE;
import static io.github.pec4j.mailroom.OutboundFixture.STUDIO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pec4j.mailroom.internal.MailSender;
import io.github.pec4j.registry.OutboxEntry;
import io.github.pec4j.registry.ProtocolId;
import io.github.pec4j.registry.ProtocolRegistry;
import io.github.pec4j.registry.Registration;
import io.github.pec4j.registry.SearchQuery;
import io.github.pec4j.registry.TransmissionEvent.Type;
import io.github.pec4j.registry.TransmissionRecord;
import io.github.pec4j.registry.jdbc.JdbcRegistry;
import io.github.pec4j.registry.jdbc.JdbcRegistryConfig;
import io.github.pec4j.simulator.PecProviderSimulator;
import io.github.pec4j.simulator.SimulatorOptions;
import io.github.pec4j.simulator.Submission;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exactly once across crashes (OUT-ONCE-01), and the provider's refusal recorded in its own words (OUT-REFUSE-01). */
class OutboundOnceTest {

    /** What a kill -9 looks like from inside: the process stops here, nothing after runs. */
    private static final class Killed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Killed() {
            super("kill -9");
        }
    }

    private static Outbound.Builder outbound(Harness h, PecProviderSimulator pec) {
        return Outbound.builder(h.registry, Harness.REGISTER, BOX).smtp(OutboundFixture.smtp(pec, BOX)).ipa(OutboundFixture.ipa())
                .trust(h.trust).clock(h.clock);
    }

    @Test
    @Tag("OUT-ONCE-01")
    @DisplayName("OUT-ONCE-01 killed between the registration's commit and the queueing: resume() submits exactly one message, with the stored Message-ID")
    void killedAfterRegistration() throws Exception {
        try (PecProviderSimulator pec = PecProviderSimulator.start(); Harness h = new Harness()) {
            pec.box(BOX, "secret").box(REGIONE, "secret");
            try (Outbound first = outbound(h, pec).afterRegistration(id -> {
                throw new Killed();
            }).build()) {
                assertThatThrownBy(() -> first.send(OutboundFixture.letter(Recipient.pec(REGIONE)).build())).isInstanceOf(Killed.class);
            }
            Registration r = only(h);
            assertThat(pec.submissions()).as("nothing left before the crash").isEmpty();
            assertThat(h.registry.mailroom().orElseThrow().outbox(r.id())).as("never queued").isEmpty();

            List<OutboundResult> resumed;
            try (Outbound restarted = outbound(h, pec).build()) {
                assertThat(restarted.resume()).as("within the claim of the send that registered it").isEmpty();
                h.clock.advance(Duration.ofMinutes(6));
                resumed = restarted.resume();
                assertThat(restarted.resume()).as("a second resume sends nothing").isEmpty();
            }

            assertThat(resumed).singleElement().satisfies(x -> assertThat(x.state()).isEqualTo(OutboundResult.State.SUBMITTED));
            List<Submission> submitted = pec.submissions();
            assertThat(submitted).hasSize(1);
            assertThat("<" + submitted.get(0).messageId().orElseThrow() + ">").isEqualTo(resumed.get(0).messageId().orElseThrow());
            assertThat(submitted.get(0).raw()).isEqualTo(stored(h, r));
            assertThat(sent(h, r.id())).containsExactly(REGIONE);
            assertThat(only(h).id()).as("still one registration").isEqualTo(r.id());
        }
    }

    @Test
    @Tag("OUT-ONCE-01")
    @DisplayName("OUT-ONCE-01 killed during the submission: resume() submits the same bytes with the same Message-ID, once")
    void killedDuringSubmission() throws Exception {
        try (PecProviderSimulator pec = PecProviderSimulator.start(); Harness h = new Harness()) {
            pec.box(BOX, "secret").box(REGIONE, "secret");
            MailSender dying = new MailSender() {
                @Override
                public void send(MimeMessage message) {
                    throw new Killed();
                }

                @Override
                public void close() {}
            };
            try (Outbound first = Outbound.builder(h.registry, Harness.REGISTER, BOX).mailSender(dying).ipa(OutboundFixture.ipa()).trust(h.trust)
                    .clock(h.clock).build()) {
                assertThatThrownBy(() -> first.send(OutboundFixture.letter(Recipient.pec(REGIONE)).build())).isInstanceOf(Killed.class);
            }
            Registration r = only(h);
            assertThat(h.registry.mailroom().orElseThrow().outbox(r.id())).extracting(OutboxEntry::state).containsExactly(OutboxEntry.State.PENDING);

            try (Outbound restarted = outbound(h, pec).build()) {
                assertThat(restarted.resume()).as("within the claim of the send that registered it").isEmpty();
                h.clock.advance(Duration.ofMinutes(6));
                assertThat(restarted.resume()).hasSize(1);
                assertThat(restarted.resume()).isEmpty();
            }
            assertThat(pec.submissions()).hasSize(1);
            assertThat(pec.submissions().get(0).raw()).isEqualTo(stored(h, r));
            assertThat(h.registry.mailroom().orElseThrow().outbox(r.id())).extracting(OutboxEntry::state).containsExactly(OutboxEntry.State.SENT);
        }
    }

    @Test
    @Tag("OUT-ONCE-01")
    @DisplayName("OUT-ONCE-01 a temporary failure keeps the letter registered and queued; it leaves once when the back-off is over")
    void temporaryFailureRetried() throws Exception {
        try (Harness h = new Harness()) {
            h.smtp.failNext(1);
            try (Outbound outbound = Outbound.builder(h.registry, Harness.REGISTER, BOX).mailSender(h.smtp).retryBase(Duration.ofMinutes(1))
                    .clock(h.clock).build()) {
                OutboundResult first = outbound.send(OutboundFixture.letter(Recipient.pec(STUDIO)).build());
                assertThat(first.state()).isEqualTo(OutboundResult.State.REGISTERED);
                assertThat(first.failure().orElseThrow()).contains("421");
                assertThat(outbound.resume()).as("not due yet").isEmpty();
                h.clock.advance(Duration.ofMinutes(2));
                List<OutboundResult> resumed = outbound.resume();
                assertThat(resumed).singleElement().satisfies(x -> assertThat(x.state()).isEqualTo(OutboundResult.State.SUBMITTED));
                assertThat(h.smtp.attempts).isEqualTo(2);
                assertThat(h.smtp.sent).hasSize(1);
                assertThat(h.smtp.sent.get(0).getMessageID()).isEqualTo(first.messageId().orElseThrow());
            }
        }
    }

    @Test
    @Tag("OUT-REFUSE-01")
    @DisplayName("OUT-REFUSE-01 the provider refuses the sender: the refusal is recorded on the registration in its words, and heard by the listener")
    void providerRefusesSender() throws Exception {
        try (Harness h = new Harness()) {
            refusedInTheProvidersWords(h);
        }
    }

    @Test
    @Tag("OUT-REFUSE-01")
    @DisplayName("OUT-REFUSE-01 on the JDBC (H2) registry too: the LETTER outbox entry and the SUBMISSION_REFUSED event are stored by name")
    void providerRefusesSenderJdbc(@TempDir Path dir) throws Exception {
        try (Harness h = new Harness(clock -> open(dir, clock))) {
            refusedInTheProvidersWords(h);
        }
    }

    private static ProtocolRegistry open(Path dir, Clock clock) {
        try {
            return JdbcRegistry.open(JdbcRegistry.h2Url(dir.resolve("registry")), "", "", JdbcRegistryConfig.defaults(), clock);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void refusedInTheProvidersWords(Harness h) throws Exception {
        try (PecProviderSimulator pec = PecProviderSimulator.start(SimulatorOptions.defaults().withStrictSenders(true))) {
            String other = "altro@pec.comune.esempio.it";
            pec.box(BOX, "secret").box(other, "secret").box(REGIONE, "secret");
            List<String> heard = new ArrayList<>();
            OutboundResult result;
            try (Outbound outbound = outbound(h, pec).smtp(OutboundFixture.smtp(pec, other)).listener(new OutboundListener() {
                @Override
                public void onRefused(ProtocolId letter, String providerWords) {
                    heard.add(letter + " " + providerWords);
                }
            }).build()) {
                result = outbound.send(OutboundFixture.letter(Recipient.pec(REGIONE)).build());
                assertThat(outbound.resume()).as("a refusal is not retried").isEmpty();
            }

            assertThat(result.state()).isEqualTo(OutboundResult.State.REFUSED_BY_PROVIDER);
            assertThat(result.failure().orElseThrow()).contains("553").contains("not owned by user");
            ProtocolId id = result.protocol().orElseThrow();
            List<TransmissionRecord> events = h.registry.transmissions(id);
            assertThat(events).extracting(t -> t.event().type()).containsExactly(Type.SUBMISSION_REFUSED);
            assertThat(events.get(0).event().note().orElseThrow()).contains("553 5.7.1").contains("not owned by user");
            assertThat(events.get(0).event().msgid()).isEqualTo(result.messageId());
            assertThat(heard).singleElement().asString().startsWith(id.toString()).contains("not owned by user");
            assertThat(h.registry.mailroom().orElseThrow().outbox(id)).extracting(OutboxEntry::state).containsExactly(OutboxEntry.State.FAILED);
            assertThat(pec.submissions()).isEmpty();
        }
    }

    private static Registration only(Harness h) throws IOException {
        List<Registration> all = h.registry.search(SearchQuery.all().page(0, SearchQuery.MAX_LIMIT));
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    private static byte[] stored(Harness h, Registration r) throws IOException {
        int index = r.documents().stream().filter(d -> d.fileName().equals("messaggio-inviato.eml")).findFirst().orElseThrow().index();
        try (var in = h.registry.openDocument(r.id(), index)) {
            return in.readAllBytes();
        }
    }

    private static List<String> sent(Harness h, ProtocolId id) throws IOException {
        return h.registry.transmissions(id).stream().filter(t -> t.event().type() == Type.SENT).map(t -> t.event().recipient().orElse("*")).toList();
    }
}
