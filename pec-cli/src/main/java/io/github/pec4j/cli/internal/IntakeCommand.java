package io.github.pec4j.cli.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.pec4j.admission.AdmissionEngine;
import io.github.pec4j.admission.AooConfig;
import io.github.pec4j.directory.DirectoryChain;
import io.github.pec4j.directory.IpaDirectory;
import io.github.pec4j.formats.FormatPolicy;
import io.github.pec4j.mailroom.ImapSettings;
import io.github.pec4j.mailroom.Mailroom;
import io.github.pec4j.mailroom.MailroomConfig;
import io.github.pec4j.mailroom.MailroomListener;
import io.github.pec4j.mailroom.RoundReport;
import io.github.pec4j.mailroom.SmtpSettings;
import io.github.pec4j.registry.IdempotencyKey;
import io.github.pec4j.registry.IntakeEntry;
import io.github.pec4j.registry.ProtocolId;
import io.github.pec4j.registry.ProtocolRegistry;
import io.github.pec4j.registry.RegistryException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code pec intake --imap URL [--registry JDBC-URL] [--smtp URL] [--trust PATH]... [--aoo FILE]
 * [--policy FILE] [--ipa DIR] [--once] [--json]}, {@code pec intake queue errors|quarantine|receipts}
 * and {@code pec intake reprocess KEY} (with the same options): the institutional box taken in by
 * {@link Mailroom}.
 *
 * <p>Passwords come from the URL, {@code PEC_IMAP_PASSWORD} or {@code PEC_SMTP_PASSWORD}; neither they
 * nor the URLs' user information are ever printed. {@code --once} takes in what INBOX holds and exits;
 * otherwise the intake runs until SIGTERM (or Ctrl-C), finishes the message in hand and exits 0.
 *
 * <p>Exit status: 0 done; 2 usage; 3 the configuration, the mailbox or the register cannot be read or
 * reached; 4 a message ended among the errors (it is reported, and the others were taken in), or
 * {@code reprocess} found no such message.
 */
public final class IntakeCommand {
    /** The usage lines of {@code pec intake}. */
    public static final String USAGE = """
              intake --imap URL [--registry JDBC-URL] [--smtp URL] [--trust PATH]... [--aoo FILE] [--policy FILE] [--ipa DIR]
                     [--tls-trust PEM]... [--once] [--json]
                                         take the institutional box in: register (numbers, offices, notifications), file
                                         receipts, refuse ordinary mail (with the reply), quarantine; URL imap://user@host:port
                                         or imaps://… (an @ in the user is %40; password from PEC_IMAP_PASSWORD /
                                         PEC_SMTP_PASSWORD or the URL); --once: what INBOX holds, then exit; otherwise until
                                         SIGTERM; --json: one object per message
              intake queue errors|quarantine|receipts [the same options] [--limit N] [--json]
                                         the messages waiting for an operator (receipts: receipts not matched yet)
              intake reprocess KEY [the same options] [--json]
                                         judge a queued message again (KEY as the queue shows it)
            """;

    private static final Set<String> VALUED = Set.of("--imap", "--registry", "--smtp", "--trust", "--trust-password", "--aoo", "--policy",
            "--ipa", "--tls-trust", "--limit");
    private static final Map<String, IntakeEntry.Outcome> QUEUES = Map.of("errors", IntakeEntry.Outcome.ERROR, "quarantine",
            IntakeEntry.Outcome.QUARANTINED, "receipts", IntakeEntry.Outcome.RECEIPT_UNMATCHED);
    /** How long SIGTERM waits for the message in hand. */
    private static final Duration GRACE = Duration.ofMinutes(2);

    private final String name;
    private final CommandLine.Args args;
    private final PrintStream out;
    private final PrintStream err;
    private final RegisterCommand.Codes codes;
    private final AdmitCommand.TrustLoader trustLoader;
    /** Counted down once the register is closed: what SIGTERM waits for before the JVM ends. */
    private final CountDownLatch finished = new CountDownLatch(1);

    private IntakeCommand(String name, CommandLine.Args args, PrintStream out, PrintStream err, RegisterCommand.Codes codes,
            AdmitCommand.TrustLoader trustLoader) {
        this.name = name;
        this.trustLoader = trustLoader;
        this.args = args;
        this.out = out;
        this.err = err;
        this.codes = codes;
    }

    /** Runs {@code pec intake ARGS}; returns the exit status. */
    public static int run(List<String> args, PrintStream out, PrintStream err, AdmitCommand.TrustLoader trustLoader,
            RegisterCommand.Codes codes) {
        String sub = !args.isEmpty() && (args.get(0).equals("queue") || args.get(0).equals("reprocess")) ? args.get(0) : "";
        String name = "intake" + (sub.isEmpty() ? "" : " " + sub);
        Optional<CommandLine.Args> parsed = CommandLine.parse(name, sub.isEmpty() ? args : args.subList(1, args.size()), VALUED,
                sub.isEmpty() ? Set.of("--once") : Set.of(), err);
        if (parsed.isEmpty()) return codes.usage();
        IntakeCommand c = new IntakeCommand(name, parsed.get(), out, err, codes, trustLoader);
        List<String> operands = parsed.get().files();
        if (sub.isEmpty() && !operands.isEmpty()) return c.usage("unexpected operand '" + operands.get(0) + "'");
        if (!sub.isEmpty() && operands.size() != 1) {
            return c.usage(sub.equals("queue") ? "which queue? errors, quarantine or receipts" : "which KEY? (pec intake queue shows them)");
        }
        if (sub.equals("queue") && !QUEUES.containsKey(operands.get(0))) return c.usage("no queue '" + operands.get(0) + "': errors, quarantine or receipts");
        if (parsed.get().value("--imap").isEmpty()) return c.usage("--imap URL is required");
        return c.run(sub);
    }

    private int run(String sub) {
        Mailroom.Builder builder;
        ProtocolRegistry registry;
        try {
            registry = Registers.openOrCreate(args.value("--registry"), Clock.systemUTC());
        } catch (IllegalArgumentException e) {
            return usage(e.getMessage());
        } catch (IOException e) {
            err.println("pec " + name + ": cannot reach the register: " + Registers.redacted(String.valueOf(e.getMessage())));
            return codes.unreadable();
        }
        try (registry) {
            try {
                builder = builder(registry);
            } catch (IllegalArgumentException e) {
                return usage(e.getMessage());
            } catch (IOException e) {
                err.println("pec " + name + ": cannot read the configuration: " + e.getMessage());
                return codes.unreadable();
            }
            return switch (sub) {
                case "queue" -> queue(builder, QUEUES.get(args.files().get(0)));
                case "reprocess" -> reprocess(builder, args.files().get(0));
                default -> args.flag("--once") ? once(builder) : untilStopped(builder);
            };
        } catch (IOException e) {
            err.println("pec " + name + ": closing the register failed: " + Registers.redacted(String.valueOf(e.getMessage())));
            return codes.unreadable();
        } finally {
            finished.countDown();
        }
    }

    /** The mailroom the options and the configuration file describe; nothing connects yet. */
    private Mailroom.Builder builder(ProtocolRegistry registry) throws IOException {
        Optional<String> aoo = args.value("--aoo");
        Mailroom.Builder b;
        if (aoo.isPresent()) {
            b = Mailroom.builder(registry, MailroomConfig.load(Path.of(aoo.get())));
        } else {
            err.println("pec " + name + ": no --aoo: registering into " + DemoIntake.REGISTER + " with the law's defaults");
            b = Mailroom.builder(registry, DemoIntake.REGISTER, AooConfig.defaults());
        }
        List<Path> tlsTrust = args.all("--tls-trust").stream().map(Path::of).toList();
        ImapSettings imap = ImapSettings.parse(args.value("--imap").orElseThrow());
        b.imap(tlsTrust.isEmpty() ? imap : imap.withTrustCertificates(tlsTrust));
        if (args.value("--smtp").isPresent()) {
            SmtpSettings smtp = SmtpSettings.parse(args.value("--smtp").get());
            b.smtp(tlsTrust.isEmpty() ? smtp : smtp.withTrustCertificates(tlsTrust));
        }
        List<String> trust = args.all("--trust");
        if (trust.isEmpty()) err.println("pec " + name + ": no --trust given: no PEC provider signature can verify, so every PEC goes to quarantine");
        b.trust(trustLoader.load(trust, args.value("--trust-password").map(String::toCharArray).orElse(new char[0])));
        if (args.value("--policy").isPresent()) b.formatPolicy(FormatPolicy.load(Path.of(args.value("--policy").get())));
        b.directory(args.value("--ipa").isEmpty() ? AdmissionEngine.NO_DIRECTORY
                : DirectoryChain.builder().addLocal(IpaDirectory.load(Path.of(args.value("--ipa").get()))).build());
        return b;
    }

    /** Takes in what INBOX holds, prints each message's outcome, and exits. */
    private int once(Mailroom.Builder builder) {
        try (Mailroom mailroom = builder.build()) {
            RoundReport report = mailroom.runOnce();
            if (!report.leaseHeld()) err.println("pec intake: another node holds " + report.mailbox() + ": nothing taken in");
            report.messages().forEach(this::print);
            if (!args.json()) summary(report);
            return report.count(IntakeEntry.Outcome.ERROR) > 0 ? codes.failed() : codes.ok();
        } catch (IllegalArgumentException | IllegalStateException e) {
            return usage(e.getMessage());
        } catch (IOException e) {
            err.println("pec intake: " + Registers.redacted(String.valueOf(e.getMessage())));
            return codes.unreadable();
        }
    }

    /**
     * Takes mail in until SIGTERM: a first round here, so that a wrong URL or password says so at once,
     * then {@link Mailroom#run()}; the shutdown hook closes the mailroom (the message in hand is
     * finished), waits until the register is closed, and ends the JVM with status 0.
     */
    private int untilStopped(Mailroom.Builder builder) {
        Mailroom mailroom;
        try {
            mailroom = builder.listener(new MailroomListener() {
                @Override
                public void onOutcome(IntakeEntry entry) {
                    print(entry);
                }
            }).build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            return usage(e.getMessage());
        }
        Thread hook = new Thread(() -> stop(mailroom, finished), "pec-intake-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try (mailroom) {
            mailroom.runOnce();
            if (!args.json()) err.println("pec intake: taking " + mailroom.address() + " in until SIGTERM");
            mailroom.run();
            return codes.ok();
        } catch (IOException e) {
            err.println("pec intake: " + Registers.redacted(String.valueOf(e.getMessage())));
            return codes.unreadable();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return codes.ok();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it ends the JVM once run() has closed the register
            }
        }
    }

    private static void stop(Mailroom mailroom, CountDownLatch stopped) {
        try {
            mailroom.close();
            stopped.await(GRACE.toSeconds(), TimeUnit.SECONDS);
        } catch (IOException e) {
            // closing the mailbox failed after the last commit: nothing is lost, the next start repairs it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Runtime.getRuntime().halt(0);
    }

    private int queue(Mailroom.Builder builder, IntakeEntry.Outcome outcome) {
        int limit;
        try {
            limit = Integer.parseInt(args.value("--limit").orElse("100"));
            if (limit < 1) throw new NumberFormatException();
        } catch (NumberFormatException e) {
            return usage("--limit needs a positive number");
        }
        try (Mailroom mailroom = builder.build()) {
            List<IntakeEntry> waiting = mailroom.queue(outcome, limit);
            if (!args.json()) err.println(mailroom.address() + ": " + waiting.size() + " in " + args.files().get(0) + ", oldest first");
            waiting.forEach(this::print);
            return codes.ok();
        } catch (IOException e) {
            err.println("pec intake queue: " + Registers.redacted(String.valueOf(e.getMessage())));
            return codes.unreadable();
        }
    }

    private int reprocess(Mailroom.Builder builder, String key) {
        IdempotencyKey k;
        try {
            k = IdempotencyKey.of(key);
        } catch (IllegalArgumentException e) {
            return usage("not a key: " + e.getMessage());
        }
        try (Mailroom mailroom = builder.build()) {
            Optional<IntakeEntry> again = mailroom.reprocess(k);
            if (again.isEmpty()) {
                err.println("pec intake reprocess: no message with key " + key + " in the journal and the box");
                return codes.failed();
            }
            print(again.get());
            return again.get().outcome() == IntakeEntry.Outcome.ERROR ? codes.failed() : codes.ok();
        } catch (RegistryException e) {
            err.println("pec intake reprocess: " + Registers.refusal(e));
            return codes.failed();
        } catch (IOException e) {
            err.println("pec intake reprocess: " + Registers.redacted(String.valueOf(e.getMessage())));
            return codes.unreadable();
        }
    }

    private synchronized void print(IntakeEntry e) {
        if (args.json()) {
            out.println(json(e).toString());
        } else {
            out.println(line(e));
        }
    }

    /** The JSON object of one message's outcome. */
    static ObjectNode json(IntakeEntry e) {
        ObjectNode o = JsonReport.MAPPER.createObjectNode();
        o.put("messageId", e.messageId().orElse(null));
        o.put("kind", e.kind());
        o.put("outcome", RoundReport.outcomeId(e.outcome()));
        o.put("protocol", e.registration().map(ProtocolId::toString).orElse(null));
        o.put("folder", e.folder());
        ArrayNode reasons = o.putArray("reasons");
        e.reasons().forEach(reasons::add);
        o.put("key", e.key().value());
        o.put("mailbox", e.mailbox());
        o.put("sender", e.sender().orElse(null));
        o.put("subject", e.subject().orElse(null));
        o.put("at", e.at().toString());
        o.put("attempts", e.attempts());
        return o;
    }

    /** One line of text for one message's outcome. */
    static String line(IntakeEntry e) {
        return String.format("%-18s %-34s %-26s %-40s %s%s", RoundReport.outcomeId(e.outcome()),
                e.registration().map(ProtocolId::toString).orElse("-"), e.folder(), e.sender().orElse("-"),
                e.subject().orElse("(senza oggetto)"), e.reasons().isEmpty() ? "" : "\n" + " ".repeat(20) + String.join("\n" + " ".repeat(20), e.reasons()));
    }

    private void summary(RoundReport report) {
        StringBuilder s = new StringBuilder(report.mailbox() + ": " + report.messages().size() + " message(s)");
        for (IntakeEntry.Outcome o : IntakeEntry.Outcome.values()) {
            long n = report.count(o);
            if (n > 0) s.append(", ").append(n).append(' ').append(RoundReport.outcomeId(o));
        }
        report.quota().ifPresent(q -> s.append("; quota ").append(q));
        err.println(s);
    }

    private int usage(String problem) {
        err.println("pec " + name + ": " + problem);
        return codes.usage();
    }
}
