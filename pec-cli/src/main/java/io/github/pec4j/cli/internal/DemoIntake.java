package io.github.pec4j.cli.internal;

import io.github.pec4j.core.PecKind;
import io.github.pec4j.mailroom.IncomingRequests;
import io.github.pec4j.core.PecMessage;
import io.github.pec4j.core.PecParser;
import io.github.pec4j.registry.Actor;
import io.github.pec4j.registry.Classification;
import io.github.pec4j.registry.ProtocolRegistry;
import io.github.pec4j.registry.RegisterId;
import io.github.pec4j.registry.Registration;
import io.github.pec4j.registry.RegistrationRequest;
import io.github.pec4j.registry.RegistrationResult;
import io.github.pec4j.registry.RegistryException;
import io.github.pec4j.registry.SearchQuery;
import io.github.pec4j.signature.ProviderSignatureVerifier;
import io.github.pec4j.signature.TrustStore;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The demo's last step: takes the sample mailbox into an embedded protocol register, twice, to show
 * numbering, impronte and idempotent intake. Only genuine PEC envelopes are registered here; receipts
 * belong to outgoing registrations and the admissibility decisions on anomalie and ordinary mail come
 * with {@code pec-admission}.
 */
public final class DemoIntake {
    /** The demo's register and institutional mailbox. */
    public static final RegisterId REGISTER = RegisterId.of("c_demo", "AOO_DEMO", "PG");
    static final String MAILBOX = "protocollo@pec.comune.demo.example.it";
    private static final Actor INTAKE = Actor.system("pec-demo-intake");

    private DemoIntake() {}

    /** Counts of one pass over the mailbox. */
    public record Pass(int registered, int duplicates, int conflicts, int skipped) {}

    /** Takes every file in; prints a line per file when {@code out} is given. */
    public static Pass takeIn(List<Path> files, ProtocolRegistry registry, TrustStore trust, PrintStream out) throws IOException {
        PecParser parser = PecParser.create().withSignedContentDigest();
        ProviderSignatureVerifier verifier = ProviderSignatureVerifier.create(trust);
        int registered = 0;
        int duplicates = 0;
        int conflicts = 0;
        int skipped = 0;
        for (Path file : files) {
            String line;
            try (PecMessage m = parser.parse(file)) {
                Optional<String> reason = reasonNotToRegister(m, verifier.verify(m).isGenuine());
                if (reason.isPresent()) {
                    skipped++;
                    line = String.format("  %-48s %-34s %s", file.getFileName(), "-", reason.get());
                } else {
                    RegistrationResult result = registry.register(request(m));
                    Registration r = result.registration();
                    if (result.duplicate()) duplicates++;
                    else registered++;
                    line = String.format("  %-48s %-34s %s, %d document(s), impronta %s", file.getFileName(), r.id(),
                            result.duplicate() ? "already registered" : "registered", r.documents().size(),
                            r.documents().get(0).impronta().base64().substring(0, 12) + "…");
                }
            } catch (RegistryException e) {
                if (e.reason() != RegistryException.Reason.IDEMPOTENCY_CONFLICT) throw e;
                conflicts++; // the same key with other content: never "already registered", an operator decides
                line = String.format("  %-48s %-34s idempotency conflict: %s holds this key with other content, an operator decides",
                        file.getFileName(), "-", e.existingRegistration().map(Object::toString).orElse("another registration"));
            } catch (RuntimeException | LinkageError | AssertionError | StackOverflowError e) {
                skipped++; // a defect on one file: reported, never registered, and the pass goes on
                line = String.format("  %-48s %-34s error: %s (%s)", file.getFileName(), "-", FileFailure.MESSAGE, e.getClass().getName());
            }
            if (out != null) out.println(line);
        }
        return new Pass(registered, duplicates, conflicts, skipped);
    }

    private static Optional<String> reasonNotToRegister(PecMessage m, boolean genuine) {
        if (m.kind() == PecKind.NON_PEC || m.kind() == PecKind.ANOMALIA) {
            return Optional.of(m.kind().id() + ": left to the admissibility decision (anomalia, ordinary mail)");
        }
        if (!genuine) return Optional.of("provider signature not genuine: quarantined, never registered unseen");
        if (m.kind().family() == PecKind.Family.RECEIPT) {
            return Optional.of("receipt: a transmission event of the outgoing registration it refers to");
        }
        if (m.daticert().isEmpty() || m.original().isEmpty()) return Optional.of("no readable daticert or original: quarantined");
        if (!m.complete()) return Optional.of("not read completely, an operator decides (" + m.completeness() + ")");
        return Optional.empty();
    }

    /**
     * An incoming PEC as every intake maps it ({@link IncomingRequests}: the whole envelope as received is the
     * primary document, then the attachments with their impronte), classified and attributed to the demo's intake.
     */
    static RegistrationRequest request(PecMessage m) throws IOException {
        return IncomingRequests.builder(REGISTER, MAILBOX, m).classification(Classification.of("I.1")).operator(INTAKE).build();
    }

    /** How many registrations the register holds. */
    public static int count(ProtocolRegistry registry) throws IOException {
        return registry.search(SearchQuery.all().inRegister(REGISTER).page(0, SearchQuery.MAX_LIMIT)).size();
    }
}
