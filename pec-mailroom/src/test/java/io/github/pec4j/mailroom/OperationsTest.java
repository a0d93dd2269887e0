package io.github.pec4j.mailroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pec4j.registry.IntakeEntry;
import io.github.pec4j.registry.IntakeEntry.Outcome;
import io.github.pec4j.testkit.FixtureKind;
import io.github.pec4j.testkit.TestPki;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Quota, leases, metrics, re-processing, the run loop. */
class OperationsTest {

    @Test
    @Tag("MRM-QUOTA-01")
    @DisplayName("MRM-QUOTA-01 the quota is reported every round, with a warning at 80 % and a critical level at 95 %")
    void quota() throws Exception {
        List<QuotaUse> heard = new ArrayList<>();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (Harness h = new Harness(); Mailroom mailroom = h.builder().meterRegistry(meters).listener(new MailroomListener() {
            @Override
            public void onQuota(QuotaUse quota) {
                heard.add(quota);
            }
        }).build()) {
            h.mailbox.quota(500_000, 1_000_000);
            assertThat(mailroom.runOnce().quota()).map(QuotaUse::level).contains(QuotaUse.Level.OK);
            h.mailbox.quota(810_000, 1_000_000);
            mailroom.runOnce();
            h.mailbox.quota(960_000, 1_000_000);
            RoundReport critical = mailroom.runOnce();

            assertThat(heard).extracting(QuotaUse::level).containsExactly(QuotaUse.Level.OK, QuotaUse.Level.WARNING, QuotaUse.Level.CRITICAL);
            assertThat(critical.quota().orElseThrow().share()).isEqualTo(0.96);
            assertThat(meters.get("pec4j.mailroom.quota").gauge().value()).isEqualTo(0.96);
        }
    }

    @Test
    @Tag("MRM-NODE-01")
    @DisplayName("MRM-NODE-01 while one node holds the box's lease a second takes nothing; after the holder dies it takes over within the lease time")
    void lease() throws Exception {
        try (Harness h = new Harness()) {
            Mailroom first = h.builder().nodeId("node-a").leaseTtl(Duration.ofSeconds(20)).build();
            try (Mailroom second = h.builder().nodeId("node-b").leaseTtl(Duration.ofSeconds(20)).build()) {
                h.mailbox.deliver(h.scenarios.citizenFromUnlistedPec());
                assertThat(first.runOnce().messages()).hasSize(1);
                h.mailbox.deliver(h.scenarios.firmFromIniPec());

                RoundReport refused = second.runOnce();
                assertThat(refused.leaseHeld()).isFalse();
                assertThat(refused.messages()).isEmpty();
                assertThat(h.mailbox.count(Folders.INBOX)).isOne();

                h.clock.advance(Duration.ofSeconds(21)); // node-a died without giving the lease up
                RoundReport taken = second.runOnce();
                assertThat(taken.leaseHeld()).isTrue();
                assertThat(taken.messages()).extracting(IntakeEntry::outcome).containsExactly(Outcome.REGISTERED);
                assertThat(first.runOnce().leaseHeld()).as("the old holder now finds the box taken").isFalse();
            }
            first.close();
            assertThat(h.registrations()).hasSize(2);
        }
    }

    @Test
    @DisplayName("Micrometer counts messages by outcome and times the intake; queue gauges follow the journal")
    void metrics() throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (Harness h = new Harness(); Mailroom mailroom = h.builder().meterRegistry(meters).build()) {
            h.mailbox.deliver(h.scenarios.citizenFromUnlistedPec());
            TestPki pki = TestPki.shared();
            h.mailbox.deliver(h.fixtures.message(FixtureKind.POSTA_CERTIFICATA).to(Harness.BOX).signedBy(pki.otherCertificate(), pki.otherKey()).build());

            mailroom.runOnce();

            assertThat(meters.get("pec4j.mailroom.messages").tag("outcome", "registered").counter().count()).isEqualTo(1);
            assertThat(meters.get("pec4j.mailroom.messages").tag("outcome", "quarantined").counter().count()).isEqualTo(1);
            assertThat(meters.get("pec4j.mailroom.intake").timer().count()).isEqualTo(2);
            assertThat(meters.get("pec4j.mailroom.queue").tag("queue", "quarantine").gauge().value()).isEqualTo(1);
            assertThat(meters.get("pec4j.mailroom.queue").tag("queue", "errors").gauge().value()).isZero();
        }
    }

    @Test
    @DisplayName("re-processing judges a quarantined message afresh (here, once its provider is trusted) and moves it to its new folder")
    void reprocess() throws Exception {
        try (Harness h = new Harness()) {
            IntakeEntry quarantined;
            try (Mailroom untrusting = h.builder().trust(io.github.pec4j.signature.TrustStore.builder().build()).build()) {
                h.mailbox.deliver(h.scenarios.citizenFromUnlistedPec());
                quarantined = Harness.only(untrusting.runOnce());
                assertThat(quarantined.outcome()).isEqualTo(Outcome.QUARANTINED);
                assertThat(untrusting.reprocess(io.github.pec4j.registry.IdempotencyKey.of("msg:unknown"))).isEmpty();
            }
            try (Mailroom trusting = h.builder().build()) {
                IntakeEntry again = trusting.reprocess(quarantined.key()).orElseThrow();

                assertThat(again.outcome()).isEqualTo(Outcome.REGISTERED);
                assertThat(again.attempts()).isEqualTo(2);
                assertThat(h.mailbox.count("pec4j/quarantine")).isZero();
                assertThat(h.mailbox.count("pec4j/registered")).isOne();
                assertThat(trusting.queue(Outcome.QUARANTINED, 10)).isEmpty();
                assertThatThrownBy(() -> trusting.queue(Outcome.REGISTERED, 10)).isInstanceOf(IllegalArgumentException.class);
            }
        }
    }

    @Test
    @DisplayName("run() takes mail as it arrives and close() stops it after the message in hand, giving the lease up")
    void runUntilClosed() throws Exception {
        CountDownLatch two = new CountDownLatch(2);
        try (Harness h = new Harness()) {
            Mailroom mailroom = h.builder().pollInterval(Duration.ofMillis(20)).listener(new MailroomListener() {
                @Override
                public void onOutcome(IntakeEntry entry) {
                    two.countDown();
                }
            }).build();
            mailroom.start();
            h.mailbox.deliver(h.scenarios.citizenFromUnlistedPec());
            h.mailbox.deliver(h.scenarios.firmFromIniPec());
            assertThat(two.await(30, TimeUnit.SECONDS)).isTrue();
            mailroom.close();

            assertThat(h.mailbox.closed).isTrue();
            assertThat(h.registrations()).hasSize(2);
            assertThat(h.registry.mailroom().orElseThrow().acquire("imap:" + Harness.BOX, "someone-else", Duration.ofSeconds(5)))
                    .as("the lease was given up").isPresent();
            assertThatThrownBy(mailroom::runOnce).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    @DisplayName("build() lists every missing or invalid setting at once")
    void buildValidates() throws Exception {
        try (Harness h = new Harness()) {
            assertThatThrownBy(() -> Mailroom.builder(h.registry, Harness.REGISTER, io.github.pec4j.admission.AooConfig.defaults())
                    .batchSize(0).maxAttempts(0).build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("no mailbox").hasMessageContaining("batchSize").hasMessageContaining("maxAttempts");
        }
    }
}
