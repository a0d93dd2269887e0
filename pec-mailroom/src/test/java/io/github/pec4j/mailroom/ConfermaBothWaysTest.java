package io.github.pec4j.mailroom;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pec4j.admission.AooConfig;
import io.github.pec4j.directory.AddressOwner.Level;
import io.github.pec4j.directory.AddressOwner.PublicAdministration;
import io.github.pec4j.directory.IpaDirectory;
import io.github.pec4j.registry.Direction;
import io.github.pec4j.registry.IntakeEntry;
import io.github.pec4j.registry.IntakeEntry.Outcome;
import io.github.pec4j.registry.OutboxEntry;
import io.github.pec4j.registry.ProtocolId;
import io.github.pec4j.registry.ProtocolRegistry;
import io.github.pec4j.registry.RegisterId;
import io.github.pec4j.registry.Registration;
import io.github.pec4j.registry.SearchQuery;
import io.github.pec4j.registry.TransmissionEvent.Type;
import io.github.pec4j.registry.TransmissionRecord;
import io.github.pec4j.registry.memory.MemoryRegistryProvider;
import io.github.pec4j.segnatura.SealKey;
import io.github.pec4j.simulator.PecProviderSimulator;
import io.github.pec4j.simulator.Submission;
import io.github.pec4j.testkit.TestPki;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two administrations on one simulated PEC provider, each with its own register, mailroom and outbound side: a letter
 * from one is registered by the other, which answers with a conferma di ricezione that the first files on its letter;
 * then the same the other way round (OUT-INTEROP-01).
 */
@Tag("OUT-INTEROP-01")
class ConfermaBothWaysTest {
    private static final String COMUNE_BOX = Harness.BOX;
    private static final String REGIONE_BOX = OutboundFixture.REGIONE;
    private static final RegisterId COMUNE = Harness.REGISTER;
    private static final RegisterId REGIONE = RegisterId.of("r_esempio", "AOO_GIUNTA", "PG");

    /** The IPA snapshot both administrations read: each finds the other's AOO box there. */
    private static IpaDirectory ipa() {
        return IpaDirectory.of(LocalDate.of(2024, 3, 1), List.of(
                new PublicAdministration(REGIONE_BOX, "r_esempio", "Regione Esempio", Level.AOO, Optional.of("AOO_GIUNTA"),
                        Optional.of("Giunta regionale"), true, Optional.empty(), Optional.of("80000000001")),
                new PublicAdministration(COMUNE_BOX, "c_esempio", "Comune di Esempio", Level.AOO, Optional.of("AOO_ESEMPIO"),
                        Optional.of("Protocollo generale"), true, Optional.empty(), Optional.of("00000000002"))));
    }

    /** One administration: its register, its mailroom on its box, its outbound side. */
    private static final class Administration implements AutoCloseable {
        final String box;
        final RegisterId register;
        final ProtocolRegistry registry;
        final Mailroom mailroom;
        final Outbound outbound;

        Administration(Harness h, PecProviderSimulator pec, String box, RegisterId register, String name) {
            this.box = box;
            this.register = register;
            this.registry = register.equals(COMUNE) ? h.registry : MemoryRegistryProvider.create(h.clock);
            TestPki pki = TestPki.shared();
            this.mailroom = Mailroom.builder(registry, register, AooConfig.defaults().withMailboxes(box)).imap(imap(pec, box))
                    .smtp(OutboundFixture.smtp(pec, box)).trust(h.trust).clock(h.clock).build();
            this.outbound = Outbound.builder(registry, register, box).smtp(OutboundFixture.smtp(pec, box)).ipa(ipa()).trust(h.trust)
                    .clock(h.clock).aooName(name).sealKey(SealKey.of(pki.sealKey(), pki.sealCertificate())).build();
        }

        List<Registration> registrations(Direction direction) throws IOException {
            return registry.search(SearchQuery.all().direction(direction).page(0, SearchQuery.MAX_LIMIT));
        }

        @Override
        public void close() throws Exception {
            outbound.close();
            mailroom.close();
            if (!register.equals(COMUNE)) registry.close();
        }
    }

    private static ImapSettings imap(PecProviderSimulator pec, String box) {
        return ImapSettings.parse("imap://" + box.replace("@", "%40") + "@" + pec.imap().host() + ":" + pec.imap().port() + "?starttls=none")
                .withPassword("secret".toCharArray());
    }

    @Test
    @DisplayName("OUT-INTEROP-01 conferma di ricezione both ways between two administrations over the simulator: sent once, filed on the letter it names")
    void bothWays() throws Exception {
        try (PecProviderSimulator pec = PecProviderSimulator.start(); Harness h = new Harness();
                Administration comune = new Administration(h, pec, COMUNE_BOX, COMUNE, "Comune di Esempio");
                Administration regione = new Administration(h, pec, REGIONE_BOX, REGIONE, "Regione Esempio")) {
            pec.box(COMUNE_BOX, "secret").box(REGIONE_BOX, "secret");

            exchange(pec, comune, regione, Recipient.ipa("r_esempio"), 1, 1);
            exchange(pec, regione, comune, Recipient.ipa("c_esempio"), 2, 2);

            // what each register shows in the end: its letter, and the other's letter registered incoming
            assertThat(comune.registrations(Direction.OUTGOING)).extracting(r -> r.id().number()).containsExactly(1L);
            assertThat(comune.registrations(Direction.INCOMING)).extracting(r -> r.id().number()).containsExactly(2L);
            assertThat(regione.registrations(Direction.INCOMING)).extracting(r -> r.id().number()).containsExactly(1L);
            assertThat(regione.registrations(Direction.OUTGOING)).extracting(r -> r.id().number()).containsExactly(2L);
            for (Administration a : List.of(comune, regione)) {
                assertThat(a.registry.mailroom().orElseThrow().outbox(a.registrations(Direction.INCOMING).get(0).id()))
                        .as("one conferma queued for the incoming letter, sent").extracting(OutboxEntry::kind, OutboxEntry::state)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple(OutboxEntry.Kind.CONFERMA, OutboxEntry.State.SENT));
            }
            assertThat(pec.submissions()).extracting(Submission::sender)
                    .containsExactly(COMUNE_BOX, REGIONE_BOX, REGIONE_BOX, COMUNE_BOX); // letter, conferma, letter, conferma
        }
    }

    /**
     * {@code from} sends a letter to {@code to}; {@code to}'s mailroom registers it as number {@code incomingNumber} and sends the
     * conferma; {@code from}'s mailroom files it on its letter, number {@code letterNumber}. Every round runs twice: nothing twice.
     */
    private static void exchange(PecProviderSimulator pec, Administration from, Administration to, Recipient recipient, int letterNumber,
            int incomingNumber) throws Exception {
        int submittedBefore = pec.submissions().size();
        OutboundResult sent = from.outbound.send(OutboundFixture.letter(recipient).build());
        assertThat(sent.state()).as(sent.toString()).isEqualTo(OutboundResult.State.SUBMITTED);
        ProtocolId letter = sent.protocol().orElseThrow();
        assertThat(letter.register()).isEqualTo(from.register);
        assertThat(letter.number()).isEqualTo(letterNumber);

        RoundReport intake = to.mailroom.runOnce();
        IntakeEntry registered = intake.messages().stream().filter(e -> e.outcome() == Outcome.REGISTERED).findFirst()
                .orElseThrow(() -> new AssertionError(intake.messages().toString()));
        ProtocolId incoming = registered.registration().orElseThrow();
        assertThat(incoming.register()).isEqualTo(to.register);
        assertThat(incoming.number()).isEqualTo(incomingNumber);
        to.mailroom.runOnce(); // the conferma's own receipts come back to its box: filed, nothing sent again
        List<Submission> confermas = pec.submissions().subList(submittedBefore, pec.submissions().size());
        assertThat(confermas).extracting(Submission::sender).as("the letter, then one conferma").containsExactly(from.box, to.box);
        assertThat(confermas.get(1).recipients()).containsExactly(from.box);

        RoundReport answer = from.mailroom.runOnce();
        assertThat(answer.messages()).extracting(IntakeEntry::outcome).as(answer.messages().toString()).containsOnly(Outcome.RECEIPT)
                .hasSize(3); // accettazione, consegna, conferma
        from.mailroom.runOnce();
        to.mailroom.runOnce();
        assertThat(pec.submissions()).as("each conferma sent once, however many rounds run").hasSize(submittedBefore + 2);

        List<TransmissionRecord> events = from.registry.transmissions(letter);
        assertThat(events).extracting(t -> t.event().type()).containsExactlyInAnyOrder(Type.SENT, Type.ACCETTAZIONE, Type.CONSEGNA,
                Type.CONFERMA_RICEZIONE);
        TransmissionRecord conferma = events.stream().filter(t -> t.event().type() == Type.CONFERMA_RICEZIONE).findFirst().orElseThrow();
        Registration theirs = to.registry.find(incoming).orElseThrow();
        assertThat(conferma.event().recipientProtocol()).as("the conferma names the other administration's registration")
                .contains(io.github.pec4j.receipts.InteropAnswers.identificatore(theirs).reference());
        assertThat(conferma.event().recipient()).contains(to.box);
        assertThat(from.registry.find(letter).orElseThrow().direction()).isEqualTo(Direction.OUTGOING);
        assertThat(theirs.direction()).isEqualTo(Direction.INCOMING);
        assertThat(theirs.oggetto()).isEqualTo(String.format("Prot. n. %07d del 15/03/2024 - Convocazione conferenza dei servizi", letterNumber));
    }
}
