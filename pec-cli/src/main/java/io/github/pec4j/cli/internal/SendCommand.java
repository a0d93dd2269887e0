package io.github.pec4j.cli.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.pec4j.directory.IpaDirectory;
import io.github.pec4j.mailroom.Addressee;
import io.github.pec4j.mailroom.MailroomConfig;
import io.github.pec4j.mailroom.Outbound;
import io.github.pec4j.mailroom.OutboundDocument;
import io.github.pec4j.mailroom.OutboundPolicy;
import io.github.pec4j.mailroom.OutboundRequest;
import io.github.pec4j.mailroom.OutboundResult;
import io.github.pec4j.mailroom.Preflight;
import io.github.pec4j.mailroom.Recipient;
import io.github.pec4j.mailroom.SmtpSettings;
import io.github.pec4j.registry.Actor;
import io.github.pec4j.registry.Classification;
import io.github.pec4j.registry.ProtocolRegistry;
import io.github.pec4j.registry.RegisterId;
import io.github.pec4j.registry.jdbc.JdbcRegistry;
import io.github.pec4j.registry.jdbc.JdbcRegistryConfig;
import io.github.pec4j.signature.TrustStore;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code pec send --smtp URL [--registry JDBC-URL] [--aoo FILE | --register AMM/AOO/REG] [--from BOX] [--trust PATH]...
 * [--ipa DIR] [--policy default|mogliano] --to ADDRESS|ipa:CODE|cf:CODICE|email:ADDRESS... --subject TEXT --primary FILE
 * [--attach FILE]... [--office CODE] [--classification CODE] [--operator ID] [--json]}, and {@code pec send --resume ...}:
 * registers an outgoing letter and submits it from the institutional box (OUT-BOX-01); prints the protocol number, the
 * Message-ID and each recipient's state. A refused pre-flight exits 4 with every reason and no number used; a refusal
 * by the provider exits 4 with its words (recorded on the registration); a temporary failure exits 4 too, the letter
 * registered and waiting: {@code --resume} submits what waits.
 */
public final class SendCommand {
    /** The database user and password for {@code --registry}, when the URL needs them. */
    static final String REGISTRY_USER_ENV = "PEC_REGISTRY_USER";
    static final String REGISTRY_PASSWORD_ENV = "PEC_REGISTRY_PASSWORD";
    private static final Set<String> VALUED = Set.of("--smtp", "--registry", "--aoo", "--register", "--from", "--trust", "--trust-password",
            "--ipa", "--policy", "--to", "--subject", "--primary", "--attach", "--office", "--classification", "--operator", "--body");
    private static final String USAGE_LINE = "usage: pec send --smtp URL [--registry JDBC-URL] [--aoo FILE | --register AMM/AOO/REG] "
            + "--to ADDRESS|ipa:CODE|cf:CODICE... --subject TEXT --primary FILE [--attach FILE]... [--office CODE] [--json]";

    private SendCommand() {}

    /** Runs {@code pec send}; returns the exit status. */
    public static int run(List<String> args, PrintStream out, PrintStream err, AdmitCommand.TrustLoader trustLoader, int ok, int usage,
            int unreadable, int failed) {
        boolean resume = args.contains("--resume");
        List<String> rest = args.stream().filter(a -> !a.equals("--resume")).toList();
        Optional<CommandLine.Args> parsed = CommandLine.parse("send", rest, VALUED, err);
        if (parsed.isEmpty()) return usage;
        CommandLine.Args a = parsed.get();
        if (!a.files().isEmpty()) {
            err.println("pec send: unexpected argument " + a.files().get(0) + " (" + USAGE_LINE + ")");
            return usage;
        }
        Optional<String> problem = missing(a, resume);
        if (problem.isPresent()) {
            err.println("pec send: " + problem.get() + " (" + USAGE_LINE + ")");
            return usage;
        }
        Setup setup;
        try {
            setup = setup(a, trustLoader);
        } catch (IllegalArgumentException e) {
            err.println("pec send: " + e.getMessage());
            return usage;
        } catch (IOException e) {
            err.println("pec send: " + CommandLine.problem(e));
            return unreadable;
        }
        try (ProtocolRegistry registry = openRegistry(a); Outbound outbound = outbound(registry, setup, a)) {
            if (resume) return printAll(outbound.resume(), a.json(), out, ok, failed);
            OutboundRequest request = request(a, setup);
            OutboundResult result = outbound.send(request);
            print(result, a.json(), out, err);
            return result.state() == OutboundResult.State.SUBMITTED ? ok : failed;
        } catch (IllegalArgumentException | IllegalStateException e) {
            err.println("pec send: " + e.getMessage());
            return usage;
        } catch (IOException e) {
            err.println("pec send: " + CommandLine.problem(e));
            return failed;
        }
    }

    /** What the options resolve to before anything is opened. */
    private record Setup(RegisterId register, String box, SmtpSettings smtp, TrustStore trust, Optional<IpaDirectory> ipa,
            OutboundPolicy policy) {}

    private static Optional<String> missing(CommandLine.Args a, boolean resume) {
        if (a.value("--smtp").isEmpty()) return Optional.of("--smtp is required");
        if (a.value("--aoo").isEmpty() && a.value("--register").isEmpty()) return Optional.of("--aoo FILE or --register AMM/AOO/REG is required");
        if (resume) return Optional.empty();
        if (a.all("--to").isEmpty()) return Optional.of("at least one --to is required");
        if (a.value("--subject").isEmpty()) return Optional.of("--subject is required");
        if (a.value("--primary").isEmpty()) return Optional.of("--primary is required");
        return Optional.empty();
    }

    private static Setup setup(CommandLine.Args a, AdmitCommand.TrustLoader trustLoader) throws IOException {
        SmtpSettings smtp = SmtpSettings.parse(a.value("--smtp").get());
        Optional<MailroomConfig> config = a.value("--aoo").isPresent() ? Optional.of(MailroomConfig.load(path(a.value("--aoo").get())))
                : Optional.empty();
        RegisterId register = a.value("--register").map(SendCommand::register).orElseGet(() -> config.get().register());
        String box = a.value("--from").or(() -> config.flatMap(MailroomConfig::box)).or(smtp::user)
                .orElseThrow(() -> new IllegalArgumentException("no sending box: give --from, a mailroom.box in --aoo, or a user in --smtp"));
        char[] password = a.value("--trust-password").map(String::toCharArray).orElse(new char[0]);
        TrustStore trust = trustLoader.load(a.all("--trust"), password);
        Optional<IpaDirectory> ipa = a.value("--ipa").isPresent() ? Optional.of(IpaDirectory.load(path(a.value("--ipa").get()))) : Optional.empty();
        OutboundPolicy policy = switch (a.value("--policy").orElse("default").toLowerCase(Locale.ROOT)) {
            case "default" -> OutboundPolicy.defaults();
            case "mogliano" -> OutboundPolicy.mogliano();
            default -> throw new IllegalArgumentException("--policy is default or mogliano: " + a.value("--policy").get());
        };
        return new Setup(register, box, smtp, trust, ipa, policy);
    }

    private static RegisterId register(String text) {
        String[] parts = text.split("/");
        if (parts.length != 3) throw new IllegalArgumentException("--register is amministrazione/aoo/registro: " + text);
        return RegisterId.of(parts[0], parts[1], parts[2]);
    }

    private static ProtocolRegistry openRegistry(CommandLine.Args a) throws IOException {
        Optional<String> url = a.value("--registry");
        if (url.isEmpty()) return JdbcRegistry.embedded(JdbcRegistry.DEFAULT_DIRECTORY, Clock.systemUTC());
        String user = Optional.ofNullable(System.getenv(REGISTRY_USER_ENV)).orElse("");
        String password = Optional.ofNullable(System.getenv(REGISTRY_PASSWORD_ENV)).orElse("");
        return JdbcRegistry.open(url.get(), user, password, JdbcRegistryConfig.defaults(), Clock.systemUTC());
    }

    private static Outbound outbound(ProtocolRegistry registry, Setup s, CommandLine.Args a) {
        Outbound.Builder b = Outbound.builder(registry, s.register(), s.box()).smtp(s.smtp()).trust(s.trust()).policy(s.policy());
        s.ipa().ifPresent(b::ipa);
        a.value("--body").ifPresent(b::body);
        return b.build();
    }

    private static OutboundRequest request(CommandLine.Args a, Setup s) throws IOException {
        OutboundRequest.Builder b = OutboundRequest.builder().subject(a.value("--subject").get()).primary(document(a.value("--primary").get()))
                .classification(Classification.of(a.value("--classification").orElse("I.1")))
                .operator(Actor.of(a.value("--operator").orElse(System.getProperty("user.name", "pec")), "pec send"));
        for (String f : a.all("--attach")) b.attach(document(f));
        for (String to : a.all("--to")) b.to(Recipient.parse(to));
        a.value("--office").ifPresent(b::office);
        return b.build();
    }

    private static OutboundDocument document(String file) throws IOException {
        return OutboundDocument.of(CommandLine.regularFile(file));
    }

    private static Path path(String p) {
        try {
            return Path.of(p);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("not a path: " + p);
        }
    }

    private static int printAll(List<OutboundResult> results, boolean json, PrintStream out, int ok, int failed) throws IOException {
        for (OutboundResult r : results) print(r, json, out, out);
        return results.stream().allMatch(r -> r.state() == OutboundResult.State.SUBMITTED) ? ok : failed;
    }

    private static void print(OutboundResult r, boolean json, PrintStream out, PrintStream err) throws IOException {
        if (json) {
            out.println(JsonReport.MAPPER.writeValueAsString(json(r)));
            return;
        }
        if (r.state() == OutboundResult.State.REFUSED_BY_PREFLIGHT) {
            err.println("pec send: refused before registration, no number used:");
            for (Preflight.Problem p : r.preflight().errors()) err.println("  " + p.subject() + ": " + p.message() + " [" + p.code() + "]");
        } else {
            out.println("protocol   " + r.protocol().map(Object::toString).orElse("-"));
            out.println("message-id " + r.messageId().orElse("-"));
            out.println("state      " + state(r));
            r.failure().ifPresent(f -> out.println("provider   " + f));
            for (Addressee ad : r.recipients()) out.println("  " + ad.address() + "  " + recipientState(r, ad));
        }
        for (Preflight.Problem p : r.preflight().warnings()) err.println("warning: " + p.subject() + ": " + p.message() + " [" + p.code() + "]");
    }

    private static String state(OutboundResult r) {
        return r.state().name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String recipientState(OutboundResult r, Addressee a) {
        String s = switch (r.state()) {
            case SUBMITTED -> "sent";
            case REGISTERED -> "waiting";
            case REFUSED_BY_PROVIDER -> "refused";
            case REFUSED_BY_PREFLIGHT -> "not sent";
        };
        if (!a.domicile()) s += " (ordinary address: delivery not provable)";
        if (a.administration()) s += " (administration " + a.ipaCode().get() + ": segnatura)";
        return s;
    }

    private static ObjectNode json(OutboundResult r) {
        ObjectNode o = JsonReport.MAPPER.createObjectNode();
        o.put("state", state(r));
        o.put("protocol", r.protocol().map(Object::toString).orElse(null));
        o.put("messageId", r.messageId().orElse(null));
        o.put("failure", r.failure().orElse(null));
        ArrayNode recipients = o.putArray("recipients");
        for (Addressee a : r.recipients()) {
            ObjectNode x = recipients.addObject();
            x.put("given", a.given().toString());
            x.put("address", a.address());
            x.put("name", a.name());
            x.put("domicile", a.domicile());
            x.put("ipaCode", a.ipaCode().orElse(null));
            x.put("state", recipientState(r, a));
        }
        ArrayNode problems = o.putArray("problems");
        for (Preflight.Problem p : r.preflight().problems()) {
            ObjectNode x = problems.addObject();
            x.put("code", p.code().name());
            x.put("severity", p.severity().name());
            x.put("subject", p.subject());
            x.put("message", p.message());
        }
        return o;
    }
}
