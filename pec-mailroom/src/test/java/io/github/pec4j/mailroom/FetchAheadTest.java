package io.github.pec4j.mailroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pec4j.mailroom.internal.Mailbox;
import io.github.pec4j.registry.IntakeEntry;
import io.github.pec4j.registry.IntakeEntry.Outcome;
import io.github.pec4j.registry.ProtocolRegistry;
import io.github.pec4j.registry.Registration;
import io.github.pec4j.testkit.FixtureKind;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * MRM-PREFETCH-01: INBOX's next messages are fetched on the box's own thread while the one before them is judged and
 * committed; fetches and the intake's own mailbox calls never run at once on the box's connection; a message fetched
 * ahead and not taken in stays in INBOX, and its bytes are dropped. MRM-PREFETCH-02: small messages are read together,
 * one command for several, and a failed read of several is done again message by message.
 */
@Tag("MRM-PREFETCH-01")
class FetchAheadTest {

    /** PECs to register, each with its own client Message-ID. */
    private static void deliver(Harness h, int n, long attachmentBytes) throws IOException {
        for (int i = 1; i <= n; i++) {
            h.mailbox.deliver(h.fixtures.message(FixtureKind.POSTA_CERTIFICATA).to(Harness.BOX).clientMessageId("ahead-" + i + "@client.example.it")
                    .attachment("allegato-" + i + ".pdf", "application/pdf", attachmentBytes).build());
        }
    }

    /**
     * Three PECs taken in by a mailroom built with {@code tune}; whether uid 2 was fetched, within {@code wait}, while the
     * first message was being judged (the journal's lookup before its judgement waits for it).
     */
    private static boolean secondFetchedDuringFirst(Harness h, Watched box, Duration wait, java.util.function.UnaryOperator<Mailroom.Builder> tune)
            throws Exception {
        List<Boolean> seen = Collections.synchronizedList(new ArrayList<>());
        ProtocolRegistry registry = Crashes.before(h.registry, "intake", () -> seen.add(seen.isEmpty() ? box.opened(2, wait) : true));
        deliver(h, 3, 2_000);
        try (Mailroom m = tune.apply(h.builderOn(registry).mailbox(box)).build()) {
            assertThat(m.runOnce().messages()).extracting(IntakeEntry::outcome).containsOnly(Outcome.REGISTERED).hasSize(3);
        }
        assertThat(h.mailbox.count(Folders.INBOX)).isZero();
        return seen.get(0);
    }

    @Test
    @DisplayName("MRM-PREFETCH-01 while the first message is judged, the next ones are already fetched, on the box's fetching thread")
    void nextMessagesFetchedWhileOneIsJudged() throws Exception {
        try (Harness h = new Harness()) {
            Watched box = new Watched(h.mailbox);

            assertThat(secondFetchedDuringFirst(h, box, Duration.ofSeconds(10), b -> b)).as("uid 2 fetched before the first message's judgement ended")
                    .isTrue();
            assertThat(box.openThreads).as("INBOX read on the box's fetching thread").containsOnly("pec4j-fetch-" + Harness.BOX);
            assertThat(h.registrations()).extracting(r -> r.id().number()).containsExactly(1L, 2L, 3L);
        }
    }

    @Test
    @DisplayName("MRM-PREFETCH-01 fetchAhead(0): a message is fetched only when its turn comes")
    void noneAheadWhenTurnedOff() throws Exception {
        try (Harness h = new Harness()) {
            Watched box = new Watched(h.mailbox);

            assertThat(secondFetchedDuringFirst(h, box, Duration.ofMillis(300), b -> b.fetchAhead(0))).as("uid 2 not fetched before its turn")
                    .isFalse();
        }
    }

    @Test
    @DisplayName("MRM-PREFETCH-01 40 messages, groups moved while the next ones are fetched: never two calls at once on the box's connection")
    void fetchesAndMovesTakeTurns() throws Exception {
        try (Harness h = new Harness()) {
            Watched box = new Watched(h.mailbox);
            box.meetAt(17); // the first group's move and the read of uid 17, fetched ahead, each wait a while for the other
            deliver(h, 40, 2_000);

            try (Mailroom m = h.builder().mailbox(box).fetchAhead(4).build()) {
                assertThat(m.runOnce().messages()).extracting(IntakeEntry::outcome).containsOnly(Outcome.REGISTERED).hasSize(40);
            }

            assertThat(box.mostAtOnce.get()).as("calls on the box at once").isEqualTo(1);
            assertThat(h.mailbox.groupMoves).as("three groups moved (16, 16, 8)").hasSize(3);
            assertThat(h.mailbox.count(Folders.INBOX)).isZero();
            assertThat(h.registrations()).extracting(Registration::id).extracting(id -> id.number()).hasSize(40).doesNotHaveDuplicates();
        }
    }

    @Test
    @DisplayName("MRM-PREFETCH-01 a storage failure on the first message: those fetched ahead stay in INBOX, their spools deleted, "
            + "and the next round takes each in once")
    void fetchedAheadAndNotTakenStayInInbox() throws Exception {
        try (Harness h = new Harness()) {
            Watched box = new Watched(h.mailbox);
            deliver(h, 3, 5_000_000); // beyond the 4 MiB kept in memory: each spooled to a temporary file
            List<Path> spoolsBefore = spools();

            try (Mailroom m = h.builderOn(Crashes.failing(h.registry, "intake", 1)).mailbox(box).build()) {
                assertThatThrownBy(m::runOnce).isInstanceOf(IOException.class).hasMessageContaining("crash before intake");
            }
            assertThat(box.opened(3, Duration.ofSeconds(10))).as("uids 2 and 3 were fetched ahead").isTrue();
            assertThat(box.streamsOpen.get()).as("every stream closed").isZero();
            assertThat(spools()).as("no spool left behind").containsExactlyInAnyOrderElementsOf(spoolsBefore);
            assertThat(h.mailbox.count(Folders.INBOX)).isEqualTo(3);
            h.clock.advance(Duration.ofSeconds(30)); // the failed node's lease runs out

            try (Mailroom m = h.builder().build()) {
                // a 5 MB PDF of the fixtures' random bytes may hold "/JS": quarantined, which is still taken in once
                assertThat(m.runOnce().messages()).extracting(IntakeEntry::outcome).hasSize(3).doesNotContain(Outcome.ERROR);
            }
            assertThat(h.mailbox.count(Folders.INBOX)).isZero();
            assertThat(h.registrations()).extracting(r -> r.id().number()).doesNotHaveDuplicates().isNotEmpty();
        }
    }

    @Test
    @Tag("MRM-PREFETCH-02")
    @DisplayName("MRM-PREFETCH-02 small messages are read together, up to 16 in one command; a large one alone")
    void smallMessagesReadTogether() throws Exception {
        try (Harness h = new Harness()) {
            Watched box = new Watched(h.mailbox);
            deliver(h, 20, 2_000);
            h.mailbox.deliver(h.fixtures.message(FixtureKind.POSTA_CERTIFICATA).to(Harness.BOX).clientMessageId("grande@client.example.it")
                    .attachment("grande.pdf", "application/pdf", 400_000L).build());

            try (Mailroom m = h.builder().mailbox(box).build()) {
                assertThat(m.runOnce().messages()).hasSize(21).extracting(IntakeEntry::outcome).doesNotContain(Outcome.ERROR);
            }

            assertThat(box.readTogether).as("messages read together, command by command").containsExactly(16, 4);
            assertThat(h.mailbox.count(Folders.INBOX)).isZero();
        }
    }

    @Test
    @Tag("MRM-PREFETCH-02")
    @Tag("MRM-ISOL-01")
    @DisplayName("MRM-PREFETCH-02 a read of several messages that fails is done again one by one: the message the server cannot serve "
            + "fails alone")
    void failedGroupReadOneByOne() throws Exception {
        try (Harness h = new Harness()) {
            Watched box = new Watched(h.mailbox);
            deliver(h, 6, 2_000);
            h.mailbox.failOpen(b -> new String(b, java.nio.charset.StandardCharsets.ISO_8859_1).contains("ahead-3@"));

            try (Mailroom m = h.builder().mailbox(box).build()) {
                assertThat(m.runOnce().messages()).extracting(IntakeEntry::outcome).containsOnly(Outcome.REGISTERED).hasSize(5);
            }

            assertThat(box.readTogether).as("one read of the six together, which failed").containsExactly(6);
            assertThat(h.mailbox.count(Folders.INBOX)).as("only the one the server cannot serve, for the next round").isEqualTo(1);
        }
    }

    @Test
    @Tag("MRM-PREFETCH-02")
    @DisplayName("MRM-PREFETCH-02 messages read together stay within 2 MiB as listed: twelve of ≈ 200 KB take two reads")
    void readTogetherWithinTheByteBound() throws Exception {
        try (Harness h = new Harness()) {
            Watched box = new Watched(h.mailbox);
            deliver(h, 12, 140_000);

            try (Mailroom m = h.builder().mailbox(box).build()) {
                assertThat(m.runOnce().messages()).hasSize(12).extracting(IntakeEntry::outcome).doesNotContain(Outcome.ERROR);
            }

            assertThat(box.readTogether).as("messages read together, command by command").hasSizeGreaterThan(1)
                    .allSatisfy(n -> assertThat(n).isGreaterThan(1));
            assertThat(box.readTogether.stream().mapToInt(Integer::intValue).sum()).isEqualTo(12);
            assertThat(box.readTogetherBytes).allSatisfy(b -> assertThat(b).isLessThanOrEqualTo(2L * 1024 * 1024));
            assertThat(h.mailbox.count(Folders.INBOX)).isZero();
        }
    }

    @Test
    @Tag("MRM-PREFETCH-02")
    @DisplayName("MRM-PREFETCH-02 a read of several that fails with an unchecked exception (a defect of the mail library's) is done "
            + "again one by one: every message taken in")
    void defectInReadOfSeveral() throws Exception {
        try (Harness h = new Harness()) {
            Watched box = new Watched(h.mailbox);
            box.readAllDefect = new IllegalStateException("a defect in the IMAP library");
            deliver(h, 5, 2_000);

            try (Mailroom m = h.builder().mailbox(box).build()) {
                assertThat(m.runOnce().messages()).extracting(IntakeEntry::outcome).containsOnly(Outcome.REGISTERED).hasSize(5);
            }

            assertThat(box.readTogether).containsExactly(5);
            assertThat(h.mailbox.count(Folders.INBOX)).isZero();
        }
    }

    private static List<Path> spools() throws IOException {
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> d = Files.newDirectoryStream(Path.of(System.getProperty("java.io.tmpdir")), "pec4j-mailroom-*.eml")) {
            d.forEach(found::add);
        }
        return found;
    }

    /**
     * The memory box, watched: which INBOX uids were opened and on which thread, how many calls ran at once (a stream
     * counts from its opening to its closing), and a meeting: the read of one uid and the first group move each wait up to half a second for the other to begin, so
     * that calls not kept apart by the mailroom run at once.
     */
    private static final class Watched implements Mailbox {
        private final MemoryMailbox box;
        final List<String> openThreads = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger mostAtOnce = new AtomicInteger();
        final AtomicInteger streamsOpen = new AtomicInteger();
        /** The size of each {@link #readAll}. */
        final List<Integer> readTogether = Collections.synchronizedList(new ArrayList<>());
        private final AtomicInteger atOnce = new AtomicInteger();
        private final List<CountDownLatch> openedUid = new ArrayList<>();
        private final CountDownLatch readBegun = new CountDownLatch(1);
        private final CountDownLatch moveBegun = new CountDownLatch(1);
        private long meetAt = -1;

        Watched(MemoryMailbox box) {
            this.box = box;
            for (int i = 0; i <= 64; i++) openedUid.add(new CountDownLatch(1));
        }

        void meetAt(long uid) {
            meetAt = uid;
        }

        private static void await(CountDownLatch latch) {
            try {
                latch.await(500, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        boolean opened(long uid, Duration within) {
            try {
                return openedUid.get((int) uid).await(within.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        private void enter() {
            mostAtOnce.accumulateAndGet(atOnce.incrementAndGet(), Math::max);
        }

        private void leave() {
            atOnce.decrementAndGet();
        }

        @Override
        public String address() {
            return box.address();
        }

        @Override
        public void open(List<String> folders) {
            box.open(folders);
        }

        @Override
        public List<Ref> list(String folder, int max) {
            enter();
            try {
                return box.list(folder, max);
            } finally {
                leave();
            }
        }

        @Override
        public InputStream open(Ref ref) throws IOException {
            enter();
            InputStream in;
            try {
                in = box.open(ref);
            } catch (IOException | RuntimeException e) {
                leave();
                throw e;
            }
            if (ref.folder().equals(Folders.INBOX)) {
                openThreads.add(Thread.currentThread().getName());
                openedUid.get((int) ref.uid()).countDown();
            }
            streamsOpen.incrementAndGet();
            boolean meet = ref.folder().equals(Folders.INBOX) && ref.uid() == meetAt;
            return new FilterInputStream(in) {
                private boolean begun;
                private boolean closed;

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    if (!begun && meet) {
                        readBegun.countDown();
                        await(moveBegun);
                    }
                    begun = true;
                    return super.read(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    if (closed) return;
                    closed = true;
                    streamsOpen.decrementAndGet();
                    leave();
                    super.close();
                }
            };
        }

        /** The listed bytes of each {@link #readAll}. */
        final List<Long> readTogetherBytes = Collections.synchronizedList(new ArrayList<>());
        /** Thrown by every {@link #readAll} when set (a defect of the mail library's). */
        volatile RuntimeException readAllDefect;

        /** The default's one by one, through {@link #open(Ref)}: what is counted there is counted for it. */
        @Override
        public java.util.Map<Ref, byte[]> readAll(List<Ref> refs) throws IOException {
            readTogether.add(refs.size());
            readTogetherBytes.add(refs.stream().mapToLong(Ref::size).sum());
            if (readAllDefect != null) throw readAllDefect;
            return Mailbox.super.readAll(refs);
        }

        @Override
        public void move(Ref ref, String folder) throws IOException {
            enter();
            try {
                box.move(ref, folder);
            } finally {
                leave();
            }
        }

        @Override
        public void moveAll(List<Ref> refs, String folder) throws IOException {
            enter();
            try {
                if (meetAt > 0) {
                    moveBegun.countDown();
                    await(readBegun);
                }
                box.moveAll(refs, folder);
            } finally {
                leave();
            }
        }

        @Override
        public void awaitMail(Duration max) throws InterruptedException {
            box.awaitMail(max);
        }

        @Override
        public Optional<Quota> quota() {
            return box.quota();
        }

        @Override
        public void close() {
            box.close();
        }
    }
}
