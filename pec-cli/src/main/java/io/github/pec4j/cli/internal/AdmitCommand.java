package io.github.pec4j.cli.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.pec4j.admission.AdmissionDecision;
import io.github.pec4j.admission.AdmissionEngine;
import io.github.pec4j.admission.AooConfig;
import io.github.pec4j.admission.PecAdmission;
import io.github.pec4j.admission.Reason;
import io.github.pec4j.core.PecMessage;
import io.github.pec4j.core.PecParser;
import io.github.pec4j.directory.DirectoryChain;
import io.github.pec4j.directory.DomicileDirectory;
import io.github.pec4j.directory.IpaDirectory;
import io.github.pec4j.formats.FormatPolicy;
import io.github.pec4j.signature.TrustStore;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code pec admit FILE... [--ipa DIR] [--trust PATH]... [--policy FILE] [--aoo FILE] [--at ISO-DATE-TIME] [--declarant CF]
 * [--json]}: the three admission outcomes of each message, with their reasons.
 */
@Command(name = "admit", description = "Admissibility of each message: must it be registered (CAD 40-bis, DPR 445 art. 53), is it a "
        + "valid istanza or PA communication (CAD 65 / 47), is it receivable; with the reasons, in Italian and English.")
public final class AdmitCommand implements Callable<Integer> {
    private final Io io;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "The messages (.eml).")
    List<String> files = new ArrayList<>();

    @Option(names = "--json", description = "One JSON object per file, one per line.")
    boolean json;

    @Mixin
    TrustOptions trust = new TrustOptions();

    @Option(names = "--ipa", paramLabel = "DIR", description = "The IPA open-data files (the administrations' domiciles).")
    String ipa;

    @Option(names = "--policy", paramLabel = "FILE", description = "The format policy (.json or .yaml; default: the Caluso-style policy).")
    String policyFile;

    @Option(names = "--aoo", paramLabel = "FILE", description = "The AOO's choices (.json or .yaml; default: the law's defaults).")
    String aooFile;

    @Option(names = "--at", paramLabel = "ISO-DATE-TIME", description = "The time of receipt to evaluate at (default: the daticert time); "
            + "a local time is Italian.")
    String at;

    @Option(names = "--declarant", paramLabel = "CF", description = "The declarant's codice fiscale, when known.")
    String declarant;

    AdmitCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        PrintStream out = io.out();
        PrintStream err = io.err();
        Optional<Instant> receivedAt = Optional.empty();
        if (at != null) {
            try {
                receivedAt = Optional.of(Inputs.time(at));
            } catch (DateTimeParseException e) {
                err.println("pec admit: --at needs " + Inputs.TIME_FORMS + ": " + at);
                return Pec.USAGE;
            }
        }
        TrustStore store;
        try {
            store = trust.load();
        } catch (IOException | InvalidPathException e) {
            err.println("pec admit: cannot read trust source: " + e.getMessage());
            return Pec.UNREADABLE;
        } catch (IllegalArgumentException e) {
            err.println("pec admit: " + e.getMessage());
            return Pec.USAGE;
        }
        PecAdmission admission;
        try {
            AooConfig config = aooFile == null ? AooConfig.defaults() : AooConfig.load(Path.of(aooFile));
            FormatPolicy policy = policyFile == null ? FormatPolicy.caluso() : FormatPolicy.load(Path.of(policyFile));
            // The chain answers "unknown", never "no domicile", for the registers it has no directory for (INAD, INI-PEC).
            DomicileDirectory directory = ipa == null ? AdmissionEngine.NO_DIRECTORY
                    : DirectoryChain.builder().addLocal(IpaDirectory.load(Path.of(ipa))).build();
            admission = PecAdmission.builder(config).trust(store).formatPolicy(policy).directory(directory).build();
        } catch (IOException | IllegalArgumentException e) {
            err.println("pec admit: cannot read the configuration: " + e.getMessage());
            return Pec.UNREADABLE;
        }
        if (!trust.given()) {
            io.notes().println("pec admit: no --trust given: no PEC provider signature can verify, so every envelope counts as uncertified");
        }
        PecParser parser = PecParser.create().withSignedContentDigest();
        Io.Progress progress = io.progress("admit", files.size());
        int status = Pec.OK;
        for (String file : files) {
            progress.next(file);
            try {
                FileFailure.probe.accept(file);
                try (PecMessage m = parser.parse(Inputs.regularFile(file))) {
                    AdmissionDecision d = admission.admit(m, receivedAt, Optional.ofNullable(declarant));
                    if (json) {
                        out.println(JsonReport.MAPPER.writeValueAsString(json(file, m, d)));
                    } else {
                        java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();
                        text(new PrintStream(buffer, true, java.nio.charset.StandardCharsets.UTF_8), file, m, d);
                        out.print(buffer.toString(java.nio.charset.StandardCharsets.UTF_8)); // whole or nothing
                    }
                }
            } catch (IOException | InvalidPathException e) {
                status = Math.max(status, Pec.UNREADABLE);
                err.println("pec admit: " + file + ": " + Inputs.problem(e));
            } catch (RuntimeException | LinkageError | AssertionError | StackOverflowError e) {
                // A defect on this file (ours or a library's) is its error entry; the batch goes on.
                status = Math.max(status, Pec.FAILED);
                FileFailure.report("admit", file, "kind", e, json, out, err);
            }
        }
        progress.finish();
        return status;
    }

    static ObjectNode json(String file, PecMessage m, AdmissionDecision d) {
        ObjectNode line = JsonReport.MAPPER.createObjectNode();
        line.put("file", file);
        line.put("kind", m.kind().id());
        line.put("receivedAt", d.receivedAt().toString());
        ObjectNode reg = line.putObject("registration");
        reg.put("outcome", d.registration().outcome().id());
        d.registration().existing().ifPresent(x -> reg.put("existing", x));
        reasons(reg, d.registration().reasons());
        ObjectNode ist = line.putObject("istanza");
        ist.put("outcome", d.istanza().outcome().id());
        d.istanza().article().ifPresent(x -> ist.put("article", x));
        d.istanza().letter().ifPresent(x -> ist.put("letter", x));
        ArrayNode letters = ist.putArray("lettersHolding");
        d.istanza().lettersHolding().forEach(letters::add);
        ArrayNode checks = ist.putArray("operatorChecks");
        d.istanza().operatorChecks().forEach(checks::add);
        d.istanza().electedDomicile().ifPresent(x -> ist.put("electedDomicile", x));
        reasons(ist, d.istanza().reasons());
        ObjectNode ric = line.putObject("receivability");
        ric.put("outcome", d.receivability().outcome());
        reasons(ric, d.receivability().reasons());
        line.put("rules", d.rules());
        return line;
    }

    private static void reasons(ObjectNode parent, List<Reason> reasons) {
        ArrayNode array = parent.putArray("reasons");
        for (Reason r : reasons) {
            ObjectNode x = array.addObject();
            x.put("rule", r.rule());
            x.put("citation", r.citation());
            x.put("message", r.message());
            x.put("messaggio", r.messaggio());
            x.put("inForce", r.inForce());
        }
    }

    private static void text(PrintStream out, String file, PecMessage m, AdmissionDecision d) {
        out.println("=== " + file + "  (" + m.kind().id() + ", received " + d.receivedAt() + ")");
        out.println("  registration   " + d.registration().outcome().id() + d.registration().existing().map(x -> " as " + x).orElse(""));
        print(out, d.registration().reasons());
        out.println("  istanza        " + d.istanza().outcome().id() + d.istanza().article().map(x -> " (" + x).orElse("")
                + d.istanza().letter().map(x -> ", lett. " + x).orElse("") + (d.istanza().article().isPresent() ? ")" : ""));
        print(out, d.istanza().reasons());
        d.istanza().operatorChecks().forEach(c -> out.println("      operator: " + c));
        d.istanza().electedDomicile().ifPresent(x -> out.println("      elected domicile: " + x));
        out.println("  receivability  " + d.receivability().outcome());
        print(out, d.receivability().reasons());
        out.println();
    }

    private static void print(PrintStream out, List<Reason> reasons) {
        for (Reason r : reasons) {
            out.println("      [" + r.rule() + "] " + r.citation() + " (" + r.inForce() + ")");
            out.println("        " + r.messaggio());
            out.println("        " + r.message());
        }
    }
}
