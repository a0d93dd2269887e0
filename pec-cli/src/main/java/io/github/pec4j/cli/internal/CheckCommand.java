package io.github.pec4j.cli.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.pec4j.core.PecMessage;
import io.github.pec4j.core.PecParser;
import io.github.pec4j.formats.FileReport;
import io.github.pec4j.formats.Finding;
import io.github.pec4j.formats.FormatChecker;
import io.github.pec4j.formats.FormatPolicy;
import io.github.pec4j.formats.Verdict;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pec check FILE... [--json] [--policy FILE]}: attachment admission by format. */
@Command(name = "check", description = "Attachment admission: formats by content, macros, active content, archives, names and sizes, "
        + "for .eml messages (every attachment) and single files.")
public final class CheckCommand implements Callable<Integer> {
    private final Io io;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Messages (.eml) or single files.")
    List<String> files = new ArrayList<>();

    @Option(names = "--json", description = "One JSON object per file, one per line.")
    boolean json;

    @Option(names = "--policy", paramLabel = "FILE", description = "The format policy (.json or .yaml; default: the Caluso-style policy).")
    String policyFile;

    CheckCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        FormatPolicy policy = FormatPolicy.caluso();
        if (policyFile != null) {
            try {
                policy = FormatPolicy.load(Path.of(policyFile));
            } catch (IOException | IllegalArgumentException e) {
                io.err().println("pec check: cannot read policy " + policyFile + ": " + e.getMessage());
                return Pec.UNREADABLE;
            }
        }
        FormatChecker checker = FormatChecker.create(policy);
        Io.Progress progress = io.progress("check", files.size());
        int status = Pec.OK;
        for (String file : files) {
            progress.next(file);
            try {
                check(checker, file);
            } catch (IOException | InvalidPathException e) {
                status = Math.max(status, Pec.UNREADABLE);
                io.err().println("pec check: " + file + ": " + (e instanceof NoSuchFileException ? "file not found" : "cannot read: " + e.getMessage()));
            } catch (RuntimeException | LinkageError | AssertionError | StackOverflowError e) {
                status = Math.max(status, Pec.FAILED);
                FileFailure.report("check", file, "verdict", e, json, io.out(), io.err());
            }
        }
        progress.finish();
        return status;
    }

    private void check(FormatChecker checker, String file) throws IOException {
        FileFailure.probe.accept(file);
        Path path = Path.of(file);
        if (!Files.isRegularFile(path)) throw new NoSuchFileException(file);
        List<FileReport> reports;
        String detected;
        if (file.toLowerCase(Locale.ROOT).endsWith(".eml")) {
            try (PecMessage m = PecParser.create().parse(path)) {
                reports = checker.check(m);
            }
            detected = "message/rfc822";
        } else {
            FileReport r = checker.check(path, path.getFileName().toString());
            reports = List.of(r);
            detected = r.detectedType();
        }
        Verdict verdict = FormatChecker.verdict(reports);
        List<Finding> findings = reports.stream().flatMap(r -> r.allFindings().stream()).toList();
        if (json) {
            io.out().println(JsonReport.MAPPER.writeValueAsString(json(file, verdict, detected, findings)));
        } else {
            io.out().print(text(file, verdict, detected, reports, findings)); // whole or nothing, should a later step fail
        }
    }

    private static ObjectNode json(String file, Verdict verdict, String detected, List<Finding> findings) {
        ObjectNode line = JsonReport.MAPPER.createObjectNode();
        line.put("file", file);
        line.put("verdict", verdict.id());
        line.put("detectedType", detected);
        ArrayNode fs = line.putArray("findings");
        for (Finding f : findings) {
            ObjectNode x = fs.addObject();
            x.put("code", f.code().id());
            x.put("severity", f.severity().name());
            x.put("path", f.path());
            x.put("message", f.english());
            x.put("messaggio", f.italian());
        }
        return line;
    }

    private static String text(String file, Verdict verdict, String detected, List<FileReport> reports, List<Finding> findings) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream text = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        text.println("=== " + file + "  " + verdict.id().toUpperCase(Locale.ROOT) + "  (" + detected + ")");
        for (FileReport r : reports) text.printf("  %-40s %-8s %s%n", r.path(), r.verdict().id(), r.detectedType());
        for (Finding f : findings) {
            text.printf("  %-7s %s  %s%n          %s%n          %s%n", f.severity(), f.code().id(), f.path(), f.italian(), f.english());
        }
        text.println();
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
