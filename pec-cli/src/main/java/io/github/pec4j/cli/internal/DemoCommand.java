package io.github.pec4j.cli.internal;

import io.github.pec4j.registry.ProtocolRegistry;
import io.github.pec4j.registry.jdbc.JdbcRegistry;
import io.github.pec4j.signature.TrustStore;
import io.github.pec4j.testkit.SampleMailbox;
import io.github.pec4j.testkit.TestPki;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pec demo [DIR]}: the office at work; {@code pec demo --samples [DIR]}: the sample mailbox inspected and registered. */
@Command(name = "demo", description = {"The protocol office at work: a PEC provider simulator on loopback, a morning's mail taken in by "
        + "the mailroom into an embedded register (DIR, default target/pec-demo).",
    "With --samples: generate the sample mailbox (DIR, default target/sample-mailbox), inspect it, and register it into an embedded "
            + "protocol register (DIR/registry)."})
public final class DemoCommand implements Callable<Integer> {
    private final Io io;

    @Option(names = "--samples", description = "The sample mailbox inspected and registered, instead of the office at work.")
    boolean samples;

    @Parameters(paramLabel = "DIR", arity = "0..1", description = "Where the demo writes.")
    Path dir;

    DemoCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        if (samples) return samples(dir == null ? Path.of("target/sample-mailbox") : dir);
        try {
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            DemoOffice.run(dir == null ? DemoOffice.DEFAULT_DIRECTORY : dir, new PrintStream(text, true, StandardCharsets.UTF_8));
            io.out().print(text.toString(StandardCharsets.UTF_8));
            return Pec.OK;
        } catch (IOException e) {
            io.err().println("pec demo: " + e.getMessage());
            return Pec.UNREADABLE;
        }
    }

    private int samples(Path dir) {
        PrintStream out = io.out();
        List<Path> files;
        try {
            files = SampleMailbox.generate(dir);
        } catch (IOException e) {
            io.err().println("pec demo: cannot write " + dir + ": " + e.getMessage());
            return Pec.UNREADABLE;
        }
        out.println("pec4j demo: a sample PEC mailbox of " + files.size() + " messages in " + dir.toAbsolutePath());
        out.println("(every kind of PEC message and receipt, real-world quirks, and hostile input), inspected one by one.");
        out.println();
        TrustStore trust;
        try {
            // The sample mailbox is signed by the testkit's throw-away CA: trust it, as an office trusts the AgID PEC CAs.
            Path ca = dir.resolve("test-ca.pem");
            TestPki.shared().writeTrustAnchorPem(ca);
            trust = TrustStore.builder().addPem(ca).build();
            out.println("Trusted provider CA (test only): " + ca);
            out.println();
        } catch (IOException e) {
            io.err().println("pec demo: cannot write the test CA: " + e.getMessage());
            return Pec.UNREADABLE;
        }
        List<String> summary = new ArrayList<>();
        int status = InspectCommand.inspectFiles(files.stream().map(Path::toString).toList(), false, io, summary, trust);
        out.println("Summary");
        out.printf("  %-48s %-26s %-24s %6s %6s %8s%n", "file", "kind", "provider signature", "attach", "errors", "warnings");
        summary.forEach(out::println);
        return Math.max(status, register(dir, files, trust));
    }

    /** The demo's registration step: the mailbox into the embedded register, then again to show idempotency. */
    private int register(Path dir, List<Path> files, TrustStore trust) {
        PrintStream out = io.out();
        Path store = dir.resolve("registry");
        out.println();
        out.println("Protocol register: embedded H2 in " + store.toAbsolutePath() + " (register " + DemoIntake.REGISTER + ")");
        try (ProtocolRegistry registry = JdbcRegistry.embedded(store, Clock.systemUTC())) {
            DemoIntake.Pass first = DemoIntake.takeIn(files, registry, trust, out);
            DemoIntake.Pass again = DemoIntake.takeIn(files, registry, trust, null);
            out.println();
            out.printf("First pass: %d registered, %d already registered, %d idempotency conflicts (same key, other content: an operator decides),"
                    + " %d not registered.%n", first.registered(), first.duplicates(), first.conflicts(), first.skipped());
            out.printf("Taking the same mailbox in again: %d registered, %d already registered (same numbers: idempotent intake).%n",
                    again.registered(), again.duplicates());
            out.printf("The register holds %d registrations; numbers are gapless and restart each year in Europe/Rome.%n",
                    DemoIntake.count(registry));
            return Pec.OK;
        } catch (IOException e) {
            io.err().println("pec demo: the protocol register failed: " + e.getMessage());
            return Pec.UNREADABLE;
        }
    }
}
