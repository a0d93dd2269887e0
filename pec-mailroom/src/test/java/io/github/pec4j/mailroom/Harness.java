package io.github.pec4j.mailroom;

import io.github.pec4j.admission.AooConfig;
import io.github.pec4j.registry.Actor;
import io.github.pec4j.registry.Channel;
import io.github.pec4j.registry.Classification;
import io.github.pec4j.registry.Correspondent;
import io.github.pec4j.registry.DocumentRequest;
import io.github.pec4j.registry.IntakeEntry;
import io.github.pec4j.registry.ProtocolId;
import io.github.pec4j.registry.ProtocolRegistry;
import io.github.pec4j.registry.RegisterId;
import io.github.pec4j.registry.Registration;
import io.github.pec4j.registry.RegistrationRequest;
import io.github.pec4j.registry.SearchQuery;
import io.github.pec4j.receipts.SentMessage;
import io.github.pec4j.receipts.TransmissionRecorder;
import io.github.pec4j.registry.memory.MemoryRegistryProvider;
import io.github.pec4j.signature.TrustStore;
import io.github.pec4j.testkit.AdmissionScenarios;
import io.github.pec4j.testkit.PecFixtures;
import io.github.pec4j.testkit.TestPki;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A memory registry, a memory box and a recording SMTP server, with the test PKI trusted. */
final class Harness implements AutoCloseable {
    static final String BOX = AdmissionScenarios.AOO_BOX;
    static final RegisterId REGISTER = RegisterId.of("c_esempio", "AOO_ESEMPIO", "PG");

    final MutableClock clock = new MutableClock(Instant.parse("2024-03-15T10:00:00Z"));
    final ProtocolRegistry registry;
    final MemoryMailbox mailbox = new MemoryMailbox(BOX);
    final RecordingSender smtp = new RecordingSender();
    final PecFixtures fixtures = PecFixtures.create();
    final AdmissionScenarios scenarios = AdmissionScenarios.create();
    final TrustStore trust = TrustStore.builder().addCertificate(TestPki.shared().caCertificate()).build();

    Harness() {
        this.registry = MemoryRegistryProvider.create(clock);
    }

    /** Over a registry opened with this harness's clock. */
    Harness(java.util.function.Function<java.time.Clock, ProtocolRegistry> open) {
        this.registry = open.apply(clock);
    }

    /** A mailroom on this box; ordinary mail is registered unless the AOO configuration says otherwise. */
    Mailroom.Builder builder(AooConfig aoo) {
        return Mailroom.builder(registry, REGISTER, aoo).mailbox(mailbox).mailSender(smtp).trust(trust).clock(clock)
                .retryBase(Duration.ofMinutes(1));
    }

    /** A mailroom on this box over another registry (e.g. one that crashes). */
    Mailroom.Builder builderOn(ProtocolRegistry other) {
        return Mailroom.builder(other, REGISTER, AooConfig.defaults().withMailboxes(BOX)).mailbox(mailbox).mailSender(smtp).trust(trust).clock(clock);
    }

    Mailroom.Builder builder() {
        return builder(AooConfig.defaults().withMailboxes(BOX));
    }

    List<Registration> registrations() throws IOException {
        return registry.search(SearchQuery.all().page(0, SearchQuery.MAX_LIMIT));
    }

    /** An outgoing registration sent with this client Message-ID, as the outbound side records it. */
    ProtocolId outgoing(String clientMessageId, String to) throws IOException {
        Registration out = registry.register(RegistrationRequest.outgoing(REGISTER, Channel.PEC).correspondent(Correspondent.of("Regione", to))
                .oggetto("Richiesta documentazione").document(DocumentRequest.of("lettera.pdf", "application/pdf",
                        "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII)))
                .classification(Classification.of("I.1")).operator(Actor.system("outbound")).build()).registration();
        TransmissionRecorder.of(registry, Actor.system("outbound")).sent(out.id(), SentMessage.of(clientMessageId, clock.instant(), to));
        return out.id();
    }

    static IntakeEntry only(RoundReport r) {
        if (r.messages().size() != 1) throw new AssertionError("expected one outcome, got " + r.messages());
        return r.messages().get(0);
    }

    @Override
    public void close() throws Exception {
        registry.close();
    }
}
