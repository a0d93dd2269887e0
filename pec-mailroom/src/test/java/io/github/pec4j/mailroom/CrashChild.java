package io.github.pec4j.mailroom;

import io.github.pec4j.admission.AooConfig;
import io.github.pec4j.registry.ProtocolRegistry;
import io.github.pec4j.registry.jdbc.JdbcRegistry;
import io.github.pec4j.registry.jdbc.JdbcRegistryConfig;
import io.github.pec4j.signature.TrustStore;
import io.github.pec4j.testkit.TestPki;
import java.time.Clock;
import java.time.Duration;

/**
 * The intake as a process of its own, for {@link CrashRecoveryIT}: takes the simulator's box into an H2 registry
 * until it is killed. Arguments: IMAP port, SMTP port, H2 URL.
 */
public final class CrashChild {
    private CrashChild() {}

    public static void main(String[] args) throws Exception {
        String box = Harness.BOX.replace("@", "%40");
        try (ProtocolRegistry registry = JdbcRegistry.open(args[2], "", "", JdbcRegistryConfig.defaults(), Clock.systemUTC());
                Mailroom mailroom = Mailroom.builder(registry, Harness.REGISTER, AooConfig.defaults().withMailboxes(Harness.BOX))
                        .imap(ImapSettings.parse("imap://" + box + "@127.0.0.1:" + args[0] + "?starttls=none").withPassword("secret".toCharArray()))
                        .smtp(SmtpSettings.parse("smtp://" + box + "@127.0.0.1:" + args[1] + "?starttls=none").withPassword("secret".toCharArray()))
                        .trust(TrustStore.builder().addCertificate(TestPki.shared().caCertificate()).build())
                        .office(Office.of("PROTOCOLLO", "Protocollo", CrashRecoveryIT.OFFICE)).notificationSender(CrashRecoveryIT.OFFICE)
                        .leaseTtl(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(200)).batchSize(10).build()) {
            mailroom.run();
        }
    }
}
