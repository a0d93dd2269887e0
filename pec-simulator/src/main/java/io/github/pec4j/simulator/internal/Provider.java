package io.github.pec4j.simulator.internal;

import io.github.pec4j.simulator.Behaviour;
import io.github.pec4j.simulator.DeliveredMessage;
import io.github.pec4j.simulator.FileAttachment;
import io.github.pec4j.simulator.Scheduled;
import io.github.pec4j.simulator.SimulatorOptions;
import io.github.pec4j.simulator.Submission;
import io.github.pec4j.testkit.FixtureKind;
import io.github.pec4j.testkit.MessageBuilder;
import io.github.pec4j.testkit.PecFixtures;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The simulated PEC provider: its boxes, what it does with each submission, and what it will do
 * when its clock moves. Every method is synchronized: SMTP sessions and the test thread take turns,
 * and a submission is fully processed before the SMTP server answers.
 */
public final class Provider implements SubmissionHandler {
    private static final ZoneId ROME = ZoneId.of("Europe/Rome");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private static final Duration PREAVVISO_AFTER = Duration.ofHours(12);
    private static final Duration GIVE_UP_AFTER = Duration.ofHours(24);
    static final String INBOX = "INBOX";

    private enum BoxKind { PEC, ORDINARY }

    /** An action the clock will trigger; {@code order} keeps equal instants in the order they were planned. */
    private record Pending(Instant due, long order, String recipient, String what, Consumer<Instant> action) {}

    private final SimulatorOptions options;
    private final MailServers servers;
    private final PecFixtures baseFixtures;
    private final Map<String, BoxKind> boxes = new HashMap<>();
    private final Map<String, Behaviour> behaviours = new HashMap<>();
    private final Map<String, Long> quotaBytes = new HashMap<>();
    private final Map<String, Letter> letters = new HashMap<>();
    private final List<Submission> submissions = new ArrayList<>();
    private final PriorityQueue<Pending> pending =
            new PriorityQueue<>(Comparator.comparing(Pending::due).thenComparingLong(Pending::order));
    private Duration offset = Duration.ZERO;
    private long sequence;
    private long planned;

    /** A provider storing into {@code servers}, signing and dating as {@code options} say. */
    public Provider(SimulatorOptions options, MailServers servers) {
        this.options = options;
        this.servers = servers;
        this.baseFixtures = PecFixtures.create().withPki(options.pki()).withProvider(options.gestore(), options.domain());
    }

    // ------------------------------------------------------------------ boxes and settings

    /** Creates a box; {@code pec} false for an ordinary mailbox. */
    public synchronized void addBox(String address, String password, boolean pec) {
        servers.createUser(address, password);
        boxes.put(key(address), pec ? BoxKind.PEC : BoxKind.ORDINARY);
    }

    /** Sets what happens to messages for {@code recipient}. */
    public synchronized void behaviour(String recipient, Behaviour behaviour) {
        behaviours.put(key(recipient), behaviour);
    }

    /** An IMAP quota that deliveries respect. */
    public synchronized void setQuota(String address, long kib) {
        servers.setQuota(address, kib);
        quotaBytes.put(key(address), kib * 1024);
    }

    // ------------------------------------------------------------------ time

    /** The base clock plus the time advanced. */
    public synchronized Instant now() {
        return options.clock().instant().plus(offset);
    }

    /** Moves time forward and does what became due. */
    public synchronized void advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("time only moves forward: " + by);
        }
        offset = offset.plus(by);
        runDue();
    }

    /** Does what is due by now. */
    public synchronized void tick() {
        runDue();
    }

    /** What is planned, earliest first. */
    public synchronized List<Scheduled> scheduled() {
        return pending.stream().sorted(pending.comparator())
                .map(p -> new Scheduled(p.due(), p.recipient(), p.what())).toList();
    }

    private void runDue() {
        Instant now = now();
        while (!pending.isEmpty() && !pending.peek().due().isAfter(now)) {
            Pending p = pending.poll();
            p.action().accept(p.due());
        }
    }

    private void plan(Instant due, String recipient, String what, Consumer<Instant> action) {
        pending.add(new Pending(due, planned++, recipient, what, action));
    }

    // ------------------------------------------------------------------ SMTP

    @Override
    public synchronized @Nullable String checkSender(@Nullable String login, String sender) {
        if (!options.strictSenders()) {
            return null;
        }
        if (login == null) {
            return "530 5.7.0 Authentication required";
        }
        return login.equalsIgnoreCase(sender) ? null : "553 5.7.1 <" + sender + ">: Sender address rejected: not owned by user";
    }

    @Override
    public synchronized @Nullable String checkRecipient(String sender, String recipient) {
        if (behaviourOf(recipient).kind() == Behaviour.Kind.REFUSE_SENDER) {
            return "553 5.7.1 <" + sender + ">: Sender address rejected: not owned by user";
        }
        return null;
    }

    @Override
    public synchronized void submit(String sender, List<String> recipients, byte[] raw) {
        Instant at = now();
        SubmittedHeaders h = SubmittedHeaders.parse(raw);
        boolean certified = isPec(sender);
        Optional<String> id = certified ? Optional.of(nextIdentificativo(at)) : Optional.empty();
        submissions.add(new Submission(at, sender, recipients, certified, id, h.messageId(), h.subject(), raw));
        if (id.isPresent()) {
            Letter letter = letter(id.get(), sender, recipients, h, raw);
            letters.put(letter.identificativo(), letter);
            certify(letter, at);
        } else {
            forwardOrdinary(sender, recipients, h, raw, at);
        }
        runDue();
    }

    /** Every SMTP submission so far. */
    public synchronized List<Submission> submissions() {
        return List.copyOf(submissions);
    }

    private Letter letter(String identificativo, String sender, List<String> recipients, SubmittedHeaders h, byte[] raw) {
        List<String> to = new ArrayList<>();
        List<String> cc = new ArrayList<>();
        List<String> esterno = new ArrayList<>();
        for (String r : recipients) {
            if (!isCertified(r)) {
                esterno.add(r);
            } else if (h.cc().stream().anyMatch(r::equalsIgnoreCase)) {
                cc.add(r);
            } else {
                to.add(r);
            }
        }
        String clientMessageId = h.messageId().orElse(identificativo);
        return new Letter(identificativo, sender, clientMessageId, h.subject().orElse(""), to, cc, esterno, h.receiptType(), raw);
    }

    // ------------------------------------------------------------------ certified mail

    private void certify(Letter letter, Instant at) {
        Optional<MessageBuilder> refusal = refusal(letter, at);
        if (refusal.isPresent()) {
            toSender(letter, refusal.get(), at);
            return;
        }
        toSender(letter, letter.builder(fixtures(at), FixtureKind.ACCETTAZIONE), at);
        for (String r : letter.certified()) {
            route(letter, r, at);
        }
        for (String r : letter.esterno()) {
            if (servers.exists(r)) {
                servers.store(r, INBOX, letter.builder(fixtures(at), FixtureKind.POSTA_CERTIFICATA).build(), at);
            }
        }
    }

    /** An avviso di non accettazione when the message is too large, carries a virus or a recipient refuses all mail. */
    private Optional<MessageBuilder> refusal(Letter letter, Instant at) {
        MessageBuilder b = letter.builder(fixtures(at), FixtureKind.NON_ACCETTAZIONE);
        if (letter.raw().length > options.maxMessageBytes()) {
            return Optional.of(b.erroreEsteso("5.3.4 - " + options.gestore() + " - messaggio troppo grande"));
        }
        if (VirusScanner.infected(letter.raw())) {
            return Optional.of(b.virus());
        }
        for (String r : letter.certified()) {
            Behaviour beh = behaviourOf(r);
            if (beh.kind() == Behaviour.Kind.NON_ACCETTAZIONE) {
                return Optional.of(b.erroreEsteso(beh.erroreEsteso().orElseThrow()));
            }
        }
        return Optional.empty();
    }

    private void route(Letter letter, String recipient, Instant at) {
        Behaviour b = behaviourOf(recipient);
        switch (b.kind()) {
            case DELAY -> delay(letter, recipient, at, b.delay());
            case ERRORE_CONSEGNA -> notDelivered(letter, recipient, at, b.erroreEsteso().orElseThrow());
            case PREAVVISO -> {
                plan(at.plus(PREAVVISO_AFTER), recipient, "preavviso", t -> preavviso(letter, recipient, t));
                plan(at.plus(GIVE_UP_AFTER), recipient, "mancata consegna", t -> timedOut(letter, recipient, t));
            }
            case VIRUS -> toSender(letter, letter.builder(fixtures(at), FixtureKind.ERRORE_CONSEGNA).deliveredTo(recipient).virus(), at);
            case BOX_FULL -> boxFull(letter, recipient, at);
            default -> deliver(letter, recipient, at);
        }
    }

    private void delay(Letter letter, String recipient, Instant at, Duration delay) {
        if (delay.compareTo(PREAVVISO_AFTER) > 0) {
            plan(at.plus(PREAVVISO_AFTER), recipient, "preavviso", t -> preavviso(letter, recipient, t));
        }
        if (delay.compareTo(GIVE_UP_AFTER) >= 0) {
            plan(at.plus(GIVE_UP_AFTER), recipient, "mancata consegna", t -> timedOut(letter, recipient, t));
        } else {
            plan(at.plus(delay), recipient, "consegna", t -> deliver(letter, recipient, t));
        }
    }

    /** The envelope into the recipient's INBOX and the avvenuta consegna to the sender. */
    private void deliver(Letter letter, String recipient, Instant at) {
        if (!servers.exists(recipient)) {
            notDelivered(letter, recipient, at, "5.1.1 - " + options.gestore() + " - indirizzo non valido");
            return;
        }
        byte[] envelope = letter.builder(fixtures(at), FixtureKind.POSTA_CERTIFICATA).build();
        Long quota = quotaBytes.get(key(recipient));
        if (quota != null && servers.usage(recipient) + envelope.length > quota) {
            boxFull(letter, recipient, at);
            return;
        }
        servers.store(recipient, INBOX, envelope, at);
        toSender(letter, letter.builder(fixtures(at), FixtureKind.AVVENUTA_CONSEGNA).deliveredTo(recipient), at);
    }

    private void notDelivered(Letter letter, String recipient, Instant at, String erroreEsteso) {
        toSender(letter, letter.builder(fixtures(at), FixtureKind.ERRORE_CONSEGNA).deliveredTo(recipient)
                .errore(errore(erroreEsteso)).erroreEsteso(erroreEsteso), at);
    }

    private void boxFull(Letter letter, String recipient, Instant at) {
        toSender(letter, letter.builder(fixtures(at), FixtureKind.ERRORE_CONSEGNA).deliveredTo(recipient)
                .errore("altro").erroreEsteso("5.2.2 - " + options.gestore() + " - casella piena"), at);
    }

    private void preavviso(Letter letter, String recipient, Instant at) {
        toSender(letter, letter.builder(fixtures(at), FixtureKind.PREAVVISO_ERRORE_CONSEGNA).deliveredTo(recipient), at);
    }

    private void timedOut(Letter letter, String recipient, Instant at) {
        toSender(letter, letter.builder(fixtures(at), FixtureKind.ERRORE_CONSEGNA).deliveredTo(recipient).errore("altro")
                .erroreEsteso("4.4.7 - " + options.gestore() + " - tempo massimo di consegna superato"), at);
    }

    /** daticert {@code errore} from the enhanced status code that opens {@code errore-esteso}. */
    private static String errore(String erroreEsteso) {
        if (erroreEsteso.startsWith("5.1.1")) {
            return "no-dest";
        }
        return erroreEsteso.startsWith("5.1.2") ? "no-dominio" : "altro";
    }

    private void toSender(Letter letter, MessageBuilder receipt, Instant at) {
        if (servers.exists(letter.sender())) {
            servers.store(letter.sender(), INBOX, receipt.build(), at);
        }
    }

    // ------------------------------------------------------------------ ordinary mail

    /** Mail from outside PEC: an anomalia envelope for PEC boxes, as it is for ordinary boxes. */
    private void forwardOrdinary(String sender, List<String> recipients, SubmittedHeaders h, byte[] raw, Instant at) {
        for (String r : recipients) {
            if (isPec(r)) {
                servers.store(r, INBOX, anomalia(sender, r, h, raw, at).build(), at);
            } else if (servers.exists(r)) {
                servers.store(r, INBOX, raw, at);
            }
        }
    }

    private MessageBuilder anomalia(String sender, String recipient, SubmittedHeaders h, byte[] raw, Instant at) {
        List<String> to = h.to().isEmpty() ? List.of(recipient) : h.to();
        String id = nextIdentificativo(at);
        return fixtures(at).message(FixtureKind.ANOMALIA).from(sender).to(to.toArray(String[]::new))
                .subject(h.subject().orElse("")).clientMessageId(h.messageId().orElse(id)).identificativo(id).original(raw);
    }

    // ------------------------------------------------------------------ injection

    /** A genuine envelope from another provider's user into {@code to}'s INBOX. */
    public synchronized DeliveredMessage deliverPec(String from, String to, String subject, List<FileAttachment> attachments) {
        Instant at = now();
        MessageBuilder b = preset(FixtureKind.POSTA_CERTIFICATA, at).from(from).to(to).subject(subject)
                .clientMessageId(clientMessageId(from, at)).noAttachments();
        for (FileAttachment a : attachments) {
            b.attachment(a.name(), a.contentType(), a.content());
        }
        return store(to, b, at);
    }

    /** A testkit message of {@code kind}, preset with time and identificativo, into {@code box}'s INBOX. */
    public synchronized DeliveredMessage deliver(String box, FixtureKind kind, UnaryOperator<MessageBuilder> settings) {
        Instant at = now();
        return store(box, settings.apply(preset(kind, at)), at);
    }

    /** These bytes in an anomalia envelope. */
    public synchronized DeliveredMessage deliverAnomalia(String from, String to, byte[] raw) {
        Instant at = now();
        SubmittedHeaders h = SubmittedHeaders.parse(raw);
        MessageBuilder b = anomalia(from, to, h, raw, at);
        return store(to, b, at);
    }

    /** A receipt about an earlier certified submission, to its sender. */
    public synchronized DeliveredMessage deliverReceipt(Submission submission, FixtureKind kind, String recipient) {
        Letter letter = submission.identificativo().map(letters::get).orElse(null);
        if (letter == null) {
            throw new IllegalArgumentException("not a certified submission of this simulator: " + submission.messageId());
        }
        Instant at = now();
        MessageBuilder b = letter.builder(fixtures(at), kind).deliveredTo(recipient);
        return store(letter.sender(), b, at);
    }

    /** Plain ordinary mail, as it is. */
    public synchronized DeliveredMessage deliverOrdinary(String from, String to, String subject, String body, Map<String, String> headers) {
        Instant at = now();
        String messageId = clientMessageId(from, at);
        byte[] raw = OrdinaryMail.build(from, to, subject, body, headers, messageId, at.atZone(ROME));
        servers.store(to, INBOX, raw, at);
        return new DeliveredMessage(to, Optional.empty(), Optional.of(messageId), raw);
    }

    /** Any bytes into a folder. */
    public synchronized void deliverRaw(String box, String folder, byte[] raw) {
        servers.store(box, folder, raw, now());
    }

    private MessageBuilder preset(FixtureKind kind, Instant at) {
        return fixtures(at).message(kind).identificativo(nextIdentificativo(at));
    }

    private DeliveredMessage store(String box, MessageBuilder b, Instant at) {
        byte[] raw = b.build();
        servers.store(box, INBOX, raw, at);
        return new DeliveredMessage(box, Optional.of(b.identificativo()), Optional.of(b.clientMessageId()), raw);
    }

    // ------------------------------------------------------------------ helpers

    private PecFixtures fixtures(Instant at) {
        return baseFixtures.withClock(Clock.fixed(at, ROME));
    }

    /** A stable identificativo: the provider's time stamp and a counter, like real providers' ids. */
    private String nextIdentificativo(Instant at) {
        return "opec-sim." + STAMP.format(at.atZone(ROME)) + "." + (++sequence) + "@" + options.domain();
    }

    private String clientMessageId(String from, Instant at) {
        int atSign = from.indexOf('@');
        String domain = atSign >= 0 ? from.substring(atSign + 1) : "example.it";
        return "sim." + STAMP.format(at.atZone(ROME)) + "." + (++sequence) + "@client." + domain;
    }

    private boolean isPec(String address) {
        return boxes.get(key(address)) == BoxKind.PEC;
    }

    /** A recipient is certified when it is a PEC box or the test gave it a behaviour. */
    private boolean isCertified(String address) {
        return isPec(address) || behaviours.containsKey(key(address));
    }

    private Behaviour behaviourOf(String recipient) {
        return behaviours.getOrDefault(key(recipient), Behaviour.deliver());
    }

    private static String key(String address) {
        return address.trim().toLowerCase(Locale.ROOT);
    }
}
