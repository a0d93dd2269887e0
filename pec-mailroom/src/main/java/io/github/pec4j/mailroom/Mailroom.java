package io.github.pec4j.mailroom;

import io.github.pec4j.admission.AdmissionEngine;
import io.github.pec4j.admission.AooConfig;
import io.github.pec4j.admission.PecAdmission;
import io.github.pec4j.core.PecParser;
import io.github.pec4j.directory.DomicileDirectory;
import io.github.pec4j.formats.FormatPolicy;
import io.github.pec4j.mailroom.internal.ImapMailbox;
import io.github.pec4j.mailroom.internal.LocalMailroomState;
import io.github.pec4j.mailroom.internal.MailSender;
import io.github.pec4j.mailroom.internal.Mailbox;
import io.github.pec4j.mailroom.internal.Metrics;
import io.github.pec4j.mailroom.internal.Pipeline;
import io.github.pec4j.mailroom.internal.PipelineSettings;
import io.github.pec4j.mailroom.internal.SmtpMailSender;
import io.github.pec4j.registry.Actor;
import io.github.pec4j.registry.Capability;
import io.github.pec4j.registry.Classification;
import io.github.pec4j.registry.IdempotencyKey;
import io.github.pec4j.registry.IntakeEntry;
import io.github.pec4j.registry.MailroomState;
import io.github.pec4j.registry.ProtocolRegistry;
import io.github.pec4j.registry.RegisterId;
import io.github.pec4j.signature.ProviderSignatureVerifier;
import io.github.pec4j.signature.TrustStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The intake of one institutional PEC box: every message in INBOX is fetched, parsed, verified, checked,
 * decided, then registered (with its assignments), filed as a receipt on its outgoing registration, refused
 * (with the configured reply to ordinary mail), quarantined or put among the errors — and only once that
 * outcome is committed in the registry does it leave INBOX for its {@linkplain Folders folder}.
 *
 * <pre>{@code
 * try (Mailroom mailroom = Mailroom.builder(registry, MailroomConfig.load(aooFile))
 *         .imap(imapSettings).smtp(smtpSettings).trust(trust).build()) {
 *     RoundReport report = mailroom.runOnce();   // or mailroom.run() until close()
 * }
 * }</pre>
 *
 * <p><b>Exactly once.</b> Per message: key → intake journal → (parse, verify, admit, act) → queue its mail →
 * commit the journal entry → send what is due → move. A crash anywhere is repaired by the next round: a
 * message whose terminal outcome (registered, duplicate, receipt, refused) is committed is not judged again,
 * only completed and moved (reported as a duplicate when it was registered); a registration whose journal
 * entry was lost is found again by its idempotency key (MRM-EXACT-01/02). Notifications and replies are
 * queued under ids that make queuing twice harmless and are sent with retries (MRM-NOTIF-02, MRM-ORD-02).
 *
 * <p><b>Several nodes.</b> With a registry that keeps the mailroom's state ({@link Capability#MAILROOM}),
 * each round holds the box's lease ({@code imap:<box>}) and renews it; a node that cannot get it takes
 * nothing (MRM-NODE-01). Without that capability the mailroom keeps its journal and outbox in memory and
 * must be the only node: it warns so at build time.
 *
 * <p>Methods are thread-safe: rounds, re-processing and queue listings are serialised. Failures of the
 * mailbox or the registry's storage end the round with an {@link IOException} (what was committed stays
 * committed; the rest stays in INBOX); {@link #run()} retries with back-off.
 */
public final class Mailroom implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Mailroom.class);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

    private final PipelineSettings settings;
    private final Mailbox mailbox;
    private final Optional<MailSender> sender;
    private final Pipeline pipeline;
    private final Object lock = new Object();
    private final Object waitLock = new Object();
    private volatile boolean closing;
    private Thread waiting;
    private Thread started;
    private boolean closed;

    private Mailroom(PipelineSettings settings, Mailbox mailbox, Optional<MailSender> sender) {
        this.settings = settings;
        this.mailbox = mailbox;
        this.sender = sender;
        this.pipeline = new Pipeline(settings, mailbox, sender);
    }

    /**
     * A builder for the box of an AOO, registering into {@code register}.
     *
     * @param registry where registrations, the intake journal, the outbox and the lease live
     * @param register the protocol register incoming mail is registered in
     * @param aoo the AOO's admission choices (ordinary mail, anomalie, senders, exclusions)
     * @return a builder for the box of an AOO, registering into {@code register}
     */
    public static Builder builder(ProtocolRegistry registry, RegisterId register, AooConfig aoo) {
        return new Builder(registry, register, aoo);
    }

    /**
     * A builder with everything the AOO's configuration file says ({@link MailroomConfig#load}).
     *
     * @param registry where registrations, the intake journal, the outbox and the lease live
     * @param config the AOO's configuration, mailroom section included
     * @return a builder with everything the AOO's configuration file says ({@link MailroomConfig#load})
     */
    public static Builder builder(ProtocolRegistry registry, MailroomConfig config) {
        return new Builder(registry, config.register(), config.aoo()).configure(config);
    }

    /**
     * The institutional box's address, lower case.
     *
     * @return the institutional box's address, lower case
     */
    public String address() {
        return settings.box();
    }

    /**
     * Takes in what INBOX holds now (and retries unmatched receipts), then returns. A message that fails is
     * reported and filed among the errors; the others go on (MRM-ISOL-01).
     *
     * @return what the round did
     * @throws IOException when the mailbox or the registry's storage fails; nothing uncommitted has left INBOX
     * @throws IllegalStateException after {@link #close()}
     */
    public RoundReport runOnce() throws IOException {
        synchronized (lock) {
            if (closed) throw new IllegalStateException("the mailroom is closed");
            return pipeline.round(() -> closing);
        }
    }

    /**
     * Takes mail in round after round, waiting for new mail between rounds (IMAP IDLE where the server has it),
     * until {@link #close()} is called or the thread is interrupted; the message in hand is always finished.
     * Failures of the mailbox or the registry are logged and retried with back-off (1 s doubling to 5 min).
     *
     * @throws InterruptedException when the thread is interrupted other than by {@link #close()}
     */
    public void run() throws InterruptedException {
        Duration backoff = Duration.ofSeconds(1);
        while (!closing) {
            // with a shared registry the lease is renewed every round: waiting longer than a third of it would let it lapse
            Duration pause = settings.sharedState() && settings.leaseTtl().dividedBy(3).compareTo(settings.pollInterval()) < 0
                    ? settings.leaseTtl().dividedBy(3) : settings.pollInterval();
            boolean failed = false;
            try {
                runOnce();
                backoff = Duration.ofSeconds(1);
            } catch (IOException | RuntimeException e) {
                if (closing) break;
                LOG.warn("intake round on {} failed, retrying in {} s: {}", settings.box(), backoff.toSeconds(), e.toString());
                pause = backoff;
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
                failed = true;
            }
            if (closing || !pause(pause, failed)) break;
        }
    }

    /** Waits for mail (or sleeps after a failure); false when woken by {@link #close()}. */
    private boolean pause(Duration max, boolean sleep) throws InterruptedException {
        synchronized (waitLock) {
            if (closing) return false;
            waiting = Thread.currentThread();
        }
        try {
            if (sleep) Thread.sleep(max.toMillis());
            else mailbox.awaitMail(max);
        } catch (InterruptedException e) {
            if (closing) return false;
            throw e;
        } catch (IOException e) {
            LOG.debug("waiting for mail on {} failed: {}", settings.box(), e.toString());
        } finally {
            synchronized (waitLock) {
                waiting = null;
                if (closing) Thread.interrupted(); // clear close()'s wake-up, so the caller's thread is left clean
            }
        }
        return !closing;
    }

    /**
     * Starts {@link #run()} on a new thread ({@code pec-mailroom-<box>}) and returns at once; {@link #close()}
     * stops it after the message in hand.
     *
     * @throws IllegalStateException when already started or closed
     */
    public synchronized void start() {
        if (started != null || closing) throw new IllegalStateException("already started or closed");
        started = new Thread(() -> {
            try {
                run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "pec-mailroom-" + settings.box());
        started.start();
    }

    /**
     * The entries waiting in a queue — {@link IntakeEntry.Outcome#ERROR errors}, {@link
     * IntakeEntry.Outcome#QUARANTINED quarantine}, {@link IntakeEntry.Outcome#RECEIPT_UNMATCHED unmatched receipts}
     * — oldest first, at most {@code limit}.
     *
     * @param outcome the queue to read
     * @param limit the most entries returned
     * @return the entries waiting in a queue — {@link IntakeEntry.Outcome#ERROR errors}, {@link
     *     IntakeEntry.Outcome#QUARANTINED quarantine}, {@link IntakeEntry.Outcome#RECEIPT_UNMATCHED unmatched
     *     receipts} — oldest first, at most {@code limit}
     * @throws IllegalArgumentException for an outcome that is not a queue
     * @throws IOException when the registry's storage fails
     */
    public List<IntakeEntry> queue(IntakeEntry.Outcome outcome, int limit) throws IOException {
        Objects.requireNonNull(outcome, "outcome");
        if (outcome != IntakeEntry.Outcome.ERROR && outcome != IntakeEntry.Outcome.QUARANTINED && outcome != IntakeEntry.Outcome.RECEIPT_UNMATCHED) {
            throw new IllegalArgumentException("not a queue: " + outcome + " (ERROR, QUARANTINED, RECEIPT_UNMATCHED)");
        }
        if (limit < 1) throw new IllegalArgumentException("limit must be positive");
        synchronized (lock) {
            return pipeline.queue(outcome, limit);
        }
    }

    /**
     * Judges a message again, from scratch (the journal does not short-circuit it): found by its key in the
     * folder its entry names (else in INBOX), re-decided with the current configuration, and moved to the
     * folder of its new outcome. For an operator after fixing the cause (a trust anchor added, a defect fixed,
     * a registration that appeared).
     *
     * @param key the message's idempotency key
     * @return the new entry; empty when the journal has no such key or the message is in neither folder
     * @throws IOException when the mailbox or the registry fails, or another node holds the box
     */
    public Optional<IntakeEntry> reprocess(IdempotencyKey key) throws IOException {
        Objects.requireNonNull(key, "key");
        synchronized (lock) {
            if (closed) throw new IllegalStateException("the mailroom is closed");
            return pipeline.reprocess(key);
        }
    }

    /**
     * Stops {@link #run()} or the started thread after the message in hand, gives the box's lease up, and closes
     * the mailbox and the SMTP connection. Idempotent.
     */
    @Override
    public void close() throws IOException {
        closing = true;
        synchronized (waitLock) {
            if (waiting != null) waiting.interrupt();
        }
        Thread t;
        synchronized (this) {
            t = started;
        }
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (lock) {
            if (closed) return;
            closed = true;
            pipeline.releaseLease();
            pipeline.stopFetching();
            try {
                mailbox.close();
            } finally {
                if (sender.isPresent()) sender.get().close();
            }
        }
    }

    /**
     * The settings of a {@link Mailroom}. Only the registry, the register, the AOO configuration and the mailbox
     * are required; {@link #build()} reports every problem at once.
     */
    public static final class Builder {
        private final ProtocolRegistry registry;
        private final RegisterId register;
        private AooConfig aoo;
        private Mailbox mailbox;
        private ImapSettings imap;
        private MailSender sender;
        private String address;
        private TrustStore trust = TrustStore.builder().build();
        private PecParser parser = PecParser.create().withSignedContentDigest();
        private FormatPolicy formatPolicy = FormatPolicy.caluso();
        private DomicileDirectory directory = AdmissionEngine.NO_DIRECTORY;
        private Clock clock = Clock.systemUTC();
        private Folders folders = Folders.defaults();
        private String replyText = MailroomConfig.DEFAULT_REPLY;
        private String replySubjectPrefix = "Re: ";
        private Routing routing = Routing.protocolOfficeOnly(MailroomConfig.DEFAULT_PROTOCOL_OFFICE);
        private final Map<String, Office> offices = new LinkedHashMap<>();
        private String notificationSender;
        private String consultHint = MailroomConfig.DEFAULT_CONSULT;
        private Classification classification = Classification.of(MailroomConfig.DEFAULT_CLASSIFICATION);
        private Actor operator = Actor.system("pec-mailroom");
        private MailroomListener listener = new MailroomListener() {};
        private Object meterRegistry;
        private String nodeId = ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
        private Duration leaseTtl = Duration.ofSeconds(20);
        private int batchSize = 100;
        private int fetchAhead = 2;
        private Duration pollInterval = Duration.ofMinutes(1);
        private int maxAttempts = 8;
        private Duration retryBase = Duration.ofMinutes(1);
        private Duration archiveReceiptsAfter;
        private int fetchAttempts = 3;
        private Duration overdueCheckEvery = MailroomConfig.DEFAULT_OVERDUE_CHECK;
        private boolean confermaRicezione = true;

        private Builder(ProtocolRegistry registry, RegisterId register, AooConfig aoo) {
            this.registry = Objects.requireNonNull(registry, "registry");
            this.register = Objects.requireNonNull(register, "register");
            this.aoo = Objects.requireNonNull(aoo, "aoo");
        }

        /**
         * Applies a configuration file's mailroom section (folders, reply, offices, routing, notification, archive).
         *
         * @param c the configuration
         * @return this builder
         */
        public Builder configure(MailroomConfig c) {
            c.box().ifPresent(this::address);
            folders(c.folders()).replyText(c.replyText()).replySubjectPrefix(c.replySubjectPrefix()).routing(c.routing()).offices(c.offices())
                    .consultHint(c.consultHint()).classification(c.classification());
            c.notificationSender().ifPresent(this::notificationSender);
            c.archiveReceiptsAfter().ifPresent(this::archiveReceiptsAfter);
            return overdueCheckEvery(c.overdueCheckEvery()).confermaRicezione(c.confermaRicezione());
        }

        /**
         * The institutional box over IMAP (IMAPS or STARTTLS as the settings say; IDLE where the server has it,
         * polling otherwise; reconnection with back-off). Nothing connects before the first round.
         *
         * @param value the institutional box over IMAP
         * @return the institutional box over IMAP (IMAPS or STARTTLS as the settings say; IDLE where the server has
         *     it, polling otherwise; reconnection with back-off)
         */
        public Builder imap(ImapSettings value) {
            imap = Objects.requireNonNull(value, "imap");
            mailbox = null;
            return this;
        }

        /**
         * The SMTP server notifications and replies go through (the institutional box's submission server, which
         * sends replies from the box). Without it they wait in the outbox.
         *
         * @param value the SMTP server notifications and replies go through
         * @return the SMTP server notifications and replies go through (the institutional box's submission server,
         *     which sends replies from the box)
         */
        public Builder smtp(SmtpSettings value) {
            sender = new SmtpMailSender(Objects.requireNonNull(value, "smtp"));
            return this;
        }

        /** The box as the pipeline sees it (tests use an in-memory one). */
        Builder mailbox(Mailbox value) {
            mailbox = Objects.requireNonNull(value, "mailbox");
            imap = null;
            return this;
        }

        /** The SMTP server as the pipeline sees it (tests use a recording one). */
        Builder mailSender(MailSender value) {
            sender = Objects.requireNonNull(value, "sender");
            return this;
        }

        /**
         * The institutional box's address (default: the mailbox's own).
         *
         * @param value the institutional box's address
         * @return the institutional box's address (default: the mailbox's own)
         */
        public Builder address(String value) {
            address = Objects.requireNonNull(value, "address").trim().toLowerCase(Locale.ROOT);
            return this;
        }

        /**
         * Trusted PEC providers, signers and seals (default: none, so no PEC is genuine and all go to quarantine).
         *
         * @param value the trusted PEC providers, signers and seals
         * @return this builder
         */
        public Builder trust(TrustStore value) {
            trust = Objects.requireNonNull(value, "trust");
            return this;
        }

        /**
         * The parser (default: {@link PecParser#create()} with the signed content digested in the same pass).
         *
         * @param value the parser
         * @return the parser (default: {@link PecParser#create()} with the signed content digested in the same pass)
         */
        public Builder parser(PecParser value) {
            parser = Objects.requireNonNull(value, "parser");
            return this;
        }

        /**
         * The AOO's attachment policy (default: {@link FormatPolicy#caluso()}).
         *
         * @param value the AOO's attachment policy
         * @return the AOO's attachment policy (default: {@link FormatPolicy#caluso()})
         */
        public Builder formatPolicy(FormatPolicy value) {
            formatPolicy = Objects.requireNonNull(value, "formatPolicy");
            return this;
        }

        /**
         * Who owns an address, which domiciles a codice fiscale has (default: none, every answer unknown).
         *
         * @param value the directories that tell who owns an address and which domiciles a codice fiscale has
         * @return who owns an address, which domiciles a codice fiscale has (default: none, every answer unknown)
         */
        public Builder directory(DomicileDirectory value) {
            directory = Objects.requireNonNull(value, "directory");
            return this;
        }

        /**
         * The clock for journal times, outbox retries and lease renewals (default: system UTC).
         *
         * @param value the clock for journal times, outbox retries and lease renewals
         * @return the clock for journal times, outbox retries and lease renewals (default: system UTC)
         */
        public Builder clock(Clock value) {
            clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * The outcome folders (default {@link Folders#defaults()}).
         *
         * @param value the outcome folders
         * @return the outcome folders (default {@link Folders#defaults()})
         */
        public Builder folders(Folders value) {
            folders = Objects.requireNonNull(value, "folders");
            return this;
        }

        /**
         * The text sent back to refused ordinary mail (default {@value MailroomConfig#DEFAULT_REPLY}).
         *
         * @param value the text sent back to refused ordinary mail
         * @return the text sent back to refused ordinary mail (default {@value MailroomConfig#DEFAULT_REPLY})
         */
        public Builder replyText(String value) {
            replyText = Objects.requireNonNull(value, "replyText");
            return this;
        }

        /**
         * What precedes the refused message's subject in the reply (default {@code "Re: "}).
         *
         * @param value the text put before the refused message's subject
         * @return what precedes the refused message's subject in the reply (default {@code "Re: "})
         */
        public Builder replySubjectPrefix(String value) {
            replySubjectPrefix = Objects.requireNonNull(value, "replySubjectPrefix");
            return this;
        }

        /**
         * How registrations are assigned (default: all to the protocol office {@value MailroomConfig#DEFAULT_PROTOCOL_OFFICE}).
         *
         * @param value how registrations are assigned to offices
         * @return how registrations are assigned (default: all to the protocol office {@value
         *     MailroomConfig#DEFAULT_PROTOCOL_OFFICE})
         */
        public Builder routing(Routing value) {
            routing = Objects.requireNonNull(value, "routing");
            return this;
        }

        /**
         * Adds an office (replacing one with the same code): who is notified of its assignments, and how.
         *
         * @param value the office to add
         * @return this builder
         */
        public Builder office(Office value) {
            offices.put(value.code(), value);
            return this;
        }

        /**
         * Adds offices.
         *
         * @param values the offices to add
         * @return this builder
         */
        public Builder offices(List<Office> values) {
            values.forEach(this::office);
            return this;
        }

        /**
         * The address notifications are sent from (default: the institutional box).
         *
         * @param value the address notifications are sent from
         * @return the address notifications are sent from (default: the institutional box)
         */
        public Builder notificationSender(String value) {
            notificationSender = Objects.requireNonNull(value, "notificationSender").trim().toLowerCase(Locale.ROOT);
            return this;
        }

        /**
         * How a notification tells the office to consult the documents: a command or a URL, with {@code {protocol}},
         * {@code {number}} and {@code {year}} replaced (default {@value MailroomConfig#DEFAULT_CONSULT}).
         *
         * @param value how a notification tells the office to consult the documents
         * @return how a notification tells the office to consult the documents: a command or a URL, with {@code
         *     {protocol}}, {@code {number}} and {@code {year}} replaced (default {@value
         *     MailroomConfig#DEFAULT_CONSULT})
         */
        public Builder consultHint(String value) {
            consultHint = Objects.requireNonNull(value, "consultHint");
            return this;
        }

        /**
         * The titolario class given at intake, until an office classifies the registration (default {@value MailroomConfig#DEFAULT_CLASSIFICATION}).
         *
         * @param value the titolario class given at intake, until an office classifies the registration
         * @return the titolario class given at intake, until an office classifies the registration (default {@value
         *     MailroomConfig#DEFAULT_CLASSIFICATION})
         */
        public Builder classification(Classification value) {
            classification = Objects.requireNonNull(value, "classification");
            return this;
        }

        /**
         * Who registers (default {@code Actor.system("pec-mailroom")}).
         *
         * @param value who registers
         * @return who registers (default {@code Actor.system("pec-mailroom")})
         */
        public Builder operator(Actor value) {
            operator = Objects.requireNonNull(value, "operator");
            return this;
        }

        /**
         * Hears every outcome, mail and quota reading (default: nobody).
         *
         * @param value who hears every outcome, mail and quota reading
         * @return this builder
         */
        public Builder listener(MailroomListener value) {
            listener = Objects.requireNonNull(value, "listener");
            return this;
        }

        /**
         * Micrometer meters: {@code pec4j.mailroom.messages{outcome}}, {@code pec4j.mailroom.intake} (timer), {@code
         * pec4j.mailroom.outbox{kind,state}}, {@code pec4j.mailroom.overdue{deadline}}, {@code pec4j.mailroom.queue{queue}}
         * and {@code pec4j.mailroom.quota} (gauges), all tagged {@code mailbox}. Micrometer is optional: without this call it need not be present.
         *
         * @param value the Micrometer registry the meters are added to
         * @return this builder
         */
        public Builder meterRegistry(MeterRegistry value) {
            meterRegistry = Objects.requireNonNull(value, "meterRegistry");
            return this;
        }

        /**
         * This node's name in the box's lease (default: process id and a random suffix).
         *
         * @param value this node's name in the box's lease
         * @return this node's name in the box's lease (default: process id and a random suffix)
         */
        public Builder nodeId(String value) {
            nodeId = Objects.requireNonNull(value, "nodeId");
            return this;
        }

        /**
         * How long the box's lease lasts unless renewed (default 20 s: another node takes over within that after a crash).
         *
         * @param value how long the box's lease lasts unless renewed
         * @return how long the box's lease lasts unless renewed (default 20 s: another node takes over within that
         *     after a crash)
         */
        public Builder leaseTtl(Duration value) {
            leaseTtl = Objects.requireNonNull(value, "leaseTtl");
            return this;
        }

        /**
         * How many INBOX messages are listed at a time (default 100).
         *
         * @param value how many INBOX messages are listed at a time
         * @return how many INBOX messages are listed at a time (default 100)
         */
        public Builder batchSize(int value) {
            batchSize = value;
            return this;
        }

        /**
         * How many INBOX messages are fetched ahead, on the box's own thread ({@code pec4j-fetch-<box>}), while the
         * message before them is judged and committed (default 2; 0: each is fetched when its turn comes). The
         * fetches share the box's connection with the intake, one command at a time, and only read: a message fetched
         * ahead and not taken in (the round stopped, the lease was lost) is as if never fetched, and its bytes are
         * dropped. Each message fetched ahead takes up to 4 MiB of heap, beyond that a temporary file (MRM-PREFETCH-01).
         * Messages of up to 256 KiB are read together, up to 16 and 2 MiB in one command: one round trip to the server
         * for them all (MRM-PREFETCH-02); a read of several that fails is done again message by message.
         *
         * @param value how many INBOX messages are fetched ahead (0 to 16)
         * @return how many INBOX messages are fetched ahead while the one before them is taken in (default 2)
         */
        public Builder fetchAhead(int value) {
            fetchAhead = value;
            return this;
        }

        /**
         * The longest wait for new mail between rounds (default 1 min; IDLE wakes earlier).
         *
         * @param value the longest wait for new mail between rounds
         * @return the longest wait for new mail between rounds (default 1 min; IDLE wakes earlier)
         */
        public Builder pollInterval(Duration value) {
            pollInterval = Objects.requireNonNull(value, "pollInterval");
            return this;
        }

        /**
         * Attempts before a notification or reply is given up (default 8); a permanent SMTP refusal gives up at once.
         *
         * @param value the attempts before a notification or reply is given up
         * @return this builder
         */
        public Builder maxAttempts(int value) {
            maxAttempts = value;
            return this;
        }

        /**
         * The first retry delay of a failed mail, doubling each time up to one hour (default 1 min).
         *
         * @param value the first retry delay of a failed mail, doubling each time up to one hour
         * @return the first retry delay of a failed mail, doubling each time up to one hour (default 1 min)
         */
        public Builder retryBase(Duration value) {
            retryBase = Objects.requireNonNull(value, "retryBase");
            return this;
        }

        /**
         * Moves filed receipts older than this to the archive folder, once a day (default: never).
         *
         * @param value the age after which filed receipts are moved to the archive folder
         * @return this builder
         */
        public Builder archiveReceiptsAfter(Duration value) {
            archiveReceiptsAfter = Objects.requireNonNull(value, "archiveReceiptsAfter");
            return this;
        }

        /**
         * Rounds a message that cannot be fetched is tried before it goes to the errors (default 3).
         *
         * @param value how many rounds a message that cannot be fetched is tried
         * @return this builder
         */
        public Builder fetchAttempts(int value) {
            fetchAttempts = value;
            return this;
        }

        /**
         * How often the rounds run the {@linkplain io.github.pec4j.receipts.OverdueWatch overdue watch} over the
         * outgoing registrations (default 5 min; {@link Duration#ZERO} turns it off). Only the node holding the box's
         * lease checks; each deadline passed is reported once to {@link MailroomListener#onOverdue}, counted in {@code
         * pec4j.mailroom.overdue{deadline}} and logged (OUT-TRACK-01).
         *
         * @param value how often the rounds run the overdue check
         * @return how often the rounds run the {@linkplain io.github.pec4j.receipts.OverdueWatch overdue watch} over
         *     the outgoing registrations (default 5 min; {@link Duration#ZERO} turns it off)
         */
        public Builder overdueCheckEvery(Duration value) {
            overdueCheckEvery = Objects.requireNonNull(value, "overdueCheckEvery");
            return this;
        }

        /**
         * Whether an incoming PEC whose segnatura asks for a conferma di ricezione gets one, once, after its
         * registration is committed: a PEC from the institutional box to the sender with {@code Conferma.xml}
         * naming both registrations (OUT-INTEROP-01; default on).
         *
         * @param value whether a conferma di ricezione is sent when a segnatura asks for one
         * @return whether an incoming PEC whose segnatura asks for a conferma di ricezione gets one, once, after its
         *     registration is committed: a PEC from the institutional box to the sender with {@code Conferma.xml}
         *     naming both registrations (OUT-INTEROP-01; default on)
         */
        public Builder confermaRicezione(boolean value) {
            confermaRicezione = value;
            return this;
        }

        /**
         * The mailroom.
         *
         * @return the mailroom
         * @throws IllegalArgumentException listing every missing or invalid setting
         */
        public Mailroom build() {
            List<String> problems = new ArrayList<>();
            if (mailbox == null && imap == null) problems.add("no mailbox (imap settings) given");
            String box = address != null ? address : mailbox != null ? mailbox.address().trim().toLowerCase(Locale.ROOT)
                    : imap != null ? imap.user().trim().toLowerCase(Locale.ROOT) : null;
            if (box == null || !box.contains("@")) problems.add("no institutional box address");
            if (batchSize < 1) problems.add("batchSize must be positive");
            if (fetchAhead < 0 || fetchAhead > 16) problems.add("fetchAhead must be 0 to 16");
            if (maxAttempts < 1) problems.add("maxAttempts must be positive");
            if (fetchAttempts < 1) problems.add("fetchAttempts must be positive");
            if (leaseTtl.toMillis() < 3) problems.add("leaseTtl is too short");
            if (pollInterval.isNegative() || pollInterval.isZero()) problems.add("pollInterval must be positive");
            if (retryBase.isNegative()) problems.add("retryBase must not be negative");
            if (nodeId.isBlank()) problems.add("nodeId is blank");
            if (archiveReceiptsAfter != null && archiveReceiptsAfter.isNegative()) problems.add("archiveReceiptsAfter must not be negative");
            if (replyText.isBlank()) problems.add("replyText is blank");
            if (overdueCheckEvery.isNegative()) problems.add("overdueCheckEvery must not be negative");
            if (!problems.isEmpty()) throw new IllegalArgumentException("mailroom settings refused: " + String.join("; ", problems));
            Mailbox box0 = mailbox != null ? mailbox : new ImapMailbox(imap, box, ImapMailbox.Options.defaults());
            return new Mailroom(settings(box), box0, Optional.ofNullable(sender));
        }

        private PipelineSettings settings(String box) {
            AooConfig config = aoo.mailboxes().isEmpty() ? aoo.withMailboxes(box) : aoo;
            Optional<MailroomState> shared = registry.capabilities().contains(Capability.MAILROOM) ? registry.mailroom() : Optional.empty();
            if (shared.isEmpty()) {
                LOG.warn("registry {} keeps no mailroom state (capability MAILROOM): the intake journal and the outbox of {} live in memory; "
                        + "run a single node, and a restart relies on the idempotency key alone", registry.providerId(), box);
            }
            PecAdmission admission = PecAdmission.builder(config).trust(trust).formatPolicy(formatPolicy).directory(directory).clock(clock).build();
            Metrics metrics = meterRegistry == null ? Metrics.NONE : Metrics.micrometer(meterRegistry, box);
            return new PipelineSettings(registry, shared.orElseGet(() -> new LocalMailroomState(clock)), shared.isPresent(), register, box, config, parser,
                    admission, AdmissionEngine.create(config, directory), ProviderSignatureVerifier.create(trust), clock, folders, replyText,
                    replySubjectPrefix, routing, offices, notificationSender != null ? notificationSender : box, consultHint, classification,
                    operator, listener, metrics, nodeId, leaseTtl, batchSize, fetchAhead, pollInterval, maxAttempts, retryBase,
                    Optional.ofNullable(archiveReceiptsAfter), fetchAttempts,
                    overdueCheckEvery.isZero() ? Optional.empty() : Optional.of(overdueCheckEvery), confermaRicezione);
        }
    }
}
