package io.github.pec4j.mailroom;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pec4j.registry.IntakeEntry;
import io.github.pec4j.registry.IntakeEntry.Outcome;
import io.github.pec4j.testkit.Attachments;
import io.github.pec4j.testkit.FixtureKind;
import io.github.pec4j.testkit.PecFixtures;
import io.github.pec4j.registry.ProtocolRegistry;
import io.github.pec4j.registry.memory.MemoryRegistryProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A PEC delivered twice by a retried SMTP delivery carries other transport headers (unsigned) over the same signed
 * bytes: a duplicate of its registration, not an idempotency conflict. Found by fuzzing a mailroom round
 * ({@code MailroomRoundFuzzTest}, seed {@code crasher-redelivered-with-other-received.txt}): the genuine PEC behind a
 * copy with a changed {@code Received} header was quarantined as a conflict.
 */
@Tag("MRM-REDELIVERY-01")
class RedeliveryTest {
    private static final String RECEIVED = "Received: from mx2.pec.gestore.example.it (mx2.pec.gestore.example.it [192.0.2.7])\r\n"
            + "\tby mx.pec.comune.esempio.it with ESMTPS; Fri, 15 Mar 2024 10:20:31 +0100\r\n";

    @Test
    @DisplayName("MRM-REDELIVERY-01 the same signed PEC delivered again with another Received header is a duplicate of its registration, in one round or the next")
    void redeliveredIsDuplicate() throws Exception {
        try (Harness h = new Harness(); Mailroom mailroom = h.builder().build()) {
            byte[] genuine = h.scenarios.citizenFromUnlistedPec();
            h.mailbox.deliver(genuine);
            h.mailbox.deliver(withHeader(RECEIVED, genuine));
            RoundReport first = mailroom.runOnce();

            h.mailbox.deliver(withHeader(RECEIVED.replace("10:20:31", "10:45:02"), genuine));
            RoundReport second = mailroom.runOnce();

            assertThat(first.messages()).extracting(IntakeEntry::outcome).containsExactly(Outcome.REGISTERED, Outcome.DUPLICATE);
            assertThat(second.messages()).extracting(IntakeEntry::outcome).containsExactly(Outcome.DUPLICATE);
            IntakeEntry registered = first.messages().get(0);
            assertThat(first.messages().get(1).registration()).isEqualTo(registered.registration());
            assertThat(second.messages().get(0).registration()).isEqualTo(registered.registration());
            assertThat(String.join(" ", first.messages().get(1).reasons())).contains("MRM-REDELIVERY-01");
            assertThat(h.registrations()).hasSize(1);
            assertThat(h.mailbox.count(Folders.INBOX)).isZero();
        }
    }

    @Test
    @DisplayName("MRM-REDELIVERY-01 copies a relay re-encoded (the signature's base64 in lines of 64; every line break a bare LF) verify the same and are duplicates")
    void reencodedCopiesAreDuplicates() throws Exception {
        try (Harness h = new Harness(); Mailroom mailroom = h.builder().build()) {
            byte[] genuine = h.scenarios.citizenFromUnlistedPec();
            h.mailbox.deliver(genuine);
            h.mailbox.deliver(withHeader(RECEIVED, rewrapSignature(genuine, 64)));
            h.mailbox.deliver(new String(withHeader(RECEIVED, genuine), StandardCharsets.ISO_8859_1).replace("\r\n", "\n")
                    .getBytes(StandardCharsets.ISO_8859_1));

            RoundReport round = mailroom.runOnce();

            assertThat(round.messages()).extracting(IntakeEntry::outcome)
                    .containsExactly(Outcome.REGISTERED, Outcome.DUPLICATE, Outcome.DUPLICATE);
            assertThat(h.registrations()).hasSize(1);
        }
    }

    @Test
    @DisplayName("MRM-REDELIVERY-01 when the registered message cannot be read back, the copy is an error kept for re-processing, never a duplicate, and the round goes on")
    void unreadableRegisteredMessage() throws Exception {
        boolean[] failReads = {false};
        try (Harness h = new Harness(clock -> failingReads(MemoryRegistryProvider.create(clock), failReads));
                Mailroom mailroom = h.builder().build()) {
            byte[] genuine = h.scenarios.citizenFromUnlistedPec();
            h.mailbox.deliver(genuine);
            mailroom.runOnce();
            failReads[0] = true;
            h.mailbox.deliver(withHeader(RECEIVED, genuine));
            h.mailbox.deliver(h.scenarios.firmFromIniPec());

            RoundReport round = mailroom.runOnce();

            assertThat(round.messages()).extracting(IntakeEntry::outcome).containsExactly(Outcome.ERROR, Outcome.REGISTERED);
            assertThat(round.messages().get(0).reasons().get(0)).startsWith("MRM-ISOL-01").contains("disk gone");
            assertThat(round.messages().get(0).folder()).isEqualTo("pec4j/errors");
            assertThat(h.registrations()).hasSize(2);
        }
    }

    /** The registry, whose documents cannot be opened while {@code fail[0]} holds. */
    private static ProtocolRegistry failingReads(ProtocolRegistry registry, boolean[] fail) {
        return (ProtocolRegistry) Proxy.newProxyInstance(ProtocolRegistry.class.getClassLoader(), new Class<?>[] {ProtocolRegistry.class},
                (proxy, method, args) -> {
                    if (fail[0] && method.getName().equals("openDocument")) {
                        throw new IOException("disk gone");
                    }
                    try {
                        return method.invoke(registry, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    @DisplayName("MRM-REDELIVERY-01 two genuine PECs under the same identificativo with other signed content: the second is a conflict for an operator")
    void otherSignedContentIsConflict() throws Exception {
        try (Harness h = new Harness(); Mailroom mailroom = h.builder().build()) {
            h.mailbox.deliver(envelope("richiesta.pdf", Attachments.pdf()));
            h.mailbox.deliver(envelope("richiesta.pdf", Attachments.pdf(4_000, 9)));

            RoundReport round = mailroom.runOnce();

            assertThat(round.messages()).extracting(IntakeEntry::outcome).containsExactly(Outcome.REGISTERED, Outcome.QUARANTINED);
            assertThat(String.join(" ", round.messages().get(1).reasons())).contains("REG-CONFLICT");
            assertThat(h.registrations()).hasSize(1);
        }
    }

    private static byte[] envelope(String name, byte[] pdf) {
        return PecFixtures.create().message(FixtureKind.POSTA_CERTIFICATA).from("mario.rossi@pec.example.it").to(Harness.BOX)
                .subject("Richiesta certificato").clientMessageId("same-key@client.example.it")
                .identificativo("opec21.20240315101530.1.1@pec.gestore.example.it").noAttachments()
                .attachment(name, "application/pdf", pdf).build();
    }

    /** The message with its smime.p7s part's base64 wrapped at {@code width} characters a line. */
    private static byte[] rewrapSignature(byte[] message, int width) {
        String text = new String(message, StandardCharsets.ISO_8859_1);
        int part = text.indexOf("filename=\"smime.p7s\"");
        int from = text.indexOf("\r\n\r\n", part) + 4;
        int to = text.indexOf("\r\n--", from);
        String base64 = text.substring(from, to).replace("\r\n", "");
        StringBuilder wrapped = new StringBuilder();
        for (int i = 0; i < base64.length(); i += width) {
            wrapped.append(i == 0 ? "" : "\r\n").append(base64, i, Math.min(base64.length(), i + width));
        }
        assertThat(wrapped.toString()).isNotEqualTo(text.substring(from, to));
        return (text.substring(0, from) + wrapped + text.substring(to)).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] withHeader(String header, byte[] message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(message);
        return out.toByteArray();
    }
}
