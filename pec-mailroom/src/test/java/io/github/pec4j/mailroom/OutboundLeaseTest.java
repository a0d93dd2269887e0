package io.github.pec4j.mailroom;

import static io.github.pec4j.mailroom.OutboundFixture.BOX;
import static io.github.pec4j.mailroom.OutboundFixture.REGIONE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pec4j.mailroom.internal.MailSender;
import io.github.pec4j.mailroom.internal.SmtpMailSender;
import io.github.pec4j.registry.OutboxEntry;
import io.github.pec4j.registry.ProtocolRegistry;
import io.github.pec4j.registry.Registration;
import io.github.pec4j.registry.SearchQuery;
import io.github.pec4j.registry.jdbc.JdbcRegistry;
import io.github.pec4j.registry.jdbc.JdbcRegistryConfig;
import io.github.pec4j.simulator.PecProviderSimulator;
import io.github.pec4j.simulator.Submission;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes sending from one box over one register (an H2 file opened by each): the box's sending lease lets one at a
 * time submit, so every letter leaves once (OUT-ONCE-02).
 */
@Tag("OUT-ONCE-02")
class OutboundLeaseTest {

    /** What a kill -9 looks like from inside: the process stops here. */
    private static final class Killed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Killed() {
            super("kill -9");
        }
    }

    /** An SMTP submission that, the first time, stops inside until the test lets it go on. */
    private static final class Stalling implements MailSender {
        final CountDownLatch inside = new CountDownLatch(1);
        final CountDownLatch goOn = new CountDownLatch(1);
        private final MailSender smtp;
        private boolean stalled;

        Stalling(MailSender smtp) {
            this.smtp = smtp;
        }

        @Override
        public void send(MimeMessage message) throws IOException {
            if (!stalled) {
                stalled = true;
                inside.countDown();
                try {
                    goOn.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            smtp.send(message);
        }

        @Override
        public void close() throws IOException {
            smtp.close();
        }
    }

    private static ProtocolRegistry open(Path dir, Harness h) throws IOException {
        return JdbcRegistry.open(JdbcRegistry.h2Url(dir.resolve("registry")), "", "", JdbcRegistryConfig.defaults(), h.clock);
    }

    private static Outbound.Builder node(ProtocolRegistry registry, Harness h, PecProviderSimulator pec, String name) {
        return Outbound.builder(registry, Harness.REGISTER, BOX).smtp(OutboundFixture.smtp(pec, BOX)).ipa(OutboundFixture.ipa()).trust(h.trust)
                .clock(h.clock).nodeId(name);
    }

    /** {@code n} letters registered by a node killed right after each commit: registered, never queued nor submitted. */
    private static void registeredNotSent(ProtocolRegistry registry, Harness h, PecProviderSimulator pec, int n) throws Exception {
        try (Outbound dying = node(registry, h, pec, "dying").afterRegistration(id -> {
            throw new Killed();
        }).build()) {
            for (int i = 0; i < n; i++) {
                assertThatThrownBy(() -> dying.send(OutboundFixture.letter(Recipient.pec(REGIONE)).build())).isInstanceOf(Killed.class);
            }
        }
        h.clock.advance(Duration.ofMinutes(6)); // past the claim of the killed sends
    }

    @Test
    @DisplayName("OUT-ONCE-02 while one node is inside a submission, the other's resume() submits nothing and its send() leaves the letter queued for it")
    void secondNodeWaitsForTheHolder(@TempDir Path dir) throws Exception {
        try (Harness h = new Harness(); PecProviderSimulator pec = PecProviderSimulator.start(); ProtocolRegistry one = open(dir, h);
                ProtocolRegistry two = open(dir, h)) {
            pec.box(BOX, "secret").box(REGIONE, "secret");
            registeredNotSent(one, h, pec, 3);
            Stalling stalling = new Stalling(new SmtpMailSender(OutboundFixture.smtp(pec, BOX)));
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try (Outbound a = node(one, h, pec, "node-a").mailSender(stalling).build();
                    Outbound b = node(two, h, pec, "node-b").leaseWait(Duration.ZERO).build()) {
                Future<List<OutboundResult>> resumedByA = pool.submit(a::resume);
                assertThat(stalling.inside.await(60, TimeUnit.SECONDS)).as("node a is inside its first submission").isTrue();

                assertThat(b.resume()).as("node a holds the box").isEmpty();
                OutboundResult queued = b.send(OutboundFixture.letter(Recipient.pec(REGIONE)).build());
                assertThat(queued.state()).isEqualTo(OutboundResult.State.REGISTERED);
                assertThat(queued.failure().orElseThrow()).contains("OUT-ONCE-02").contains("another node");
                assertThat(pec.submissions()).as("nothing submitted by node b").isEmpty();

                stalling.goOn.countDown();
                assertThat(resumedByA.get(60, TimeUnit.SECONDS)).hasSize(3)
                        .allSatisfy(r -> assertThat(r.state()).isEqualTo(OutboundResult.State.SUBMITTED));
                List<OutboundResult> later = b.resume(); // node a gave the lease up: node b submits the letter it queued
                assertThat(later).singleElement().satisfies(r -> assertThat(r.protocol()).isEqualTo(queued.protocol()));
                assertThat(a.resume()).isEmpty();
                assertThat(b.resume()).isEmpty();
            } finally {
                pool.shutdownNow();
            }
            assertEachSubmittedOnce(one, pec, 4);
        }
    }

    @Test
    @DisplayName("OUT-ONCE-02 two nodes resuming at the same moment, twice each: every letter submitted exactly once")
    void concurrentResumes(@TempDir Path dir) throws Exception {
        try (Harness h = new Harness(); PecProviderSimulator pec = PecProviderSimulator.start(); ProtocolRegistry one = open(dir, h);
                ProtocolRegistry two = open(dir, h)) {
            pec.box(BOX, "secret").box(REGIONE, "secret");
            registeredNotSent(one, h, pec, 5);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            CyclicBarrier start = new CyclicBarrier(2);
            try (Outbound a = node(one, h, pec, "node-a").build(); Outbound b = node(two, h, pec, "node-b").build()) {
                List<Future<Integer>> runs = new ArrayList<>();
                for (Outbound node : List.of(a, b)) {
                    runs.add(pool.submit(() -> {
                        start.await(60, TimeUnit.SECONDS);
                        return node.resume().size() + node.resume().size();
                    }));
                }
                int submitted = 0;
                for (Future<Integer> run : runs) submitted += run.get(120, TimeUnit.SECONDS);
                assertThat(submitted).as("the results of both nodes together").isEqualTo(5);
            } finally {
                pool.shutdownNow();
            }
            assertEachSubmittedOnce(one, pec, 5);
        }
    }

    private static void assertEachSubmittedOnce(ProtocolRegistry registry, PecProviderSimulator pec, int letters) throws IOException {
        List<Registration> all = registry.search(SearchQuery.all().page(0, SearchQuery.MAX_LIMIT));
        assertThat(all).hasSize(letters);
        List<Submission> submissions = pec.submissions();
        assertThat(submissions).as("one submission per letter").hasSize(letters);
        assertThat(submissions).extracting(s -> s.messageId().orElseThrow()).doesNotHaveDuplicates();
        for (Registration r : all) {
            assertThat(registry.mailroom().orElseThrow().outbox(r.id())).extracting(OutboxEntry::state).containsExactly(OutboxEntry.State.SENT);
        }
    }
}
