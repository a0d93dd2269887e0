package io.github.pec4j.mailroom.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pec4j.mailroom.ImapSettings;
import io.github.pec4j.mailroom.internal.Mailbox.Ref;
import jakarta.mail.Flags;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class ImapMailboxTest {

    private static final String INBOX = "INBOX";
    private static final String DONE = "Registrati";

    private TestServers servers;
    private ImapProxy proxy;
    private ImapMailbox box;
    private final ExecutorService waiter = Executors.newSingleThreadExecutor();

    @BeforeEach
    void start() throws Exception {
        servers = TestServers.imap();
        proxy = new ImapProxy(servers.imapPort());
    }

    @AfterEach
    void stop() throws Exception {
        waiter.shutdownNow();
        if (box != null) {
            box.close();
        }
        proxy.close();
        servers.close();
    }

    private ImapMailbox direct() {
        box = TestServers.mailbox(servers.imapPort());
        return box;
    }

    private ImapMailbox proxied() {
        box = TestServers.mailbox(proxy.port());
        return box;
    }

    /** Three small messages appended to INBOX, oldest first. */
    private byte[][] threeInInbox() throws Exception {
        byte[][] raw = {TestServers.message("a", "uno"), TestServers.message("b", "due"), TestServers.message("c", "tre")};
        for (byte[] r : raw) servers.append(INBOX, r);
        return raw;
    }

    @Test
    @Tag("MRM-EXACT-01")
    @DisplayName("MRM-EXACT-01: list, read and move are byte-exact, and nothing is flagged before move()")
    void listOpenMove() throws Exception {
        byte[][] raw = {TestServers.message("a", "uno"), TestServers.message("b", "due"), TestServers.message("c", "tre")};
        long[] uids = new long[3];
        for (int i = 0; i < 3; i++) {
            uids[i] = servers.append(INBOX, raw[i]);
        }
        ImapMailbox box = direct();
        box.open(List.of(DONE, "Errori"));
        assertThat(servers.uids(DONE)).isEmpty(); // created

        List<Ref> refs = box.list(INBOX, 10);
        assertThat(refs).extracting(Ref::uid).containsExactly(uids[0], uids[1], uids[2]);
        assertThat(refs).extracting(Ref::uidValidity).containsOnly(refs.get(0).uidValidity());
        assertThat(box.list(INBOX, 2)).extracting(Ref::uid).containsExactly(uids[0], uids[1]);
        for (int i = 0; i < 3; i++) {
            assertThat(TestServers.readAll(box.open(refs.get(i)))).isEqualTo(raw[i]);
            assertThat(refs.get(i).size()).isPositive(); // RFC822.SIZE as the server says (GreenMail: the body only)
        }
        for (long uid : uids) {
            assertThat(servers.flags(INBOX, uid).getSystemFlags()).as("flags of UID %s after reading", uid).isEmpty();
        }

        box.move(refs.get(0), DONE);
        assertThat(servers.uids(INBOX)).containsExactly(uids[1], uids[2]);
        List<Long> moved = servers.uids(DONE);
        assertThat(moved).hasSize(1);
        assertThat(servers.raw(DONE, moved.get(0))).isEqualTo(raw[0]);
    }

    @Test
    @Tag("MRM-PREFETCH-02")
    @DisplayName("MRM-PREFETCH-02 readAll: three messages byte-exact in one UID FETCH, none flagged; one gone is left out")
    void readAllInOneCommand() throws Exception {
        byte[][] raw = threeInInbox();
        ImapMailbox box = proxied();
        List<Ref> refs = box.list(INBOX, 10);
        servers.remove(INBOX, refs.get(1).uid()); // another node took it

        java.util.Map<Ref, byte[]> read = box.readAll(refs);

        assertThat(read.keySet()).containsExactly(refs.get(0), refs.get(2));
        assertThat(read.get(refs.get(0))).isEqualTo(raw[0]);
        assertThat(read.get(refs.get(2))).isEqualTo(raw[2]);
        assertThat(proxy.clientLines()).filteredOn(l -> l.toUpperCase(java.util.Locale.ROOT).contains("FETCH") && l.contains("BODY"))
                .singleElement().asString().contains("UID FETCH " + refs.get(0).uid() + "," + refs.get(1).uid() + "," + refs.get(2).uid())
                .contains("BODY.PEEK[]");
        for (Ref r : List.of(refs.get(0), refs.get(2))) {
            assertThat(servers.flags(INBOX, r.uid()).getSystemFlags()).as("flags of UID %s after reading", r.uid()).isEmpty();
        }
    }

    @Test
    @Tag("MRM-PREFETCH-03")
    @DisplayName("MRM-PREFETCH-03 readAll takes whole bodies only: a partial one (BODY[]<0>) or a section (BODY[TEXT]) leaves its message out")
    void readAllTakesWholeBodiesOnly() throws Exception {
        byte[][] raw = threeInInbox();
        ImapMailbox box = proxied();
        List<Ref> refs = box.list(INBOX, 10);
        proxy.rewriteServerLines(line -> line.startsWith("* 1 FETCH ") ? line.replace("BODY[] {", "BODY[]<0> {")
                : line.startsWith("* 2 FETCH ") ? line.replace("BODY[] {", "BODY[TEXT] {") : line);

        java.util.Map<Ref, byte[]> read = box.readAll(refs);

        assertThat(read.keySet()).containsExactly(refs.get(2));
        assertThat(read.get(refs.get(2))).isEqualTo(raw[2]);
    }

    @Test
    @Tag("MRM-PREFETCH-03")
    @DisplayName("MRM-PREFETCH-03 readAll: a UID answered with two different bodies is left out, whichever comes first; a body for a UID not asked for is ignored")
    void readAllLeavesOutAmbiguousAnswers() throws Exception {
        byte[][] raw = threeInInbox();
        ImapMailbox box = proxied();
        List<Ref> all = box.list(INBOX, 10);
        List<Ref> asked = all.subList(0, 2);
        byte[] forged = "Subject: forged\r\n\r\nnot the message\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        proxy.rewriteServerLines(line -> line.startsWith("* 1 FETCH ") ? ImapProxy.fetchResponse(asked.get(0).uid(), "BODY[]", forged) + line // before the real one
                : line.startsWith("* 2 FETCH ") ? ImapProxy.fetchResponse(all.get(2).uid(), "BODY[]", forged) + line : line);

        java.util.Map<Ref, byte[]> read = box.readAll(asked);

        assertThat(read.keySet()).containsExactly(asked.get(1));
        assertThat(read.get(asked.get(1))).isEqualTo(raw[1]);
        proxy.rewriteServerLines(java.util.function.UnaryOperator.identity());
        assertThat(TestServers.readAll(box.open(asked.get(0)))).as("read alone").isEqualTo(raw[0]);
    }

    @Test
    @Tag("MRM-PREFETCH-02")
    @DisplayName("MRM-PREFETCH-02 readAll refused by the server (NO after its bodies) is an IOException, not a partial result; each is then read alone")
    void readAllRefused() throws Exception {
        byte[][] raw = threeInInbox();
        ImapMailbox box = proxied();
        List<Ref> refs = box.list(INBOX, 10);
        java.util.concurrent.atomic.AtomicBoolean refused = new java.util.concurrent.atomic.AtomicBoolean();
        proxy.rewriteServerLines(line -> line.matches("^\\S+ OK .*(?i:fetch).*\r\n$") && refused.compareAndSet(false, true)
                ? line.replaceFirst(" OK ", " NO ") : line);

        assertThatThrownBy(() -> box.readAll(refs)).isInstanceOf(IOException.class);

        assertThat(refused).as("the answer was refused").isTrue();
        for (int i = 0; i < refs.size(); i++) {
            assertThat(TestServers.readAll(box.open(refs.get(i)))).isEqualTo(raw[i]);
        }
    }

    @Test
    @Tag("MRM-PREFETCH-02")
    @DisplayName("MRM-PREFETCH-02 readAll: a connection dropped in the middle of the answer is an IOException, and the next call reconnects")
    void readAllDropped() throws Exception {
        byte[] big = TestServers.message("a", "x".repeat(50_000));
        byte[] small = TestServers.message("b", "due");
        servers.append(INBOX, big);
        servers.append(INBOX, small);
        ImapMailbox box = proxied();
        List<Ref> refs = box.list(INBOX, 10);
        proxy.dropNextLiteralAfter(1000);

        assertThatThrownBy(() -> box.readAll(refs)).isInstanceOf(IOException.class);

        java.util.Map<Ref, byte[]> read = box.readAll(box.list(INBOX, 10));
        assertThat(read.values()).containsExactly(big, small);
    }

    @Test
    void aMessageAlreadyGoneIsNotAnErrorToMoveButCannotBeRead() throws Exception {
        servers.append(INBOX, TestServers.message("a", "uno"));
        ImapMailbox box = direct();
        box.open(List.of(DONE));
        Ref ref = box.list(INBOX, 10).get(0);
        servers.remove(INBOX, ref.uid()); // another node took it

        box.move(ref, DONE);
        assertThat(servers.uids(DONE)).isEmpty();
        assertThatThrownBy(() -> box.open(ref)).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    @DisplayName("without MOVE: COPY, \\Deleted and UID EXPUNGE of that UID only (a message someone else flagged stays)")
    void moveWithoutMoveUsesUidExpunge() throws Exception {
        byte[] raw = TestServers.message("a", "uno");
        long mine = servers.append(INBOX, raw);
        long theirs = servers.append(INBOX, TestServers.message("b", "due"));
        proxy.strip("MOVE");
        ImapMailbox box = proxied();
        box.open(List.of(DONE));
        Ref ref = box.list(INBOX, 10).get(0);
        servers.flagDeleted(INBOX, theirs);

        box.move(ref, DONE);

        assertThat(servers.uids(INBOX)).containsExactly(theirs);
        assertThat(servers.flags(INBOX, theirs).contains(Flags.Flag.DELETED)).isTrue();
        assertThat(servers.raw(DONE, servers.uids(DONE).get(0))).isEqualTo(raw);
        assertThat(proxy.clientSent("UID EXPUNGE " + mine)).isTrue();
        assertThat(proxy.clientLines()).noneMatch(l -> l.toUpperCase().contains(" MOVE "));
        assertThat(mine).isNotEqualTo(theirs);
    }

    @Test
    @DisplayName("without MOVE and UIDPLUS: COPY, \\Deleted and EXPUNGE (which also takes what others flagged, as documented)")
    void moveWithoutUidplusExpungesTheFolder() throws Exception {
        byte[] raw = TestServers.message("a", "uno");
        servers.append(INBOX, raw);
        long theirs = servers.append(INBOX, TestServers.message("b", "due"));
        long untouched = servers.append(INBOX, TestServers.message("c", "tre"));
        proxy.strip("MOVE", "UIDPLUS");
        ImapMailbox box = proxied();
        box.open(List.of(DONE));
        Ref ref = box.list(INBOX, 10).get(0);
        servers.flagDeleted(INBOX, theirs);

        box.move(ref, DONE);

        assertThat(servers.uids(INBOX)).containsExactly(untouched);
        assertThat(servers.raw(DONE, servers.uids(DONE).get(0))).isEqualTo(raw);
        assertThat(proxy.clientLines()).noneMatch(l -> l.toUpperCase().contains("UID EXPUNGE"));
    }

    @Test
    @DisplayName("a connection dropped in the middle of a FETCH: IOException, then the next call reconnects and reads it whole")
    void dropMidFetch() throws Exception {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 4000; i++) {
            body.append("riga ").append(i).append(" del messaggio lungo abbastanza da stare in più FETCH\r\n");
        }
        byte[] raw = TestServers.message("big", body.toString());
        servers.append(INBOX, raw);
        ImapMailbox box = proxied();
        Ref ref = box.list(INBOX, 10).get(0);
        proxy.dropNextLiteralAfter(1000);

        assertThatThrownBy(() -> {
            try (InputStream in = box.open(ref)) {
                in.readAllBytes();
            }
        }).isInstanceOf(IOException.class);
        int before = proxy.connections();

        assertThat(TestServers.readAll(box.open(ref))).isEqualTo(raw);
        assertThat(proxy.connections()).isGreaterThan(before);
        assertThat(servers.flags(INBOX, ref.uid()).getSystemFlags()).isEmpty();
    }

    @Test
    @Tag("MRM-EXACT-03")
    @DisplayName("MRM-EXACT-03: a Ref listed under another UIDVALIDITY is refused (open, move, readAll), and nothing is moved")
    void uidValidityChange() throws Exception {
        String folder = "Scratch";
        servers.create(folder);
        servers.append(folder, TestServers.message("old", "vecchio"));
        ImapMailbox box = direct();
        box.open(List.of(DONE));
        Ref old = box.list(folder, 10).get(0);

        servers.deleteFolder(folder);
        long second = System.currentTimeMillis() / 1000; // GreenMail's UIDVALIDITY counts seconds
        Eventually.until("the next second", () -> System.currentTimeMillis() / 1000 > second);
        servers.create(folder);
        byte[] fresh = TestServers.message("new", "nuovo");
        long freshUid = servers.append(folder, fresh);

        List<Ref> relisted = box.list(folder, 10);
        assertThat(relisted).singleElement().satisfies(r -> assertThat(r.uidValidity()).isNotEqualTo(old.uidValidity()));
        assertThat(relisted.get(0).uid()).isEqualTo(old.uid()); // the same UID names another message now
        assertThatThrownBy(() -> box.open(old)).isInstanceOf(UidValidityChanged.class);
        assertThatThrownBy(() -> box.move(old, DONE)).isInstanceOf(UidValidityChanged.class);
        assertThatThrownBy(() -> box.readAll(List.of(old))).as("MRM-PREFETCH-02's read of several").isInstanceOf(UidValidityChanged.class);
        assertThat(servers.uids(folder)).containsExactly(freshUid);
        assertThat(servers.uids(DONE)).isEmpty();

        try (ImapMailbox restarted = TestServers.mailbox(servers.imapPort())) {
            assertThatThrownBy(() -> restarted.open(old)).isInstanceOf(UidValidityChanged.class)
                    .satisfies(e -> assertThat(((UidValidityChanged) e).actual()).isEqualTo(relisted.get(0).uidValidity()));
        }
    }

    @Test
    void quotaWhenTheServerHasIt() throws Exception {
        servers.append(INBOX, TestServers.message("a", "uno"));
        servers.setStorageQuota(5000);
        ImapMailbox box = direct();
        assertThat(box.quota()).hasValueSatisfying(q -> {
            assertThat(q.limitKb()).isEqualTo(5000);
            assertThat(q.usedKb()).isPositive(); // GreenMail counts bytes where real servers count KiB
        });
    }

    @Test
    void noQuotaWhenTheServerDoesNotAnnounceIt() throws Exception {
        servers.setStorageQuota(5000);
        proxy.strip("QUOTA");
        assertThat(proxied().quota()).isEmpty();
    }

    @Test
    @DisplayName("IDLE wakes on new mail appended by another connection")
    void idleWakesOnNewMail() throws Exception {
        ImapMailbox box = proxied();
        box.list(INBOX, 10);
        Future<?> waiting = waiter.submit(() -> {
            box.awaitMail(Duration.ofMinutes(5));
            return null;
        });
        Eventually.until("the client is in IDLE", () -> proxy.clientSent("IDLE"));
        servers.append(INBOX, TestServers.message("a", "uno"));

        waiting.get(60, TimeUnit.SECONDS);
        assertThat(proxy.clientLines()).anyMatch(l -> l.equalsIgnoreCase("DONE"));
        assertThat(box.list(INBOX, 10)).hasSize(1);
    }

    @Test
    @DisplayName("IDLE ends after max without mail, and the box is usable afterwards")
    void idleEndsAfterMax() throws Exception {
        ImapMailbox box = proxied();
        box.list(INBOX, 10);
        box.awaitMail(Duration.ofMillis(200));
        assertThat(proxy.clientSent("IDLE")).isTrue();
        assertThat(proxy.clientLines()).anyMatch(l -> l.equalsIgnoreCase("DONE"));
        servers.append(INBOX, TestServers.message("a", "uno"));
        assertThat(box.list(INBOX, 10)).hasSize(1);
    }

    @Test
    @DisplayName("without IDLE the box polls, and wakes on new mail")
    void pollsWithoutIdle() throws Exception {
        proxy.strip("IDLE");
        ImapMailbox box = proxied();
        box.list(INBOX, 10);
        Future<?> waiting = waiter.submit(() -> {
            box.awaitMail(Duration.ofMinutes(5));
            return null;
        });
        Eventually.until("the client polls", () -> proxy.clientSent("NOOP"));
        servers.append(INBOX, TestServers.message("a", "uno"));

        waiting.get(60, TimeUnit.SECONDS);
        assertThat(proxy.clientLines()).noneMatch(l -> l.toUpperCase().endsWith(" IDLE"));
    }

    @Test
    void mailArrivedBeforeTheWaitEndsItAtOnce() throws Exception {
        ImapMailbox box = direct();
        box.list(INBOX, 10);
        box.list("INBOX", 1);
        servers.create("Other");
        box.list("Other", 1); // INBOX is no longer selected
        servers.append(INBOX, TestServers.message("a", "uno"));
        Future<?> waiting = waiter.submit(() -> {
            box.awaitMail(Duration.ofMinutes(5));
            return null;
        });
        waiting.get(60, TimeUnit.SECONDS);
    }

    @Test
    void aWrongPasswordIsAnIoExceptionThatDoesNotShowIt() throws Exception {
        box = new ImapMailbox(TestServers.settings(servers.imapPort()).withPassword("wrong-Secret-9".toCharArray()),
                TestServers.USER, TestServers.fastOptions());
        assertThatThrownBy(() -> box.list(INBOX, 1)).isInstanceOf(IOException.class)
                .satisfies(e -> assertThat(e.toString()).doesNotContain("wrong-Secret-9"));
    }

    @Test
    @DisplayName("starttls=required is refused by a server without STARTTLS (GreenMail's IMAP has none)")
    void starttlsRequiredAgainstAPlainServer() {
        box = new ImapMailbox(ImapSettings
                .parse("imap://protocollo%40pec.comune.example.it@127.0.0.1:" + servers.imapPort() + "?starttls=required")
                .withPassword(TestServers.PASSWORD.toCharArray()), TestServers.USER, TestServers.fastOptions());
        assertThatThrownBy(() -> box.list(INBOX, 1)).isInstanceOf(IOException.class).hasMessageContaining("STARTTLS");
    }

    @Test
    @DisplayName("after the server drops every connection, the next calls reconnect (at most one fails)")
    void reconnectsAfterADrop() throws Exception {
        byte[] raw = TestServers.message("a", "uno");
        servers.append(INBOX, raw);
        ImapMailbox box = proxied();
        Ref ref = box.list(INBOX, 10).get(0);
        int before = proxy.connections();
        proxy.dropAll();

        List<Ref> again;
        try {
            again = box.list(INBOX, 10);
        } catch (IOException firstCallSeesTheDrop) {
            again = box.list(INBOX, 10);
        }
        assertThat(again).containsExactly(ref);
        assertThat(TestServers.readAll(box.open(ref))).isEqualTo(raw);
        assertThat(proxy.connections()).isGreaterThan(before);
    }

    @Test
    @DisplayName("a connection dropped during IDLE ends the wait quietly; the next call reconnects")
    void dropDuringIdle() throws Exception {
        ImapMailbox box = proxied();
        box.list(INBOX, 10);
        Future<?> waiting = waiter.submit(() -> {
            box.awaitMail(Duration.ofMinutes(5));
            return null;
        });
        Eventually.until("the client is in IDLE", () -> proxy.clientSent("IDLE"));
        proxy.dropAll();
        waiting.get(60, TimeUnit.SECONDS);

        servers.append(INBOX, TestServers.message("a", "uno"));
        assertThat(box.list(INBOX, 10)).hasSize(1);
    }

    @Test
    @DisplayName("an interrupt ends IDLE promptly with InterruptedException")
    void interruptEndsIdle() throws Exception {
        ImapMailbox box = proxied();
        box.list(INBOX, 10);
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread intake = new Thread(() -> {
            try {
                box.awaitMail(Duration.ofMinutes(5));
                outcome.set(new AssertionError("awaitMail returned"));
            } catch (Throwable e) {
                outcome.set(e);
            }
        });
        intake.start();
        Eventually.until("the client is in IDLE", () -> proxy.clientSent("IDLE"));
        intake.interrupt();
        intake.join(TimeUnit.SECONDS.toMillis(60));
        assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
        assertThat(proxy.clientLines()).anyMatch(l -> l.equalsIgnoreCase("DONE"));
    }
}
