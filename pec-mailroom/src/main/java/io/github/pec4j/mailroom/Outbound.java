package io.github.pec4j.mailroom;

import io.github.pec4j.directory.DomicileDirectory;
import io.github.pec4j.directory.IpaDirectory;
import io.github.pec4j.mailroom.internal.LetterDispatch;
import io.github.pec4j.mailroom.internal.LetterWriter;
import io.github.pec4j.mailroom.internal.MailSender;
import io.github.pec4j.mailroom.internal.PreflightChecks;
import io.github.pec4j.mailroom.internal.SendingLease;
import io.github.pec4j.mailroom.internal.SmtpMailSender;
import io.github.pec4j.registry.Actor;
import io.github.pec4j.registry.Assignment;
import io.github.pec4j.registry.Channel;
import io.github.pec4j.registry.Correspondent;
import io.github.pec4j.registry.DocumentRequest;
import io.github.pec4j.registry.MailroomState;
import io.github.pec4j.registry.OutboxEntry;
import io.github.pec4j.registry.ProtocolId;
import io.github.pec4j.registry.ProtocolRegistry;
import io.github.pec4j.registry.RegisterId;
import io.github.pec4j.registry.Registration;
import io.github.pec4j.registry.RegistrationRequest;
import io.github.pec4j.segnatura.Riferimento;
import io.github.pec4j.segnatura.SealKey;
import io.github.pec4j.segnatura.SegnaturaWriter;
import io.github.pec4j.signature.CryptoPolicy;
import io.github.pec4j.signature.DocumentVerifier;
import io.github.pec4j.signature.TrustStore;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Sends letters from the institutional box, registering each one first (OUT-BOX-01): pre-flight
 * (OUT-PRE-01, OUT-PRE-02) → registration with direction out, with the segnatura v3 for administrations
 * (OUT-SEG-01) and the whole MIME message made and stored inside the registration's transaction → the
 * registry's outbox → SMTP submission → a {@code SENT} transmission per recipient. Receipts come back
 * through the {@link Mailroom}'s intake and are filed on the registration by the Message-ID.
 *
 * <p>Exactly once across crashes (OUT-ONCE-01): the message is stored byte-exact with its registration
 * and queued under {@code letter:<protocol>}; {@link #resume()} submits what was registered and not
 * submitted, the same bytes with the same Message-ID. A refusal by the provider (OUT-REFUSE-01) is a
 * {@code SUBMISSION_REFUSED} transmission event carrying the provider's words, and an event to the
 * {@link OutboundListener}; a temporary failure is retried with back-off.
 *
 * <p>Several nodes on one register (OUT-ONCE-02): submitting from the box is guarded by a lease kept in the registry
 * ({@code outbound:<box>}, fenced by its token), held only while submitting. {@link #resume()} on a node that cannot
 * take it does nothing (the holder resumes); {@link #send} waits for it a little ({@link Builder#leaseWait}) and
 * otherwise leaves its letter queued, registered, for the holder's next resume. Each letter is submitted once however
 * many nodes send and resume at the same time.
 *
 * <pre>{@code
 * try (Outbound outbound = Outbound.builder(registry, register, "protocollo@pec.comune.esempio.it")
 *         .smtp(SmtpSettings.parse("smtps://protocollo%40pec.comune.esempio.it@smtps.pec.example.it"))
 *         .policy(OutboundPolicy.mogliano()).ipa(ipaDirectory).trust(trust).sealKey(seal).build()) {
 *     OutboundResult sent = outbound.send(letter);
 * }
 * }</pre>
 *
 * <p>Thread-safe; run {@link #resume()} at start-up and then every few minutes (e.g. from a scheduler, on every node:
 * the lease lets one at a time submit).
 */
public final class Outbound implements AutoCloseable {
    /** The subject unless configured otherwise. */
    public static final String DEFAULT_SUBJECT = "Prot. n. {number} del {date} - {subject}";
    /** The body unless the letter or the configuration gives one. */
    public static final String DEFAULT_BODY = "Si trasmette in allegato il documento protocollato con n. {number} del {date}.\n\nOggetto: {subject}\n";

    private final ProtocolRegistry registry;
    private final RegisterId register;
    private final String box;
    private final PreflightChecks checks;
    private final LetterWriter writer;
    private final LetterDispatch dispatch;
    private final MailSender sender;
    private final Clock clock;
    private final Duration resumeWindow;
    private final Consumer<ProtocolId> afterRegistration;

    private Outbound(Builder b, MailroomState state, MailSender sender) {
        this.registry = b.registry;
        this.register = b.register;
        this.box = b.box;
        this.sender = sender;
        this.clock = b.clock;
        this.resumeWindow = b.resumeWindow;
        this.afterRegistration = b.afterRegistration;
        DocumentVerifier verifier = DocumentVerifier.create(b.trust, CryptoPolicy.DEFAULT, b.clock);
        this.checks = new PreflightChecks(b.policy, Optional.ofNullable(b.directory), Optional.ofNullable(b.ipa), verifier, b.clock,
                b.sealKey != null);
        SegnaturaWriter segnatura = b.sealKey != null ? SegnaturaWriter.create(b.sealKey) : SegnaturaWriter.unsealed();
        this.writer = new LetterWriter(box, b.aooName != null ? b.aooName : register.aoo(), b.subjectTemplate, b.body, segnatura);
        this.dispatch = new LetterDispatch(registry, state, sender, b.clock, b.systemActor, b.listener, b.retryBase, b.maxAttempts,
                new SendingLease(state, box, b.nodeId, b.leaseTtl), b.leaseWait);
    }

    /**
     * A builder for letters registered in {@code register} and sent from {@code box}. The registry must keep
     * the mailroom's state ({@link ProtocolRegistry#mailroom()}): the outbox lives there.
     *
     * @param registry where registrations, the intake journal, the outbox and the lease live
     * @param register the protocol register incoming mail is registered in
     * @param box the institutional box's address, if given (else the mailbox's own)
     * @return a builder for letters registered in {@code register} and sent from {@code box}
     */
    public static Builder builder(ProtocolRegistry registry, RegisterId register, String box) {
        return new Builder(registry, register, box);
    }

    /**
     * The box letters leave from.
     *
     * @return the box letters leave from
     */
    public String box() {
        return box;
    }

    /**
     * Checks a letter without registering or sending anything: every failure and warning at once.
     *
     * @param request the letter to check
     * @return every failure and warning found
     */
    public Preflight preflight(OutboundRequest request) {
        return checks.check(Objects.requireNonNull(request, "request")).preflight();
    }

    /**
     * Sends a letter: pre-flight, registration, submission. When the pre-flight fails nothing is registered
     * (no number is used) and the result says why. A provider's refusal or a temporary failure is in the
     * result too (the letter stays registered; a temporary failure is retried by {@link #resume()}). When another node
     * holds the box's sending lease beyond the {@linkplain Builder#leaseWait lease wait}, the letter is registered and
     * queued, and the result says so: the holder's next resume submits it (OUT-ONCE-02).
     *
     * @param request the letter to send
     * @return the registration and what happened to the submission
     * @throws IOException when the registry fails (then nothing was registered, or the letter waits in the
     *     outbox for {@link #resume()})
     */
    public OutboundResult send(OutboundRequest request) throws IOException {
        PreflightChecks.Checked checked = checks.check(Objects.requireNonNull(request, "request"));
        if (!checked.preflight().passed()) return OutboundResult.refused(checked.preflight());
        byte[][] bytes = LetterWriter.read(request);
        Optional<Riferimento> answers = Optional.empty();
        if (request.answers().isPresent()) answers = registry.find(request.answers().get()).map(LetterWriter::riferimento);
        LetterWriter.Letter letter = new LetterWriter.Letter(request, checked.addressees(), bytes, answers);
        Registration r = registry.register(registration(request, checked.addressees(), bytes, letter)).registration();
        afterRegistration.accept(r.id());
        LetterDispatch.Attempt attempt = dispatch.sendRegistered(r, box, writer.messageId(r.id()));
        OutboundResult result = result(checked.preflight(), checked.addressees(), attempt.entry());
        return attempt.deferred().isEmpty() ? result : new OutboundResult(result.preflight(), result.state(), result.protocol(),
                result.messageId(), result.recipients(), attempt.deferred());
    }

    /**
     * Submits what was registered and not submitted: letters whose queueing a crash interrupted (registered
     * within the resume window) and queued letters due now (never tried, or waiting for a retry). Each leaves
     * with the bytes and the Message-ID stored with its registration. A letter a {@link #send} call is
     * submitting belongs to that call for 5 minutes after its registration, and is left alone meanwhile. On a node that
     * cannot take the box's sending lease (another node is submitting) it does nothing and returns an empty list.
     *
     * @return the letters tried, as they stand afterwards
     * @throws IOException when the mailbox or the registry fails
     */
    public List<OutboundResult> resume() throws IOException {
        LocalDate since = LocalDate.now(clock.withZone(ZoneId.of("Europe/Rome"))).minusDays(resumeWindow.toDays());
        List<OutboundResult> out = new ArrayList<>();
        for (OutboxEntry e : dispatch.resume(box, since, writer::messageId)) out.add(result(new Preflight(List.of()), List.of(), e));
        return out;
    }

    private RegistrationRequest registration(OutboundRequest request, List<Addressee> addressees, byte[][] bytes, LetterWriter.Letter letter) {
        RegistrationRequest.Builder b = RegistrationRequest.outgoing(register, Channel.PEC).oggetto(request.subject())
                .classification(request.classification()).operator(request.operator()).generated(writer.generated(letter));
        for (Addressee a : addressees) {
            Correspondent c = new Correspondent(a.name(), Optional.of(a.address().toLowerCase(Locale.ROOT)), a.taxCode(), a.ipaCode(),
                    a.given().perConoscenza());
            b.correspondent(c);
        }
        List<OutboundDocument> docs = request.documents();
        for (int i = 0; i < docs.size(); i++) b.document(DocumentRequest.of(docs.get(i).name(), docs.get(i).mediaType(), bytes[i]));
        request.office().ifPresent(o -> b.assign(Assignment.competenza(o)));
        return b.build();
    }

    private static OutboundResult result(Preflight preflight, List<Addressee> addressees, OutboxEntry e) {
        OutboundResult.State state = switch (e.state()) {
            case SENT -> OutboundResult.State.SUBMITTED;
            case FAILED -> OutboundResult.State.REFUSED_BY_PROVIDER;
            case PENDING -> OutboundResult.State.REGISTERED;
        };
        return new OutboundResult(preflight, state, e.registration(), Optional.of(e.messageId()), addressees,
                e.state() == OutboxEntry.State.SENT ? Optional.empty() : e.lastError());
    }

    /** Closes the SMTP connection. */
    @Override
    public void close() throws IOException {
        sender.close();
    }

    /** The settings of an {@link Outbound}; the registry, register and box are required, and an SMTP server. */
    public static final class Builder {
        private final ProtocolRegistry registry;
        private final RegisterId register;
        private final String box;
        private SmtpSettings smtp;
        private MailSender mailSender;
        private OutboundPolicy policy = OutboundPolicy.defaults();
        private DomicileDirectory directory;
        private IpaDirectory ipa;
        private TrustStore trust = TrustStore.builder().build();
        private SealKey sealKey;
        private String aooName;
        private String subjectTemplate = DEFAULT_SUBJECT;
        private String body = DEFAULT_BODY;
        private Clock clock = Clock.systemUTC();
        private OutboundListener listener = new OutboundListener() {};
        private Actor systemActor = Actor.system("pec4j-outbound");
        private Duration retryBase = Duration.ofMinutes(1);
        private int maxAttempts = 8;
        private Duration resumeWindow = Duration.ofDays(30);
        private Consumer<ProtocolId> afterRegistration = id -> {};
        private String nodeId = ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
        private Duration leaseTtl = Duration.ofMinutes(5);
        private Duration leaseWait = Duration.ofSeconds(10);

        private Builder(ProtocolRegistry registry, RegisterId register, String box) {
            this.registry = Objects.requireNonNull(registry, "registry");
            this.register = Objects.requireNonNull(register, "register");
            Objects.requireNonNull(box, "box");
            if (box.isBlank() || box.indexOf('@') < 1) throw new IllegalArgumentException("the box is not an e-mail address: " + box);
            this.box = box.trim().toLowerCase(Locale.ROOT);
        }

        /**
         * The institutional box's SMTP submission server (TLS and AUTH as the settings say).
         *
         * @param value the institutional box's SMTP submission server
         * @return the institutional box's SMTP submission server (TLS and AUTH as the settings say)
         */
        public Builder smtp(SmtpSettings value) {
            smtp = Objects.requireNonNull(value, "smtp");
            return this;
        }

        /** The submission seam, for tests. */
        Builder mailSender(MailSender value) {
            mailSender = Objects.requireNonNull(value, "mailSender");
            return this;
        }

        /**
         * The pre-flight's rules (default {@link OutboundPolicy#defaults()}; Mogliano's is {@link OutboundPolicy#mogliano()}).
         *
         * @param value the pre-flight's rules
         * @return the pre-flight's rules (default {@link OutboundPolicy#defaults()}; Mogliano's is {@link
         *     OutboundPolicy#mogliano()})
         */
        public Builder policy(OutboundPolicy value) {
            policy = Objects.requireNonNull(value, "policy");
            return this;
        }

        /**
         * The directories that resolve codici fiscali and tell whose an address is (e.g. a {@code DirectoryChain}).
         *
         * @param value the directories that resolve codici fiscali and tell whose an address is
         * @return this builder
         */
        public Builder directory(DomicileDirectory value) {
            directory = Objects.requireNonNull(value, "directory");
            return this;
        }

        /**
         * The IPA snapshot that resolves codici IPA and recognises administrations.
         *
         * @param value the IPA snapshot that resolves codici IPA and recognises administrations
         * @return the IPA snapshot that resolves codici IPA and recognises administrations
         */
        public Builder ipa(IpaDirectory value) {
            ipa = Objects.requireNonNull(value, "ipa");
            return this;
        }

        /**
         * The trust the primary document's signature is verified against.
         *
         * @param value the trust the primary document's signature is verified against
         * @return the trust the primary document's signature is verified against
         */
        public Builder trust(TrustStore value) {
            trust = Objects.requireNonNull(value, "trust");
            return this;
        }

        /**
         * The AOO's seal: the segnatura is sealed with it (without one it is sent unsealed, with a warning).
         *
         * @param value the AOO's seal
         * @return the AOO's seal: the segnatura is sealed with it (without one it is sent unsealed, with a warning)
         */
        public Builder sealKey(SealKey value) {
            sealKey = Objects.requireNonNull(value, "sealKey");
            return this;
        }

        /**
         * The AOO's name in the segnatura (its codice otherwise).
         *
         * @param value the AOO's name in the segnatura
         * @return the AOO's name in the segnatura (its codice otherwise)
         */
        public Builder aooName(String value) {
            aooName = Objects.requireNonNull(value, "aooName");
            return this;
        }

        /**
         * The mail's subject: {@code {number}}, {@code {year}}, {@code {date}}, {@code {protocol}}, {@code {subject}} are replaced.
         *
         * @param value the mail's subject
         * @return the mail's subject: {@code {number}}, {@code {year}}, {@code {date}}, {@code {protocol}}, {@code
         *     {subject}} are replaced
         */
        public Builder subjectTemplate(String value) {
            subjectTemplate = Objects.requireNonNull(value, "subjectTemplate");
            return this;
        }

        /**
         * The mail's body when a letter gives none, with the same placeholders as the subject.
         *
         * @param value the mail's body when a letter gives none, with the same placeholders as the subject
         * @return the mail's body when a letter gives none, with the same placeholders as the subject
         */
        public Builder body(String value) {
            body = Objects.requireNonNull(value, "body");
            return this;
        }

        /**
         * The clock (deadlines, back-off, registration day of the repair window).
         *
         * @param value the clock
         * @return the clock (deadlines, back-off, registration day of the repair window)
         */
        public Builder clock(Clock value) {
            clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * Who hears of submissions, refusals and retries.
         *
         * @param value who hears of submissions, refusals and retries
         * @return who hears of submissions, refusals and retries
         */
        public Builder listener(OutboundListener value) {
            listener = Objects.requireNonNull(value, "listener");
            return this;
        }

        /**
         * The first retry's delay; each next one doubles, up to an hour.
         *
         * @param value the first retry's delay
         * @return the first retry's delay; each next one doubles, up to an hour
         */
        public Builder retryBase(Duration value) {
            Settings.positive(value, "retryBase");
            retryBase = value;
            return this;
        }

        /**
         * Attempts before a letter that keeps failing for now is given up (and recorded as refused).
         *
         * @param value the attempts before a letter that keeps failing for now is given up
         * @return this builder
         */
        public Builder maxAttempts(int value) {
            if (value < 1) throw new IllegalArgumentException("maxAttempts must be at least 1");
            maxAttempts = value;
            return this;
        }

        /**
         * How far back {@link Outbound#resume()} looks for letters registered but never queued (default 30 days).
         *
         * @param value how far back resume looks for letters registered but not submitted
         * @return how far back {@link Outbound#resume()} looks for letters registered but never queued (default 30
         *     days)
         */
        public Builder resumeWindow(Duration value) {
            Settings.positive(value, "resumeWindow");
            resumeWindow = value;
            return this;
        }

        /**
         * This node's name in the box's sending lease (default: process id and a random suffix).
         *
         * @param value a name no other node uses
         * @return this builder
         * @throws IllegalArgumentException when blank
         */
        public Builder nodeId(String value) {
            Objects.requireNonNull(value, "nodeId");
            if (value.isBlank()) throw new IllegalArgumentException("nodeId is blank");
            nodeId = value;
            return this;
        }

        /**
         * How long the box's sending lease runs unless renewed (default 5 minutes). It is renewed before each submission,
         * so it must be longer than one submission can take (the SMTP connect and read timeouts); a node that dies holding
         * it keeps the others from submitting until it lapses.
         *
         * @param value positive
         * @return this builder
         * @throws IllegalArgumentException when zero or negative
         */
        public Builder leaseTtl(Duration value) {
            Settings.positive(value, "leaseTtl");
            leaseTtl = value;
            return this;
        }

        /**
         * How long {@link Outbound#send} waits for the box's sending lease while another node holds it, before leaving the
         * letter queued for that node (default 10 seconds; zero: do not wait).
         *
         * @param value zero or positive
         * @return this builder
         * @throws IllegalArgumentException when negative
         */
        public Builder leaseWait(Duration value) {
            Objects.requireNonNull(value, "leaseWait");
            if (value.isNegative()) throw new IllegalArgumentException("leaseWait must not be negative");
            leaseWait = value;
            return this;
        }

        /** A hook run right after the registration commits: tests stop there to act a crash. */
        Builder afterRegistration(Consumer<ProtocolId> value) {
            afterRegistration = Objects.requireNonNull(value, "afterRegistration");
            return this;
        }

        /**
         * @return the outbound sender
         * @throws IllegalStateException when no SMTP server is set, or the registry keeps no mailroom state
         */
        public Outbound build() {
            if (smtp == null && mailSender == null) throw new IllegalStateException("no SMTP server: set smtp(...)");
            MailroomState state = registry.mailroom().orElseThrow(() -> new IllegalStateException(
                    registry.providerId() + " keeps no mailroom state (Capability.MAILROOM): the outbox of letters needs it"));
            return new Outbound(this, state, mailSender != null ? mailSender : new SmtpMailSender(smtp));
        }
    }
}
