package io.github.pec4j.cli.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.pec4j.signature.DocumentReport;
import io.github.pec4j.signature.DocumentVerifier;
import io.github.pec4j.signature.TrustStore;
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
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pec verify FILE... [--json] [--trust PATH]... [--content FILE]}: signed documents verified. */
@Command(name = "verify", description = "Verify signed documents: .p7m in any encoding, nested; .p7s with its content, found beside it "
        + "(x.pdf for x.pdf.p7s) or given with --content. Reports layers, signers, timestamps and the content.")
public final class VerifyCommand implements Callable<Integer> {
    private final Io io;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "The signed documents.")
    List<String> files = new ArrayList<>();

    @Option(names = "--json", description = "One JSON object per file, one per line.")
    boolean json;

    @Option(names = "--content", paramLabel = "FILE", description = "The detached content of the one .p7s given.")
    String content;

    @Mixin
    TrustOptions trust = new TrustOptions();

    VerifyCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        PrintStream err = io.err();
        if (content != null && files.size() != 1) {
            err.println("pec verify: --content goes with exactly one .p7s");
            return Pec.USAGE;
        }
        TrustStore store;
        try {
            store = trust.load();
        } catch (IOException | InvalidPathException e) {
            err.println("pec verify: cannot read trust source: " + e.getMessage());
            return Pec.UNREADABLE;
        } catch (IllegalArgumentException e) {
            err.println("pec verify: " + e.getMessage());
            return Pec.USAGE;
        }
        DocumentVerifier verifier = DocumentVerifier.create(store);
        Io.Progress progress = io.progress("verify", files.size());
        int status = Pec.OK;
        for (String file : files) {
            progress.next(file);
            status = Math.max(status, verify(verifier, file, !store.isEmpty()));
        }
        progress.finish();
        return status;
    }

    private int verify(DocumentVerifier verifier, String file, boolean trusted) {
        PrintStream out = io.out();
        try {
            FileFailure.probe.accept(file);
            Path path = Path.of(file);
            if (!Files.isRegularFile(path)) throw new NoSuchFileException(file);
            Path detachedContent = content != null ? Path.of(content) : siblingContent(path);
            DocumentReport r = detachedContent != null ? verifier.verifyDetached(path, detachedContent) : verifier.verify(path);
            if (json) {
                out.println(JsonReport.MAPPER.writeValueAsString(VerifyReport.json(file, r, trusted)));
            } else {
                ByteArrayOutputStream text = new ByteArrayOutputStream();
                VerifyReport.text(new PrintStream(text, true, StandardCharsets.UTF_8), file, r);
                out.print(text.toString(StandardCharsets.UTF_8)); // whole or nothing, should a later step fail
            }
            return Pec.OK;
        } catch (IOException | InvalidPathException | StackOverflowError | OutOfMemoryError e) {
            unreadable(file, e instanceof NoSuchFileException ? "file not found" : "cannot read: " + e.getMessage());
            return Pec.UNREADABLE;
        } catch (RuntimeException | LinkageError | AssertionError e) {
            FileFailure.report("verify", file, "integrity", e, json, out, io.err());
            return Pec.FAILED;
        }
    }

    private void unreadable(String file, String problem) {
        if (!json) {
            io.err().println("pec verify: " + file + ": " + problem);
            return;
        }
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
        io.out().println(line.toString());
    }

    /** For {@code x.pdf.p7s}, the file {@code x.pdf} beside it, when it exists. */
    private static Path siblingContent(Path p7s) {
        String name = p7s.getFileName().toString();
        if (!name.toLowerCase(Locale.ROOT).endsWith(".p7s") || name.length() <= 4) return null;
        Path sibling = p7s.resolveSibling(name.substring(0, name.length() - 4));
        return Files.isRegularFile(sibling) ? sibling : null;
    }
}
