package io.github.pec4j.mailroom.internal;

import io.github.pec4j.mailroom.ImapSettings;
import io.github.pec4j.mailroom.TransportSecurity;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.FolderClosedException;
import jakarta.mail.FolderNotFoundException;
import jakarta.mail.Message;
import jakarta.mail.MessageRemovedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.StoreClosedException;
import jakarta.mail.UIDFolder;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.eclipse.angus.mail.iap.ConnectionException;
import org.eclipse.angus.mail.iap.ProtocolException;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPMessage;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.IMAPProtocol;
import org.eclipse.angus.mail.imap.protocol.UID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The institutional box over IMAP (Angus Mail). One connection for the selected folder, one for the
 * store's own commands; both are re-made on the next call after a connection drops, after a back-off
 * ({@link Backoff#standard()}: 1 s doubling to 60 s, with jitter, while attempts keep failing).
 *
 * <p>Bytes are read with {@code BODY.PEEK[]} ({@code mail.imap.peek}), in chunks of
 * {@link Options#fetchSize()} bytes, so reading a message neither sets {@code \Seen} nor holds it in
 * memory: nothing about a message changes before {@link #move} (MRM-EXACT-01).
 *
 * <p>{@link #list} selects the folder afresh each time and puts the folder's UIDVALIDITY in every
 * {@link Ref}; {@link #open(Ref)} and {@link #move} refuse a Ref of another UIDVALIDITY with
 * {@link UidValidityChanged} (MRM-EXACT-03). Within one selection the server keeps UIDVALIDITY (RFC 3501
 * §2.3.1.1: a server that re-creates a selected mailbox ends the selection); a change between
 * selections is seen at the next select: every {@code list}, every reconnection.
 *
 * <p>{@link #move} uses MOVE (RFC 6851) where the server has it. Otherwise it copies, flags the message
 * {@code \Deleted} and expunges: with UIDPLUS (RFC 4315) by {@code UID EXPUNGE} of that UID only, so
 * messages another client flagged {@code \Deleted} stay; without UIDPLUS by a plain EXPUNGE, which also
 * removes every other message flagged {@code \Deleted} in that folder. That is safe enough for an
 * intake INBOX that only the mailroom works on (what someone flagged {@code \Deleted} there was meant to
 * go), but it is a risk where people also work in the box: a message they flagged and the mailroom has
 * not registered yet is lost. Servers without UIDPLUS are rare (Dovecot, Cyrus, Exchange and the PEC
 * providers' servers have it). On every path a crash between the copy and the expunge leaves the
 * message in both folders; listed again, it is recognised by its idempotency key and moved again (a
 * second copy may then stay in the target folder).
 *
 * <p>{@link #awaitMail} uses IDLE (RFC 2177) where the server has it, cut after {@code max} (and at most
 * every 29 minutes) by a watchdog thread; otherwise it polls every {@link Options#pollInterval()}.
 * Passwords are never logged. Not thread-safe: calls must not run at once (the pipeline serialises them: {@link LockedMailbox}).
 */
public final class ImapMailbox implements Mailbox {

    private static final Logger LOG = LoggerFactory.getLogger(ImapMailbox.class);
    private static final String INBOX = "INBOX";
    /** RFC 2177: a client re-issues IDLE at least every 29 minutes. */
    private static final Duration MAX_IDLE = Duration.ofMinutes(29);

    /**
     * Tuning.
     *
     * @param fetchSize bytes asked for by each partial FETCH while a message is streamed
     * @param pollInterval how often INBOX is checked when the server has no IDLE
     * @param watchdogTick how often the IDLE watchdog checks its deadline and the waiting thread's interrupt
     * @param backoff the reconnection back-off (it is mutable: one per mailbox)
     */
    public record Options(int fetchSize, Duration pollInterval, Duration watchdogTick, Backoff backoff) {
        public Options {
            if (fetchSize < 1024) {
                throw new IllegalArgumentException("fetchSize below 1 KiB: " + fetchSize);
            }
            Objects.requireNonNull(pollInterval);
            Objects.requireNonNull(watchdogTick);
            Objects.requireNonNull(backoff);
        }

        /** 1 MiB chunks, a poll every 30 s, a watchdog tick of 0.5 s, the standard back-off. */
        public static Options defaults() {
            return new Options(1 << 20, Duration.ofSeconds(30), Duration.ofMillis(500), Backoff.standard());
        }
    }

    private final ImapSettings settings;
    private final String address;
    private final Options options;
    private final String protocol;
    private @Nullable Session session;
    private @Nullable IMAPStore store;
    private @Nullable IMAPFolder selected;
    private volatile boolean broken;
    private long inboxUidNext = -1;
    private @Nullable ScheduledExecutorService watchdog;

    /** A mailbox whose address is the login (lower case). */
    public ImapMailbox(ImapSettings settings) {
        this(settings, settings.user(), Options.defaults());
    }

    /** A mailbox with its PEC address and tuning. Nothing connects before the first call. */
    public ImapMailbox(ImapSettings settings, String address, Options options) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.address = Objects.requireNonNull(address, "address").strip().toLowerCase(Locale.ROOT);
        this.options = Objects.requireNonNull(options, "options");
        this.protocol = settings.security() == TransportSecurity.TLS ? "imaps" : "imap";
    }

    @Override
    public String address() {
        return address;
    }

    @Override
    public void open(List<String> folders) throws IOException {
        IMAPStore s = store();
        for (String name : folders) {
            try {
                Folder f = s.getFolder(name);
                if (!f.exists()) {
                    if (!f.create(Folder.HOLDS_MESSAGES)) {
                        throw new IOException("the server refused to create folder " + name);
                    }
                    LOG.debug("created folder {} on {}", name, where());
                }
            } catch (MessagingException e) {
                throw failure("cannot create folder " + name, e);
            }
        }
    }

    @Override
    public List<Ref> list(String folder, int max) throws IOException {
        Objects.requireNonNull(folder, "folder");
        if (max < 1) {
            throw new IllegalArgumentException("max must be positive: " + max);
        }
        IMAPFolder f = select(folder, true);
        try {
            long validity = f.getUIDValidity();
            if (INBOX.equals(folder)) {
                inboxUidNext = f.getUIDNext();
            }
            int count = f.getMessageCount();
            if (count == 0) {
                return List.of();
            }
            // sequence numbers follow UID order: the first ones are the oldest
            Message[] messages = f.getMessages(1, Math.min(count, max));
            FetchProfile profile = new FetchProfile();
            profile.add(UIDFolder.FetchProfileItem.UID);
            profile.add(FetchProfile.Item.SIZE);
            f.fetch(messages, profile);
            List<Ref> refs = new ArrayList<>(messages.length);
            for (Message m : messages) {
                if (!m.isExpunged()) {
                    refs.add(new Ref(folder, validity, f.getUID(m), m.getSize()));
                }
            }
            refs.sort(Comparator.comparingLong(Ref::uid));
            return List.copyOf(refs);
        } catch (MessagingException e) {
            throw failure("cannot list " + folder, e);
        }
    }

    @Override
    public InputStream open(Ref ref) throws IOException {
        IMAPFolder f = select(ref.folder(), false);
        try {
            checkValidity(f, ref);
            IMAPMessage m = (IMAPMessage) f.getMessageByUID(ref.uid());
            if (m == null || m.isExpunged()) {
                throw new NoSuchFileException(ref.folder() + "/" + ref.uid(), null, "no longer in the folder");
            }
            return new Guarded(m.getMimeStream());
        } catch (MessageRemovedException e) {
            throw new NoSuchFileException(ref.folder() + "/" + ref.uid(), null, "no longer in the folder");
        } catch (MessagingException e) {
            throw failure("cannot read " + ref, e);
        }
    }

    /**
     * One {@code UID FETCH} of {@code BODY.PEEK[]} for them all (MRM-PREFETCH-02): one round trip instead of one a
     * message, and, like {@link #open(Ref)}, no flag changed. Each message's whole literal is in memory: callers ask
     * for small messages only.
     */
    @Override
    public Map<Ref, byte[]> readAll(List<Ref> refs) throws IOException {
        if (refs.isEmpty()) return Map.of();
        String folder = refs.get(0).folder();
        IMAPFolder f = select(folder, false);
        try {
            for (Ref r : refs) {
                if (!r.folder().equals(folder)) throw new IllegalArgumentException("messages of two folders: " + folder + ", " + r.folder());
                checkValidity(f, r);
            }
            String uids = refs.stream().map(r -> Long.toString(r.uid())).collect(Collectors.joining(","));
            @SuppressWarnings("unchecked")
            Map<Long, byte[]> bodies = (Map<Long, byte[]>) f.doCommand(p -> bodies(p, uids));
            Map<Ref, byte[]> read = new LinkedHashMap<>();
            for (Ref r : refs) {
                byte[] b = bodies.get(r.uid());
                if (b != null) read.put(r, b);
            }
            return read;
        } catch (MessagingException e) {
            throw failure("cannot read " + refs.size() + " messages of " + folder, e);
        }
    }

    /**
     * The whole bodies the server answered with, by UID (MRM-PREFETCH-03); its other responses go to the folder as
     * usual. Only a whole body counts: a section or a partial answer ({@code BODY[]<0>}, even from octet 0, may be cut
     * short) is not the message. A UID answered with two different bodies is left out: neither can be trusted, and a
     * message left out is read again alone.
     */
    private static Map<Long, byte[]> bodies(IMAPProtocol p, String uids) throws ProtocolException {
        Response[] answer = p.command("UID FETCH " + uids + " (UID BODY.PEEK[])", null);
        Map<Long, byte[]> bodies = new HashMap<>();
        Set<Long> ambiguous = new HashSet<>();
        for (int i = 0; i < answer.length; i++) {
            if (!(answer[i] instanceof FetchResponse fetched)) continue;
            UID uid = fetched.getItem(UID.class);
            BODY body = fetched.getItem(BODY.class);
            if (uid == null || body == null || body.getByteArray() == null || !body.getSection().isEmpty() || body.getOrigin() >= 0) continue;
            byte[] bytes = body.getByteArray().getNewBytes();
            byte[] earlier = bodies.putIfAbsent(uid.uid, bytes);
            if (earlier != null && !Arrays.equals(earlier, bytes)) ambiguous.add(uid.uid);
            answer[i] = null; // taken here: not handed to the folder
        }
        p.notifyResponseHandlers(answer);
        p.handleResult(answer[answer.length - 1]);
        bodies.keySet().removeAll(ambiguous);
        return bodies;
    }

    @Override
    public void move(Ref ref, String folder) throws IOException {
        moveAll(List.of(ref), folder);
    }

    /** One MOVE (or COPY and UID EXPUNGE) for the messages of each folder; those already gone are left out. */
    @Override
    public void moveAll(List<Ref> refs, String folder) throws IOException {
        Objects.requireNonNull(folder, "folder");
        Map<String, List<Ref>> byFolder = new LinkedHashMap<>();
        for (Ref r : refs) byFolder.computeIfAbsent(r.folder(), k -> new ArrayList<>()).add(r);
        for (Map.Entry<String, List<Ref>> e : byFolder.entrySet()) moveFrom(e.getKey(), e.getValue(), folder);
    }

    private void moveFrom(String from, List<Ref> refs, String folder) throws IOException {
        IMAPFolder f = select(from, false);
        try {
            for (Ref r : refs) checkValidity(f, r);
            Message[] present = Arrays.stream(f.getMessagesByUID(refs.stream().mapToLong(Ref::uid).toArray()))
                    .filter(m -> m != null && !m.isExpunged()).toArray(Message[]::new);
            if (present.length == 0) {
                LOG.debug("{} message(s) already gone from {}: nothing to move", refs.size(), from);
                return;
            }
            Folder target = f.getStore().getFolder(folder);
            if (has(f, "MOVE")) {
                f.moveMessages(present, target);
            } else {
                copyAndExpunge(f, present, target);
            }
            LOG.debug("moved {} message(s) from {} to {}", present.length, from, folder);
        } catch (MessageRemovedException e) {
            LOG.debug("a message vanished from {} while moving {} of them; the next round moves what is left", from, refs.size());
        } catch (FolderNotFoundException e) {
            throw new IOException("no folder " + folder + " on " + where() + " (open() creates it)", e);
        } catch (MessagingException e) {
            throw failure("cannot move " + (refs.size() == 1 ? refs.get(0).toString() : refs.size() + " messages from " + from) + " to " + folder, e);
        }
    }

    private static void copyAndExpunge(IMAPFolder f, Message[] one, Folder target) throws MessagingException {
        f.copyMessages(one, target);
        f.setFlags(one, new Flags(Flags.Flag.DELETED), true);
        if (has(f, "UIDPLUS")) {
            f.expunge(one); // UID EXPUNGE of this UID only
        } else {
            f.expunge(); // also expunges what others flagged \Deleted: see the class comment
        }
    }

    @Override
    public void awaitMail(Duration max) throws IOException, InterruptedException {
        if (max.isNegative()) {
            throw new IllegalArgumentException("negative wait: " + max);
        }
        long deadline = System.nanoTime() + max.toNanos();
        IMAPFolder f = select(INBOX, false);
        try {
            if (inboxUidNext > 0 && f.getUIDNext() > inboxUidNext) {
                return; // mail came between the last list and this selection
            }
            if (has(f, "IDLE")) {
                idle(f, deadline);
            } else {
                poll(f, deadline);
            }
        } catch (FolderClosedException | StoreClosedException e) {
            // the server ended the connection (IDLE timeouts do): the next call reconnects and lists
            markBroken();
            LOG.debug("connection to {} lost while waiting for mail: {}", where(), e.getMessage());
        } catch (MessagingException e) {
            throw failure("cannot wait for mail", e);
        }
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted while waiting for mail");
        }
    }

    private void idle(IMAPFolder f, long deadline) throws MessagingException {
        Thread waiter = Thread.currentThread();
        long tick = Math.max(1, options.watchdogTick().toMillis());
        while (!waiter.isInterrupted()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            long sliceEnd = System.nanoTime() + Math.min(left, MAX_IDLE.toNanos());
            AtomicBoolean cut = new AtomicBoolean();
            ScheduledFuture<?> dog = watchdog().scheduleWithFixedDelay(() -> {
                if ((System.nanoTime() - sliceEnd >= 0 || waiter.isInterrupted()) && cut.compareAndSet(false, true)) {
                    abortIdle(f);
                }
            }, tick, tick, TimeUnit.MILLISECONDS);
            try {
                f.idle(true);
            } finally {
                dog.cancel(false);
            }
            if (!cut.get()) {
                return; // the server said something: new mail may be there
            }
        }
    }

    /** Any command on the folder from another thread ends its IDLE (Angus sends DONE first). */
    private static void abortIdle(IMAPFolder f) {
        try {
            f.doCommand(p -> null);
        } catch (MessagingException | RuntimeException e) {
            LOG.debug("ending IDLE: {}", e.toString());
        }
    }

    private void poll(IMAPFolder f, long deadline) throws MessagingException, InterruptedException {
        int before = f.getMessageCount();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            Thread.sleep(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), options.pollInterval().toMillis())));
            f.doCommand(p -> {
                p.noop(); // the server reports EXISTS/EXPUNGE in reply
                return null;
            });
            if (f.getMessageCount() != before) {
                return;
            }
        }
    }

    @Override
    public Optional<Quota> quota() throws IOException {
        IMAPStore s = store();
        try {
            if (!s.hasCapability("QUOTA")) {
                return Optional.empty();
            }
            for (jakarta.mail.Quota q : s.getQuota(INBOX)) {
                for (jakarta.mail.Quota.Resource r : q.resources) {
                    if ("STORAGE".equalsIgnoreCase(r.name)) {
                        return Optional.of(new Quota(r.usage, r.limit));
                    }
                }
            }
            return Optional.empty();
        } catch (MessagingException e) {
            throw failure("cannot read the quota", e);
        }
    }

    @Override
    public void close() {
        ScheduledExecutorService dog = watchdog;
        watchdog = null;
        if (dog != null) {
            dog.shutdownNow();
        }
        closeSelected();
        IMAPStore s = store;
        store = null;
        if (s != null) {
            try {
                s.close();
            } catch (MessagingException e) {
                LOG.debug("closing {}: {}", where(), e.getMessage());
            }
        }
    }

    private IMAPStore store() throws IOException {
        if (broken) {
            LOG.debug("reconnecting to {}", where());
            dropConnection();
        }
        IMAPStore s = store;
        if (s != null) {
            return s;
        }
        options.backoff().await();
        char[] password = settings.password().get();
        try {
            if (password.length == 0) {
                options.backoff().failed();
                throw new IOException("no IMAP password for " + where()
                        + ": put it in the URL, in " + ImapSettings.PASSWORD_ENV + " or give it with withPassword");
            }
            s = (IMAPStore) session().getStore(protocol);
            s.connect(settings.host(), settings.port(), settings.user(), new String(password));
        } catch (MessagingException e) {
            options.backoff().failed();
            throw new IOException("cannot connect to " + where() + ": " + e.getMessage(), e);
        } finally {
            Arrays.fill(password, '\0');
        }
        options.backoff().succeeded();
        LOG.debug("connected to {}", where());
        store = s;
        return s;
    }

    private Session session() throws IOException {
        Session s = session;
        if (s == null) {
            Properties props = new Properties();
            String p = "mail." + protocol + ".";
            props.put("mail.store.protocol", protocol);
            props.put(p + "host", settings.host());
            props.put(p + "port", String.valueOf(settings.port()));
            props.put(p + "connectiontimeout", String.valueOf(settings.connectTimeout().toMillis()));
            props.put(p + "timeout", String.valueOf(settings.readTimeout().toMillis()));
            props.put(p + "peek", "true");
            props.put(p + "partialfetch", "true");
            props.put(p + "fetchsize", String.valueOf(options.fetchSize()));
            MailTls.configure(props, protocol, settings.security(),
                    MailTls.socketFactory(settings.trustCertificates(), settings.trustStore().orElse(null)));
            s = Session.getInstance(props);
            session = s;
        }
        return s;
    }

    /** The folder selected; afresh when {@code fresh} (a new SELECT, a new UIDVALIDITY reading). */
    private IMAPFolder select(String name, boolean fresh) throws IOException {
        IMAPStore s = store();
        IMAPFolder f = selected;
        if (!fresh && f != null && f.getFullName().equals(name) && f.isOpen()) {
            return f;
        }
        closeSelected();
        try {
            IMAPFolder opened = (IMAPFolder) s.getFolder(name);
            opened.open(Folder.READ_WRITE);
            selected = opened;
            return opened;
        } catch (FolderNotFoundException e) {
            throw new IOException("no folder " + name + " on " + where(), e);
        } catch (MessagingException e) {
            throw failure("cannot select " + name, e);
        }
    }

    private static void checkValidity(IMAPFolder f, Ref ref) throws MessagingException, UidValidityChanged {
        long now = f.getUIDValidity();
        if (now != ref.uidValidity()) {
            throw new UidValidityChanged(ref.folder(), ref.uidValidity(), now);
        }
    }

    private static boolean has(IMAPFolder f, String capability) throws MessagingException {
        return Boolean.TRUE.equals(f.doCommand(p -> p.hasCapability(capability)));
    }

    private void closeSelected() {
        IMAPFolder f = selected;
        selected = null;
        if (f != null && f.isOpen()) {
            try {
                f.close(false);
            } catch (MessagingException | IllegalStateException e) {
                LOG.debug("closing {}: {}", f.getFullName(), e.getMessage());
            }
        }
    }

    /** Forgets a connection that failed, without talking to the server. */
    private void dropConnection() {
        IMAPFolder f = selected;
        selected = null;
        if (f != null) {
            try {
                f.forceClose();
            } catch (MessagingException | IllegalStateException e) {
                LOG.debug("dropping {}: {}", f.getFullName(), e.getMessage());
            }
        }
        IMAPStore s = store;
        store = null;
        if (s != null) {
            try {
                s.close();
            } catch (MessagingException e) {
                LOG.debug("dropping {}: {}", where(), e.getMessage());
            }
        }
        broken = false;
    }

    private void markBroken() {
        if (!broken) {
            broken = true;
            options.backoff().failed();
        }
    }

    private IOException failure(String what, MessagingException e) {
        if (connectionLost(e)) {
            markBroken();
        }
        return new IOException(what + " on " + where() + ": " + e.getMessage(), e);
    }

    private static boolean connectionLost(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof FolderClosedException || t instanceof StoreClosedException
                    || t instanceof ConnectionException || t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    private ScheduledExecutorService watchdog() {
        ScheduledExecutorService dog = watchdog;
        if (dog == null) {
            dog = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "pec4j-imap-idle-watchdog");
                t.setDaemon(true);
                return t;
            });
            watchdog = dog;
        }
        return dog;
    }

    private String where() {
        return protocol + "://" + settings.host() + ":" + settings.port();
    }

    /** The message's stream; a failed read marks the connection for re-making on the next call. */
    private final class Guarded extends FilterInputStream {
        Guarded(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                throw lost(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (IOException e) {
                throw lost(e);
            }
        }

        @Override
        public long skip(long n) throws IOException {
            try {
                return super.skip(n);
            } catch (IOException e) {
                throw lost(e);
            }
        }

        private IOException lost(IOException e) {
            markBroken();
            return e;
        }
    }
}
