package io.github.pec4j.simulator;

import io.github.pec4j.simulator.internal.MailServers;
import io.github.pec4j.simulator.internal.Provider;
import io.github.pec4j.simulator.internal.SimulatorClock;
import io.github.pec4j.simulator.internal.TlsMaterial;
import io.github.pec4j.testkit.FixtureKind;
import io.github.pec4j.testkit.MessageBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLContext;

/**
 * An in-process PEC provider for tests: IMAP, IMAPS, SMTP and SMTPS servers on {@code 127.0.0.1}
 * (ephemeral ports, GreenMail underneath), PEC boxes and ordinary boxes, and the provider's rules.
 *
 * <p>A message submitted over SMTP by a PEC box gets, in the sender's INBOX, a signed ricevuta di
 * accettazione (or an avviso di non accettazione: too large, EICAR test virus, a recipient set to
 * {@link Behaviour#nonAccettazione(String)}); each PEC recipient then gets a signed envelope
 * ({@code daticert.xml}, {@code postacert.eml} holding the submitted bytes exactly) and the sender a
 * ricevuta di avvenuta consegna, unless the recipient's {@link Behaviour} says otherwise. Ordinary
 * boxes among the recipients get the envelope too, and no consegna. Mail submitted by anyone else
 * reaches ordinary boxes as it is and PEC boxes wrapped in an anomalia envelope.
 *
 * <p>Everything is deterministic: the time is the {@linkplain SimulatorOptions#clock() base clock}
 * plus what {@link #advance(Duration)} added, signatures come from the test PKI, identificativi from a
 * counter. Everything a submission causes is done before the SMTP server answers {@code 250}, so a
 * test can read the boxes as soon as its send returns.
 *
 * <pre>{@code
 * try (PecProviderSimulator pec = PecProviderSimulator.start(SimulatorOptions.defaults())) {
 *     pec.box("protocollo@pec.comune.esempio.it", "secret");
 *     pec.box("ufficio@pec.regione.esempio.it", "secret");
 *     pec.behaviour("assente@pec.esempio.it", Behaviour.preavviso());
 *     // ... the code under test sends over pec.smtp() and reads over pec.imap() ...
 *     pec.advance(Duration.ofHours(12));   // preavvisi fire now
 *     List<byte[]> inbox = pec.messages("protocollo@pec.comune.esempio.it");
 * }
 * }</pre>
 */
public final class PecProviderSimulator implements AutoCloseable {
    private static final ZoneId ROME = ZoneId.of("Europe/Rome");
    private static final String INBOX = "INBOX";

    private final SimulatorOptions options;
    private final TlsMaterial tls;
    private final MailServers servers;
    private final Provider provider;

    private PecProviderSimulator(SimulatorOptions options) {
        this.options = options;
        this.tls = new TlsMaterial(options.pki());
        this.servers = new MailServers(tls.serverContext());
        this.provider = new Provider(options, servers);
        servers.start(provider);
    }

    /**
     * Starts a simulator with these options; {@link #close()} stops it.
     *
     * @param options the clock, PKI, provider identity and limits to use
     * @return the running simulator
     */
    public static PecProviderSimulator start(SimulatorOptions options) {
        return new PecProviderSimulator(Objects.requireNonNull(options, "options"));
    }

    /**
     * Starts a simulator with {@link SimulatorOptions#defaults()}.
     *
     * @return the running simulator
     */
    public static PecProviderSimulator start() {
        return start(SimulatorOptions.defaults());
    }

    /**
     * The options it was started with.
     *
     * @return the options it was started with
     */
    public SimulatorOptions options() {
        return options;
    }

    // ------------------------------------------------------------------ boxes

    /**
     * Creates a PEC box: an IMAP account whose login is the address (or changes its password).
     *
     * @param address the PEC address, which is also the IMAP login
     * @param password the IMAP and SMTP password
     * @return this simulator, for chaining
     */
    public PecProviderSimulator box(String address, String password) {
        provider.addBox(checkedAddress(address), Objects.requireNonNull(password, "password"), true);
        return this;
    }

    /**
     * Creates an ordinary (non-PEC) mailbox: it receives plain mail and PEC envelopes, and never a receipt.
     *
     * @param address the ordinary address, which is also the IMAP login
     * @param password the IMAP and SMTP password
     * @return this simulator, for chaining
     */
    public PecProviderSimulator ordinaryBox(String address, String password) {
        provider.addBox(checkedAddress(address), Objects.requireNonNull(password, "password"), false);
        return this;
    }

    /**
     * Sets what happens to messages for {@code recipient} (a box of this simulator or not).
     *
     * @param recipient the recipient it is about
     * @param behaviour what delivery to {@code recipient} does
     * @return this simulator, for chaining
     */
    public PecProviderSimulator behaviour(String recipient, Behaviour behaviour) {
        provider.behaviour(checkedAddress(recipient), Objects.requireNonNull(behaviour, "behaviour"));
        return this;
    }

    /**
     * Sets an IMAP quota (STORAGE, KiB) on a box: {@code GETQUOTAROOT INBOX} reports it, and a delivery
     * that would exceed it (all folders counted) becomes an avviso di mancata consegna "casella piena".
     *
     * @param address the address of a box of this simulator
     * @param kib the quota in KiB
     * @return this simulator, for chaining
     */
    public PecProviderSimulator setQuota(String address, long kib) {
        if (kib < 0) {
            throw new IllegalArgumentException("quota must be >= 0: " + kib);
        }
        provider.setQuota(checkedAddress(address), kib);
        return this;
    }

    /**
     * The UIDVALIDITY of a folder of a box.
     *
     * @param address the address of a box of this simulator
     * @param folder the full IMAP name of the folder
     * @return the UIDVALIDITY of a folder of a box
     */
    public long uidValidity(String address, String folder) {
        return servers.uidValidity(address, folder);
    }

    /**
     * Re-creates a folder with the same messages and flags under a new UIDVALIDITY (new UIDs too), as
     * after a server-side rebuild; returns the new UIDVALIDITY. GreenMail derives UIDVALIDITY from the
     * wall clock in seconds, so this may wait up to one second. The folder must have no subfolders.
     *
     * @param address the address of a box of this simulator
     * @param folder the full IMAP name of the folder
     * @return the new UIDVALIDITY
     */
    public long resetUidValidity(String address, String folder) {
        return servers.resetUidValidity(address, folder);
    }

    // ------------------------------------------------------------------ endpoints and trust

    /**
     * The plain IMAP server.
     *
     * @return the plain IMAP server
     */
    public Endpoint imap() {
        return servers.endpoint("imap");
    }

    /**
     * The IMAP server over TLS; trust {@link #trustAnchor()}.
     *
     * @return the IMAP server over TLS; trust {@link #trustAnchor()}
     */
    public Endpoint imaps() {
        return servers.endpoint("imaps");
    }

    /**
     * The plain SMTP server.
     *
     * @return the plain SMTP server
     */
    public Endpoint smtp() {
        return servers.endpoint("smtp");
    }

    /**
     * The SMTP server over TLS; trust {@link #trustAnchor()}.
     *
     * @return the SMTP server over TLS; trust {@link #trustAnchor()}
     */
    public Endpoint smtps() {
        return servers.endpoint("smtps");
    }

    /**
     * The test CA: it issued the TLS server certificate (for {@code localhost} and {@code 127.0.0.1}) and the provider's signing certificate.
     *
     * @return the test CA: it issued the TLS server certificate (for {@code localhost} and {@code 127.0.0.1}) and the
     *     provider's signing certificate
     */
    public X509Certificate trustAnchor() {
        return tls.caCertificate();
    }

    /**
     * The test CA as PEM text.
     *
     * @return the test CA as PEM text
     */
    public String trustAnchorPem() {
        return tls.caPem();
    }

    /**
     * Writes {@link #trustAnchorPem()} to a file.
     *
     * @param file where to write the PEM file, replaced if present
     * @throws IOException when the file cannot be written
     */
    public void writeTrustAnchorPem(Path file) throws IOException {
        Files.writeString(file, tls.caPem(), StandardCharsets.US_ASCII);
    }

    /**
     * A fresh PKCS#12 key store, without password, holding the test CA as its only trusted certificate.
     *
     * @return a fresh PKCS#12 key store, without password, holding the test CA as its only trusted certificate
     */
    public KeyStore trustStore() {
        return tls.trustStore();
    }

    /**
     * A client TLS context that trusts the test CA only, e.g. for {@code mail.imaps.ssl.socketFactory}.
     *
     * @return a TLS context for IMAPS and SMTPS clients of this simulator
     */
    public SSLContext clientSslContext() {
        return tls.clientContext();
    }

    // ------------------------------------------------------------------ time

    /**
     * The simulator's clock, live: the base clock plus everything {@link #advance(Duration)} added,
     * zone Europe/Rome. Give it to the code under test so that both see the same time.
     *
     * @return the simulator's clock, live: the base clock plus everything {@link #advance(Duration)} added, zone
     *     Europe/Rome
     */
    public Clock clock() {
        return new SimulatorClock(provider::now, ROME);
    }

    /**
     * Moves the simulator's time forward and does everything that became due (deliveries, preavvisi, time-outs).
     *
     * @param by how far to move the simulator's clock
     */
    public void advance(Duration by) {
        provider.advance(Objects.requireNonNull(by, "by"));
    }

    /** Does everything due by now: for a base clock that the test moves itself. */
    public void tick() {
        provider.tick();
    }

    /**
     * What is planned and not yet done, earliest first.
     *
     * @return what is planned and not yet done, earliest first
     */
    public List<Scheduled> scheduled() {
        return provider.scheduled();
    }

    // ------------------------------------------------------------------ direct injection

    /**
     * Delivers into {@code to}'s INBOX a genuine signed PEC envelope, as if a user of another provider
     * had sent it: daticert, and a {@code postacert.eml} from {@code from} with these attachments.
     *
     * @param to addresses of To
     * @param subject the decoded Subject
     * @param from the ordinary sender of the original message
     * @param attachments the files attached to the original message
     * @return the delivered envelope with its Message-ID and bytes
     */
    public DeliveredMessage deliverPec(String from, String to, String subject, FileAttachment... attachments) {
        return provider.deliverPec(checkedAddress(from), checkedBox(to), Objects.requireNonNull(subject, "subject"), List.of(attachments));
    }

    /**
     * Delivers into {@code box}'s INBOX a message of any kind built by the testkit: the builder comes
     * with this simulator's provider, time and a fresh identificativo; {@code settings} sets the rest
     * (sender, recipients, quirks, a forged signer...). For a receipt, {@code from} is the box it goes to.
     *
     * @param box the recipient box
     * @param kind the kind of message to build
     * @param settings a function that completes the testkit's builder
     * @return the delivered message with its Message-ID and bytes
     */
    public DeliveredMessage deliver(String box, FixtureKind kind, UnaryOperator<MessageBuilder> settings) {
        return provider.deliver(checkedBox(box), Objects.requireNonNull(kind, "kind"), Objects.requireNonNull(settings, "settings"));
    }

    /**
     * Delivers a receipt about a message submitted earlier through this simulator (e.g. a late
     * consegna, a second one, an errore-consegna after a consegna), to its sender.
     *
     * @param kind the kind of receipt
     * @param recipient the recipient it is about
     * @param submission a message submitted through this simulator's SMTP
     * @return the delivered receipt with its Message-ID and bytes
     */
    public DeliveredMessage deliverReceipt(Submission submission, FixtureKind kind, String recipient) {
        Objects.requireNonNull(kind, "kind");
        if (!kind.isReceipt()) {
            throw new IllegalArgumentException("not a receipt: " + kind);
        }
        return provider.deliverReceipt(Objects.requireNonNull(submission, "submission"), kind, checkedAddress(recipient));
    }

    /**
     * Delivers to {@code sender} a receipt about a message it sent outside this simulator (e.g.
     * yesterday's letter, known by its client Message-ID).
     *
     * @param sender the SMTP envelope sender ({@code MAIL FROM}); empty string for the null sender
     * @param kind the kind of receipt
     * @param recipient the recipient it is about
     * @param clientMessageId its Message-ID, without angle brackets
     * @param subject the decoded Subject
     * @return the delivered receipt with its Message-ID and bytes
     */
    public DeliveredMessage deliverReceipt(String sender, FixtureKind kind, String recipient, String clientMessageId, String subject) {
        Objects.requireNonNull(kind, "kind");
        if (!kind.isReceipt()) {
            throw new IllegalArgumentException("not a receipt: " + kind);
        }
        String rcpt = checkedAddress(recipient);
        String mid = Objects.requireNonNull(clientMessageId, "clientMessageId");
        String subj = Objects.requireNonNull(subject, "subject");
        return deliver(sender, kind, b -> b.from(sender).to(rcpt).deliveredTo(rcpt).clientMessageId(mid).subject(subj));
    }

    /**
     * Delivers ordinary plain-text mail as it is (no PEC envelope), with extra header fields such as {@code Auto-Submitted}.
     *
     * @param to addresses of To
     * @param subject the decoded Subject
     * @param from the sender's address
     * @param body the plain-text body
     * @param headers extra header fields, by name
     * @return the delivered message with its Message-ID and bytes
     */
    public DeliveredMessage deliverOrdinary(String from, String to, String subject, String body, Map<String, String> headers) {
        return provider.deliverOrdinary(checkedAddress(from), checkedBox(to), Objects.requireNonNull(subject, "subject"),
                Objects.requireNonNull(body, "body"), Map.copyOf(headers));
    }

    /**
     * Delivers these bytes wrapped in a signed anomalia envelope, as the provider does with mail that failed PEC checks.
     *
     * @param to addresses of To
     * @param raw the bytes stored
     * @param from the sender the provider names in the anomalia
     * @return the delivered anomalia envelope with its Message-ID and bytes
     */
    public DeliveredMessage deliverAnomalia(String from, String to, byte[] raw) {
        return provider.deliverAnomalia(checkedAddress(from), checkedBox(to), raw.clone());
    }

    /**
     * Stores these bytes in the box's INBOX: forged receipts, hostile messages, anything. GreenMail
     * keeps a message as a parsed Jakarta Mail message, so the header section comes back (over IMAP
     * and from {@link #messages(String)}) with CRLF line ends and ended by an empty line, added if
     * missing; the body is kept byte for byte.
     *
     * @param to addresses of To
     * @param raw the bytes stored
     */
    public void deliverRaw(String to, byte[] raw) {
        deliverRaw(to, INBOX, raw);
    }

    /**
     * Stores these bytes in a folder of the box (created if missing), as {@link #deliverRaw(String, byte[])} does.
     *
     * @param to addresses of To
     * @param raw the bytes stored
     * @param folder the full IMAP name of the folder
     */
    public void deliverRaw(String to, String folder, byte[] raw) {
        provider.deliverRaw(checkedBox(to), Objects.requireNonNull(folder, "folder"), raw.clone());
    }

    // ------------------------------------------------------------------ reading

    /**
     * The messages in the box's INBOX, in UID order, byte for byte.
     *
     * @param address the address of a box of this simulator
     * @return the messages in the box's INBOX, in UID order, byte for byte
     */
    public List<byte[]> messages(String address) {
        return messages(address, INBOX);
    }

    /**
     * The messages in a folder of the box, in UID order; empty if the folder does not exist.
     *
     * @param address the address of a box of this simulator
     * @param folder the full IMAP name of the folder
     * @return the messages in a folder of the box, in UID order; empty if the folder does not exist
     */
    public List<byte[]> messages(String address, String folder) {
        return servers.messages(checkedBox(address), Objects.requireNonNull(folder, "folder"));
    }

    /**
     * The box's folders by full IMAP name, sorted.
     *
     * @param address the address of a box of this simulator
     * @return the box's folders by full IMAP name, sorted
     */
    public List<String> folders(String address) {
        return servers.folders(checkedBox(address));
    }

    /**
     * Every message submitted over SMTP, in order, PEC or not.
     *
     * @return every message submitted over SMTP, in order, PEC or not
     */
    public List<Submission> submissions() {
        return provider.submissions();
    }

    /**
     * The simulator's time now.
     *
     * @return the simulator's time now
     */
    public Instant now() {
        return provider.now();
    }

    /** Stops the servers. */
    @Override
    public void close() {
        servers.close();
    }

    private static String checkedAddress(String address) {
        Objects.requireNonNull(address, "address");
        if (address.indexOf('@') <= 0 || address.chars().anyMatch(c -> c <= ' ' || c == '<' || c == '>')) {
            throw new IllegalArgumentException("not a mail address: " + address);
        }
        return address;
    }

    private String checkedBox(String address) {
        if (!servers.exists(checkedAddress(address))) {
            throw new IllegalArgumentException("no box " + address + " in this simulator");
        }
        return address;
    }
}
