package io.github.pec4j.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pec4j.directory.AddressOwner.Level;
import io.github.pec4j.directory.AddressOwner.PublicAdministration;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DirectoryChainTest {
    private static final LocalDate DAY = LocalDate.of(2025, 3, 10);
    private static final LocalDate SNAPSHOT = LocalDate.of(2025, 3, 1);
    private static final String PERSON = "RSSMRA80A01H501U";
    private static final String FIRM = "01234567890";
    private static final String ENTE = "80000000000";

    private final TestClock clock = new TestClock(Instant.parse("2025-03-10T09:00:00Z"));
    private DirectoryChain chain;

    @AfterEach
    void close() {
        if (chain != null) {
            chain.close();
        }
    }

    private static IpaDirectory ipa() {
        return IpaDirectory.of(SNAPSHOT, List.of(new PublicAdministration("protocollo@pec.comune.it", "c_x000", "Comune di X", Level.AOO,
                Optional.of("AOO1"), Optional.empty(), true, Optional.of(LocalDate.of(2024, 1, 1)), Optional.of(ENTE))));
    }

    private StaticDirectory inipec() {
        return StaticDirectory.builder("inipec").registers(DomicileRegister.INI_PEC).clock(clock)
                .owner(new AddressOwner.FirmOrProfessional("ditta@pec.it", FIRM, "Ditta Srl"))
                .domicile(FIRM, "ditta@pec.it")
                .domicile(PERSON, "studio@pec.it")
                .build();
    }

    private StaticDirectory inad() {
        return StaticDirectory.builder("inad").registers(DomicileRegister.INAD).clock(clock)
                .capabilities(Lookup.DOMICILES_BY_TAX_CODE)
                .domicile(PERSON, "mario.rossi@pec.it", Optional.empty(), Optional.of(LocalDate.of(2025, 12, 31)))
                .build();
    }

    /** A directory that counts its calls and may be slow or throw. */
    private static class Probe implements DomicileDirectory {
        final DomicileDirectory inner;
        final AtomicInteger calls = new AtomicInteger();
        volatile long delayMillis;
        volatile boolean explode;

        Probe(DomicileDirectory inner) {
            this.inner = inner;
        }

        private void enter() {
            calls.incrementAndGet();
            if (explode) {
                throw new IllegalStateException("boom");
            }
            if (delayMillis > 0) {
                try {
                    Thread.sleep(delayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public String id() {
            return inner.id();
        }

        @Override
        public Set<Lookup> capabilities() {
            return inner.capabilities();
        }

        @Override
        public Set<DomicileRegister> registers() {
            return inner.registers();
        }

        @Override
        public Answer<AddressOwner> ownerOf(String address, LocalDate at) {
            enter();
            return inner.ownerOf(address, at);
        }

        @Override
        public Answer<List<Domicile>> domicilesOf(String taxCode, LocalDate at) {
            enter();
            return inner.domicilesOf(taxCode, at);
        }

        @Override
        public Answer<Boolean> verify(String taxCode, String address, LocalDate at) {
            enter();
            return inner.verify(taxCode, address, at);
        }

        @Override
        public Map<String, Answer<List<Domicile>>> domicilesOfAll(Collection<String> taxCodes, LocalDate at) {
            enter();
            return inner.domicilesOfAll(taxCodes, at);
        }
    }

    @Test
    @DisplayName("DIR-CHAIN-01 the offline IPA snapshot answers first; the remote directories are not asked")
    void ipaFirst() {
        Probe inipec = new Probe(inipec());
        chain = DirectoryChain.builder().clock(clock).addLocal(ipa()).add(inipec).build();
        Answer<AddressOwner> a = chain.ownerOf("PROTOCOLLO@pec.comune.it", DAY);
        assertThat(a.isFound()).isTrue();
        assertThat(a.source()).isEqualTo("ipa");
        assertThat(a.asOf()).isEqualTo(SNAPSHOT.atStartOfDay(IpaSnapshot.ZONE).toInstant());
        assertThat(inipec.calls).hasValue(0);

        Answer<AddressOwner> firm = chain.ownerOf("ditta@pec.it", DAY);
        assertThat(firm.source()).isEqualTo("inipec");
        assertThat(firm.value().orElseThrow().kind()).isEqualTo(AddressOwner.Kind.FIRM_OR_PROFESSIONAL);
        assertThat(chain.directories()).containsExactly("ipa", "inipec");
    }

    @Test
    @DisplayName("DIR-CHAIN-01 an owner unknown everywhere is NOT_FOUND from all; a failing directory makes it UNKNOWN")
    void ownerNotFound() {
        Probe inipec = new Probe(inipec());
        chain = DirectoryChain.builder().clock(clock).addLocal(ipa()).add(inipec).add(inad()).build();
        Answer<AddressOwner> none = chain.ownerOf("nobody@pec.it", DAY);
        assertThat(none.outcome()).isEqualTo(Answer.Outcome.NOT_FOUND);
        assertThat(none.source()).as("inad does not answer owner lookups").isEqualTo("ipa+inipec");
        assertThat(none.asOf()).as("the oldest date").isEqualTo(SNAPSHOT.atStartOfDay(IpaSnapshot.ZONE).toInstant());

        inipec.explode = true;
        Answer<AddressOwner> failing = chain.ownerOf("other@pec.it", DAY);
        assertThat(failing.outcome()).isEqualTo(Answer.Outcome.UNKNOWN);
        assertThat(failing.reason()).hasValueSatisfying(r -> assertThat(r).startsWith("inipec: " + Answer.REASON_FAILED).contains("boom"));
    }

    @Test
    @DisplayName("DIR-CHAIN-01 each directory runs with its own deadline: a slow one is UNKNOWN (timeout), the others still answer")
    void timeout() {
        Probe slowInad = new Probe(inad());
        slowInad.delayMillis = 5_000;
        chain = DirectoryChain.builder().clock(clock).addLocal(ipa()).add(inipec(), Duration.ofSeconds(5))
                .add(slowInad, Duration.ofMillis(150)).build();
        long start = System.nanoTime();
        Answer<List<Domicile>> a = chain.domicilesOf(PERSON, DAY);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
        assertThat(a.outcome()).isEqualTo(Answer.Outcome.FOUND);
        assertThat(a.isPartial()).isTrue();
        assertThat(a.value().orElseThrow()).extracting(Domicile::address).containsExactly("studio@pec.it");
        assertThat(a.reason()).hasValueSatisfying(r -> assertThat(r).contains("inad: " + Answer.REASON_TIMEOUT));

        Answer<List<Domicile>> nobody = chain.domicilesOf("BNCLRA85B41F205X", DAY);
        assertThat(nobody.outcome()).as("no domicile elsewhere, INAD silent: unknown, never not found").isEqualTo(Answer.Outcome.UNKNOWN);
    }

    @Test
    @DisplayName("DIR-CHAIN-01 domiciles from every directory are merged, each keeping its source; the answer names them all")
    void merge() {
        chain = DirectoryChain.builder().clock(clock).addLocal(ipa()).add(inipec()).add(inad()).build();
        Answer<List<Domicile>> a = chain.domicilesOf(PERSON, DAY);
        assertThat(a.outcome()).isEqualTo(Answer.Outcome.FOUND);
        assertThat(a.isPartial()).isFalse();
        assertThat(a.source()).isEqualTo("inipec+inad");
        assertThat(a.asOf()).isEqualTo(clock.instant());
        assertThat(a.value().orElseThrow()).extracting(Domicile::address, Domicile::source)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("studio@pec.it", "inipec"),
                        org.assertj.core.groups.Tuple.tuple("mario.rossi@pec.it", "inad"));
        assertThat(chain.domicilesOf(ENTE, DAY).source()).isEqualTo("ipa");
    }

    @Test
    @DisplayName("DIR-CHAIN-01 NOT_FOUND only when IPA, INI-PEC and INAD all answered NOT_FOUND")
    void notFoundFromAll() {
        chain = DirectoryChain.builder().clock(clock).addLocal(ipa()).add(inipec()).add(inad()).build();
        Answer<List<Domicile>> a = chain.domicilesOf("BNCLRA85B41F205X", DAY);
        assertThat(a.outcome()).isEqualTo(Answer.Outcome.NOT_FOUND);
        assertThat(a.source()).isEqualTo("ipa+inipec+inad");
        assertThat(a.asOf()).isEqualTo(SNAPSHOT.atStartOfDay(IpaSnapshot.ZONE).toInstant());
    }

    @Test
    @DisplayName("DIR-CHAIN-01 a missing INAD adapter yields UNKNOWN, never 'no domicile'")
    void missingInad() {
        chain = DirectoryChain.builder().clock(clock).addLocal(ipa()).add(inipec()).build();
        Answer<List<Domicile>> a = chain.domicilesOf("BNCLRA85B41F205X", DAY);
        assertThat(a.outcome()).isEqualTo(Answer.Outcome.UNKNOWN);
        assertThat(a.reason()).hasValueSatisfying(r -> assertThat(r).contains(Answer.REASON_NO_PROVIDER).contains("INAD"));
        assertThat(chain.verify("BNCLRA85B41F205X", "x@pec.it", DAY).isUnknown()).isTrue();

        Answer<List<Domicile>> firm = chain.domicilesOf(FIRM, DAY);
        assertThat(firm.isFound()).isTrue();
        assertThat(firm.isPartial()).as("INAD could have listed more").isTrue();
    }

    @Test
    @DisplayName("DIR-CHAIN-01 a missing INI-PEC adapter yields UNKNOWN, never 'no domicile'")
    void missingIniPec() {
        chain = DirectoryChain.builder().clock(clock).addLocal(ipa()).add(inad()).build();
        Answer<List<Domicile>> a = chain.domicilesOf(FIRM, DAY);
        assertThat(a.outcome()).isEqualTo(Answer.Outcome.UNKNOWN);
        assertThat(a.reason()).hasValueSatisfying(r -> assertThat(r).contains("INI_PEC"));
    }

    @Test
    @DisplayName("DIR-CHAIN-01 a failing INAD adapter (unavailable, throwing, returning null) yields UNKNOWN, never 'no domicile'")
    void failingInad() {
        for (DomicileDirectory bad : List.of(
                StaticDirectory.unavailable("inad", Answer.REASON_UNAVAILABLE + ": HTTP 503", DomicileRegister.INAD),
                explodingInad(), nullInad())) {
            try (DirectoryChain c = DirectoryChain.builder().clock(clock).addLocal(ipa()).add(inipec()).add(bad).build()) {
                Answer<List<Domicile>> a = c.domicilesOf("BNCLRA85B41F205X", DAY);
                assertThat(a.outcome()).as(bad.toString()).isEqualTo(Answer.Outcome.UNKNOWN);
                assertThat(a.reason()).hasValueSatisfying(r -> assertThat(r).startsWith("inad: "));
                assertThat(a.source()).isEqualTo("ipa+inipec+inad");
                assertThat(a.asOf()).isEqualTo(clock.instant());
            }
        }
    }

    private DomicileDirectory explodingInad() {
        Probe p = new Probe(inad());
        p.explode = true;
        return p;
    }

    private DomicileDirectory nullInad() {
        return new Probe(inad()) {
            @Override
            public Answer<List<Domicile>> domicilesOf(String taxCode, LocalDate at) {
                return null;
            }
        };
    }

    @Test
    @DisplayName("require() narrows the registers a NOT_FOUND needs")
    void requireNarrowed() {
        chain = DirectoryChain.builder().clock(clock).addLocal(ipa()).add(inipec())
                .require(DomicileRegister.IPA, DomicileRegister.INI_PEC).build();
        assertThat(chain.domicilesOf("BNCLRA85B41F205X", DAY).outcome()).isEqualTo(Answer.Outcome.NOT_FOUND);
        assertThat(chain.registers()).containsExactlyInAnyOrder(DomicileRegister.IPA, DomicileRegister.INI_PEC);
        assertThat(chain.capabilities()).contains(Lookup.OWNER_BY_ADDRESS, Lookup.DOMICILES_BY_TAX_CODE);
    }

    @Test
    @DisplayName("DIR-CHAIN-01 FOUND and NOT_FOUND are cached for the TTL on the clock; UNKNOWN never")
    void cache() {
        Probe inipec = new Probe(inipec());
        Probe inad = new Probe(inad());
        chain = DirectoryChain.builder().clock(clock).cacheTtl(Duration.ofMinutes(10)).addLocal(ipa()).add(inipec).add(inad).build();
        chain.domicilesOf(PERSON, DAY);
        chain.domicilesOf(PERSON.toLowerCase(java.util.Locale.ROOT), DAY);
        chain.domicilesOf("BNCLRA85B41F205X", DAY);
        chain.domicilesOf("BNCLRA85B41F205X", DAY);
        assertThat(inipec.calls).hasValue(2);
        assertThat(inad.calls).hasValue(2);
        chain.domicilesOf(PERSON, DAY.plusDays(1));
        assertThat(inad.calls).as("another day is another question").hasValue(3);

        clock.advance(Duration.ofMinutes(11));
        chain.domicilesOf(PERSON, DAY);
        assertThat(inad.calls).as("expired").hasValue(4);

        inad.explode = true;
        clock.advance(Duration.ofMinutes(11));
        assertThat(chain.domicilesOf(PERSON, DAY).isPartial()).isTrue();
        assertThat(chain.domicilesOf(PERSON, DAY).isPartial()).isTrue();
        assertThat(inad.calls).as("UNKNOWN is asked again").hasValue(6);
        inad.explode = false;
        assertThat(chain.domicilesOf(PERSON, DAY).isPartial()).isFalse();
    }

    @Test
    @DisplayName("DIR-CHAIN-01 local directories are never cached: an IPA reload is seen at once")
    void localNotCached() {
        Probe ipa = new Probe(ipa());
        chain = DirectoryChain.builder().clock(clock).addLocal(ipa).add(inipec()).add(inad()).build();
        chain.ownerOf("protocollo@pec.comune.it", DAY);
        chain.ownerOf("protocollo@pec.comune.it", DAY);
        assertThat(ipa.calls).hasValue(2);
    }

    @Test
    @DisplayName("DIR-INAD-01 verify through the chain: true from any directory, false only when all could tell")
    void verify() {
        StaticDirectory inadVerify = StaticDirectory.builder("inad").registers(DomicileRegister.INAD).clock(clock)
                .capabilities(Lookup.DOMICILES_BY_TAX_CODE, Lookup.VERIFY_AT_DATE)
                .domicile(PERSON, "mario.rossi@pec.it")
                .build();
        chain = DirectoryChain.builder().clock(clock).addLocal(ipa()).add(inipec()).add(inadVerify).build();
        Answer<Boolean> yes = chain.verify(PERSON, "Mario.Rossi@PEC.it", DAY);
        assertThat(yes.value()).contains(true);
        assertThat(yes.source()).isEqualTo("inad");
        assertThat(chain.verify(PERSON, "studio@pec.it", DAY).source()).isEqualTo("inipec");
        Answer<Boolean> no = chain.verify(PERSON, "other@pec.it", DAY);
        assertThat(no.value()).contains(false);
        assertThat(no.source()).isEqualTo("inipec+inad");
        assertThat(chain.verify("BNCLRA85B41F205X", "other@pec.it", DAY).outcome()).isEqualTo(Answer.Outcome.NOT_FOUND);

        try (DirectoryChain down = DirectoryChain.builder().clock(clock).addLocal(ipa()).add(inipec())
                .add(StaticDirectory.unavailable("inad", Answer.REASON_TIMEOUT, DomicileRegister.INAD)).build()) {
            assertThat(down.verify(PERSON, "studio@pec.it", DAY).value()).contains(true);
            assertThat(down.verify(PERSON, "other@pec.it", DAY).isUnknown()).isTrue();
        }
    }

    @Test
    @DisplayName("DIR-INAD-02 batch lookups go to batch-capable directories in one call, the others one by one, merged per codice fiscale")
    void batch() {
        AtomicInteger batchCalls = new AtomicInteger();
        DomicileDirectory batchInad = new Probe(inad()) {
            @Override
            public Set<Lookup> capabilities() {
                return EnumSet.of(Lookup.DOMICILES_BY_TAX_CODE, Lookup.BATCH);
            }

            @Override
            public Map<String, Answer<List<Domicile>>> domicilesOfAll(Collection<String> taxCodes, LocalDate at) {
                batchCalls.incrementAndGet();
                Map<String, Answer<List<Domicile>>> answers = new LinkedHashMap<>();
                for (String cf : taxCodes) {
                    answers.put(cf, cf.equals("BNCLRA85B41F205X") ? Answer.unknown("inad", clock.instant(), Answer.REASON_PENDING)
                            : inner.domicilesOf(cf, at));
                }
                return answers;
            }
        };
        chain = DirectoryChain.builder().clock(clock).addLocal(ipa()).add(inipec()).add(batchInad).build();
        Map<String, Answer<List<Domicile>>> all = chain.domicilesOfAll(List.of(PERSON, FIRM, "BNCLRA85B41F205X", "VRDGPP70A01F205X"), DAY);
        assertThat(batchCalls).hasValue(1);
        assertThat(all.get(PERSON).value().orElseThrow()).hasSize(2);
        assertThat(all.get(FIRM).isFound()).isTrue();
        assertThat(all.get("BNCLRA85B41F205X").isUnknown()).as("pending in INAD").isTrue();
        assertThat(all.get("VRDGPP70A01F205X").isNotFound()).isTrue();

        chain.domicilesOfAll(List.of(PERSON, "BNCLRA85B41F205X"), DAY);
        assertThat(batchCalls).as("the pending one is asked again, the cached one is not").hasValue(2);
    }

    @Test
    @DisplayName("lookups run concurrently: remote directories of one question are asked at the same time")
    void concurrent() throws InterruptedException {
        CountDownLatch both = new CountDownLatch(2);
        class Waiting extends Probe {
            Waiting(DomicileDirectory inner) {
                super(inner);
            }

            @Override
            public Answer<List<Domicile>> domicilesOf(String taxCode, LocalDate at) {
                both.countDown();
                try {
                    if (!both.await(5, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("asked one after the other");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return inner.domicilesOf(taxCode, at);
            }
        }
        chain = DirectoryChain.builder().clock(clock).addLocal(ipa()).add(new Waiting(inipec())).add(new Waiting(inad())).build();
        assertThat(chain.domicilesOf(PERSON, DAY).isPartial()).isFalse();
    }

    @Test
    @DisplayName("a closed chain refuses remote lookups with IllegalStateException")
    void closed() {
        DirectoryChain c = DirectoryChain.builder().clock(clock).addLocal(ipa()).add(inipec()).add(inad()).build();
        c.close();
        assertThat(c.ownerOf("protocollo@pec.comune.it", DAY).isFound()).as("local directories still answer").isTrue();
        assertThatThrownBy(() -> c.domicilesOf(PERSON, DAY)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    @DisplayName("the builder refuses an empty chain and duplicate ids")
    void builder() {
        assertThatThrownBy(() -> DirectoryChain.builder().build()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> DirectoryChain.builder().addLocal(ipa()).addLocal(ipa())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DirectoryChain.builder().timeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
