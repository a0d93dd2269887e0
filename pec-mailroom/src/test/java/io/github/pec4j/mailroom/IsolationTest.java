package io.github.pec4j.mailroom;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pec4j.admission.AdmissionEngine;
import io.github.pec4j.directory.AddressOwner;
import io.github.pec4j.directory.Answer;
import io.github.pec4j.directory.Domicile;
import io.github.pec4j.directory.DomicileDirectory;
import io.github.pec4j.directory.Lookup;
import io.github.pec4j.registry.IntakeEntry;
import io.github.pec4j.registry.IntakeEntry.Outcome;
import io.github.pec4j.registry.RegistryOptions;
import io.github.pec4j.registry.memory.MemoryRegistryProvider;
import io.github.pec4j.testkit.FixtureKind;
import io.github.pec4j.registry.ProtocolRegistry;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class IsolationTest {
    /** A directory with a defect: asked about one sender, it overflows the stack, as a library bug would. */
    private static DomicileDirectory defective(String sender) {
        DomicileDirectory none = AdmissionEngine.NO_DIRECTORY;
        return new DomicileDirectory() {
            @Override
            public String id() {
                return "defective";
            }

            @Override
            public Set<Lookup> capabilities() {
                return none.capabilities();
            }

            @Override
            public Answer<AddressOwner> ownerOf(String address, LocalDate at) {
                if (address.equalsIgnoreCase(sender)) throw new StackOverflowError("a defect in a library");
                return none.ownerOf(address, at);
            }

            @Override
            public Answer<List<Domicile>> domicilesOf(String taxCode, LocalDate at) {
                return none.domicilesOf(taxCode, at);
            }
        };
    }

    @Test
    @Tag("MRM-ISOL-01")
    @DisplayName("MRM-ISOL-01 a message that breaks the parser goes to errors with its reason; the messages around it are registered")
    void defectIsolated() throws Exception {
        try (Harness h = new Harness();
                Mailroom mailroom = h.builder().directory(defective("guasto@pec.example.it")).build()) {
            h.mailbox.deliver(h.scenarios.citizenFromUnlistedPec());
            h.mailbox.deliver(h.fixtures.message(FixtureKind.POSTA_CERTIFICATA).from("guasto@pec.example.it").to(Harness.BOX)
                    .clientMessageId("broken@client.example.it").build());
            h.mailbox.deliver(h.scenarios.firmFromIniPec());

            RoundReport round = mailroom.runOnce();

            assertThat(round.messages()).extracting(IntakeEntry::outcome).containsExactly(Outcome.REGISTERED, Outcome.ERROR, Outcome.REGISTERED);
            IntakeEntry error = round.messages().get(1);
            assertThat(error.reasons().get(0)).startsWith("MRM-ISOL-01").contains("StackOverflowError");
            assertThat(error.folder()).isEqualTo("pec4j/errors");
            assertThat(h.mailbox.count("pec4j/errors")).isOne();
            assertThat(h.mailbox.count(Folders.INBOX)).isZero();
            assertThat(h.registrations()).hasSize(2);
            assertThat(mailroom.queue(Outcome.ERROR, 10)).extracting(IntakeEntry::key).containsExactly(error.key());
        }
    }

    @Test
    @Tag("MRM-ISOL-01")
    @DisplayName("MRM-ISOL-01 a message the server cannot serve is retried, then filed under errors; the others go on")
    void unfetchable() throws Exception {
        try (Harness h = new Harness(); Mailroom mailroom = h.builder().fetchAttempts(2).build()) {
            byte[] bad = h.scenarios.firmFromIniPec();
            h.mailbox.deliver(bad);
            h.mailbox.deliver(h.scenarios.citizenFromUnlistedPec());
            h.mailbox.failOpen(b -> java.util.Arrays.equals(b, bad));

            assertThat(mailroom.runOnce().messages()).extracting(IntakeEntry::outcome).containsExactly(Outcome.REGISTERED);
            assertThat(h.mailbox.count(Folders.INBOX)).isOne();
            IntakeEntry e = Harness.only(mailroom.runOnce());

            assertThat(e.outcome()).isEqualTo(Outcome.ERROR);
            assertThat(e.kind()).isEqualTo("unreadable");
            assertThat(e.reasons().get(0)).contains("could not be fetched 2 times");
            assertThat(h.mailbox.count("pec4j/errors")).isOne();
            assertThat(h.mailbox.count(Folders.INBOX)).isZero();
        }
    }

    @Test
    @Tag("MRM-ISOL-01")
    @DisplayName("MRM-ISOL-01 a registry refusal for one message (too large) files it under errors; a throwing listener is ignored")
    void registryRefusalAndListener() throws Exception {
        try (Harness h = new Harness(clock -> new MemoryRegistryProvider().open(RegistryOptions.defaults().withClock(clock)
                .with("memory.maxDocumentBytes", "200000")));
                Mailroom mailroom = h.builder().listener(new MailroomListener() {
                    @Override
                    public void onOutcome(IntakeEntry entry) {
                        throw new IllegalStateException("a listener bug");
                    }
                }).build()) {
            h.mailbox.deliver(h.fixtures.message(FixtureKind.POSTA_CERTIFICATA).to(Harness.BOX).clientMessageId("big@client.example.it")
                    .attachment("grande.pdf", "application/pdf", 300_000L).build());
            h.mailbox.deliver(h.scenarios.citizenFromUnlistedPec());

            List<IntakeEntry> done = mailroom.runOnce().messages();

            assertThat(done).extracting(IntakeEntry::outcome).containsExactly(Outcome.ERROR, Outcome.REGISTERED);
            assertThat(done.get(0).reasons().get(0)).contains("TOO_LARGE");
            assertThat(h.mailbox.count(Folders.INBOX)).isZero();
        }
    }

    /**
     * A registry with defects: its group commit always throws, and its single registration throws on the
     * {@code bad}-th call, as a vendor's bug would.
     */
    private static ProtocolRegistry brokenBatch(ProtocolRegistry registry, int bad) {
        AtomicInteger calls = new AtomicInteger();
        return (ProtocolRegistry) Proxy.newProxyInstance(IsolationTest.class.getClassLoader(), new Class<?>[] {ProtocolRegistry.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("registerAll")) throw new IllegalStateException("a defect in the group commit");
                    if (method.getName().equals("register") && calls.incrementAndGet() == bad) {
                        throw new IllegalStateException("a defect in register");
                    }
                    try {
                        return method.invoke(registry, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    @Tag("MRM-ISOL-01")
    @DisplayName("MRM-ISOL-01 a registry whose group commit throws an unchecked exception: each message is registered alone, the one it "
            + "throws on goes to errors, the round goes on")
    void defectiveGroupCommit() throws Exception {
        try (Harness h = new Harness(clock -> brokenBatch(new MemoryRegistryProvider().open(RegistryOptions.defaults().withClock(clock)), 2));
                Mailroom mailroom = h.builder().build()) {
            for (String id : List.of("uno@client.example.it", "due@client.example.it", "tre@client.example.it")) {
                h.mailbox.deliver(h.fixtures.message(FixtureKind.POSTA_CERTIFICATA).to(Harness.BOX).clientMessageId(id).build());
            }

            List<IntakeEntry> done = mailroom.runOnce().messages();

            assertThat(done).extracting(IntakeEntry::outcome).containsExactly(Outcome.REGISTERED, Outcome.ERROR, Outcome.REGISTERED);
            assertThat(done.get(1).reasons().get(0)).contains("MRM-ISOL-01").contains("a defect in register");
            assertThat(done).filteredOn(e -> e.outcome() == Outcome.REGISTERED).extracting(e -> e.registration().orElseThrow().number())
                    .containsExactly(1L, 2L);
            assertThat(h.mailbox.count(Folders.INBOX)).isZero();
        }
    }
}
