package io.github.pec4j.examples.quickstart;

import io.github.pec4j.admission.AdmissionDecision;
import io.github.pec4j.admission.AooConfig;
import io.github.pec4j.admission.PecAdmission;
import io.github.pec4j.core.Attachment;
import io.github.pec4j.core.PecMessage;
import io.github.pec4j.core.PecParser;
import io.github.pec4j.directory.AddressOwner;
import io.github.pec4j.directory.DomicileDirectory;
import io.github.pec4j.directory.DomicileRegister;
import io.github.pec4j.directory.StaticDirectory;
import io.github.pec4j.formats.FormatChecker;
import io.github.pec4j.formats.FormatPolicy;
import io.github.pec4j.receipts.DeliveryTracker;
import io.github.pec4j.receipts.ReceiptFacts;
import io.github.pec4j.receipts.SentMessage;
import io.github.pec4j.registry.Actor;
import io.github.pec4j.registry.Channel;
import io.github.pec4j.registry.Classification;
import io.github.pec4j.registry.Correspondent;
import io.github.pec4j.registry.DocumentRequest;
import io.github.pec4j.registry.Impronta;
import io.github.pec4j.registry.ProtocolRegistries;
import io.github.pec4j.registry.ProtocolRegistry;
import io.github.pec4j.registry.RegisterId;
import io.github.pec4j.registry.RegistrationRequest;
import io.github.pec4j.registry.RegistrationResult;
import io.github.pec4j.registry.RegistryOptions;
import io.github.pec4j.registry.jdbc.JdbcRegistry;
import io.github.pec4j.segnatura.Classifica;
import io.github.pec4j.segnatura.Documento;
import io.github.pec4j.segnatura.Identificatore;
import io.github.pec4j.segnatura.SealKey;
import io.github.pec4j.segnatura.Segnatura;
import io.github.pec4j.segnatura.SegnaturaWriter;
import io.github.pec4j.segnatura.Soggetto;
import io.github.pec4j.signature.ProviderSignatureReport;
import io.github.pec4j.signature.ProviderSignatureVerifier;
import io.github.pec4j.signature.TrustStore;
import io.github.pec4j.testkit.AdmissionScenarios;
import io.github.pec4j.testkit.Attachments;
import io.github.pec4j.testkit.FixtureKind;
import io.github.pec4j.testkit.PecFixtures;
import io.github.pec4j.testkit.TestPki;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The quick start: a region's AOO sends a sealed segnatura and a PDF by PEC to a municipality; the
 * municipality parses the envelope, verifies the provider signature against the (test) PEC CA, checks
 * the attachments' formats, decides admission, and registers the message in the embedded H2 register.
 * Then a delivery receipt is matched, as for an outgoing message.
 *
 * <p>Run: {@code java QuickStart WORK_DIR}. Prints one line per step; exit status 0 when every step gave
 * the expected answer, 1 otherwise.
 */
public final class QuickStart {
    static final String MUNICIPALITY = AdmissionScenarios.AOO_BOX;
    static final String REGION = AdmissionScenarios.PA_SENDER;
    static final RegisterId REGISTER = RegisterId.of("c_esempio", "AOO_CENTRALE", "PG");

    private QuickStart() {}

    /**
     * Runs the quick start.
     *
     * @param args the working directory (test CA and H2 register go there)
     * @throws IOException when the working directory cannot be written or the register fails
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: QuickStart WORK_DIR");
            System.exit(2);
        }
        System.exit(run(Path.of(args[0]), System.out) ? 0 : 1);
    }

    /**
     * The steps, printed to {@code out}.
     *
     * @param dir the working directory
     * @param out where the steps are printed
     * @return whether every step gave the expected answer
     * @throws IOException when the working directory cannot be written or the register fails
     */
    public static boolean run(Path dir, PrintStream out) throws IOException {
        Files.createDirectories(dir);
        out.println("module path: " + (QuickStart.class.getModule().isNamed() ? QuickStart.class.getModule().getName() : "no (class path)"));
        out.println("pec4j modules: " + ModuleLayer.boot().modules().stream().map(Module::getName)
                .filter(n -> n.startsWith("io.github.pec4j.") && !n.startsWith("io.github.pec4j.examples.")).sorted().toList());

        // tag::quickstart[]
        // An office trusts the AgID list of PEC providers; the quick start trusts the testkit's CA.
        Path ca = dir.resolve("test-ca.pem");
        TestPki.shared().writeTrustAnchorPem(ca);
        TrustStore trust = TrustStore.builder().addPem(ca).build();

        byte[] envelope = AdmissionScenarios.create().paWithSegnatura(Attachments.pdf(), segnatura(Attachments.pdf()));
        boolean ok;
        try (PecMessage m = PecParser.create().withSignedContentDigest().parse(envelope)) {
            out.println("parsed: " + m.kind().id() + ", " + m.attachments().size() + " attachment(s)");

            ProviderSignatureReport signature = ProviderSignatureVerifier.create(trust).verify(m);
            out.println("provider signature: " + (signature.isGenuine() ? "genuine" : "NOT genuine"));

            var formats = FormatChecker.verdict(FormatChecker.create(FormatPolicy.caluso()).check(m));
            out.println("formats: " + formats.id());

            PecAdmission admission = PecAdmission.builder(AooConfig.defaults().withMailboxes(MUNICIPALITY))
                    .trust(trust).directory(directory()).build();
            AdmissionDecision decision = admission.admit(m);
            out.println("admission: " + decision.registration().outcome().id() + ", " + decision.receivability().outcome());

            try (ProtocolRegistry registry = JdbcRegistry.embedded(dir.resolve("registry"), Clock.systemUTC())) {
                RegistrationResult result = registry.register(request(m));
                out.println("registered: " + result.registration().id() + (result.duplicate() ? " (already registered)" : "")
                        + ", " + result.registration().documents().size() + " document(s)");
            }
            ok = signature.isGenuine() && formats == io.github.pec4j.formats.Verdict.ACCEPT
                    && decision.registration().outcome() == AdmissionDecision.RegistrationOutcome.REGISTER
                    && decision.receivability().receivable();
        }
        // end::quickstart[]
        return ok & memoryRegistry(out) & receipt(out);
    }

    /** The region's segnatura, sealed with the testkit's seal: written (JAXB, XML-DSig) here, read by admission. */
    static byte[] segnatura(byte[] pdf) {
        Segnatura s = Segnatura.builder()
                .identificatore(Identificatore.of("r_esempio", "AOO_GIUNTA", "PG", 4711, LocalDate.of(2024, 3, 15)))
                .oggetto("Trasmissione delibera n. 12/2024")
                .classifica(Classifica.flat("Atti della Giunta", "I.6"))
                .mittente(Soggetto.Amministrazione.aoo("Regione Esempio", "r_esempio", "AOO_GIUNTA", REGION))
                .destinatario(Soggetto.Amministrazione.aoo("Comune di Esempio", "c_esempio", "AOO_CENTRALE", MUNICIPALITY))
                .documentoPrimario(Documento.of("delibera.pdf", "application/pdf", pdf))
                .build();
        TestPki pki = TestPki.shared();
        return SegnaturaWriter.create(SealKey.of(pki.sealKey(), pki.sealCertificate())).write(s);
    }

    /** Who owns the two addresses (an office asks IPA; the quick start a static directory). */
    static DomicileDirectory directory() {
        return StaticDirectory.builder("quickstart").registers(DomicileRegister.IPA)
                .owner(new AddressOwner.PublicAdministration(REGION, "r_esempio", "Regione Esempio", AddressOwner.Level.AOO,
                        Optional.of("AOO_GIUNTA"), Optional.empty(), true, Optional.of(LocalDate.of(2024, 1, 2)), Optional.empty()))
                .owner(new AddressOwner.PublicAdministration(MUNICIPALITY, "c_esempio", "Comune di Esempio", AddressOwner.Level.AOO,
                        Optional.of("AOO_CENTRALE"), Optional.empty(), true, Optional.empty(), Optional.empty()))
                .build();
    }

    /** An incoming PEC: the envelope as received is the primary document, then the attachments. */
    static RegistrationRequest request(PecMessage m) throws IOException {
        var daticert = m.daticert().orElseThrow();
        RegistrationRequest.Builder b = RegistrationRequest.incoming(REGISTER, Channel.PEC)
                .correspondent(Correspondent.of(daticert.mittente(), daticert.mittente()))
                .oggetto(m.originalSubject().filter(s -> !s.isBlank()).orElse("(senza oggetto)"))
                .document(new DocumentRequest("messaggio.eml", "message/rfc822", m.raw()::open, Optional.empty()))
                .classification(Classification.of("I.1"))
                .idempotencyKey(PecAdmission.intakeKey(MUNICIPALITY, m).orElseThrow())
                .operator(Actor.system("quickstart"));
        for (Attachment a : m.attachments()) {
            b.document(new DocumentRequest(a.safeName(), a.declaredType().isBlank() ? "application/octet-stream" : a.declaredType(),
                    a::openStream, Optional.of(Impronta.ofHex(a.sha256()))));
        }
        return b.build();
    }

    /** The in-memory registry, found by ServiceLoader as a protocol product's would be. */
    static boolean memoryRegistry(PrintStream out) throws IOException {
        try (ProtocolRegistry memory = ProtocolRegistries.open("memory", RegistryOptions.defaults())) {
            out.println("memory registry: " + memory.getClass().getName());
            return true;
        }
    }

    /** An outgoing message and its accettazione: the receipt finds its message by the client Message-ID. */
    static boolean receipt(PrintStream out) throws IOException {
        String id = "quickstart-0001@comune.esempio.it";
        byte[] accettazione = PecFixtures.create().message(FixtureKind.ACCETTAZIONE).from(MUNICIPALITY).to(REGION)
                .clientMessageId(id).build();
        DeliveryTracker tracker = DeliveryTracker.create();
        tracker.track(SentMessage.of("<" + id + ">", Instant.parse("2024-03-15T09:15:25Z"), REGION));
        try (PecMessage m = PecParser.create().parse(accettazione)) {
            DeliveryTracker.Match match = tracker.accept(ReceiptFacts.from(m, Instant.EPOCH));
            out.println("receipt: " + m.kind().id() + " " + match.outcome().name().toLowerCase(java.util.Locale.ROOT));
            return match.outcome() == DeliveryTracker.Outcome.MATCHED;
        }
    }
}
