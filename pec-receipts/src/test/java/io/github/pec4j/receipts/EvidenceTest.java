package io.github.pec4j.receipts;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pec4j.core.PecMessage;
import io.github.pec4j.core.PecParser;
import io.github.pec4j.registry.Actor;
import io.github.pec4j.registry.Channel;
import io.github.pec4j.registry.Classification;
import io.github.pec4j.registry.Correspondent;
import io.github.pec4j.registry.DocumentRequest;
import io.github.pec4j.registry.Impronta;
import io.github.pec4j.registry.ProtocolRegistry;
import io.github.pec4j.registry.RegisterId;
import io.github.pec4j.registry.Registration;
import io.github.pec4j.registry.RegistrationRequest;
import io.github.pec4j.registry.StoredDocument;
import io.github.pec4j.registry.TransmissionEvent;
import io.github.pec4j.registry.TransmissionRecord;
import io.github.pec4j.registry.memory.MemoryRegistryProvider;
import io.github.pec4j.testkit.FixtureKind;
import io.github.pec4j.testkit.PecFixtures;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class EvidenceTest {
    static final String ID = "20240315101530.evidence@client.comune.esempio.it";
    static final String A = "ufficio.tributi@pec.regione.esempio.it";

    @Test
    @Tag("REC-CORR-03")
    @Tag("REC-DLV-02")
    @DisplayName("REC-CORR-03 REC-DLV-02 the send and every receipt are kept on the outgoing registration, byte-exact, each once")
    void receiptsOnTheRegistration() throws Exception {
        try (ProtocolRegistry registry = MemoryRegistryProvider.create(Clock.fixed(Instant.parse("2024-03-15T09:15:00Z"), ZoneOffset.UTC))) {
            Registration out = registry.register(RegistrationRequest.outgoing(RegisterId.of("c_esempio", "AOO", "PG"), Channel.PEC)
                    .correspondent(Correspondent.of("Regione", A)).oggetto("Richiesta documentazione")
                    .document(DocumentRequest.of("richiesta.pdf", "application/pdf", "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII)))
                    .classification(Classification.of("I.1")).operator(Actor.system("outbox")).build()).registration();
            TransmissionRecorder recorder = TransmissionRecorder.of(registry, Actor.system("receipts"));
            DeliveryTracker tracker = DeliveryTracker.create();
            SentMessage sent = SentMessage.of(ID, Instant.parse("2024-03-15T09:15:25Z"), A).withRegistration(out.id().toString());
            tracker.track(sent);
            recorder.sent(out.id(), sent);

            PecFixtures f = PecFixtures.create();
            for (byte[] bytes : List.of(f.message(FixtureKind.ACCETTAZIONE).to(A).clientMessageId(ID).build(),
                    f.message(FixtureKind.AVVENUTA_CONSEGNA).to(A).deliveredTo(A).clientMessageId(ID).build())) {
                for (int twice = 0; twice < 2; twice++) {
                    try (PecMessage m = PecParser.create().parse(bytes)) {
                        ReceiptFacts facts = ReceiptFacts.from(m, Instant.EPOCH);
                        DeliveryTracker.Match match = tracker.accept(facts);
                        assertThat(match.registration()).contains(out.id().toString());
                        recorder.receipt(out.id(), m, facts);
                    }
                }
            }
            List<TransmissionRecord> events = registry.transmissions(out.id());
            assertThat(events).extracting(e -> e.event().type())
                    .containsExactly(TransmissionEvent.Type.SENT, TransmissionEvent.Type.ACCETTAZIONE, TransmissionEvent.Type.CONSEGNA);
            assertThat(events.get(0).event().msgid()).contains(ID);
            assertThat(events.get(1).event().msgid()).contains(ID);
            assertThat(events.get(2).event().recipient()).contains(A);
            StoredDocument raw = events.get(2).receipt().orElseThrow();
            assertThat(raw.role()).isEqualTo(StoredDocument.Role.RECEIPT);
            byte[] expected = f.message(FixtureKind.AVVENUTA_CONSEGNA).to(A).deliveredTo(A).clientMessageId(ID).build();
            try (InputStream in = registry.openReceipt(out.id(), events.get(2).sequence())) {
                assertThat(in.readAllBytes()).isEqualTo(expected);
            }
            assertThat(raw.impronta()).isEqualTo(Impronta.of(expected));
            assertThat(tracker.status(ID, Instant.parse("2024-03-15T10:00:00Z")).orElseThrow().overall()).isEqualTo(DeliveryState.Light.GREEN);
        }
    }

    @Test
    @DisplayName("the sent message is read from its MIME form: Message-ID, Date, To and Cc")
    void sentFromEml() throws Exception {
        String eml = "Message-ID: <" + ID + ">\r\nDate: Fri, 15 Mar 2024 10:15:25 +0100\r\nFrom: protocollo@pec.comune.esempio.it\r\n"
                + "To: \"Regione\" <" + A.toUpperCase() + ">, b@pec.example.it\r\nCc: c@pec.example.it\r\nSubject: x\r\n\r\nbody\r\n";
        try (PecMessage m = PecParser.create().parse(eml.getBytes(StandardCharsets.US_ASCII))) {
            SentMessage s = SentMessage.from(m);
            assertThat(s.messageId()).isEqualTo(ID);
            assertThat(s.sentAt()).isEqualTo(Instant.parse("2024-03-15T09:15:25Z"));
            assertThat(s.recipients()).containsExactly(new SentMessage.Recipient(A, false), new SentMessage.Recipient("b@pec.example.it", false),
                    new SentMessage.Recipient("c@pec.example.it", true));
        }
    }

    @Test
    void moduleDescriptor() throws Exception {
        Path classes = Path.of(DeliveryTracker.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ModuleDescriptor d = ModuleFinder.of(classes).find("io.github.pec4j.receipts").orElseThrow().descriptor();
        assertThat(d.exports()).extracting(ModuleDescriptor.Exports::source).containsExactly("io.github.pec4j.receipts");
    }
}
