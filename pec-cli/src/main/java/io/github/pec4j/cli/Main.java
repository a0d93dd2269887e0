package io.github.pec4j.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.github.pec4j.cli.internal.AdmitCommand;
import io.github.pec4j.cli.internal.DemoIntake;
import io.github.pec4j.cli.internal.DemoOffice;
import io.github.pec4j.cli.internal.IntakeCommand;
import io.github.pec4j.cli.internal.RegisterCommand;
import io.github.pec4j.cli.internal.JsonReport;
import io.github.pec4j.cli.internal.TextReport;
import io.github.pec4j.cli.internal.SendCommand;
import io.github.pec4j.cli.internal.TrackCommand;
import io.github.pec4j.core.Diagnostic;
import io.github.pec4j.core.PecMessage;
import io.github.pec4j.core.PecParser;
import io.github.pec4j.core.Severity;
import io.github.pec4j.registry.ProtocolRegistry;
import io.github.pec4j.registry.jdbc.JdbcRegistry;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.pec4j.cli.internal.VerifyReport;
import io.github.pec4j.signature.DocumentReport;
import io.github.pec4j.signature.DocumentVerifier;
import io.github.pec4j.signature.ProviderSignatureReport;
import io.github.pec4j.signature.ProviderSignatureVerifier;
import io.github.pec4j.signature.TrustStore;
import io.github.pec4j.testkit.SampleMailbox;
import io.github.pec4j.testkit.TestPki;
import io.github.pec4j.cli.internal.FileFailure;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Clock;
import java.util.List;

/**
 * The {@code pec} command.
 *
 * <pre>
 * pec inspect FILE... [--json]     report on PEC messages (.eml)
 * pec generate-samples DIR         write the testkit's sample mailbox
 * pec demo [DIR]                   generate the sample mailbox and inspect it
 * </pre>
 *
 * Exit status: 0 when every file was processed (whatever it contained), 2 on a usage error, 3 when a
 * file could not be read, 4 when processing a file failed (a defect: the file gets an {@code error}
 * entry and the batch goes on). Nothing the input contains produces a stack trace.
 */
public final class Main {
    /** Every file was processed. */
    public static final int OK = 0;
    /** The command line was wrong. */
    public static final int USAGE = 2;
    /** At least one file could not be read. */
    public static final int UNREADABLE = 3;
    /** Processing at least one file failed (an internal error on that file); the others were processed. */
    public static final int FAILED = 4;

    private static final String USAGE_TEXT = """
            usage: pec <command> [arguments]

              inspect FILE... [--json] [--trust PATH]... [--trust-password PW]
                                         report on each message: kind, provider signature, daticert, original,
                                         attachments, diagnostics; --json prints one JSON object per file, one per line;
                                         --trust adds trusted PEC CAs/providers (PEM file or directory, .p12/.jks, .ldif) or a .crl
              verify FILE... [--json] [--trust PATH]... [--trust-password PW] [--content FILE]
                                         verify signed documents (.p7m in any encoding, nested; .p7s with its
                                         content, found beside it or given with --content): layers, signers, content
              check FILE... [--json] [--policy FILE.json|FILE.yaml]
                                         attachment admission: formats by content, macros, active content, archives,
                                         names, sizes, for .eml messages and single files (default: Caluso-style policy)
              generate-samples DIR       write a sample PEC mailbox (every kind, quirk and hostile case) into DIR
              admit FILE... [--json] [--ipa DIR] [--trust PATH]... [--policy FILE] [--aoo FILE] [--at ISO-DATE-TIME] [--declarant CF]
                                         admissibility of each message: must it be registered (CAD 40-bis, DPR 445 art. 53),
                                         is it a valid istanza or PA communication (CAD 65 / 47), is it receivable;
                                         --ipa: IPA open-data files; --aoo: the AOO's choices (JSON/YAML);
                                         --at: the time of receipt to evaluate at (default: the daticert time)
              track SENT.eml [RECEIPT.eml...] [--json] [--at ISO-DATE-TIME]
                                         delivery of a sent message per recipient (status, since, next) and its light,
                                         from its receipts (matched by Message-ID, never Subject); --at: when the
                                         12/24-hour deadlines are evaluated (default: now; local times are Italian)
              track --registry JDBC-URL [PROTOCOL] [--overdue] [--at T] [--from DATE] [--to DATE] [--json]
                                         the same, read from the register: every outgoing registration's recipients
                                         (or one), --overdue only what passed its 12/24-hour deadline
            """ + IntakeCommand.USAGE + RegisterCommand.USAGE + """
              send --smtp URL --registry JDBC-URL (--aoo FILE | --register AMM/AOO/REG) --to ADDRESS|ipa:CODE|cf:CODICE...
                   --subject TEXT --primary FILE [--attach FILE]... [--office CODE] [--policy default|mogliano] [--json]
                                         register an outgoing letter and send it from the institutional box; a refused
                                         pre-flight exits 4 with every reason and uses no number; --resume: send what waits
              demo [DIR]                 the protocol office at work: a PEC provider simulator on loopback, a morning's mail
                                         taken in by the mailroom into an embedded register (DIR, default target/pec-demo)
              demo --samples [DIR]       generate the sample mailbox (default target/sample-mailbox), inspect it,
                                         and register it into an embedded protocol register (DIR/registry)
              help | --help              this text
              --version                  the pec4j version

            exit status: 0 every file processed, 2 usage error, 3 a file could not be read,
                         4 processing a file failed (reported as an error entry; the other files were processed);
                         register: 3 the register cannot be reached, 4 it refused (no such registration, not assigned,
                         already taken in charge, annulled) or a document's bytes do not match its impronta;
                         intake: 3 the configuration, the mailbox or the register cannot be read or reached,
                         4 a message ended among the errors (the others were taken in)""";

    private Main() {}

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err), true, StandardCharsets.UTF_8);
        System.exit(run(args, out, err));
    }

    /** Runs the command line; returns the exit status. Never throws. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            if (args.length == 0) {
                err.println(USAGE_TEXT);
                return USAGE;
            }
            String command = args[0];
            List<String> rest = List.of(args).subList(1, args.length);
            return switch (command) {
                case "inspect" -> inspect(rest, out, err);
                case "verify" -> verify(rest, out, err);
                case "check" -> check(rest, out, err);
                case "admit" -> AdmitCommand.run(rest, out, err, Main::trustStore, OK, USAGE, UNREADABLE, FAILED);
                case "track" -> TrackCommand.run(rest, out, err, OK, USAGE, UNREADABLE);
                case "register" -> RegisterCommand.run(rest, out, err, new RegisterCommand.Codes(OK, USAGE, UNREADABLE, FAILED));
                case "intake" -> IntakeCommand.run(rest, out, err, Main::trustStore, new RegisterCommand.Codes(OK, USAGE, UNREADABLE, FAILED));
                case "send" -> SendCommand.run(rest, out, err, Main::trustStore, OK, USAGE, UNREADABLE, FAILED);
                case "generate-samples" -> generate(rest, out, err);
                case "demo" -> demo(rest, out, err);
                case "help", "--help", "-h" -> {
                    out.println(USAGE_TEXT);
                    yield OK;
                }
                case "--version", "version" -> {
                    out.println("pec4j " + version());
                    yield OK;
                }
                default -> {
                    err.println("pec: unknown command '" + command + "'");
                    err.println(USAGE_TEXT);
                    yield USAGE;
                }
            };
        } catch (RuntimeException | Error e) {
            // A bug, never input: still no stack trace on the terminal.
            err.println("pec: internal error: " + e);
            return 1;
        }
    }

    /** The options {@code inspect} and {@code verify} share; null after a usage error (already reported). */
    private record Options(boolean json, List<String> files, List<String> trust, char[] password, String content) {
        static Options parse(String command, List<String> args, boolean allowContent, PrintStream err) {
            boolean json = false;
            List<String> files = new ArrayList<>();
            List<String> trust = new ArrayList<>();
            char[] password = new char[0];
            String content = null;
            boolean options = true;
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                boolean valued = a.equals("--trust") || a.equals("--trust-password") || allowContent && a.equals("--content");
                if (options && a.equals("--")) {
                    options = false;
                } else if (options && a.equals("--json")) {
                    json = true;
                } else if (options && valued) {
                    if (i + 1 >= args.size()) {
                        err.println("pec " + command + ": " + a + " needs a value");
                        return null;
                    }
                    String v = args.get(++i);
                    switch (a) {
                        case "--trust" -> trust.add(v);
                        case "--trust-password" -> password = v.toCharArray();
                        default -> content = v;
                    }
                } else if (options && a.startsWith("-") && a.length() > 1) {
                    err.println("pec " + command + ": unknown option '" + a + "'");
                    err.println(USAGE_TEXT);
                    return null;
                } else {
                    files.add(a);
                }
            }
            if (files.isEmpty()) {
                err.println("pec " + command + ": no files given");
                err.println(USAGE_TEXT);
                return null;
            }
            return new Options(json, files, trust, password, content);
        }
    }

    private static int inspect(List<String> args, PrintStream out, PrintStream err) {
        Options o = Options.parse("inspect", args, false, err);
        if (o == null) {
            return USAGE;
        }
        boolean json = o.json();
        List<String> files = o.files();
        List<String> trustPaths = o.trust();
        char[] password = o.password();
        TrustStore trust;
        try {
            trust = trustStore(trustPaths, password);
        } catch (IOException | java.nio.file.InvalidPathException e) {
            err.println("pec inspect: cannot read trust source: " + e.getMessage());
            return UNREADABLE;
        }
        return inspectFiles(files, json, out, err, null, trust);
    }

    private static int verify(List<String> args, PrintStream out, PrintStream err) {
        Options o = Options.parse("verify", args, true, err);
        if (o == null) {
            return USAGE;
        }
        if (o.content() != null && o.files().size() != 1) {
            err.println("pec verify: --content goes with exactly one .p7s");
            err.println(USAGE_TEXT);
            return USAGE;
        }
        boolean json = o.json();
        List<String> files = o.files();
        List<String> trustPaths = o.trust();
        char[] password = o.password();
        String content = o.content();
        TrustStore trust;
        try {
            trust = trustStore(trustPaths, password);
        } catch (IOException | java.nio.file.InvalidPathException e) {
            err.println("pec verify: cannot read trust source: " + e.getMessage());
            return UNREADABLE;
        }
        DocumentVerifier verifier = DocumentVerifier.create(trust);
        int status = OK;
        for (String file : files) {
            try {
                FileFailure.probe.accept(file);
                Path path = Path.of(file);
                if (!Files.isRegularFile(path)) {
                    throw new NoSuchFileException(file);
                }
                Path detachedContent = content != null ? Path.of(content) : siblingContent(path);
                DocumentReport r = detachedContent != null ? verifier.verifyDetached(path, detachedContent) : verifier.verify(path);
                if (json) {
                    out.println(JsonReport.MAPPER.writeValueAsString(VerifyReport.json(file, r, !trust.isEmpty())));
                } else {
                    ByteArrayOutputStream text = new ByteArrayOutputStream();
                    VerifyReport.text(new PrintStream(text, true, StandardCharsets.UTF_8), file, r);
                    out.print(text.toString(StandardCharsets.UTF_8)); // whole or nothing, should a later step fail
                }
            } catch (IOException | java.nio.file.InvalidPathException | StackOverflowError | OutOfMemoryError e) {
                status = Math.max(status, UNREADABLE);
                String problem = e instanceof NoSuchFileException ? "file not found" : "cannot read: " + e.getMessage();
                if (json) {
                    ObjectNode line = JsonReport.MAPPER.createObjectNode();
                    line.put("file", file);
                    line.put("integrity", "unreadable");
                    line.putArray("layers");
                    line.putArray("timestamps");
                    line.putNull("content");
                    ObjectNode d = line.putArray("diagnostics").addObject();
                    d.put("code", "FILE_UNREADABLE");
                    d.put("severity", "ERROR");
                    d.put("location", file);
                    d.put("message", problem);
                    out.println(line.toString());
                } else {
                    err.println("pec verify: " + file + ": " + problem);
                }
            } catch (RuntimeException | LinkageError | AssertionError e) {
                status = Math.max(status, FAILED);
                FileFailure.report("verify", file, "integrity", e, json, out, err);
            }
        }
        return status;
    }

    private static int check(List<String> args, PrintStream out, PrintStream err) {
        List<String> rest = new ArrayList<>();
        String policyFile = null;
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--policy")) {
                if (i + 1 >= args.size()) {
                    err.println("pec check: --policy needs a value");
                    return USAGE;
                }
                policyFile = args.get(++i);
            } else {
                rest.add(args.get(i));
            }
        }
        Options o = Options.parse("check", rest, false, err);
        if (o == null) {
            return USAGE;
        }
        io.github.pec4j.formats.FormatPolicy policy = io.github.pec4j.formats.FormatPolicy.caluso();
        if (policyFile != null) {
            try {
                policy = io.github.pec4j.formats.FormatPolicy.load(Path.of(policyFile));
            } catch (IOException | IllegalArgumentException e) {
                err.println("pec check: cannot read policy " + policyFile + ": " + e.getMessage());
                return UNREADABLE;
            }
        }
        io.github.pec4j.formats.FormatChecker checker = io.github.pec4j.formats.FormatChecker.create(policy);
        int status = OK;
        for (String file : o.files()) {
            try {
                FileFailure.probe.accept(file);
                Path path = Path.of(file);
                if (!Files.isRegularFile(path)) {
                    throw new NoSuchFileException(file);
                }
                List<io.github.pec4j.formats.FileReport> reports;
                String detected;
                if (file.toLowerCase(java.util.Locale.ROOT).endsWith(".eml")) {
                    try (PecMessage m = PecParser.create().parse(path)) {
                        reports = checker.check(m);
                    }
                    detected = "message/rfc822";
                } else {
                    io.github.pec4j.formats.FileReport r = checker.check(path, path.getFileName().toString());
                    reports = List.of(r);
                    detected = r.detectedType();
                }
                io.github.pec4j.formats.Verdict verdict = io.github.pec4j.formats.FormatChecker.verdict(reports);
                List<io.github.pec4j.formats.Finding> findings = reports.stream().flatMap(r -> r.allFindings().stream()).toList();
                if (o.json()) {
                    ObjectNode line = JsonReport.MAPPER.createObjectNode();
                    line.put("file", file);
                    line.put("verdict", verdict.id());
                    line.put("detectedType", detected);
                    com.fasterxml.jackson.databind.node.ArrayNode fs = line.putArray("findings");
                    for (io.github.pec4j.formats.Finding f : findings) {
                        ObjectNode x = fs.addObject();
                        x.put("code", f.code().id());
                        x.put("severity", f.severity().name());
                        x.put("path", f.path());
                        x.put("message", f.english());
                        x.put("messaggio", f.italian());
                    }
                    out.println(JsonReport.MAPPER.writeValueAsString(line));
                } else {
                    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
                    PrintStream text = new PrintStream(buffer, true, StandardCharsets.UTF_8);
                    text.println("=== " + file + "  " + verdict.id().toUpperCase(java.util.Locale.ROOT) + "  (" + detected + ")");
                    for (io.github.pec4j.formats.FileReport r : reports) {
                        text.printf("  %-40s %-8s %s%n", r.path(), r.verdict().id(), r.detectedType());
                    }
                    for (io.github.pec4j.formats.Finding f : findings) {
                        text.printf("  %-7s %s  %s%n          %s%n          %s%n", f.severity(), f.code().id(), f.path(), f.italian(), f.english());
                    }
                    text.println();
                    out.print(buffer.toString(StandardCharsets.UTF_8)); // whole or nothing, should a later step fail
                }
            } catch (IOException | java.nio.file.InvalidPathException e) {
                status = Math.max(status, UNREADABLE);
                err.println("pec check: " + file + ": " + (e instanceof NoSuchFileException ? "file not found" : "cannot read: " + e.getMessage()));
            } catch (RuntimeException | LinkageError | AssertionError | StackOverflowError e) {
                status = Math.max(status, FAILED);
                FileFailure.report("check", file, "verdict", e, o.json(), out, err);
            }
        }
        return status;
    }

    /** For {@code x.pdf.p7s}, the file {@code x.pdf} beside it, when it exists. */
    private static Path siblingContent(Path p7s) {
        String name = p7s.getFileName().toString();
        if (!name.toLowerCase(java.util.Locale.ROOT).endsWith(".p7s") || name.length() <= 4) {
            return null;
        }
        Path sibling = p7s.resolveSibling(name.substring(0, name.length() - 4));
        return Files.isRegularFile(sibling) ? sibling : null;
    }

    static TrustStore trustStore(List<String> paths, char[] password) throws IOException {
        if (paths.isEmpty()) {
            return TrustStore.empty();
        }
        TrustStore.Builder b = TrustStore.builder();
        for (String p : paths) {
            Path path = Path.of(p);
            String n = path.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
            if (n.endsWith(".ldif")) {
                b.addLdif(path);
            } else if (n.endsWith(".crl")) {
                b.addCrl(path);
            } else if (n.endsWith(".p12") || n.endsWith(".pfx") || n.endsWith(".jks")) {
                b.addKeyStore(path, password);
            } else {
                b.addPem(path);
            }
        }
        return b.build();
    }

    static int inspectFiles(List<String> files, boolean json, PrintStream out, PrintStream err, List<String> summary, TrustStore trust) {
        PecParser parser = PecParser.create().withSignedContentDigest();
        ProviderSignatureVerifier verifier = ProviderSignatureVerifier.create(trust);
        int status = OK;
        for (String file : files) {
            String problem = null;
            try (PecMessage m = parse(parser, file)) {
                ProviderSignatureReport sig = verifier.verify(m);
                if (json) {
                    out.println(JsonReport.MAPPER.writeValueAsString(JsonReport.of(file, m, sig, !trust.isEmpty())));
                } else {
                    ByteArrayOutputStream text = new ByteArrayOutputStream();
                    TextReport.print(new PrintStream(text, true, StandardCharsets.UTF_8), file, m, sig);
                    out.print(text.toString(StandardCharsets.UTF_8)); // whole or nothing, should a later step fail
                }
                if (summary != null) {
                    long errors = m.diagnostics().stream().filter(d -> d.severity() == Severity.ERROR).count();
                    long warnings = m.diagnostics().stream().map(Diagnostic::severity).filter(x -> x == Severity.WARNING).count();
                    String kind = m.kind().id() + m.innerKind().map(k -> "/" + k.id()).orElse("");
                    String verdict = sig.isGenuine() ? "genuine"
                            : sig.verdict() == io.github.pec4j.signature.Verdict.VALID_TRUSTED ? "forgery-suspect"
                            : sig.verdict().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
                    summary.add(String.format("  %-48s %-26s %-24s %6d %6d %8d", Path.of(file).getFileName(), kind, verdict,
                            m.attachments().size(), errors, warnings));
                }
            } catch (NoSuchFileException e) {
                problem = "file not found";
            } catch (AccessDeniedException e) {
                problem = "permission denied";
            } catch (IOException e) {
                problem = Files.isDirectory(Path.of(file)) ? "is a directory" : "cannot read: " + e.getMessage();
            } catch (java.nio.file.InvalidPathException e) {
                problem = "invalid path";
            } catch (StackOverflowError | OutOfMemoryError e) {
                problem = "resources exhausted while reading (" + e.getClass().getSimpleName() + ")";
            } catch (RuntimeException | LinkageError | AssertionError e) {
                status = Math.max(status, FAILED);
                FileFailure.report("inspect", file, "kind", e, json, out, err);
                if (summary != null) {
                    summary.add(String.format("  %-48s %-26s %s", fileName(file), "error", e.getClass().getName()));
                }
            }
            if (problem != null) {
                status = Math.max(status, UNREADABLE);
                if (json) {
                    try {
                        out.println(JsonReport.MAPPER.writeValueAsString(JsonReport.unreadable(file, problem)));
                    } catch (JsonProcessingException e) {
                        err.println("pec inspect: " + file + ": " + problem);
                    }
                } else {
                    err.println("pec inspect: " + file + ": " + problem);
                }
            }
        }
        return status;
    }

    private static PecMessage parse(PecParser parser, String file) throws IOException {
        FileFailure.probe.accept(file);
        return parser.parse(Path.of(file));
    }

    private static String fileName(String file) {
        try {
            Path name = Path.of(file).getFileName();
            return name == null ? file : name.toString();
        } catch (java.nio.file.InvalidPathException e) {
            return file;
        }
    }

    private static int generate(List<String> args, PrintStream out, PrintStream err) {
        if (args.size() != 1) {
            err.println("pec generate-samples: give exactly one directory");
            err.println(USAGE_TEXT);
            return USAGE;
        }
        try {
            for (Path p : SampleMailbox.generate(Path.of(args.get(0)))) {
                out.println(p);
            }
            return OK;
        } catch (IOException e) {
            err.println("pec generate-samples: cannot write " + args.get(0) + ": " + e.getMessage());
            return UNREADABLE;
        }
    }

    /** {@code pec demo [DIR]}: the office at work; {@code pec demo --samples [DIR]}: the sample mailbox inspected and registered. */
    private static int demo(List<String> args, PrintStream out, PrintStream err) {
        boolean samples = !args.isEmpty() && args.get(0).equals("--samples");
        List<String> rest = samples ? args.subList(1, args.size()) : args;
        if (rest.size() > 1 || rest.stream().anyMatch(a -> a.startsWith("-"))) {
            err.println("pec demo: [--samples] and at most one directory");
            err.println(USAGE_TEXT);
            return USAGE;
        }
        if (samples) return samples(rest, out, err);
        Path dir = rest.isEmpty() ? DemoOffice.DEFAULT_DIRECTORY : Path.of(rest.get(0));
        try {
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            DemoOffice.run(dir, new PrintStream(text, true, StandardCharsets.UTF_8));
            out.print(text.toString(StandardCharsets.UTF_8));
            return OK;
        } catch (IOException e) {
            err.println("pec demo: " + e.getMessage());
            return UNREADABLE;
        }
    }

    private static int samples(List<String> args, PrintStream out, PrintStream err) {
        Path dir = Path.of(args.isEmpty() ? "target/sample-mailbox" : args.get(0));
        List<Path> files;
        try {
            files = SampleMailbox.generate(dir);
        } catch (IOException e) {
            err.println("pec demo: cannot write " + dir + ": " + e.getMessage());
            return UNREADABLE;
        }
        out.println("pec4j demo: a sample PEC mailbox of " + files.size() + " messages in " + dir.toAbsolutePath());
        out.println("(every kind of PEC message and receipt, real-world quirks, and hostile input), inspected one by one.");
        out.println();
        List<String> names = files.stream().map(Path::toString).toList();
        List<String> summary = new ArrayList<>();
        TrustStore trust;
        try {
            // The sample mailbox is signed by the testkit's throw-away CA: trust it, as an office trusts the AgID PEC CAs.
            Path ca = dir.resolve("test-ca.pem");
            TestPki.shared().writeTrustAnchorPem(ca);
            trust = TrustStore.builder().addPem(ca).build();
            out.println("Trusted provider CA (test only): " + ca);
            out.println();
        } catch (IOException e) {
            err.println("pec demo: cannot write the test CA: " + e.getMessage());
            return UNREADABLE;
        }
        int status = inspectFiles(names, false, out, err, summary, trust);
        out.println("Summary");
        out.printf("  %-48s %-26s %-24s %6s %6s %8s%n", "file", "kind", "provider signature", "attach", "errors", "warnings");
        summary.forEach(out::println);
        return Math.max(status, register(dir, files, trust, out, err));
    }

    /** The demo's registration step: the mailbox into the embedded register, then again to show idempotency. */
    private static int register(Path dir, List<Path> files, TrustStore trust, PrintStream out, PrintStream err) {
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
            return OK;
        } catch (IOException e) {
            err.println("pec demo: the protocol register failed: " + e.getMessage());
            return UNREADABLE;
        }
    }

    private static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
