package io.github.pec4j.cli.internal;

import io.github.pec4j.core.PecMessage;
import io.github.pec4j.core.PecParser;
import io.github.pec4j.mailroom.Addressee;
import io.github.pec4j.mailroom.Outbound;
import io.github.pec4j.mailroom.OutboundPolicy;
import io.github.pec4j.mailroom.OutboundResult;
import io.github.pec4j.mailroom.Preflight;
import io.github.pec4j.mailroom.SmtpSettings;
import io.github.pec4j.receipts.DeliveryBoard;
import io.github.pec4j.receipts.DeliveryState;
import io.github.pec4j.receipts.OutgoingDelivery;
import io.github.pec4j.receipts.RecipientStatus;
import io.github.pec4j.registry.IntakeEntry;
import io.github.pec4j.registry.ProtocolId;
import io.github.pec4j.registry.ProtocolRegistry;
import io.github.pec4j.registry.Registration;
import io.github.pec4j.registry.StoredDocument;
import io.github.pec4j.registry.TransmissionEvent;
import io.github.pec4j.registry.TransmissionRecord;
import io.github.pec4j.segnatura.SealKey;
import io.github.pec4j.signature.TrustStore;
import io.github.pec4j.simulator.PecProviderSimulator;
import io.github.pec4j.simulator.Submission;
import io.github.pec4j.testkit.TestPki;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The demo's outgoing letter: sent from the institutional box through pec-mailroom's {@link Outbound} (what
 * {@code pec send} runs) — pre-flight, number, Message-ID, SMTP submission to the simulator — then followed while the
 * intake files its receipts, each recipient's light read back from the register by the {@link DeliveryBoard} that
 * {@code pec track --registry} reads, and printed by {@link TrackRegistry}.
 */
final class DemoLetter {
    private static final DateTimeFormatter HM = DateTimeFormatter.ofPattern("HH:mm").withZone(DemoMorning.ROME);
    private static final DateTimeFormatter AT = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private final PecProviderSimulator pec;
    private final ProtocolRegistry registry;
    private final Clock clock;
    private final PrintStream out;
    private final Map<String, DeliveryState> shown = new LinkedHashMap<>();
    private final List<String> turns = new ArrayList<>();
    private ProtocolId id;
    private String messageId;
    private String subject;
    private boolean refusedWithoutNumber;

    private DemoLetter(PecProviderSimulator pec, ProtocolRegistry registry, Clock clock, PrintStream out) {
        this.pec = pec;
        this.registry = registry;
        this.clock = clock;
        this.out = out;
    }

    /** Sends the letter now, printing each step, and the board as it stands before any receipt is taken in. */
    static DemoLetter send(PecProviderSimulator pec, ProtocolRegistry registry, TrustStore trust, Clock clock, PrintStream out)
            throws IOException {
        DemoLetter letter = new DemoLetter(pec, registry, clock, out);
        letter.send(trust);
        return letter;
    }

    /** The institutional box's SMTP submission on the simulator (plain text: loopback only). */
    static SmtpSettings smtp(PecProviderSimulator pec) {
        return SmtpSettings.parse("smtp://" + DemoMorning.BOX.replace("@", "%40") + "@127.0.0.1:" + pec.smtp().port() + "?starttls=none")
                .withPassword(DemoMorning.PASSWORD.toCharArray());
    }

    private void announce() {
        out.println();
        out.println(HM.format(pec.now()) + "  The protocol office sends a letter from the institutional box through pec-mailroom's Outbound (what");
        out.println("       `pec send` runs): \"" + DemoMorning.LETTER_SUBJECT + "\" to ipa:" + DemoMorning.REGION_IPA
                + " (the Regione Demo");
        out.println("       in the demo's IPA), " + DemoMorning.FIRM + " and " + DemoMorning.STUDIO + ". The AOO's rule");
        out.println("       is Mogliano's: a primary signed in .p7m or PAdES with a valid signature, PDF secondaries, PEC recipients only.");
    }

    /** The AOO's Outbound: Mogliano's rule, the demo's IPA, the testkit's seal on the segnatura, the simulator's SMTP. */
    private Outbound outbound(TrustStore trust, TestPki pki) {
        return Outbound.builder(registry, DemoMorning.REGISTER, DemoMorning.BOX).smtp(smtp(pec)).policy(OutboundPolicy.mogliano())
                .ipa(DemoMorning.ipa()).trust(trust).sealKey(SealKey.of(pki.sealKey(), pki.sealCertificate())).aooName("Comune di Demo")
                .clock(clock).build();
    }

    private void send(TrustStore trust) throws IOException {
        TestPki pki = pec.options().pki();
        announce();
        try (Outbound outbound = outbound(trust, pki)) {
            OutboundResult refused = outbound.send(DemoMorning.letter(pki, false));
            refusedWithoutNumber = refused.state() == OutboundResult.State.REFUSED_BY_PREFLIGHT && refused.protocol().isEmpty();
            out.println("  With the bare convocazione.pdf as primary: " + state(refused) + (refused.protocol().isEmpty() ? ", no number used:" : ":"));
            problems(refused.preflight().errors());
            OutboundResult sent = outbound.send(DemoMorning.letter(pki, true));
            out.println("  With convocazione.pdf.p7m (signed in CAdES by the testkit's signer) and planimetria.pdf: pre-flight "
                    + (sent.preflight().passed() ? "passed" : "failed") + ", " + sent.preflight().warnings().size() + " warning(s); " + state(sent) + ":");
            problems(sent.preflight().warnings());
            if (sent.protocol().isEmpty()) throw new IOException("the letter was not registered: " + sent);
            id = sent.protocol().get();
            messageId = sent.messageId().orElseThrow();
            submitted(sent);
        }
        out.println("  As `pec track --registry` shows it now, before the intake has taken any receipt in:");
        record("sent");
        board(clock.instant());
    }

    private void problems(List<Preflight.Problem> problems) {
        for (Preflight.Problem p : problems) out.println("    " + p.subject() + ": " + p.message() + " [" + p.code() + "]");
    }

    private void submitted(OutboundResult sent) throws IOException {
        Registration r = registry.find(id).orElseThrow();
        List<Submission> submissions = submissions();
        out.println("    protocol    " + id + ", registered " + HM.format(r.registeredAt()) + ": " + r.documents().stream()
                .map(StoredDocument::fileName).collect(Collectors.joining(", ")));
        out.println("    message-id  " + messageId);
        subject = submissions.stream().findFirst().flatMap(Submission::subject).orElse(DemoMorning.LETTER_SUBJECT);
        for (Submission s : submissions) {
            out.println("    submitted   " + HM.format(s.at()) + " over SMTP on 127.0.0.1, from " + s.sender() + " to " + s.recipients().size()
                    + " recipients, \"" + s.subject().orElse("") + "\"");
        }
        String segnatura = sealed() ? "the sealed segnatura" : "the segnatura";
        for (Addressee a : sent.recipients()) {
            out.printf("      %-42s %s%s%n", a.address(), a.name(), a.ipaCode().map(c -> " (ipa:" + c + ": an administration, so the letter carries "
                    + segnatura + ")").orElse(""));
        }
    }

    /** Whether the registered Segnatura.xml carries an XML signature (the AOO's seal). */
    private boolean sealed() throws IOException {
        List<StoredDocument> docs = registry.find(id).orElseThrow().documents();
        for (int i = 0; i < docs.size(); i++) {
            if (!docs.get(i).fileName().equals("Segnatura.xml")) continue;
            try (InputStream in = registry.openDocument(id, i)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8).contains("SignatureValue");
            }
        }
        return false;
    }

    /** The provider's submissions of this letter (the simulator's log). */
    private List<Submission> submissions() {
        String bare = messageId.substring(1, messageId.length() - 1);
        return pec.submissions().stream().filter(s -> s.messageId().filter(bare::equals).isPresent()).toList();
    }

    private static String state(OutboundResult r) {
        return switch (r.state()) {
            case REFUSED_BY_PREFLIGHT -> "refused by the pre-flight";
            case REGISTERED -> "registered, waiting in the outbox";
            case SUBMITTED -> "registered and submitted";
            case REFUSED_BY_PROVIDER -> "registered, refused by the provider: " + r.failure().orElse("");
        };
    }

    /** The letter's protocol id. */
    ProtocolId id() {
        return id;
    }

    /** The Message-ID the letter was sent with, in angle brackets. */
    String messageId() {
        return messageId;
    }

    /** The Subject the letter was sent with. */
    String subject() {
        return subject;
    }

    /** The provider's receipts of the letter now in the institutional box, as the morning's list shows them. */
    List<DemoMorning.Mail> receiptsInBox() throws IOException {
        List<DemoMorning.Mail> mail = new ArrayList<>();
        PecParser parser = PecParser.create();
        for (byte[] raw : pec.messages(DemoMorning.BOX)) {
            try (PecMessage m = parser.parse(raw)) {
                String what = m.kind().id() + m.daticert().flatMap(d -> d.consegna()).map(c -> " for " + c).orElse("")
                        + m.daticert().flatMap(d -> d.erroreEsteso()).map(e -> ": " + e.text()).orElse("");
                mail.add(new DemoMorning.Mail(pec.now(), from(m), "receipt", m.subject().orElse(""), what));
            }
        }
        return mail;
    }

    /** The address in the From header (a receipt's is the provider's), else the daticert's mittente. */
    private static String from(PecMessage m) {
        String from = m.headers().first("From").orElse("").trim();
        int lt = from.lastIndexOf('<');
        int gt = from.lastIndexOf('>');
        if (lt >= 0 && gt > lt) return from.substring(lt + 1, gt);
        return from.isEmpty() ? m.sender().orElse("-") : from;
    }

    /** Called once each intake outcome is committed: a receipt of the letter may turn a light. */
    void onOutcome(IntakeEntry entry) {
        if (entry.outcome() != IntakeEntry.Outcome.RECEIPT || !entry.registration().filter(id::equals).isPresent()) return;
        record(entry.kind());
    }

    /**
     * Notes each recipient whose state changed since the last look, as the register now says, with the event that
     * changed it: the mailroom files a group's receipts together, so one look may find several of them filed.
     */
    private void record(String event) {
        Instant now = clock.instant();
        try {
            OutgoingDelivery d = DeliveryBoard.of(registry).delivery(id, now).orElseThrow();
            Map<String, String> lastEvent = lastEvents();
            for (RecipientStatus r : d.recipients()) {
                if (shown.get(r.address()) == r.state()) continue;
                shown.put(r.address(), r.state());
                String label = lastEvent.getOrDefault(r.address(), lastEvent.getOrDefault("*", event));
                turns.add(String.format("  %s  %-18s %-42s [%s] %s", HM.format(now), label, r.address(), r.state().light().id(), r.state().id()));
            }
        } catch (IOException | RuntimeException e) {
            turns.add("  " + HM.format(now) + "  " + event + ": the register could not be read (" + e.getMessage() + ")");
        }
    }

    /** The kind of receipt last filed for each recipient ({@code *}: the letter's own, such as the accettazione). */
    private Map<String, String> lastEvents() throws IOException {
        Map<String, String> last = new TreeMap<>();
        for (TransmissionRecord t : registry.transmissions(id)) {
            if (t.event().type() == TransmissionEvent.Type.SENT) continue;
            last.put(t.event().recipient().orElse("*"), receiptKind(t.event().type()));
        }
        return last;
    }

    private static String receiptKind(TransmissionEvent.Type type) {
        return switch (type) {
            case CONSEGNA -> "avvenuta-consegna";
            default -> type.name().toLowerCase(Locale.ROOT).replace('_', '-');
        };
    }

    /** The lights as they turned, then the board at {@code at}, as {@code pec track --registry} prints it. */
    void report(Instant at) throws IOException {
        out.println();
        out.println("The letter " + id + ", recipient by recipient, as each of its receipts was filed (read back from the register):");
        turns.forEach(out::println);
        out.println("As `pec track --registry` prints it after the round, with the provider's words and what to do next (--at " + at(at) + ";");
        out.println("the command is at the end):");
        board(at);
    }

    /** A time as {@code --at} takes it, in Italian time. */
    static String at(Instant t) {
        return AT.format(t.atZone(DemoMorning.ROME));
    }

    private void board(Instant at) throws IOException {
        TrackRegistry.text(out, DeliveryBoard.of(registry).delivery(id, at).orElseThrow(), false);
    }

    /** The facts: one submission, the events per recipient in the register, each recipient's light now. */
    DemoOffice.LetterFacts facts(Instant at) throws IOException {
        Map<String, List<String>> events = new TreeMap<>();
        for (TransmissionRecord t : registry.transmissions(id)) {
            events.computeIfAbsent(t.event().recipient().orElse("*"), k -> new ArrayList<>()).add(t.event().type().name());
        }
        Map<String, String> lights = new TreeMap<>();
        for (RecipientStatus r : DeliveryBoard.of(registry).delivery(id, at).orElseThrow().recipients()) {
            lights.put(r.address(), r.state().light().id());
        }
        return new DemoOffice.LetterFacts(id, messageId, refusedWithoutNumber, submissions().size(), events, lights);
    }
}
