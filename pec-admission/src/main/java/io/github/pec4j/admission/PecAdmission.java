package io.github.pec4j.admission;

import io.github.pec4j.core.Attachment;
import io.github.pec4j.core.Daticert;
import io.github.pec4j.core.GapKind;
import io.github.pec4j.core.PecKind;
import io.github.pec4j.core.PecMessage;
import io.github.pec4j.directory.DomicileDirectory;
import io.github.pec4j.formats.FileReport;
import io.github.pec4j.formats.FormatPolicy;
import io.github.pec4j.formats.internal.DefaultFormatChecker;
import io.github.pec4j.registry.IdempotencyKey;
import io.github.pec4j.signature.DocumentReport;
import io.github.pec4j.signature.DocumentSigner;
import io.github.pec4j.signature.DocumentVerifier;
import io.github.pec4j.signature.Integrity;
import io.github.pec4j.signature.ProviderSignatureVerifier;
import io.github.pec4j.signature.SignatureLayer;
import io.github.pec4j.signature.Trust;
import io.github.pec4j.signature.TrustStore;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Admission of a parsed PEC message: verifies the provider signature and the signed documents,
 * checks the attachments against the format policy, reads the segnatura, asks the intake history,
 * and hands the facts to the {@link AdmissionEngine}. Thread-safe once built.
 */
public final class PecAdmission {
    private final AdmissionEngine engine;
    private final AooConfig config;
    private final ProviderSignatureVerifier providerVerifier;
    private final DocumentVerifier documentVerifier;
    private final DefaultFormatChecker formats;
    private final IntakeHistory history;
    private final SegnaturaEvidence segnature;
    private final Clock clock;

    private PecAdmission(Builder b) {
        this.config = b.config;
        this.engine = AdmissionEngine.create(b.config, b.directory);
        this.providerVerifier = ProviderSignatureVerifier.create(b.trust);
        this.documentVerifier = DocumentVerifier.create(b.trust);
        this.formats = new DefaultFormatChecker(b.policy, documentVerifier);
        this.history = b.history;
        this.segnature = new SegnaturaEvidence(b.trust);
        this.clock = b.clock;
    }

    /**
     * Starts configuring the admission of one AOO.
     *
     * @param config the AOO's configuration
     * @return a builder with no trust, no directory and no history
     */
    public static Builder builder(AooConfig config) {
        return new Builder(config);
    }

    /**
     * Decides on a message, at its time of receipt (the daticert time; else its Date; else now).
     *
     * @param message the statement, in English
     * @return the decision with its reasons
     * @throws IOException when a document of the message cannot be read
     */
    public AdmissionDecision admit(PecMessage message) throws IOException {
        return engine.decide(evidence(message, Optional.empty(), Optional.empty()));
    }

    /**
     * Decides on a message.
     *
     * @param receivedAt the time of receipt to evaluate the law at, instead of the daticert time
     * @param declarantTaxCode the declarant's codice fiscale, when the form or an operator gives it
     * @param message the statement, in English
     * @return the decision with its reasons
     * @throws IOException when a document of the message cannot be read
     */
    public AdmissionDecision admit(PecMessage message, Optional<Instant> receivedAt, Optional<String> declarantTaxCode) throws IOException {
        return engine.decide(evidence(message, receivedAt, declarantTaxCode));
    }

    /**
     * The facts {@link #admit} decides from, for an integrator that adds its own.
     *
     * @param receivedAt when it was received (for PEC: the daticert time): the date the law is read at
     * @param declarantTaxCode the declarant's codice fiscale, when known (from the form, a signature, the operator)
     * @param m the message
     * @return the facts {@link #admit} decides from, for an integrator that adds its own
     * @throws IOException when a document of the message cannot be read
     */
    public Evidence evidence(PecMessage m, Optional<Instant> receivedAt, Optional<String> declarantTaxCode) throws IOException {
        boolean genuine = providerVerifier.verify(m).isGenuine();
        Evidence.Channel channel = switch (m.kind()) {
            case NON_PEC -> Evidence.Channel.PEO;
            case ANOMALIA -> Evidence.Channel.ANOMALIA;
            default -> genuine ? Evidence.Channel.PEC : Evidence.Channel.PEC_NOT_VERIFIED;
        };
        Optional<Daticert> daticert = m.daticert();
        Instant at = receivedAt.or(() -> daticert.flatMap(d -> d.data().instant()).map(t -> t.toInstant()))
                .or(() -> m.original().flatMap(o -> o.date()).map(t -> t.toInstant()))
                .orElseGet(clock::instant);
        Evidence.Builder b = Evidence.builder(channel, at);
        if (m.kind().family() == PecKind.Family.RECEIPT) b.kind(Evidence.Kind.PEC_RECEIPT);
        m.sender().or(() -> m.original().flatMap(o -> o.from())).map(PecAdmission::bareAddress).ifPresent(b::sender);
        daticert.ifPresent(d -> d.destinatari().forEach(x -> b.receivedOn(x.indirizzo())));
        if (daticert.isEmpty()) m.original().ifPresent(o -> o.to().forEach(t -> b.receivedOn(bareAddress(t))));
        m.originalSubject().ifPresent(b::subject);
        declarantTaxCode.ifPresent(b::declarant);

        SegnaturaEvidence.Found interop = segnature.inspect(m.attachments());
        interop.kind().ifPresent(b::kind);
        interop.fact().ifPresent(b::segnatura);
        // a signature beside what it signs (a mail's S/MIME part, a document's .p7s) is never the primary itself
        Optional<Attachment> primary = m.attachments().stream()
                .filter(a -> !interop.files().contains(a.mimePath()) && !detachedSignature(a, m)).findFirst();
        DefaultFormatChecker.Checked checked = formats.checkKeepingSignatures(m);
        for (Attachment a : m.attachments()) {
            if (!maybeSigned(a)) continue;
            Optional<Attachment> signed = a.signedDocumentIn(m.attachments()); // SIG-DETACHED-01
            DocumentReport report = signatureOf(a, signed, checked);
            // a .p7s covers the primary when the document it signs is the primary (SIG-DETACHED-01)
            boolean isPrimary = primary.map(p -> p.mimePath().equals(a.mimePath()) || signed.filter(p::equals).isPresent()).orElse(false);
            for (SignatureLayer layer : report.layers()) {
                for (DocumentSigner s : layer.signers()) b.signature(fact(a, s, isPrimary && layer.coversWholeFile()));
            }
        }
        for (FileReport f : checked.files()) b.file(f);
        b.completeness(m.completeness());
        if (!config.mailboxes().isEmpty()) {
            Optional<IdempotencyKey> key = intakeKey(config.mailboxes().get(0), m);
            if (key.isPresent()) history.registeredAs(key.get()).ifPresent(b::duplicateOf);
        }
        return b.build();
    }

    /**
     * The idempotency key of a message taken in from {@code mailbox}, on signed facts where the message
     * has them: with a readable daticert, its {@code identificativo} (the provider's signed id of this
     * transport envelope) and its {@code msgid} (else the {@code X-Riferimento-Message-ID}); two
     * envelopes with the same unsigned Message-ID but different daticert get different keys. Without a
     * readable daticert (ordinary mail, a refused or missing daticert), not classified as PEC (whose
     * daticert, if any, is never verified), or whose headers name another kind than its daticert's {@code tipo}
     * ({@link GapKind#KIND_CONFLICT}: a relabelled copy must not take the genuine envelope's key): the unsigned
     * Message-ID (else
     * nothing) and {@code X-Riferimento-Message-ID}, in a namespace of their own
     * ({@link IdempotencyKey#forUnsignedMessage}), so a message whose headers copy a PEC's identifiers
     * never takes that PEC's key (SEC-CLOSED-09). Empty when the message has no identifier.
     *
     * @param mailbox the mailbox the message was taken in from
     * @param m the message
     * @return the idempotency key of a message taken in from {@code mailbox}, on signed facts where the message has
     *     them: with a readable daticert, its {@code identificativo} (the provider's signed id of this transport
     *     envelope) and its {@code msgid} (else the {@code X-Riferimento-Message-ID}); two envelopes with the same
     *     unsigned Message-ID but different daticert get different keys
     */
    public static Optional<IdempotencyKey> intakeKey(String mailbox, PecMessage m) {
        // from the daticert, normalised; a message not classified as PEC is never verified, so its daticert signs nothing,
        // and one whose headers name another kind than its daticert is not known to be that envelope (SEC-CLOSED-10)
        Optional<String> signed = m.correlation().identificativo()
                .filter(id -> m.kind().family() != PecKind.Family.NOT_PEC && !kindInDoubt(m));
        if (signed.isPresent()) {
            String client = m.correlation().msgid().or(() -> m.correlation().riferimentoMessageId()).orElse("");
            return Optional.of(IdempotencyKey.forMessage(mailbox, signed.get(), client));
        }
        // SEC-CLOSED-09: unsigned identifiers key a namespace of their own, so they never take a PEC's signed key
        return m.correlation().messageId()
                .map(id -> IdempotencyKey.forUnsignedMessage(mailbox, id, m.correlation().riferimentoMessageId().orElse("")));
    }

    private static boolean kindInDoubt(PecMessage m) {
        return m.completeness().gaps().stream().anyMatch(g -> g.kind() == GapKind.KIND_CONFLICT);
    }

    private static Evidence.SignatureFact fact(Attachment a, DocumentSigner s, boolean coversPrimary) {
        boolean valid = s.integrity() == Integrity.VALID && s.trust() == Trust.TRUSTED && s.certificateValidAtTime();
        Evidence.SignatureLevel level = s.qualifiedClaim() ? Evidence.SignatureLevel.QUALIFIED
                : s.trust() == Trust.TRUSTED ? Evidence.SignatureLevel.ADVANCED : Evidence.SignatureLevel.SIMPLE;
        return new Evidence.SignatureFact(a.name(), level, valid, coversPrimary, s.codiceFiscale(), s.certificate().subject());
    }

    /**
     * The report of the attachment's signature: the one the format check verified (SIG-ONCE-01), else verified here,
     * a {@code .p7s} over the document it signs.
     */
    private DocumentReport signatureOf(Attachment a, Optional<Attachment> signed, DefaultFormatChecker.Checked checked) throws IOException {
        DocumentReport kept = checked.signatures().get(a.mimePath());
        if (kept != null) return kept;
        return signed.isPresent() ? documentVerifier.verifyDetached(a, signed.get()) : documentVerifier.verify(a);
    }

    /** A signature beside what it signs: a clear-signed mail's S/MIME part, or a document's {@code .p7s}. */
    private static boolean detachedSignature(Attachment a, PecMessage m) {
        return a.signedContent().isPresent() || a.signedDocumentIn(m.attachments()).isPresent();
    }

    private static boolean maybeSigned(Attachment a) {
        String n = a.safeName().toLowerCase(Locale.ROOT); // name() may end in a space or a NUL, as sent
        return n.endsWith(".p7m") || n.endsWith(".p7s") || n.endsWith(".m7m") || n.endsWith(".tsd") || n.endsWith(".pdf")
                || a.declaredType().contains("pkcs7");
    }

    static String bareAddress(String address) {
        String s = address.trim();
        int lt = s.lastIndexOf('<');
        int gt = s.lastIndexOf('>');
        if (lt >= 0 && gt > lt) s = s.substring(lt + 1, gt);
        return s.trim();
    }

    /** Settings of a {@link PecAdmission}; only the AOO configuration is required. */
    public static final class Builder {
        private final AooConfig config;
        private DomicileDirectory directory = AdmissionEngine.NO_DIRECTORY;
        private TrustStore trust = TrustStore.builder().build();
        private FormatPolicy policy = FormatPolicy.caluso();
        private IntakeHistory history = IntakeHistory.NONE;
        private Clock clock = Clock.systemUTC();

        private Builder(AooConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        /**
         * Who owns an address, which domiciles a codice fiscale has (default: none, every answer unknown).
         *
         * @param value the directories that tell who owns an address and which domiciles a codice fiscale has
         * @return who owns an address, which domiciles a codice fiscale has (default: none, every answer unknown)
         */
        public Builder directory(DomicileDirectory value) { directory = Objects.requireNonNull(value); return this; }
        /**
         * Trusted PEC providers, signers and seals (default: none: nothing verifies as trusted).
         *
         * @param value the trusted PEC providers, signers and seals
         * @return this builder
         */
        public Builder trust(TrustStore value) { trust = Objects.requireNonNull(value); return this; }
        /**
         * The AOO's attachment policy (default: {@link FormatPolicy#caluso()}).
         *
         * @param value the AOO's attachment policy
         * @return the AOO's attachment policy (default: {@link FormatPolicy#caluso()})
         */
        public Builder formatPolicy(FormatPolicy value) { policy = Objects.requireNonNull(value); return this; }
        /**
         * Messages already taken in (default: none).
         *
         * @param value the messages already taken in
         * @return this builder
         */
        public Builder history(IntakeHistory value) { history = Objects.requireNonNull(value); return this; }
        /**
         * The clock for messages without any date (default: system).
         *
         * @param value the clock for messages without any date
         * @return the clock for messages without any date (default: system)
         */
        public Builder clock(Clock value) { clock = Objects.requireNonNull(value); return this; }

        /**
         * Builds the admission from the settings given.
         *
         * @return a thread-safe admission
         */
        public PecAdmission build() {
            return new PecAdmission(this);
        }
    }
}
