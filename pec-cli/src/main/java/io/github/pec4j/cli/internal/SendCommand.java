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
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code pec send --smtp URL [--registry JDBC-URL] [--aoo FILE | --register AMM/AOO/REG] [--from BOX] [--trust PATH]...
 * [--ipa DIR] [--policy default|mogliano] --to ADDRESS|ipa:CODE|cf:CODICE|email:ADDRESS... --subject TEXT --primary FILE
 * [--attach FILE]... [--office CODE] [--classification CODE] [--operator ID] [--json]}, and {@code pec send --resume ...}:
 * registers an outgoing letter and submits it from the institutional box (OUT-BOX-01); prints the protocol number, the
 * Message-ID and each recipient's state. A refused pre-flight exits 4 with every reason and no number used; a refusal
 * by the provider exits 4 with its words (recorded on the registration); a temporary failure exits 4 too, the letter
 * registered and waiting: {@code --resume} submits what waits.
 */
@Command(name = "send", description = {"Register an outgoing letter and send it from the institutional box: the protocol number, the "
        + "Message-ID and each recipient's state. A refused pre-flight exits 4 with every reason and uses no number; a letter refused by "
        + "the provider, or waiting after a temporary failure, exits 4 (--resume sends what waits).",
    "The pre-flight's rules: the AOO file's mailroom.outbound section, else --policy's; --policy overrides the file.",
    "The register defaults to an embedded one in ./pec4j-registry."})
public final class SendCommand implements Callable<Integer> {
    private final Io io;

    @Option(names = "--smtp", paramLabel = "URL", required = true, description = "The submission server: smtp://user@host:587 (STARTTLS) or "
            + "smtps://user@host:465; password from PEC_SMTP_PASSWORD, --smtp-password-env or --smtp-password-file (a password in the URL "
            + "works, but is discouraged).")
    String smtp;

    @Option(names = "--smtp-password-env", paramLabel = "VAR", description = "The SMTP password is in environment variable VAR.")
    String smtpPasswordEnv;

    @Option(names = "--smtp-password-file", paramLabel = "FILE", description = "The SMTP password is the first line of FILE.")
    Path smtpPasswordFile;

    @Option(names = "--smtp-trust", paramLabel = "PATH", description = "What the submission server's TLS certificate is trusted by, instead of "
            + "the JVM's CAs: PEM certificates (repeatable), or one .p12/.pfx/.jks key store.")
    List<Path> smtpTrust = new ArrayList<>();

    @Option(names = "--smtp-trust-password-env", paramLabel = "VAR", description = "The --smtp-trust key store's password is in VAR.")
    String smtpTrustPasswordEnv;

    @Option(names = "--smtp-trust-password-file", paramLabel = "FILE", description = "The --smtp-trust key store's password is the first "
            + "line of FILE.")
    Path smtpTrustPasswordFile;

    @Mixin
    RegistryOptions registry = new RegistryOptions();

    @Option(names = "--aoo", paramLabel = "FILE", description = "The AOO's configuration (.json or .yaml): the register, the box "
            + "(mailroom.box) and the outbound policy (mailroom.outbound).")
    String aoo;

    @Option(names = "--register", paramLabel = "AMM/AOO/REG", description = "The register, when no --aoo names it.")
    String register;

    @Option(names = "--from", paramLabel = "BOX", description = "The sending box (default: mailroom.box of --aoo, else the --smtp user).")
    String from;

    @Mixin
    TrustOptions trust = new TrustOptions();

    @Option(names = "--ipa", paramLabel = "DIR", description = "The IPA open-data files: ipa:CODE recipients and administrations' domiciles.")
    String ipa;

    @Option(names = "--policy", paramLabel = "default|mogliano", description = "The pre-flight's rules, overriding the --aoo file's: "
            + "default (an unsigned primary or an ordinary address warns) or mogliano (a signed primary, PDF secondaries, PEC recipients only).")
    String policy;

    @Option(names = "--to", paramLabel = "RECIPIENT", description = "ADDRESS, ipa:CODE, cf:CODICE or email:ADDRESS (ordinary mail). "
            + "Repeatable; at least one unless --resume.")
    List<String> to = new ArrayList<>();

    @Option(names = "--subject", paramLabel = "TEXT", description = "The subject (oggetto).")
    String subject;

    @Option(names = "--primary", paramLabel = "FILE", description = "The primary document (signed, under the mogliano policy).")
    String primary;

    @Option(names = "--attach", paramLabel = "FILE", description = "A secondary document. Repeatable.")
    List<String> attach = new ArrayList<>();

    @Option(names = "--body", paramLabel = "TEXT", description = "The message's text (default: a standard covering text).")
    String body;

    @Option(names = "--office", paramLabel = "CODE", description = "The office the letter comes from.")
    String office;

    @Option(names = "--classification", paramLabel = "CODE", defaultValue = "I.1", description = "The titolario class (default ${DEFAULT-VALUE}).")
    String classification;

    @Option(names = "--operator", paramLabel = "ID", description = "The operator recorded in the audit trail (default: the user's name).")
    String operator;

    @Option(names = "--resume", description = "Send the letters registered and waiting (after a temporary failure), instead of a new one.")
    boolean resume;

    @Option(names = "--json", description = "One JSON object per letter.")
    boolean json;

    SendCommand(Io io) {
        this.io = io;
    }

    /** Runs {@code pec send}; returns the exit status. */
    @Override
    public Integer call() {
        PrintStream err = io.err();
        Optional<String> problem = missing();
        if (problem.isPresent()) {
            err.println("pec send: " + problem.get() + " (pec send --help for the options)");
            return Pec.USAGE;
        }
        Setup setup;
        try {
            setup = setup();
        } catch (IllegalArgumentException e) {
            err.println("pec send: " + e.getMessage());
            return Pec.USAGE;
        } catch (IOException | GeneralSecurityException e) {
            err.println("pec send: " + Inputs.problem(e));
            return Pec.UNREADABLE;
        }
        try (ProtocolRegistry opened = openRegistry(); Outbound outbound = outbound(opened, setup)) {
            if (resume) return printAll(outbound.resume());
            OutboundResult result = outbound.send(request());
            print(result);
            return result.state() == OutboundResult.State.SUBMITTED ? Pec.OK : Pec.FAILED;
        } catch (IllegalArgumentException | IllegalStateException e) {
            err.println("pec send: " + e.getMessage());
            return Pec.USAGE;
        } catch (IOException e) {
            err.println("pec send: " + Inputs.problem(e));
            return Pec.FAILED;
        }
    }

    /** What the options resolve to before anything is opened. */
    private record Setup(RegisterId register, String box, SmtpSettings smtp, TrustStore trust, Optional<IpaDirectory> ipa,
            OutboundPolicy policy) {}

    private Optional<String> missing() {
        if (aoo == null && register == null) return Optional.of("--aoo FILE or --register AMM/AOO/REG is required");
        if (resume) return Optional.empty();
        if (to.isEmpty()) return Optional.of("at least one --to is required");
        if (subject == null) return Optional.of("--subject is required");
        if (primary == null) return Optional.of("--primary is required");
        return Optional.empty();
    }

    private Setup setup() throws IOException, GeneralSecurityException {
        SmtpSettings settings = smtpSettings();
        Optional<MailroomConfig> config = aoo != null ? Optional.of(MailroomConfig.load(path(aoo))) : Optional.empty();
        RegisterId id = register != null ? register(register) : config.get().register();
        String box = Optional.ofNullable(from).or(() -> config.flatMap(MailroomConfig::box)).or(settings::user)
                .orElseThrow(() -> new IllegalArgumentException("no sending box: give --from, a mailroom.box in --aoo, or a user in --smtp"));
        Optional<IpaDirectory> directory = ipa != null ? Optional.of(IpaDirectory.load(path(ipa))) : Optional.empty();
        OutboundPolicy rules = policy != null ? policy(policy) : config.map(MailroomConfig::outbound).orElseGet(OutboundPolicy::defaults);
        return new Setup(id, box, settings, trust.load(), directory, rules);
    }

    /** {@code --smtp} with the password and the TLS trust the options give. */
    private SmtpSettings smtpSettings() throws IOException, GeneralSecurityException {
        SmtpSettings s = SmtpSettings.parse(smtp);
        Optional<char[]> password = Secret.resolve("--smtp-password", null, smtpPasswordEnv, smtpPasswordFile);
        if (password.isPresent()) s = s.withPassword(password.get());
        if (smtpTrust.isEmpty()) return s;
        if (smtpTrust.size() == 1 && isKeyStore(smtpTrust.get(0))) {
            char[] pw = Secret.resolve("--smtp-trust-password", null, smtpTrustPasswordEnv, smtpTrustPasswordFile).orElse(null);
            return s.withTrustStore(KeyStore.getInstance(smtpTrust.get(0).toFile(), pw));
        }
        if (smtpTrust.stream().anyMatch(SendCommand::isKeyStore)) {
            throw new IllegalArgumentException("--smtp-trust: one key store, or PEM certificates, not both");
        }
        return s.withTrustCertificates(smtpTrust);
    }

    private static boolean isKeyStore(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".p12") || n.endsWith(".pfx") || n.endsWith(".jks");
    }

    private static OutboundPolicy policy(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "default" -> OutboundPolicy.defaults();
            case "mogliano" -> OutboundPolicy.mogliano();
            default -> throw new IllegalArgumentException("--policy is default or mogliano: " + name);
        };
    }

    private static RegisterId register(String text) {
        String[] parts = text.split("/");
        if (parts.length != 3) throw new IllegalArgumentException("--register is amministrazione/aoo/registro: " + text);
        return RegisterId.of(parts[0], parts[1], parts[2]);
    }

    private ProtocolRegistry openRegistry() throws IOException {
        if (registry.url().isEmpty()) return JdbcRegistry.embedded(JdbcRegistry.DEFAULT_DIRECTORY, Clock.systemUTC());
        String user = Optional.ofNullable(System.getenv(Registers.USER_ENV)).orElse("");
        String password = registry.password().map(String::new).orElse("");
        return JdbcRegistry.open(registry.url().get(), user, password, JdbcRegistryConfig.defaults(), Clock.systemUTC());
    }

    private Outbound outbound(ProtocolRegistry opened, Setup s) {
        Outbound.Builder b = Outbound.builder(opened, s.register(), s.box()).smtp(s.smtp()).trust(s.trust()).policy(s.policy());
        s.ipa().ifPresent(b::ipa);
        if (body != null) b.body(body);
        return b.build();
    }

    private OutboundRequest request() throws IOException {
        OutboundRequest.Builder b = OutboundRequest.builder().subject(subject).primary(document(primary))
                .classification(Classification.of(classification))
                .operator(Actor.of(operator != null ? operator : System.getProperty("user.name", "pec"), "pec send"));
        for (String f : attach) b.attach(document(f));
        for (String r : to) b.to(Recipient.parse(r));
        if (office != null) b.office(office);
        return b.build();
    }

    private static OutboundDocument document(String file) throws IOException {
        return OutboundDocument.of(Inputs.regularFile(file));
    }

    private static Path path(String p) {
        try {
            return Path.of(p);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("not a path: " + p);
        }
    }

    private int printAll(List<OutboundResult> results) throws IOException {
        for (OutboundResult r : results) print(r);
        return results.stream().allMatch(r -> r.state() == OutboundResult.State.SUBMITTED) ? Pec.OK : Pec.FAILED;
    }

    private void print(OutboundResult r) throws IOException {
        PrintStream out = io.out();
        PrintStream err = io.err();
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
        for (Preflight.Problem p : r.preflight().warnings()) io.notes().println("warning: " + p.subject() + ": " + p.message() + " [" + p.code() + "]");
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
