package io.github.pec4j.cli.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.github.pec4j.core.Diagnostic;
import io.github.pec4j.core.PecMessage;
import io.github.pec4j.core.PecParser;
import io.github.pec4j.core.Severity;
import io.github.pec4j.signature.ProviderSignatureReport;
import io.github.pec4j.signature.ProviderSignatureVerifier;
import io.github.pec4j.signature.TrustStore;
import io.github.pec4j.signature.Verdict;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pec inspect FILE... [--json] [--trust PATH]...}: a report on each PEC message. */
@Command(name = "inspect", description = "Report on each PEC message (.eml): kind, provider signature, daticert, original, "
        + "attachments, diagnostics.")
public final class InspectCommand implements Callable<Integer> {
    private final Io io;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "The messages (.eml).")
    List<String> files = new ArrayList<>();

    @Option(names = "--json", description = "One JSON object per file, one per line.")
    boolean json;

    @Mixin
    TrustOptions trust = new TrustOptions();

    InspectCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        TrustStore store;
        try {
            store = trust.load();
        } catch (IOException | InvalidPathException e) {
            io.err().println("pec inspect: cannot read trust source: " + e.getMessage());
            return Pec.UNREADABLE;
        } catch (IllegalArgumentException e) {
            io.err().println("pec inspect: " + e.getMessage());
            return Pec.USAGE;
        }
        return inspectFiles(files, json, io, null, store);
    }

    /**
     * Inspects {@code files} in turn, a failure on one never stopping the others.
     *
     * @param summary when not null, receives one summary line per file (the demo's table)
     * @return the exit status
     */
    static int inspectFiles(List<String> files, boolean json, Io io, List<String> summary, TrustStore trust) {
        PrintStream out = io.out();
        PrintStream err = io.err();
        PecParser parser = PecParser.create().withSignedContentDigest();
        ProviderSignatureVerifier verifier = ProviderSignatureVerifier.create(trust);
        Io.Progress progress = io.progress("inspect", files.size());
        int status = Pec.OK;
        for (String file : files) {
            progress.next(file);
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
                if (summary != null) summary.add(summaryLine(file, m, sig));
            } catch (NoSuchFileException e) {
                problem = "file not found";
            } catch (AccessDeniedException e) {
                problem = "permission denied";
            } catch (IOException e) {
                problem = Files.isDirectory(Path.of(file)) ? "is a directory" : "cannot read: " + e.getMessage();
            } catch (InvalidPathException e) {
                problem = "invalid path";
            } catch (StackOverflowError | OutOfMemoryError e) {
                problem = "resources exhausted while reading (" + e.getClass().getSimpleName() + ")";
            } catch (RuntimeException | LinkageError | AssertionError e) {
                status = Math.max(status, Pec.FAILED);
                FileFailure.report("inspect", file, "kind", e, json, out, err);
                if (summary != null) summary.add(String.format("  %-48s %-26s %s", fileName(file), "error", e.getClass().getName()));
            }
            if (problem != null) {
                status = Math.max(status, Pec.UNREADABLE);
                unreadable(file, problem, json, out, err);
            }
        }
        progress.finish();
        return status;
    }

    private static void unreadable(String file, String problem, boolean json, PrintStream out, PrintStream err) {
        if (json) {
            try {
                out.println(JsonReport.MAPPER.writeValueAsString(JsonReport.unreadable(file, problem)));
                return;
            } catch (JsonProcessingException e) {
                // said on standard error below
            }
        }
        err.println("pec inspect: " + file + ": " + problem);
    }

    private static String summaryLine(String file, PecMessage m, ProviderSignatureReport sig) {
        long errors = m.diagnostics().stream().filter(d -> d.severity() == Severity.ERROR).count();
        long warnings = m.diagnostics().stream().map(Diagnostic::severity).filter(x -> x == Severity.WARNING).count();
        String kind = m.kind().id() + m.innerKind().map(k -> "/" + k.id()).orElse("");
        String verdict = sig.isGenuine() ? "genuine"
                : sig.verdict() == Verdict.VALID_TRUSTED ? "forgery-suspect"
                : sig.verdict().name().toLowerCase(Locale.ROOT).replace('_', '-');
        return String.format("  %-48s %-26s %-24s %6d %6d %8d", Path.of(file).getFileName(), kind, verdict, m.attachments().size(), errors,
                warnings);
    }

    private static PecMessage parse(PecParser parser, String file) throws IOException {
        FileFailure.probe.accept(file);
        return parser.parse(Path.of(file));
    }

    private static String fileName(String file) {
        try {
            Path name = Path.of(file).getFileName();
            return name == null ? file : name.toString();
        } catch (InvalidPathException e) {
            return file;
        }
    }
}
