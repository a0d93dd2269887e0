package io.github.pec4j.mailroom;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pec4j.registry.Capability;
import io.github.pec4j.registry.IntakeEntry.Outcome;
import io.github.pec4j.registry.ProtocolRegistry;
import io.github.pec4j.testkit.FixtureKind;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class FallbackAndArchiveTest {

    /** The same registry, as one that keeps no mailroom state. */
    @SuppressWarnings("unchecked")
    private static ProtocolRegistry withoutMailroom(ProtocolRegistry registry) {
        return (ProtocolRegistry) Proxy.newProxyInstance(FallbackAndArchiveTest.class.getClassLoader(), new Class<?>[] {ProtocolRegistry.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("mailroom")) return Optional.empty();
                    try {
                        Object result = method.invoke(registry, args);
                        if (method.getName().equals("capabilities")) {
                            Set<Capability> less = EnumSet.copyOf((Set<Capability>) result);
                            less.remove(Capability.MAILROOM);
                            return less;
                        }
                        return result;
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    @DisplayName("a registry without MAILROOM: the journal and outbox live in memory, a single node, still exactly once by the idempotency key")
    void registryWithoutMailroomState() throws Exception {
        try (Harness h = new Harness()) {
            ProtocolRegistry plain = withoutMailroom(h.registry);
            byte[] pec = h.scenarios.citizenFromUnlistedPec();
            h.mailbox.deliver(pec);
            try (Mailroom mailroom = h.builderOn(plain).office(Office.of("PROTOCOLLO", "Protocollo", "protocollo@comune.esempio.it")).build()) {
                assertThat(Harness.only(mailroom.runOnce()).outcome()).isEqualTo(Outcome.REGISTERED);
                assertThat(h.smtp.sent).hasSize(1);
            }
            h.mailbox.deliver(pec);
            try (Mailroom restarted = h.builderOn(plain).build()) {
                assertThat(Harness.only(restarted.runOnce()).outcome()).as("the registry's idempotency key").isEqualTo(Outcome.DUPLICATE);
            }
            assertThat(h.registrations()).hasSize(1);
        }
    }

    @Test
    @DisplayName("filed receipts older than the archive age move to the archive folder; newer ones stay")
    void archive() throws Exception {
        try (Harness h = new Harness(); Mailroom mailroom = h.builder().archiveReceiptsAfter(Duration.ofDays(30)).build()) {
            String id = "20240315.lettera-9@client.comune.esempio.it";
            h.outgoing(id, "ufficio.tributi@pec.regione.esempio.it");
            h.mailbox.deliver(h.fixtures.message(FixtureKind.ACCETTAZIONE).from(Harness.BOX).to("ufficio.tributi@pec.regione.esempio.it")
                    .clientMessageId(id).build());
            mailroom.runOnce();
            assertThat(h.mailbox.count("pec4j/receipts")).isOne();

            h.clock.advance(Duration.ofDays(10));
            h.mailbox.deliver(h.fixtures.message(FixtureKind.AVVENUTA_CONSEGNA).from(Harness.BOX).to("ufficio.tributi@pec.regione.esempio.it")
                    .clientMessageId(id).build());
            mailroom.runOnce();
            assertThat(h.mailbox.count("pec4j/receipts")).isEqualTo(2);

            h.clock.advance(Duration.ofDays(25));
            mailroom.runOnce();
            assertThat(h.mailbox.count("pec4j/receipts-archive")).as("35 days old").isOne();
            assertThat(h.mailbox.count("pec4j/receipts")).as("25 days old").isOne();
        }
    }
}
