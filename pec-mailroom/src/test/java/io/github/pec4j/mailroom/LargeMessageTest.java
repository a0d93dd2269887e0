package io.github.pec4j.mailroom;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pec4j.registry.Impronta;
import io.github.pec4j.registry.IntakeEntry;
import io.github.pec4j.registry.IntakeEntry.Outcome;
import io.github.pec4j.registry.Registration;
import io.github.pec4j.testkit.FixtureKind;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LargeMessageTest {
    @Test
    @DisplayName("a 30 MB PEC is spooled to a file, registered byte-exact with its attachment's impronta, and moved")
    void thirtyMegabytes() throws Exception {
        try (Harness h = new Harness(); Mailroom mailroom = h.builder().build()) {
            byte[] line = "Relazione tecnica: rilievo dello stato dei luoghi, foglio 12 mappale 345.\r\n".getBytes(StandardCharsets.US_ASCII);
            byte[] text = new byte[22_000_000 / line.length * line.length];
            for (int i = 0; i < text.length; i += line.length) System.arraycopy(line, 0, text, i, line.length);
            var builder = h.fixtures.message(FixtureKind.POSTA_CERTIFICATA).to(Harness.BOX).clientMessageId("grande@client.example.it")
                    .attachment("relazione.txt", "text/plain", text);
            ByteArrayOutputStream out = new ByteArrayOutputStream(31 << 20);
            builder.writeTo(out);
            byte[] pec = out.toByteArray();
            assertThat(pec.length).isGreaterThan(30_000_000);
            h.mailbox.deliver(pec);

            IntakeEntry e = Harness.only(mailroom.runOnce());

            assertThat(e.outcome()).as(e.reasons().toString()).isEqualTo(Outcome.REGISTERED);
            Registration r = h.registry.find(e.registration().orElseThrow()).orElseThrow();
            assertThat(r.documents().get(0).size()).isEqualTo(pec.length);
            assertThat(r.documents().get(0).impronta()).isEqualTo(Impronta.of(pec));
            assertThat(r.documents().get(1).impronta().hex()).isEqualToIgnoringCase(builder.expectedAttachments().get(0).sha256());
            assertThat(h.mailbox.count(Folders.INBOX)).isZero();
        }
    }
}
