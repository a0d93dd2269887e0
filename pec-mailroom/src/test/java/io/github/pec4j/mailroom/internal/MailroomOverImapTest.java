package io.github.pec4j.mailroom.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pec4j.admission.AooConfig;
import io.github.pec4j.mailroom.Folders;
import io.github.pec4j.mailroom.ImapSettings;
import io.github.pec4j.mailroom.Mailroom;
import io.github.pec4j.mailroom.MailroomListener;
import io.github.pec4j.mailroom.Office;
import io.github.pec4j.mailroom.RoundReport;
import io.github.pec4j.mailroom.SmtpSettings;
import io.github.pec4j.registry.IdempotencyKey;
import io.github.pec4j.registry.Impronta;
import io.github.pec4j.registry.IntakeEntry;
import io.github.pec4j.registry.IntakeEntry.Outcome;
import io.github.pec4j.registry.ProtocolRegistry;
import io.github.pec4j.registry.RegisterId;
import io.github.pec4j.registry.Registration;
import io.github.pec4j.registry.SearchQuery;
import io.github.pec4j.registry.memory.MemoryRegistryProvider;
import io.github.pec4j.signature.TrustStore;
import io.github.pec4j.simulator.FileAttachment;
import io.github.pec4j.simulator.PecProviderSimulator;
import io.github.pec4j.testkit.AdmissionScenarios;
import io.github.pec4j.testkit.Attachments;
import io.github.pec4j.testkit.TestPki;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The whole {@link Mailroom} over IMAP on the PEC provider simulator, where the server misbehaves: no MOVE, a
 * connection dropped in the middle of a FETCH, a 30 MB message, IMAPS (and SMTPS for the notification), a
 * UIDVALIDITY that changes in the middle of a round. Each time every message is registered once and INBOX ends empty.
 */
class MailroomOverImapTest {
    private static final String BOX = AdmissionScenarios.AOO_BOX;
    private static final String PASSWORD = "over-Imap-pw";
    private static final RegisterId REGISTER = RegisterId.of("c_esempio", "AOO_ESEMPIO", "PG");
    /** 21 MiB: a 30 MB message once base64-encoded in the envelope. */
    private static final long ATTACHMENT = 21L * 1024 * 1024;
    private static final String OFFICE_BOX = "protocollo.interno@comune.esempio.it";

    private PecProviderSimulator sim;
    private ProtocolRegistry registry;
    private ImapProxy proxy;

    @BeforeEach
    void start() {
        sim = PecProviderSimulator.start();
        sim.box(BOX, PASSWORD);
        sim.ordinaryBox(OFFICE_BOX, "office-pw");
        registry = MemoryRegistryProvider.create(Clock.systemUTC());
    }

    @AfterEach
    void stop() throws Exception {
        if (proxy != null) proxy.close();
        registry.close();
        sim.close();
    }

    private ImapSettings imap(int port) {
        return ImapSettings.parse("imap://" + BOX.replace("@", "%40") + "@127.0.0.1:" + port + "?starttls=none").withPassword(PASSWORD.toCharArray());
    }

    private Mailroom.Builder mailroom(ImapSettings imap) {
        return Mailroom.builder(registry, REGISTER, AooConfig.defaults().withMailboxes(BOX)).imap(imap)
                .trust(TrustStore.builder().addCertificate(TestPki.shared().caCertificate()).build());
    }

    private List<byte[]> deliver(int n) {
        List<byte[]> raw = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            raw.add(sim.deliverPec("cittadino" + i + "@pec.example.it", BOX, "Istanza n. " + i,
                    FileAttachment.of("istanza-" + i + ".pdf", "application/pdf", Attachments.pdf())).raw());
        }
        return raw;
    }

    private List<Registration> registrations() throws IOException {
        return registry.search(SearchQuery.all().page(0, SearchQuery.MAX_LIMIT));
    }

    /** Every delivered message registered once (its impronta that of the bytes delivered), in the registered folder, INBOX empty. */
    private void assertEachRegisteredOnce(List<byte[]> delivered) throws IOException {
        assertThat(sim.messages(BOX)).as("INBOX").isEmpty();
        List<Registration> all = registrations();
        assertThat(all).extracting(r -> r.idempotencyKey().orElseThrow()).doesNotHaveDuplicates();
        assertThat(all).extracting(r -> r.documents().get(0).impronta())
                .containsExactlyInAnyOrderElementsOf(delivered.stream().map(Impronta::of).toList());
        assertThat(sim.messages(BOX, Folders.defaults().registered())).hasSameSizeAs(delivered);
        for (Registration r : all) {
            IdempotencyKey key = r.idempotencyKey().orElseThrow();
            assertThat(registry.mailroom().orElseThrow().intake(BOX, key)).hasValueSatisfying(e -> {
                assertThat(e.outcome()).isIn(Outcome.REGISTERED, Outcome.DUPLICATE);
                assertThat(e.registration()).contains(r.id());
            });
        }
    }

    @Test
    @Tag("MRM-EXACT-01")
    @DisplayName("MRM-EXACT-01 a server without MOVE: COPY, \\Deleted and UID EXPUNGE after the commit; each message registered once")
    void serverWithoutMove() throws Exception {
        proxy = new ImapProxy(sim.imap().port()).strip("MOVE");
        List<byte[]> delivered = deliver(4);
        try (Mailroom m = mailroom(imap(proxy.port())).build()) {
            assertThat(m.runOnce().messages()).extracting(IntakeEntry::outcome).containsOnly(Outcome.REGISTERED).hasSize(4);
            assertThat(m.runOnce().messages()).isEmpty();
        }
        assertEachRegisteredOnce(delivered);
        assertThat(proxy.clientLines()).noneMatch(l -> l.toUpperCase().contains(" MOVE "));
        assertThat(proxy.clientLines()).anyMatch(l -> l.toUpperCase().contains(" COPY "));
        assertThat(proxy.clientLines()).anyMatch(l -> l.toUpperCase().contains("EXPUNGE"));
    }

    @Test
    @Tag("MRM-EXACT-02")
    @DisplayName("MRM-EXACT-02 a connection dropped in the middle of a FETCH: the message stays, the next round takes it; nothing twice")
    void connectionDroppedMidFetch() throws Exception {
        proxy = new ImapProxy(sim.imap().port());
        List<byte[]> delivered = deliver(3);
        proxy.dropNextLiteralAfter(2_000);
        int rounds = 0;
        int failedRounds = 0;
        try (Mailroom m = mailroom(imap(proxy.port())).fetchAhead(0).build()) { // each message alone: no read of several to redo
            while (!sim.messages(BOX).isEmpty() && rounds++ < 6) {
                try {
                    m.runOnce();
                } catch (IOException e) {
                    failedRounds++; // the mailbox reconnects on the next round
                }
            }
        }
        assertThat(proxy.connections()).as("reconnected after the drop").isGreaterThan(1);
        assertThat(rounds).as("rounds (%d failed)", failedRounds).isGreaterThan(1);
        assertEachRegisteredOnce(delivered);
    }

    @Test
    @Tag("MRM-PREFETCH-02")
    @DisplayName("MRM-PREFETCH-02 a connection dropped in the middle of a read of several: each read again alone after reconnecting, in the "
            + "same round; nothing twice")
    void connectionDroppedMidReadOfSeveral() throws Exception {
        proxy = new ImapProxy(sim.imap().port());
        List<byte[]> delivered = deliver(3);
        proxy.dropNextLiteralAfter(2_000);
        try (Mailroom m = mailroom(imap(proxy.port())).build()) {
            assertThat(m.runOnce().messages()).hasSize(3);
        }
        assertThat(proxy.connections()).as("reconnected after the drop").isGreaterThan(1);
        assertThat(proxy.clientLines()).filteredOn(l -> l.contains("UID FETCH") && l.contains("BODY.PEEK[]")).as("the read of the three")
                .hasSize(1);
        assertEachRegisteredOnce(delivered);
    }

    @Test
    @Tag("MRM-PREFETCH-03")
    @DisplayName("MRM-PREFETCH-03 a read of several answered with one message cut short (BODY[]<0>) and another's body given twice, "
            + "another message's first: both read again alone, each registered byte-exact once")
    void partialAndDoubledAnswersAreReadAlone() throws Exception {
        proxy = new ImapProxy(sim.imap().port());
        List<byte[]> delivered = deliver(3);
        java.util.concurrent.atomic.AtomicInteger injected = new java.util.concurrent.atomic.AtomicInteger();
        java.util.regex.Pattern uid = java.util.regex.Pattern.compile("\\bUID (\\d+)");
        proxy.rewriteServerLines(line -> {
            java.util.regex.Matcher m = uid.matcher(line);
            if (!line.contains("BODY[] {") || !m.find()) return line; // a whole body, in the read of several only
            if (line.startsWith("* 1 FETCH ")) {
                injected.incrementAndGet();
                return ImapProxy.fetchResponse(Long.parseLong(m.group(1)), "BODY[]<0>", java.util.Arrays.copyOf(delivered.get(0), 1_000)) + line;
            }
            if (line.startsWith("* 2 FETCH ")) {
                injected.incrementAndGet();
                return ImapProxy.fetchResponse(Long.parseLong(m.group(1)), "BODY[]", delivered.get(2)) + line;
            }
            return line;
        });
        try (Mailroom m = mailroom(imap(proxy.port())).build()) {
            assertThat(m.runOnce().messages()).hasSize(3);
        }
        assertThat(injected).as("answers played").hasValue(2);
        assertEachRegisteredOnce(delivered);
    }

    @Test
    @Tag("MRM-EXACT-01")
    @DisplayName("MRM-EXACT-01 a 30 MB PEC (a 21 MiB attachment) is registered byte-exact: the envelope's impronta is the SHA-256 of the message")
    void thirtyMegabytes() throws Exception {
        byte[] raw = sim.deliverPec("impresa@pec.example.it", BOX, "Progetto esecutivo",
                FileAttachment.of("progetto.pdf", "application/pdf", largePdf())).raw();
        assertThat(raw.length).isGreaterThan(30_000_000);
        try (Mailroom m = mailroom(imap(sim.imap().port())).build()) {
            IntakeEntry e = single(m.runOnce());
            assertThat(e.outcome()).as("%s", e.reasons()).isEqualTo(Outcome.REGISTERED);
            Registration r = registry.find(e.registration().orElseThrow()).orElseThrow();
            assertThat(r.documents().get(0).impronta()).isEqualTo(Impronta.of(raw));
            assertThat(r.documents().get(0).size()).isEqualTo(raw.length);
            assertThat(r.documents()).extracting(d -> d.fileName()).contains("progetto.pdf");
            assertThat(r.documents().stream().filter(d -> d.fileName().equals("progetto.pdf")).findFirst().orElseThrow().size())
                    .isEqualTo(ATTACHMENT);
        }
        assertThat(sim.messages(BOX)).isEmpty();
        assertThat(sim.messages(BOX, Folders.defaults().registered())).singleElement().satisfies(b -> assertThat(Impronta.of(b)).isEqualTo(Impronta.of(raw)));
    }

    @Test
    @DisplayName("IMAPS and SMTPS trusting the simulator's CA: registered and the office notified; without that trust nothing leaves INBOX")
    void overTls() throws Exception {
        List<byte[]> delivered = deliver(1);
        ImapSettings imaps = ImapSettings.parse("imaps://" + BOX.replace("@", "%40") + "@127.0.0.1:" + sim.imaps().port())
                .withPassword(PASSWORD.toCharArray());
        try (Mailroom untrusted = mailroom(imaps).build()) {
            assertThatThrownBy(untrusted::runOnce).isInstanceOf(IOException.class);
        }
        assertThat(sim.messages(BOX)).hasSize(1);
        SmtpSettings smtps = SmtpSettings.parse("smtps://127.0.0.1:" + sim.smtps().port()).withTrustStore(sim.trustStore());
        try (Mailroom m = mailroom(imaps.withTrustStore(sim.trustStore())).smtp(smtps).notificationSender("notifiche@comune.esempio.it")
                .office(Office.of("PROTOCOLLO", "Protocollo", OFFICE_BOX)).build()) {
            assertThat(single(m.runOnce()).outcome()).isEqualTo(Outcome.REGISTERED);
        }
        assertEachRegisteredOnce(delivered);
        assertThat(sim.messages(OFFICE_BOX)).as("the notification, over SMTPS").hasSize(1);
    }

    @Test
    @Tag("MRM-EXACT-03")
    @DisplayName("MRM-EXACT-03 INBOX's UIDVALIDITY changes in the middle of a round: the re-read registers nothing twice and INBOX ends empty")
    void uidValidityChangesMidRound() throws Exception {
        List<byte[]> delivered = deliver(6);
        long before = sim.uidValidity(BOX, Folders.INBOX);
        AtomicInteger outcomes = new AtomicInteger();
        MailroomListener resetAfterThird = new MailroomListener() {
            @Override
            public void onOutcome(IntakeEntry entry) {
                // the third message is committed and not yet moved: its UID is about to become meaningless
                if (outcomes.incrementAndGet() == 3) sim.resetUidValidity(BOX, Folders.INBOX);
            }
        };
        List<IntakeEntry> taken = new ArrayList<>();
        try (Mailroom m = mailroom(imap(sim.imap().port())).listener(resetAfterThird).build()) {
            for (int round = 0; round < 4 && !sim.messages(BOX).isEmpty(); round++) {
                try {
                    taken.addAll(m.runOnce().messages());
                } catch (IOException e) {
                    // the server ended the selection: the next round reconnects
                }
            }
        }
        assertThat(sim.uidValidity(BOX, Folders.INBOX)).isNotEqualTo(before);
        assertEachRegisteredOnce(delivered);
        assertThat(taken).filteredOn(e -> e.outcome() == Outcome.REGISTERED).hasSize(6);
        // the six are one group, journaled together before any is moved (MRM-GROUP-01); the change comes after the
        // third's outcome, so all six are committed but not moved, found again under their new UIDs and only moved
        assertThat(taken).as("the six, committed but not moved before the change, found again and only moved")
                .filteredOn(e -> e.outcome() == Outcome.DUPLICATE).hasSize(6);
    }

    /** A whole PDF of {@link #ATTACHMENT} bytes, mostly pseudo-random ones in a stream. */
    private static byte[] largePdf() {
        return io.github.pec4j.testkit.Attachments.pdf(ATTACHMENT, 30);
    }

    private static IntakeEntry single(RoundReport r) {
        assertThat(r.messages()).hasSize(1);
        return r.messages().get(0);
    }
}
