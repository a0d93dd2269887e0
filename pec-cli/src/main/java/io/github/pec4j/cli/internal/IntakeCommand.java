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
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code pec intake --imap URL [--registry JDBC-URL] [--smtp URL] [--trust PATH]... [--aoo FILE]
 * [--policy FILE] [--ipa DIR] [--once] [--json]}, {@code pec intake queue errors|quarantine|receipts}
 * and {@code pec intake reprocess KEY} (with the same options): the institutional box taken in by
 * {@link Mailroom}.
 *
 * <p>Passwords come from {@code PEC_IMAP_PASSWORD} / {@code PEC_SMTP_PASSWORD}, the variables or files the options name, or
 * (discouraged) the URL; neither they
 * nor the URLs' user information are ever printed. {@code --once} takes in what INBOX holds and exits;
 * otherwise the intake runs until SIGTERM (or Ctrl-C), finishes the message in hand and exits 0.
 *
 * <p>Exit status: 0 done; 2 usage; 3 the configuration, the mailbox or the register cannot be read or
 * reached; 4 a message ended among the errors (it is reported, and the others were taken in), or
 * {@code reprocess} found no such message.
 */
@Command(name = "intake", synopsisSubcommandLabel = "[COMMAND]", subcommands = {IntakeCommand.Queue.class, IntakeCommand.Reprocess.class}, description = {"Take the institutional box in: register (numbers, "
        + "offices, notifications), file receipts, refuse ordinary mail (with the reply), quarantine. --once: what INBOX holds, then exit; "
        + "otherwise until SIGTERM (the message in hand is finished, exit 0).",
    "The register defaults to the demo's embedded one (created if missing)."})
public final class IntakeCommand implements Callable<Integer> {
    private static final Map<String, IntakeEntry.Outcome> QUEUES = Map.of("errors", IntakeEntry.Outcome.ERROR, "quarantine",
            IntakeEntry.Outcome.QUARANTINED, "receipts", IntakeEntry.Outcome.RECEIPT_UNMATCHED);
    /** How long SIGTERM waits for the message in hand. */
    private static final Duration GRACE = Duration.ofMinutes(2);

    private final Io io;
    private final RegisterCommand.Codes codes = Pec.CODES;
    /** Counted down once the register is closed: what SIGTERM waits for before the JVM ends. */
    private final CountDownLatch finished = new CountDownLatch(1);

    @Mixin
    IntakeOptions options = new IntakeOptions();

    @Option(names = "--once", description = "Take in what INBOX holds, then exit.")
    boolean once;

    @Option(names = "--json", description = "One JSON object per message, one per line.")
    boolean json;

    private String name = "intake";
    private PrintStream out;
    private PrintStream err;
    private PrintStream notes;

    IntakeCommand(Io io) {
        this.io = io;
    }

    /** Runs {@code pec intake}; returns the exit status. */
    @Override
    public Integer call() {
        streams();
        return execute("intake", json, builder -> once ? once(builder) : untilStopped(builder));
    }

    private int queue(String queue, int limit, boolean asJson) {
        name = "intake queue";
        streams();
        if (!QUEUES.containsKey(queue)) return usage("no queue '" + queue + "': errors, quarantine or receipts");
        if (limit < 1) return usage("--limit needs a positive number");
        return execute(name, asJson, builder -> queue(builder, queue, QUEUES.get(queue), limit));
    }

    private int reprocess(String key, boolean asJson) {
        streams();
        return execute("intake reprocess", asJson, builder -> reprocess(builder, key));
    }

    @Command(name = "queue", description = "The messages waiting for an operator, oldest first (receipts: receipts not matched yet).")
    static final class Queue implements Callable<Integer> {
        @ParentCommand
        IntakeCommand parent;

        @Parameters(paramLabel = "errors|quarantine|receipts", description = "Which queue.")
        String queue;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "100", description = "At most N (default ${DEFAULT-VALUE}).")
        int limit;

        @Option(names = "--json", description = "One JSON object per message, one per line.")
        boolean json;

        @Override
        public Integer call() {
            return parent.queue(queue, limit, json);
        }
    }

    @Command(name = "reprocess", description = "Judge a queued message again.")
    static final class Reprocess implements Callable<Integer> {
        @ParentCommand
        IntakeCommand parent;

        @Parameters(paramLabel = "KEY", description = "The message's key, as pec intake queue shows it.")
        String key;

        @Option(names = "--json", description = "One JSON object.")
        boolean json;

        @Override
        public Integer call() {
            return parent.reprocess(key, json);
        }
    }

    /** The streams, once the command line is read ({@code --quiet} comes with it). */
    private void streams() {
        out = io.out();
        err = io.err();
        notes = io.notes();
    }

    /** What a command does with the mailroom the options describe. */
    @FunctionalInterface
    private interface Work {
        int run(Mailroom.Builder builder);
    }

    private int execute(String command, boolean asJson, Work work) {
        name = command;
        json = asJson;
        if (options.imap == null) return usage("--imap URL is required");
        ProtocolRegistry registry;
        try {
            registry = Registers.openOrCreate(options.registry.url(), options.registry.password(), Clock.systemUTC());
        } catch (IllegalArgumentException e) {
            return usage(e.getMessage());
        } catch (IOException e) {
            err.println("pec " + name + ": cannot reach the register: " + Registers.redacted(String.valueOf(e.getMessage())));
            return codes.unreadable();
        }
        try (registry) {
            Mailroom.Builder builder;
            try {
                builder = builder(registry);
            } catch (IllegalArgumentException e) {
                return usage(e.getMessage());
            } catch (IOException e) {
                err.println("pec " + name + ": cannot read the configuration: " + e.getMessage());
                return codes.unreadable();
            }
            return work.run(builder);
        } catch (IOException e) {
            err.println("pec " + name + ": closing the register failed: " + Registers.redacted(String.valueOf(e.getMessage())));
            return codes.unreadable();
        } finally {
            finished.countDown();
        }
    }

    /** The mailroom the options and the configuration file describe; nothing connects yet. */
    private Mailroom.Builder builder(ProtocolRegistry registry) throws IOException {
        Mailroom.Builder b;
        if (options.aoo != null) {
            b = Mailroom.builder(registry, MailroomConfig.load(Path.of(options.aoo)));
        } else {
            notes.println("pec " + name + ": no --aoo: registering into " + DemoIntake.REGISTER + " with the law's defaults");
            b = Mailroom.builder(registry, DemoIntake.REGISTER, AooConfig.defaults());
        }
        b.imap(options.imap());
        options.smtp().ifPresent(b::smtp);
        if (!options.trust.given()) {
            notes.println("pec " + name + ": no --trust given: no PEC provider signature can verify, so every PEC goes to quarantine");
        }
        b.trust(options.trust.load());
        if (options.policy != null) b.formatPolicy(FormatPolicy.load(Path.of(options.policy)));
        b.directory(options.ipa == null ? AdmissionEngine.NO_DIRECTORY
                : DirectoryChain.builder().addLocal(IpaDirectory.load(Path.of(options.ipa))).build());
        return b;
    }

    /** Takes in what INBOX holds, prints each message's outcome, and exits. */
    private int once(Mailroom.Builder builder) {
        try (Mailroom mailroom = builder.build()) {
            RoundReport report = mailroom.runOnce();
            if (!report.leaseHeld()) notes.println("pec intake: another node holds " + report.mailbox() + ": nothing taken in");
            report.messages().forEach(this::print);
            if (!json) summary(report);
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
            if (!json) notes.println("pec intake: taking " + mailroom.address() + " in until SIGTERM");
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

    private int queue(Mailroom.Builder builder, String queue, IntakeEntry.Outcome outcome, int limit) {
        try (Mailroom mailroom = builder.build()) {
            List<IntakeEntry> waiting = mailroom.queue(outcome, limit);
            if (!json) notes.println(mailroom.address() + ": " + waiting.size() + " in " + queue + ", oldest first");
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
        if (json) {
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
        notes.println(s);
    }

    private int usage(String problem) {
        err.println("pec " + name + ": " + problem);
        return codes.usage();
    }
}
