package io.github.pec4j.mailroom;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pec4j.core.PecMessage;
import io.github.pec4j.core.PecParser;
import io.github.pec4j.receipts.SentMessage;
import io.github.pec4j.receipts.TransmissionRecorder;
import io.github.pec4j.registry.Actor;
import io.github.pec4j.registry.Channel;
import io.github.pec4j.registry.Classification;
import io.github.pec4j.registry.Correspondent;
import io.github.pec4j.registry.Direction;
import io.github.pec4j.registry.DocumentRequest;
import io.github.pec4j.registry.IdempotencyKey;
import io.github.pec4j.registry.Impronta;
import io.github.pec4j.registry.IntakeEntry;
import io.github.pec4j.registry.IntakeEntry.Outcome;
import io.github.pec4j.registry.MailroomState;
import io.github.pec4j.registry.OutboxEntry;
import io.github.pec4j.registry.ProtocolId;
import io.github.pec4j.registry.ProtocolRegistry;
import io.github.pec4j.registry.RegisterId;
import io.github.pec4j.registry.Registration;
import io.github.pec4j.registry.RegistrationRequest;
import io.github.pec4j.registry.SearchQuery;
import io.github.pec4j.registry.TransmissionEvent;
import io.github.pec4j.simulator.FileAttachment;
import io.github.pec4j.simulator.PecProviderSimulator;
import io.github.pec4j.simulator.Submission;
import io.github.pec4j.testkit.AdmissionScenarios;
import io.github.pec4j.testkit.Attachments;
import io.github.pec4j.testkit.FixtureKind;
import io.github.pec4j.testkit.TestPki;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;

/**
 * A morning's burst in the institutional box of a {@link PecProviderSimulator}, and the checks that every message
 * was taken in exactly once. Mostly genuine PEC with a PDF, routed by subject to offices that are notified by
 * e-mail; ordinary mail under REJECT (answered, except automatic mail); receipts for an outgoing letter (filed) and
 * for unknown ones (kept unmatched); forged envelopes and a macro-laden attachment (quarantine); broken messages;
 * the same PEC delivered twice. The order is shuffled with a fixed seed, so a kill lands among every kind.
 */
final class Burst {
    static final String BOX = AdmissionScenarios.AOO_BOX;
    static final String PASSWORD = "burst-Imap-pw";
    static final RegisterId REGISTER = RegisterId.of("c_esempio", "AOO_ESEMPIO", "PG");
    /** Notifications come from an ordinary address (the simulator forwards them as they are). */
    static final String NOTIFIER = "notifiche.protocollo@comune.esempio.it";
    static final String LETTER_ID = "20240314.lettera-burst@client.comune.esempio.it";
    static final List<String> LETTER_TO = List.of("ufficio1@pec.regione.esempio.it", "ufficio2@pec.regione.esempio.it",
            "ufficio3@pec.regione.esempio.it");

    /** What a subject keyword routes to, and how many offices are notified. */
    private record Topic(String keyword, String competenza, List<String> conoscenza) {
        int notified() {
            return 1 + conoscenza.size();
        }
    }

    private static final List<Topic> TOPICS = List.of(new Topic("tributi", "TRIBUTI", List.of()),
            new Topic("edilizia", "EDILIZIA", List.of("SEGRETERIA")), new Topic("anagrafe", "ANAGRAFE", List.of()),
            new Topic("istanza", MailroomConfig.DEFAULT_PROTOCOL_OFFICE, List.of()));

    enum Category { PEC, PEC_AGAIN, ORDINARY, ORDINARY_AUTO, RECEIPT, RECEIPT_UNKNOWN, FORGED, MACRO, BROKEN }

    /** One message the test put in INBOX. */
    record Delivered(Category category, byte[] raw, int notifications) {}

    final PecProviderSimulator sim;
    final List<Delivered> delivered = new ArrayList<>();
    private final PecParser parser = PecParser.create();
    private final Map<String, IdempotencyKey> keys = new HashMap<>();

    Burst(PecProviderSimulator sim) {
        this.sim = sim;
        sim.box(BOX, PASSWORD);
        for (Office o : offices()) sim.ordinaryBox(o.email().orElseThrow(), "office-pw");
    }

    static Routing routing() {
        List<Routing.Rule> rules = TOPICS.stream().filter(t -> !t.competenza().equals(MailroomConfig.DEFAULT_PROTOCOL_OFFICE))
                .map(t -> new Routing.Rule(t.keyword(), List.of(), List.of(), List.of(t.keyword()), List.of(), List.of(t.competenza()), t.conoscenza()))
                .toList();
        return Routing.of(rules, MailroomConfig.DEFAULT_PROTOCOL_OFFICE);
    }

    static List<Office> offices() {
        return List.of(Office.of("TRIBUTI", "Ufficio tributi", "tributi@comune.esempio.it"),
                Office.of("EDILIZIA", "Edilizia privata", "edilizia@comune.esempio.it"),
                Office.of("SEGRETERIA", "Segreteria generale", "segreteria@comune.esempio.it"),
                Office.of("ANAGRAFE", "Anagrafe", "anagrafe@comune.esempio.it"),
                Office.of(MailroomConfig.DEFAULT_PROTOCOL_OFFICE, "Protocollo", "protocollo.interno@comune.esempio.it"));
    }

    /** The outgoing letter whose receipts arrive in the burst, registered before the intake starts. */
    static ProtocolId registerLetter(ProtocolRegistry registry, java.time.Instant at) throws IOException {
        Registration out = registry.register(RegistrationRequest.outgoing(REGISTER, Channel.PEC)
                .correspondent(Correspondent.of("Regione", LETTER_TO.get(0))).oggetto("Richiesta documentazione")
                .document(DocumentRequest.of("lettera.pdf", "application/pdf", Attachments.pdf()))
                .classification(Classification.of("I.1")).operator(Actor.system("outbound")).build()).registration();
        TransmissionRecorder.of(registry, Actor.system("outbound")).sent(out.id(), SentMessage.of(LETTER_ID, at, LETTER_TO.toArray(String[]::new)));
        return out.id();
    }

    /**
     * Fills INBOX: {@code pecs} genuine PEC (plus three of them delivered again), {@code ordinary} ordinary mails to
     * answer, and a fixed set of automatic mail, receipts, forged, macro-laden and broken messages.
     */
    void fill(int pecs, int ordinary) {
        keys.clear();
        List<Runnable> plan = new ArrayList<>();
        List<byte[]> genuine = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < pecs; i++) {
            int n = i;
            plan.add(() -> genuine.add(pec(n)));
        }
        for (int i = 0; i < ordinary; i++) {
            String from = "cittadino.peo" + i + "@example.org";
            sim.ordinaryBox(from, "peo-pw");
            plan.add(() -> add(Category.ORDINARY, sim.deliverOrdinary(from, BOX, "Segnalazione n. " + from.hashCode(), "Buongiorno, segnalo...", Map.of()).raw(), 0));
        }
        for (int i = 0; i < 2; i++) {
            String from = "risponditore" + i + "@example.org";
            plan.add(() -> add(Category.ORDINARY_AUTO, sim.deliverOrdinary(from, BOX, "Fuori sede", "Sono fuori sede.", Map.of("Auto-Submitted", "auto-replied")).raw(), 0));
        }
        plan.add(() -> add(Category.RECEIPT, sim.deliverReceipt(BOX, FixtureKind.ACCETTAZIONE, LETTER_TO.get(0), LETTER_ID, "Richiesta documentazione").raw(), 0));
        for (String to : LETTER_TO) {
            plan.add(() -> add(Category.RECEIPT, sim.deliverReceipt(BOX, FixtureKind.AVVENUTA_CONSEGNA, to, LETTER_ID, "Richiesta documentazione").raw(), 0));
        }
        for (int i = 0; i < 4; i++) {
            String id = "sconosciuto-" + i + "@client.comune.esempio.it";
            plan.add(() -> add(Category.RECEIPT_UNKNOWN, sim.deliverReceipt(BOX, FixtureKind.AVVENUTA_CONSEGNA, "altro@pec.example.it", id, "Vecchia lettera").raw(), 0));
        }
        TestPki pki = TestPki.shared();
        for (int i = 0; i < 4; i++) {
            String subject = "Istanza contraffatta " + i;
            plan.add(() -> add(Category.FORGED, sim.deliver(BOX, FixtureKind.POSTA_CERTIFICATA, b -> b.from("falso@pec.example.it").to(BOX)
                    .subject(subject).signedBy(pki.otherCertificate(), pki.otherKey())).raw(), 0));
        }
        byte[] macro = AdmissionScenarios.create().macroAttachment();
        plan.add(() -> {
            sim.deliverRaw(BOX, macro);
            add(Category.MACRO, macro, 0);
        });
        for (int i = 0; i < 3; i++) {
            byte[] broken = ("Subject: rotto " + i + "\r\nMIME-Version: 1.0\r\nContent-Type: multipart/signed; boundary=\"b" + i
                    + "\"\r\n\r\n--b" + i + "\r\nContent-Type: application/pkcs7-signature\r\n\r\n\u00ff\u00fe non una firma\r\n").getBytes(StandardCharsets.ISO_8859_1);
            plan.add(() -> {
                sim.deliverRaw(BOX, broken);
                add(Category.BROKEN, broken, 0);
            });
        }
        Collections.shuffle(plan, new Random(13));
        plan.forEach(Runnable::run);
        for (int i = 0; i < 3; i++) { // the provider delivers three PEC twice
            byte[] again = genuine.get(i * 7);
            sim.deliverRaw(BOX, again);
            add(Category.PEC_AGAIN, again, 0);
        }
    }

    /**
     * Delivers {@code count} more genuine PEC (numbered from {@code first}, so their subjects and attachments are
     * new), after {@link #fill}: mail that only a node holding the box can take in.
     */
    void more(int first, int count) {
        for (int n = first; n < first + count; n++) pec(n);
    }

    private byte[] pec(int n) {
        Topic t = TOPICS.get(n % TOPICS.size());
        String subject = t.keyword().substring(0, 1).toUpperCase(Locale.ROOT) + t.keyword().substring(1) + ": pratica n. " + n;
        byte[] pdf = Attachments.pdf();
        byte[] raw = sim.deliverPec("cittadino" + (n % 25) + "@pec.example.it", BOX, subject,
                FileAttachment.of("pratica-" + n + ".pdf", "application/pdf", pdf)).raw();
        add(Category.PEC, raw, t.notified());
        return raw;
    }

    private synchronized void add(Category c, byte[] raw, int notifications) {
        delivered.add(new Delivered(c, raw, notifications));
    }

    int replies() {
        return (int) delivered.stream().filter(d -> d.category() == Category.ORDINARY).count();
    }

    // ------------------------------------------------------------------ checks

    /** What the checks found, for the report. */
    record Findings(int messages, int registrations, int notifications, int replies, int resent) {}

    /**
     * Every message registered exactly once, INBOX empty, each message in exactly one folder, the one its journal
     * entry names, every notification and reply sent and delivered; resends of the same Message-ID are at most
     * {@code kills} (one SMTP exchange in flight per killed process) and are counted in the findings.
     */
    Findings check(ProtocolRegistry registry, ProtocolId letter, int kills) throws IOException {
        MailroomState state = registry.mailroom().orElseThrow();
        assertThat(sim.messages(BOX)).as("INBOX").isEmpty();
        Map<IdempotencyKey, IntakeEntry> journal = journal(state);
        Map<IdempotencyKey, List<String>> found = foldersByKey();
        Map<IdempotencyKey, List<Category>> ours = new HashMap<>();
        for (Delivered d : delivered) ours.computeIfAbsent(key(d.raw()), k -> new ArrayList<>()).add(d.category());

        checkFolders(journal, found, ours);
        checkOutcomes(journal, ours);
        List<Registration> incoming = checkRegistrations(registry, ours);
        Set<String> expected = expectedMail(state, incoming, ours);
        int resent = checkDeliveries(expected, kills);
        checkReceiptsFiled(registry, letter);
        int replies = replies();
        return new Findings(found.values().stream().mapToInt(List::size).sum(), incoming.size(), expected.size() - replies, replies, resent);
    }

    private static Map<IdempotencyKey, IntakeEntry> journal(MailroomState state) throws IOException {
        Map<IdempotencyKey, IntakeEntry> journal = new HashMap<>();
        for (Outcome o : Outcome.values()) {
            for (IntakeEntry e : state.intakes(BOX, o, 0, 10_000)) assertThat(journal.put(e.key(), e)).as("one entry per key: %s", e.key()).isNull();
        }
        return journal;
    }

    private Map<IdempotencyKey, List<String>> foldersByKey() throws IOException {
        Map<IdempotencyKey, List<String>> found = new HashMap<>();
        Folders folders = Folders.defaults();
        for (String folder : List.of(folders.registered(), folders.receipts(), folders.unmatchedReceipts(), folders.refused(),
                folders.quarantine(), folders.errors(), folders.archive())) {
            for (byte[] raw : sim.messages(BOX, folder)) found.computeIfAbsent(key(raw), k -> new ArrayList<>()).add(folder);
        }
        return found;
    }

    /** Each message in the folder its journal entry names, once per delivery; the only extras are the replies' accettazioni. */
    private void checkFolders(Map<IdempotencyKey, IntakeEntry> journal, Map<IdempotencyKey, List<String>> found,
            Map<IdempotencyKey, List<Category>> ours) {
        assertThat(found.keySet()).as("every journal entry's message is in a folder").containsAll(journal.keySet());
        int extras = 0;
        for (Map.Entry<IdempotencyKey, List<String>> f : found.entrySet()) {
            IntakeEntry e = journal.get(f.getKey());
            assertThat(e).as("journal entry of a message in %s", f.getValue()).isNotNull();
            assertThat(f.getValue()).as("folders of %s (%s)", f.getKey(), e.outcome()).containsOnly(e.folder());
            List<Category> delivered = ours.get(f.getKey());
            if (delivered == null) {
                extras++;
                assertThat(e.kind()).as("a message nobody delivered: the accettazione of a reply").isEqualTo("accettazione");
                assertThat(e.outcome()).as("the receipt of the mailroom's own reply is filed with the receipts").isEqualTo(Outcome.RECEIPT);
                assertThat(e.registration()).isEmpty();
                assertThat(f.getValue()).hasSize(1);
            } else {
                assertThat(f.getValue()).as("copies of %s (%s)", f.getKey(), delivered).hasSameSizeAs(delivered);
            }
        }
        assertThat(found.keySet()).as("nothing delivered is lost").containsAll(ours.keySet());
        assertThat(extras).as("one accettazione per reply sent").isEqualTo(replies());
    }

    private static void checkOutcomes(Map<IdempotencyKey, IntakeEntry> journal, Map<IdempotencyKey, List<Category>> ours) {
        for (Map.Entry<IdempotencyKey, List<Category>> o : ours.entrySet()) {
            Outcome got = journal.get(o.getKey()).outcome();
            Category c = o.getValue().get(0) == Category.PEC_AGAIN ? Category.PEC : o.getValue().get(0);
            Set<Outcome> allowed = switch (c) {
                case PEC, PEC_AGAIN -> Set.of(Outcome.REGISTERED, Outcome.DUPLICATE);
                case ORDINARY, ORDINARY_AUTO -> Set.of(Outcome.REFUSED);
                case RECEIPT -> Set.of(Outcome.RECEIPT);
                case RECEIPT_UNKNOWN -> Set.of(Outcome.RECEIPT_UNMATCHED);
                case FORGED, MACRO -> Set.of(Outcome.QUARANTINED);
                case BROKEN -> Set.of(Outcome.REFUSED, Outcome.QUARANTINED, Outcome.ERROR);
            };
            assertThat(allowed).as("outcome of a %s message", c).contains(got);
        }
    }

    /** One registration per genuine PEC, keys distinct, the register's numbers gapless. */
    private static List<Registration> checkRegistrations(ProtocolRegistry registry, Map<IdempotencyKey, List<Category>> ours) throws IOException {
        List<Registration> all = registry.search(SearchQuery.all().page(0, SearchQuery.MAX_LIMIT));
        assertThat(all).extracting(r -> r.id().number()).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, all.size()).boxed().toList());
        List<Registration> incoming = all.stream().filter(r -> r.direction() == Direction.INCOMING).toList();
        Set<IdempotencyKey> pecKeys = new HashSet<>();
        ours.forEach((k, c) -> {
            if (c.contains(Category.PEC)) pecKeys.add(k);
        });
        List<IdempotencyKey> keys = incoming.stream().map(r -> r.idempotencyKey().orElseThrow()).toList();
        assertThat(keys).as("no two registrations with the same key").doesNotHaveDuplicates();
        assertThat(keys).as("one registration per genuine PEC").containsExactlyInAnyOrderElementsOf(pecKeys);
        return incoming;
    }

    /** The Message-IDs of every notification and reply, each entry sent; as many notifications as the routing says. */
    private Set<String> expectedMail(MailroomState state, List<Registration> incoming, Map<IdempotencyKey, List<Category>> ours) throws IOException {
        Set<String> ids = new HashSet<>();
        Map<IdempotencyKey, Integer> notified = new HashMap<>();
        for (Delivered d : delivered) if (d.category() == Category.PEC) notified.put(key(d.raw()), d.notifications());
        for (Registration r : incoming) {
            List<OutboxEntry> out = state.outbox(r.id());
            assertThat(out).as("notifications of %s", r.id()).hasSize(notified.get(r.idempotencyKey().orElseThrow()))
                    .allSatisfy(e -> assertThat(e.state()).isEqualTo(OutboxEntry.State.SENT));
            out.forEach(e -> ids.add(e.messageId()));
        }
        for (Map.Entry<IdempotencyKey, List<Category>> o : ours.entrySet()) {
            java.util.Optional<OutboxEntry> reply = state.outboxEntry("reply:" + o.getKey().value());
            if (o.getValue().contains(Category.ORDINARY)) {
                assertThat(reply).as("reply to %s", o.getKey()).hasValueSatisfying(e -> assertThat(e.state()).isEqualTo(OutboxEntry.State.SENT));
                ids.add(reply.get().messageId());
            } else {
                assertThat(reply).as("no reply to a %s", o.getValue()).isEmpty();
            }
        }
        return ids;
    }

    /** Every expected Message-ID reached the SMTP server and the office boxes; returns how many were sent again. */
    private int checkDeliveries(Set<String> expected, int kills) {
        Map<String, Integer> submitted = new HashMap<>();
        for (Submission s : sim.submissions()) s.messageId().ifPresent(id -> submitted.merge("<" + id + ">", 1, Integer::sum));
        assertThat(submitted.keySet()).as("every notification and reply submitted").containsAll(expected);
        assertThat(submitted.keySet()).as("nothing else submitted").containsExactlyInAnyOrderElementsOf(expected);
        int resent = submitted.values().stream().mapToInt(n -> n - 1).sum();
        assertThat(resent).as("resends: at most one SMTP exchange in flight per kill").isLessThanOrEqualTo(kills);
        Map<String, Integer> inOffices = new HashMap<>();
        for (Office o : offices()) {
            for (byte[] raw : sim.messages(o.email().orElseThrow())) inOffices.merge(messageId(raw), 1, Integer::sum);
        }
        int notifications = expected.size() - replies();
        assertThat(inOffices).as("distinct notifications in the office boxes").hasSize(notifications);
        assertThat(inOffices.values().stream().mapToInt(n -> n - 1).sum()).as("repeats in the office boxes").isLessThanOrEqualTo(resent);
        return resent;
    }

    private static void checkReceiptsFiled(ProtocolRegistry registry, ProtocolId letter) throws IOException {
        assertThat(registry.transmissions(letter)).as("the letter's transmissions: sent, then each receipt once")
                .extracting(t -> t.event().type())
                .containsExactlyInAnyOrder(TransmissionEvent.Type.SENT, TransmissionEvent.Type.ACCETTAZIONE, TransmissionEvent.Type.CONSEGNA,
                        TransmissionEvent.Type.CONSEGNA, TransmissionEvent.Type.CONSEGNA);
    }

    /** The intake key the mailroom computes for these bytes (computed once per distinct message). */
    IdempotencyKey key(byte[] raw) {
        return keys.computeIfAbsent(Impronta.of(raw).hex(), h -> parseKey(raw));
    }

    private IdempotencyKey parseKey(byte[] raw) {
        try (PecMessage m = parser.parse(raw)) {
            return IncomingRequests.intakeKey(BOX, m);
        } catch (IOException | RuntimeException e) {
            return IncomingRequests.rawKey(BOX, Impronta.of(raw).hex());
        }
    }

    private static final Pattern MESSAGE_ID = Pattern.compile("(?im)^Message-ID:\\s*(<[^>]+>)");

    static String messageId(byte[] raw) {
        String head = new String(raw, 0, Math.min(raw.length, 8192), StandardCharsets.ISO_8859_1);
        int end = head.indexOf("\r\n\r\n");
        Matcher m = MESSAGE_ID.matcher(end > 0 ? head.substring(0, end) : head);
        return m.find() ? m.group(1) : "(none)";
    }
}
