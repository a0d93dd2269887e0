package io.github.pec4j.mailroom;

import io.github.pec4j.admission.AooConfig;
import io.github.pec4j.registry.IntakeEntry;
import io.github.pec4j.registry.OutboxEntry;
import io.github.pec4j.registry.ProtocolRegistry;
import io.github.pec4j.registry.jdbc.JdbcRegistry;
import io.github.pec4j.registry.jdbc.JdbcRegistryConfig;
import io.github.pec4j.signature.TrustStore;
import io.github.pec4j.testkit.TestPki;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * An intake node in a JVM of its own, for the kill -9 and two-node tests: the mailroom of {@link Burst#BOX} on the
 * simulator's IMAP and SMTP servers, registering into a JDBC registry. It prints {@code ready}, then one line per
 * committed outcome ({@code outcome <key> <outcome> <folder>}, from the listener, so after the journal commit) and
 * per outbox entry marked sent ({@code sent <id>}), and {@code holds} or {@code standby} when a round finds the lease
 * otherwise than the round before.
 *
 * <p>Arguments, {@code name=value}: {@code jdbc}, {@code user}, {@code schema} ({@code -} for the default),
 * {@code imap} and {@code smtp} (ports), {@code node}, {@code leaseMs}, {@code offsetMs} (added to the system clock,
 * the same for every node of a test), {@code mode}: {@code idle} takes rounds until one takes nothing and exits 0
 * ({@code idle} printed), {@code run} runs until standard input closes.
 */
public final class IntakeNodeMain {
    private IntakeNodeMain() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (String arg : args) a.put(arg.substring(0, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Clock clock = Clock.offset(Clock.systemUTC(), Duration.ofMillis(Long.parseLong(a.get("offsetMs"))));
        JdbcRegistryConfig config = a.get("schema").equals("-") ? JdbcRegistryConfig.defaults() : JdbcRegistryConfig.defaults().withSchema(a.get("schema"));
        try (ProtocolRegistry registry = JdbcRegistry.open(a.get("jdbc"), a.get("user"), "", config, clock);
                Mailroom mailroom = builder(registry, a, clock, out).build()) {
            out.println("ready");
            if (a.get("mode").equals("idle")) {
                untilIdle(mailroom);
                out.println("idle");
            } else {
                mailroom.start();
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            }
        }
    }

    private static void untilIdle(Mailroom mailroom) throws Exception {
        while (true) {
            RoundReport r = mailroom.runOnce();
            if (r.leaseHeld() && r.messages().isEmpty()) return;
            if (!r.leaseHeld()) Thread.sleep(200); // another (dead) node's lease runs out
        }
    }

    static Mailroom.Builder builder(ProtocolRegistry registry, Map<String, String> a, Clock clock, PrintStream out) {
        ImapSettings imap = ImapSettings.parse("imap://" + Burst.BOX.replace("@", "%40") + "@127.0.0.1:" + a.get("imap") + "?starttls=none")
                .withPassword(Burst.PASSWORD.toCharArray());
        SmtpSettings smtp = SmtpSettings.parse("smtp://127.0.0.1:" + a.get("smtp") + "?starttls=none");
        AooConfig aoo = AooConfig.defaults().withMailboxes(Burst.BOX).withUncertified(AooConfig.Handling.REJECT, AooConfig.Handling.QUARANTINE);
        return Mailroom.builder(registry, Burst.REGISTER, aoo).imap(imap).smtp(smtp)
                .trust(TrustStore.builder().addCertificate(TestPki.shared().caCertificate()).build())
                .clock(clock).routing(Burst.routing()).offices(Burst.offices()).notificationSender(Burst.NOTIFIER)
                .nodeId(a.get("node")).leaseTtl(Duration.ofMillis(Long.parseLong(a.get("leaseMs")))).pollInterval(Duration.ofMillis(500))
                .retryBase(Duration.ofSeconds(1)).batchSize(50)
                .listener(new MailroomListener() {
                    private Boolean held;

                    @Override
                    public void onRound(RoundReport r) {
                        if (Boolean.valueOf(r.leaseHeld()).equals(held)) return;
                        held = r.leaseHeld();
                        out.println((held ? "holds" : "standby") + " " + r.startedAt()); // a hand-over, for a failing test's message
                    }

                    @Override
                    public void onOutcome(IntakeEntry e) {
                        out.println("outcome " + e.key().value() + " " + e.outcome() + " " + e.folder());
                    }

                    @Override
                    public void onOutbox(OutboxEntry e) {
                        if (e.state() == OutboxEntry.State.SENT) out.println("sent " + e.id());
                    }
                });
    }
}
