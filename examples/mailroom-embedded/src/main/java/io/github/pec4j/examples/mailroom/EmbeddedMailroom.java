package io.github.pec4j.examples.mailroom;

import io.github.pec4j.admission.AooConfig;
import io.github.pec4j.mailroom.ImapSettings;
import io.github.pec4j.mailroom.Mailroom;
import io.github.pec4j.mailroom.MailroomListener;
import io.github.pec4j.mailroom.Office;
import io.github.pec4j.mailroom.RoundReport;
import io.github.pec4j.mailroom.SmtpSettings;
import io.github.pec4j.registry.IntakeEntry;
import io.github.pec4j.registry.ProtocolRegistry;
import io.github.pec4j.registry.RegisterId;
import io.github.pec4j.registry.jdbc.JdbcRegistry;
import io.github.pec4j.signature.TrustStore;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The mailroom embedded in a plain Java program: the institutional PEC box taken into the embedded H2
 * register, each outcome printed as it is committed.
 *
 * <p>Run: {@code java EmbeddedMailroom IMAP_URL SMTP_URL TRUSTED_PEM REGISTER_DIR [--once]}, the passwords
 * in {@code PEC_IMAP_PASSWORD} and {@code PEC_SMTP_PASSWORD}. Without {@code --once} it takes mail in until
 * the JVM is stopped (Ctrl-C closes the mailroom, which gives the box's lease up).
 */
public final class EmbeddedMailroom {
    /** The register incoming mail goes to. */
    static final RegisterId REGISTER = RegisterId.of("c_esempio", "AOO_CENTRALE", "PG");

    private EmbeddedMailroom() {}

    /**
     * Runs the mailroom.
     *
     * @param args the IMAP URL, the SMTP URL, the trusted PEC CAs (PEM), the register's directory, and {@code --once}
     * @throws Exception when the settings are refused or the register cannot be opened
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: EmbeddedMailroom IMAP_URL SMTP_URL TRUSTED_PEM REGISTER_DIR [--once]");
            System.exit(2);
        }
        boolean once = args.length > 4 && args[4].equals("--once");
        run(ImapSettings.parse(args[0]), SmtpSettings.parse(args[1]), Path.of(args[2]), Path.of(args[3]), Clock.systemUTC(), once, System.out);
    }

    /**
     * Opens the register and the mailroom, and takes mail in: one round, or until interrupted.
     *
     * @param imap the institutional box
     * @param smtp where replies and office notifications are sent
     * @param trustedPem the PEC providers' CAs
     * @param registerDir the embedded register's directory
     * @param clock the clock
     * @param once whether to take in what INBOX holds now and return
     * @param out where outcomes are printed
     * @return the last round's report (empty of messages when run until interrupted)
     * @throws IOException when the register or, in a single round, the mailbox fails
     * @throws InterruptedException when interrupted while running
     */
    public static RoundReport run(ImapSettings imap, SmtpSettings smtp, Path trustedPem, Path registerDir, Clock clock, boolean once,
            PrintStream out) throws IOException, InterruptedException {
        // tag::mailroom[]
        TrustStore trust = TrustStore.builder().addPem(trustedPem).build();
        try (ProtocolRegistry registry = JdbcRegistry.embedded(registerDir, clock);
             Mailroom mailroom = Mailroom.builder(registry, REGISTER, AooConfig.defaults())
                     .imap(imap)                                   // the institutional PEC box
                     .smtp(smtp)                                   // replies to ordinary mail, notifications to offices
                     .trust(trust)                                 // the providers' CAs (AgID list in production)
                     .office(Office.of("PROTOCOLLO", "Ufficio Protocollo", "protocollo@comune.esempio.it"))
                     .clock(clock)
                     .listener(new MailroomListener() {
                         @Override
                         public void onOutcome(IntakeEntry entry) {  // after the commit, before the message moves
                             out.println(entry.outcome() + " " + entry.registration().map(Object::toString).orElse("-")
                                     + " " + entry.subject().orElse(""));
                         }
                     })
                     .build()) {
            if (once) return mailroom.runOnce();                   // what INBOX holds now
            Runtime.getRuntime().addShutdownHook(new Thread(() -> close(mailroom)));
            mailroom.run();                                        // round after round, IMAP IDLE between them
            return mailroom.runOnce();
        }
        // end::mailroom[]
    }

    private static void close(Mailroom mailroom) {
        try {
            mailroom.close();
        } catch (IOException e) {
            System.err.println("closing the mailroom: " + e.getMessage());
        }
    }
}
